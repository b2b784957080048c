/**
 * The forwarder: inside the host process, sends the outbox to the central
 * PostgreSQL in order, in batches, idempotently, and advances its cursor only
 * after PostgreSQL committed. Off until an admin configures it (Back office →
 * Sistem → Kantor pusat). Backs off while the central database is unreachable;
 * notices a restore from an older backup; puts the existing history into the
 * outbox in short chunks; prunes old forwarded facts.
 *
 * Exactly once: every fact has its UUIDv7 id from the moment it is written;
 * a batch is one INSERT … ON CONFLICT (id) DO NOTHING in one PostgreSQL
 * transaction; the local cursor moves after COMMIT returned. A crash between
 * the two sends the batch again and PostgreSQL skips what it already has.
 */
// Loaded when a connection is first made (`connect`): a shop without a central database never loads it.
import type pg from 'pg';
import { all, get, query } from '../../db/statements';
import type { Ctx } from '../core/context';
import { audit } from '../core/audit';
import { getRaw, setRaw } from '../core/settings';
import { AppError, fail } from '../../shared/errors';
import type { CentralConnection, CentralStatus, CentralTls, ForwardingState } from '../../shared/types-outlets';
import {
  advanceCursor,
  backfillRemaining,
  backfillStep,
  clearRestoreNotice,
  enableOutbox,
  forwardableBelow,
  newInstallationId,
  outboxState,
  pruneForwarded,
  recordForwardError,
  recoverFromRestore,
  syncWal,
  waitingCount,
} from './outbox';
import { StatusReporter } from './status-report';

export interface ForwarderOptions {
  /** Facts per INSERT (default 1000). */
  batchSize?: number;
  /** How often to look for new facts when all is sent (default 1000 ms). */
  pollMs?: number;
  backoffMinMs?: number;
  backoffMaxMs?: number;
  /** How often to prune forwarded facts (default hourly). */
  pruneEveryMs?: number;
  connectTimeoutMs?: number;
  queryTimeoutMs?: number;
  /** How often to tell the central database this outlet's backlog (default every 60 s; at once when it reaches 0). */
  statusEveryMs?: number;
  /**
   * Each step of a batch (`begin <from>-<to>`, `committed <to>`, `cursor <to>`) and of the history
   * backfill (`backfill <rows> rows <facts> facts <ms> ms`), for the crash test and the benchmark.
   */
  trace?: (line: string) => void;
}

interface SavedConnection extends CentralConnection {
  password: string;
}

const CONNECTION_KEY = 'central.connection';
const PAUSED_KEY = 'central.paused';
const PRUNE_DAYS_KEY = 'central.pruneDays';
export const DEFAULT_PRUNE_DAYS = 30;

type FactRow = { seq: number; id: string; kind: string; schema_version: number; outlet_code: string; business_day: string; occurred_at: number; payload: string };

/** The next facts to send, and the local fact at a seq (restore detection): declared statements. */
const nextFacts = query<FactRow>()(
  'forwarder.nextFacts',
  `SELECT seq, id, kind, schema_version, outlet_code, business_day, occurred_at, payload FROM outbox
   WHERE seq > ? AND seq < ? ORDER BY seq LIMIT ?`,
  { seq: true, id: true, kind: true, schema_version: true, outlet_code: true, business_day: true, occurred_at: true, payload: true },
);
const factAtSeq = query<{ id: string }>()('forwarder.factAtSeq', 'SELECT id FROM outbox WHERE seq = ?', { id: true });

const INSERT_FACTS = `INSERT INTO central.facts (id, outlet_code, outlet_seq, kind, schema_version, business_day, occurred_at, payload)
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::int[], $6::date[], $7::timestamptz[], $8::jsonb[])
  ON CONFLICT (id) DO NOTHING`;

