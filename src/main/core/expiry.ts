/**
 * Lists that feed returns: lots close to (or past) their expiry date, and
 * lots that sit on the shelf without selling.
 */
import { eq, sql } from 'drizzle-orm';
import { lots } from '../../db/schema';
import { fail } from '../../shared/errors';
import { formatDmy, isCalendarDate, isImplausibleExpiry, MAX_EXPIRY_YEARS, suggestExpiry } from '../../shared/dates';
import type { ExpiryCorrection, ImplausibleExpiryRow, ReturnReason, ReturnView, StockLotRow } from '../../shared/types-backoffice';
import { audit } from './audit';
import type { Actor, Ctx } from './context';
import { businessDate } from './clock';
import { getSetting } from './settings';
import { addDaysToDate, daysBetween, valueAtTerms, type LotStockRow } from './stock-value';
import { createReturn } from './returns';
import { requireSupplier } from './suppliers';

export const DEFAULT_NEAR_EXPIRY_DAYS = 30;
const DAY_MS = 86_400_000;

interface LotRow extends LotStockRow {
  id: number;
  product_id: number;
  sku: string;
  barcode: string | null;
  name: string;
  supplier_id: number | null;
  supplier_code: string | null;
  supplier_name: string | null;
  intake_number: string | null;
  intake_date: string | null;
  created_at: number;
  last_sold_at: number | null;
}

type LotWithReceipt = StockLotRow & { receivedOn: string };

function selectLots(ctx: Ctx, where: ReturnType<typeof sql>, orderBy: ReturnType<typeof sql>): LotWithReceipt[] {
  const tz = getSetting(ctx.db, 'timeZone');
  const today = businessDate(ctx.clock.now(), tz);
  const rows = ctx.db.all<LotRow>(sql`
    SELECT l.id, l.product_id, p.sku, p.barcode, p.name, l.supplier_id, s.code AS supplier_code, s.name AS supplier_name,
      i.number AS intake_number, i.business_date AS intake_date, l.created_at, l.remaining_qty, l.expiry_date, l.terms_type, l.supplier_price,
      l.commission_bps, l.sell_price,
      (SELECT max(x.created_at) FROM sale_lines sl JOIN sales x ON x.id = sl.sale_id WHERE sl.product_id = l.product_id) AS last_sold_at
    FROM lots l
    JOIN products p ON p.id = l.product_id
    LEFT JOIN suppliers s ON s.id = l.supplier_id
    LEFT JOIN intakes i ON i.id = l.intake_id
    WHERE l.remaining_qty > 0 AND ${where}
    ORDER BY ${orderBy}`);
  return rows.map((r) => ({
    lotId: r.id,
    productId: r.product_id,
    sku: r.sku,
    barcode: r.barcode,
    name: r.name,
    supplierId: r.supplier_id,
    supplierCode: r.supplier_code,
    supplierName: r.supplier_name,
    intakeNumber: r.intake_number,
    receivedAt: r.created_at,
    receivedOn: r.intake_date ?? businessDate(r.created_at, tz),
    remainingQty: r.remaining_qty,
    expiryDate: r.expiry_date,
    daysToExpiry: r.expiry_date === null ? null : daysBetween(today, r.expiry_date),
    expired: r.expiry_date !== null && r.expiry_date < today,
    value: valueAtTerms(
      { termsType: r.terms_type, supplierPrice: r.supplier_price, commissionBps: r.commission_bps, sellPrice: r.sell_price },
      r.remaining_qty,
    ),
    lastSoldAt: r.last_sold_at,
  }));
}

const withoutReceipt = ({ receivedOn: _, ...row }: LotWithReceipt): StockLotRow => row;

/**
 * Lots with stock that expire within `days` days from today, or have already
 * expired; soonest first. Lots whose saved expiry is implausible are left
 * out (they are listed by `implausibleExpiry` to be corrected first, so a
 * one-click return never sends back goods whose date was only mistyped).
 */
export function nearExpiry(ctx: Ctx, input: { days?: number; supplierId?: number }): StockLotRow[] {
  const today = businessDate(ctx.clock.now(), getSetting(ctx.db, 'timeZone'));
  const until = addDaysToDate(today, input.days ?? DEFAULT_NEAR_EXPIRY_DAYS);
  const supplierId = input.supplierId ?? null;
  return selectLots(
    ctx,
    sql`l.expiry_date IS NOT NULL AND l.expiry_date <= ${until} AND (${supplierId} IS NULL OR l.supplier_id = ${supplierId})`,
    sql`l.expiry_date, l.id`,
  )
    .filter((r) => !isImplausibleExpiry(r.receivedOn, r.expiryDate!))
    .map(withoutReceipt);
}

