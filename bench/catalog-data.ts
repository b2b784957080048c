/**
 * Word lists for the benchmark data generator: realistic Sulawesi Tenggara
 * UMKM suppliers and the products they consign to PLUT. Kept apart from
 * src/main/core/demo.ts (whose templates are private) so the generator can
 * build 300 suppliers and 20,000 products without touching src/.
 */
import { SULTRA_DISTRICTS, type SultraDistrict } from '../src/shared/districts';

export type Category = 'Makanan' | 'Minuman' | 'Kain & Tenun' | 'Kerajinan' | 'Bumbu';
export type Unit = 'pcs' | 'bungkus' | 'toples' | 'botol' | 'lembar';

export interface Specialty {
  /** Word used in supplier names ("UD Mete …"). */
  label: string;
  category: Category;
  unit: Unit;
  /** Base product names and their price for the middle size. */
  bases: [string, number][];
  variants: string[];
  /** Size label and price multiplier; '' = no size in the name. */
  sizes: [string, number][];
}

const FOOD_CATEGORIES: Category[] = ['Makanan', 'Minuman', 'Bumbu'];
export const tracksExpiry = (c: Category): boolean => FOOD_CATEGORIES.includes(c);

export const SPECIALTIES: Specialty[] = [
  {
    label: 'Mete',
    category: 'Makanan',
    unit: 'toples',
    bases: [['Kacang Mete', 65_000], ['Kacang Mete Kupas', 60_000], ['Kacang Mete Kulit Ari', 55_000]],
    variants: ['Original', 'Pedas', 'Madu', 'Bawang', 'Balado', 'Asin Gurih', 'Sangrai', 'Oven'],
    sizes: [['100 g', 0.45], ['250 g', 1], ['500 g', 1.9], ['1 kg', 3.7]],
  },
  {
    label: 'Abon Ikan',
    category: 'Makanan',
    unit: 'toples',
    bases: [['Abon Ikan Tuna', 35_000], ['Abon Ikan Cakalang', 35_000], ['Abon Ikan Tongkol', 30_000], ['Abon Ikan Sunu', 45_000], ['Abon Ikan Marlin', 40_000]],
    variants: ['Original', 'Pedas', 'Manis', 'Bawang'],
    sizes: [['50 g', 0.55], ['100 g', 1], ['250 g', 2.3]],
  },
  {
    label: 'Kopi',
    category: 'Minuman',
    unit: 'bungkus',
    bases: [['Kopi Kolaka Robusta', 45_000], ['Kopi Kolaka Arabika', 60_000], ['Kopi Konawe Robusta', 42_000], ['Kopi Mekongga', 55_000], ['Kopi Tinondo', 48_000]],
    variants: ['Bubuk', 'Biji Sangrai', 'Sachet'],
    sizes: [['100 g', 0.45], ['250 g', 1], ['500 g', 1.9]],
  },
  {
    label: 'Tenun',
    category: 'Kain & Tenun',
    unit: 'lembar',
    bases: [
      ['Sarung Tenun Buton', 400_000],
      ['Sarung Tenun Masalili', 450_000],
      ['Kain Tenun Muna', 350_000],
      ['Kain Tenun Tolaki', 380_000],
      ['Selendang Tenun Buton', 150_000],
      ['Syal Tenun Muna', 85_000],
      ['Tas Tenun Buton', 125_000],
      ['Dompet Tenun Tolaki', 45_000],
    ],
    variants: ['Merah Marun', 'Biru Dongker', 'Hijau Botol', 'Kuning Emas', 'Ungu Terong', 'Hitam Perak', 'Motif Kotak'],
    sizes: [['', 1]],
  },
  {
    label: 'Sagu',
    category: 'Makanan',
    unit: 'bungkus',
    bases: [['Bagea Sagu', 15_000], ['Kue Sagu', 35_000], ['Sagu Lempeng', 15_000], ['Sinonggi Instan', 20_000]],
    variants: ['Original', 'Kacang', 'Kenari', 'Gula Aren', 'Keju'],
    sizes: [['200 g', 1], ['400 g', 1.9]],
  },
  {
    label: 'Pangan Lokal',
    category: 'Makanan',
    unit: 'bungkus',
    bases: [['Kambuse Jagung', 22_000], ['Kasuami', 20_000], ['Kue Karasi Buton', 30_000], ['Kue Epu-Epu', 20_000], ['Kaowi-Owi Kering', 18_000], ['Lapa-Lapa Kering', 15_000]],
    variants: ['Original', 'Pedas', 'Manis'],
    sizes: [['250 g', 1], ['500 g', 1.8]],
  },
  {
    label: 'Madu',
    category: 'Makanan',
    unit: 'botol',
    bases: [['Madu Hutan Konawe', 90_000], ['Madu Hutan Wakatobi', 90_000], ['Madu Kelulut Kolaka Timur', 120_000], ['Madu Hutan Buton', 85_000], ['Madu Hutan Muna', 85_000]],
    variants: ['Murni', 'Plus Jahe', 'Plus Kunyit'],
    sizes: [['100 ml', 0.5], ['250 ml', 1], ['500 ml', 1.8], ['1 liter', 3.2]],
  },
  {
    label: 'Keripik',
    category: 'Makanan',
    unit: 'bungkus',
    bases: [['Keripik Pisang', 15_000], ['Keripik Ubi', 15_000], ['Keripik Talas', 17_000], ['Keripik Sukun', 17_000], ['Keripik Singkong', 13_000]],
    variants: ['Original', 'Manis', 'Balado', 'Cokelat', 'Keju'],
    sizes: [['150 g', 1], ['300 g', 1.7]],
  },
  {
    label: 'Olahan Laut',
    category: 'Makanan',
    unit: 'bungkus',
    bases: [['Rumput Laut Kering', 25_000], ['Dodol Rumput Laut', 25_000], ['Stik Rumput Laut', 18_000], ['Kerupuk Rumput Laut', 20_000], ['Amplang Ikan Tenggiri', 35_000], ['Kerupuk Ikan Tenggiri', 30_000]],
    variants: ['Original', 'Pedas', 'Manis'],
    sizes: [['100 g', 0.6], ['250 g', 1], ['500 g', 1.8]],
  },
  {
    label: 'Ikan Kering',
    category: 'Makanan',
    unit: 'bungkus',
    bases: [['Ikan Asin Teri Wakatobi', 35_000], ['Ikan Kaholeo Asap', 45_000], ['Ikan Tuna Asap', 50_000], ['Cumi Asin Kering', 75_000], ['Gurita Kering', 85_000], ['Ikan Asin Kakap', 65_000]],
    variants: ['Original', 'Pedas'],
    sizes: [['100 g', 0.5], ['250 g', 1], ['500 g', 1.9]],
  },
  {
    label: 'Sambal',
    category: 'Bumbu',
    unit: 'toples',
    bases: [['Sambal Roa', 35_000], ['Sambal Ikan Teri', 30_000], ['Sambal Tuna Asap', 35_000], ['Sambal Cumi', 45_000], ['Sambal Terasi Kendari', 25_000], ['Sambal Bawang', 25_000]],
    variants: ['Original', 'Extra Pedas', 'Manis'],
    sizes: [['150 g', 0.8], ['200 g', 1]],
  },
  {
    label: 'Gula Aren',
    category: 'Bumbu',
    unit: 'bungkus',
    bases: [['Gula Aren Cetak', 25_000], ['Gula Aren Bubuk', 22_000], ['Minyak Kelapa Kampung', 35_000], ['VCO Minyak Kelapa Murni', 55_000]],
    variants: ['Original', 'Organik'],
    sizes: [['250 g', 0.6], ['500 g', 1], ['1 kg', 1.8]],
  },
  {
    label: 'Anyaman',
    category: 'Kerajinan',
    unit: 'pcs',
    bases: [['Tas Anyaman Pandan', 85_000], ['Topi Anyaman Lontar', 45_000], ['Bakul Anyaman Bambu', 35_000], ['Tikar Anyaman Pandan', 150_000], ['Keranjang Rotan', 125_000], ['Dompet Anyaman Pandan', 25_000]],
    variants: ['Motif Polos', 'Motif Bunga', 'Motif Kotak', 'Warna Alam'],
    sizes: [['Kecil', 0.7], ['Sedang', 1], ['Besar', 1.5]],
  },
  {
    label: 'Perak',
    category: 'Kerajinan',
    unit: 'pcs',
    bases: [['Bros Perak Filigree', 150_000], ['Cincin Perak Filigree', 125_000], ['Anting Perak Filigree', 135_000], ['Gelang Perak Filigree', 250_000], ['Kalung Perak Filigree', 350_000], ['Liontin Perak', 185_000]],
    variants: ['Motif Bunga', 'Motif Anoa', 'Motif Daun', 'Motif Lambo'],
    sizes: [['Kecil', 0.8], ['Besar', 1.3]],
  },
  {
    label: 'Herbal',
    category: 'Minuman',
    unit: 'bungkus',
    bases: [['Teh Daun Kelor', 25_000], ['Teh Rosella', 25_000], ['Jahe Merah Instan', 30_000], ['Temulawak Instan', 30_000], ['Sirup Markisa', 40_000], ['Sari Jambu Mete', 15_000]],
    variants: ['Original', 'Gula Aren', 'Madu'],
    sizes: [['Sachet isi 10', 1], ['250 g', 1.2]],
  },
  {
    label: 'Souvenir',
    category: 'Kerajinan',
    unit: 'pcs',
    bases: [['Gantungan Kunci Kerang', 10_000], ['Miniatur Perahu Lambo', 175_000], ['Hiasan Dinding Kerang', 95_000], ['Tempelan Kulkas Kendari', 15_000], ['Miniatur Rumah Adat Laikas', 225_000], ['Kaos Sablon Kendari', 85_000]],
    variants: ['Putih', 'Cokelat', 'Biru', 'Merah'],
    sizes: [['Kecil', 0.7], ['Sedang', 1], ['Besar', 1.4]],
  },
];