/** A failure of the central database or the network, in words for the back office. */
export function describeError(err: unknown, conn?: CentralConnection): string {
  const e = err as { code?: string; message?: string; hint?: string };
  const where = conn ? `${conn.host}:${conn.port}` : 'kantor pusat';
  switch (e?.code) {
    case 'ECONNREFUSED':
      return `Kantor pusat tidak dapat dihubungi: koneksi ke ${where} ditolak.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Alamat kantor pusat ${conn?.host ?? ''} tidak ditemukan. Periksa alamat server atau koneksi internet.`;
    case 'ETIMEDOUT':
    case 'ECONNRESET':
    case 'EPIPE':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `Koneksi ke kantor pusat (${where}) terputus atau tidak menjawab.`;
    case '28P01':
    case '28000':
      return 'Kantor pusat menolak login: nama pengguna atau kata sandi salah.';
    case '3D000':
      return `Database ${conn?.database ?? ''} tidak ada di server kantor pusat.`;
    case '42P01':
    case '3F000':
      return 'Database kantor pusat belum disiapkan (jalankan: npm run central -- migrate).';
    case 'KS001':
      return `Kantor pusat belum mengenal jenis data ini (${e.message}). Data tetap tersimpan di outlet sampai skema pusat diperbarui (npm run central -- migrate).`;
    case 'KS002':
      return 'Login ini bukan milik outlet mana pun di kantor pusat. Periksa nama pengguna.';
    case 'KS003':
      return `Kode outlet tidak cocok dengan login ini (${e.message}).`;
    case 'KS004':
      return `Kode outlet ini sudah dipakai oleh database outlet lain (${e.message}). Untuk PC pengganti: npm run central -- release-outlet <KODE>.`;
    case '42501':
      return `Kantor pusat menolak data outlet ini (hak akses): ${e.message}`;
  }
  const message = e?.message ?? String(err);
  if (/does not support SSL/i.test(message)) return 'Server kantor pusat tidak menawarkan TLS, padahal TLS diwajibkan.';
  if (/timeout|timed out/i.test(message)) return `Kantor pusat (${where}) tidak menjawab (waktu habis).`;
  if (/Connection terminated|ended unexpectedly|socket hang up/i.test(message)) return `Koneksi ke kantor pusat (${where}) terputus.`;
  return `Pengiriman ke kantor pusat gagal: ${message}`;
}

export class Forwarder {
  private readonly options: Required<Omit<ForwarderOptions, 'trace'>> & { trace?: (line: string) => void };
  private client: pg.Client | null = null;
  private clientKey = '';
  private tlsInUse: boolean | null = null;
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private loop: Promise<void> | null = null;
  private backfilling: Promise<void> | null = null;
  private failures = 0;
  private nextAttemptAt: number | null = null;
  private lastPruneAt = 0;
  /** Counts deliberate disconnects, so a batch cut off by one is not reported as a failure. */
  private resets = 0;
  /** History facts below this seq are known to be on disk (see syncWal). */
  private durableBelow = 0;
  private wake: (() => void) | null = null;
  /** A nudge came while no wait was running (see `nudge`). */
  private nudged = false;
  /** Facts waiting here, told to the central database (office dashboard). */
  private readonly statusReport: StatusReporter;

  constructor(
    private readonly ctx: Ctx,
    options: ForwarderOptions = {},
  ) {
    this.options = {
      batchSize: options.batchSize ?? 1000,
      pollMs: options.pollMs ?? 1000,
      backoffMinMs: options.backoffMinMs ?? 1000,
      backoffMaxMs: options.backoffMaxMs ?? 60_000,
      pruneEveryMs: options.pruneEveryMs ?? 3_600_000,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      queryTimeoutMs: options.queryTimeoutMs ?? 60_000,
      statusEveryMs: options.statusEveryMs ?? 60_000,
      trace: options.trace,
    };
    this.statusReport = new StatusReporter(ctx.db, this.options.statusEveryMs, this.options.trace);
  }

  private get db() {
    return this.ctx.db;
  }

  // ---- configuration -------------------------------------------------------

  private saved(): SavedConnection | null {
    return getRaw<SavedConnection>(this.db, CONNECTION_KEY) ?? null;
  }

  private paused(): boolean {
    return getRaw<boolean>(this.db, PAUSED_KEY) ?? false;
  }

  pruneDays(): number {
    return getRaw<number>(this.db, PRUNE_DAYS_KEY) ?? DEFAULT_PRUNE_DAYS;
  }

