/**
 * The outbox (issue 19): every fact about the shop, written by triggers in the
 * same transaction as the change it describes, waiting to be forwarded to the
 * central PostgreSQL. Local business tables stay as they are; the triggers
 * (hand-written migration, generated from src/main/outbox/facts.ts) read them.
 *
 * Nothing here is written unless `outbox_state.enabled` is 1: a single shop
 * that never forwards pays nothing.
 */
import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * One fact. `seq` is the forwarding order (AUTOINCREMENT: never reused, even
 * after pruning); history put in when forwarding is first configured gets
 * the seqs below the live ones (see `outbox_state.backfill_*`).
 */
export const outbox = sqliteTable('outbox', {
  seq: integer('seq').primaryKey({ autoIncrement: true }),
  /** UUIDv7, assigned when the fact is written (app-defined SQL function `uuidv7()`). */
  id: text('id').notNull(),
  kind: text('kind').notNull(),
  schemaVersion: integer('schema_version').notNull(),
  outletCode: text('outlet_code').notNull(),
  /** The outlet's business day of the fact, `YYYY-MM-DD`. */
  businessDay: text('business_day').notNull(),
  /** When it happened at the outlet (UTC ms), e.g. the sale's `created_at`. */
  occurredAt: integer('occurred_at').notNull(),
  /** JSON object; money as integer rupiah. */
  payload: text('payload').notNull(),
});

/** The one row of forwarding state (id = 1, created by the migration). */
export const outboxState = sqliteTable(
  'outbox_state',
  {
    id: integer('id').primaryKey(),
    /** 1 once forwarding was configured: the triggers write facts from then on. */
    enabled: integer('enabled').notNull().default(0),
    /** Frozen when enabled. */
    outletCode: text('outlet_code'),
    /** Random id of this database, claimed centrally so no second installation can use the same outlet. */
    installationId: text('installation_id'),
    enabledAt: integer('enabled_at'),
    /** The last seq PostgreSQL has committed (the forwarder's cursor). */
    forwardedSeq: integer('forwarded_seq').notNull().default(0),
    forwardedAt: integer('forwarded_at'),
    /** History put into the outbox: next seq to use and the end of the reserved range (exclusive). */
    backfillNextSeq: integer('backfill_next_seq'),
    backfillEndSeq: integer('backfill_end_seq'),
    backfillDoneAt: integer('backfill_done_at'),
    lastError: text('last_error'),
    lastErrorAt: integer('last_error_at'),
    /** JSON: what the forwarder found after a restore from an older backup. */
    restoreNotice: text('restore_notice'),
  },
  (t) => [check('outbox_state_one_row', sql`${t.id} = 1`)],
);

/**
 * History still to be put into the outbox, per source table: rows with
 * `id <= high_water` existed when forwarding was configured; `done_through`
 * is how far the chunks have come. Update triggers skip history rows not
 * reached yet (the backfill will read their new state).
 */
export const outboxBackfill = sqliteTable('outbox_backfill', {
  tableName: text('table_name').primaryKey(),
  highWater: integer('high_water').notNull(),
  doneThrough: integer('done_through').notNull().default(0),
});
