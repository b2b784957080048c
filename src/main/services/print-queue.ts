import { and, asc, desc, eq, lt, notInArray } from 'drizzle-orm';
import { printJobs } from '../../db/schema';
import { AppError, fail } from '../../shared/errors';
import { NEVER_RETRIED_KINDS, printerLocation, type PrinterColumns, type PrinterTransportConfig } from '../../shared/printer';
import type { Ctx } from '../core/context';
import type { PrintJobStatus, PrintJobView } from '../../shared/types';
import type { PrinterState } from '../../shared/types-system';
import { BLOCKING_STATES, describeStatus } from '../../shared/printer-state';
import { getPrinterConfig, tillsWithPrinterAt } from '../core/settings';
import { concatBytes, createTransport, PrinterError, printWithStatus, type PrinterTransport } from '../printing/transports';
import { get, query, run, write } from '../../db/statements';
import { withoutDrawerPulse } from '../printing/encode';
import { renderResendMark } from '../printing/documents/resend-mark';
import { relaxedWrite } from '../../db/relaxed-write';
import { TillAgents, type TillAgentOptions } from './till-agents';

export { describeStatus };

/** A job failing this many times waits for a person to press retry. */
export const MAX_AUTO_ATTEMPTS = 20;

/** Why `retry` refuses a job of a NEVER_RETRIED_KINDS kind. */
const NOT_RETRIED_MESSAGE: Record<string, string> = {
  drawer: 'Buka laci tidak pernah diulang. Bila perlu, manajer membuka laci lagi.',
  test: 'Tes cetak tidak diulang: hasilnya hanya berlaku saat diminta. Cetak tes baru dari layar Printer.',
};

/** What a job that failed for a reason other than the printer (a bug) shows; the error itself goes to the log. */
export const UNEXPECTED_FAILURE = 'Gagal mencetak karena kesalahan di aplikasi. Coba lagi; bila terulang, hubungi teknisi.';

/** Why a job left unfinished by a previous run (power cut, crash, kill) is failed at start-up. */
export const INTERRUPTED_REASON = 'terputus (aplikasi berhenti saat mencetak)';

export type TransportFactory = (config: PrinterTransportConfig) => PrinterTransport;

/** A job as the renderer sees it: what to print, not how it is sent. */
export interface JobRef {
  kind: string;
  refId: number | null;
  tillCode: string;
  copy: boolean;
}

/**
 * Bytes of a job from its reference (kind + refId), rendered at send time
 * (see `services/documents.ts`). `firstSend` is true only for the send that
 * follows the business write in this process: the only one that may open
 * the cash drawer. `job.copy` is true for a reprint and for a resend that
 * may already be on paper. Returns null for a kind that is not rendered
 * from a reference.
 */
export type JobRenderer = (job: JobRef, opts: { columns: PrinterColumns; firstSend: boolean }) => Uint8Array | null;

const BLOCKING = BLOCKING_STATES;

type JobToSend = Pick<typeof printJobs.$inferSelect, 'id' | 'kind' | 'refId' | 'tillCode' | 'attempts' | 'status'> & { copy: 0 | 1; bytes: Buffer };
const EMPTY = Buffer.alloc(0);
const insertJob = write<[kind: string, refId: number | null, copy: 0 | 1, tillCode: string, bytes: Buffer, createdAt: number]>(
  'printJobs.insert',
  `INSERT INTO print_jobs (kind, ref_id, copy, status, till_code, bytes, created_at) VALUES (?, ?, ?, 'pending', ?, ?, ?)`,
);
/** How a send ended (after every receipt): `copy` only ever becomes 1, the bytes of a first render are kept. */
const sendOutcome = write<[status: 'printed' | 'failed', lastError: string | null, printedAt: number | null, attempts: number, copy: 0 | 1, bytes: Buffer | null, id: number]>(
  'printJobs.sendOutcome',
  `UPDATE print_jobs SET status = ?, last_error = ?, printed_at = coalesce(?, printed_at), attempts = ?, copy = max(copy, ?), bytes = coalesce(?, bytes)
   WHERE id = ?`,
);
/** The job a send reads when its turn comes (once per receipt): a declared statement. */
const jobToSend = query<JobToSend>()<[id: number]>(
  'printJobs.toSend',
  'SELECT id, kind, ref_id AS refId, till_code AS tillCode, copy, attempts, status, bytes FROM print_jobs WHERE id = ?',
  { id: true, kind: true, refId: true, tillCode: true, copy: true, attempts: true, status: true, bytes: true },
);