/** Towns or villages per district, for supplier names and addresses. */
export const TOWNS: Record<SultraDistrict, string[]> = {
  'Kota Kendari': ['Kambu', 'Mandonga', 'Korumba', 'Lapulu', 'Anduonohu', 'Kandai', 'Wua-Wua'],
  'Kota Baubau': ['Wolio', 'Melai', 'Wameo', 'Betoambari', 'Kokalukuna'],
  'Kabupaten Bombana': ['Kasipute', 'Rumbia', 'Poleang', 'Kabaena'],
  'Kabupaten Buton': ['Pasarwajo', 'Takimpo', 'Lasalimu', 'Kapontori'],
  'Kabupaten Buton Selatan': ['Batauga', 'Laompo', 'Sampolawa'],
  'Kabupaten Buton Tengah': ['Lakudo', 'Mawasangka', 'Gu'],
  'Kabupaten Buton Utara': ['Ereke', 'Kulisusu', 'Bonegunu'],
  'Kabupaten Kolaka': ['Kolaka', 'Pomalaa', 'Wundulako', 'Latambaga'],
  'Kabupaten Kolaka Timur': ['Tirawuta', 'Tinondo', 'Ladongi', 'Lambandia'],
  'Kabupaten Kolaka Utara': ['Lasusua', 'Batu Putih', 'Pakue'],
  'Kabupaten Konawe': ['Unaaha', 'Wawotobi', 'Pondidaha', 'Ameroro', 'Lambuya'],
  'Kabupaten Konawe Kepulauan': ['Langara', 'Wawonii', 'Munse'],
  'Kabupaten Konawe Selatan': ['Andoolo', 'Tinanggea', 'Moramo', 'Lainea', 'Ranomeeto'],
  'Kabupaten Konawe Utara': ['Wanggudu', 'Lasolo', 'Asera'],
  'Kabupaten Muna': ['Raha', 'Masalili', 'Kontunaga', 'Tongkuno'],
  'Kabupaten Muna Barat': ['Laworo', 'Sawerigadi', 'Lawada'],
  'Kabupaten Wakatobi': ['Wangi-Wangi', 'Tomia', 'Kaledupa', 'Mola', 'Binongko'],
};

