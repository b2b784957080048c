/**
 * Lists that feed returns: lots close to (or past) their expiry date, and
 * lots that sit on the shelf without selling.
 */
import { sql } from 'drizzle-orm';
import { fail } from '../../shared/errors';
import type { ReturnReason, ReturnView, StockLotRow } from '../../shared/types-backoffice';
import type { Actor, Ctx } from './context';
import { businessDate } from './clock';
import { getSetting } from './settings';
import { addDaysToDate, daysBetween, valueAtTerms } from './stock-value';
import { createReturn } from './returns';
import { requireSupplier } from './suppliers';

export const DEFAULT_NEAR_EXPIRY_DAYS = 30;
const DAY_MS = 86_400_000;

interface LotRow {
  id: number;
  product_id: number;
  sku: string;
  barcode: string | null;
  name: string;
  supplier_id: number | null;
  supplier_code: string | null;
  supplier_name: string | null;
  intake_number: string | null;
  created_at: number;
  remaining_qty: number;
  expiry_date: string | null;
  terms_type: 'fixed' | 'commission';
  supplier_price: number | null;
  commission_bps: number | null;
  sell_price: number;
  last_sold_at: number | null;
}

function selectLots(ctx: Ctx, where: ReturnType<typeof sql>, orderBy: ReturnType<typeof sql>): StockLotRow[] {
  const today = businessDate(ctx.clock.now(), getSetting(ctx.db, 'timeZone'));
  const rows = ctx.db.all<LotRow>(sql`
    SELECT l.id, l.product_id, p.sku, p.barcode, p.name, l.supplier_id, s.code AS supplier_code, s.name AS supplier_name,
      i.number AS intake_number, l.created_at, l.remaining_qty, l.expiry_date, l.terms_type, l.supplier_price,
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

/** Lots with stock that expire within `days` days from today, or have already expired; soonest first. */
export function nearExpiry(ctx: Ctx, input: { days?: number; supplierId?: number }): StockLotRow[] {
  const today = businessDate(ctx.clock.now(), getSetting(ctx.db, 'timeZone'));
  const until = addDaysToDate(today, input.days ?? DEFAULT_NEAR_EXPIRY_DAYS);
  const supplierId = input.supplierId ?? null;
  return selectLots(
    ctx,
    sql`l.expiry_date IS NOT NULL AND l.expiry_date <= ${until} AND (${supplierId} IS NULL OR l.supplier_id = ${supplierId})`,
    sql`l.expiry_date, l.id`,
  );
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
  );
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
