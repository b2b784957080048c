/**
 * The outlet's outbox: switching it on (outlet code frozen from then on),
 * putting the existing history in (in short chunks), what is waiting, the
 * forwarder's cursor and pruning. The facts themselves are written by
 * triggers (src/main/outbox/facts.ts), in the transaction of each change.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Db } from '../../db';
import { all, get, query, run, write } from '../../db/statements';
import { relaxedWrite } from '../../db/relaxed-write';
import { fail } from '../../shared/errors';
import { setRaw } from '../core/settings';
import { BACKFILL_TABLES, backfillSql } from './facts';

export interface OutboxState {
  enabled: boolean;
  outletCode: string | null;
  installationId: string | null;
  enabledAt: number | null;
  forwardedSeq: number;
  forwardedAt: number | null;
  backfillNextSeq: number | null;
  backfillEndSeq: number | null;
  backfillDoneAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  restoreNotice: RestoreNotice | null;
}

/** What the forwarder found when the central database held more of this outlet than the local outbox had sent. */
export interface RestoreNotice {
  detectedAt: number;
  /** The local cursor found (the restored backup's). */
  localSeq: number;
  /** The highest seq of this outlet in the central database. */
  centralSeq: number;
}

/** Outlet codes: 2–8 capital letters or digits, e.g. KDI, WKT, BBU2. */
export const OUTLET_CODE = /^[A-Z0-9]{2,8}$/;

interface StateRow {
  enabled: number;
  outlet_code: string | null;
  installation_id: string | null;
  enabled_at: number | null;
  forwarded_seq: number;
  forwarded_at: number | null;
  backfill_next_seq: number | null;
  backfill_end_seq: number | null;
  backfill_done_at: number | null;
  last_error: string | null;
  last_error_at: number | null;
  restore_notice: string | null;
}

type BackfillRow = { table_name: string; high_water: number; done_through: number };
const BACKFILL_COLUMNS = { table_name: true, high_water: true, done_through: true } as const;

// The outbox's own fixed statements, declared once (src/db/statements.ts). Only the per-table
// history statements (`backfillSql`, the high water of each table) are built per table name.
const stateRow = query<StateRow>()('outbox.state', 'SELECT enabled, outlet_code, installation_id, enabled_at, forwarded_seq, forwarded_at, backfill_next_seq, backfill_end_seq, backfill_done_at, last_error, last_error_at, restore_notice FROM outbox_state WHERE id = 1', {
  enabled: true, outlet_code: true, installation_id: true, enabled_at: true, forwarded_seq: true, forwarded_at: true, backfill_next_seq: true,
  backfill_end_seq: true, backfill_done_at: true, last_error: true, last_error_at: true, restore_notice: true,
});
const lastSeqRow = query<{ seq: number }>()('outbox.lastSeq', "SELECT seq FROM sqlite_sequence WHERE name = 'outbox'", { seq: true });
const updateLastSeq = write<[seq: number]>('outbox.updateLastSeq', "UPDATE sqlite_sequence SET seq = ? WHERE name = 'outbox'");
const insertLastSeq = write<[seq: number]>('outbox.insertLastSeq', "INSERT INTO sqlite_sequence (name, seq) VALUES ('outbox', ?)");
const keepHighWater = write<[table: string, highWater: number]>('outbox.keepHighWater', 'INSERT OR REPLACE INTO outbox_backfill (table_name, high_water, done_through) VALUES (?, ?, 0)');
const enableState = write<[outletCode: string, installationId: string, now: number, first: number, end: number, reserved: number, now2: number]>(
  'outbox.enable',
  `UPDATE outbox_state SET enabled = 1, outlet_code = ?, installation_id = coalesce(installation_id, ?), enabled_at = ?,
     backfill_next_seq = ?, backfill_end_seq = ?, backfill_done_at = CASE WHEN ? = 0 THEN ? END
   WHERE id = 1`,
);
const backfillRows = query<BackfillRow>()('outbox.backfillRows', 'SELECT table_name, high_water, done_through FROM outbox_backfill', BACKFILL_COLUMNS);
const backfillPending = query<BackfillRow>()('outbox.backfillPending', 'SELECT table_name, high_water, done_through FROM outbox_backfill WHERE done_through < high_water', BACKFILL_COLUMNS);
const clearBackfill = write<[]>('outbox.clearBackfill', 'DELETE FROM outbox_backfill');
const backfillDone = write<[now: number]>('outbox.backfillDone', 'UPDATE outbox_state SET backfill_done_at = ? WHERE id = 1');
const backfillThrough = write<[to: number, table: string]>('outbox.backfillThrough', 'UPDATE outbox_backfill SET done_through = ? WHERE table_name = ?');
const backfillNext = write<[seq: number]>('outbox.backfillNext', 'UPDATE outbox_state SET backfill_next_seq = ? WHERE id = 1');
const forwarded = write<[seq: number, now: number]>('outbox.forwarded', 'UPDATE outbox_state SET forwarded_seq = max(forwarded_seq, ?), forwarded_at = ?, last_error = NULL, last_error_at = NULL WHERE id = 1');
const lastError = write<[message: string | null, at: number | null]>('outbox.lastError', 'UPDATE outbox_state SET last_error = ?, last_error_at = ? WHERE id = 1');
const shiftUp = write<[delta: number, cursor: number]>('outbox.shiftUp', 'UPDATE outbox SET seq = -(seq + ?) WHERE seq > ?');
const unflip = write<[]>('outbox.unflip', 'UPDATE outbox SET seq = -seq WHERE seq < 0');
const restored = write<[forwardedSeq: number, nextSeq: number | null, endSeq: number | null, notice: string]>(
  'outbox.restored',
  'UPDATE outbox_state SET forwarded_seq = ?, backfill_next_seq = ?, backfill_end_seq = ?, restore_notice = ? WHERE id = 1',
);
const clearNotice = write<[]>('outbox.clearNotice', 'UPDATE outbox_state SET restore_notice = NULL WHERE id = 1');
const minSeq = query<{ seq: number | null }>()('outbox.minSeq', 'SELECT min(seq) AS seq FROM outbox', { seq: true });
const pruneRange = write<[min: number, max: number, forwardedSeq: number, cutoff: string]>(
  'outbox.prune',
  'DELETE FROM outbox WHERE seq >= ? AND seq < ? AND seq <= ? AND id < ?',
);

