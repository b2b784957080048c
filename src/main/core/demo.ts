// Over 350 lines on purpose: mostly data (the demo shop's suppliers, products and users).
/**
 * Demo data for Kasir PLUT: a realistic PLUT Sultra souvenir centre with
 * four users, 40 UMKM suppliers from all over Sulawesi Tenggara, 300
 * consigned products and their stock.
 *
 * Everything goes through the domain services (setupInit, createUser,
 * createSupplier, createProduct, createIntake), so every invariant the app
 * relies on holds exactly as it would for hand-entered data. The whole seed is
 * one transaction (the services' own transactions nest as savepoints) and is
 * fully deterministic: a fixed-seed PRNG, never Math.random. Only "today"
 * (the clock's business day) moves the expiry dates.
 *
 * Known products, created first, in this order (SKU = creation order):
 *
 * | key           | SKU    | name                              | barcode        | stock                           |
 * |---------------|--------|-----------------------------------|----------------|---------------------------------|
 * | meteOriginal  | P00001 | Kacang Mete Original 250 g        | 8991234500010  | 48, expires today + 180         |
 * | metePedas     | P00002 | Kacang Mete Pedas 250 g           | 8991234500027  | 36, expires today + 150         |
 * | abonTuna      | P00003 | Abon Ikan Tuna Original 100 g     | 8991234500034  | 30, expires today + 120         |
 * | kopiKolaka    | P00004 | Kopi Kolaka Robusta Bubuk 250 g   | 8991234500041  | 40, expires today + 240         |
 * | sarungTenun   | P00005 | Sarung Tenun Buton Merah Marun    | 8991234500058  | 6, no expiry (Rp 450.000)       |
 * | twoLots       | P00006 | Abon Ikan Cakalang Pedas 100 g    | 8991234500065  | 12 (today + 25, FEFO first) + 24 (today + 240) |
 * | (by SKU)      | P00007 | Kasuami Kering 500 g              | — (no barcode) | 20, expires today + 90          |
 * | expired       | P00008 | Bagea Sagu Kenari 200 g           | 8991234500089  | 0 sellable, 10 expired (today − 10) |
 * | expired2      | P00009 | Kambuse Jagung 500 g              | 8991234500096  | 0 sellable, 8 expired (today − 3)   |
 * | outOfStock    | P00010 | Madu Hutan Konawe 250 ml          | 8991234500102  | 0, never received               |
 *
 * The shop, users, suppliers and products are created 90 days before the
 * clock's now. Most lots are received today. Older lots are received on an earlier day
 * (back-dated clock, same services) because intake refuses goods that are
 * already expired: the expired products arrived 60 and 40 days ago, and the
 * first of each two-lot product 14–45 days ago.
 *
 * Logins: see DEMO_LOGINS (admin/123456, manajer/2222, kasir/1111, kasir2/3333).
 */
import type { Actor, Ctx } from './context';
import type { Terms } from '../../shared/types';
import { fail } from '../../shared/errors';
import { businessDate } from './clock';
import { getSetting, setSetting } from './settings';
import { createUser, isInitialized, setupInit } from './users';
import { createSupplier } from './suppliers';
import { createProduct } from './catalog';
import { createIntake } from './stock';
import { SULTRA_DISTRICTS, type SultraDistrict } from '../../shared/districts';
import { ean13CheckDigit } from '../../shared/ean13';

// ---------------------------------------------------------------------------
// Public constants
// ---------------------------------------------------------------------------

export type DemoRole = 'admin' | 'manager' | 'cashier';

export const DEMO_SHOP = {
  shopName: 'PLUT KUMKM Sulawesi Tenggara',
  address: 'Jl. Abdullah Silondae No. 5, Kendari',
  shopPhone: '0401-3121234',
  receiptFooter: 'Terima kasih! Oleh-oleh khas Sultra',
} as const;

export const DEMO_LOGINS: { role: DemoRole; name: string; username: string; pin: string }[] = [
  { role: 'admin', name: 'La Ode Muhammad Ridwan', username: 'admin', pin: '123456' },
  { role: 'manager', name: 'Wa Ode Nurhayati', username: 'manajer', pin: '2222' },
  { role: 'cashier', name: 'Sitti Aisyah Lamusu', username: 'kasir', pin: '1111' },
  { role: 'cashier', name: 'Andi Fajar Ramadhan', username: 'kasir2', pin: '3333' },
];

export { ean13CheckDigit, isValidEan13 } from '../../shared/ean13';

const ean13 = (first12: string): string => first12 + String(ean13CheckDigit(first12));
/** Known demo barcodes: 899 (Indonesia) + 1234 + 5000n + check digit. */
const knownBarcode = (n: number): string => ean13(`89912345${String(n).padStart(4, '0')}`);

/** Barcodes of the known demo products (see the table at the top of this file). */
export const DEMO_BARCODES = {
  meteOriginal: knownBarcode(1), // 8991234500010
  metePedas: knownBarcode(2), // 8991234500027
  abonTuna: knownBarcode(3), // 8991234500034
  kopiKolaka: knownBarcode(4), // 8991234500041
  sarungTenun: knownBarcode(5), // 8991234500058
  twoLots: knownBarcode(6), // 8991234500065
  expired: knownBarcode(8), // 8991234500089
  expired2: knownBarcode(9), // 8991234500096
  outOfStock: knownBarcode(10), // 8991234500102
} as const;

export type DemoKey = keyof typeof DEMO_BARCODES;

/** Products without a barcode are sold by SKU; this one is always P00007. */
export const DEMO_SKUS = { kasuami: 'P00007' } as const;

/** Names of the known demo products. */
export const DEMO_PRODUCT_NAMES: Record<DemoKey | 'kasuami', string> = {
  meteOriginal: 'Kacang Mete Original 250 g',
  metePedas: 'Kacang Mete Pedas 250 g',
  abonTuna: 'Abon Ikan Tuna Original 100 g',
  kopiKolaka: 'Kopi Kolaka Robusta Bubuk 250 g',
  sarungTenun: 'Sarung Tenun Buton Merah Marun',
  twoLots: 'Abon Ikan Cakalang Pedas 100 g',
  kasuami: 'Kasuami Kering 500 g',
  expired: 'Bagea Sagu Kenari 200 g',
  expired2: 'Kambuse Jagung 500 g',
  outOfStock: 'Madu Hutan Konawe 250 ml',
};

