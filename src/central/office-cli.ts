/**
 * Office mode's command line (issue 20):
 *   npm run office -- --pg postgres://kantor@pusat/kasir_pusat [--port 5180] [--host 127.0.0.1]
 *     serves the province office's read-only reports at http://<host>:<port>/ (browser mode);
 *   npm run office -- add-user <username> --role admin|viewer --name "…" --pg <url>
 *     adds an office user and prints its password once.
 * Office mode opens the central PostgreSQL only: a shop's database file is refused.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { checkOfficeUrl, startOfficeServer } from './office-server';
import { createOfficeUser, type OfficeRole } from './office-users';

const USAGE = `Usage:
  npm run office -- --pg <postgres url> [--port 5180] [--host 127.0.0.1]
  npm run office -- add-user <username> --role admin|viewer --name <name> --pg <postgres url>`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { pg: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, db: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.db) {
    console.error('Mode kantor tidak membuka database toko (office mode never opens a shop database). Use --pg with the central PostgreSQL.');
    return 2;
  }
  const url = values.pg ?? process.env.KASIR_CENTRAL_URL;
  if (!url) {
    console.error(USAGE);
    return 2;
  }
  checkOfficeUrl(url);
  const [command, username] = positionals;
  if (command === 'add-user' && username) {
    const password = randomBytes(9).toString('base64url');
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      await createOfficeUser(pool, { username, name: values.name ?? username, role: (values.role ?? 'viewer') as OfficeRole, password, actor: 'cli' });
    } finally {
      await pool.end();
    }
    console.log(`Office user ${username} (${values.role ?? 'viewer'}) added. Password (shown only now): ${password}`);
    return 0;
  }
  if (command) {
    console.error(USAGE);
    return 2;
  }
  const server = await startOfficeServer({ pgUrl: url, port: Number(values.port ?? 5180), host: values.host ?? '127.0.0.1' });
  console.log(`Kasir PLUT office mode: ${server.url}/`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return new Promise<number>(() => undefined);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`Error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
