/**
 * Power-cut simulation: browser mode as a child process on a temp database,
 * checkouts fired continuously, the process killed with SIGKILL at random
 * moments and restarted. After every kill the database is checked:
 * - every checkout that was answered 200 is stored whole (lines, lot portions, payments);
 * - no sale is half-written; stock per lot matches the invariant;
 * - PRAGMA integrity_check is ok;
 * - retrying the requests that were in flight never creates a duplicate.
 *
 * Used by crash.test.ts (CI size) and runnable alone for longer runs:
 *   npx tsx test/reliability/crash-run.ts --kills 1000
 */
import Database from 'better-sqlite3';
import { parseArgs } from 'node:util';
import { apiClient, startServer, type RunningServer } from '../support/server';
import { MAX_RUPIAH } from '../../src/shared/money';
import { startFakePrinter } from '../support/fake-printer';
import { decodeEscPos } from '../support/escpos-decode';

export interface CrashReport {
  kills: number;
  acknowledged: number;
  retried: number;
  sales: number;
  problems: string[];
}

interface Sent {
  clientRequestId: string;
  lines: { productId: number; qty: number }[];
  total: number;
}

const PRICES = [25_000, 47_500, 350_000];

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

async function prepare(server: RunningServer): Promise<{ token: string; productIds: number[] }> {
  const api = apiClient(server.url);
  const ok = async (name: string, input: unknown, token?: string) => {
    const r = await api(name, input, token);
    if (r.status !== 200) throw new Error(`${name}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  await ok('setup.init', { shopName: 'PLUT Crash', admin: { name: 'Admin', username: 'admin', pin: '123456' } });
  const admin = (await ok('auth.login', { username: 'admin', pin: '123456', tillCode: 'K1' })).token;
  const supplier = await ok('suppliers.create', { name: 'UD Tahan Banting' }, admin);
  const productIds: number[] = [];
  for (const [i, price] of PRICES.entries()) {
    const p = await ok(
      'products.create',
      {
        name: `Barang ${i + 1}`,
        supplierId: supplier.id,
        sellPrice: price,
        terms: i === 2 ? { type: 'commission', commissionBps: 1750 } : { type: 'fixed', supplierPrice: Math.round(price * 0.8) },
      },
      admin,
    );
    productIds.push(p.id);
  }
  // Plenty of stock; an intake's value stays within the money maximum (MAX_RUPIAH), so one intake per product.
  for (let k = 0; k < 3; k++) {
    for (const [i, productId] of productIds.entries()) {
      const qty = Math.min(100_000, Math.floor(MAX_RUPIAH / PRICES[i]!));
      await ok('intakes.create', { supplierId: supplier.id, lines: [{ productId, qty }] }, admin);
    }
  }
  await ok('shifts.open', { openingFloat: 0 }, admin);
  return { token: admin, productIds };
}

/** Everything that must hold after a crash, read straight from the file. */
function check(dbPath: string, acknowledged: Map<string, { number: string; sent: Sent }>): string[] {
  const problems: string[] = [];
  const db = new Database(dbPath);
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity_check: ${integrity}`);
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length) problems.push(`foreign_key_check: ${fk.length} rows`);

    const saleByRequest = db.prepare('SELECT id, number, total, paid, change FROM sales WHERE client_request_id = ?');
    for (const [rid, { number, sent }] of acknowledged) {
      const sale = saleByRequest.get(rid) as { id: number; number: string; total: number } | undefined;
      if (!sale) problems.push(`acknowledged sale ${number} (${rid}) is missing`);
      else if (sale.number !== number || sale.total !== sent.total) problems.push(`sale ${number} changed: ${JSON.stringify(sale)}`);
    }
    // No half-written sale: lines, lot portions, payments and ledger all present and adding up.
    const halfWritten = db
      .prepare(
        `SELECT s.number FROM sales s
         WHERE NOT EXISTS (SELECT 1 FROM sale_lines l WHERE l.sale_id = s.id)
            OR s.total <> (SELECT sum(line_total) FROM sale_lines l WHERE l.sale_id = s.id)
            OR s.paid <> (SELECT coalesce(sum(amount), 0) FROM payments p WHERE p.sale_id = s.id)
            OR s.change <> s.paid - s.total
            OR EXISTS (SELECT 1 FROM sale_lines l WHERE l.sale_id = s.id
                 AND l.qty <> (SELECT coalesce(sum(qty), 0) FROM sale_line_lots x WHERE x.sale_line_id = l.id)
                 AND 1)
            OR EXISTS (SELECT 1 FROM sale_lines l JOIN sale_line_lots x ON x.sale_line_id = l.id WHERE l.sale_id = s.id
                 AND NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.sale_line_lot_id = x.id AND e.kind = 'sale' AND e.amount = x.supplier_share))`,
      )
      .all() as { number: string }[];
    for (const s of halfWritten) problems.push(`sale ${s.number} is half-written`);
    // Invariant 1: net = supplier share + shop share, per portion.
    const split = db.prepare('SELECT count(*) AS n FROM sale_line_lots WHERE net_amount <> supplier_share + shop_share').get() as { n: number };
    if (split.n) problems.push(`${split.n} lot portions do not split to the rupiah`);
    // Invariant 3 (this test only sells): received = remaining + sold.
    const lots = db
      .prepare(
        `SELECT l.id, l.received_qty, l.remaining_qty, coalesce((SELECT sum(qty) FROM sale_line_lots x WHERE x.lot_id = l.id), 0) AS sold FROM lots l`,
      )
      .all() as { id: number; received_qty: number; remaining_qty: number; sold: number }[];
    for (const l of lots) {
      if (l.received_qty !== l.remaining_qty + l.sold) problems.push(`lot ${l.id}: received ${l.received_qty} ≠ remaining ${l.remaining_qty} + sold ${l.sold}`);
    }
    // The receipt job is written in the sale's own transaction: every sale has exactly one, never a job without its sale.
    const receiptless = db
      .prepare("SELECT s.number FROM sales s WHERE (SELECT count(*) FROM print_jobs j WHERE j.kind = 'receipt' AND j.ref_id = s.id) <> 1")
      .all() as { number: string }[];
    for (const s of receiptless) problems.push(`sale ${s.number} has no receipt job (or more than one)`);
    const orphan = db.prepare("SELECT count(*) AS n FROM print_jobs j WHERE j.kind = 'receipt' AND NOT EXISTS (SELECT 1 FROM sales s WHERE s.id = j.ref_id)").get() as { n: number };
    if (orphan.n) problems.push(`${orphan.n} receipt jobs without their sale`);
    const dup = db.prepare('SELECT client_request_id FROM sales GROUP BY client_request_id HAVING count(*) > 1').all();
    if (dup.length) problems.push(`duplicate sales for ${dup.length} request ids`);
  } finally {
    db.close();
  }
  return problems;
}