export const DEMO_PRODUCT_COUNT = 300;

// ---------------------------------------------------------------------------
// Deterministic randomness
// ---------------------------------------------------------------------------

/** mulberry32: a tiny, fast, good-enough seeded PRNG returning [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = 0x504c5554; // "PLUT"
const DAY_MS = 86_400_000;
/** The demo shop was set up this many days before the clock's now. */
const SETUP_DAYS_AGO = 90;

type Rng = () => number;
const intBetween = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
const digits = (rng: Rng, n: number): string => Array.from({ length: n }, () => String(Math.floor(rng() * 10))).join('');
function shuffle<T>(rng: Rng, items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const roundTo = (value: number, step: number): number => Math.round(value / step) * step;

/** `YYYY-MM-DD` plus `days` (negative allowed), calendar arithmetic in UTC. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------
// Catalogue templates
// ---------------------------------------------------------------------------

type Category = 'Makanan' | 'Minuman' | 'Kain & Tenun' | 'Kerajinan' | 'Bumbu';
type Unit = 'pcs' | 'bungkus' | 'toples' | 'botol' | 'lembar';

interface Candidate {
  name: string;
  category: Category;
  unit: Unit;
  price: number;
}

const food = (name: string, unit: Unit, price: number): Candidate => ({ name, category: 'Makanan', unit, price });
const drink = (name: string, unit: Unit, price: number): Candidate => ({ name, category: 'Minuman', unit, price });
const spice = (name: string, unit: Unit, price: number): Candidate => ({ name, category: 'Bumbu', unit, price });
const cloth = (name: string, unit: Unit, price: number): Candidate => ({ name, category: 'Kain & Tenun', unit, price });
const craft = (name: string, unit: Unit, price: number): Candidate => ({ name, category: 'Kerajinan', unit, price });

const TENUN_COLOURS = ['Merah Marun', 'Biru Dongker', 'Hijau Botol', 'Kuning Emas', 'Ungu Terong', 'Hitam Perak', 'Motif Kotak'];

type Specialty =
  | 'mete'
  | 'abon'
  | 'kopi'
  | 'tenunButon'
  | 'tenunMuna'
  | 'tenunTolaki'
  | 'sagu'
  | 'panganButon'
  | 'madu'
  | 'minyak'
  | 'keripik'
  | 'dodol'
  | 'rumputLaut'
  | 'ikanAsin'
  | 'sambal'
  | 'gulaAren'
  | 'anyaman'
  | 'perak'
  | 'teh'
  | 'herbal'
  | 'kerupuk'
  | 'souvenir';

const TEMPLATES: Record<Specialty, () => Candidate[]> = {
  mete: () => {
    const sizes: [string, Unit, number, number][] = [
      ['100 g', 'bungkus', 28_000, 2_000],
      ['250 g', 'toples', 65_000, 3_000],
      ['500 g', 'toples', 125_000, 5_000],
      ['1 kg', 'bungkus', 240_000, 10_000],
    ];
    const flavours: [string, number][] = [
      ['Original', 0],
      ['Pedas', 1],
      ['Madu', 2],
      ['Bawang', 1],
      ['Balado', 1],
      ['Asin Gurih', 0],
    ];
    const out: Candidate[] = [];
    for (const [flavour, steps] of flavours) {
      for (const [size, unit, base, step] of sizes) out.push(food(`Kacang Mete ${flavour} ${size}`, unit, base + steps * step));
    }
    out.push(food('Kacang Mete Mentah Kupas 500 g', 'bungkus', 110_000));
    out.push(food('Kacang Mete Kulit Ari 250 g', 'bungkus', 55_000));
    return out;
  },
  abon: () => {
    const out: Candidate[] = [];
    for (const fish of ['Tuna', 'Cakalang', 'Tongkol']) {
      for (const flavour of ['Original', 'Pedas']) {
        out.push(food(`Abon Ikan ${fish} ${flavour} 100 g`, 'toples', fish === 'Tongkol' ? 30_000 : 35_000));
        out.push(food(`Abon Ikan ${fish} ${flavour} 250 g`, 'toples', fish === 'Tongkol' ? 70_000 : 80_000));
      }
    }
    out.push(food('Abon Ikan Tuna Sachet 50 g', 'bungkus', 18_000));
    out.push(food('Abon Ikan Sunu 100 g', 'toples', 45_000));
    return out;
  },
  kopi: () => [
    drink('Kopi Kolaka Robusta Bubuk 100 g', 'bungkus', 20_000),
    drink('Kopi Kolaka Robusta Bubuk 500 g', 'bungkus', 85_000),
    drink('Kopi Kolaka Robusta Biji Sangrai 250 g', 'bungkus', 50_000),
    drink('Kopi Kolaka Arabika Bubuk 250 g', 'bungkus', 60_000),
    drink('Kopi Kolaka Arabika Biji Sangrai 250 g', 'bungkus', 65_000),
    drink('Kopi Konawe Robusta Bubuk 250 g', 'bungkus', 42_000),
    drink('Kopi Mekongga Premium 200 g', 'bungkus', 55_000),
    drink('Kopi Jahe Sachet isi 10', 'bungkus', 25_000),
    drink('Kopi Luwak Kolaka 100 g', 'bungkus', 150_000),
    drink('Kopi Susu Gula Aren Botol 250 ml', 'botol', 18_000),
  ],
  tenunButon: () => [
    ...TENUN_COLOURS.map((c) => cloth(`Sarung Tenun Buton ${c}`, 'lembar', 400_000)),
    cloth('Selendang Tenun Buton', 'lembar', 150_000),
    cloth('Syal Tenun Buton', 'lembar', 85_000),
    cloth('Kain Tenun Buton Bahan Kemeja 2 m', 'lembar', 300_000),
    cloth('Kemeja Tenun Buton Pria', 'pcs', 275_000),
    craft('Tas Tenun Buton', 'pcs', 125_000),
    craft('Dompet Tenun Buton', 'pcs', 45_000),
    cloth('Peci Tenun Buton', 'pcs', 65_000),
  ],
  tenunMuna: () => [
    ...TENUN_COLOURS.map((c) => cloth(`Sarung Tenun Masalili ${c}`, 'lembar', 450_000)),
    ...TENUN_COLOURS.slice(0, 4).map((c) => cloth(`Kain Tenun Muna ${c}`, 'lembar', 350_000)),
    cloth('Selendang Tenun Muna', 'lembar', 140_000),
    cloth('Sarung Tenun Muna Sutra', 'lembar', 750_000),
  ],
  tenunTolaki: () => [
    ...TENUN_COLOURS.slice(0, 5).map((c) => cloth(`Kain Tenun Tolaki ${c}`, 'lembar', 380_000)),
    cloth('Selendang Tenun Tolaki', 'lembar', 135_000),
    craft('Tas Selempang Tenun Tolaki', 'pcs', 110_000),
    craft('Gantungan Kunci Tenun', 'pcs', 15_000),
  ],
  sagu: () => [
    food('Bagea Sagu Original 200 g', 'bungkus', 15_000),
    food('Bagea Sagu Kacang 200 g', 'bungkus', 18_000),
    food('Bagea Sagu Kenari Toples 400 g', 'toples', 45_000),
    food('Bagea Sagu Gula Aren 200 g', 'bungkus', 17_000),
    food('Sagu Sinonggi Basah 1 kg', 'bungkus', 20_000),
    food('Tepung Sagu Konawe 1 kg', 'bungkus', 18_000),
    food('Kue Sagu Keju 250 g', 'toples', 35_000),
    food('Sagu Lempeng 10 pcs', 'bungkus', 15_000),
  ],
  panganButon: () => [
    food('Kambuse Jagung Pedas 500 g', 'bungkus', 22_000),
    food('Kasuami Pepe 500 g', 'bungkus', 20_000),
    food('Kasuami Instan 250 g', 'bungkus', 15_000),
    food('Kue Karasi Buton 250 g', 'toples', 30_000),
    food('Kue Epu-Epu 250 g', 'bungkus', 20_000),
    food('Kue Waje Buton', 'bungkus', 25_000),
    food('Kaowi-Owi Kering 250 g', 'bungkus', 18_000),
    food('Lapa-Lapa Kering', 'bungkus', 15_000),
  ],
  madu: () => [
    food('Madu Hutan Konawe 500 ml', 'botol', 150_000),
    food('Madu Hutan Konawe 1 liter', 'botol', 280_000),
    food('Madu Hutan Wakatobi 250 ml', 'botol', 90_000),
    food('Madu Kelulut Kolaka Timur 250 ml', 'botol', 120_000),
    food('Madu Kelulut Kolaka Timur 500 ml', 'botol', 220_000),
    food('Madu Hutan Sachet isi 10', 'bungkus', 35_000),
    food('Madu Hutan Botol Mini 100 ml', 'botol', 45_000),
  ],
  minyak: () => [
    spice('Minyak Kelapa Kampung 250 ml', 'botol', 20_000),
    spice('Minyak Kelapa Kampung 500 ml', 'botol', 35_000),
    spice('Minyak Kelapa Kampung 1 liter', 'botol', 60_000),
    spice('VCO Minyak Kelapa Murni 250 ml', 'botol', 55_000),
    spice('VCO Minyak Kelapa Murni 500 ml', 'botol', 95_000),
    spice('Minyak Kelapa Sangrai 500 ml', 'botol', 40_000),
  ],
  keripik: () => {
    const out: Candidate[] = [];
    for (const base of ['Keripik Pisang', 'Keripik Ubi']) {
      for (const flavour of ['Original', 'Manis', 'Balado', 'Cokelat']) {
        out.push(food(`${base} ${flavour} 150 g`, 'bungkus', 15_000));
        out.push(food(`${base} ${flavour} 300 g`, 'bungkus', 25_000));
      }
    }
    out.push(food('Keripik Talas 150 g', 'bungkus', 17_000));
    out.push(food('Keripik Sukun 150 g', 'bungkus', 17_000));
    out.push(food('Keripik Pisang Kepok Toples 500 g', 'toples', 45_000));
    return out;
  },
  dodol: () => [
    food('Dodol Nanas 250 g', 'bungkus', 20_000),
    food('Dodol Durian 250 g', 'bungkus', 35_000),
    food('Dodol Ketan Gula Aren 250 g', 'bungkus', 22_000),
    food('Dodol Rumput Laut 250 g', 'bungkus', 25_000),
    food('Dodol Rumput Laut Toples 500 g', 'toples', 45_000),
    food('Dodol Jambu Mete 250 g', 'bungkus', 25_000),
    food('Wajik Ketan 250 g', 'bungkus', 20_000),
  ],
  rumputLaut: () => [
    food('Rumput Laut Kering 250 g', 'bungkus', 25_000),
    food('Kerupuk Rumput Laut 200 g', 'bungkus', 20_000),
    food('Manisan Rumput Laut 250 g', 'toples', 30_000),
    food('Stik Rumput Laut 200 g', 'bungkus', 18_000),
    drink('Minuman Rumput Laut Botol 300 ml', 'botol', 12_000),
  ],
  ikanAsin: () => [
    food('Ikan Asin Teri Wakatobi 250 g', 'bungkus', 35_000),
    food('Ikan Asin Teri Nasi 250 g', 'bungkus', 40_000),
    food('Ikan Asin Kakap 500 g', 'bungkus', 65_000),
    food('Ikan Asin Layang 250 g', 'bungkus', 25_000),
    food('Cumi Asin Kering 250 g', 'bungkus', 75_000),
    food('Ikan Kaholeo Asap 250 g', 'bungkus', 45_000),
    food('Ikan Tuna Asap 250 g', 'bungkus', 50_000),
    food('Gurita Kering 250 g', 'bungkus', 85_000),
  ],
  sambal: () => [
    spice('Sambal Roa Original 200 g', 'toples', 35_000),
    spice('Sambal Roa Extra Pedas 200 g', 'toples', 37_000),
    spice('Sambal Ikan Teri 200 g', 'toples', 30_000),
    spice('Sambal Tuna Asap 200 g', 'toples', 35_000),
    spice('Sambal Cumi 200 g', 'toples', 45_000),
    spice('Sambal Terasi Kendari 150 g', 'toples', 25_000),
    spice('Sambal Bawang 200 g', 'toples', 25_000),
    spice('Bumbu Parende Instan', 'bungkus', 15_000),
  ],
  gulaAren: () => [
    spice('Gula Aren Cetak 500 g', 'bungkus', 25_000),
    spice('Gula Aren Cetak 1 kg', 'bungkus', 45_000),
    spice('Gula Aren Bubuk 250 g', 'bungkus', 22_000),
    spice('Gula Aren Cair 250 ml', 'botol', 28_000),
    spice('Gula Merah Kelapa 1 kg', 'bungkus', 30_000),
  ],
  anyaman: () => [
    craft('Tas Anyaman Pandan', 'pcs', 85_000),
    craft('Tikar Anyaman Pandan', 'lembar', 150_000),
    craft('Topi Anyaman Lontar', 'pcs', 45_000),
    craft('Bakul Anyaman Bambu', 'pcs', 35_000),
    craft('Kipas Anyaman Pandan', 'pcs', 15_000),
    craft('Tempat Tisu Anyaman Rotan', 'pcs', 55_000),
    craft('Keranjang Rotan Besar', 'pcs', 125_000),
    craft('Tatakan Gelas Anyaman isi 6', 'bungkus', 30_000),
    craft('Dompet Anyaman Pandan', 'pcs', 25_000),
  ],
  perak: () => [
    craft('Bros Perak Filigree Kendari', 'pcs', 150_000),
    craft('Cincin Perak Filigree', 'pcs', 125_000),
    craft('Anting Perak Filigree', 'pcs', 135_000),
    craft('Gelang Perak Filigree', 'pcs', 250_000),
    craft('Kalung Perak Filigree Motif Bunga', 'pcs', 350_000),
    craft('Tusuk Konde Perak', 'pcs', 175_000),
    craft('Pin Perak Tugu Persatuan', 'pcs', 85_000),
    craft('Miniatur Perahu Lambo Perak', 'pcs', 750_000),
    craft('Liontin Perak Anoa', 'pcs', 185_000),
  ],
  teh: () => [
    drink('Teh Daun Kelor Celup isi 20', 'bungkus', 25_000),
    drink('Teh Rosella Kering 50 g', 'bungkus', 25_000),
    drink('Teh Daun Sirsak Celup isi 20', 'bungkus', 25_000),
    drink('Teh Serai Wangi 50 g', 'bungkus', 20_000),
    food('Bubuk Daun Kelor 100 g', 'bungkus', 30_000),
    drink('Sari Jambu Mete 250 ml', 'botol', 15_000),
    drink('Sirup Markisa 600 ml', 'botol', 40_000),
  ],
  herbal: () => [
    drink('Jahe Merah Instan 250 g', 'bungkus', 30_000),
    drink('Temulawak Instan 250 g', 'bungkus', 30_000),
    drink('Kunyit Asam Botol 330 ml', 'botol', 12_000),
    drink('Sirup Jahe Gula Aren 500 ml', 'botol', 35_000),
    drink('Sirup Jeruk Nipis 600 ml', 'botol', 35_000),
    drink('Wedang Sereh Instan 200 g', 'bungkus', 25_000),
  ],
  kerupuk: () => [
    food('Kerupuk Ikan Tenggiri 250 g', 'bungkus', 30_000),
    food('Amplang Ikan Tenggiri 200 g', 'bungkus', 35_000),
    food('Kerupuk Udang 250 g', 'bungkus', 35_000),
    food('Kerupuk Cumi 250 g', 'bungkus', 38_000),
    food('Stik Ikan Tuna 200 g', 'bungkus', 25_000),
    food('Amplang Ikan Tenggiri Toples 400 g', 'toples', 60_000),
  ],
  souvenir: () => [
    craft('Gantungan Kunci Kerang', 'pcs', 10_000),
    craft('Hiasan Dinding Kerang', 'pcs', 95_000),
    craft('Miniatur Perahu Bhangka Kayu', 'pcs', 175_000),
    craft('Kotak Perhiasan Kerang', 'pcs', 65_000),
    craft('Tempelan Kulkas Kendari', 'pcs', 15_000),
    craft('Miniatur Rumah Adat Laikas', 'pcs', 225_000),
    craft('Tasbih Kayu Kalimampa', 'pcs', 45_000),
  ],
};

// ---------------------------------------------------------------------------
// Suppliers
// ---------------------------------------------------------------------------

interface SupplierSeed {
  name: string;
  /** Short brand, appended to a product name another supplier already uses. */
  brand: string;
  owner: string;
  district: SultraDistrict;
  address: string;
  specialties: Specialty[];
  /** Holder is the business (e.g. a CV or koperasi) rather than the owner. */
  businessAccount?: boolean;
}

