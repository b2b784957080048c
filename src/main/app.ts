import { openDb, type Db, type OpenDbOptions } from '../db';
import { systemClock, type Clock } from './core/clock';
import type { Ctx } from './core/context';
import type { ApiEnv } from './api/procedures';
import { PrintQueue, type TransportFactory } from './printing/queue';
import { createTransport, printerOutputDir } from './printing/transports';

export interface App extends ApiEnv {
  db: Db;
  close(): void;
}

/** Open the database (migrating it first) and wire the services both shells share. */
export function openApp(dbPath: string, options: OpenDbOptions & { clock?: Clock; transportFor?: TransportFactory } = {}): App {
  const db = openDb(dbPath, options);
  const ctx: Ctx = { db, clock: options.clock ?? systemClock };
  const outputDir = printerOutputDir(dbPath);
  const print = new PrintQueue(ctx, options.transportFor ?? ((config) => createTransport(config, { printerOutputDir: outputDir })));
  return { db, ctx, print, close: () => db.$client.close() };
}