  /**
   * Save the central connection after proving it: connect, and have the
   * central database confirm that these credentials are this outlet's and
   * that no other outlet database has claimed the code. Only then is the
   * outlet code frozen and the outbox switched on (history scheduled).
   */
  async configure(
    actorId: number,
    input: CentralConnection & { outletCode: string; password?: string; pruneDays?: number },
  ): Promise<CentralStatus> {
    const state = outboxState(this.db);
    if (state.enabled && state.outletCode !== input.outletCode) {
      fail('CONFLICT', `Kode outlet sudah dikunci sebagai ${state.outletCode} sejak pengiriman ke kantor pusat dimulai.`, {
        field: 'outletCode',
        outletCode: state.outletCode,
      });
    }
    const previous = this.saved();
    const password = input.password ?? (previous && previous.user === input.user ? previous.password : undefined);
    if (!password) fail('VALIDATION', 'Kata sandi kantor pusat wajib diisi.', { field: 'password' });
    const conn: SavedConnection = { host: input.host, port: input.port, database: input.database, user: input.user, tls: input.tls, password: password! };
    const installationId = state.installationId ?? newInstallationId();
    let probe: pg.Client | null = null;
    let held = 0;
    try {
      probe = (await this.connect(conn)).client;
      await probe.query('SELECT central.claim_outlet($1, $2)', [input.outletCode, installationId]);
      held = Number((await probe.query<{ n: string }>('SELECT count(*) AS n FROM central.facts WHERE outlet_code = $1', [input.outletCode])).rows[0]!.n);
    } catch (err) {
      throw new AppError('VALIDATION', describeError(err, conn), { field: 'host' });
    } finally {
      await probe?.end().catch(() => undefined);
    }
    if (!state.enabled && held > 0) {
      // This database never forwarded, yet the central one holds facts of this outlet (e.g. a backup
      // from before forwarding was configured): sending the history again would count it twice.
      fail('CONFLICT', `Kantor pusat sudah menyimpan ${held} data outlet ${input.outletCode}, tetapi database ini belum pernah mengirim. Pulihkan cadangan yang lebih baru, atau pakai kode outlet baru.`, {
        field: 'outletCode',
        held,
      });
    }
    const now = this.ctx.clock.now();
    this.db.transaction(() => {
      enableOutbox(this.db, { outletCode: input.outletCode, installationId, now });
      setRaw(this.db, CONNECTION_KEY, conn);
      if (input.pruneDays !== undefined) setRaw(this.db, PRUNE_DAYS_KEY, input.pruneDays);
      audit(this.ctx, {
        userId: actorId,
        action: 'central.configure',
        details: { outletCode: input.outletCode, host: conn.host, port: conn.port, database: conn.database, user: conn.user, tls: conn.tls, pruneDays: input.pruneDays },
      });
    });
    this.reset();
    this.nudge();
    return this.status();
  }

  setPaused(actorId: number, paused: boolean): CentralStatus {
    this.db.transaction(() => {
      setRaw(this.db, PAUSED_KEY, paused);
      audit(this.ctx, { userId: actorId, action: paused ? 'central.pause' : 'central.resume' });
    });
    if (paused) this.reset();
    else this.nudge();
    return this.status();
  }

  dismissNotice(): CentralStatus {
    clearRestoreNotice(this.db);
    return this.status();
  }

  status(): CentralStatus {
    const state = outboxState(this.db);
    const saved = this.saved();
    const paused = this.paused();
    const waiting = waitingCount(this.db, state);
    const history = state.enabled && state.backfillDoneAt === null ? backfillRemaining(this.db) : 0;
    let s: ForwardingState;
    if (!state.enabled || !saved) s = 'off';
    else if (paused) s = 'paused';
    else if (this.failures > 0) s = 'retrying';
    else if (history > 0) s = 'preparing';
    else if (waiting > 0) s = 'forwarding';
    else s = 'idle';
    return {
      outletCode: state.outletCode,
      codeFrozen: state.enabled,
      connection: saved ? { host: saved.host, port: saved.port, database: saved.database, user: saved.user, tls: saved.tls, hasPassword: saved.password !== '' } : null,
      paused,
      state: s,
      tlsInUse: this.client ? this.tlsInUse : null,
      lastForwardedAt: state.forwardedAt,
      waiting,
      historyToPrepare: history,
      lastError: state.lastError,
      lastErrorAt: state.lastErrorAt,
      nextAttemptAt: this.failures > 0 ? this.nextAttemptAt : null,
      restoreNotice: state.restoreNotice,
      pruneDays: this.pruneDays(),
    };
  }

