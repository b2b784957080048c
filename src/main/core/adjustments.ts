/**
 * Stock adjustments: a lot's remaining qty corrected by hand or by a posted
 * count. Units gone while the shop was liable are owed to the supplier as a
 * `loss` ledger entry at the lot's own terms on its sell price; units gone
 * at the supplier's risk move no money. Units found again on a lot whose
 * losses the shop already owes are taken back from the supplier's side by
 * a negative `loss` entry (up to the units still counted as lost), so that
 * when they sell the supplier is not paid for them twice.
 */
import { asc, eq } from 'drizzle-orm';
import { ledgerEntries, lots, stockAdjustments } from '../../db/schema';
import { fail } from '../../shared/errors';
import { lineAmount, MAX_RUPIAH } from '../../shared/money';
import type { Liability, StockAdjustmentView } from '../../shared/types-backoffice';
import type { Actor, Ctx } from './context';
import { audit } from './audit';
import { businessDate } from './clock';
import { getSetting } from './settings';
import { get, query } from '../../db/statements';
import { valueAtTerms } from './stock-value';

type LotRow = typeof lots.$inferSelect;
type AdjustmentRow = typeof stockAdjustments.$inferSelect;

/**
 * Write one adjustment of `lot` by `delta` (inside the caller's
 * transaction). The caller has checked that the lot does not go below zero.
 */
export function applyAdjustment(
  ctx: Ctx,
  actor: Actor,
  lot: LotRow,
  input: { delta: number; reason: string; liability: Liability | null; countId?: number | null },
): StockAdjustmentView {
  const now = ctx.clock.now();
  const today = businessDate(now, getSetting(ctx.db, 'timeZone'));
  const remaining = lot.remainingQty + input.delta;
  if (remaining < 0) {
    fail('VALIDATION', `Stok lot #${lot.id} tinggal ${lot.remainingQty}; tidak bisa dikurangi ${-input.delta}.`, {
      field: 'delta',
      lotId: lot.id,
      remaining: lot.remainingQty,
    });
  }
  if (input.delta > 0 && lineAmount(lot.sellPrice, remaining) === null) {
    fail('VALIDATION', `Nilai stok lot #${lot.id} (harga jual × jumlah) akan terlalu besar.`, { field: 'delta', lotId: lot.id, max: MAX_RUPIAH });
  }
  const liability = input.delta < 0 ? input.liability ?? 'supplier' : null;
  let lossQty = 0;
  if (input.delta < 0 && liability === 'shop') lossQty = -input.delta;
  // Found again: reverse what is still owed as lost on this lot, no more.
  if (input.delta > 0) lossQty = -Math.min(input.delta, stillLost(ctx, lot.id));
  let ledgerEntryId: number | null = null;
  const lossAmount = lossQty > 0 ? valueAtTerms(lot, lossQty) : lossQty < 0 ? -valueAtTerms(lot, -lossQty) : 0;
  if (lossAmount !== 0) {
    ledgerEntryId = ctx.db
      .insert(ledgerEntries)
      .values({
        supplierId: lot.supplierId!,
        kind: 'loss',
        amount: lossAmount,
        lotId: lot.id,
        qty: lossQty,
        note: lossQty < 0 ? `Ditemukan kembali: ${input.reason}` : input.reason,
        createdBy: actor.userId,
        businessDate: today,
        createdAt: now,
      })
      .returning({ id: ledgerEntries.id })
      .get().id;
  }
  ctx.db.update(lots).set({ remainingQty: remaining }).where(eq(lots.id, lot.id)).run();
  const row = ctx.db
    .insert(stockAdjustments)
    .values({
      lotId: lot.id,
      productId: lot.productId,
      supplierId: lot.supplierId,
      delta: input.delta,
      reason: input.reason,
      liability,
      countId: input.countId ?? null,
      ledgerEntryId,
      createdBy: actor.userId,
      businessDate: today,
      createdAt: now,
    })
    .returning()
    .get();
  return adjustmentView(row, lot, remaining, lossAmount);
}

/** Units of a lot the shop still owes the supplier as lost (losses less units found again). */
function stillLost(ctx: Ctx, lotId: number): number {
  return Math.max(0, get(ctx.db.$client, lostQtyOfLot, lotId)!.n);
}
const lostQtyOfLot = query<{ n: number }>()<[lotId: number]>(
  'stock.lostQtyOfLot',
  "SELECT coalesce(sum(qty), 0) AS n FROM ledger_entries WHERE lot_id = ? AND kind = 'loss'",
  { n: true },
);

function adjustmentView(row: AdjustmentRow, lot: LotRow, remainingQty: number, lossAmount: number): StockAdjustmentView {
  return {
    id: row.id,
    lotId: row.lotId,
    productId: row.productId,
    supplierId: row.supplierId,
    delta: row.delta,
    reason: row.reason,
    liability: row.liability,
    countId: row.countId,
    ledgerEntryId: row.ledgerEntryId,
    lossAmount,
    remainingQty,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

export function requireLot(ctx: Ctx, id: number, field = 'lotId'): LotRow {
  const lot = ctx.db.select().from(lots).where(eq(lots.id, id)).get();
  return lot ?? fail('NOT_FOUND', `Lot #${id} tidak ditemukan.`, { field });
}

/** A single correction of one lot (manager), audit-logged. */
export function adjustLot(
  ctx: Ctx,
  actor: Actor,
  input: { lotId: number; delta: number; reason: string; liability: Liability },
): StockAdjustmentView {
  return ctx.db.transaction(() => {
    const lot = requireLot(ctx, input.lotId);
    const view = applyAdjustment(ctx, actor, lot, input);
    audit(ctx, {
      userId: actor.userId,
      action: 'stock.adjust',
      entity: 'lot',
      entityId: lot.id,
      details: { adjustmentId: view.id, delta: input.delta, reason: input.reason, liability: view.liability, lossAmount: view.lossAmount },
    });
    return view;
  });
}

/** The adjustments a count posted, in order. */
export function adjustmentsOfCount(ctx: Ctx, countId: number): StockAdjustmentView[] {
  const rows = ctx.db
    .select({ adj: stockAdjustments, lot: lots, lossAmount: ledgerEntries.amount })
    .from(stockAdjustments)
    .innerJoin(lots, eq(lots.id, stockAdjustments.lotId))
    .leftJoin(ledgerEntries, eq(ledgerEntries.id, stockAdjustments.ledgerEntryId))
    .where(eq(stockAdjustments.countId, countId))
    .orderBy(asc(stockAdjustments.id))
    .all();
  // remainingQty here is the lot's qty now, not right after the adjustment.
  return rows.map(({ adj, lot, lossAmount }) => adjustmentView(adj, lot, lot.remainingQty, lossAmount ?? 0));
}
