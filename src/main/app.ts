import { openDb, type Db, type OpenDbOptions } from '../db';
import { systemClock, type Clock } from './core/clock';
import type { Ctx } from './core/context';
import type { ApiEnv } from './api/procedures';
import { PrintQueue, type TransportFactory } from './printing/queue';
import { Forwarder, type ForwarderOptions } from './outbox/forwarder';

export interface App extends ApiEnv {
  db: Db;
  close(): void;
}

/** Open the database (migrating it first) and wire the services both shells share. */
export function openApp(
  dbPath: string,
  options: OpenDbOptions & { clock?: Clock; transportFor?: TransportFactory; forwarder?: ForwarderOptions } = {},
): App {
  const db = openDb(dbPath, options);
  const ctx: Ctx = { db, clock: options.clock ?? systemClock };
  const print = new PrintQueue(ctx, options.transportFor);
  // Forwarding to the central database: created here, started by the host (serve / Electron) only.
  const central = new Forwarder(ctx, options.forwarder);
  return {
    db,
    ctx,
    print,
    central,
    close: () => {
      central.halt();
      db.$client.close();
    },
  };
}
