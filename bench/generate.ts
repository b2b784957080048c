/**
 * Benchmark data generator for Kasir PLUT.
 *
 *   npx tsx bench/generate.ts --scale tiny|small|large|xlarge --out <file> [--seed N]
 *
 * The database is created by `openDb` (the real migrations). The shop,
 * users, suppliers, products and first intakes go through the real services
 * (setupInit, createUser, createSupplier, createProduct, createIntake) in one
 * transaction. Sales are then bulk-loaded with prepared statements, one
 * transaction per business day, writing exactly the rows `checkout` writes:
 * sales, sale_lines, sale_line_lots (FEFO, lots decremented), the money
 * split by `splitByWeights` / `supplierShare`, one `sale` ledger entry per
 * supplier lot portion, payments, one shift per day (opened and closed), and
 * doc_sequences so the app continues the numbering. Lots that run low are
 * restocked by an intake (same rows as createIntake). On the 1st of each
 * month every supplier owed money is paid for the month before through the
 * real createSettlement (the last month is left for the benchmark). At the
 * end invariant checks run in SQL; the CLI exits non-zero if any fails.
 *
 * Everything is deterministic from the seed (mulberry32); only wall-clock
 * timings differ between runs.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDb } from '../src/db';
import type { Actor, Ctx } from '../src/main/core/context';
import { businessDate } from '../src/main/core/clock';
import { createUser, setupInit } from '../src/main/core/users';
import { createSupplier } from '../src/main/core/suppliers';
import { createProduct } from '../src/main/core/catalog';
import { createIntake } from '../src/main/core/stock';
import { setSetting } from '../src/main/core/settings';
import { createSettlement } from '../src/main/core/settlements';
import { splitByWeights, supplierShare } from '../src/shared/pricing';
import { addDays, ean13CheckDigit, mulberry32 } from '../src/main/core/demo';
import type { Terms } from '../src/shared/types';
import {
  BANKS,
  DISTRICTS,
  FIRST_NAMES,
  LAST_NAMES,
  PHONE_PREFIXES,
  PREFIXES,
  SPECIALTIES,
  TOWNS,
  tracksExpiry,
  type Category,
  type Unit,
} from './catalog-data';
import { checkInvariants, type InvariantResult } from './invariants';

export type Scale = 'tiny' | 'small' | 'large' | 'xlarge';

export interface ScaleSpec {
  suppliers: number;
  products: number;
  days: number;
  salesPerDay: number;
  /** First business day of sales (local); FIRST_SALES_DAY when not given. */
  firstDay?: string;
}

export const SCALES: Record<Scale, ScaleSpec> = {
  tiny: { suppliers: 5, products: 200, days: 3, salesPerDay: 50 },
  small: { suppliers: 300, products: 20_000, days: 30, salesPerDay: 1_000 },
  large: { suppliers: 300, products: 20_000, days: 365, salesPerDay: 1_000 },
  /**
   * Five years (~4.9 M sale lines): the till must not slow down as the years pile up. It ends
   * on the day `large` ends (2026-10-31; 2024 has a 29 February): history, as a settlement's cutoff may not be after today.
   */
  xlarge: { suppliers: 300, products: 20_000, days: 1_825, salesPerDay: 1_000, firstDay: '2021-11-02' },
};

/** First business day of sales (local). Fixed so the data never depends on when it is generated. */
export const FIRST_SALES_DAY = '2025-11-01';

/** The first and last business day of a scale's sales. */
export function salesDays(spec: ScaleSpec): { firstDay: string; lastDay: string } {
  const firstDay = spec.firstDay ?? FIRST_SALES_DAY;
  return { firstDay, lastDay: addDays(firstDay, spec.days - 1) };
}

/** The shop, users, suppliers and catalogue are set up this many days earlier. */
const SETUP_DAYS_BEFORE = 7;
export const TILL = 'K1';
export const BENCH_LOGINS = {
  admin: { name: 'La Ode Muhammad Ridwan', username: 'admin', pin: '123456' },
  manager: { name: 'Wa Ode Nurhayati', username: 'manajer', pin: '2222' },
  cashier: { name: 'Sitti Aisyah Lamusu', username: 'kasir', pin: '1111' },
  cashier2: { name: 'Andi Fajar Ramadhan', username: 'kasir2', pin: '3333' },
} as const;

