/**
 * Invariant checks in SQL over a whole database: what the generator's bulk
 * load (and the benchmark's own writes) must keep, the same rules `checkout`,
 * `createIntake` and the shift services keep. Each check counts violating
 * rows; 0 means it holds.
 */
import type { Db } from '../src/db';

export interface InvariantResult {
  name: string;
  violations: number;
}

/** Local business day of a UTC millis column for Asia/Makassar (UTC+8, no DST). */
const witaDay = (col: string) => `date(${col} / 1000 + 8 * 3600, 'unixepoch')`;

export const INVARIANT_SQL: Record<string, string> = {
  // DESIGN invariant 1, per lot portion (so also summed over all completed sales).
  'portion: net = supplier share + shop share': `
    SELECT count(*) FROM sale_line_lots WHERE net_amount <> supplier_share + shop_share`,
  'portion: supplier share follows the lot terms': `
    SELECT count(*) FROM sale_line_lots sll JOIN lots l ON l.id = sll.lot_id
    WHERE l.supplier_id IS NOT NULL AND sll.supplier_share <> CASE l.terms_type
      WHEN 'fixed' THEN coalesce(l.supplier_price, 0) * sll.qty
      ELSE sll.net_amount - (2 * sll.net_amount * coalesce(l.commission_bps, 0) + 10000) / 20000 END`,
  'invariant 1 totals: Σ net = Σ supplier + Σ shop (completed sales)': `
    SELECT count(*) FROM (
      SELECT sum(sll.net_amount) AS n, sum(sll.supplier_share) AS s, sum(sll.shop_share) AS h
      FROM sale_line_lots sll JOIN sale_lines sl ON sl.id = sll.sale_line_id JOIN sales sa ON sa.id = sl.sale_id
      WHERE sa.status = 'completed') WHERE n <> s + h`,
  'line: portions cover its qty and net amount': `
    SELECT count(*) FROM sale_lines sl LEFT JOIN (
      SELECT sale_line_id, sum(qty) AS q, sum(net_amount) AS n FROM sale_line_lots GROUP BY sale_line_id) x ON x.sale_line_id = sl.id
    WHERE x.q IS NULL OR x.q <> sl.qty OR x.n <> sl.line_total`,
  "sale: lines sum to subtotal and total": `
    SELECT count(*) FROM sales s LEFT JOIN (
      SELECT sale_id, sum(line_total) AS t, sum(qty * unit_price) AS g FROM sale_lines GROUP BY sale_id) x ON x.sale_id = s.id
    WHERE x.t IS NULL OR x.t <> s.total OR x.g <> s.subtotal OR s.subtotal - s.discount_total <> s.total`,
  'sale: payments sum to paid, change = paid − total − rounding': `
    SELECT count(*) FROM sales s LEFT JOIN (
      SELECT sale_id, sum(amount) AS p, sum(CASE WHEN method <> 'cash' THEN amount ELSE 0 END) AS nc FROM payments GROUP BY sale_id) x
      ON x.sale_id = s.id
    WHERE x.p IS NULL OR x.p <> s.paid OR s.change <> s.paid - s.total - s.rounding OR s.change < 0 OR x.nc > s.total`,
  'sale: business_date is the local (WITA) day of created_at': `
    SELECT count(*) FROM sales WHERE business_date <> ${witaDay('created_at')}`,
  'sale: number is <till>-<YYYYMMDD>-<seq> of its business day': `
    SELECT count(*) FROM sales
    WHERE substr(number, 1, length(till_code) + 10) <> till_code || '-' || replace(business_date, '-', '') || '-'
       OR CAST(substr(number, length(till_code) + 11) AS INTEGER) < 1`,
  'doc_sequences: sale counters at or past the highest number': `
    SELECT count(*) FROM (
      SELECT till_code, business_date, max(CAST(substr(number, length(till_code) + 11) AS INTEGER)) AS m FROM sales GROUP BY 1, 2) x
    LEFT JOIN doc_sequences d ON d.scope = 'sale:' || x.till_code || ':' || replace(x.business_date, '-', '')
    WHERE d.last IS NULL OR d.last < x.m`,
  'doc_sequences: intake counters at or past the highest number': `
    SELECT count(*) FROM (
      SELECT substr(number, 4, 8) AS day, max(CAST(substr(number, 13) AS INTEGER)) AS m FROM intakes GROUP BY 1) x
    LEFT JOIN doc_sequences d ON d.scope = 'intake:' || x.day
    WHERE d.last IS NULL OR d.last < x.m`,
  'sale: shift is of its till and open at the time of sale': `
    SELECT count(*) FROM sales s JOIN shifts sh ON sh.id = s.shift_id
    WHERE sh.till_code <> s.till_code OR s.created_at < sh.opened_at OR (sh.closed_at IS NOT NULL AND s.created_at > sh.closed_at)`,
  'shift: at most one open per till': `
    SELECT count(*) FROM (SELECT till_code FROM shifts WHERE closed_at IS NULL GROUP BY till_code HAVING count(*) > 1)`,
  'shift: expected cash = float + cash taken − change (no refunds or pay-ins in bench data)': `
    SELECT count(*) FROM shifts sh
    WHERE sh.closed_at IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM refunds r WHERE r.shift_id = sh.id)
      AND NOT EXISTS (SELECT 1 FROM cash_movements m WHERE m.shift_id = sh.id)
      AND sh.expected_cash <> sh.opening_float
        + coalesce((SELECT sum(p.amount) FROM payments p JOIN sales x ON x.id = p.sale_id WHERE x.shift_id = sh.id AND p.method = 'cash'), 0)
        - coalesce((SELECT sum(change) FROM sales x WHERE x.shift_id = sh.id), 0)`,
  // DESIGN invariant 3: received = remaining + sold − restocked refunds + returned + written off.
  'lot: received + adjusted + restocked refunds = remaining + sold + returned, never negative': `
    SELECT count(*) FROM lots l
    LEFT JOIN (SELECT lot_id, sum(qty) AS q FROM sale_line_lots GROUP BY lot_id) s ON s.lot_id = l.id
    LEFT JOIN (SELECT lot_id, sum(qty) AS q FROM return_lines GROUP BY lot_id) r ON r.lot_id = l.id
    LEFT JOIN (SELECT lot_id, sum(delta) AS q FROM stock_adjustments GROUP BY lot_id) a ON a.lot_id = l.id
    LEFT JOIN (SELECT lot_id, sum(qty) AS q FROM refund_line_lots WHERE restocked = 1 GROUP BY lot_id) f ON f.lot_id = l.id
    WHERE l.remaining_qty < 0
       OR l.received_qty + coalesce(a.q, 0) + coalesce(f.q, 0) <> l.remaining_qty + coalesce(s.q, 0) + coalesce(r.q, 0)`,
  'lot: FEFO never sold an expired lot': `
    SELECT count(*) FROM sale_line_lots sll JOIN lots l ON l.id = sll.lot_id JOIN sale_lines sl ON sl.id = sll.sale_line_id
    JOIN sales s ON s.id = sl.sale_id
    WHERE l.expiry_date IS NOT NULL AND l.expiry_date < s.business_date`,
  'ledger: one sale entry per supplier portion, amount = supplier share': `
    SELECT count(*) FROM sale_line_lots sll JOIN lots l ON l.id = sll.lot_id
    LEFT JOIN ledger_entries e ON e.sale_line_lot_id = sll.id AND e.kind = 'sale'
    WHERE l.supplier_id IS NOT NULL
      AND (e.id IS NULL OR e.amount <> sll.supplier_share OR e.supplier_id <> l.supplier_id OR e.qty <> sll.qty OR e.lot_id <> sll.lot_id)`,
  'ledger: no portion has two sale entries': `
    SELECT count(*) FROM (SELECT sale_line_lot_id FROM ledger_entries WHERE kind = 'sale' GROUP BY sale_line_lot_id HAVING count(*) > 1)`,
  'ledger: sale entry dated like its sale': `
    SELECT count(*) FROM ledger_entries e JOIN sale_line_lots sll ON sll.id = e.sale_line_lot_id
    JOIN sale_lines sl ON sl.id = sll.sale_line_id JOIN sales s ON s.id = sl.sale_id
    WHERE e.kind = 'sale' AND (e.business_date <> s.business_date OR e.created_at <> s.created_at)`,
  // DESIGN invariant 2.
  'settlement: no ledger entry covered by two live settlements': `
    SELECT count(*) FROM (
      SELECT se.ledger_entry_id FROM settlement_entries se JOIN settlements s ON s.id = se.settlement_id
      WHERE s.voided_at IS NULL GROUP BY se.ledger_entry_id HAVING count(*) > 1)`,
  'settlement: amount = Σ covered entries = −payout, entry count matches': `
    SELECT count(*) FROM settlements s
    WHERE s.voided_at IS NULL AND (
      s.amount <> coalesce((SELECT sum(e.amount) FROM settlement_entries se JOIN ledger_entries e ON e.id = se.ledger_entry_id WHERE se.settlement_id = s.id), 0)
      OR s.entry_count <> (SELECT count(*) FROM settlement_entries se WHERE se.settlement_id = s.id)
      OR -s.amount <> coalesce((SELECT sum(amount) FROM ledger_entries WHERE settlement_id = s.id AND kind = 'payout'), 0)
      OR s.cutoff < s.period_from)`,
  'client_request_id unique': `
    SELECT count(*) FROM (SELECT client_request_id FROM sales GROUP BY 1 HAVING count(*) > 1)`,
  'foreign keys': `SELECT count(*) FROM pragma_foreign_key_check`,
};

export function checkInvariants(db: Db, only?: string[]): InvariantResult[] {
  const sqlite = db.$client;
  return Object.entries(INVARIANT_SQL)
    .filter(([name]) => !only || only.includes(name))
    .map(([name, query]) => ({ name, violations: Number(sqlite.prepare(query).pluck().get()) }));
}