export async function runCrashTest(options: { kills: number; seed?: number; log?: (line: string) => void }): Promise<CrashReport> {
  const random = rng(options.seed ?? 20261129);
  const log = options.log ?? (() => {});
  let server = await startServer();
  const dbPath = server.dbPath;
  const { token, productIds } = await prepare(server);
  const acknowledged = new Map<string, { number: string; sent: Sent }>();
  let inFlight = new Map<string, Sent>();
  let retried = 0;
  let seq = 0;
  const problems: string[] = [];

  const newSale = (): Sent => {
    const count = 1 + Math.floor(random() * 3);
    const lines = productIds.slice(0, count).map((productId) => ({ productId, qty: 1 + Math.floor(random() * 3) }));
    const total = lines.reduce((n, l, i) => n + PRICES[i] * l.qty, 0);
    return { clientRequestId: `crash-${String(++seq).padStart(6, "0")}`, lines, total };
  };

  const send = async (srv: RunningServer, sale: Sent): Promise<'ok' | 'lost'> => {
    inFlight.set(sale.clientRequestId, sale);
    try {
      const res = await fetch(`${srv.url}/api/sales.checkout`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ clientRequestId: sale.clientRequestId, lines: sale.lines, payments: [{ method: 'cash', amount: sale.total + 500 }] }),
      });
      const body = (await res.json()) as { number?: string; total?: number; error?: unknown };
      if (res.status !== 200) {
        problems.push(`checkout ${sale.clientRequestId} answered ${res.status} ${JSON.stringify(body)}`);
        inFlight.delete(sale.clientRequestId);
        return 'ok';
      }
      const prior = acknowledged.get(sale.clientRequestId);
      if (prior && prior.number !== body.number) problems.push(`retry of ${sale.clientRequestId} gave ${body.number}, first was ${prior.number}`);
      acknowledged.set(sale.clientRequestId, { number: body.number!, sent: sale });
      inFlight.delete(sale.clientRequestId);
      return 'ok';
    } catch {
      return 'lost'; // connection died with the process: stays in flight
    }
  };

  for (let kill = 1; kill <= options.kills; kill++) {
    const srv = server;
    let stop = false;
    const ackedBefore = acknowledged.size;
    // Retry what was in flight at the last crash, all at once, as tills would.
    const pending = [...inFlight.values()];
    retried += pending.length;
    const retries = pending.map((sale) => send(srv, sale));
    const workers = [0, 1, 2].map(async () => {
      while (!stop) if ((await send(srv, newSale())) === 'lost') break;
    });
    // Let the server make some progress (one answer, or 2 s), then kill it at a random moment.
    const until = Date.now() + 2000;
    while (acknowledged.size === ackedBefore && Date.now() < until) await new Promise((r) => setTimeout(r, 2));
    await new Promise((r) => setTimeout(r, random() * 60));
    await srv.stop('SIGKILL');
    stop = true;
    await Promise.allSettled([...workers, ...retries]);
    const found = check(dbPath, acknowledged);
    if (found.length) {
      problems.push(...found.map((p) => `after kill ${kill}: ${p}`));
      break;
    }
    if (kill % 25 === 0) log(`kill ${kill}: ${acknowledged.size} sales acknowledged, ${inFlight.size} in flight`);
    server = await startServer({ dbPath });
  }
  // Final retry of whatever was in flight, then the last check.
  for (const sale of [...inFlight.values()]) {
    retried += 1;
    await send(server, sale);
  }
  await server.stop();
  problems.push(...check(dbPath, acknowledged));
  const db = new Database(dbPath, { readonly: true });
  const sales = (db.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n;
  db.close();
  if (sales !== acknowledged.size) problems.push(`${sales} sales stored but ${acknowledged.size} distinct checkouts acknowledged`);
  return { kills: options.kills, acknowledged: acknowledged.size, retried, sales, problems };
}