/** Asia/Makassar (WITA) is UTC+8 all year; checked against `businessDate` every day. */
const WITA_OFFSET_MS = 8 * 3_600_000;
const TIME_ZONE = 'Asia/Makassar';

export interface GenerateOptions {
  scale: Scale | ScaleSpec;
  out: string;
  seed?: number;
  log?: (line: string) => void;
}

export interface GenerateResult {
  out: string;
  seed: number;
  spec: ScaleSpec;
  counts: {
    suppliers: number;
    products: number;
    intakes: number;
    lots: number;
    shifts: number;
    settlements: number;
    sales: number;
    saleLines: number;
    saleLineLots: number;
    ledgerEntries: number;
    payments: number;
  };
  firstDay: string;
  lastDay: string;
  timings: { setupMs: number; salesMs: number; checkMs: number; totalMs: number };
  invariants: InvariantResult[];
  ok: boolean;
}

type Rng = () => number;
const intBetween = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
const digits = (rng: Rng, n: number): string => Array.from({ length: n }, () => String(Math.floor(rng() * 10))).join('');
const roundTo = (value: number, step: number): number => Math.round(value / step) * step;
const ceilTo = (value: number, step: number): number => Math.ceil(value / step) * step;
function shuffle<T>(rng: Rng, items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
const ean13 = (first12: string): string => first12 + String(ean13CheckDigit(first12));
/** A UUID-shaped client request id from the PRNG (what a till would send). */
function requestId(rng: Rng): string {
  const h = Array.from({ length: 32 }, () => Math.floor(rng() * 16).toString(16)).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** UTC millis of a local (WITA) wall-clock time on business day `day`. */
export function witaTime(day: string, hours: number, minutes = 0, seconds = 0, ms = 0): number {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y, m - 1, d, hours, minutes, seconds, ms) - WITA_OFFSET_MS;
}

// ---------------------------------------------------------------------------
// Planning the catalogue
// ---------------------------------------------------------------------------

interface PlannedSupplier {
  name: string;
  brand: string;
  owner: string;
  district: (typeof DISTRICTS)[number];
  town: string;
  specialties: number[];
}

interface PlannedProduct {
  supplierIndex: number;
  name: string;
  category: Category;
  unit: Unit;
  sellPrice: number;
  terms: Terms;
  barcode?: string;
}

function planSuppliers(rng: Rng, count: number): PlannedSupplier[] {
  const used = new Set<string>();
  const out: PlannedSupplier[] = [];
  for (let i = 0; i < count; i++) {
    const district = DISTRICTS[i % DISTRICTS.length];
    const town = pick(rng, TOWNS[district]);
    const first = intBetween(rng, 0, SPECIALTIES.length - 1);
    const specialties = [first];
    const prefix = pick(rng, PREFIXES);
    let name = [prefix, SPECIALTIES[first].label, town].filter(Boolean).join(' ');
    for (let n = 2; used.has(name); n++) name = [prefix, SPECIALTIES[first].label, town, String(n)].filter(Boolean).join(' ');
    used.add(name);
    const owner = [pick(rng, FIRST_NAMES), pick(rng, LAST_NAMES)].filter(Boolean).join(' ');
    out.push({ name, brand: name.replace(/^(UD|CV|Koperasi|KUB|IKM|Rumah|Sentra) /, ''), owner, district, town, specialties });
  }
  return out;
}

function planProducts(rng: Rng, suppliers: PlannedSupplier[], total: number): PlannedProduct[] {
  const perSupplier = Math.ceil(total / suppliers.length);
  const pools = suppliers.map((s) => {
    // Candidates from the supplier's specialties; add more specialties until there are enough.
    const candidates: { name: string; category: Category; unit: Unit; price: number }[] = [];
    const addSpecialty = (k: number) => {
      const sp = SPECIALTIES[k];
      for (const [base, price] of sp.bases)
        for (const variant of sp.variants)
          for (const [size, mult] of sp.sizes) {
            candidates.push({ name: [base, variant, size].filter(Boolean).join(' '), category: sp.category, unit: sp.unit, price: price * mult });
          }
    };
    addSpecialty(s.specialties[0]);
    while (candidates.length < perSupplier) {
      const k = intBetween(rng, 0, SPECIALTIES.length - 1);
      if (s.specialties.includes(k)) continue;
      s.specialties.push(k);
      addSpecialty(k);
    }
    return { factor: 0.9 + rng() * 0.25, candidates: shuffle(rng, candidates), next: 0, itemNo: 0 };
  });
  const usedNames = new Set<string>();
  const planned: PlannedProduct[] = [];
  while (planned.length < total) {
    for (let si = 0; si < suppliers.length && planned.length < total; si++) {
      const pool = pools[si];
      if (pool.next >= pool.candidates.length) continue;
      const c = pool.candidates[pool.next++];
      // Another supplier sells the same item: tell them apart by brand (as the demo does).
      const name = usedNames.has(c.name) ? `${c.name} - ${suppliers[si].brand}` : c.name;
      usedNames.add(name);
      const step = c.price >= 100_000 ? 5_000 : 1_000;
      const sellPrice = Math.min(1_500_000, Math.max(5_000, roundTo(c.price * pool.factor, step)));
      const terms: Terms =
        rng() < 0.6
          ? { type: 'fixed', supplierPrice: roundTo(sellPrice * (0.75 + rng() * 0.1), 500) }
          : { type: 'commission', commissionBps: 1000 + 250 * intBetween(rng, 0, 6) };
      let barcode: string | undefined;
      if (rng() < 0.7) {
        // 899 (Indonesia) + 4-digit supplier + 5-digit item + check digit: unique by construction.
        pool.itemNo += 1;
        barcode = ean13(`899${String(1000 + si)}${String(pool.itemNo).padStart(5, '0')}`);
      }
      planned.push({ supplierIndex: si, name, category: c.category, unit: c.unit, sellPrice, terms, barcode });
    }
  }
  return planned;
}

// ---------------------------------------------------------------------------
// In-memory stock model (mirrors the lots table during the bulk load)
// ---------------------------------------------------------------------------

interface MemLot {
  id: number;
  supplierId: number | null;
  remaining: number;
  expiryDate: string | null;
  termsType: 'fixed' | 'commission';
  supplierPrice: number | null;
  commissionBps: number | null;
}

interface MemProduct {
  id: number;
  name: string;
  sellPrice: number;
  supplierId: number;
  termsType: 'fixed' | 'commission';
  supplierPrice: number | null;
  commissionBps: number | null;
  trackExpiry: boolean;
  /** Restock quantity: about two weeks of expected demand, at least a carton. */
  restockQty: number;
  lots: MemLot[];
}

/** FEFO order: expiry first (no expiry last), then oldest lot first; same as allocateFefo. */
function fefoCompare(a: MemLot, b: MemLot): number {
  if (a.expiryDate === null && b.expiryDate !== null) return 1;
  if (a.expiryDate !== null && b.expiryDate === null) return -1;
  if (a.expiryDate !== null && b.expiryDate !== null && a.expiryDate !== b.expiryDate) return a.expiryDate < b.expiryDate ? -1 : 1;
  return a.id - b.id;
}

// ---------------------------------------------------------------------------
// Generate
// ---------------------------------------------------------------------------

export function generate(options: GenerateOptions): GenerateResult {
  const t0 = performance.now();
  const log = options.log ?? (() => {});
  const spec = typeof options.scale === 'string' ? SCALES[options.scale] : options.scale;
  const seed = options.seed ?? 20251101;
  const rng = mulberry32(seed);
  const out = resolve(options.out);
  mkdirSync(dirname(out), { recursive: true });
  for (const suffix of ['', '-wal', '-shm', '-journal']) if (existsSync(out + suffix)) rmSync(out + suffix);

  const db = openDb(out);
  const sqlite = db.$client;
  const { firstDay, lastDay } = salesDays(spec);
  const setupDay = addDays(firstDay, -SETUP_DAYS_BEFORE);
  const setupAt = witaTime(setupDay, 9);
  let clockNow = setupAt;
  const ctx: Ctx = { db, clock: { now: () => clockNow } };

  // --- shop, users, suppliers, products, first intakes: through the services ---
  const plannedSuppliers = planSuppliers(rng, spec.suppliers);
  const plannedProducts = planProducts(rng, plannedSuppliers, spec.products);
  const userIds: Record<keyof typeof BENCH_LOGINS, number> = { admin: 0, manager: 0, cashier: 0, cashier2: 0 };
  const productIds: number[] = [];
  const supplierIds: number[] = [];
  let managerActor!: Actor;
  db.transaction(() => {
    const admin = setupInit(ctx, { shopName: 'PLUT KUMKM Sulawesi Tenggara', address: 'Jl. Abdullah Silondae No. 5, Kendari', admin: BENCH_LOGINS.admin });
    setSetting(db, 'shopPhone', '0401-3121234');
    setSetting(db, 'receiptFooter', 'Terima kasih! Oleh-oleh khas Sultra');
    setSetting(db, 'timeZone', TIME_ZONE);
    userIds.admin = admin.id;
    const adminActor: Actor = { userId: admin.id, name: admin.name, role: 'admin', tillCode: TILL };
    clockNow += 60_000;
    userIds.manager = createUser(ctx, adminActor, { ...BENCH_LOGINS.manager, role: 'manager' }).id;
    userIds.cashier = createUser(ctx, adminActor, { ...BENCH_LOGINS.cashier, role: 'cashier' }).id;
    userIds.cashier2 = createUser(ctx, adminActor, { ...BENCH_LOGINS.cashier2, role: 'cashier' }).id;
    managerActor = { userId: userIds.manager, name: BENCH_LOGINS.manager.name, role: 'manager', tillCode: TILL };

    for (const s of plannedSuppliers) {
      clockNow += 1_000;
      const bank = pick(rng, BANKS);
      supplierIds.push(
        createSupplier(ctx, managerActor, {
          name: s.name,
          ownerName: s.owner,
          phone: `${pick(rng, PHONE_PREFIXES)}${digits(rng, 8)}`,
          address: `Kel./Desa ${s.town}, ${s.district}`,
          district: s.district,
          bankName: bank.name,
          bankAccount: `${intBetween(rng, 1, 9)}${digits(rng, bank.digits - 1)}`,
          bankHolder: rng() < 0.2 ? s.name : s.owner,
        }).id,
      );
    }
    for (const p of plannedProducts) {
      clockNow += 10;
      const food = tracksExpiry(p.category);
      productIds.push(
        createProduct(ctx, managerActor, {
          name: p.name,
          supplierId: supplierIds[p.supplierIndex],
          sellPrice: p.sellPrice,
          terms: p.terms,
          barcode: p.barcode,
          category: p.category,
          unit: p.unit,
          trackExpiry: food,
          minStock: food ? 10 : 3,
        }).id,
      );
    }
  });

  // Expected demand per product: sale lines pick product index floor(N·r²) of a shuffled order.
  const n = productIds.length;
  const popularity = shuffle(
    rng,
    productIds.map((_, i) => i),
  );
  const unitsPerDay = spec.salesPerDay * 2.7 * 1.3;
  const restockFor = (rank: number, price: number): number => {
    const share = Math.sqrt((rank + 1) / n) - Math.sqrt(rank / n);
    const twoWeeks = Math.ceil(unitsPerDay * share * 14);
    return Math.max(price >= 200_000 ? 5 : 24, twoWeeks);
  };

  // First deliveries: one intake per supplier, the day before sales start.
  clockNow = witaTime(addDays(firstDay, -1), 10);
  const initialQty = new Map<number, number>();
  db.transaction(() => {
    const bySupplier = new Map<number, { productId: number; qty: number; expiryDate?: string }[]>();
    popularity.forEach((productIndex, rank) => {
      const p = plannedProducts[productIndex];
      const qty = restockFor(rank, p.sellPrice);
      initialQty.set(productIds[productIndex], qty);
      const lines = bySupplier.get(p.supplierIndex) ?? [];
      lines.push({
        productId: productIds[productIndex],
        qty,
        expiryDate: tracksExpiry(p.category) ? addDays(firstDay, intBetween(rng, 90, 365)) : undefined,
      });
      bySupplier.set(p.supplierIndex, lines);
    });
    for (const [si, lines] of [...bySupplier.entries()].sort((a, b) => a[0] - b[0])) {
      clockNow += 60_000;
      createIntake(ctx, managerActor, { supplierId: supplierIds[si], lines: lines.sort((a, b) => a.productId - b.productId), note: 'Titipan awal (data bench)' });
    }
  });
  const setupMs = performance.now() - t0;
  log(`setup: ${spec.suppliers} suppliers, ${n} products, first intakes in ${(setupMs / 1000).toFixed(1)} s`);

  // --- in-memory model of products and lots ---
  const products = new Map<number, MemProduct>();
  for (const r of sqlite
    .prepare(
      `SELECT id, name, sell_price, supplier_id, terms_type, supplier_price, commission_bps, track_expiry FROM products ORDER BY id`,
    )
    .all() as {
    id: number;
    name: string;
    sell_price: number;
    supplier_id: number;
    terms_type: 'fixed' | 'commission';
    supplier_price: number | null;
    commission_bps: number | null;
    track_expiry: number;
  }[]) {
    products.set(r.id, {
      id: r.id,
      name: r.name,
      sellPrice: r.sell_price,
      supplierId: r.supplier_id,
      termsType: r.terms_type,
      supplierPrice: r.supplier_price,
      commissionBps: r.commission_bps,
      trackExpiry: r.track_expiry === 1,
      restockQty: initialQty.get(r.id) ?? 24,
      lots: [],
    });
  }
  for (const l of sqlite
    .prepare(`SELECT id, product_id, supplier_id, remaining_qty, expiry_date, terms_type, supplier_price, commission_bps FROM lots ORDER BY id`)
    .all() as {
    id: number;
    product_id: number;
    supplier_id: number | null;
    remaining_qty: number;
    expiry_date: string | null;
    terms_type: 'fixed' | 'commission';
    supplier_price: number | null;
    commission_bps: number | null;
  }[]) {
    products.get(l.product_id)!.lots.push({
      id: l.id,
      supplierId: l.supplier_id,
      remaining: l.remaining_qty,
      expiryDate: l.expiry_date,
      termsType: l.terms_type,
      supplierPrice: l.supplier_price,
      commissionBps: l.commission_bps,
    });
  }
  const byRank = popularity.map((i) => products.get(productIds[i])!);

  // --- prepared statements: the same rows checkout / createIntake / shifts write ---
  const st = {
    openShift: sqlite.prepare(`INSERT INTO shifts (till_code, opened_by, opened_at, opening_float) VALUES (?, ?, ?, ?)`),
    closeShift: sqlite.prepare(
      `UPDATE shifts SET closed_at = ?, closed_by = ?, expected_cash = ?, counted_cash = ?, variance = ? WHERE id = ?`,
    ),
    audit: sqlite.prepare(`INSERT INTO audit_log (at, user_id, action, entity, entity_id, details) VALUES (?, ?, ?, ?, ?, ?)`),
    sale: sqlite.prepare(
      `INSERT INTO sales (number, client_request_id, till_code, shift_id, cashier_id, status, subtotal, discount_total, total, paid, change, business_date, created_at)
       VALUES (?, ?, ?, ?, ?, 'completed', ?, 0, ?, ?, ?, ?, ?)`,
    ),
    line: sqlite.prepare(
      `INSERT INTO sale_lines (sale_id, line_no, product_id, name, qty, unit_price, discount, line_total) VALUES (?, ?, ?, ?, ?, ?, 0, ?)`,
    ),
    portion: sqlite.prepare(
      `INSERT INTO sale_line_lots (sale_line_id, lot_id, qty, net_amount, supplier_share, shop_share) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    ledger: sqlite.prepare(
      `INSERT INTO ledger_entries (supplier_id, kind, amount, sale_line_lot_id, lot_id, qty, business_date, created_at) VALUES (?, 'sale', ?, ?, ?, ?, ?, ?)`,
    ),
    lot: sqlite.prepare(`UPDATE lots SET remaining_qty = ? WHERE id = ?`),
    payment: sqlite.prepare(`INSERT INTO payments (sale_id, method, amount, reference) VALUES (?, ?, ?, ?)`),
    seqNext: sqlite.prepare(
      `INSERT INTO doc_sequences (scope, last) VALUES (?, 1) ON CONFLICT(scope) DO UPDATE SET last = last + 1 RETURNING last`,
    ),
    seqSet: sqlite.prepare(`INSERT INTO doc_sequences (scope, last) VALUES (?, ?) ON CONFLICT(scope) DO UPDATE SET last = excluded.last`),
    intake: sqlite.prepare(`INSERT INTO intakes (number, supplier_id, received_by, note, business_date, created_at) VALUES (?, ?, ?, ?, ?, ?)`),
    newLot: sqlite.prepare(
      `INSERT INTO lots (product_id, intake_id, supplier_id, received_qty, remaining_qty, expiry_date, terms_type, supplier_price, commission_bps, sell_price, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };

  const counts = { intakes: 0, shifts: 0, settlements: 0, sales: 0, saleLines: 0, saleLineLots: 0, ledgerEntries: 0, payments: 0 };

  /** A one-line intake, as createIntake writes it (number TT-YYYYMMDD-NNN, terms snapshot, audit). */
  function restock(p: MemProduct, day: string, at: number): void {
    const compact = day.replaceAll('-', '');
    const seq = (st.seqNext.get(`intake:${compact}`) as { last: number }).last;
    const number = `TT-${compact}-${String(seq).padStart(3, '0')}`;
    const intakeId = Number(st.intake.run(number, p.supplierId, userIds.manager, 'Titipan ulang (data bench)', day, at).lastInsertRowid);
    const qty = p.restockQty;
    const expiry = p.trackExpiry ? addDays(day, intBetween(rng, 90, 365)) : null;
    const lotId = Number(
      st.newLot.run(p.id, intakeId, p.supplierId, qty, qty, expiry, p.termsType, p.supplierPrice, p.commissionBps, p.sellPrice, at).lastInsertRowid,
    );
    st.audit.run(at, userIds.manager, 'intakes.create', 'intake', intakeId, JSON.stringify({ number }));
    p.lots.push({
      id: lotId,
      supplierId: p.supplierId,
      remaining: qty,
      expiryDate: expiry,
      termsType: p.termsType,
      supplierPrice: p.supplierPrice,
      commissionBps: p.commissionBps,
    });
    counts.intakes += 1;
  }

  function sellable(p: MemProduct, day: string): MemLot[] {
    return p.lots.filter((l) => l.remaining > 0 && (l.expiryDate === null || l.expiryDate >= day)).sort(fefoCompare);
  }

  /**
   * Pay every supplier for the month that just ended, through the real
   * createSettlement (before the shop opens on the 1st). The last month of
   * the data is left unsettled, for the benchmark to settle.
   */
  const owedStmt = sqlite.prepare(
    `SELECT supplier_id FROM ledger_entries WHERE settlement_id IS NULL AND kind <> 'payout' AND business_date <= ?
     GROUP BY supplier_id HAVING sum(amount) > 0 ORDER BY supplier_id`,
  );
  function settleMonth(day: string): void {
    const cutoff = addDays(day, -1);
    clockNow = witaTime(day, 7, 0);
    db.transaction(() => {
      for (const supplierId of owedStmt.pluck().all(cutoff) as number[]) {
        clockNow += 1_000;
        const transfer = rng() < 0.75;
        createSettlement(ctx, managerActor, {
          supplierId,
          cutoff,
          method: transfer ? 'transfer' : 'cash',
          reference: transfer ? `TRF${digits(rng, 10)}` : undefined,
          note: 'Pembayaran bulanan (data bench)',
        });
        counts.settlements += 1;
      }
    });
  }

  const tSales = performance.now();
  for (let d = 0; d < spec.days; d++) {
    const day = addDays(firstDay, d);
    const compact = day.replaceAll('-', '');
    if (d > 0 && day.endsWith('-01')) settleMonth(day);
    const openAt = witaTime(day, 8);
    const closeAt = witaTime(day, 21, 30);
    if (businessDate(openAt, TIME_ZONE) !== day || businessDate(closeAt, TIME_ZONE) !== day) {
      throw new Error(`business day arithmetic is off for ${day}`);
    }
    const cashier = d % 2 === 0 ? userIds.cashier : userIds.cashier2;
    const openingFloat = 500_000;
    sqlite.transaction(() => {
      const shiftId = Number(st.openShift.run(TILL, cashier, openAt, openingFloat).lastInsertRowid);
      st.audit.run(openAt, cashier, 'shifts.open', 'shift', shiftId, JSON.stringify({ openingFloat }));
      counts.shifts += 1;
      let cashIn = 0;
      let changeOut = 0;
      const span = witaTime(day, 21) - witaTime(day, 8, 5);
      for (let k = 0; k < spec.salesPerDay; k++) {
        const at = witaTime(day, 8, 5) + Math.floor(((k + rng()) / spec.salesPerDay) * span);
        const r = rng();
        const lineCount = r < 0.15 ? 1 : r < 0.4 ? 2 : r < 0.75 ? 3 : 4;
        const chosen: MemProduct[] = [];
        while (chosen.length < lineCount) {
          const u = rng();
          const p = byRank[Math.min(n - 1, Math.floor(n * u * u))];
          if (!chosen.includes(p)) chosen.push(p);
        }
        const lines = chosen.map((p) => {
          const q = rng();
          const qty = p.sellPrice >= 200_000 ? 1 : q < 0.8 ? 1 : q < 0.95 ? 2 : intBetween(rng, 3, 5);
          return { p, qty, gross: p.sellPrice * qty };
        });
        const total = lines.reduce((s, l) => s + l.gross, 0);

        // Payments: mostly cash (paid with notes, change given), the rest QRIS / debit / transfer / e-wallet, a few split.
        const pr = rng();
        const pays: { method: string; amount: number; reference: string | null }[] = [];
        if (pr < 0.62) {
          pays.push({ method: 'cash', amount: ceilTo(total, pick(rng, [1_000, 5_000, 10_000, 50_000, 100_000])), reference: null });
        } else if (pr < 0.67) {
          const qris = Math.max(1_000, roundTo(total / 2, 1_000));
          pays.push({ method: 'qris', amount: qris, reference: `QR${digits(rng, 10)}` });
          pays.push({ method: 'cash', amount: ceilTo(total - qris, 5_000), reference: null });
        } else {
          const m = rng();
          const method = m < 0.6 ? 'qris' : m < 0.82 ? 'debit' : m < 0.92 ? 'transfer' : 'ewallet';
          pays.push({ method, amount: total, reference: method === 'qris' ? `QR${digits(rng, 10)}` : null });
        }
        const paid = pays.reduce((s, x) => s + x.amount, 0);
        const change = paid - total;

        // Restock before selling when the sellable stock cannot cover a line (a supplier drops by).
        for (const l of lines) {
          const available = sellable(l.p, day).reduce((s, x) => s + x.remaining, 0);
          if (available < l.qty) restock(l.p, day, at - 1);
        }

        counts.sales += 1;
        const number = `${TILL}-${compact}-${String(k + 1).padStart(4, '0')}`;
        const saleId = Number(st.sale.run(number, requestId(rng), TILL, shiftId, cashier, total, total, paid, change, day, at).lastInsertRowid);
        lines.forEach((l, i) => {
          const lineId = Number(st.line.run(saleId, i + 1, l.p.id, l.p.name, l.qty, l.p.sellPrice, l.gross).lastInsertRowid);
          counts.saleLines += 1;
          const portions: { lot: MemLot; qty: number }[] = [];
          let left = l.qty;
          for (const lot of sellable(l.p, day)) {
            if (left === 0) break;
            const take = Math.min(left, lot.remaining);
            lot.remaining -= take;
            st.lot.run(lot.remaining, lot.id);
            portions.push({ lot, qty: take });
            left -= take;
          }
          if (left !== 0) throw new Error(`allocation failed for product ${l.p.id} on ${day}`);
          if (portions.some((x) => x.lot.remaining === 0)) l.p.lots = l.p.lots.filter((x) => x.remaining > 0);
          const nets = splitByWeights(l.gross, portions.map((x) => x.qty));
          portions.forEach((portion, j) => {
            const net = nets[j];
            const share = portion.lot.supplierId === null ? 0 : supplierShare(portion.lot, portion.qty, net);
            const sllId = Number(st.portion.run(lineId, portion.lot.id, portion.qty, net, share, net - share).lastInsertRowid);
            counts.saleLineLots += 1;
            if (portion.lot.supplierId !== null) {
              st.ledger.run(portion.lot.supplierId, share, sllId, portion.lot.id, portion.qty, day, at);
              counts.ledgerEntries += 1;
            }
          });
        });
        for (const p of pays) {
          st.payment.run(saleId, p.method, p.amount, p.reference);
          counts.payments += 1;
          if (p.method === 'cash') cashIn += p.amount;
        }
        changeOut += change;
      }
      st.seqSet.run(`sale:${TILL}:${compact}`, spec.salesPerDay);
      const expectedCash = openingFloat + cashIn - changeOut;
      const variance = rng() < 0.05 ? -1_000 * intBetween(rng, 1, 5) : 0;
      const counted = expectedCash + variance;
      st.closeShift.run(closeAt, cashier, expectedCash, counted, variance, shiftId);
      st.audit.run(closeAt, cashier, 'shifts.close', 'shift', shiftId, JSON.stringify({ expectedCash, countedCash: counted, variance }));
    })();
    if ((d + 1) % 30 === 0 || d === spec.days - 1) {
      log(`sales: day ${d + 1}/${spec.days} (${day}), ${counts.sales} sales, ${counts.saleLines} lines, ${((performance.now() - tSales) / 1000).toFixed(1)} s`);
    }
  }
  const salesMs = performance.now() - tSales;

  const tCheck = performance.now();
  const invariants = checkInvariants(db);
  const checkMs = performance.now() - tCheck;
  const totals = sqlite
    .prepare(`SELECT (SELECT count(*) FROM suppliers) AS s, (SELECT count(*) FROM products) AS p, (SELECT count(*) FROM lots) AS l, (SELECT count(*) FROM intakes) AS i`)
    .get() as { s: number; p: number; l: number; i: number };
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.exec('ANALYZE');
  db.$client.close();
  const result: GenerateResult = {
    out,
    seed,
    spec,
    counts: { ...counts, suppliers: totals.s, products: totals.p, lots: totals.l, intakes: totals.i },
    firstDay,
    lastDay,
    timings: { setupMs, salesMs, checkMs, totalMs: performance.now() - t0 },
    invariants,
    ok: invariants.every((r) => r.violations === 0),
  };
  return result;
}

// ---------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------

function parseArgs(argv: string[]): { scale: Scale; out: string; seed?: number } {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const scale = (get('scale') ?? 'small') as Scale;
  if (!(scale in SCALES)) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  const out = get('out') ?? `bench/data/${scale}.db`;
  const seedText = get('seed');
  const seed = seedText === undefined ? undefined : Number(seedText);
  if (seed !== undefined && !Number.isSafeInteger(seed)) throw new Error('--seed must be an integer');
  return { scale, out, seed };
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = parseArgs(process.argv.slice(2));
  const result = generate({ ...args, log: (line) => console.log(line) });
  const c = result.counts;
  console.log(
    `\n${result.out}\n  seed ${result.seed}, ${result.firstDay} … ${result.lastDay}\n` +
      `  ${c.suppliers} suppliers, ${c.products} products, ${c.intakes} intakes, ${c.lots} lots, ${c.shifts} shifts, ${c.settlements} settlements\n` +
      `  ${c.sales} sales, ${c.saleLines} lines, ${c.saleLineLots} lot portions, ${c.ledgerEntries} ledger entries, ${c.payments} payments\n` +
      `  setup ${(result.timings.setupMs / 1000).toFixed(1)} s, sales ${(result.timings.salesMs / 1000).toFixed(1)} s, ` +
      `checks ${(result.timings.checkMs / 1000).toFixed(1)} s, total ${(result.timings.totalMs / 1000).toFixed(1)} s`,
  );
  console.log('\ninvariants:');
  for (const r of result.invariants) console.log(`  ${r.violations === 0 ? 'ok  ' : 'FAIL'} ${r.name}${r.violations ? ` (${r.violations})` : ''}`);
  if (!result.ok) {
    console.error('\ninvariant check failed');
    process.exit(1);
  }
}