export function outboxState(db: Db): OutboxState {
  const r = get(db.$client, stateRow)!;
  return {
    enabled: r.enabled === 1,
    outletCode: r.outlet_code,
    installationId: r.installation_id,
    enabledAt: r.enabled_at,
    forwardedSeq: r.forwarded_seq,
    forwardedAt: r.forwarded_at,
    backfillNextSeq: r.backfill_next_seq,
    backfillEndSeq: r.backfill_end_seq,
    backfillDoneAt: r.backfill_done_at,
    lastError: r.last_error,
    lastErrorAt: r.last_error_at,
    restoreNotice: r.restore_notice ? (JSON.parse(r.restore_notice) as RestoreNotice) : null,
  };
}

/** The last seq AUTOINCREMENT handed out (0 when none). */
export function lastSeq(db: Db): number {
  const row = get(db.$client, lastSeqRow);
  return row?.seq ?? 0;
}

function setLastSeq(db: Db, seq: number): void {
  const sqlite = db.$client;
  if (run(sqlite, updateLastSeq, seq).changes === 0) {
    run(sqlite, insertLastSeq, seq);
  }
}

/** A fresh installation id for `enableOutbox` (kept in the database, so a restored backup keeps it). */
export const newInstallationId = (): string => randomUUID();

/**
 * Switch the outbox on for `outletCode`: from this transaction on every change
 * writes its facts, and the history that exists now is scheduled for the
 * backfill with the seqs before all live facts. Once on, the code is frozen;
 * calling again with the same code changes nothing.
 */
export function enableOutbox(db: Db, input: { outletCode: string; installationId: string; now: number }): OutboxState {
  if (!OUTLET_CODE.test(input.outletCode)) {
    fail('VALIDATION', 'Kode outlet: 2–8 huruf besar atau angka, misalnya KDI atau WKT.', { field: 'outletCode' });
  }
  const sqlite = db.$client;
  db.transaction(
    () => {
      const state = outboxState(db);
      if (state.enabled) {
        if (state.outletCode !== input.outletCode) {
          fail('CONFLICT', `Kode outlet sudah dikunci sebagai ${state.outletCode} sejak pengiriman ke kantor pusat dimulai.`, {
            field: 'outletCode',
            outletCode: state.outletCode,
          });
        }
        return;
      }
      const first = lastSeq(db) + 1;
      let reserved = 0;
      for (const { table, kinds } of BACKFILL_TABLES) {
        const hw = (sqlite.prepare(`SELECT coalesce(max(id), 0) AS hw FROM ${table}`).get() as { hw: number }).hw;
        if (hw === 0) continue;
        run(sqlite, keepHighWater, table, hw);
        // At most one fact per row and kind: an upper bound on the history's facts.
        reserved += hw * kinds.length;
      }
      // Live facts start after the reserved range, so the history goes first.
      setLastSeq(db, first + reserved - 1);
      run(sqlite, enableState, input.outletCode, input.installationId, input.now, first, first + reserved, reserved, input.now);
      setRaw(db, 'outletCode', input.outletCode);
    },
    { behavior: 'immediate' },
  );
  return outboxState(db);
}