  // ---- running -------------------------------------------------------------

  /** Start forwarding (and the history backfill) in the background; idempotent. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stop at once without waiting (the database is about to close). */
  halt(): void {
    this.running = false;
    this.wakeUp();
    this.dropClient();
  }

  /** Stop after the batch in flight (if any) and close the connection. */
  async stop(): Promise<void> {
    this.running = false;
    this.resets++;
    this.wakeUp();
    await this.loop?.catch(() => undefined);
    await this.backfilling?.catch(() => undefined);
    this.loop = null;
    this.dropClient();
    this.durableBelow = 0;
  }

  /**
   * Run `fn` with no batch in flight (e.g. restoring a backup into the live
   * database: a cursor saved after the restore would skip the restored
   * database's facts). Forwarding resumes afterwards if it was running.
   */
  async whileStopped<T>(fn: () => Promise<T> | T): Promise<T> {
    const wasRunning = this.running;
    await this.stop();
    try {
      return await fn();
    } finally {
      if (wasRunning) this.start();
    }
  }

  /**
   * Try now (skip the backoff wait): after configuring, or from the back office. A nudge that
   * arrives while a batch is in flight is kept: the wait that batch would start is skipped (else
   * "Kirim sekarang" pressed at that moment was lost, and a refused batch waited a full minute).
   */
  nudge(): void {
    this.failures = 0;
    this.nextAttemptAt = null;
    this.nudged = true;
    this.wakeUp();
  }