/**
 * Print jobs are rows first, bytes on paper second.
 *
 * - A job row is written in the business write's own transaction (`record`,
 *   e.g. inside the checkout) or right after it (`enqueue`). A row recorded
 *   without bytes is rendered at send time by the `JobRenderer`, after the
 *   answer went back to the till.
 * - Sending happens in the background, one job at a time per till; a failure
 *   only marks the job.
 * - At least once, never silently twice: ESC/POS gives no proof a job was
 *   printed, so a job sent again after a failure or an interruption prints
 *   under a "SALINAN — cetak ulang" mark, and no send but the first ever
 *   carries a drawer pulse.
 * - Status updates (printed / failed / rendered bytes) are written without
 *   an fsync of their own (`synchronous = NORMAL` for that one statement): the
 *   next durable commit (a sale) flushes them with its own single fsync. A
 *   power cut may lose such an update; the job is then `pending` at start-up,
 *   becomes failed ("terputus"), and its retry prints marked as a copy.
 * - A till whose printer is at the till's own PC (`location: 'till'`, issue
 *   18): the host never sends its jobs; they stay `pending` until the till's
 *   agent claims them (`agents`, src/main/services/till-agents.ts), with the
 *   same bytes, copy mark and drawer rule as a send from here.
 */
export class PrintQueue {
  private chains = new Map<string, Promise<unknown>>();
  /** Jobs this process has handed to `send` or `retry` and not finished: not interrupted. */
  private ours = new Set<number>();
  /** The till agents printing on the tills' own PCs: claims, results, reported printer states. */
  readonly agents: TillAgents;

  constructor(
    private readonly ctx: Ctx,
    private readonly transportFor: TransportFactory = createTransport,
    private readonly render: JobRenderer = () => null,
    agentOptions: TillAgentOptions = {},
  ) {
    this.agents = new TillAgents(ctx, this, agentOptions);
  }

