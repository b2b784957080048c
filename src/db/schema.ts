/**
 * The Kasir PLUT schema. Money columns are INTEGER rupiah; timestamps are
 * INTEGER UTC milliseconds; `business_date` columns are the local business
 * day as TEXT `YYYY-MM-DD`. Business records are never hard-deleted.
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex, blob } from 'drizzle-orm/sqlite-core';

// The outbox of facts forwarded to the central database (issue 19).
export * from './schema-outbox';

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  /** JSON-encoded value. */
  value: text('value').notNull(),
});

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  username: text('username').notNull().unique(),
  role: text('role', { enum: ['cashier', 'manager', 'admin'] }).notNull(),
  pinHash: text('pin_hash').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  lockedUntil: integer('locked_until'),
  createdAt: integer('created_at').notNull(),
});

export const sessions = sqliteTable('sessions', {
  /** sha256 of the bearer token; the token itself is never stored. */
  tokenHash: text('token_hash').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id),
  tillCode: text('till_code').notNull(),
  createdAt: integer('created_at').notNull(),
  lastSeenAt: integer('last_seen_at').notNull(),
  revokedAt: integer('revoked_at'),
});

/**
 * A manager's approval, checked when the PIN was typed (`approvals.verify`)
 * and handed to the cashier's session as a short-lived, single-use token.
 * The checkout, refund or void it was asked for takes it instead of a PIN.
 */
export const approvalGrants = sqliteTable(
  'approval_grants',
  {
    /** sha256 of the token; the token itself is never stored. */
    tokenHash: text('token_hash').primaryKey(),
    action: text('action', { enum: ['sales.checkout', 'sales.refund', 'sales.void'] }).notNull(),
    /** The cashier (session user) and till it was given to; nobody else can use it. */
    issuedTo: integer('issued_to').notNull().references(() => users.id),
    tillCode: text('till_code').notNull(),
    approvedBy: integer('approved_by').notNull().references(() => users.id),
    /** Refunds and voids: the sale it is for. */
    saleId: integer('sale_id'),
    /** Checkout: JSON of what was approved (reasons keyed by product). */
    reasons: text('reasons').notNull().default('[]'),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [index('approval_grants_issued_idx').on(t.issuedTo)],
);

export const suppliers = sqliteTable(
  'suppliers',
  {
  id: integer('id').primaryKey({ autoIncrement: true }),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  ownerName: text('owner_name'),
  phone: text('phone'),
  address: text('address'),
  district: text('district'),
  bankName: text('bank_name'),
  bankAccount: text('bank_account'),
  bankHolder: text('bank_holder'),
  /** Nomor Induk Berusaha (13 digits), optional: the province's key for one UMKM across outlets. */
  nib: text('nib'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  },
  // One supplier per NIB in a shop (one UMKM is one supplier here).
  (t) => [uniqueIndex('suppliers_nib_uq').on(t.nib).where(sql`nib IS NOT NULL`)],
);

export const products = sqliteTable(
  'products',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sku: text('sku').notNull().unique(),
    barcode: text('barcode').unique(),
    name: text('name').notNull(),
    category: text('category'),
    unit: text('unit').notNull().default('pcs'),
    sellPrice: integer('sell_price').notNull(),
    /** null = shop-owned goods. */
    supplierId: integer('supplier_id').references(() => suppliers.id),
    termsType: text('terms_type', { enum: ['fixed', 'commission'] }).notNull(),
    supplierPrice: integer('supplier_price'),
    commissionBps: integer('commission_bps'),
    trackExpiry: integer('track_expiry', { mode: 'boolean' }).notNull().default(false),
    minStock: integer('min_stock').notNull().default(0),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('products_supplier_idx').on(t.supplierId), index('products_name_idx').on(t.name)],
);

export const intakes = sqliteTable(
  'intakes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    number: text('number').notNull().unique(),
    supplierId: integer('supplier_id').notNull().references(() => suppliers.id),
    receivedBy: integer('received_by').notNull().references(() => users.id),
    note: text('note'),
    businessDate: text('business_date').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('intakes_supplier_idx').on(t.supplierId, t.createdAt)],
);

