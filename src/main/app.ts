import { openDb, type Db, type OpenDbOptions } from '../db';
import { systemClock, type Clock } from './core/clock';
import type { Ctx } from './core/context';
import type { ApiEnv } from './api/procedures';
import { PrintQueue, type TransportFactory } from './printing/queue';

export interface App extends ApiEnv {
  db: Db;
  close(): void;
}

/** Open the database (migrating it first) and wire the services both shells share. */
export function openApp(dbPath: string, options: OpenDbOptions & { clock?: Clock; transportFor?: TransportFactory } = {}): App {
  const db = openDb(dbPath, options);
  const ctx: Ctx = { db, clock: options.clock ?? systemClock };
  const print = new PrintQueue(ctx, options.transportFor);
  return { db, ctx, print, close: () => db.$client.close() };
}