  /**
   * Write a job row and nothing else: called inside the business write's
   * transaction, so the sale and its receipt job commit together. `send`
   * starts sending after the commit. Without `bytes` the job is rendered from
   * its reference at send time.
   */
  record(job: { kind: string; refId?: number | null; copy?: boolean; tillCode: string; bytes?: Uint8Array }): PrintJobView {
    // Inside every checkout: a declared statement, and the view from what was written.
    const createdAt = this.ctx.clock.now();
    const refId = job.refId ?? null;
    const copy = job.copy ?? false;
    const bytes = job.bytes ? Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength) : EMPTY;
    const id = Number(run(this.ctx.db.$client, insertJob, job.kind, refId, copy ? 1 : 0, job.tillCode, bytes, createdAt).lastInsertRowid);
    return { id, kind: job.kind, refId, copy, status: 'pending', attempts: 0, lastError: null, tillCode: job.tillCode, createdAt, printedAt: null };
  }

  /**
   * Start sending a recorded job once the current answer is on its way
   * (`setImmediate`: the response is written before the job is rendered).
   */
  send(job: PrintJobView): PrintJobView {
    this.ours.add(job.id);
    setImmediate(() => void this.schedule(job.id, job.tillCode, true));
    return job;
  }

  /** Record a job (after the business write committed) and start sending it. */
  enqueue(job: { kind: string; refId?: number | null; copy?: boolean; tillCode: string; bytes?: Uint8Array }): PrintJobView {
    return this.send(this.record(job));
  }

  /**
   * Send a failed (or skipped) job again. A drawer pulse is never sent
   * again: a `drawer` job cannot be retried (open the drawer anew, which a
   * manager does and the audit log records), and any other job loses its
   * pulse before it goes out again (the stored bytes are rewritten; a job
   * rendered from its reference is rendered again without it). A test
   * print cannot be retried either (NEVER_RETRIED_KINDS): print a new one.
   */
  retry(id: number): PrintJobView & { drawerPulsesRemoved: number } {
    const row = this.ctx.db.select().from(printJobs).where(eq(printJobs.id, id)).get();
    if (!row) return fail('NOT_FOUND', `Cetakan #${id} tidak ditemukan.`, { field: 'id' });
    if (NEVER_RETRIED_KINDS.includes(row.kind)) fail('CONFLICT', NOT_RETRIED_MESSAGE[row.kind]!, { field: 'id', kind: row.kind });
    if (row.status === 'printed') fail('CONFLICT', 'Cetakan ini sudah berhasil dicetak.');
    if (row.status === 'pending') fail('CONFLICT', 'Cetakan ini sedang dikirim ke printer.');
    const { bytes, removed } = withoutDrawerPulse(row.bytes);
    this.ctx.db
      .update(printJobs)
      .set(removed > 0 ? { status: 'pending', bytes: Buffer.from(bytes) } : { status: 'pending' })
      .where(eq(printJobs.id, id))
      .run();
    void this.schedule(id, row.tillCode, false);
    return { ...toView(row), status: 'pending', drawerPulsesRemoved: removed };
  }

  /**
   * Send the till's waiting jobs from here: its printer was moved from the
   * till's own PC to the host (`printers.set`), so no agent will claim them.
   */
  sendWaiting(tillCode: string): number {
    const rows = this.ctx.db
      .select({ id: printJobs.id, attempts: printJobs.attempts, claimedBy: printJobs.claimedBy })
      .from(printJobs)
      .where(and(eq(printJobs.tillCode, tillCode), eq(printJobs.status, 'pending')))
      .orderBy(asc(printJobs.id))
      .all()
      .filter((r) => r.claimedBy === null && !this.ours.has(r.id));
    for (const r of rows) void this.schedule(r.id, tillCode, r.attempts === 0);
    return rows.length;
  }

  get(id: number): PrintJobView {
    const row = this.ctx.db.select().from(printJobs).where(eq(printJobs.id, id)).get();
    return row ? toView(row) : fail('NOT_FOUND', `Cetakan #${id} tidak ditemukan.`, { field: 'id' });
  }

  /** Latest jobs, newest first; the till and status filters are applied in SQL, before the limit. */
  list(input: { tillCode?: string; status?: PrintJobStatus; limit?: number }): PrintJobView[] {
    this.agents.requeueExpired();
    return this.ctx.db
      .select()
      .from(printJobs)
      .where(and(input.tillCode ? eq(printJobs.tillCode, input.tillCode) : undefined, input.status ? eq(printJobs.status, input.status) : undefined))
      .orderBy(desc(printJobs.id))
      .limit(input.limit ?? 50)
      .all()
      .map(toView);
  }

  /** Current state of this till's printer, for the banner. */
  async printerState(tillCode: string): Promise<{ state: PrinterState | 'none'; message: string; failedJobs: number }> {
    const config = getPrinterConfig(this.ctx.db, tillCode);
    const failedJobs = this.failedJobIds(tillCode).length;
    if (printerLocation(config) === 'till') return this.agents.printerState(tillCode, failedJobs);
    if (config.transport.type === 'none') return { state: 'none', message: 'Printer belum diatur.', failedJobs };
    return { ...describeStatus(await this.transportFor(config.transport).status()), failedJobs };
  }

  private failedJobIds(tillCode: string): number[] {
    return this.ctx.db
      .select({ id: printJobs.id })
      .from(printJobs)
      .where(and(eq(printJobs.tillCode, tillCode), eq(printJobs.status, 'failed'), lt(printJobs.attempts, MAX_AUTO_ATTEMPTS), notInArray(printJobs.kind, [...NEVER_RETRIED_KINDS])))
      .orderBy(asc(printJobs.id))
      .all()
      .map((r) => r.id);
  }

  /**
   * Jobs a previous run left `pending` (the process stopped before or while
   * sending them, or before their status reached the disk) become failed with
   * the reason "terputus", so the banner counts them and they are retried
   * like any failed job (marked as a copy: they may be on paper already);
   * a drawer pulse or a test print among them stays failed (NEVER_RETRIED_KINDS).
   * Called once when the host starts the queue, before anything is sent.
   * Jobs of a till whose printer is at the till's own PC stay as they are:
   * unclaimed ones were never sent, and a claim of an agent that is gone
   * runs out by itself (`agents.requeueExpired`) and prints as a copy.
   */
  recoverInterrupted(): number {
    const mine = [...this.ours];
    return this.ctx.db.$client
      .prepare(
        `UPDATE print_jobs SET status = 'failed', last_error = ?, attempts = attempts + 1
         WHERE status = 'pending' AND id NOT IN (SELECT value FROM json_each(?)) AND till_code NOT IN (SELECT value FROM json_each(?))`,
      )
      .run(INTERRUPTED_REASON, JSON.stringify(mine), JSON.stringify(tillsWithPrinterAt(this.ctx.db, 'till'))).changes;
  }

  /**
   * Start the queue in the host process: fail what a previous run left
   * unfinished, then retry failed jobs by themselves once the printer answers
   * again: every `intervalMs`, for each till with failed jobs, ask the
   * printer; when it says it is ready (or cannot tell), send them again in order.
   */
  startAutoRetry(intervalMs = 10_000): () => void {
    const interrupted = this.recoverInterrupted();
    if (interrupted > 0) console.warn(`${interrupted} print job(s) interrupted by the previous run: failed, to be retried as copies`);
    let busy = false;
    const tick = async () => {
      if (busy) return;
      busy = true;
      try {
        this.agents.requeueExpired();
        const tills = this.ctx.db
          .selectDistinct({ tillCode: printJobs.tillCode })
          .from(printJobs)
          .where(and(eq(printJobs.status, 'failed'), lt(printJobs.attempts, MAX_AUTO_ATTEMPTS), notInArray(printJobs.kind, [...NEVER_RETRIED_KINDS])))
          .all();
        for (const { tillCode } of tills) {
          const { state } = await this.printerState(tillCode);
          if (state === 'none' || BLOCKING.includes(state as PrinterState)) continue;
          for (const id of this.failedJobIds(tillCode)) this.retry(id);
        }
        await this.idle();
      } catch (err) {
        console.error('print auto-retry failed', err);
      } finally {
        busy = false;
      }
    };
    const timer = setInterval(() => void tick(), intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Resolves when every job scheduled so far has been attempted. */
  async idle(): Promise<void> {
    // Jobs handed to `send` start on the next turn of the event loop.
    await new Promise((r) => setImmediate(r));
    while (true) {
      const pending = [...this.chains.values()];
      await Promise.allSettled(pending);
      if ([...this.chains.values()].every((p, i) => p === pending[i]) && this.chains.size === pending.length) return;
    }
  }

  private schedule(id: number, tillCode: string, firstSend: boolean): Promise<unknown> {
    this.ours.add(id);
    const previous = this.chains.get(tillCode) ?? Promise.resolve();
    // One job at a time per till, in order; a job is rendered when its turn comes.
    const next = previous.then(() => this.attempt(id, firstSend)).finally(() => this.ours.delete(id));
    this.chains.set(tillCode, next);
    return next;
  }

  /**
   * The bytes this send puts on paper (and, on a first render, stores them):
   * only a first send may carry a drawer pulse; a resend of a job tried
   * before is marked as a copy. Also what a till agent's claim carries.
   */
  bytesForSend(
    row: Pick<typeof printJobs.$inferSelect, 'id' | 'kind' | 'refId' | 'tillCode' | 'copy' | 'attempts' | 'bytes'>,
    columns: PrinterColumns,
    firstSend: boolean,
    /** Store a first render now; `false`: the caller stores `firstRender` with the job's outcome, in one write. */
    storeNow = true,
  ): { bytes: Uint8Array; marked: boolean; firstRender: Uint8Array | null } {
    const resend = !firstSend;
    let bytes: Uint8Array = row.bytes;
    let firstRender: Uint8Array | null = null;
    if (row.bytes.length === 0 || resend) {
      const rendered = this.render({ kind: row.kind, refId: row.refId, tillCode: row.tillCode, copy: row.copy || (resend && row.attempts > 0) }, { columns, firstSend });
      if (rendered) {
        bytes = rendered;
        if (row.bytes.length === 0) {
          firstRender = rendered;
          if (storeNow) this.relaxed(() => this.mark(row.id, { bytes: Buffer.from(rendered) }));
        }
      }
    }
    if (bytes.length === 0) throw new PrinterError(`Cetakan "${row.kind}" tidak dapat disusun.`);
    if (resend) bytes = withoutDrawerPulse(bytes).bytes;
    // Sent before (failed or interrupted after some bytes may have gone out): mark it.
    const marked = resend && row.attempts > 0;
    if (marked) bytes = concatBytes(renderResendMark(columns), bytes);
    return { bytes, marked, firstRender };
  }

  private async attempt(id: number, firstSend: boolean): Promise<void> {
    const raw = get(this.ctx.db.$client, jobToSend, id);
    if (!raw || raw.status !== 'pending') return;
    const row = { ...raw, copy: raw.copy === 1 };
    const config = getPrinterConfig(this.ctx.db, row.tillCode);
    let marked = false;
    // A first render is stored with the outcome, in the same (relaxed) write.
    let rendered: { bytes?: Buffer } = {};
    try {
      // At the till's own PC: its agent claims the job (TillAgents.claim); the host never sends it.
      if (printerLocation(config) === 'till') return;
      const out = this.bytesForSend(row, config.columns, firstSend, false);
      marked = out.marked;
      if (out.firstRender) rendered = { bytes: Buffer.from(out.firstRender) };
      if (config.transport.type === 'none') {
        this.relaxed(() => this.mark(id, { ...rendered, status: 'skipped', lastError: 'Printer belum diatur.' }));
        return;
      }
      // Ask first (a printer without paper or with its cover open takes the
      // bytes and prints nothing, and the cashier would never know), send,
      // ask again: on one connection where the transport has one.
      const answer = await printWithStatus(this.transportFor(config.transport), out.bytes, (status) => {
        const before = describeStatus(status);
        return BLOCKING.includes(before.state) ? new PrinterError(before.message) : null;
      });
      const after = describeStatus(answer);
      if (after.state === 'paperOut' || after.state === 'coverOpen') {
        throw new PrinterError(`${after.message} Periksa hasil cetak; cetak ulang bila tidak lengkap.`);
      }
      const lastError = after.state === 'paperNearEnd' ? after.message : null;
      this.relaxed(() => run(this.ctx.db.$client, sendOutcome, 'printed', lastError, this.ctx.clock.now(), row.attempts + 1, marked ? 1 : 0, rendered.bytes ?? null, id));
    } catch (err) {
      const message = failureText(err, id, row.kind);
      this.relaxed(() => run(this.ctx.db.$client, sendOutcome, 'failed', message, null, row.attempts + 1, marked ? 1 : 0, rendered.bytes ?? null, id));
    }
  }

  private mark(id: number, set: Partial<typeof printJobs.$inferInsert>, attempts?: number): void {
    this.ctx.db
      .update(printJobs)
      .set(attempts === undefined ? set : { ...set, attempts })
      .where(eq(printJobs.id, id))
      .run();
  }

  /** One status write without an fsync of its own (see `relaxedWrite`). */
  private relaxed(write: () => void): void {
    relaxedWrite(this.ctx.db, write);
  }
}

/**
 * What a failed job's `last_error` says: a printer's failure (PrinterError)
 * or the app's refusal (AppError) in the shop's words; anything else is a
 * bug, logged in full for developers and shown in general words.
 */
function failureText(err: unknown, id: number, kind: string): string {
  if (err instanceof PrinterError || err instanceof AppError) return err.message;
  console.error(`print job #${id} (${kind}) failed`, err);
  return UNEXPECTED_FAILURE;
}

function toView(r: typeof printJobs.$inferSelect): PrintJobView {
  return {
    id: r.id,
    kind: r.kind,
    refId: r.refId,
    copy: r.copy,
    status: r.status,
    attempts: r.attempts,
    lastError: r.lastError,
    tillCode: r.tillCode,
    createdAt: r.createdAt,
    printedAt: r.printedAt,
  };
}
