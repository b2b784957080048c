/**
 * Kill the outlet (browser mode, built app) with SIGKILL while its forwarder
 * is inside a batch, again and again, selling between restarts; then let it
 * finish and check the central PostgreSQL: no fact missing, none twice.
 *
 * The forwarder prints each step of a batch (KASIR_FORWARD_TRACE=1):
 * `forward begin a-b` before sending, `forward committed b` after PostgreSQL's
 * COMMIT, `forward cursor b` after the local cursor was saved. A kill counts
 * as mid-batch when the last step printed before death is `begin` (in
 * flight) or `committed` (PostgreSQL has it, the outlet does not know yet).
 *
 * Used by test/outlets/kill.test.ts (short) and runnable alone:
 *   npm run test:outlet-kill -- --kills 50
 */
import Database from 'better-sqlite3';
import { parseArgs } from 'node:util';
import { createCentralDb, PG_HOST, PG_PORT } from '../support/central';
import { login, prepareOutlet } from '../support/outlet-workload';
import { apiClient, startServer, type RunningServer } from '../support/server';

export interface OutletKillReport {
  kills: number;
  /** Killed while the batch was in flight (sent, not yet committed). */
  inFlight: number;
  /** Killed after PostgreSQL's COMMIT, before the cursor was saved. */
  committedNotSaved: number;
  /** Killed between batches. */
  between: number;
  facts: number;
  problems: string[];
}

