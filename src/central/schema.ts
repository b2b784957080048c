/**
 * The central PostgreSQL schema (issue 19): one append-only table of facts
 * forwarded by every outlet, with typed columns for the money and the
 * dimensions reports group by, plus the JSON payload as the outlet wrote it.
 *
 * Migrations: `npm run central -- migrate --pg <url>` applies drizzle-central/
 * (generated from this file by `npx drizzle-kit generate --config
 * drizzle-central.config.ts`, plus hand-written SQL for row-level security,
 * functions and triggers). Who may write what is enforced by PostgreSQL
 * itself: see drizzle-central/0001_security.sql and docs/outlets.md.
 */
import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const central = pgSchema('central');

/** One row per outlet, made by `npm run central -- add-outlet <CODE>`. */
export const outlets = central.table('outlets', {
  /** KDI, WKT, BBU, … — what every fact of the outlet carries. */
  code: text('code').primaryKey(),
  name: text('name'),
  /** The PostgreSQL login role of this outlet (it may insert and read only this outlet's facts). */
  roleName: text('role_name').notNull().unique(),
  /** The outlet database that forwards as this outlet; set by the first one that connects. */
  installationId: uuid('installation_id'),
  claimedAt: timestamp('claimed_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The fact kinds and schema versions this database accepts; a fact of any other is refused. */
export const factKinds = central.table(
  'fact_kinds',
  {
    kind: text('kind').notNull(),
    schemaVersion: integer('schema_version').notNull(),
    description: text('description'),
  },
  (t) => [primaryKey({ columns: [t.kind, t.schemaVersion] })],
);

const field = (key: string) => sql.raw(`(payload ->> '${key}')`);

/**
 * Every fact of every outlet. Append-only (no UPDATE, DELETE or TRUNCATE, for
 * anyone); a change of state is a new fact. The typed columns are generated
 * from the payload, so they can never disagree with it.
 */
export const facts = central.table(
  'facts',
  {
    /** UUIDv7 assigned at the outlet when the fact was written. */
    id: uuid('id').primaryKey(),
    /** Always an outlet of central.outlets: row-level security admits only the inserting outlet's own code. */
    outletCode: text('outlet_code').notNull(),
    /** The outlet's outbox order. */
    outletSeq: bigint('outlet_seq', { mode: 'number' }).notNull(),
    kind: text('kind').notNull(),
    schemaVersion: integer('schema_version').notNull(),
    /** The outlet's local business day. */
    businessDay: date('business_day', { mode: 'string' }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    payload: jsonb('payload').notNull(),
    number: text('number').generatedAlwaysAs(sql`${field('number')}`),
    tillCode: text('till_code').generatedAlwaysAs(sql`${field('tillCode')}`),
    supplierId: integer('supplier_id').generatedAlwaysAs(sql`${field('supplierId')}::integer`),
    supplierCode: text('supplier_code').generatedAlwaysAs(sql`${field('supplierCode')}`),
    district: text('district').generatedAlwaysAs(sql`${field('district')}`),
    productId: integer('product_id').generatedAlwaysAs(sql`${field('productId')}::integer`),
    productSku: text('product_sku').generatedAlwaysAs(sql`${field('productSku')}`),
    method: text('method').generatedAlwaysAs(sql`${field('method')}`),
    qty: integer('qty').generatedAlwaysAs(sql`${field('qty')}::integer`),
    amount: bigint('amount', { mode: 'number' }).generatedAlwaysAs(sql`${field('amount')}::bigint`),
    supplierShare: bigint('supplier_share', { mode: 'number' }).generatedAlwaysAs(sql`${field('supplierShare')}::bigint`),
    shopShare: bigint('shop_share', { mode: 'number' }).generatedAlwaysAs(sql`${field('shopShare')}::bigint`),
  },
  // Few indexes: every one costs the catch-up of a whole outlet. Reports add theirs (issue 20).
  (t) => [
    index('facts_outlet_seq_idx').on(t.outletCode, t.outletSeq),
    index('facts_kind_day_idx').on(t.kind, t.businessDay, t.outletCode),
  ],
);

// ---------------------------------------------------------------------------
// The province office (issue 20). Reports read central.facts through the views
// and indexes of drizzle-central/0005_office.sql; these tables are the office's own.

/**
 * An outlet supplier linked by hand to one UMKM (a supplier without an NIB, or
 * with a different one at another outlet). Without a link a supplier's UMKM is
 * its NIB, or the outlet supplier itself. Changed only through
 * central.link_supplier(), which writes central.office_audit.
 */
export const umkmLinks = central.table(
  'umkm_links',
  {
    outletCode: text('outlet_code').notNull(),
    supplierId: integer('supplier_id').notNull(),
    /** The province key of the UMKM: `NIB 9120301234567` or `KDI S0001`. */
    umkmKey: text('umkm_key').notNull(),
    linkedBy: text('linked_by').notNull(),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.outletCode, t.supplierId] })],
);

/** What office users did (links made and removed, users added). Append-only. */
export const officeAudit = central.table('office_audit', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  details: jsonb('details').notNull(),
});

/** Office accounts: admin (may link suppliers, add users) or viewer (reads reports only). */
export const officeUsers = central.table('office_users', {
  username: text('username').primaryKey(),
  name: text('name').notNull(),
  role: text('role', { enum: ['admin', 'viewer'] }).notNull(),
  /** scrypt: `scrypt$<salt hex>$<hash hex>`. */
  passwordHash: text('password_hash').notNull(),
  active: integer('active').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Sales and refunds summed per business day, outlet, supplier, district and
 * category: what the office's period reports read (a year of ten outlets is
 * about a million rows here instead of ten million facts). Maintained by a
 * trigger on central.facts in the same transaction as every forwarded batch
 * (drizzle-central/0006_office_sales_daily.sql), so it is never stale. 0 / ''
 * stand for none (shop-owned goods, no district, no category). The category is
 * the product's when the sale arrived.
 */
export const salesDaily = central.table(
  'sales_daily',
  {
    businessDay: date('business_day', { mode: 'string' }).notNull(),
    outletCode: text('outlet_code').notNull(),
    supplierId: integer('supplier_id').notNull(),
    district: text('district').notNull(),
    category: text('category').notNull(),
    /** Units sold less units refunded. */
    units: bigint('units', { mode: 'number' }).notNull(),
    /** Units sold (refunds not taken off): "UMKM with sales". */
    soldUnits: bigint('sold_units', { mode: 'number' }).notNull(),
    sales: bigint('sales', { mode: 'number' }).notNull(),
    supplierShare: bigint('supplier_share', { mode: 'number' }).notNull(),
    shopShare: bigint('shop_share', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.businessDay, t.outletCode, t.supplierId, t.district, t.category] })],
);

/**
 * What each outlet last said about itself (issue 20): its outbox backlog (facts
 * recorded at the outlet and not yet forwarded) and the time of the oldest of
 * them, reported by its forwarder after a batch and while idle. The central
 * side knows only what arrived; this is how the office sees "facts waiting".
 * Written only through central.report_outlet_status() (the outlet's own row);
 * drizzle-central/0007_outlet_status.sql.
 */
export const outletStatus = central.table('outlet_status', {
  outletCode: text('outlet_code').primaryKey(),
  /** Facts waiting at the outlet when it reported. */
  backlog: bigint('backlog', { mode: 'number' }).notNull(),
  /** When the oldest waiting fact was recorded at the outlet (null: nothing waits). */
  oldestWaitingAt: timestamp('oldest_waiting_at', { withTimezone: true }),
  /** The central database's clock when the report arrived. */
  reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
});