/** The seqs the forwarder may send now: history first, live facts once the history is all in. */
export function forwardableBelow(state: OutboxState): number {
  if (!state.enabled) return 0;
  if (state.backfillDoneAt === null && state.backfillNextSeq !== null) return state.backfillNextSeq;
  return Number.MAX_SAFE_INTEGER;
}

/**
 * Facts written and not yet forwarded, without counting rows: seqs are
 * contiguous in the history range [first, backfillNext) and from
 * backfillEnd on (AUTOINCREMENT never skips a committed seq; pruning only
 * removes forwarded ones).
 */
export function waitingCount(db: Db, state = outboxState(db)): number {
  if (!state.enabled || state.backfillNextSeq === null || state.backfillEndSeq === null) return 0;
  const cursor = state.forwardedSeq;
  const history = Math.max(0, state.backfillNextSeq - 1 - cursor);
  const live = Math.max(0, lastSeq(db) - Math.max(state.backfillEndSeq - 1, cursor));
  return history + live;
}

/** History rows still to be put into the outbox (an upper bound on their facts). */
export function backfillRemaining(db: Db): number {
  const rows = all(db.$client, backfillRows);
  let n = 0;
  for (const r of rows) {
    const kinds = BACKFILL_TABLES.find((t) => t.table === r.table_name)?.kinds.length ?? 1;
    n += Math.max(0, r.high_water - r.done_through) * kinds;
  }
  return n;
}

export interface BackfillStep {
  /** True when the whole history is in the outbox. */
  done: boolean;
  facts: number;
  rows: number;
  /** Wall time the chunk held the event loop. */
  ms: number;
  /** CPU time of the process meanwhile (what the chunk costs on a machine with nothing else to do). */
  cpuMs: number;
}

/**
 * Rows per chunk, per connection and table: grown or shrunk so one chunk takes
 * about `targetMs`. Each table starts small: its rows may be much heavier than
 * the last table's (a settlement lists hundreds of entries).
 */
const chunkRows = new WeakMap<object, Map<string, number>>();
const FIRST_CHUNK_ROWS = 50;

/**
 * Put the next chunk of history into the outbox: one transaction over a
 * range of source ids of one table, each of its kinds, with the next seqs of
 * the reserved range. Sized so the till is never held long (`targetMs`).
 */
export function backfillStep(db: Db, now: number, targetMs = 15): BackfillStep {
  const sqlite = db.$client;
  const started = performance.now();
  const cpu = process.cpuUsage();
  let sizes = chunkRows.get(sqlite);
  if (!sizes) chunkRows.set(sqlite, (sizes = new Map()));
  let table = '';
  let rows = FIRST_CHUNK_ROWS;
  // Without waiting for the disk: the till must not be held by an fsync per chunk. The forwarder makes
  // history durable (syncWal) before it sends any of it; a chunk lost to a power cut is simply redone.
  const result = relaxedWrite(db, () => db.transaction(
    () => {
      const state = outboxState(db);
      if (!state.enabled || state.backfillDoneAt !== null) return { done: true, facts: 0, rows: 0 };
      const pending = all(sqlite, backfillPending);
      const next = BACKFILL_TABLES.find((t) => pending.some((p) => p.table_name === t.table));
      if (!next) {
        run(sqlite, clearBackfill);
        run(sqlite, backfillDone, now);
        return { done: true, facts: 0, rows: 0 };
      }
      const p = pending.find((x) => x.table_name === next.table)!;
      table = next.table;
      rows = sizes.get(table) ?? FIRST_CHUNK_ROWS;
      const from = p.done_through;
      const to = Math.min(p.high_water, from + rows);
      let seq = state.backfillNextSeq!;
      let facts = 0;
      for (const kind of next.kinds) {
        const written = sqlite.prepare(backfillSql(kind)).run(seq - 1, state.outletCode, from, to).changes;
        seq += written;
        facts += written;
      }
      if (seq > state.backfillEndSeq!) throw new Error(`outbox backfill overran its reserved range (${seq} > ${state.backfillEndSeq})`);
      run(sqlite, backfillThrough, to, next.table);
      run(sqlite, backfillNext, seq);
      return { done: false, facts, rows: to - from };
    },
    { behavior: 'immediate' },
  ));
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  if (result.rows > 0) {
    // CPU time, not wall time: on a busy machine the wall time says more about the neighbours than the chunk.
    const cost = Math.min(ms, cpuMs);
    if (cost < targetMs / 2 && result.rows >= rows) rows = Math.min(rows * 2, 20_000);
    else if (cost > targetMs * 1.5) rows = Math.max(Math.floor(rows / 2), 1);
    sizes.set(table, rows);
  }
  return { ...result, ms, cpuMs };
}