export interface PrintCrashReport {
  saleNumber: string;
  /** Banner right after the restart, before the retry: the interrupted receipt is counted. */
  bannerAfterRestart: { state: string; failedJobs: number };
  /** The job as listed right after the restart. */
  jobAfterRestart: { status: string; lastError: string | null };
  /** Text of what the healthy printer received after the restart. */
  reprintText: string;
  reprintDrawerPulses: number;
  /** Drawer pulses in everything the printer received before the kill. */
  pulsesBeforeKill: number;
  bannerAtEnd: { state: string; failedJobs: number };
  jobAtEnd: { status: string; copy: boolean };
  problems: string[];
}

/**
 * Power cut while a receipt is being printed: a cash sale is sold while the
 * network printer is silent (it takes the connection and never answers, so
 * the job hangs in its status query), the server is killed mid-print, then
 * restarted with the printer healthy. The receipt must come out marked as a
 * copy, without opening the drawer, and the banner must count it meanwhile.
 */
export async function runPrintCrashTest(options: { log?: (line: string) => void } = {}): Promise<PrintCrashReport> {
  const log = options.log ?? (() => {});
  const problems: string[] = [];
  const printer = await startFakePrinter();
  // A long retry interval: the banner is read before the automatic retry runs.
  const env = { KASIR_PRINT_RETRY_MS: '3000' };
  let server = await startServer({ env });
  try {
    const { token, productIds } = await prepare(server);
    let api = apiClient(server.url, token);
    const ok = async (name: string, input: unknown) => {
      const r = await api(name, input);
      if (r.status !== 200) throw new Error(`${name}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    await ok('printers.set', { transport: { type: 'network', host: '127.0.0.1', port: printer.port }, columns: 32 });
    await printer.setState('silent');
    printer.clear();
    const sale = await ok('sales.checkout', { clientRequestId: 'print-crash-1', lines: [{ productId: productIds[0], qty: 1 }], payments: [{ method: 'cash', amount: 50_000 }] });
    const jobId = sale.printJob.id as number;
    // Kill while the job is in the printer's hands (its status query sent, no answer yet).
    const until = Date.now() + 10_000;
    while (printer.statusQueries().length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
    if (printer.statusQueries().length === 0) problems.push('the job never reached the printer before the kill');
    await server.stop('SIGKILL');
    const pulsesBeforeKill = decodeEscPos(printer.allBytes()).drawerPulses;
    const onDisk = new Database(server.dbPath, { readonly: true });
    const stored = onDisk.prepare('SELECT status FROM print_jobs WHERE id = ?').get(jobId) as { status: string } | undefined;
    onDisk.close();
    if (stored?.status !== 'pending') problems.push(`job after the kill is ${stored?.status}, expected pending`);
    log(`killed while printing receipt ${sale.number} (job ${jobId} ${stored?.status})`);

    // Restart with the printer healthy.
    await printer.setState('online');
    printer.clear();
    server = await startServer({ dbPath: server.dbPath, env });
    api = apiClient(server.url, token);
    const jobAfterRestart = ((await ok('printing.jobs', {})) as any[]).find((j) => j.id === jobId);
    const bannerAfterRestart = await ok('printers.status', {});
    // The automatic retry sends it by itself.
    const [bytes] = await printer.waitForJobs(1, 15_000);
    const decoded = decodeEscPos(bytes!);
    let jobAtEnd: any;
    for (let i = 0; i < 200; i++) {
      jobAtEnd = ((await ok('printing.jobs', {})) as any[]).find((j) => j.id === jobId);
      if (jobAtEnd?.status === 'printed') break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const bannerAtEnd = await ok('printers.status', {});
    await new Promise((r) => setTimeout(r, 500));
    if (printer.jobs().length !== 1) problems.push(`the printer received ${printer.jobs().length} jobs after the restart, expected 1`);
    return {
      saleNumber: sale.number,
      bannerAfterRestart: { state: bannerAfterRestart.state, failedJobs: bannerAfterRestart.failedJobs },
      jobAfterRestart: { status: jobAfterRestart?.status, lastError: jobAfterRestart?.lastError },
      reprintText: decoded.lines.join('\n'),
      reprintDrawerPulses: decoded.drawerPulses,
      pulsesBeforeKill,
      bannerAtEnd: { state: bannerAtEnd.state, failedJobs: bannerAtEnd.failedJobs },
      jobAtEnd: { status: jobAtEnd?.status, copy: jobAtEnd?.copy },
      problems,
    };
  } finally {
    await server.stop();
    await printer.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { kills: { type: 'string', default: '200' }, seed: { type: 'string' } } });
  runCrashTest({ kills: Number(values.kills), seed: values.seed ? Number(values.seed) : undefined, log: console.log }).then((report) => {
    console.log(JSON.stringify({ ...report, problems: report.problems.slice(0, 20) }, null, 2));
    process.exit(report.problems.length ? 1 : 0);
  });
}
