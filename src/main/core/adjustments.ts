/**
 * Stock adjustments: a lot's remaining qty corrected by hand or by a posted
 * count. Units gone while the shop was liable are owed to the supplier as a
 * `loss` ledger entry at the lot's own terms on its sell price; units gone
 * at the supplier's risk, and units found, move no money.
 */
import { asc, eq } from 'drizzle-orm';
import { ledgerEntries, lots, stockAdjustments } from '../../db/schema';
import { fail } from '../../shared/errors';
import type { Liability, StockAdjustmentView } from '../../shared/types-backoffice';
import type { Actor, Ctx } from './context';
import { audit } from './audit';
import { businessDate } from './clock';
import { getSetting } from './settings';
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
  const liability = input.delta < 0 ? input.liability ?? 'supplier' : null;
  let ledgerEntryId: number | null = null;
  if (input.delta < 0 && liability === 'shop' && lot.supplierId !== null) {
    const amount = valueAtTerms(lot, -input.delta);
    if (amount > 0) {
      ledgerEntryId = ctx.db
        .insert(ledgerEntries)
        .values({
          supplierId: lot.supplierId,
          kind: 'loss',
          amount,
          lotId: lot.id,
          qty: -input.delta,
          note: input.reason,
          createdBy: actor.userId,
          businessDate: today,
          createdAt: now,
        })
        .returning({ id: ledgerEntries.id })
        .get().id;
    }
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
  return adjustmentView(row, lot, remaining);
}

function adjustmentView(row: AdjustmentRow, lot: LotRow, remainingQty: number): StockAdjustmentView {
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
    lossAmount: row.ledgerEntryId === null ? 0 : valueAtTerms(lot, -row.delta),
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
    .select({ adj: stockAdjustments, lot: lots })
    .from(stockAdjustments)
    .innerJoin(lots, eq(lots.id, stockAdjustments.lotId))
    .where(eq(stockAdjustments.countId, countId))
    .orderBy(asc(stockAdjustments.id))
    .all();
  // remainingQty here is the lot's qty now, not right after the adjustment.
  return rows.map(({ adj, lot }) => adjustmentView(adj, lot, lot.remainingQty));
}