export const lots = sqliteTable(
  'lots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    productId: integer('product_id').notNull().references(() => products.id),
    intakeId: integer('intake_id').references(() => intakes.id),
    supplierId: integer('supplier_id').references(() => suppliers.id),
    receivedQty: integer('received_qty').notNull(),
    remainingQty: integer('remaining_qty').notNull(),
    /** Local date `YYYY-MM-DD`; the lot may be sold through this day. */
    expiryDate: text('expiry_date'),
    /** Terms snapshot at intake: a later product change never rewrites these. */
    termsType: text('terms_type', { enum: ['fixed', 'commission'] }).notNull(),
    supplierPrice: integer('supplier_price'),
    commissionBps: integer('commission_bps'),
    sellPrice: integer('sell_price').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    // Covers the stock subqueries of lookup/search and FEFO allocation.
    index('lots_product_stock_idx').on(t.productId, t.remainingQty, t.expiryDate),
    index('lots_supplier_stock_idx').on(t.supplierId, t.remainingQty),
  ],
);

export const shifts = sqliteTable(
  'shifts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tillCode: text('till_code').notNull(),
    openedBy: integer('opened_by').notNull().references(() => users.id),
    openedAt: integer('opened_at').notNull(),
    openingFloat: integer('opening_float').notNull(),
    closedBy: integer('closed_by').references(() => users.id),
    closedAt: integer('closed_at'),
    expectedCash: integer('expected_cash'),
    countedCash: integer('counted_cash'),
    variance: integer('variance'),
  },
  (t) => [
    index('shifts_till_idx').on(t.tillCode, t.closedAt),
    // At most one open shift per till.
    uniqueIndex('shifts_one_open_per_till').on(t.tillCode).where(sql`closed_at IS NULL`),
  ],
);

export const sales = sqliteTable(
  'sales',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    number: text('number').notNull().unique(),
    clientRequestId: text('client_request_id').notNull().unique(),
    tillCode: text('till_code').notNull(),
    shiftId: integer('shift_id').notNull().references(() => shifts.id),
    cashierId: integer('cashier_id').notNull().references(() => users.id),
    /** `voided`: refunded whole in its own shift (see `refunds` kind `void`). */
    status: text('status', { enum: ['completed', 'voided'] }).notNull().default('completed'),
    /** Σ qty × unit price (the unit price after any override). */
    subtotal: integer('subtotal').notNull(),
    /** Σ line discounts + the sale discount. */
    discountTotal: integer('discount_total').notNull().default(0),
    /** Σ net line amounts = subtotal − discountTotal. */
    total: integer('total').notNull(),
    paid: integer('paid').notNull(),
    change: integer('change').notNull(),
    businessDate: text('business_date').notNull(),
    createdAt: integer('created_at').notNull(),
    /** The sale-level discount (spread over the lines' `sale_discount`). */
    saleDiscount: integer('sale_discount').notNull().default(0),
    /** Cash rounding (±): the customer pays total + rounding. Shop money, not in any line. */
    rounding: integer('rounding').notNull().default(0),
    /** The manager who approved a discount over the limit or a price override. */
    approvedBy: integer('approved_by').references(() => users.id),
  },
  (t) => [index('sales_shift_idx').on(t.shiftId), index('sales_date_idx').on(t.businessDate)],
);

export const saleLines = sqliteTable(
  'sale_lines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    saleId: integer('sale_id').notNull().references(() => sales.id),
    lineNo: integer('line_no').notNull(),
    productId: integer('product_id').notNull().references(() => products.id),
    /** Name at the time of sale, as printed on the receipt. */
    name: text('name').notNull(),
    qty: integer('qty').notNull(),
    unitPrice: integer('unit_price').notNull(),
    /** This line's own discount. */
    discount: integer('discount').notNull().default(0),
    /** Net amount: qty × unitPrice − discount − saleDiscount. Σ over a sale = sales.total. */
    lineTotal: integer('line_total').notNull(),
    /** This line's part of the sale-level discount (largest remainder). */
    saleDiscount: integer('sale_discount').notNull().default(0),
    /** The catalogue price when the price was overridden; null = sold at the catalogue price. */
    listPrice: integer('list_price'),
  },
  (t) => [index('sale_lines_sale_idx').on(t.saleId), index('sale_lines_product_idx').on(t.productId)],
);

