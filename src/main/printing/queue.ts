import { and, asc, desc, eq, lt, ne } from 'drizzle-orm';
import { printJobs } from '../../db/schema';
import { fail } from '../../shared/errors';
import type { PrinterTransportConfig } from '../../shared/printer';
import type { Ctx } from '../core/context';
import type { PrintJobStatus, PrintJobView } from '../../shared/types';
import type { PrinterState } from '../../shared/types-system';
import type { PrinterStatus } from '../../shared/printer';
import { getPrinterConfig } from '../core/settings';
import { createTransport, type PrinterTransport } from './transports';
import { withoutDrawerPulse } from './encode';



/** A job failing this many times waits for a person to press retry. */
export const MAX_AUTO_ATTEMPTS = 20;

export type TransportFactory = (config: PrinterTransportConfig) => PrinterTransport;

/** What the till banner says about the printer, from a real-time status reply. */
export function describeStatus(status: PrinterStatus | null): { state: PrinterState; message: string } {
  if (status === null) return { state: 'unknown', message: 'Status printer tidak diketahui.' };
  if (status.paperOut) return { state: 'paperOut', message: 'Kertas printer habis. Ganti gulungan kertas.' };
  if (status.coverOpen) return { state: 'coverOpen', message: 'Tutup printer terbuka.' };
  if (!status.online) return { state: 'offline', message: 'Printer offline.' };
  if (status.paperNearEnd) return { state: 'paperNearEnd', message: 'Kertas printer hampir habis.' };
  return { state: 'ok', message: 'Printer siap.' };
}

/** States in which sending a job would not print it. */
const BLOCKING: PrinterState[] = ['paperOut', 'coverOpen', 'offline'];

/**
 * Print jobs are rows first, bytes on paper second. A job is recorded
 * after the business write has committed; sending happens in the
 * background, one job at a time per till, and a failure only marks the job.
 */
export class PrintQueue {
  private chains = new Map<string, Promise<unknown>>();

  constructor(
    private readonly ctx: Ctx,
    private readonly transportFor: TransportFactory = createTransport,
  ) {}

  /** Record a job and start sending it; returns the job as recorded. */
  enqueue(job: { kind: string; refId?: number | null; copy?: boolean; tillCode: string; bytes: Uint8Array }): PrintJobView {
    const row = this.ctx.db
      .insert(printJobs)
      .values({
        kind: job.kind,
        refId: job.refId ?? null,
        copy: job.copy ?? false,
        status: 'pending',
        tillCode: job.tillCode,
        bytes: Buffer.from(job.bytes),
        createdAt: this.ctx.clock.now(),
      })
      .returning()
      .get();
    void this.schedule(row.id, row.tillCode);
    return toView(row);
  }

  /**
   * Send a failed (or skipped) job again. A drawer pulse is never sent
   * again: a `drawer` job cannot be retried (open the drawer anew, which a
   * manager does and the audit log records), and any other job loses its
   * pulse before it goes out again (the stored bytes are rewritten).
   */
  retry(id: number): PrintJobView & { drawerPulsesRemoved: number } {
    const row = this.ctx.db.select().from(printJobs).where(eq(printJobs.id, id)).get();
    if (!row) return fail('NOT_FOUND', `Cetakan #${id} tidak ditemukan.`, { field: 'id' });
    if (row.kind === 'drawer') fail('CONFLICT', 'Buka laci tidak pernah diulang. Bila perlu, manajer membuka laci lagi.', { field: 'id', kind: row.kind });
    if (row.status === 'printed') fail('CONFLICT', 'Cetakan ini sudah berhasil dicetak.');
    if (row.status === 'pending') fail('CONFLICT', 'Cetakan ini sedang dikirim ke printer.');
    const { bytes, removed } = withoutDrawerPulse(row.bytes);
    this.ctx.db
      .update(printJobs)
      .set(removed > 0 ? { status: 'pending', bytes: Buffer.from(bytes) } : { status: 'pending' })
      .where(eq(printJobs.id, id))
      .run();
    void this.schedule(id, row.tillCode);
    return { ...toView(row), status: 'pending', drawerPulsesRemoved: removed };
  }

  /** The first (not a copy) job printed for a document, e.g. a sale's receipt; undefined when none was queued. */
  original(kind: string, refId: number): PrintJobView | undefined {
    const row = this.ctx.db
      .select()
      .from(printJobs)
      .where(and(eq(printJobs.kind, kind), eq(printJobs.refId, refId), eq(printJobs.copy, false)))
      .get();
    return row ? toView(row) : undefined;
  }

