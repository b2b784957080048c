/**
 * The host's side of the till agents (issue 18): a till whose printer is at
 * the till's own PC (`location: 'till'`) gets its jobs printed by the agent
 * running there (src/main/till-agent/agent.ts), which calls the `tillPrint.*`
 * procedures with its device credential.
 *
 * - `claim`: the till's next pending jobs, rendered here (documents service,
 *   the till's columns) exactly as the print queue would send them: only a
 *   job's first send may carry the drawer pulse; a job tried before (failed,
 *   interrupted, or claimed by an agent that vanished) comes with the SALINAN
 *   mark and without the pulse. A claim names the agent and its time.
 * - `report`: the result of one claimed job (printed / failed + message).
 * - `status`: the printer's real-time status (DLE EOT); it is also the
 *   agent's heartbeat. The till's banner shows it; without a report for
 *   `reportStaleMs` the till's printer is `offline` ("tidak melapor").
 * - A claim whose agent has not reported for `claimTimeoutMs` goes back to
 *   the queue, marked as a copy (its bytes may be on paper already).
 *
 * Agents and statuses are kept in memory (a host restart forgets them: a
 * claim then runs out from its `claimed_at`). Every write is a relaxed one
 * (no fsync of its own), like the print queue's status updates.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { printJobs } from '../../db/schema';
import { fail } from '../../shared/errors';
import { printerLocation, type PrinterStatus } from '../../shared/printer';
import { describeStatus } from '../../shared/printer-state';
import type { PrinterStateView } from '../../shared/types-system';
import type { TillPrintClaim, TillPrintStatusAnswer } from '../../shared/types-tills';
import type { Ctx } from '../core/context';
import { getPrinterConfig } from '../core/settings';
import type { PrintQueue } from './print-queue';
import { relaxedWrite } from '../../db/relaxed-write';

export interface TillAgentOptions {
  /** A claim whose agent reports nothing for this long goes back to the queue (default 60 s). */
  claimTimeoutMs?: number;
  /** The banner says "not reporting" after this long without a status (default 5 s). */
  reportStaleMs?: number;
}

export const DEFAULT_CLAIM_TIMEOUT_MS = 60_000;
export const DEFAULT_REPORT_STALE_MS = 5_000;

/** Why a claimed job went back to the queue. */
export const ABANDONED_REASON = 'terputus (komputer kasir berhenti melapor saat mencetak)';

export class TillAgents {
  /** Each agent's till and last call. */
  private agents = new Map<string, { tillCode: string; at: number }>();
  /** Each till's last reported printer status. */
  private printers = new Map<string, { status: PrinterStatus | null; at: number }>();
  private readonly claimTimeoutMs: number;
  private readonly reportStaleMs: number;

  constructor(
    private readonly ctx: Ctx,
    private readonly queue: Pick<PrintQueue, 'bytesForSend'>,
    options: TillAgentOptions = {},
  ) {
    this.claimTimeoutMs = options.claimTimeoutMs ?? DEFAULT_CLAIM_TIMEOUT_MS;
    this.reportStaleMs = options.reportStaleMs ?? DEFAULT_REPORT_STALE_MS;
  }

  /** Claim the till's next waiting jobs (oldest first) for this agent. */
  claim(tillCode: string, agentId: string, max = 5): TillPrintClaim {
    this.seen(tillCode, agentId);
    const config = getPrinterConfig(this.ctx.db, tillCode);
    if (printerLocation(config) !== 'till') return { location: 'host', jobs: [] };
    this.requeueExpired();
    const rows = this.ctx.db
      .select()
      .from(printJobs)
      .where(and(eq(printJobs.tillCode, tillCode), eq(printJobs.status, 'pending'), isNull(printJobs.claimedBy)))
      .orderBy(asc(printJobs.id))
      .limit(max)
      .all();
    const jobs: TillPrintClaim['jobs'] = [];
    const now = this.ctx.clock.now();
    for (const row of rows) {
      let out: { bytes: Uint8Array; marked: boolean };
      try {
        // Never tried before: the first send, the only one that may open the drawer.
        out = this.queue.bytesForSend(row, config.columns, row.attempts === 0);
      } catch (err) {
        const lastError = err instanceof Error ? err.message : String(err);
        relaxedWrite(this.ctx.db, () => this.ctx.db.update(printJobs).set({ status: 'failed', lastError, attempts: row.attempts + 1 }).where(eq(printJobs.id, row.id)).run());
        continue;
      }
      const copy = row.copy || out.marked;
      relaxedWrite(this.ctx.db, () =>
        this.ctx.db
          .update(printJobs)
          .set({ claimedBy: agentId, claimedAt: now, attempts: row.attempts + 1, copy })
          .where(and(eq(printJobs.id, row.id), eq(printJobs.status, 'pending'), isNull(printJobs.claimedBy)))
          .run(),
      );
      jobs.push({ id: row.id, kind: row.kind, copy, bytes: Buffer.from(out.bytes).toString('base64') });
    }
    return { location: 'till', jobs };
  }