const SUPPLIERS: SupplierSeed[] = [
  { name: 'UD Mete Jaya Raha', brand: 'Mete Jaya', owner: 'La Ode Safiuddin', district: 'Kabupaten Muna', address: 'Jl. Gatot Subroto No. 12, Raha', specialties: ['mete'] },
  { name: 'Abon Tuna Wa Ode', brand: 'Wa Ode', owner: 'Wa Ode Hasnia', district: 'Kota Kendari', address: 'Jl. Made Sabara No. 27, Kel. Korumba, Kendari', specialties: ['abon'] },
  { name: 'Kopi Mekongga Kolaka', brand: 'Mekongga', owner: 'Andi Baso Rahman', district: 'Kabupaten Kolaka', address: 'Jl. Pemuda No. 45, Kolaka', specialties: ['kopi'] },
  { name: 'Tenun Wolio Indah', brand: 'Wolio Indah', owner: 'Wa Ode Rahmatia', district: 'Kota Baubau', address: 'Kel. Melai, Kec. Murhum, Baubau', specialties: ['tenunButon'] },
  { name: 'Sagu Lestari Unaaha', brand: 'Sagu Lestari', owner: 'Hj. Nurmiati Lapadi', district: 'Kabupaten Konawe', address: 'Jl. Inolobunggadue No. 8, Unaaha', specialties: ['sagu'] },
  { name: 'Madu Hutan Anoa', brand: 'Anoa', owner: 'Muh. Yusuf Lasandara', district: 'Kabupaten Konawe', address: 'Desa Ameroro, Kec. Uepai, Konawe', specialties: ['madu'] },
  { name: 'Pangan Lokal Pasarwajo', brand: 'Pasarwajo', owner: 'Wa Ode Nurlina', district: 'Kabupaten Buton', address: 'Jl. Poros Pasarwajo, Kel. Takimpo, Buton', specialties: ['panganButon'] },
  { name: 'Mete Mubar Sejahtera', brand: 'Mubar', owner: 'La Ode Muhammad Arsyad', district: 'Kabupaten Muna Barat', address: 'Desa Lawada Jaya, Kec. Sawerigadi, Muna Barat', specialties: ['mete'] },
  { name: 'Tenun Masalili Wa Ndoke', brand: 'Wa Ndoke', owner: 'Wa Siti Aminah', district: 'Kabupaten Muna', address: 'Desa Masalili, Kec. Kontunaga, Muna', specialties: ['tenunMuna'] },
  { name: 'Perak Kendari Filigree', brand: 'Kendari Silver', owner: 'H. Abdul Karim Laode', district: 'Kota Kendari', address: 'Jl. Lakidende No. 19, Kel. Kandai, Kendari', specialties: ['perak'] },
  { name: 'Keripik Bunda Kambu', brand: 'Bunda', owner: 'Hj. Sitti Rahma', district: 'Kota Kendari', address: 'Jl. Jend. A.H. Nasution No. 88, Kel. Kambu, Kendari', specialties: ['keripik'] },
  { name: 'Olahan Laut Wangi-Wangi', brand: 'Wangi-Wangi', owner: 'Wa Ode Sarifa', district: 'Kabupaten Wakatobi', address: 'Kel. Wandoka, Kec. Wangi-Wangi, Wakatobi', specialties: ['rumputLaut', 'dodol'] },
  { name: 'Ikan Kering Bajo Mola', brand: 'Bajo Mola', owner: 'Saharuddin', district: 'Kabupaten Wakatobi', address: 'Desa Mola Utara, Kec. Wangi-Wangi Selatan, Wakatobi', specialties: ['ikanAsin'] },
  { name: 'Sambal Roa Mama Ila', brand: 'Mama Ila', owner: 'Nurlaila Tamburaka', district: 'Kota Kendari', address: 'Jl. Saranani No. 14, Kel. Mandonga, Kendari', specialties: ['sambal'] },
  { name: 'Gula Aren Tinanggea', brand: 'Tinanggea', owner: 'Sudirman Lamboe', district: 'Kabupaten Konawe Selatan', address: 'Desa Bungin Permai, Kec. Tinanggea, Konawe Selatan', specialties: ['gulaAren'] },
  { name: 'Minyak Kelapa Moramo', brand: 'Moramo', owner: 'Wa Rina', district: 'Kabupaten Konawe Selatan', address: 'Desa Lapuko, Kec. Moramo, Konawe Selatan', specialties: ['minyak'] },
  { name: 'Anyaman Pandan Lasolo', brand: 'Lasolo', owner: 'Hasmawati', district: 'Kabupaten Konawe Utara', address: 'Desa Boedingi, Kec. Lasolo, Konawe Utara', specialties: ['anyaman'] },
  { name: 'Kopi Tinondo', brand: 'Tinondo', owner: 'Muhammad Ikbal', district: 'Kabupaten Kolaka Timur', address: 'Desa Tinondo, Kec. Tinondo, Kolaka Timur', specialties: ['kopi'] },
  { name: 'Kelor Sehat Baubau', brand: 'Kelor Sehat', owner: 'Wa Ode Fitriani', district: 'Kota Baubau', address: 'Jl. Sultan Hasanuddin No. 21, Baubau', specialties: ['teh'] },
  { name: 'Abon Cakalang Kasipute', brand: 'Kasipute', owner: 'La Ode Ikra', district: 'Kabupaten Bombana', address: 'Kel. Kasipute, Kec. Rumbia, Bombana', specialties: ['abon'] },
  { name: 'Mete Lakudo Mandiri', brand: 'Lakudo', owner: 'La Hamidi', district: 'Kabupaten Buton Tengah', address: 'Desa Lakudo, Kec. Lakudo, Buton Tengah', specialties: ['mete'] },
  { name: 'Amplang Tenggiri Lapulu', brand: 'Lapulu', owner: 'Hj. Marwah', district: 'Kota Kendari', address: 'Jl. Pelabuhan Perikanan, Kel. Lapulu, Kendari', specialties: ['kerupuk'] },
  { name: 'Tenun Tolaki Wawotobi', brand: 'Wawotobi', owner: 'Rosmiati Lapaluwu', district: 'Kabupaten Konawe', address: 'Kel. Inalahi, Kec. Wawotobi, Konawe', specialties: ['tenunTolaki'] },
  { name: 'CV Rotan Lasusua', brand: 'Lasusua', owner: 'Andi Sulaiman', district: 'Kabupaten Kolaka Utara', address: 'Jl. Poros Lasusua No. 7, Kolaka Utara', specialties: ['anyaman'], businessAccount: true },
  { name: 'Madu Kelulut Ladongi', brand: 'Ladongi', owner: 'Syamsul Bahri', district: 'Kabupaten Kolaka Timur', address: 'Kel. Ladongi, Kec. Ladongi, Kolaka Timur', specialties: ['madu'] },
  { name: 'Herbal Jahe Merah Andoolo', brand: 'Andoolo', owner: 'Siti Hadijah', district: 'Kabupaten Konawe Selatan', address: 'Kel. Andoolo, Kec. Andoolo, Konawe Selatan', specialties: ['herbal'] },
  { name: 'Kue Tradisional Batauga', brand: 'Batauga', owner: 'Wa Ode Hadia', district: 'Kabupaten Buton Selatan', address: 'Kel. Laompo, Kec. Batauga, Buton Selatan', specialties: ['panganButon', 'sagu'] },
  { name: 'Mete Lainea Konsel', brand: 'Lainea', owner: 'Ahmad Ridwan', district: 'Kabupaten Konawe Selatan', address: 'Desa Lainea, Kec. Lainea, Konawe Selatan', specialties: ['mete'] },
  { name: 'Kerajinan Kerang Tomia', brand: 'Tomia', owner: 'La Ode Ruslan', district: 'Kabupaten Wakatobi', address: 'Kel. Waha, Kec. Tomia, Wakatobi', specialties: ['souvenir'] },
  { name: 'Tenun Ereke Butur', brand: 'Ereke', owner: 'Wa Ode Marlina', district: 'Kabupaten Buton Utara', address: 'Kel. Ereke, Kec. Kulisusu, Buton Utara', specialties: ['tenunButon'] },
  { name: 'Koperasi Tani Wawonii', brand: 'Wawonii', owner: 'Hasrun', district: 'Kabupaten Konawe Kepulauan', address: 'Desa Langara Laut, Kec. Wawonii Barat, Konawe Kepulauan', specialties: ['mete', 'minyak'], businessAccount: true },
  { name: 'Ikan Asap Kaholeo Wameo', brand: 'Wameo', owner: 'La Ode Amir', district: 'Kota Baubau', address: 'Kel. Wameo, Kec. Batupoaro, Baubau', specialties: ['ikanAsin', 'sambal'] },
  { name: 'Keripik Pisang Repelita', brand: 'Repelita', owner: 'Nurjannah', district: 'Kabupaten Kolaka', address: 'Jl. Repelita No. 33, Kolaka', specialties: ['keripik'] },
  { name: 'Dodol Durian Unaaha', brand: 'Unaaha', owner: 'Hj. Salma', district: 'Kabupaten Konawe', address: 'Jl. Sapati No. 5, Unaaha', specialties: ['dodol'] },
  { name: 'Rumah Kopi Anduonohu', brand: 'Anduonohu', owner: 'Rahmat Hidayat', district: 'Kota Kendari', address: 'Jl. Bunggasi No. 61, Kel. Anduonohu, Kendari', specialties: ['kopi', 'herbal'] },
  { name: 'Koperasi Wanita Sejahtera Raha', brand: 'KWS Raha', owner: 'Wa Ode Sitti Zaenab', district: 'Kabupaten Muna', address: 'Jl. Sultan Syahrir No. 2, Raha', specialties: ['anyaman', 'keripik'], businessAccount: true },
  { name: 'Sagu Tani Pondidaha', brand: 'Pondidaha', owner: 'Lamasi', district: 'Kabupaten Konawe', address: 'Desa Pondidaha, Kec. Pondidaha, Konawe', specialties: ['sagu'] },
  { name: 'Bumbu Dapur Mama Rani', brand: 'Mama Rani', owner: 'Rani Pratiwi', district: 'Kota Kendari', address: 'Jl. Malaka No. 40, Kel. Kambu, Kendari', specialties: ['sambal', 'gulaAren'] },
  { name: 'Olahan Ikan Lasusua', brand: 'Kolut Bahari', owner: 'Andi Nurhaedah', district: 'Kabupaten Kolaka Utara', address: 'Kel. Lasusua, Kec. Lasusua, Kolaka Utara', specialties: ['abon', 'kerupuk'] },
  { name: 'Galeri Souvenir Kota Lama', brand: 'Kota Lama', owner: 'Wahyudi Saranani', district: 'Kota Kendari', address: 'Jl. Konggoasa No. 11, Kel. Kendari Caddi, Kendari', specialties: ['perak', 'souvenir'] },
];