/** How each sale line was taken from lots (FEFO), with the money split per portion. */
export const saleLineLots = sqliteTable(
  'sale_line_lots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    saleLineId: integer('sale_line_id').notNull().references(() => saleLines.id),
    lotId: integer('lot_id').notNull().references(() => lots.id),
    qty: integer('qty').notNull(),
    netAmount: integer('net_amount').notNull(),
    supplierShare: integer('supplier_share').notNull(),
    shopShare: integer('shop_share').notNull(),
  },
  (t) => [index('sale_line_lots_line_idx').on(t.saleLineId), index('sale_line_lots_lot_idx').on(t.lotId)],
);

export const payments = sqliteTable(
  'payments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    saleId: integer('sale_id').notNull().references(() => sales.id),
    method: text('method', { enum: ['cash', 'qris', 'debit', 'transfer', 'ewallet'] }).notNull(),
    amount: integer('amount').notNull(),
    reference: text('reference'),
  },
  (t) => [index('payments_sale_idx').on(t.saleId)],
);

/** Append-only: what the shop owes each supplier, entry by entry. */
export const ledgerEntries = sqliteTable(
  'ledger_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    supplierId: integer('supplier_id').notNull().references(() => suppliers.id),
    kind: text('kind', { enum: ['sale', 'refund', 'loss', 'fee', 'adjustment', 'payout'] }).notNull(),
    /** Positive = shop owes supplier more. */
    amount: integer('amount').notNull(),
    saleLineLotId: integer('sale_line_lot_id').references(() => saleLineLots.id),
    lotId: integer('lot_id').references(() => lots.id),
    qty: integer('qty'),
    note: text('note'),
    settlementId: integer('settlement_id'),
    createdBy: integer('created_by').references(() => users.id),
    businessDate: text('business_date').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('ledger_supplier_idx').on(t.supplierId, t.settlementId, t.createdAt),
    index('ledger_line_lot_idx').on(t.saleLineLotId),
    // Covering index for every supplier's balance (optionally as of a date).
    index('ledger_supplier_balance_idx').on(t.supplierId, t.businessDate, t.amount),
  ],
);

export const printJobs = sqliteTable(
  'print_jobs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** receipt | test | intake | return | settlement | … */
    kind: text('kind').notNull(),
    refId: integer('ref_id'),
    copy: integer('copy', { mode: 'boolean' }).notNull().default(false),
    status: text('status', { enum: ['pending', 'printed', 'failed', 'skipped'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    tillCode: text('till_code').notNull(),
    bytes: blob('bytes', { mode: 'buffer' }).notNull(),
    createdAt: integer('created_at').notNull(),
    printedAt: integer('printed_at'),
    /** The till agent (its random id) printing this `pending` job now; null when the job waits (issue 18). */
    claimedBy: text('claimed_by'),
    claimedAt: integer('claimed_at'),
  },
  (t) => [index('print_jobs_status_idx').on(t.status, t.id)],
);

/** Per-scope counters for document numbers (e.g. sale numbers per till per day). */
export const docSequences = sqliteTable('doc_sequences', {
  scope: text('scope').primaryKey(),
  last: integer('last').notNull(),
});

/** Append-only record of sensitive actions (a trigger refuses UPDATE/DELETE). */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    userId: integer('user_id'),
    action: text('action').notNull(),
    entity: text('entity'),
    entityId: integer('entity_id'),
    details: text('details'),
  },
  (t) => [index('audit_at_idx').on(t.at)],
);

// --- back office ---