  /**
   * The result of a claimed job. `accepted: false` when the claim is no
   * longer this agent's (it ran out and the job went back to the queue):
   * the job prints again, as a copy.
   */
  report(tillCode: string, agentId: string, input: { id: number; printed: boolean; message?: string | null }): { accepted: boolean } {
    this.seen(tillCode, agentId);
    const row = this.ctx.db.select().from(printJobs).where(eq(printJobs.id, input.id)).get();
    // Another till's jobs do not exist for this one.
    if (!row || row.tillCode !== tillCode) return fail('NOT_FOUND', `Cetakan #${input.id} tidak ditemukan.`, { field: 'id' });
    if (row.status !== 'pending' || row.claimedBy !== agentId) return { accepted: false };
    const set = input.printed
      ? { status: 'printed' as const, printedAt: this.ctx.clock.now(), lastError: input.message ?? null }
      : { status: 'failed' as const, lastError: input.message || 'Gagal mencetak di komputer kasir.' };
    relaxedWrite(this.ctx.db, () =>
      this.ctx.db
        .update(printJobs)
        .set({ ...set, claimedBy: null, claimedAt: null })
        .where(and(eq(printJobs.id, row.id), eq(printJobs.claimedBy, agentId)))
        .run(),
    );
    return { accepted: true };
  }

  /** The printer's status as the agent just read it (null: the printer does not answer). */
  status(tillCode: string, agentId: string, status: PrinterStatus | null): TillPrintStatusAnswer {
    this.seen(tillCode, agentId);
    this.printers.set(tillCode, { status, at: this.ctx.clock.now() });
    const printer = getPrinterConfig(this.ctx.db, tillCode);
    const location = printerLocation(printer);
    if (location !== 'till') return { location, waiting: 0, printer };
    this.requeueExpired();
    const waiting = this.ctx.db
      .select({ n: sql<number>`count(*)` })
      .from(printJobs)
      .where(and(eq(printJobs.tillCode, tillCode), eq(printJobs.status, 'pending'), isNull(printJobs.claimedBy)))
      .get()!.n;
    return { location, waiting, printer };
  }

  /** The banner of a till whose printer is at its own PC: what its agent last reported. */
  printerState(tillCode: string, failedJobs: number): PrinterStateView {
    const last = this.printers.get(tillCode);
    if (!last || this.ctx.clock.now() - last.at > this.reportStaleMs) {
      // Offline, not unknown: nothing prints there now, the banner says so and the automatic retry waits.
      return { state: 'offline', message: 'Printer di komputer mesin ini tidak melapor. Pastikan aplikasi Kasir PLUT di komputer itu berjalan.', failedJobs, atTill: true };
    }
    return { ...describeStatus(last.status), failedJobs, atTill: true };
  }

  /**
   * Claims whose agent has not called for `claimTimeoutMs` (nor claimed for
   * that long, when the host has not heard from it since a restart) go back
   * to the queue, marked as a copy. Returns how many.
   */
  requeueExpired(): number {
    const claimed = this.ctx.db
      .select({ id: printJobs.id, kind: printJobs.kind, claimedBy: printJobs.claimedBy, claimedAt: printJobs.claimedAt })
      .from(printJobs)
      .where(and(eq(printJobs.status, 'pending'), sql`${printJobs.claimedBy} IS NOT NULL`))
      .all();
    if (claimed.length === 0) return 0;
    const now = this.ctx.clock.now();
    const expired = claimed.filter((j) => now - Math.max(this.agents.get(j.claimedBy!)?.at ?? 0, j.claimedAt ?? 0) > this.claimTimeoutMs);
    if (expired.length === 0) return 0;
    relaxedWrite(this.ctx.db, () =>
      this.ctx.db.transaction(() => {
        for (const job of expired) {
          // A drawer pulse is never sent again (as on the host: a manager opens the drawer anew).
          const set = job.kind === 'drawer' ? { status: 'failed' as const } : { copy: true };
          this.ctx.db.update(printJobs).set({ ...set, claimedBy: null, claimedAt: null, lastError: ABANDONED_REASON }).where(eq(printJobs.id, job.id)).run();
        }
      }),
    );
    return expired.length;
  }

  /** Note the agent's call; an agent id belongs to one till. */
  private seen(tillCode: string, agentId: string): void {
    const known = this.agents.get(agentId);
    if (known && known.tillCode !== tillCode) fail('CONFLICT', 'Id agen ini dipakai kasir lain. Mulai ulang aplikasi kasir.', { field: 'agentId' });
    this.agents.set(agentId, { tillCode, at: this.ctx.clock.now() });
  }
}