const BANKS = ['BRI', 'BNI', 'Mandiri', 'BSI', 'Bank Sultra'] as const;
/** Digits in an account number of each bank. */
const ACCOUNT_LENGTH: Record<(typeof BANKS)[number], number> = { BRI: 15, BNI: 10, Mandiri: 13, BSI: 10, 'Bank Sultra': 12 };
const PHONE_PREFIXES = ['0812', '0813', '0821', '0822', '0852', '0853', '0811', '0857', '0877', '0895'];

// ---------------------------------------------------------------------------
// Seeding
// ---------------------------------------------------------------------------

interface PlannedProduct {
  key?: DemoKey | 'kasuami';
  supplierIndex: number;
  name: string;
  category: Category;
  unit: Unit;
  sellPrice: number;
  terms: Terms;
  barcode?: string;
  /**
   * Intake lines: qty, expiry offset in days from today (undefined = no
   * expiry) and how many days ago the lot was received (0 = today).
   */
  lots: { qty: number; expiryIn?: number; receivedDaysAgo?: number }[];
}

const FOOD_CATEGORIES: Category[] = ['Makanan', 'Minuman', 'Bumbu'];
const tracksExpiry = (c: Category) => FOOD_CATEGORIES.includes(c);

/** The known products (see the table at the top of this file), created first. */
function knownProducts(): PlannedProduct[] {
  const n = DEMO_PRODUCT_NAMES;
  return [
    { key: 'meteOriginal', supplierIndex: 0, name: n.meteOriginal, category: 'Makanan', unit: 'toples', sellPrice: 65_000, terms: { type: 'fixed', supplierPrice: 52_000 }, barcode: DEMO_BARCODES.meteOriginal, lots: [{ qty: 48, expiryIn: 180 }] },
    { key: 'metePedas', supplierIndex: 0, name: n.metePedas, category: 'Makanan', unit: 'toples', sellPrice: 68_000, terms: { type: 'commission', commissionBps: 1500 }, barcode: DEMO_BARCODES.metePedas, lots: [{ qty: 36, expiryIn: 150 }] },
    { key: 'abonTuna', supplierIndex: 1, name: n.abonTuna, category: 'Makanan', unit: 'toples', sellPrice: 35_000, terms: { type: 'fixed', supplierPrice: 28_000 }, barcode: DEMO_BARCODES.abonTuna, lots: [{ qty: 30, expiryIn: 120 }] },
    { key: 'kopiKolaka', supplierIndex: 2, name: n.kopiKolaka, category: 'Minuman', unit: 'bungkus', sellPrice: 45_000, terms: { type: 'commission', commissionBps: 2000 }, barcode: DEMO_BARCODES.kopiKolaka, lots: [{ qty: 40, expiryIn: 240 }] },
    { key: 'sarungTenun', supplierIndex: 3, name: n.sarungTenun, category: 'Kain & Tenun', unit: 'lembar', sellPrice: 450_000, terms: { type: 'fixed', supplierPrice: 375_000 }, barcode: DEMO_BARCODES.sarungTenun, lots: [{ qty: 6 }] },
    { key: 'twoLots', supplierIndex: 1, name: n.twoLots, category: 'Makanan', unit: 'toples', sellPrice: 38_000, terms: { type: 'fixed', supplierPrice: 30_500 }, barcode: DEMO_BARCODES.twoLots, lots: [{ qty: 12, expiryIn: 25, receivedDaysAgo: 30 }, { qty: 24, expiryIn: 240 }] },
    { key: 'kasuami', supplierIndex: 6, name: n.kasuami, category: 'Makanan', unit: 'bungkus', sellPrice: 20_000, terms: { type: 'commission', commissionBps: 2000 }, lots: [{ qty: 20, expiryIn: 90 }] },
    { key: 'expired', supplierIndex: 4, name: n.expired, category: 'Makanan', unit: 'bungkus', sellPrice: 20_000, terms: { type: 'fixed', supplierPrice: 16_000 }, barcode: DEMO_BARCODES.expired, lots: [{ qty: 10, expiryIn: -10, receivedDaysAgo: 60 }] },
    { key: 'expired2', supplierIndex: 6, name: n.expired2, category: 'Makanan', unit: 'bungkus', sellPrice: 20_000, terms: { type: 'commission', commissionBps: 1500 }, barcode: DEMO_BARCODES.expired2, lots: [{ qty: 8, expiryIn: -3, receivedDaysAgo: 40 }] },
    { key: 'outOfStock', supplierIndex: 5, name: n.outOfStock, category: 'Makanan', unit: 'botol', sellPrice: 85_000, terms: { type: 'fixed', supplierPrice: 68_000 }, barcode: DEMO_BARCODES.outOfStock, lots: [] },
  ];
}

