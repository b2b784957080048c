/**
 * Administration of the central PostgreSQL: migrate, add an outlet (its own
 * login role, credentials printed once), release an outlet's claim for a
 * replacement PC. Run with an owner's connection (e.g. the `postgres` user).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';

/** drizzle-central/, next to the sources or in the working folder. */
export function findCentralMigrations(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [process.env.KASIR_CENTRAL_MIGRATIONS, resolve(here, '../../drizzle-central'), resolve(here, '../drizzle-central'), resolve(process.cwd(), 'drizzle-central')].filter(
    Boolean,
  ) as string[];
  const found = candidates.find((c) => existsSync(resolve(c, 'meta', '_journal.json')));
  if (!found) throw new Error(`Central migrations not found (looked in ${candidates.join(', ')})`);
  return found;
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Bring the central schema up to date (idempotent). */
export async function migrateCentral(url: string): Promise<void> {
  await withClient(url, async (client) => {
    await migrate(drizzle(client), { migrationsFolder: findCentralMigrations() });
  });
}

export const CENTRAL_OUTLET_CODE = /^[A-Z0-9]{2,8}$/;

export interface OutletCredentials {
  code: string;
  user: string;
  password: string;
  database: string;
}

/** `<database>_<code>`, lower case, safe as an identifier, at most 63 characters. */
export function outletRoleName(database: string, code: string): string {
  const base = database.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const suffix = `_${code.toLowerCase()}`;
  return `${base.slice(0, 63 - suffix.length)}${suffix}`;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Create outlet `code`: its registry row and its login role, which may insert
 * and read only this outlet's facts. Refuses a code that exists. The password
 * is returned once and stored nowhere centrally but in PostgreSQL's own hash.
 */
export async function addOutlet(url: string, code: string, options: { name?: string; roleName?: string } = {}): Promise<OutletCredentials> {
  if (!CENTRAL_OUTLET_CODE.test(code)) throw new Error(`outlet code must be 2–8 capital letters or digits, got "${code}"`);
  return withClient(url, async (client) => {
    const database = (await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db;
    const user = options.roleName ?? outletRoleName(database, code);
    const password = randomBytes(18).toString('base64url');
    await client.query('BEGIN');
    try {
      // One outlet at a time: concurrent GRANTs on the same database fail ("tuple concurrently updated").
      await client.query("SELECT pg_advisory_xact_lock(hashtext('kasir-central-add-outlet'))");
      const exists = await client.query('SELECT 1 FROM central.outlets WHERE code = $1', [code]);
      if (exists.rowCount) throw new Error(`outlet ${code} already exists in this central database`);
      await client.query('INSERT INTO central.outlets (code, name, role_name) VALUES ($1, $2, $3)', [code, options.name ?? null, user]);
      // CREATE ROLE takes no parameters; the password is base64url (no quotes).
      await client.query(
        `CREATE ROLE ${ident(user)} LOGIN PASSWORD '${password}' NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 10`,
      );
      await client.query(`GRANT CONNECT ON DATABASE ${ident(database)} TO ${ident(user)}`);
      await client.query(`GRANT USAGE ON SCHEMA central TO ${ident(user)}`);
      await client.query(`GRANT SELECT, INSERT ON central.facts TO ${ident(user)}`);
      await client.query(`GRANT SELECT ON central.outlets TO ${ident(user)}`);
      await client.query(`GRANT EXECUTE ON FUNCTION central.claim_outlet(text, uuid) TO ${ident(user)}`);
      await client.query(`GRANT EXECUTE ON FUNCTION central.report_outlet_status(bigint, timestamptz) TO ${ident(user)}`);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    }
    return { code, user, password, database };
  });
}

/** Let another outlet database (a replacement PC) claim `code`; its facts so far stay. */
export async function releaseOutlet(url: string, code: string): Promise<void> {
  await withClient(url, async (client) => {
    const r = await client.query('UPDATE central.outlets SET installation_id = NULL, claimed_at = NULL WHERE code = $1', [code]);
    if (!r.rowCount) throw new Error(`outlet ${code} does not exist in this central database`);
  });
}

/** The login roles of every outlet (for dropping them with a test database). */
export async function outletRoles(url: string): Promise<string[]> {
  return withClient(url, async (client) => (await client.query<{ role_name: string }>('SELECT role_name FROM central.outlets')).rows.map((r) => r.role_name));
}
