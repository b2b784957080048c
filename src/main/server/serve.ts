/**
 * Browser mode: `npm run serve -- --db ./kasir.db --port 8080 [--host 0.0.0.0] [--demo]`.
 * Serves the built UI and the API over HTTP. Binds 127.0.0.1 unless --host is given.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openApp } from '../app';
import { createHttpServer } from '../api/http';
import { isInitialized } from '../core/users';
import { seedDemo, DEMO_LOGINS } from '../core/demo';
import type { ForwarderOptions } from '../outbox/forwarder';
import { interfaceAddresses } from '../api/hosts';
import { WriterLockHeld } from '../../db/writer-lock';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

function findStaticDir(explicit?: string): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [explicit, resolve(here, '../renderer'), resolve(process.cwd(), 'out/renderer')].filter(Boolean) as string[];
  return candidates.find((c) => existsSync(resolve(c, 'index.html')));
}

/**
 * Forwarder tuning from the environment (tests and benchmarks): KASIR_FORWARD_BATCH,
 * KASIR_FORWARD_POLL_MS, KASIR_FORWARD_BACKOFF_MAX_MS; KASIR_FORWARD_TRACE=1 prints each
 * step of a batch (`forward begin a-b`, `forward committed b`, `forward cursor b`)
 * and of the history backfill (`forward backfill …`).
 */
function forwarderOptionsFromEnv(): ForwarderOptions {
  const num = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
  return {
    batchSize: num('KASIR_FORWARD_BATCH'),
    pollMs: num('KASIR_FORWARD_POLL_MS'),
    backoffMinMs: num('KASIR_FORWARD_BACKOFF_MIN_MS'),
    backoffMaxMs: num('KASIR_FORWARD_BACKOFF_MAX_MS'),
    trace: process.env.KASIR_FORWARD_TRACE === '1' ? (line) => process.stdout.write(`forward ${line}\n`) : undefined,
  };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: './kasir.db' },
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      demo: { type: 'boolean', default: false },
      static: { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be 0–65535, got ${values.port}`);
    process.exit(2);
  }
  let app;
  try {
    const env = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
    // Till agents (issue 18): KASIR_TILL_CLAIM_TIMEOUT_MS (default 60 s), KASIR_TILL_REPORT_STALE_MS (default 5 s).
    const tillAgents = { claimTimeoutMs: env('KASIR_TILL_CLAIM_TIMEOUT_MS'), reportStaleMs: env('KASIR_TILL_REPORT_STALE_MS') };
    app = openApp(resolve(values.db!), { forwarder: forwarderOptionsFromEnv(), tillAgents });
  } catch (err) {
    if (err instanceof WriterLockHeld) {
      console.error(`Not starting: ${err.message}`);
      process.exit(3);
    }
    console.error('Database could not be opened or migrated; not starting.', err);
    process.exit(1);
  }
  if (values.demo) {
    if (isInitialized(app.ctx)) console.log('Demo: database already set up, not seeding.');
    else {
      const summary = seedDemo(app.ctx);
      console.log(`Demo data: ${summary.suppliers} suppliers, ${summary.products} products, ${summary.lots} lots.`);
      console.log('Demo logins (username / PIN):');
      for (const l of DEMO_LOGINS) console.log(`  ${l.role.padEnd(8)} ${l.username} / ${l.pin}`);
    }
  }
  const host = values.host!;
  if (!LOOPBACK.has(host) && !isInitialized(app.ctx)) {
    console.error(`Refusing to listen on ${host} before the shop is set up: run once on 127.0.0.1 and finish the setup first.`);
    process.exit(1);
  }
  const staticDir = findStaticDir(values.static);
  if (!staticDir) console.warn('Built UI not found (run `npm run build`); serving the API only.');
  // Beyond loopback every till is a paired device (issue 17); the host PC's own browser is the default till.
  const server = createHttpServer(app, { staticDir, pairing: !LOOPBACK.has(host) || process.env.KASIR_PAIRING === '1' });
  // Daily backup, print auto-retry and the forwarder to the central database.
  app.start({ printRetryMs: Number(process.env.KASIR_PRINT_RETRY_MS ?? 10_000) });
  server.listen(port, host, () => {
    const address = server.address();
    const actual = typeof address === 'object' && address ? address.port : port;
    console.log(`Kasir PLUT listening on http://${host}:${actual}`);
    if (!LOOPBACK.has(host)) {
      // Only this machine's names are served (DNS rebinding guard): say which ones the other tills can use.
      const addresses = interfaceAddresses().filter((a) => !['127.0.0.1', '[::1]'].includes(a));
      if (addresses.length) console.log(`Other tills open: ${addresses.map((a) => `http://${a}:${actual}/`).join('  ')}`);
      console.log('Other names (e.g. kasir.lan) only once the admin adds them under Sistem → Jaringan (LAN).');
    }
  });
  const stop = () => {
    server.close();
    void app.shutdown().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main();