/** Plan the whole catalogue: the known products, then round-robin over suppliers. */
function planProducts(rng: Rng): PlannedProduct[] {
  const planned = knownProducts();
  const usedNames = new Set(planned.map((p) => p.name));
  /** `supplier|name` pairs already in the catalogue: a supplier never lists the same item twice. */
  const owned = new Set(planned.map((p) => `${p.supplierIndex}|${p.name}`));
  const usedBarcodes = new Set(planned.flatMap((p) => (p.barcode ? [p.barcode] : [])));

  // Each supplier's own price level and its shuffled candidates.
  const pools = SUPPLIERS.map((s) => {
    const factor = 0.9 + rng() * 0.25;
    const seen = new Set<string>();
    const candidates = s.specialties
      .flatMap((sp) => TEMPLATES[sp]())
      .filter((c) => !seen.has(c.name) && (seen.add(c.name), true));
    return { factor, candidates: shuffle(rng, candidates), next: 0, itemNo: 0 };
  });

  let exhausted = false;
  while (planned.length < DEMO_PRODUCT_COUNT && !exhausted) {
    exhausted = true;
    for (let si = 0; si < SUPPLIERS.length && planned.length < DEMO_PRODUCT_COUNT; si++) {
      const pool = pools[si];
      const supplier = SUPPLIERS[si];
      while (pool.next < pool.candidates.length) {
        const c = pool.candidates[pool.next++];
        if (owned.has(`${si}|${c.name}`)) continue;
        owned.add(`${si}|${c.name}`);
        // Another supplier sells the same item: tell them apart by brand.
        const name = usedNames.has(c.name) ? `${c.name} - ${supplier.brand}` : c.name;
        if (usedNames.has(name)) continue;
        usedNames.add(name);
        exhausted = false;

        const step = c.price >= 100_000 ? 5_000 : 1_000;
        const sellPrice = Math.min(750_000, Math.max(10_000, roundTo(c.price * pool.factor, step)));
        const terms: Terms =
          rng() < 0.6
            ? { type: 'fixed', supplierPrice: roundTo(sellPrice * (0.75 + rng() * 0.1), 500) }
            : { type: 'commission', commissionBps: 1000 + 250 * intBetween(rng, 0, 6) };

        let barcode: string | undefined;
        if (rng() < 0.7) {
          // 899 (Indonesia) + 70ss (supplier) + 5-digit item number + check digit.
          pool.itemNo += 1;
          barcode = ean13(`899${String(7000 + si + 1)}${String(pool.itemNo).padStart(5, '0')}`);
          if (usedBarcodes.has(barcode)) throw new Error(`demo barcode collision ${barcode}`);
          usedBarcodes.add(barcode);
        }

        const expensive = sellPrice >= 200_000;
        const qty = expensive ? intBetween(rng, 5, 15) : intBetween(rng, 5, 60);
        const lots: PlannedProduct['lots'] = [];
        if (tracksExpiry(c.category)) {
          // A few perishable products arrive twice, with different expiry dates.
          if (rng() < 0.04) {
            lots.push({ qty: intBetween(rng, 5, 20), expiryIn: intBetween(rng, 20, 60), receivedDaysAgo: intBetween(rng, 14, 45) });
            lots.push({ qty, expiryIn: intBetween(rng, 120, 300) });
          } else {
            lots.push({ qty, expiryIn: intBetween(rng, 20, 300) });
          }
        } else {
          lots.push({ qty });
        }

        planned.push({ supplierIndex: si, name, category: c.category, unit: c.unit, sellPrice, terms, barcode, lots });
        break;
      }
    }
  }
  return planned;
}