/**
 * Lots with stock whose saved expiry cannot be right for the day they were
 * received (a year before the intake, or more than MAX_EXPIRY_YEARS after
 * it), each with the likely intended date when there is one.
 */
export function implausibleExpiry(ctx: Ctx): ImplausibleExpiryRow[] {
  return selectLots(ctx, sql`l.expiry_date IS NOT NULL`, sql`l.id`)
    .filter((r) => isImplausibleExpiry(r.receivedOn, r.expiryDate!))
    .map((r) => ({ ...withoutReceipt(r), receivedOn: r.receivedOn, suggestion: suggestExpiry(r.receivedOn, r.expiryDate!) }));
}

/**
 * A manager corrects a lot's expiry date (audited with the old and new
 * date). FEFO, near-expiry lists and the till use the lot's date, so they
 * follow at once. The new date must itself be plausible for the intake.
 */
export function correctExpiry(ctx: Ctx, actor: Actor, input: { lotId: number; expiryDate: string; reason: string }): ExpiryCorrection {
  return ctx.db.transaction(() => {
    const lot = ctx.db.select().from(lots).where(eq(lots.id, input.lotId)).get();
    if (!lot) return fail('NOT_FOUND', `Lot #${input.lotId} tidak ditemukan.`, { field: 'lotId' });
    if (!isCalendarDate(input.expiryDate)) fail('VALIDATION', 'Tanggal kedaluwarsa tidak valid.', { field: 'expiryDate' });
    const receivedOn = ctx.db.all<{ d: string | null }>(sql`SELECT business_date AS d FROM intakes WHERE id = ${lot.intakeId}`)[0]?.d
      ?? businessDate(lot.createdAt, getSetting(ctx.db, 'timeZone'));
    if (isImplausibleExpiry(receivedOn, input.expiryDate)) {
      fail('VALIDATION', `Tanggal kedaluwarsa ${formatDmy(input.expiryDate)} tidak masuk akal untuk barang yang diterima ${formatDmy(receivedOn)} (paling lambat ${MAX_EXPIRY_YEARS} tahun sesudahnya).`, {
        field: 'expiryDate',
      });
    }
    if (lot.expiryDate === input.expiryDate) fail('VALIDATION', 'Tanggal kedaluwarsa itu sudah tersimpan.', { field: 'expiryDate' });
    ctx.db.update(lots).set({ expiryDate: input.expiryDate }).where(eq(lots.id, lot.id)).run();
    audit(ctx, {
      userId: actor.userId,
      action: 'lot.correctExpiry',
      entity: 'lot',
      entityId: lot.id,
      details: { from: lot.expiryDate, to: input.expiryDate, reason: input.reason },
    });
    return { lotId: lot.id, previous: lot.expiryDate, expiryDate: input.expiryDate };
  });
}

/**
 * Lots with stock, received at least `days` days ago, whose product has not
 * sold (from any lot) in the last `days` days; the longest idle first.
 */
export function slowMoving(ctx: Ctx, input: { days: number; supplierId?: number }): StockLotRow[] {
  const since = ctx.clock.now() - input.days * DAY_MS;
  const supplierId = input.supplierId ?? null;
  return selectLots(
    ctx,
    sql`l.created_at <= ${since} AND (${supplierId} IS NULL OR l.supplier_id = ${supplierId})
      AND NOT EXISTS (SELECT 1 FROM sale_lines sl JOIN sales x ON x.id = sl.sale_id
        WHERE sl.product_id = l.product_id AND x.created_at > ${since})`,
    sql`last_sold_at IS NOT NULL, last_sold_at, l.created_at, l.id`,
  ).map(withoutReceipt);
}

/**
 * One click: return to the supplier everything of theirs that is near
 * expiry or expired (the whole remaining qty of each such lot).
 */
export function returnNearExpiry(
  ctx: Ctx,
  actor: Actor,
  input: { supplierId: number; days?: number; reason?: ReturnReason; note?: string },
): ReturnView {
  return ctx.db.transaction(() => {
    const supplier = requireSupplier(ctx, input.supplierId);
    const lots = nearExpiry(ctx, { days: input.days, supplierId: supplier.id });
    if (lots.length === 0) {
      fail('VALIDATION', `Tidak ada barang ${supplier.name} yang hampir kedaluwarsa.`, { field: 'supplierId' });
    }
    return createReturn(ctx, actor, {
      supplierId: supplier.id,
      reason: input.reason ?? 'expired',
      note: input.note,
      lines: lots.map((l) => ({ lotId: l.lotId, qty: l.remainingQty })),
    });
  });
}