/** A return of consigned goods to their supplier (retur). */
export const returns = sqliteTable(
  'returns',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** `RT-YYYYMMDD-NNN`, local business day. */
    number: text('number').notNull().unique(),
    supplierId: integer('supplier_id').notNull().references(() => suppliers.id),
    reason: text('reason', { enum: ['unsold', 'expired', 'damaged', 'other'] }).notNull(),
    note: text('note'),
    createdBy: integer('created_by').notNull().references(() => users.id),
    businessDate: text('business_date').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('returns_supplier_idx').on(t.supplierId, t.createdAt)],
);

/** The lots and quantities given back by one return. */
export const returnLines = sqliteTable(
  'return_lines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    returnId: integer('return_id').notNull().references(() => returns.id),
    lotId: integer('lot_id').notNull().references(() => lots.id),
    productId: integer('product_id').notNull().references(() => products.id),
    qty: integer('qty').notNull(),
  },
  (t) => [index('return_lines_return_idx').on(t.returnId), index('return_lines_lot_idx').on(t.lotId)],
);

/** A stock count (opname) over all lots in stock, or one supplier's, or one category's. */
export const stockCounts = sqliteTable(
  'stock_counts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** `SO-YYYYMMDD-NNN`, local business day. */
    number: text('number').notNull().unique(),
    supplierId: integer('supplier_id').references(() => suppliers.id),
    category: text('category'),
    note: text('note'),
    status: text('status', { enum: ['open', 'posted', 'cancelled'] }).notNull(),
    startedBy: integer('started_by').notNull().references(() => users.id),
    startedAt: integer('started_at').notNull(),
    closedBy: integer('closed_by').references(() => users.id),
    closedAt: integer('closed_at'),
    businessDate: text('business_date').notNull(),
  },
  (t) => [index('stock_counts_status_idx').on(t.status)],
);

/**
 * One lot in a count. `expectedQty` is the lot's remaining qty when the count
 * started, and again when it is counted, so sales in between never show up
 * as a difference.
 */
export const stockCountLines = sqliteTable(
  'stock_count_lines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    countId: integer('count_id').notNull().references(() => stockCounts.id),
    lotId: integer('lot_id').notNull().references(() => lots.id),
    productId: integer('product_id').notNull().references(() => products.id),
    expectedQty: integer('expected_qty').notNull(),
    countedQty: integer('counted_qty'),
    countedBy: integer('counted_by').references(() => users.id),
    countedAt: integer('counted_at'),
  },
  (t) => [uniqueIndex('stock_count_lines_lot_uq').on(t.countId, t.lotId), index('stock_count_lines_lot_idx').on(t.lotId)],
);

/**
 * A correction of a lot's remaining qty (single correction or a posted count
 * difference), with its reason and who bears a loss. A shop-borne loss links
 * the `loss` ledger entry it wrote.
 */
export const stockAdjustments = sqliteTable(
  'stock_adjustments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    lotId: integer('lot_id').notNull().references(() => lots.id),
    productId: integer('product_id').notNull().references(() => products.id),
    supplierId: integer('supplier_id').references(() => suppliers.id),
    /** Signed: negative = units gone, positive = units found. */
    delta: integer('delta').notNull(),
    reason: text('reason').notNull(),
    /** Who bears a loss; null for units found (no money moves). */
    liability: text('liability', { enum: ['shop', 'supplier'] }),
    countId: integer('count_id').references(() => stockCounts.id),
    ledgerEntryId: integer('ledger_entry_id').references(() => ledgerEntries.id),
    createdBy: integer('created_by').notNull().references(() => users.id),
    businessDate: text('business_date').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('stock_adjustments_lot_idx').on(t.lotId), index('stock_adjustments_product_idx').on(t.productId, t.createdAt)],
);

// --- settlements ---

/**
 * A payout to one supplier (pembayaran konsinyasi) covering every unsettled
 * ledger entry up to `cutoff`. Never deleted: a mistaken settlement is
 * voided, which releases its entries and reverses its payout.
 */
