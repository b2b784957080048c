import { and, asc, desc, eq, gt, gte, inArray, lte, sql } from 'drizzle-orm';
import { intakes, lots, products, suppliers, users } from '../../db/schema';
import { AppError, fail } from '../../shared/errors';
import { lineAmount, MAX_RUPIAH } from '../../shared/money';
import { formatDmy, isImplausibleExpiry, MAX_EXPIRY_YEARS } from '../../shared/dates';
import type { Actor, Ctx } from './context';
import type { IntakeResult, Lot } from '../../shared/types';
import { audit } from './audit';
import { businessDate, compactDate } from './clock';
import { getSetting } from './settings';
import { nextSequence, pad } from './sequences';
import { requireSupplier } from './suppliers';
import { all, query, run, write } from '../../db/statements';
import { termsOf } from '../../shared/pricing';
import { valueAtTerms } from './stock-value';
import type { IntakeLineView, IntakeSummary, IntakeView } from '../../shared/types-backoffice';



const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function isValidDate(text: string): boolean {
  if (!DATE_RE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** Receive consigned goods: one lot per line, terms snapshotted from the product. */
export function createIntake(
  ctx: Ctx,
  actor: Actor,
  input: { supplierId: number; lines: { productId: number; qty: number; expiryDate?: string }[]; note?: string },
): IntakeResult {
  return ctx.db.transaction(() => {
    const supplier = requireSupplier(ctx, input.supplierId);
    if (!supplier.active) fail('VALIDATION', `Pemasok ${supplier.name} tidak aktif.`, { field: 'supplierId' });
    const ids = [...new Set(input.lines.map((l) => l.productId))];
    const found = ctx.db.select().from(products).where(inArray(products.id, ids)).all();
    const byId = new Map(found.map((p) => [p.id, p]));
    const now = ctx.clock.now();
    const tz = getSetting(ctx.db, 'timeZone');
    const today = businessDate(now, tz);
    input.lines.forEach((line, i) => {
      const p = byId.get(line.productId);
      if (!p) fail('NOT_FOUND', `Produk #${line.productId} tidak ditemukan.`, { field: `lines.${i}.productId` });
      else if (p.supplierId !== supplier.id) {
        fail('VALIDATION', `"${p.name}" bukan barang milik ${supplier.name}.`, { field: `lines.${i}.productId` });
      } else if (!p.active) fail('VALIDATION', `"${p.name}" tidak aktif.`, { field: `lines.${i}.productId` });
      else if (p.trackExpiry && !line.expiryDate) {
        fail('VALIDATION', `"${p.name}" wajib diisi tanggal kedaluwarsa.`, { field: `lines.${i}.expiryDate` });
      }
      if (line.expiryDate !== undefined && !isValidDate(line.expiryDate)) {
        fail('VALIDATION', 'Tanggal kedaluwarsa tidak valid.', { field: `lines.${i}.expiryDate` });
      }
      if (line.expiryDate !== undefined && line.expiryDate < today) {
        fail('VALIDATION', `Barang sudah kedaluwarsa (${formatDmy(line.expiryDate)}); jangan diterima.`, { field: `lines.${i}.expiryDate` });
      }
      if (line.expiryDate !== undefined && isImplausibleExpiry(today, line.expiryDate)) {
        fail('VALIDATION', `Tanggal kedaluwarsa ${formatDmy(line.expiryDate)} lebih dari ${MAX_EXPIRY_YEARS} tahun lagi; periksa tanggalnya.`, {
          field: `lines.${i}.expiryDate`,
        });
      }
    });
    // A lot is worth at most MAX_RUPIAH at its sell price, and so is the whole intake: every value computed from it stays exact.
    let total = 0;
    input.lines.forEach((line, i) => {
      const p = byId.get(line.productId)!;
      const value = lineAmount(p.sellPrice, line.qty);
      if (value === null) fail('VALIDATION', `Nilai "${p.name}" (harga jual × jumlah) terlalu besar.`, { field: `lines.${i}.qty`, max: MAX_RUPIAH });
      total += value!;
    });
    if (total > MAX_RUPIAH) fail('VALIDATION', 'Nilai penerimaan terlalu besar; bagi menjadi beberapa penerimaan.', { field: 'lines', max: MAX_RUPIAH });

    const day = compactDate(now, tz);
    const number = `TT-${day}-${pad(nextSequence(ctx.db, `intake:${day}`), 3)}`;
    const intake = ctx.db
      .insert(intakes)
      .values({ number, supplierId: supplier.id, receivedBy: actor.userId, note: input.note ?? null, businessDate: today, createdAt: now })
      .returning()
      .get();
    const created = input.lines.map((line) => {
      const p = byId.get(line.productId)!;
      return ctx.db
        .insert(lots)
        .values({
          productId: p.id,
          intakeId: intake.id,
          supplierId: supplier.id,
          receivedQty: line.qty,
          remainingQty: line.qty,
          expiryDate: line.expiryDate ?? null,
          termsType: p.termsType,
          supplierPrice: p.supplierPrice,
          commissionBps: p.commissionBps,
          sellPrice: p.sellPrice,
          createdAt: now,
        })
        .returning()
        .get();
    });
    audit(ctx, { userId: actor.userId, action: 'intakes.create', entity: 'intake', entityId: intake.id, details: { number } });
    return { id: intake.id, number, supplierId: supplier.id, createdAt: now, lots: created };
  });
}

/** The checkout's hot path: plain prepared statements (see src/db/statements.ts). */
const sellableLots = query<Lot>()<[productId: number]>(
  'stock.sellableLots',
  `SELECT id, product_id AS productId, intake_id AS intakeId, supplier_id AS supplierId, received_qty AS receivedQty,
          remaining_qty AS remainingQty, expiry_date AS expiryDate, terms_type AS termsType, supplier_price AS supplierPrice,
          commission_bps AS commissionBps, sell_price AS sellPrice, created_at AS createdAt
   FROM lots WHERE product_id = ? AND remaining_qty > 0
   ORDER BY expiry_date IS NULL, expiry_date, id`,
  {
    id: true,
    productId: true,
    intakeId: true,
    supplierId: true,
    receivedQty: true,
    remainingQty: true,
    expiryDate: true,
    termsType: true,
    supplierPrice: true,
    commissionBps: true,
    sellPrice: true,
    createdAt: true,
  },
);
const setLotRemaining = write<[remainingQty: number, lotId: number]>('stock.setLotRemaining', 'UPDATE lots SET remaining_qty = ? WHERE id = ?');

export interface Allocation {
  lot: Lot;
  qty: number;
}

/**
 * Take `qty` units of a product from its lots, first expiry first (lots
 * without expiry last, then oldest first). Expired lots are never used.
 * Decrements the lots: call inside the sale's transaction.
 */
export function allocateFefo(ctx: Ctx, productId: number, qty: number, today: string, productName: string): Allocation[] {
  const candidates = all(ctx.db.$client, sellableLots, productId);
  const sellable = candidates.filter((l) => l.expiryDate === null || l.expiryDate >= today);
  const available = sellable.reduce((n, l) => n + l.remainingQty, 0);
  if (available < qty) {
    const expired = candidates.length - sellable.length > 0;
    throw new AppError(
      expired && available === 0 ? 'EXPIRED' : 'INSUFFICIENT_STOCK',
      expired && available === 0
        ? `Stok "${productName}" sudah kedaluwarsa dan tidak boleh dijual.`
        : `Stok "${productName}" tidak cukup: tersedia ${available}, diminta ${qty}.`,
      { productId, available, requested: qty },
    );
  }
  const out: Allocation[] = [];
  let left = qty;
  for (const lot of sellable) {
    if (left === 0) break;
    const take = Math.min(left, lot.remainingQty);
    run(ctx.db.$client, setLotRemaining, lot.remainingQty - take, lot.id);
    out.push({ lot, qty: take });
    left -= take;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Back office: intake history

/** One intake with its lines (one per lot) valued at each lot's terms. */
export function getIntake(ctx: Ctx, id: number): IntakeView {
  const head = ctx.db
    .select({ intake: intakes, supplierCode: suppliers.code, supplierName: suppliers.name, receivedByName: users.name })
    .from(intakes)
    .innerJoin(suppliers, eq(suppliers.id, intakes.supplierId))
    .innerJoin(users, eq(users.id, intakes.receivedBy))
    .where(eq(intakes.id, id))
    .get();
  if (!head) return fail('NOT_FOUND', `Penerimaan #${id} tidak ditemukan.`, { field: 'id' });
  const rows = ctx.db
    .select({ lot: lots, sku: products.sku, name: products.name, unit: products.unit })
    .from(lots)
    .innerJoin(products, eq(products.id, lots.productId))
    .where(eq(lots.intakeId, id))
    .orderBy(asc(lots.id))
    .all();
  const lines: IntakeLineView[] = rows.map(({ lot, sku, name, unit }) => ({
    lotId: lot.id,
    productId: lot.productId,
    sku,
    name,
    unit,
    qty: lot.receivedQty,
    remainingQty: lot.remainingQty,
    expiryDate: lot.expiryDate,
    terms: termsOf(lot),
    sellPrice: lot.sellPrice,
    value: valueAtTerms(lot, lot.receivedQty),
  }));
  const i = head.intake;
  return {
    id: i.id,
    number: i.number,
    supplierId: i.supplierId,
    supplierCode: head.supplierCode,
    supplierName: head.supplierName,
    receivedBy: i.receivedBy,
    receivedByName: head.receivedByName,
    note: i.note,
    businessDate: i.businessDate,
    createdAt: i.createdAt,
    lines,
    totalQty: lines.reduce((n, l) => n + l.qty, 0),
    totalValue: lines.reduce((n, l) => n + l.value, 0),
  };
}

/** Intakes newest first, by supplier and business-day range (inclusive). */
export function listIntakes(
  ctx: Ctx,
  input: { supplierId?: number; from?: string; to?: string; limit?: number },
): IntakeSummary[] {
  const heads = ctx.db
    .select({ intake: intakes, supplierCode: suppliers.code, supplierName: suppliers.name, receivedByName: users.name })
    .from(intakes)
    .innerJoin(suppliers, eq(suppliers.id, intakes.supplierId))
    .innerJoin(users, eq(users.id, intakes.receivedBy))
    .where(
      and(
        input.supplierId === undefined ? undefined : eq(intakes.supplierId, input.supplierId),
        input.from ? gte(intakes.businessDate, input.from) : undefined,
        input.to ? lte(intakes.businessDate, input.to) : undefined,
      ),
    )
    .orderBy(desc(intakes.createdAt), desc(intakes.id))
    .limit(input.limit ?? 100)
    .all();
  if (heads.length === 0) return [];
  const allLots = ctx.db.select().from(lots).where(inArray(lots.intakeId, heads.map((h) => h.intake.id))).all();
  return heads.map((h) => {
    const own = allLots.filter((l) => l.intakeId === h.intake.id);
    return {
      id: h.intake.id,
      number: h.intake.number,
      supplierId: h.intake.supplierId,
      supplierCode: h.supplierCode,
      supplierName: h.supplierName,
      receivedByName: h.receivedByName,
      businessDate: h.intake.businessDate,
      createdAt: h.intake.createdAt,
      lineCount: own.length,
      totalQty: own.reduce((n, l) => n + l.receivedQty, 0),
      totalValue: own.reduce((n, l) => n + valueAtTerms(l, l.receivedQty), 0),
    };
  });
}

/** The expiry date of a lot of `productId`; VALIDATION when the lot is of another product. */
export function lotExpiry(ctx: Ctx, lotId: number, productId: number, field: string): string | null {
  const lot = ctx.db.select({ productId: lots.productId, expiryDate: lots.expiryDate }).from(lots).where(eq(lots.id, lotId)).get();
  if (!lot) return fail('NOT_FOUND', `Lot #${lotId} tidak ditemukan.`, { field });
  if (lot.productId !== productId) fail('VALIDATION', `Lot #${lotId} bukan lot barang ini.`, { field });
  return lot.expiryDate;
}
