/**
 * The outlet's word to the central database about its own backlog (issue 20):
 * how many facts wait in the outbox and since when. The central side only
 * knows what arrived; this is what the office dashboard shows as "facts
 * waiting". Sent by the forwarder after a batch and while idle, at most every
 * `everyMs` (and at once when the backlog reaches zero), through
 * central.report_outlet_status() — the one thing an outlet role may write
 * besides its facts (drizzle-central/0007_outlet_status.sql).
 */
import type pg from 'pg';
import type { Db } from '../../db';
import { get, query } from '../../db/statements';
import { backfillRemaining, outboxState, waitingCount } from './outbox';

const oldestWaiting = query<{ occurred_at: number }>()('outbox.oldestWaiting', 'SELECT occurred_at FROM outbox WHERE seq > ? ORDER BY seq LIMIT 1', { occurred_at: true });
const now = () => Date.now();

export interface Backlog {
  /** Facts not yet forwarded, plus history rows still to be put into the outbox. */
  count: number;
  /** When the oldest waiting fact was recorded (ms), or null. */
  oldestAt: number | null;
}

export function outletBacklog(db: Db): Backlog {
  const state = outboxState(db);
  if (!state.enabled) return { count: 0, oldestAt: null };
  const history = state.backfillDoneAt === null ? backfillRemaining(db) : 0;
  const count = waitingCount(db, state) + history;
  if (count === 0) return { count: 0, oldestAt: null };
  const first = get(db.$client, oldestWaiting, state.forwardedSeq);
  return { count, oldestAt: first?.occurred_at ?? null };
}

export class StatusReporter {
  private lastAt = 0;
  private lastCount: number | null = null;
  /** The central database has no report_outlet_status yet (not migrated): skip until the next connection. */
  private unsupported = false;
  private failedAt = 0;

  constructor(
    private readonly db: Db,
    private readonly everyMs: number,
    private readonly trace?: (line: string) => void,
  ) {}

  /** A new connection: try again even if the last one lacked the function. */
  reconnected(): void {
    this.unsupported = false;
  }

  /** Is a report due now? (`now` is the real clock: the throttle must move when a test's clock does not.) */
  due(now = Date.now()): boolean {
    if (this.unsupported) return false;
    // After a failed report (central unreachable), wait a little before the next try.
    if (now - this.failedAt < this.everyMs) return false;
    if (now - this.lastAt >= this.everyMs) return true;
    // Reaching zero is news worth telling at once; so is a first report.
    return this.lastCount === null || (this.lastCount !== 0 && outletBacklog(this.db).count === 0);
  }

  /** Has the backlog changed since the last report? (A refusal that adds facts is news at once.) */
  changed(): boolean {
    return !this.unsupported && now() - this.failedAt >= this.everyMs && this.lastCount !== outletBacklog(this.db).count;
  }

  /** A report could not be sent (no connection, or refused). */
  failed(): void {
    this.failedAt = Date.now();
  }

  async report(client: pg.Client): Promise<void> {
    const backlog = outletBacklog(this.db);
    try {
      await client.query('SELECT central.report_outlet_status($1, $2)', [backlog.count, backlog.oldestAt === null ? null : new Date(backlog.oldestAt).toISOString()]);
    } catch (err) {
      // 42883: undefined function — a central database from before 0007. Forwarding goes on without it.
      if ((err as { code?: string }).code === '42883') {
        this.unsupported = true;
        return;
      }
      this.failed();
      throw err;
    }
    this.lastAt = Date.now();
    this.lastCount = backlog.count;
    this.trace?.(`status ${backlog.count}`);
  }
}