export const settlements = sqliteTable(
  'settlements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** `PB-YYYYMMDD-NNN`, local business day of the payout. */
    number: text('number').notNull().unique(),
    supplierId: integer('supplier_id').notNull().references(() => suppliers.id),
    /** Local date `YYYY-MM-DD`, inclusive: entries of business days up to this one. */
    cutoff: text('cutoff').notNull(),
    /** Business day of the earliest covered entry. */
    periodFrom: text('period_from').notNull(),
    /** What was paid: the sum of the covered entries, always > 0. */
    amount: integer('amount').notNull(),
    entryCount: integer('entry_count').notNull(),
    method: text('method', { enum: ['cash', 'transfer'] }).notNull(),
    reference: text('reference'),
    note: text('note'),
    /** The supplier's bank details when paid (what a transfer went to). */
    bankName: text('bank_name'),
    bankAccount: text('bank_account'),
    bankHolder: text('bank_holder'),
    /** JSON: the supplier's stock still in the shop when paid, as printed on the slip. */
    stockSnapshot: text('stock_snapshot').notNull(),
    tillCode: text('till_code').notNull(),
    createdBy: integer('created_by').notNull().references(() => users.id),
    businessDate: text('business_date').notNull(),
    createdAt: integer('created_at').notNull(),
    voidedAt: integer('voided_at'),
    voidedBy: integer('voided_by').references(() => users.id),
    voidReason: text('void_reason'),
  },
  (t) => [index('settlements_supplier_idx').on(t.supplierId, t.createdAt), index('settlements_date_idx').on(t.businessDate)],
);

/**
 * Which ledger entries a settlement covered: append-only history that
 * survives a void. `ledger_entries.settlement_id` is the live lock.
 */
export const settlementEntries = sqliteTable(
  'settlement_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    settlementId: integer('settlement_id').notNull().references(() => settlements.id),
    ledgerEntryId: integer('ledger_entry_id').notNull().references(() => ledgerEntries.id),
  },
  (t) => [
    uniqueIndex('settlement_entries_uq').on(t.settlementId, t.ledgerEntryId),
    index('settlement_entries_entry_idx').on(t.ledgerEntryId),
  ],
);

// --- till ---

/**
 * A refund of sold units (kind `refund`) or a same-shift void of a whole
 * sale (kind `void`). Never deleted. The customer gets total + rounding.
 */
export const refunds = sqliteTable(
  'refunds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** `RF-<till>-YYYYMMDD-NNN`, local business day. */
    number: text('number').notNull().unique(),
    kind: text('kind', { enum: ['refund', 'void'] }).notNull(),
    saleId: integer('sale_id').notNull().references(() => sales.id),
    tillCode: text('till_code').notNull(),
    /** The shift the money left the drawer in (the refunding till's open shift). */
    shiftId: integer('shift_id').notNull().references(() => shifts.id),
    reason: text('reason').notNull(),
    /** Σ net amounts of the refunded units. */
    total: integer('total').notNull(),
    /** payable − total: cash rounding of the money given back (see core/refunds.ts). */
    rounding: integer('rounding').notNull().default(0),
    createdBy: integer('created_by').notNull().references(() => users.id),
    /** The manager who approved it (the creator when a manager refunds). */
    approvedBy: integer('approved_by').notNull().references(() => users.id),
    businessDate: text('business_date').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('refunds_sale_idx').on(t.saleId), index('refunds_shift_idx').on(t.shiftId)],
);

export const refundLines = sqliteTable(
  'refund_lines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    refundId: integer('refund_id').notNull().references(() => refunds.id),
    saleLineId: integer('sale_line_id').notNull().references(() => saleLines.id),
    productId: integer('product_id').notNull().references(() => products.id),
    name: text('name').notNull(),
    qty: integer('qty').notNull(),
    /** Units went back to their lots. */
    restock: integer('restock', { mode: 'boolean' }).notNull(),
    /** Net amount refunded for these units. */
    amount: integer('amount').notNull(),
  },
  (t) => [index('refund_lines_refund_idx').on(t.refundId), index('refund_lines_sale_line_idx').on(t.saleLineId)],
);

