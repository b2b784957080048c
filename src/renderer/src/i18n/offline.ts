/** Texts of a till whose host blinks (issue 18): the host unreachable, the sale waiting, the clock. */
export const offlineId = {
  'offline.title': 'Komputer utama tidak terhubung',
  'offline.body': 'Keranjang tetap tersimpan di perangkat ini. Tunggu sampai komputer utama menyala atau jaringan tersambung lagi; penjualan yang sedang dikirim dikirim ulang otomatis, satu kali saja.',
  'offline.retrying': 'Mencoba menghubungi komputer utama lagi…',
  'offline.cart': 'Keranjang tersimpan · {n} barang · {total}',
  'offline.pendingTitle': 'Penjualan {total} menunggu komputer utama',
  'offline.pendingBody': 'Jangan ulangi penjualan ini dan jangan beri kembalian dua kali: mesin kasir mengirimnya lagi dengan kunci yang sama, sehingga tercatat satu kali dan struknya tercetak satu kali.',
  'offline.sending': 'Mengirim penjualan…',
  'offline.refused': 'Komputer utama menolak penjualan yang tertunda. Keranjang tetap ada; periksa lalu bayar lagi.',
  'clock.skew': 'Jam komputer ini berbeda {minutes} menit dari komputer utama. Waktu penjualan tetap memakai jam komputer utama; minta admin mencocokkan jam komputer ini.',
};

export const offlineEn: Record<keyof typeof offlineId, string> = {
  'offline.title': 'The main computer is not connected',
  'offline.body': 'The cart stays saved on this device. Wait until the main computer is on or the network is back; the sale being sent is sent again automatically, only once.',
  'offline.retrying': 'Trying to reach the main computer again…',
  'offline.cart': 'Saved cart · {n} {n|item|items} · {total}',
  'offline.pendingTitle': 'Sale of {total} waiting for the main computer',
  'offline.pendingBody': 'Do not ring this sale up again and do not give change twice: the till sends it again with the same key, so it is recorded once and its receipt prints once.',
  'offline.sending': 'Sending the sale…',
  'offline.refused': 'The main computer refused the waiting sale. The cart is still there; check it and take payment again.',
  'clock.skew': 'This computer’s clock differs from the main computer’s by {minutes} {minutes|minute|minutes}. Sale times still come from the main computer; ask the admin to set this computer’s clock.',
};
