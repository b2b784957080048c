/** The 17 regencies and cities (kabupaten/kota) of Sulawesi Tenggara. */
export const SULTRA_DISTRICTS = [
  'Kota Kendari',
  'Kota Baubau',
  'Kabupaten Bombana',
  'Kabupaten Buton',
  'Kabupaten Buton Selatan',
  'Kabupaten Buton Tengah',
  'Kabupaten Buton Utara',
  'Kabupaten Kolaka',
  'Kabupaten Kolaka Timur',
  'Kabupaten Kolaka Utara',
  'Kabupaten Konawe',
  'Kabupaten Konawe Kepulauan',
  'Kabupaten Konawe Selatan',
  'Kabupaten Konawe Utara',
  'Kabupaten Muna',
  'Kabupaten Muna Barat',
  'Kabupaten Wakatobi',
] as const;

export type SultraDistrict = (typeof SULTRA_DISTRICTS)[number];
