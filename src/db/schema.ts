/**
 * The Kasir PLUT schema. Money columns are INTEGER rupiah; timestamps are
 * INTEGER UTC milliseconds; `business_date` columns are the local business
 * day as TEXT `YYYY-MM-DD`. Business records are never hard-deleted.
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex, blob } from 'drizzle-orm/sqlite-core';

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

export const suppliers = sqliteTable('suppliers', {
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
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

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
  (t) => [index('lots_product_idx').on(t.productId, t.remainingQty), index('lots_supplier_idx').on(t.supplierId)],
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
    status: text('status', { enum: ['completed'] }).notNull().default('completed'),
    subtotal: integer('subtotal').notNull(),
    discountTotal: integer('discount_total').notNull().default(0),
    total: integer('total').notNull(),
    paid: integer('paid').notNull(),
    change: integer('change').notNull(),
    businessDate: text('business_date').notNull(),
    createdAt: integer('created_at').notNull(),
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
    discount: integer('discount').notNull().default(0),
    lineTotal: integer('line_total').notNull(),
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
    method: text('method', { enum: ['cash', 'qris', 'debit', 'transfer'] }).notNull(),
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