/** Which sold lot portions the refunded units came from, with the money taken back per portion. */
export const refundLineLots = sqliteTable(
  'refund_line_lots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    refundLineId: integer('refund_line_id').notNull().references(() => refundLines.id),
    saleLineLotId: integer('sale_line_lot_id').notNull().references(() => saleLineLots.id),
    lotId: integer('lot_id').notNull().references(() => lots.id),
    qty: integer('qty').notNull(),
    /** Units put back into the lot's remaining qty (invariant 3: restocked refunds). */
    restocked: integer('restocked', { mode: 'boolean' }).notNull(),
    netAmount: integer('net_amount').notNull(),
    supplierShare: integer('supplier_share').notNull(),
    shopShare: integer('shop_share').notNull(),
    /** The negative `refund` entry written for a supplier's lot. */
    ledgerEntryId: integer('ledger_entry_id').references(() => ledgerEntries.id),
  },
  (t) => [index('refund_line_lots_line_idx').on(t.refundLineId), index('refund_line_lots_portion_idx').on(t.saleLineLotId), index('refund_line_lots_lot_idx').on(t.lotId)],
);

/** Money given back, per method (cash reduces the shift's expected cash). */
export const refundPayments = sqliteTable(
  'refund_payments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    refundId: integer('refund_id').notNull().references(() => refunds.id),
    method: text('method', { enum: ['cash', 'qris', 'debit', 'transfer', 'ewallet'] }).notNull(),
    amount: integer('amount').notNull(),
    reference: text('reference'),
  },
  (t) => [index('refund_payments_refund_idx').on(t.refundId)],
);

/** A cart parked at a till (tourist groups); reserves no stock. */
export const heldSales = sqliteTable(
  'held_sales',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tillCode: text('till_code').notNull(),
    note: text('note'),
    /** JSON: `{lines, discount?}` as sent to `sales.hold`. */
    cart: text('cart').notNull(),
    status: text('status', { enum: ['held', 'resumed', 'discarded'] }).notNull().default('held'),
    createdBy: integer('created_by').notNull().references(() => users.id),
    createdAt: integer('created_at').notNull(),
    closedBy: integer('closed_by').references(() => users.id),
    closedAt: integer('closed_at'),
  },
  (t) => [index('held_sales_till_idx').on(t.tillCode, t.status)],
);

/** Cash put into (pay-in) or taken out of (pay-out) the drawer during a shift, with a reason. */
export const cashMovements = sqliteTable(
  'cash_movements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    shiftId: integer('shift_id').notNull().references(() => shifts.id),
    tillCode: text('till_code').notNull(),
    kind: text('kind', { enum: ['pay_in', 'pay_out'] }).notNull(),
    amount: integer('amount').notNull(),
    reason: text('reason').notNull(),
    createdBy: integer('created_by').notNull().references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('cash_movements_shift_idx').on(t.shiftId)],
);

/** The drawer count at close, per denomination (notes and coins in rupiah). */
export const shiftCounts = sqliteTable(
  'shift_counts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    shiftId: integer('shift_id').notNull().references(() => shifts.id),
    denomination: integer('denomination').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [uniqueIndex('shift_counts_uq').on(t.shiftId, t.denomination)],
);

// --- reports ---

/**
 * Indexes the reports need (issue 8), created by the hand-written migration
 * drizzle/0007_reports_indexes.sql on tables declared above. Listed here so
 * the schema says they exist; test/core/reports-plan.test.ts checks that the
 * report queries use them.
 */
export const reportIndexes = {
  /** refunds(business_date): refunds of a date range. */
  refundsDate: 'refunds_date_idx',
  /** ledger_entries(kind, business_date): payouts by day/month. */
  ledgerKindDate: 'ledger_kind_date_idx',
  /** ledger_entries(settlement_id, business_date): unsettled entries up to a day (aging). */
  ledgerUnsettled: 'ledger_unsettled_idx',
} as const;
