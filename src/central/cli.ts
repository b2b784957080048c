/**
 * The central PostgreSQL's command line (run with an owner's connection):
 *   npm run central -- migrate --pg postgres://postgres@10.0.0.5/kasir_pusat
 *   npm run central -- add-outlet WKT --pg <url> [--name "PLUT Wakatobi"]
 *   npm run central -- release-outlet WKT --pg <url>
 * `add-outlet` prints the outlet's credentials once: type them into the
 * outlet's Back office → Sistem → Kantor pusat.
 */
import { parseArgs } from 'node:util';
import { addOutlet, migrateCentral, releaseOutlet } from './admin';

const USAGE = `Usage:
  npm run central -- migrate --pg <url>
  npm run central -- add-outlet <CODE> --pg <url> [--name <name>]
  npm run central -- release-outlet <CODE> --pg <url>`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { pg: { type: 'string' }, name: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const [command, code] = positionals;
  const url = values.pg ?? process.env.KASIR_CENTRAL_URL;
  if (!command || !url) {
    console.error(USAGE);
    return 2;
  }
  if (command === 'migrate') {
    await migrateCentral(url);
    console.log('Central database is up to date.');
    return 0;
  }
  if (command === 'add-outlet' && code) {
    await migrateCentral(url);
    const c = await addOutlet(url, code.toUpperCase(), { name: values.name });
    console.log(`Outlet ${c.code} added. Its credentials (shown only now; keep them safe):`);
    console.log(`  database: ${c.database}`);
    console.log(`  user:     ${c.user}`);
    console.log(`  password: ${c.password}`);
    console.log('Enter them at the outlet: Back office → Sistem → Kantor pusat.');
    return 0;
  }
  if (command === 'release-outlet' && code) {
    await releaseOutlet(url, code.toUpperCase());
    console.log(`Outlet ${code.toUpperCase()} may now be claimed by another outlet database (a replacement PC).`);
    return 0;
  }
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`Error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
