/**
 * What the outlet tells the central database, kind by kind: one definition
 * per fact kind, from which both the SQLite triggers (live facts, written in
 * the same transaction as the change) and the history backfill are generated,
 * so the two can never describe the same row differently.
 *
 * A definition reads its source row as `n` (plus joins) and says the fact's
 * business day, when it happened, and its payload as SQL expressions. A fact
 * describes a row as it was written; a later change of state (a shift closed,
 * a settlement voided, a count posted, a product edited) is a fact of its own.
 * Payload fields never include columns that change later.
 *
 * Payload conventions the central schema reads into typed columns
 * (drizzle-central): `number` (document number), `tillCode`, `supplierId`,
 * `supplierCode`, `district`, `productId`, `productSku`, `method`, `qty`,
 * `amount`, `supplierShare`, `shopShare` — integers are rupiah or units.
 *
 * Changing what a kind says means a new `version`, a new SQLite migration
 * that recreates its triggers (see `outboxTriggerSql`) and a central
 * migration that accepts the new version.
 */

/** The configured time zone as stored in settings (JSON text) or NULL: `business_day()` defaults it. */
const TZ = "(SELECT value FROM settings WHERE key = 'timeZone')";
const day = (ms: string) => `business_day(${ms}, ${TZ})`;
const bool = (expr: string) => `CASE WHEN ${expr} THEN json('true') ELSE json('false') END`;
/** A JSON value from a subquery (subqueries drop SQLite's JSON subtype). */
const jsonOf = (subquery: string) => `json((${subquery}))`;

export interface FactTrigger {
  event: 'INSERT' | 'UPDATE';
  /** Table the trigger is on; the definition's own table when omitted. */
  on?: string;
  /** UPDATE OF these columns. */
  of?: string[];
  when?: string;
  /** The source row's id in terms of NEW. */
  key: string;
  /**
   * An update of a history row the backfill has not reached yet writes
   * nothing: the backfill will read the row's new state.
   */
  skipUnreachedHistory?: boolean;
}

export interface FactDef {
  kind: string;
  version: number;
  /** Source table, read as `n`. */
  table: string;
  joins?: string;
  day: string;
  at: string;
  payload: [key: string, expr: string][];
  /** Only rows matching this make the fact in the backfill. */
  backfillWhere?: string;
  triggers: FactTrigger[];
}

const supplierOf = (alias: string): [string, string][] => [
  ['supplierCode', `${alias}.code`],
  ['district', `${alias}.district`],
];