  private wakeUp(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(() => {
        this.timer = null;
        this.wake = null;
        resolve();
      }, ms);
      this.timer.unref?.();
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      let wait: number;
      try {
        wait = await this.cycle();
      } catch (err) {
        // Never let the loop die: record and back off (the database may be closing).
        if (!this.running) break;
        console.error('forwarder cycle failed', err);
        try {
          wait = this.fail(err, this.saved() ?? undefined);
        } catch {
          wait = this.options.backoffMaxMs;
        }
      }
      if (!this.running) break;
      if (wait > 0 && this.nudged) wait = 0;
      this.nudged = false;
      if (wait > 0) await this.sleep(wait);
      else await new Promise<void>((r) => setImmediate(r));
      this.nudged = false;
    }
  }

  /** One step: returns how long to wait before the next. */
  private async cycle(): Promise<number> {
    const state = outboxState(this.db);
    const conn = this.saved();
    if (!state.enabled || !conn) {
      this.dropClient();
      return this.options.pollMs;
    }
    this.ensureBackfill();
    if (this.paused()) {
      this.dropClient();
      return this.options.pollMs;
    }
    const below = forwardableBelow(state);
    const resets = this.resets;
    const rows = all(this.db.$client, nextFacts, state.forwardedSeq, below, this.options.batchSize);
    if (rows.length === 0) {
      this.maybePrune();
      if (this.statusReport.due() && (await this.reportWhileIdle(conn, state.outletCode!, state.installationId!, resets))) return 0;
      // While the history is being prepared, its next chunk is moments away.
      return state.backfillDoneAt === null ? 50 : this.options.pollMs;
    }
    try {
      const { client, fresh } = await this.clientFor(conn, state.outletCode!, state.installationId!);
      // A new connection (start, reconnect, after a restore): where is the central database for this outlet?
      if (fresh && (await this.checkCentralPosition(client, state.outletCode!))) return 0;
      const first = rows[0]!.seq;
      const last = rows.at(-1)!.seq;
      // History chunks are committed without an fsync: make them durable before any leaves the outlet.
      if (state.backfillEndSeq !== null && first < state.backfillEndSeq && last >= this.durableBelow) {
        await syncWal(this.db);
        this.durableBelow = last + 1;
      }
      this.options.trace?.(`begin ${first}-${last}`);
      // One statement, committed on its own: all of the batch or none of it.
      await client.query(INSERT_FACTS, [
        rows.map((r) => r.id),
        rows.map((r) => r.outlet_code),
        rows.map((r) => r.seq),
        rows.map((r) => r.kind),
        rows.map((r) => r.schema_version),
        rows.map((r) => r.business_day),
        rows.map((r) => new Date(r.occurred_at).toISOString()),
        rows.map((r) => r.payload),
      ]);
      this.options.trace?.(`committed ${last}`);
      // PostgreSQL has it: only now does the cursor move.
      advanceCursor(this.db, last, this.ctx.clock.now());
      this.options.trace?.(`cursor ${last}`);
      this.failures = 0;
      this.nextAttemptAt = null;
      if (this.statusReport.due()) {
        // The facts are safe; a report that fails is only late (the next one says it).
        await this.statusReport.report(client).catch((err: unknown) => this.options.trace?.(`status failed ${(err as Error).message}`));
      }
      return 0;
    } catch (err) {
      if (resets !== this.resets) return 0; // cut off on purpose (reconfigured, paused, stopping)
      await this.reportAfterRefusal(err);
      return this.fail(err, conn);
    }
  }

  /**
   * The central database refused the batch (an unknown fact kind, a permission) but the
   * connection is fine: the facts now wait here, so say how many (the office sees them pile up).
   */
  private async reportAfterRefusal(err: unknown): Promise<void> {
    const code = (err as { code?: unknown })?.code;
    if (!this.client || typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code) || code.startsWith('08') || code.startsWith('57')) return;
    // Not held back by the report throttle when the count changed: a second refusal moments after the
    // first (a retry pressed, more sales) must still tell the office how many wait now.
    if (!this.statusReport.due() && !this.statusReport.changed()) return;
    await this.statusReport.report(this.client).catch(() => undefined);
  }

  /**
   * Nothing to send: tell the central database the backlog anyway (a heartbeat; at once when it
   * just reached zero). A failure here is not a forwarding failure: nothing waits, so the outlet's
   * state stays as it was and the next report tries again. Returns true when a new connection
   * moved the cursor (see checkCentralPosition).
   */
  private async reportWhileIdle(conn: SavedConnection, outletCode: string, installationId: string, resets: number): Promise<boolean> {
    try {
      const { client, fresh } = await this.clientFor(conn, outletCode, installationId);
      if (fresh && (await this.checkCentralPosition(client, outletCode))) return true;
      await this.statusReport.report(client);
    } catch (err) {
      this.statusReport.failed();
      if (resets === this.resets) this.dropClient();
      this.options.trace?.(`status failed ${(err as Error).message}`);
    }
    return false;
  }

  private fail(err: unknown, conn?: CentralConnection): number {
    this.dropClient();
    const message = describeError(err, conn);
    recordForwardError(this.db, message, this.ctx.clock.now());
    this.failures++;
    const code = (err as { code?: string })?.code;
    // A schema the central database does not know will not change by retrying soon.
    const base =
      code === 'KS001' ? Math.max(this.options.backoffMaxMs, 60_000) : Math.min(this.options.backoffMinMs * 2 ** Math.min(this.failures - 1, 16), this.options.backoffMaxMs);
    const wait = base * (0.8 + Math.random() * 0.4);
    this.nextAttemptAt = this.ctx.clock.now() + Math.round(wait);
    return Math.round(wait);
  }

  /**
   * Where the central database is for this outlet. Ahead of the local cursor
   * means either our last batch committed there but the cursor was not saved
   * (a crash: the central fact at that seq is ours, so just move the cursor),
   * or this database was restored from an older backup (recover: keep the
   * central facts, move unsent facts past them). Returns true if it moved.
   */
  private async checkCentralPosition(client: pg.Client, outletCode: string): Promise<boolean> {
    const r = await client.query<{ id: string; outlet_seq: string }>(
      'SELECT id::text AS id, outlet_seq FROM central.facts WHERE outlet_code = $1 ORDER BY outlet_seq DESC LIMIT 1',
      [outletCode],
    );
    const top = r.rows[0];
    if (!top) return false;
    const centralSeq = Number(top.outlet_seq);
    const state = outboxState(this.db);
    if (centralSeq <= state.forwardedSeq) return false;
    const local = get(this.db.$client, factAtSeq, centralSeq);
    const now = this.ctx.clock.now();
    if (local?.id === top.id) {
      advanceCursor(this.db, centralSeq, now);
      this.options.trace?.(`cursor ${centralSeq} (already committed)`);
    } else {
      recoverFromRestore(this.db, centralSeq, now);
      this.options.trace?.(`restore detected: local ${state.forwardedSeq}, central ${centralSeq}`);
    }
    return true;
  }

  private async connect(conn: SavedConnection): Promise<{ client: pg.Client; tls: boolean }> {
    const { default: postgres } = await import('pg');
    const attempt = async (ssl: boolean) => {
      const client = new postgres.Client({
        host: conn.host,
        port: conn.port,
        database: conn.database,
        user: conn.user,
        password: conn.password,
        ssl: ssl ? { rejectUnauthorized: false } : false,
        connectionTimeoutMillis: this.options.connectTimeoutMs,
        query_timeout: this.options.queryTimeoutMs,
        keepAlive: true,
        application_name: 'kasir-plut-forwarder',
      });
      client.on('error', () => this.dropClient(client));
      try {
        await client.connect();
      } catch (err) {
        await client.end().catch(() => undefined);
        throw err;
      }
      return client;
    };
    if (conn.tls === 'disable') return { client: await attempt(false), tls: false };
    try {
      return { client: await attempt(true), tls: true };
    } catch (err) {
      // "prefer": TLS when the server offers it, plain otherwise.
      if (conn.tls === 'prefer' && /does not support SSL/i.test((err as Error).message ?? '')) return { client: await attempt(false), tls: false };
      throw err;
    }
  }

  private async clientFor(conn: SavedConnection, outletCode: string, installationId: string): Promise<{ client: pg.Client; fresh: boolean }> {
    const key = JSON.stringify(conn);
    if (this.client && this.clientKey === key) return { client: this.client, fresh: false };
    this.dropClient();
    const { client, tls } = await this.connect(conn);
    try {
      await client.query('SELECT central.claim_outlet($1, $2)', [outletCode, installationId]);
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    this.client = client;
    this.clientKey = key;
    this.tlsInUse = tls;
    this.statusReport.reconnected();
    return { client, fresh: true };
  }

  /** Drop the connection on purpose (new settings, paused): the batch it cuts off is not a failure. */
  private reset(): void {
    this.resets++;
    this.dropClient();
  }

  private dropClient(which?: pg.Client): void {
    const client = this.client;
    if (!client || (which && which !== client)) return;
    this.client = null;
    this.clientKey = '';
    this.tlsInUse = null;
    client.end().catch(() => undefined);
  }

  /** Put the history into the outbox in chunks that each hold the till only briefly. */
  private ensureBackfill(): void {
    if (this.backfilling) return;
    const state = outboxState(this.db);
    if (!state.enabled || state.backfillDoneAt !== null) return;
    this.backfilling = (async () => {
      try {
        while (this.running) {
          const step = backfillStep(this.db, this.ctx.clock.now());
          if (step.done) break;
          this.options.trace?.(`backfill ${step.rows} rows ${step.facts} facts ${step.ms.toFixed(1)} ms cpu ${step.cpuMs.toFixed(1)} ms`);
          // Flush the chunk to disk from libuv's thread pool before the next one: the backfill goes at the
          // disk's pace, and a sale's own fsync never has to flush a pile of history first.
          await syncWal(this.db);
        }
      } catch (err) {
        console.error('outbox backfill failed', err);
        recordForwardError(this.db, `Menyiapkan riwayat untuk kantor pusat gagal: ${(err as Error).message}`, this.ctx.clock.now());
      } finally {
        this.backfilling = null;
      }
    })();
  }

  /** One short delete of old forwarded facts per idle round, until none are left, then again after `pruneEveryMs`. */
  private maybePrune(): void {
    const now = Date.now();
    if (now - this.lastPruneAt < this.options.pruneEveryMs) return;
    if (pruneForwarded(this.db, this.pruneDays(), now, 2000) === 0) this.lastPruneAt = now;
  }
}