/**
 * Record that PostgreSQL committed every fact up to `seq`. Without waiting for
 * the disk: a cursor lost to a power cut only sends the batch again, and
 * PostgreSQL skips what it has (ON CONFLICT DO NOTHING).
 */
export function advanceCursor(db: Db, seq: number, now: number): void {
  relaxedWrite(db, () =>
    run(db.$client, forwarded, seq, now),
  );
}

/**
 * Make everything committed so far durable without holding the event loop:
 * fsync the WAL file from libuv's thread pool (fsync flushes the file, whichever
 * descriptor asks). Checkpointed frames are already synced by SQLite.
 */
export async function syncWal(db: Db): Promise<void> {
  const wal = `${db.$client.name}-wal`;
  if (db.$client.memory || !existsSync(wal)) return;
  const file = await open(wal, 'r+');
  try {
    await file.sync();
  } finally {
    await file.close();
  }
}

export function recordForwardError(db: Db, message: string | null, now: number): void {
  run(db.$client, lastError, message, message === null ? null : now);
}

/**
 * The database was restored from a backup older than what the central
 * database holds (its highest seq for this outlet is past the local cursor).
 * Central facts stay as they are. Every unsent local fact moves past the
 * central seq (order kept), the cursor jumps there, and the forwarder
 * carries on: facts that were in the backup and already sent keep their ids
 * and are skipped centrally; everything new has new ids.
 */
export function recoverFromRestore(db: Db, centralSeq: number, now: number): RestoreNotice | null {
  const sqlite = db.$client;
  return db.transaction(
    () => {
      const state = outboxState(db);
      const cursor = state.forwardedSeq;
      if (centralSeq <= cursor) return null;
      const delta = centralSeq - cursor;
      // Two steps keep the primary key unique while shifting.
      run(sqlite, shiftUp, delta, cursor);
      run(sqlite, unflip);
      const shift = (v: number | null) => (v !== null && v > cursor ? v + delta : v);
      setLastSeq(db, Math.max(lastSeq(db) + delta, centralSeq));
      const notice: RestoreNotice = { detectedAt: now, localSeq: cursor, centralSeq };
      run(sqlite, restored, centralSeq, shift(state.backfillNextSeq), shift(state.backfillEndSeq), JSON.stringify(notice));
      return notice;
    },
    { behavior: 'immediate' },
  );
}

export function clearRestoreNotice(db: Db): void {
  run(db.$client, clearNotice);
}

/**
 * Delete forwarded facts written more than `days` ago (their UUIDv7 ids carry
 * the time), at most `limit` per call so the till is never held long. The
 * cursor stays. Returns how many were deleted.
 */
export function pruneForwarded(db: Db, days: number, now: number, limit = 5000): number {
  const cutoff = uuidPrefixAt(now - days * 86_400_000);
  const state = outboxState(db);
  const sqlite = db.$client;
  // A window of seqs from the oldest kept fact (ids grow with seqs, so older facts sit at the bottom).
  const min = get(sqlite, minSeq)!.seq;
  if (min === null) return 0;
  return relaxedWrite(db, () =>
    run(sqlite, pruneRange, min, min + limit, state.forwardedSeq, cutoff),
  ).changes;
}

/** The first characters of a UUIDv7 made at `ms`: ids that sort below it were made earlier. */
export function uuidPrefixAt(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}`;
}