export const FACTS: FactDef[] = [
  {
    kind: 'supplier',
    // 2: with the NIB (issue 20), the province key of one UMKM across outlets.
    version: 2,
    table: 'suppliers',
    day: day('n.updated_at'),
    at: 'n.updated_at',
    payload: [
      ['supplierId', 'n.id'],
      ['supplierCode', 'n.code'],
      ['name', 'n.name'],
      ['ownerName', 'n.owner_name'],
      ['phone', 'n.phone'],
      ['address', 'n.address'],
      ['district', 'n.district'],
      ['bankName', 'n.bank_name'],
      ['bankAccount', 'n.bank_account'],
      ['bankHolder', 'n.bank_holder'],
      ['nib', 'n.nib'],
      ['active', bool('n.active')],
      ['version', 'n.updated_at'],
    ],
    triggers: [
      { event: 'INSERT', key: 'NEW.id' },
      { event: 'UPDATE', key: 'NEW.id', skipUnreachedHistory: true },
    ],
  },
  {
    kind: 'product',
    version: 1,
    table: 'products',
    joins: 'LEFT JOIN suppliers s ON s.id = n.supplier_id',
    day: day('n.updated_at'),
    at: 'n.updated_at',
    payload: [
      ['productId', 'n.id'],
      ['productSku', 'n.sku'],
      ['barcode', 'n.barcode'],
      ['name', 'n.name'],
      ['category', 'n.category'],
      ['unit', 'n.unit'],
      ['sellPrice', 'n.sell_price'],
      ['supplierId', 'n.supplier_id'],
      ...supplierOf('s'),
      ['termsType', 'n.terms_type'],
      ['supplierPrice', 'n.supplier_price'],
      ['commissionBps', 'n.commission_bps'],
      ['trackExpiry', bool('n.track_expiry')],
      ['minStock', 'n.min_stock'],
      ['active', bool('n.active')],
      ['version', 'n.updated_at'],
    ],
    triggers: [
      { event: 'INSERT', key: 'NEW.id' },
      { event: 'UPDATE', key: 'NEW.id', skipUnreachedHistory: true },
    ],
  },
  {
    kind: 'shift_opened',
    version: 1,
    table: 'shifts',
    day: day('n.opened_at'),
    at: 'n.opened_at',
    payload: [
      ['shiftId', 'n.id'],
      ['tillCode', 'n.till_code'],
      ['openedBy', 'n.opened_by'],
      ['amount', 'n.opening_float'],
    ],
    triggers: [{ event: 'INSERT', key: 'NEW.id' }],
  },
  {
    kind: 'shift_closed',
    version: 1,
    table: 'shifts',
    day: day('n.closed_at'),
    at: 'n.closed_at',
    backfillWhere: 'n.closed_at IS NOT NULL',
    payload: [
      ['shiftId', 'n.id'],
      ['tillCode', 'n.till_code'],
      ['openedAt', 'n.opened_at'],
      ['openingFloat', 'n.opening_float'],
      ['closedBy', 'n.closed_by'],
      ['expectedCash', 'n.expected_cash'],
      ['countedCash', 'n.counted_cash'],
      ['variance', 'n.variance'],
      // Z figures: what the shift took, as the Z report counts it.
      ['salesCount', '(SELECT count(*) FROM sales x WHERE x.shift_id = n.id)'],
      ['voidCount', "(SELECT count(*) FROM sales x WHERE x.shift_id = n.id AND x.status = 'voided')"],
      ['gross', '(SELECT coalesce(sum(x.subtotal), 0) FROM sales x WHERE x.shift_id = n.id)'],
      ['discounts', '(SELECT coalesce(sum(x.discount_total), 0) FROM sales x WHERE x.shift_id = n.id)'],
      ['amount', '(SELECT coalesce(sum(x.total), 0) FROM sales x WHERE x.shift_id = n.id)'],
      ['rounding', '(SELECT coalesce(sum(x.rounding), 0) FROM sales x WHERE x.shift_id = n.id)'],
      ['changeGiven', '(SELECT coalesce(sum(x.change), 0) FROM sales x WHERE x.shift_id = n.id)'],
      ['refundCount', '(SELECT count(*) FROM refunds r WHERE r.shift_id = n.id)'],
      ['refundTotal', '(SELECT coalesce(sum(r.total + r.rounding), 0) FROM refunds r WHERE r.shift_id = n.id)'],
      [
        'paymentsByMethod',
        jsonOf(
          `SELECT json_group_object(method, amount) FROM (SELECT p.method, sum(p.amount) AS amount
           FROM payments p JOIN sales x ON x.id = p.sale_id WHERE x.shift_id = n.id GROUP BY p.method ORDER BY p.method)`,
        ),
      ],
      [
        'refundsByMethod',
        jsonOf(
          `SELECT json_group_object(method, amount) FROM (SELECT rp.method, sum(rp.amount) AS amount
           FROM refund_payments rp JOIN refunds r ON r.id = rp.refund_id WHERE r.shift_id = n.id GROUP BY rp.method ORDER BY rp.method)`,
        ),
      ],
      ['payIns', "(SELECT coalesce(sum(c.amount), 0) FROM cash_movements c WHERE c.shift_id = n.id AND c.kind = 'pay_in')"],
      ['payOuts', "(SELECT coalesce(sum(c.amount), 0) FROM cash_movements c WHERE c.shift_id = n.id AND c.kind = 'pay_out')"],
    ],
    triggers: [
      { event: 'UPDATE', of: ['closed_at'], when: 'OLD.closed_at IS NULL AND NEW.closed_at IS NOT NULL', key: 'NEW.id', skipUnreachedHistory: true },
    ],
  },
  {
    kind: 'cash_movement',
    version: 1,
    table: 'cash_movements',
    day: day('n.created_at'),
    at: 'n.created_at',
    payload: [
      ['movementId', 'n.id'],
      ['shiftId', 'n.shift_id'],
      ['tillCode', 'n.till_code'],
      ['movementKind', 'n.kind'],
      ['amount', 'n.amount'],
      ['reason', 'n.reason'],
      ['createdBy', 'n.created_by'],
    ],
    triggers: [{ event: 'INSERT', key: 'NEW.id' }],
  },
  {
    kind: 'intake',
    version: 1,
    table: 'intakes',
    joins: 'JOIN suppliers s ON s.id = n.supplier_id',
    day: 'n.business_date',
    at: 'n.created_at',
    payload: [
      ['intakeId', 'n.id'],
      ['number', 'n.number'],
      ['supplierId', 'n.supplier_id'],
      ...supplierOf('s'),
      ['receivedBy', 'n.received_by'],
      ['note', 'n.note'],
    ],
    triggers: [{ event: 'INSERT', key: 'NEW.id' }],
  },
  {
    kind: 'lot',
    version: 1,
    table: 'lots',
    joins: `LEFT JOIN intakes i ON i.id = n.intake_id
      JOIN products p ON p.id = n.product_id
      LEFT JOIN suppliers s ON s.id = n.supplier_id`,
    day: `coalesce(i.business_date, ${day('n.created_at')})`,
    at: 'n.created_at',
    payload: [
      ['lotId', 'n.id'],
      ['intakeId', 'n.intake_id'],
      ['number', 'i.number'],
      ['productId', 'n.product_id'],
      ['productSku', 'p.sku'],
      ['supplierId', 'n.supplier_id'],
      ...supplierOf('s'),
      ['qty', 'n.received_qty'],
      // The date as received: a later correction is a fact of its own (lot_expiry_corrected).
      ['expiryDate', `coalesce((SELECT json_extract(c.details, '$.from') FROM audit_log c WHERE c.action = 'lot.correctExpiry' AND c.entity_id = n.id ORDER BY c.id LIMIT 1), n.expiry_date)`],
      ['termsType', 'n.terms_type'],
      ['supplierPrice', 'n.supplier_price'],
      ['commissionBps', 'n.commission_bps'],
      ['sellPrice', 'n.sell_price'],
    ],
    triggers: [{ event: 'INSERT', key: 'NEW.id' }],
  },
  {
    kind: 'sale',
    version: 1,
    table: 'sales',
    day: 'n.business_date',
    at: 'n.created_at',
    payload: [
      ['saleId', 'n.id'],
      ['number', 'n.number'],
      ['tillCode', 'n.till_code'],
      ['shiftId', 'n.shift_id'],
      ['cashierId', 'n.cashier_id'],
      ['subtotal', 'n.subtotal'],
      ['discountTotal', 'n.discount_total'],
      ['saleDiscount', 'n.sale_discount'],
      ['amount', 'n.total'],
      ['rounding', 'n.rounding'],
      ['paid', 'n.paid'],
      ['change', 'n.change'],
      ['approvedBy', 'n.approved_by'],
    ],
    triggers: [{ event: 'INSERT', key: 'NEW.id' }],
  },
  {
    // One lot portion of a sale line, with its line's details and its money split.
    kind: 'sale_item',
    version: 1,
    table: 'sale_line_lots',
    joins: `JOIN sale_lines l ON l.id = n.sale_line_id
      JOIN sales x ON x.id = l.sale_id
      JOIN lots t ON t.id = n.lot_id
      JOIN products p ON p.id = l.product_id
      LEFT JOIN suppliers s ON s.id = t.supplier_id`,
    day: 'x.business_date',
    at: 'x.created_at',
    payload: [
      ['portionId', 'n.id'],
      ['saleId', 'x.id'],
      ['number', 'x.number'],
      ['tillCode', 'x.till_code'],
      ['saleLineId', 'l.id'],
      ['lineNo', 'l.line_no'],
      ['productId', 'l.product_id'],
      ['productSku', 'p.sku'],
      ['name', 'l.name'],
      ['lineQty', 'l.qty'],
      ['unitPrice', 'l.unit_price'],
      ['listPrice', 'l.list_price'],
      ['lineDiscount', 'l.discount'],
      ['lineSaleDiscount', 'l.sale_discount'],
      ['lotId', 'n.lot_id'],
      ['termsType', 't.terms_type'],
      ['supplierId', 't.supplier_id'],
      ...supplierOf('s'),
      ['qty', 'n.qty'],
      ['amount', 'n.net_amount'],
      ['supplierShare', 'n.supplier_share'],
      ['shopShare', 'n.shop_share'],
    ],
    triggers: [{ event: 'INSERT', key: 'NEW.id' }],
  },
  {
    kind: 'payment',
    version: 1,
    table: 'payments',
    joins: 'JOIN sales x ON x.id = n.sale_id',
    day: 'x.business_date',
    at: 'x.created_at',
    payload: [
      ['paymentId', 'n.id'],
      ['saleId', 'n.sale_id'],
      ['number', 'x.number'],
      ['tillCode', 'x.till_code'],
      ['method', 'n.method'],
      ['amount', 'n.amount'],
      ['reference', 'n.reference'],
    ],
    triggers: [{ event: 'INSERT', key: 'NEW.id' }],
  },
  {
    // A refund, or the void of a whole sale (`refundKind` 'void'): the sale's change of state.
    kind: 'refund',
    version: 1,
    table: 'refunds',
    joins: 'JOIN sales x ON x.id = n.sale_id',
    day: 'n.business_date',
    at: 'n.created_at',
    payload: [
      ['refundId', 'n.id'],
      ['number', 'n.number'],
      ['refundKind', 'n.kind'],
      ['saleId', 'n.sale_id'],
      ['saleNumber', 'x.number'],
      ['tillCode', 'n.till_code'],
      ['shiftId', 'n.shift_id'],
      ['reason', 'n.reason'],
      ['amount', 'n.total'],
      ['rounding', 'n.rounding'],
      ['createdBy', 'n.created_by'],
      ['approvedBy', 'n.approved_by'],
    ],
    triggers: [{ event: 'INSERT', key: 'NEW.id' }],
  },
  {
    // The refunded units of one sold lot portion, with the money taken back.
    kind: 'refund_item',
    version: 1,
    table: 'refund_line_lots',
    joins: `JOIN refund_lines rl ON rl.id = n.refund_line_id
      JOIN refunds r ON r.id = rl.refund_id
      JOIN lots t ON t.id = n.lot_id
      JOIN products p ON p.id = rl.product_id
      LEFT JOIN suppliers s ON s.id = t.supplier_id`,
    day: 'r.business_date',
    at: 'r.created_at',
    payload: [
      ['refundPortionId', 'n.id'],
      ['refundId', 'r.id'],
      ['number', 'r.number'],
      ['refundKind', 'r.kind'],
      ['tillCode', 'r.till_code'],
      ['saleLineLotId', 'n.sale_line_lot_id'],
      ['saleLineId', 'rl.sale_line_id'],
      ['productId', 'rl.product_id'],
      ['productSku', 'p.sku'],
      ['name', 'rl.name'],
      ['restocked', bool('n.restocked')],
      ['lotId', 'n.lot_id'],
      ['supplierId', 't.supplier_id'],
      ...supplierOf('s'),
      ['qty', 'n.qty'],
      ['amount', 'n.net_amount'],
      ['supplierShare', 'n.supplier_share'],
      ['shopShare', 'n.shop_share'],
      ['ledgerEntryId', 'n.ledger_entry_id'],
    ],
    triggers: [{ event: 'INSERT', key: 'NEW.id' }],
  },
  {
    kind: 'refund_payment',
    version: 1,
    table: 'refund_payments',
    joins: 'JOIN refunds r ON r.id = n.refund_id',
    day: 'r.business_date',
    at: 'r.created_at',
    payload: [
      ['refundPaymentId', 'n.id'],
      ['refundId', 'n.refund_id'],
      ['number', 'r.number'],
      ['tillCode', 'r.till_code'],
      ['method', 'n.method'],
      ['amount', 'n.amount'],
      ['reference', 'n.reference'],
    ],
    triggers: [{ event: 'INSERT', key: 'NEW.id' }],
  },
  {
    kind: 'return',
    version: 1,
    table: 'returns',
    joins: 'JOIN suppliers s ON s.id = n.supplier_id',
    day: 'n.business_date',
    at: 'n.created_at',
    payload: [
      ['returnId', 'n.id'],
      ['number', 'n.number'],
      ['supplierId', 'n.supplier_id'],
      ...supplierOf('s'),
      ['reason', 'n.reason'],
      ['note', 'n.note'],
      ['createdBy', 'n.created_by'],
    ],
    triggers: [{ event: 'INSERT', key: 'NEW.id' }],
  },
  {
    kind: 'return_item',
    version: 1,
    table: 'return_lines',
    joins: `JOIN returns r ON r.id = n.return_id
      JOIN products p ON p.id = n.product_id
      JOIN suppliers s ON s.id = r.supplier_id`,
    day: 'r.business_date',
    at: 'r.created_at',
    payload: [
      ['returnLineId', 'n.id'],
      ['returnId', 'n.return_id'],
      ['number', 'r.number'],
      ['lotId', 'n.lot_id'],
      ['productId', 'n.product_id'],
      ['productSku', 'p.sku'],
      ['supplierId', 'r.supplier_id'],
      ...supplierOf('s'),
      ['qty', 'n.qty'],
    ],
    triggers: [{ event: 'INSERT', key: 'NEW.id' }],
  },
  {
    // A count closed (posted or cancelled) with its counted lines; differences travel as stock_adjustment facts.
    kind: 'stock_count',
    version: 1,
    table: 'stock_counts',
    joins: 'LEFT JOIN suppliers s ON s.id = n.supplier_id',
    day: day('n.closed_at'),
    at: 'n.closed_at',
    backfillWhere: "n.status <> 'open'",
    payload: [
      ['countId', 'n.id'],
      ['number', 'n.number'],
      ['status', 'n.status'],
      ['supplierId', 'n.supplier_id'],
      ...supplierOf('s'),
      ['category', 'n.category'],
      ['note', 'n.note'],
      ['startedBy', 'n.started_by'],
      ['startedAt', 'n.started_at'],
      ['startedDay', 'n.business_date'],
      ['closedBy', 'n.closed_by'],
      [
        'lines',
        jsonOf(
          `SELECT json_group_array(json_object('lotId', c.lot_id, 'productId', c.product_id, 'expectedQty', c.expected_qty, 'countedQty', c.counted_qty))
           FROM (SELECT * FROM stock_count_lines c0 WHERE c0.count_id = n.id ORDER BY c0.id) c`,
        ),
      ],
    ],
    triggers: [
      { event: 'UPDATE', of: ['status'], when: "OLD.status = 'open' AND NEW.status <> 'open'", key: 'NEW.id', skipUnreachedHistory: true },
    ],
  },
  {
    kind: 'stock_adjustment',
    version: 1,
    table: 'stock_adjustments',
    joins: `JOIN products p ON p.id = n.product_id
      LEFT JOIN suppliers s ON s.id = n.supplier_id
      LEFT JOIN stock_counts c ON c.id = n.count_id`,
    day: 'n.business_date',
    at: 'n.created_at',
    payload: [
      ['adjustmentId', 'n.id'],
      ['lotId', 'n.lot_id'],
      ['productId', 'n.product_id'],
      ['productSku', 'p.sku'],
      ['supplierId', 'n.supplier_id'],
      ...supplierOf('s'),
      ['qty', 'n.delta'],
      ['reason', 'n.reason'],
      ['liability', 'n.liability'],
      ['countId', 'n.count_id'],
      ['countNumber', 'c.number'],
      ['ledgerEntryId', 'n.ledger_entry_id'],
      ['createdBy', 'n.created_by'],
    ],
    triggers: [{ event: 'INSERT', key: 'NEW.id' }],
  },
  {
    // Every amount owed to (or paid to) a supplier. Being covered by a settlement is the settlement's fact.
    kind: 'ledger_entry',
    version: 1,
    table: 'ledger_entries',
    joins: 'JOIN suppliers s ON s.id = n.supplier_id',
    day: 'n.business_date',
    at: 'n.created_at',
    payload: [
      ['entryId', 'n.id'],
      ['entryKind', 'n.kind'],
      ['supplierId', 'n.supplier_id'],
      ...supplierOf('s'),
      ['amount', 'n.amount'],
      ['qty', 'n.qty'],
      ['saleLineLotId', 'n.sale_line_lot_id'],
      ['lotId', 'n.lot_id'],
      ['note', 'n.note'],
      ['createdBy', 'n.created_by'],
      // Only payouts are born linked to their settlement; other entries' links change.
      ['settlementId', "CASE WHEN n.kind = 'payout' THEN n.settlement_id END"],
    ],
    triggers: [{ event: 'INSERT', key: 'NEW.id' }],
  },
  {
    // A settlement is complete when its payout entry is written: the covered entries are listed then.
    kind: 'settlement',
    version: 1,
    table: 'settlements',
    joins: 'JOIN suppliers s ON s.id = n.supplier_id',
    day: 'n.business_date',
    at: 'n.created_at',
    payload: [
      ['settlementId', 'n.id'],
      ['number', 'n.number'],
      ['supplierId', 'n.supplier_id'],
      ...supplierOf('s'),
      ['cutoff', 'n.cutoff'],
      ['periodFrom', 'n.period_from'],
      ['amount', 'n.amount'],
      ['entryCount', 'n.entry_count'],
      ['method', 'n.method'],
      ['reference', 'n.reference'],
      ['note', 'n.note'],
      ['bankName', 'n.bank_name'],
      ['bankAccount', 'n.bank_account'],
      ['bankHolder', 'n.bank_holder'],
      ['tillCode', 'n.till_code'],
      ['createdBy', 'n.created_by'],
      ['stock', 'json(n.stock_snapshot)'],
      [
        'entryIds',
        jsonOf('SELECT json_group_array(e.ledger_entry_id) FROM (SELECT ledger_entry_id FROM settlement_entries e0 WHERE e0.settlement_id = n.id ORDER BY e0.id) e'),
      ],
    ],
    triggers: [
      {
        event: 'INSERT',
        on: 'ledger_entries',
        when: "NEW.kind = 'payout' AND NEW.amount < 0 AND NEW.settlement_id IS NOT NULL",
        key: 'NEW.settlement_id',
      },
    ],
  },
  {
    kind: 'settlement_voided',
    version: 1,
    table: 'settlements',
    joins: 'JOIN suppliers s ON s.id = n.supplier_id',
    day: day('n.voided_at'),
    at: 'n.voided_at',
    backfillWhere: 'n.voided_at IS NOT NULL',
    payload: [
      ['settlementId', 'n.id'],
      ['number', 'n.number'],
      ['supplierId', 'n.supplier_id'],
      ...supplierOf('s'),
      ['amount', 'n.amount'],
      ['voidedBy', 'n.voided_by'],
      ['reason', 'n.void_reason'],
    ],
    triggers: [
      { event: 'UPDATE', of: ['voided_at'], when: 'OLD.voided_at IS NULL AND NEW.voided_at IS NOT NULL', key: 'NEW.id', skipUnreachedHistory: true },
    ],
  },
  {
    // A manager corrected a lot's expiry date (saved wrong by the old date field): read from its audit entry.
    kind: 'lot_expiry_corrected',
    version: 1,
    table: 'audit_log',
    joins: `JOIN lots l ON l.id = n.entity_id
      JOIN products p ON p.id = l.product_id
      LEFT JOIN suppliers s ON s.id = l.supplier_id`,
    day: day('n.at'),
    at: 'n.at',
    backfillWhere: "n.action = 'lot.correctExpiry'",
    payload: [
      ['lotId', 'n.entity_id'],
      ['productId', 'l.product_id'],
      ['productSku', 'p.sku'],
      ['supplierId', 'l.supplier_id'],
      ...supplierOf('s'),
      ['previousExpiryDate', "json_extract(n.details, '$.from')"],
      ['expiryDate', "json_extract(n.details, '$.to')"],
      ['correctedBy', 'n.user_id'],
    ],
    triggers: [{ event: 'INSERT', when: "NEW.action = 'lot.correctExpiry'", key: 'NEW.id' }],
  },
];

