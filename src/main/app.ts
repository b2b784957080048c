import { openDb, type Db, type OpenDbOptions } from '../db';
import { acquireWriterLock, type WriterLock } from '../db/writer-lock';
import { systemClock, type Clock } from './core/clock';
import type { Ctx } from './core/context';
import type { ApiEnv } from './api/procedures';
import { PrintQueue, type TransportFactory } from './printing/queue';
import { createTransport, printerOutputDir } from './printing/transports';
import { ReportRunner, type ReportRunnerOptions } from './reports/runner';
import { Forwarder, type ForwarderOptions } from './outbox/forwarder';

export interface App extends ApiEnv {
  db: Db;
  close(): void;
}

/** Open the database (migrating it first) and wire the services both shells share. */
export function openApp(
  dbPath: string,
  options: OpenDbOptions & { clock?: Clock; transportFor?: TransportFactory; reports?: ReportRunnerOptions; forwarder?: ForwarderOptions } = {},
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
  const print = new PrintQueue(ctx, options.transportFor ?? ((config) => createTransport(config, { printerOutputDir: outputDir })));
  // Reports read through their own connection in a worker thread (the same native binding as the app's).
  const reports = new ReportRunner(ctx, { nativeBinding: options.nativeBinding, ...options.reports });
  // Forwarding to the central database: created here, started by the host (serve / Electron) only.
  const central = new Forwarder(ctx, options.forwarder);
  return {
    db,
    ctx,
    print,
    reports,
    central,
    close: () => {
      central.halt();
      reports.close();
      db.$client.close();
      lock?.release();
    },
  };
}