const ENV = {
  KASIR_FORWARD_TRACE: '1',
  KASIR_FORWARD_BATCH: '40',
  KASIR_FORWARD_POLL_MS: '50',
  KASIR_FORWARD_BACKOFF_MIN_MS: '50',
  KASIR_FORWARD_BACKOFF_MAX_MS: '200',
};

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function runOutletKillTest(options: { kills: number; seed?: number; log?: (line: string) => void }): Promise<OutletKillReport> {
  const log = options.log ?? (() => {});
  const random = rng(options.seed ?? 4242);
  const central = await createCentralDb();
  const report: OutletKillReport = { kills: 0, inFlight: 0, committedNotSaved: 0, between: 0, facts: 0, problems: [] };
  let server: RunningServer | undefined;
  try {
    const creds = await central.addOutlet('BBU');
    const outlet = await prepareOutlet({ district: 'Kota Baubau', days: 2, seed: 7, salesPerDay: 60 });
    server = await startServer({ dbPath: outlet.dbPath, env: ENV });
    const tokens = await login(apiClient(server.url));
    const configured = await apiClient(server.url)(
      'central.configure',
      { outletCode: 'BBU', host: PG_HOST, port: PG_PORT, database: creds.database, user: creds.user, password: creds.password, tls: 'prefer' },
      tokens.admin,
    );
    if (configured.status !== 200) throw new Error(`configure: ${JSON.stringify(configured.body)}`);
    let sale = 0;
    for (let kill = 1; kill <= options.kills; kill++) {
      const api = apiClient(server.url);
      // New facts every round, so there is always a batch to be inside of.
      for (let i = 0; i < 2; i++) {
        const [productId, price] = outlet.sellable[sale % outlet.sellable.length]!;
        const r = await api('sales.checkout', { clientRequestId: `kill-sale-${++sale}`, lines: [{ productId, qty: 1 }], payments: [{ method: 'qris', amount: price }] }, tokens.cashier);
        if (r.status !== 200) throw new Error(`checkout: ${JSON.stringify(r.body)}`);
      }
      // Wait for the forwarder to begin a batch (at most 10 s), then kill it: at once, a moment later,
      // or as soon as PostgreSQL's COMMIT is reported (while the cursor is being saved).
      const child = server.process;
      const mode = kill % 3;
      const trigger = mode === 2 ? /forward committed / : /forward begin /;
      let steps = server.output();
      const from = steps.length;
      const seen = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 10_000);
        child.stdout!.on('data', (d: Buffer) => {
          steps += d.toString();
          if (trigger.test(steps.slice(from))) {
            clearTimeout(timer);
            resolve(true);
          }
        });
      });
      if (seen && mode === 1) await new Promise((r) => setTimeout(r, random() * 3));
      const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
      child.kill('SIGKILL');
      await closed;
      const trace = steps.split('\n').filter((l) => /^forward (begin|committed|cursor) /.test(l));
      const last = trace.at(-1) ?? '';
      if (last.startsWith('forward begin')) report.inFlight++;
      else if (last.startsWith('forward committed')) report.committedNotSaved++;
      else report.between++;
      report.kills++;
      if (kill % 10 === 0) log(`kill ${kill}: in flight ${report.inFlight}, committed not saved ${report.committedNotSaved}, between ${report.between}`);
      server = await startServer({ dbPath: outlet.dbPath, env: ENV });
    }
    // Let it finish in peace.
    const api = apiClient(server.url);
    const end = Date.now() + 180_000;
    for (;;) {
      const st = (await api('central.status', {}, tokens.manager)).body;
      if (st.waiting === 0 && st.historyToPrepare === 0 && st.state === 'idle') break;
      if (Date.now() > end) {
        report.problems.push(`did not catch up: ${JSON.stringify(st)}`);
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    await server.stop();

    // No fact missing, none twice.
    const db = new Database(outlet.dbPath, { readonly: true });
    try {
      const local = db.prepare('SELECT seq, id, kind FROM outbox ORDER BY seq').all() as { seq: number; id: string; kind: string }[];
      const theirs = await central.query<{ id: string; outlet_seq: string; kind: string }>("SELECT id::text, outlet_seq, kind FROM central.facts WHERE outlet_code = 'BBU' ORDER BY outlet_seq");
      report.facts = theirs.length;
      if (theirs.length !== local.length) report.problems.push(`central has ${theirs.length} facts, the outlet wrote ${local.length}`);
      const centralIds = new Set(theirs.map((f) => f.id));
      const missing = local.filter((f) => !centralIds.has(f.id));
      if (missing.length) report.problems.push(`${missing.length} facts missing centrally, first seq ${missing[0]!.seq}`);
      const seqs = theirs.map((f) => Number(f.outlet_seq));
      if (new Set(seqs).size !== seqs.length) report.problems.push('a seq arrived twice');
      // Once per row: no record was described twice under two ids (e.g. a backfill chunk repeated).
      const pairs: [string, string][] = [
        ['sale', 'SELECT count(*) FROM sales'],
        ['sale_item', 'SELECT count(*) FROM sale_line_lots'],
        ['payment', 'SELECT count(*) FROM payments'],
        ['ledger_entry', 'SELECT count(*) FROM ledger_entries'],
        ['lot', 'SELECT count(*) FROM lots'],
        ['product', 'SELECT count(*) FROM products'],
      ];
      for (const [kind, sql] of pairs) {
        const rows = db.prepare(sql).pluck().get() as number;
        const facts = theirs.filter((f) => f.kind === kind).length;
        if (rows !== facts) report.problems.push(`${kind}: ${facts} central facts for ${rows} rows`);
      }
      const numbers = await central.query<{ n: number; d: number }>("SELECT count(*)::int AS n, count(DISTINCT payload->>'number')::int AS d FROM central.facts WHERE outlet_code = 'BBU' AND kind = 'sale'");
      if (numbers[0]!.n !== numbers[0]!.d) report.problems.push('a sale number arrived twice');
    } finally {
      db.close();
    }
    return report;
  } finally {
    await server?.stop('SIGKILL');
    await central.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { kills: { type: 'string', default: '50' }, seed: { type: 'string' } } });
  runOutletKillTest({ kills: Number(values.kills), seed: values.seed ? Number(values.seed) : undefined, log: console.log }).then(
    (report) => {
      console.log(JSON.stringify(report, null, 2));
      process.exit(report.problems.length ? 1 : 0);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