/** Tables whose history is put into the outbox, in this order, with their kinds. */
export const BACKFILL_TABLES: { table: string; kinds: FactDef[] }[] = (() => {
  const order: string[] = [];
  for (const f of FACTS) if (!order.includes(f.table)) order.push(f.table);
  return order.map((table) => ({ table, kinds: FACTS.filter((f) => f.table === table) }));
})();

export const FACT_VERSIONS: Record<string, number> = Object.fromEntries(FACTS.map((f) => [f.kind, f.version]));

const payloadSql = (f: FactDef) => `json_object(${f.payload.map(([k, e]) => `'${k}', ${e}`).join(', ')})`;

const triggerName = (f: FactDef, t: FactTrigger) => `outbox_${f.kind}${f.triggers.length > 1 ? `_${t.event.toLowerCase()}` : ''}`;

/** The CREATE TRIGGER statements of every fact kind (the migration holds exactly these). */
export function outboxTriggerSql(): string[] {
  return FACTS.flatMap((f) =>
    f.triggers.map((t) => {
      const on = t.on ?? f.table;
      const of = t.of ? ` OF ${t.of.join(', ')}` : '';
      const when = t.when ? ` WHEN ${t.when}` : '';
      const skip = t.skipUnreachedHistory
        ? `\n    AND NOT EXISTS (SELECT 1 FROM outbox_backfill b WHERE b.table_name = '${f.table}' AND n.id <= b.high_water AND n.id > b.done_through)`
        : '';
      return `CREATE TRIGGER ${triggerName(f, t)} AFTER ${t.event}${of} ON ${on} FOR EACH ROW${when} BEGIN
  INSERT INTO outbox (id, kind, schema_version, outlet_code, business_day, occurred_at, payload)
  SELECT uuidv7(), '${f.kind}', ${f.version}, o.outlet_code, ${f.day}, ${f.at}, ${payloadSql(f)}
  FROM outbox_state o, ${f.table} n${f.joins ? ` ${f.joins}` : ''}
  WHERE o.enabled = 1 AND o.id = 1 AND n.id = ${t.key}${skip};
END`;
    }),
  );
}

/**
 * One chunk of history of one kind: source rows with `from < id <= to`, seqs
 * from `base + 1` in id order. Parameters: base, outlet, from, to.
 */
export function backfillSql(f: FactDef): string {
  return `INSERT INTO outbox (seq, id, kind, schema_version, outlet_code, business_day, occurred_at, payload)
  SELECT ? + row_number() OVER (ORDER BY n.id), uuidv7(), '${f.kind}', ${f.version}, ?, ${f.day}, ${f.at}, ${payloadSql(f)}
  FROM ${f.table} n${f.joins ? ` ${f.joins}` : ''}
  WHERE n.id > ? AND n.id <= ?${f.backfillWhere ? ` AND ${f.backfillWhere}` : ''}`;
}
