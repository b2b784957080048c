import { openDb, type Db, type OpenDbOptions } from '../db';
import { systemClock, type Clock } from './core/clock';
import type { Ctx } from './core/context';
import type { ApiEnv } from './api/procedures';
import { PrintQueue, type TransportFactory } from './printing/queue';
import { createTransport, printerOutputDir } from './printing/transports';
import { ReportRunner, type ReportRunnerOptions } from './reports/runner';

export interface App extends ApiEnv {
  db: Db;
  close(): void;
}

/** Open the database (migrating it first) and wire the services both shells share. */
export function openApp(
  dbPath: string,
  options: OpenDbOptions & { clock?: Clock; transportFor?: TransportFactory; reports?: ReportRunnerOptions } = {},
): App {
  const db = openDb(dbPath, options);
  const ctx: Ctx = { db, clock: options.clock ?? systemClock };
  const outputDir = printerOutputDir(dbPath);
  const print = new PrintQueue(ctx, options.transportFor ?? ((config) => createTransport(config, { printerOutputDir: outputDir })));
  // Reports read through their own connection in a worker thread (the same native binding as the app's).
  const reports = new ReportRunner(ctx, { nativeBinding: options.nativeBinding, ...options.reports });
  return {
    db,
    ctx,
    print,
    reports,
    close: () => {
      reports.close();
      db.$client.close();
    },
  };
}