  get(id: number): PrintJobView {
    const row = this.ctx.db.select().from(printJobs).where(eq(printJobs.id, id)).get();
    return row ? toView(row) : fail('NOT_FOUND', `Cetakan #${id} tidak ditemukan.`, { field: 'id' });
  }

  list(input: { tillCode?: string; status?: PrintJobStatus; limit?: number }): PrintJobView[] {
    const rows = this.ctx.db
      .select()
      .from(printJobs)
      .where(input.status ? eq(printJobs.status, input.status) : undefined)
      .orderBy(desc(printJobs.id))
      .limit(input.limit ?? 50)
      .all();
    return rows.filter((r) => !input.tillCode || r.tillCode === input.tillCode).map(toView);
  }

  /** Current state of this till's printer, for the banner. */
  async printerState(tillCode: string): Promise<{ state: PrinterState | 'none'; message: string; failedJobs: number }> {
    const config = getPrinterConfig(this.ctx.db, tillCode);
    const failedJobs = this.failedJobIds(tillCode).length;
    if (config.transport.type === 'none') return { state: 'none', message: 'Printer belum diatur.', failedJobs };
    return { ...describeStatus(await this.transportFor(config.transport).status()), failedJobs };
  }

  private failedJobIds(tillCode: string): number[] {
    return this.ctx.db
      .select({ id: printJobs.id })
      .from(printJobs)
      .where(and(eq(printJobs.tillCode, tillCode), eq(printJobs.status, 'failed'), lt(printJobs.attempts, MAX_AUTO_ATTEMPTS), ne(printJobs.kind, 'drawer')))
      .orderBy(asc(printJobs.id))
      .all()
      .map((r) => r.id);
  }

  /**
   * Retry failed jobs by themselves once the printer answers again: every
   * `intervalMs`, for each till with failed jobs, ask the printer; when it
   * says it is ready (or cannot tell), send them again in order.
   */
  startAutoRetry(intervalMs = 10_000): () => void {
    let busy = false;
    const tick = async () => {
      if (busy) return;
      busy = true;
      try {
        const tills = this.ctx.db
          .selectDistinct({ tillCode: printJobs.tillCode })
          .from(printJobs)
          .where(and(eq(printJobs.status, 'failed'), lt(printJobs.attempts, MAX_AUTO_ATTEMPTS), ne(printJobs.kind, 'drawer')))
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
    while (true) {
      const pending = [...this.chains.values()];
      await Promise.allSettled(pending);
      if ([...this.chains.values()].every((p, i) => p === pending[i]) && this.chains.size === pending.length) return;
    }
  }

  private schedule(id: number, tillCode: string): Promise<unknown> {
    const previous = this.chains.get(tillCode) ?? Promise.resolve();
    const next = previous.then(() => this.send(id));
    this.chains.set(tillCode, next);
    return next;
  }

  private async send(id: number): Promise<void> {
    const row = this.ctx.db.select().from(printJobs).where(eq(printJobs.id, id)).get();
    if (!row || row.status !== 'pending') return;
    const config = getPrinterConfig(this.ctx.db, row.tillCode);
    if (config.transport.type === 'none') {
      this.mark(id, { status: 'skipped', lastError: 'Printer belum diatur.' });
      return;
    }
    try {
      const transport = this.transportFor(config.transport);
      // Ask first: a printer without paper or with its cover open takes the
      // bytes and prints nothing, and the cashier would never know.
      const before = describeStatus(await transport.status());
      if (BLOCKING.includes(before.state)) throw new Error(before.message);
      await transport.send(row.bytes);
      const after = describeStatus(await transport.status());
      if (after.state === 'paperOut' || after.state === 'coverOpen') {
        throw new Error(`${after.message} Periksa hasil cetak; cetak ulang bila tidak lengkap.`);
      }
      this.mark(id, { status: 'printed', lastError: after.state === 'paperNearEnd' ? after.message : null, printedAt: this.ctx.clock.now() }, row.attempts + 1);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.mark(id, { status: 'failed', lastError: message }, row.attempts + 1);
    }
  }

  private mark(id: number, set: Partial<typeof printJobs.$inferInsert>, attempts?: number): void {
    this.ctx.db
      .update(printJobs)
      .set(attempts === undefined ? set : { ...set, attempts })
      .where(eq(printJobs.id, id))
      .run();
  }
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
