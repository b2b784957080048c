/**
 * Invariant 3 of DESIGN.md, per lot, in the terms of these tables:
 *
 *   received + restocked refunds + Σ adjustments = remaining + sold + returned
 *
 * where sold = Σ sale_line_lots.qty, restocked refunds = Σ refund_line_lots.qty
 * put back into the lot, returned = Σ return_lines.qty and the adjustments
 * are signed (negative = written off, positive = found). A lot is also
 * never negative.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db';
import type { LotInvariantViolation, LotTotals } from '../../shared/types-backoffice';

/** A lot's received and remaining units with its movement sums, as the queries below read them. */
export interface LotTotalsRow {
  received_qty: number;
  remaining_qty: number;
  sold: number;
  restocked: number;
  returned: number;
  adjusted: number;
}

/** The lot's units in and out, in the words of the lot views (also the lot page's history). */
export function lotTotals(r: LotTotalsRow): LotTotals {
  return {
    receivedQty: r.received_qty,
    remainingQty: r.remaining_qty,
    soldQty: r.sold,
    restockedQty: r.restocked,
    returnedQty: r.returned,
    adjustedQty: r.adjusted,
  };
}

export function lotInvariantViolations(db: Db): LotInvariantViolation[] {
  const rows = db.all<LotTotalsRow & { id: number }>(sql`
    SELECT id, received_qty, remaining_qty, sold, restocked, returned, adjusted FROM (
      SELECT l.id, l.received_qty, l.remaining_qty,
        coalesce((SELECT sum(qty) FROM sale_line_lots WHERE lot_id = l.id), 0) AS sold,
        coalesce((SELECT sum(qty) FROM refund_line_lots WHERE lot_id = l.id AND restocked = 1), 0) AS restocked,
        coalesce((SELECT sum(qty) FROM return_lines WHERE lot_id = l.id), 0) AS returned,
        coalesce((SELECT sum(delta) FROM stock_adjustments WHERE lot_id = l.id), 0) AS adjusted
      FROM lots l
    )
    WHERE received_qty + restocked + adjusted - sold - returned - remaining_qty <> 0 OR remaining_qty < 0
    ORDER BY id`);
  return rows.map((r) => ({
    lotId: r.id,
    ...lotTotals(r),
    discrepancy: r.received_qty + r.restocked + r.adjusted - r.sold - r.returned - r.remaining_qty,
  }));
}
