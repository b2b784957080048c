import { desc, eq } from 'drizzle-orm';
import { printJobs } from '../../db/schema';
import { fail } from '../../shared/errors';
import type { PrinterTransportConfig } from '../../shared/printer';
import type { Ctx } from '../core/context';
import type { PrintJobStatus, PrintJobView } from '../../shared/types';
import { getPrinterConfig } from '../core/settings';
import { createTransport, type PrinterTransport } from './transports';



export type TransportFactory = (config: PrinterTransportConfig) => PrinterTransport;

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

  /** Send a failed (or skipped) job again. */
  retry(id: number): PrintJobView {
    const row = this.ctx.db.select().from(printJobs).where(eq(printJobs.id, id)).get();
    if (!row) return fail('NOT_FOUND', `Cetakan #${id} tidak ditemukan.`, { field: 'id' });
    if (row.status === 'printed') fail('CONFLICT', 'Cetakan ini sudah berhasil dicetak.');
    this.ctx.db.update(printJobs).set({ status: 'pending' }).where(eq(printJobs.id, id)).run();
    void this.schedule(id, row.tillCode);
    return { ...toView(row), status: 'pending' };
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
      await this.transportFor(config.transport).send(row.bytes);
      this.mark(id, { status: 'printed', lastError: null, printedAt: this.ctx.clock.now() }, row.attempts + 1);
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
