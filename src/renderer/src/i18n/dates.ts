/** Texts of the date field, the month picker and the expiry dates to correct. */
export const datesId = {
  'date.placeholder': 'hh/bb/tttt',
  'date.format': 'Tulis tanggal dengan hari dulu: hh/bb/tttt, mis. 30/06/2027',
  'date.impossible': 'Tanggal {text} tidak ada di kalender',
  'date.min': 'Paling awal {date}',
  'date.max': 'Paling lambat {date}',
  'date.openCalendar': 'Pilih di kalender',
  'date.calendar': 'Kalender',

  'month.previous': 'Bulan sebelumnya',
  'month.next': 'Bulan berikutnya',
  'month.month': 'Bulan',
  'month.year': 'Tahun',

  'bo.intake.expiryTooFar': 'Lebih dari 10 tahun lagi; periksa tanggalnya',

  'bo.lotNumber': 'lot {id}',
  'bo.expiry.doubtTitle': 'Tanggal kedaluwarsa yang meragukan',
  'bo.expiry.doubtIntro':
    'Tanggal ini tidak masuk akal untuk hari barangnya diterima (sebelum diterima, atau lebih dari 10 tahun sesudahnya), mungkin karena hari dan bulan tertukar saat diketik. Periksa kemasannya lalu perbaiki. Sampai diperbaiki, lot ini tidak ikut daftar retur kedaluwarsa.',
  'bo.expiry.received': 'Diterima',
  'bo.expiry.saved': 'Tersimpan',
  'bo.expiry.suggestion': 'Mungkin maksudnya',
  'bo.expiry.noSuggestion': 'periksa kemasan',
  'bo.expiry.correct': 'Perbaiki',
  'bo.expiry.correctTitle': 'Perbaiki tanggal kedaluwarsa',
  'bo.expiry.correctLead': '{name}, lot {lot}: diterima {received}, tersimpan {saved}.',
  'bo.expiry.newDate': 'Tanggal kedaluwarsa yang benar',
  'bo.expiry.correctReason': 'Alasan',
  'bo.expiry.correctReasonDefault': 'Hari dan bulan tertukar saat diketik',
  'bo.expiry.correctSave': 'Simpan tanggal',
  'bo.expiry.corrected': 'Tanggal kedaluwarsa {name} diperbaiki menjadi {date}.',
  'bo.expiry.implausibleMin': 'Sebelum barang diterima ({date})',
  'bo.expiry.implausibleMax': 'Lebih dari 10 tahun sesudah diterima',
} as const;

export const datesEn: Record<keyof typeof datesId, string> = {
  'date.placeholder': 'dd/mm/yyyy',
  'date.format': 'Write the day first: dd/mm/yyyy, e.g. 30/06/2027',
  'date.impossible': 'There is no such day as {text}',
  'date.min': 'Not before {date}',
  'date.max': 'Not after {date}',
  'date.openCalendar': 'Pick on the calendar',
  'date.calendar': 'Calendar',

  'month.previous': 'Previous month',
  'month.next': 'Next month',
  'month.month': 'Month',
  'month.year': 'Year',

  'bo.intake.expiryTooFar': 'More than 10 years ahead; check the date',

  'bo.lotNumber': 'lot {id}',
  'bo.expiry.doubtTitle': 'Expiry dates in doubt',
  'bo.expiry.doubtIntro':
    'These dates cannot be right for the day the goods came in (before they were received, or more than 10 years after), probably because day and month were swapped when typed. Check the packaging and correct them. Until corrected, these lots stay out of the expiry returns list.',
  'bo.expiry.received': 'Received',
  'bo.expiry.saved': 'Saved',
  'bo.expiry.suggestion': 'Probably meant',
  'bo.expiry.noSuggestion': 'check the packaging',
  'bo.expiry.correct': 'Correct',
  'bo.expiry.correctTitle': 'Correct the expiry date',
  'bo.expiry.correctLead': '{name}, lot {lot}: received {received}, saved as {saved}.',
  'bo.expiry.newDate': 'The right expiry date',
  'bo.expiry.correctReason': 'Reason',
  'bo.expiry.correctReasonDefault': 'Day and month swapped when typed',
  'bo.expiry.correctSave': 'Save date',
  'bo.expiry.corrected': 'Expiry of {name} corrected to {date}.',
  'bo.expiry.implausibleMin': 'Before the goods were received ({date})',
  'bo.expiry.implausibleMax': 'More than 10 years after they were received',
};
