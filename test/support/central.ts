/**
 * A central PostgreSQL database of the test's own: the shared server at
 * 127.0.0.1:5432 (user postgres, trust), a randomly named database, migrated
 * by the project's own migrations; outlet roles named after the database so
 * they are unique per run. `drop()` removes the database and its roles.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';
import { addOutlet, migrateCentral, type OutletCredentials } from '../../src/central/admin';

export const PG_HOST = process.env.KASIR_TEST_PG_HOST ?? '127.0.0.1';
export const PG_PORT = Number(process.env.KASIR_TEST_PG_PORT ?? 5432);
const ADMIN = `postgres://postgres@${PG_HOST}:${PG_PORT}`;

export interface CentralDb {
  name: string;
  /** Owner (superuser) connection URL of the test database. */
  url: string;
  addOutlet(code: string): Promise<OutletCredentials>;
  /** Run one query as the owner. */
  query<T extends pg.QueryResultRow = any>(text: string, params?: unknown[]): Promise<T[]>;
  /** A client logged in as an outlet's own role. */
  connectAs(c: OutletCredentials, port?: number): Promise<pg.Client>;
  /** A role made by the test itself, dropped with the database. */
  trackRole(name: string): void;
  drop(): Promise<void>;
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${ADMIN}/postgres` });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export async function createCentralDb(options: { migrate?: boolean } = {}): Promise<CentralDb> {
  const name = `kasir_t_${randomBytes(5).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = `${ADMIN}/${name}`;
  if (options.migrate ?? true) await migrateCentral(url);
  const roles: string[] = [];
  const query = async (text: string, params?: unknown[]) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(text, params)).rows;
    } finally {
      await client.end();
    }
  };
  return {
    name,
    url,
    query,
    addOutlet: async (code) => {
      const c = await addOutlet(url, code);
      roles.push(c.user);
      return c;
    },
    trackRole: (role) => void roles.push(role),
    connectAs: async (c, port = PG_PORT) => {
      const client = new pg.Client({ host: PG_HOST, port, database: c.database, user: c.user, password: c.password });
      await client.connect();
      return client;
    },
    drop: async () => {
      // Outlet sessions may still be open (a killed outlet's, a forwarder's): end them first.
      await adminQuery(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`);
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      for (const role of roles) await adminQuery(`DROP ROLE IF EXISTS "${role}"`);
    },
  };
}

/**
 * A TCP proxy the test controls, between an outlet and PostgreSQL: `cut()`
 * drops every connection and refuses new ones (the island's link is down);
 * `restore()` listens again on the same port.
 */
export interface TcpProxy {
  port: number;
  connections(): number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort = PG_PORT, targetHost = PG_HOST): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((client) => {
    accepted++;
    const upstream = net.connect(targetPort, targetHost);
    sockets.add(client);
    sockets.add(upstream);
    const done = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', done).on('close', done);
    upstream.on('error', done).on('close', done);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const listen = (port: number) => new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;
  let listening = true;
  const stopListening = () =>
    new Promise<void>((resolve) => {
      if (!listening) return resolve();
      listening = false;
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
      sockets.clear();
    });
  return {
    port,
    connections: () => accepted,
    cut: stopListening,
    restore: async () => {
      if (listening) return;
      await listen(port);
      listening = true;
    },
    close: stopListening,
  };
}
