/**
 * Stock movement history, derived from the records that moved the stock:
 * lots (intake), sale_line_lots (sale), refund_line_lots put back into
 * their lot (refund), return_lines (return) and stock_adjustments
 * (adjustment, single or from a count). Deriving keeps
 * one source of truth: a movement cannot exist without its cause.
 */
import { sql } from 'drizzle-orm';
import type { MovementKind, StockMovement } from '../../shared/types-backoffice';
import type { Ctx } from './context';

const KIND_ORDER = sql`CASE kind WHEN 'intake' THEN 0 WHEN 'adjustment' THEN 1 WHEN 'return' THEN 2 WHEN 'sale' THEN 3 ELSE 4 END`;

/** Newest first; by product, by lot, or both. */
export function stockMovements(ctx: Ctx, input: { productId?: number; lotId?: number; limit?: number }): StockMovement[] {
  const productId = input.productId ?? null;
  const lotId = input.lotId ?? null;
  const rows = ctx.db.all<{
    kind: MovementKind;
    at: number;
    lot_id: number;
    product_id: number;
    product_name: string;
    qty: number;
    ref_id: number | null;
    ref_number: string | null;
    user_id: number | null;
    user_name: string | null;
    note: string | null;
    seq: number;
  }>(sql`
    SELECT m.*, p.name AS product_name FROM (
      SELECT 'intake' AS kind, l.created_at AS at, l.id AS lot_id, l.product_id, l.received_qty AS qty,
        i.id AS ref_id, i.number AS ref_number, u.id AS user_id, u.name AS user_name, i.note AS note, l.id AS seq
      FROM lots l LEFT JOIN intakes i ON i.id = l.intake_id LEFT JOIN users u ON u.id = i.received_by
      UNION ALL
      SELECT 'sale', s.created_at, sll.lot_id, sl.product_id, -sll.qty, s.id, s.number, u.id, u.name, NULL, sll.id
      FROM sale_line_lots sll JOIN sale_lines sl ON sl.id = sll.sale_line_id JOIN sales s ON s.id = sl.sale_id
        JOIN users u ON u.id = s.cashier_id
      UNION ALL
      SELECT 'refund', r.created_at, rll.lot_id, rl.product_id, rll.qty, r.id, r.number, u.id, u.name, r.reason, rll.id
      FROM refund_line_lots rll JOIN refund_lines rl ON rl.id = rll.refund_line_id JOIN refunds r ON r.id = rl.refund_id
        JOIN users u ON u.id = r.created_by
      WHERE rll.restocked = 1
      UNION ALL
      SELECT 'return', r.created_at, rl.lot_id, rl.product_id, -rl.qty, r.id, r.number, u.id, u.name, r.reason, rl.id
      FROM return_lines rl JOIN returns r ON r.id = rl.return_id JOIN users u ON u.id = r.created_by
      UNION ALL
      SELECT 'adjustment', a.created_at, a.lot_id, a.product_id, a.delta, c.id, c.number, u.id, u.name,
        a.reason || CASE a.liability WHEN 'shop' THEN ' (tanggungan toko)' WHEN 'supplier' THEN ' (tanggungan pemasok)' ELSE '' END,
        a.id
      FROM stock_adjustments a LEFT JOIN stock_counts c ON c.id = a.count_id JOIN users u ON u.id = a.created_by
    ) m
    JOIN products p ON p.id = m.product_id
    WHERE (${productId} IS NULL OR m.product_id = ${productId})
      AND (${lotId} IS NULL OR m.lot_id = ${lotId})
    ORDER BY m.at DESC, ${KIND_ORDER} DESC, m.seq DESC
    LIMIT ${input.limit ?? 200}`);
  return rows.map((r) => ({
    kind: r.kind,
    at: r.at,
    lotId: r.lot_id,
    productId: r.product_id,
    productName: r.product_name,
    qty: r.qty,
    refId: r.ref_id,
    refNumber: r.ref_number,
    userId: r.user_id,
    userName: r.user_name,
    note: r.note,
  }));
}
