import { openDb, type Db, type OpenDbOptions } from '../db';
import { acquireWriterLock, type WriterLock } from '../db/writer-lock';
import { systemClock, type Clock } from './core/clock';
import type { Ctx } from './core/context';
import type { ApiEnv } from './api/kit';
import { scheduleDailyBackup } from './services/daily-backup';
import { PrintQueue, type TransportFactory } from './services/print-queue';
import type { TillAgentOptions } from './services/till-agents';
import { Documents } from './services/documents';
import { createTransport, printerOutputDir } from './printing/transports';
import { ReportRunner, type ReportRunnerOptions } from './reports/runner';
import { Forwarder, type ForwarderOptions } from './outbox/forwarder';
import { Checkpointer, type CheckpointerOptions } from './services/checkpointer';

export interface BackgroundOptions {
  /** How often failed print jobs are tried again by themselves (ms). */
  printRetryMs?: number;
  /** How often the daily backup checks whether it is due (ms). */
  backupCheckMs?: number;
}

/** The work the app does by itself while it runs, in the order it is started. */
export const BACKGROUND_SERVICES = ['daily-backup', 'print-retry', 'forwarder', 'checkpoints'] as const;
export type BackgroundService = (typeof BACKGROUND_SERVICES)[number];

export interface App extends ApiEnv {
  db: Db;
  /** WAL checkpoints in a worker thread while the background services run (src/main/services/checkpointer.ts). */
  checkpoints: Checkpointer;
  /**
   * Start the background services (daily backup, print auto-retry, the
   * forwarder to the central database, WAL checkpoints); idempotent. Every shell that
   * serves tills calls this once; tools and tests that only open the
   * database do not.
   */
  start(options?: BackgroundOptions): void;
  /** Which background services run now. */
  running(): BackgroundService[];
  /** Stop the services, let print jobs and the batch in flight finish, then close. */
  shutdown(): Promise<void>;
  /** Stop the services and close the database at once. */
  close(): void;
}

/** Open the database (migrating it first) and wire the services both shells share. */
export function openApp(
  dbPath: string,
  options: OpenDbOptions & {
    clock?: Clock;
    transportFor?: TransportFactory;
    reports?: ReportRunnerOptions;
    forwarder?: ForwarderOptions;
    /** Till agents printing on the tills' own PCs: claim timeout, when the banner calls a till's printer silent. */
    tillAgents?: TillAgentOptions;
    checkpoints?: CheckpointerOptions;
  } = {},
): App {
  // One writer per file (src/db/writer-lock.ts): a second process is refused here, before migrating.
  const lock: WriterLock | null = dbPath === ':memory:' || options.readonly ? null : acquireWriterLock(dbPath, options.nativeBinding);
  let db: Db;
  try {
    db = openDb(dbPath, options);
  } catch (err) {
    lock?.release();
    throw err;
  }
  const ctx: Ctx = { db, clock: options.clock ?? systemClock };
  const outputDir = printerOutputDir(dbPath);
  // Receipts and refund slips are rendered at send time by the documents service.
  const print: PrintQueue = new PrintQueue(
    ctx,
    options.transportFor ?? ((config) => createTransport(config, { printerOutputDir: outputDir })),
    (job, opts) => documents.render(job, opts),
    options.tillAgents,
  );
  const documents: Documents = new Documents(ctx, print);
  // Reports read through their own connection in a worker thread (the same native binding as the app's).
  const reports = new ReportRunner(ctx, { nativeBinding: options.nativeBinding, ...options.reports });
  // Forwarding to the central database: created here, started with the other services by `start`.
  const central = new Forwarder(ctx, options.forwarder);
  const checkpoints = new Checkpointer(db.$client, { nativeBinding: options.nativeBinding, ...options.checkpoints });
  const stops = new Map<BackgroundService, () => void | Promise<void>>();
  const stopAll = () => [...stops.keys()].reverse().map((name) => {
    const stop = stops.get(name)!;
    stops.delete(name);
    return stop();
  });
  return {
    db,
    ctx,
    print,
    documents,
    reports,
    central,
    checkpoints,
    start: (background = {}) => {
      if (stops.size) return;
      stops.set('daily-backup', scheduleDailyBackup(ctx, background.backupCheckMs));
      stops.set('print-retry', print.startAutoRetry(background.printRetryMs));
      // Does nothing until configured in the back office.
      central.start();
      stops.set('forwarder', () => central.stop());
      // Off the tills' path from now on: the checkpoints a sale used to wait for.
      stops.set('checkpoints', checkpoints.start());
    },
    running: () => BACKGROUND_SERVICES.filter((name) => stops.has(name)),
    shutdown: async () => {
      await Promise.allSettled([...stopAll(), print.idle()]);
      reports.close();
      db.$client.close();
    },
    close: () => {
      stops.delete('forwarder');
      central.halt();
      stopAll();
      reports.close();
      db.$client.close();
      lock?.release();
    },
  };
}