function supplierDetails(rng: Rng, s: SupplierSeed) {
  const bank = pick(rng, BANKS);
  return {
    name: s.name,
    ownerName: s.owner,
    phone: `${pick(rng, PHONE_PREFIXES)}${digits(rng, 8)}`,
    address: s.address,
    district: s.district,
    bankName: bank,
    bankAccount: `${intBetween(rng, 1, 9)}${digits(rng, ACCOUNT_LENGTH[bank] - 1)}`,
    bankHolder: s.businessAccount ? s.name : s.owner,
  };
}

/**
 * Fill an empty database with the demo shop. Throws CONFLICT when any user
 * already exists (the shop has been set up), and changes nothing then.
 */
export function seedDemo(ctx: Ctx): { suppliers: number; products: number; lots: number } {
  return ctx.db.transaction(() => {
    if (isInitialized(ctx)) fail('CONFLICT', 'Data demo hanya bisa dimuat ke database kosong: toko sudah disiapkan.');
    const rng = mulberry32(SEED);
    // The shop, its users, suppliers and catalogue were set up SETUP_DAYS_AGO,
    // before the oldest delivery, so every timestamp (and the audit log) reads
    // in order.
    const start = ctx.clock.now();
    const setup: Ctx = { db: ctx.db, clock: { now: () => start - SETUP_DAYS_AGO * DAY_MS } };

    const [adminLogin, ...others] = DEMO_LOGINS;
    const admin = setupInit(setup, {
      shopName: DEMO_SHOP.shopName,
      address: DEMO_SHOP.address,
      admin: { name: adminLogin.name, username: adminLogin.username, pin: adminLogin.pin },
    });
    setSetting(ctx.db, 'shopPhone', DEMO_SHOP.shopPhone);
    setSetting(ctx.db, 'receiptFooter', DEMO_SHOP.receiptFooter);
    const tillCode = getSetting(ctx.db, 'defaultTillCode');
    const adminActor: Actor = { userId: admin.id, name: admin.name, role: 'admin', tillCode };
    let managerActor: Actor | undefined;
    for (const u of others) {
      const created = createUser(setup, adminActor, { name: u.name, username: u.username, role: u.role, pin: u.pin });
      if (u.role === 'manager' && !managerActor) managerActor = { userId: created.id, name: created.name, role: 'manager', tillCode: 'K1' };
    }
    const manager = managerActor ?? adminActor;

    const supplierIds = SUPPLIERS.map((s) => createSupplier(setup, manager, supplierDetails(rng, s)).id);

    const planned = planProducts(rng);
    const productIds = planned.map((p) => {
      const food = tracksExpiry(p.category);
      const created = createProduct(setup, manager, {
        name: p.name,
        supplierId: supplierIds[p.supplierIndex],
        sellPrice: p.sellPrice,
        terms: p.terms,
        barcode: p.barcode,
        category: p.category,
        unit: p.unit,
        trackExpiry: food,
        minStock: food ? 10 : 3,
      });
      if (p.key === 'kasuami' && created.sku !== DEMO_SKUS.kasuami) {
        throw new Error(`Demo product "${p.name}" got SKU ${created.sku}, expected ${DEMO_SKUS.kasuami}`);
      }
      return created.id;
    });

    // Intakes, grouped into deliveries per supplier and day. Most goods arrive
    // today; older lots (the expired ones, the first of two lots) arrive on an
    // earlier day, when they were still fresh: intake refuses expired goods.
    const today = businessDate(start, getSetting(ctx.db, 'timeZone'));
    type Line = { productId: number; qty: number; expiryDate?: string };
    const deliveries = new Map<string, { daysAgo: number; si: number; lines: Line[] }>();
    planned.forEach((p, i) => {
      for (const lot of p.lots) {
        const daysAgo = lot.receivedDaysAgo ?? 0;
        const key = `${daysAgo}|${p.supplierIndex}`;
        const d = deliveries.get(key) ?? { daysAgo, si: p.supplierIndex, lines: [] };
        d.lines.push({
          productId: productIds[i],
          qty: lot.qty,
          expiryDate: lot.expiryIn === undefined ? undefined : addDays(today, lot.expiryIn),
        });
        deliveries.set(key, d);
      }
    });
    const ordered = [...deliveries.values()].sort((a, b) => b.daysAgo - a.daysAgo || a.si - b.si);
    let lotCount = 0;
    for (const d of ordered) {
      const at: Ctx = d.daysAgo === 0 ? ctx : { db: ctx.db, clock: { now: () => start - d.daysAgo * DAY_MS } };
      const note = d.daysAgo === 0 ? 'Titipan (data demo)' : 'Titipan sebelumnya (data demo)';
      lotCount += createIntake(at, manager, { supplierId: supplierIds[d.si], lines: d.lines, note }).lots.length;
    }

    return { suppliers: supplierIds.length, products: productIds.length, lots: lotCount };
  });
}

/** Districts the demo suppliers come from (for reports and tests). */
export const DEMO_DISTRICTS: readonly SultraDistrict[] = [...new Set(SUPPLIERS.map((s) => s.district))].filter((d) =>
  (SULTRA_DISTRICTS as readonly string[]).includes(d),
);