export const DISTRICTS: readonly SultraDistrict[] = SULTRA_DISTRICTS;

export const PREFIXES = ['UD', 'CV', 'Koperasi', 'KUB', 'IKM', 'Rumah', 'Sentra', ''];

export const FIRST_NAMES = [
  'La Ode Safiuddin', 'Wa Ode Hasnia', 'Andi Baso', 'Wa Ode Rahmatia', 'Nurmiati', 'Muh. Yusuf', 'Wa Ode Nurlina', 'La Ode Arsyad',
  'Wa Siti Aminah', 'Abdul Karim', 'Sitti Rahma', 'Wa Ode Sarifa', 'Saharuddin', 'Nurlaila', 'Sudirman', 'Wa Rina', 'Hasmawati',
  'Muhammad Ikbal', 'Wa Ode Fitriani', 'La Ode Ikra', 'La Hamidi', 'Marwah', 'Rosmiati', 'Andi Sulaiman', 'Ahmad Ridwan',
  'La Ode Ruslan', 'Wa Ode Marlina', 'Hasrun', 'La Ode Amir', 'Nurjannah', 'Salma', 'Rahmat Hidayat', 'Wa Ode Zaenab', 'Lamasi',
  'Rani Pratiwi', 'Andi Nurhaedah', 'Wahyudi', 'Asrul', 'Irma Suryani', 'Syamsul Bahri',
];
export const LAST_NAMES = ['', 'Lapadi', 'Lasandara', 'Tamburaka', 'Lamboe', 'Lapaluwu', 'Saranani', 'Laode', 'Rahman', 'Lamusu', 'Kaimuddin', 'Silondae'];

export const BANKS: { name: string; digits: number }[] = [
  { name: 'BRI', digits: 15 },
  { name: 'BNI', digits: 10 },
  { name: 'Mandiri', digits: 13 },
  { name: 'BSI', digits: 10 },
  { name: 'Bank Sultra', digits: 12 },
];

export const PHONE_PREFIXES = ['0812', '0813', '0821', '0822', '0852', '0853', '0811', '0857', '0877', '0895'];
