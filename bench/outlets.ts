/**
 * Outlets (issue 19): what forwarding to the central PostgreSQL costs the
 * outlet, and how fast the central database catches up.
 *
 *   npm run bench:outlets -- --db bench/data/small.db [--json out.json] [--reps 300] [--lag-sales 120] [--batch 500]
 *
 * On a copy of the benchmark database (the input is never changed):
 *  1. outbox cost per sale: the checkout service (3 lines, cash, synchronous=FULL) with the outbox
 *     off and on, interleaved sale by sale on the same connection, plus the raw-SQL floor;
 *  2. catch-up: browser mode (the built app, a child process) is configured to forward into an
 *     empty central database; the whole history is put into the outbox and sent. Timed from the
 *     configure call to nothing waiting; facts per second; the longest backfill chunk (how long
 *     the till could be held); checkout through HTTP before and while it forwards;
 *  3. steady state: sales spaced out in time, the lag from each sale's commit to its central row
 *     (`received_at`, PostgreSQL's clock on the same machine).
 * PostgreSQL at 127.0.0.1:5432 (user postgres) unless --pg says otherwise; the bench makes and
 * drops its own database and outlet role.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openApp } from '../src/main/app';
import { addOutlet, migrateCentral } from '../src/central/admin';
import { checkout } from '../src/main/core/sales';
import { createIntake } from '../src/main/core/stock';
import { openShift, openShiftRow } from '../src/main/core/shifts';
import { businessDate } from '../src/main/core/clock';
import { addDays } from '../src/main/core/demo';
import { enableOutbox } from '../src/main/outbox/outbox';
import type { Actor } from '../src/main/core/context';
import { apiClient, startServer } from '../test/support/server';
import { stat, type Stat } from './stats';

const now = () => performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface OutletsBenchResult {
  db: string;
  startedAt: string;
  machine: { cpuModel: string; cpus: number; memoryGiB: number; node: string; loadavg: number[] };
  data: { sales: number; saleLines: number; fileMiB: number };
  /** Wall time per checkout, and CPU time (`offCpu`, `onCpu`: what the outbox adds on a quiet machine). */
  outboxCost: { off: Stat; on: Stat; floor: Stat; offCpu: Stat; onCpu: Stat; factsPerSale: number };
  catchUp: {
    facts: number;
    seconds: number;
    factsPerSecond: number;
    backfillChunks: number;
    backfillChunkMs: Stat;
    /** CPU time per chunk: the hold on a machine with nothing else running. */
    backfillChunkCpuMs: Stat;
    batches: number;
    outboxMiB: number;
  };
  checkoutHttp: { before: Stat; whileForwarding: Stat };
  lag: Stat;
}

/** Three popular products of three suppliers, restocked for `units` checkouts each. */
export function popularCart(sqlite: import('better-sqlite3').Database) {
  const popular = sqlite
    .prepare(
      `SELECT p.id, p.supplier_id, p.sell_price, p.track_expiry FROM products p
       WHERE p.active = 1 AND p.supplier_id IS NOT NULL AND p.id IN (SELECT product_id FROM sale_lines ORDER BY id DESC LIMIT 2000)
       ORDER BY p.id`,
    )
    .all() as { id: number; supplier_id: number; sell_price: number; track_expiry: number }[];
  const three: typeof popular = [];
  for (const p of popular) if (three.length < 3 && !three.some((x) => x.supplier_id === p.supplier_id)) three.push(p);
  if (three.length < 3) throw new Error('need three products of three suppliers');
  const total = three.reduce((n, p) => n + p.sell_price, 0);
  return { three, cart: () => ({ clientRequestId: randomUUID(), lines: three.map((p) => ({ productId: p.id, qty: 1 })), payments: [{ method: 'cash' as const, amount: Math.ceil(total / 50_000) * 50_000 }] }) };
}

export async function runOutletsBench(options: {
  db: string;
  reps?: number;
  lagSales?: number;
  batch?: number;
  pg?: string;
  log?: (l: string) => void;
  /** Give up waiting for the forwarder after this many ms (a stuck forwarder fails with its last status instead of hanging). */
  waitLimitMs?: number;
}): Promise<OutletsBenchResult> {
  const log = options.log ?? (() => {});
  const waitLimitMs = options.waitLimitMs ?? Infinity;
  const waitUntil = () => now() + waitLimitMs;
  const stuck = (what: string, st: unknown) => new Error(`forwarder not done ${what} after ${waitLimitMs} ms; last central.status: ${JSON.stringify(st)}`);
  const reps = options.reps ?? 300;
  const lagSales = options.lagSales ?? 120;
  const pgBase = (options.pg ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/$/, '');
  const input = resolve(options.db);
  const dir = mkdtempSync(join(tmpdir(), 'kasir-bench-outlets-'));
  const copy = join(dir, 'outlet.db');
  copyFileSync(input, copy);
  if (existsSync(`${input}-wal`)) copyFileSync(`${input}-wal`, `${copy}-wal`);
  const today = businessDate(Date.now(), 'Asia/Makassar');

  // ---- 1. outbox cost per sale (in-process service, same connection) ----
  const app = openApp(copy);
  const sqlite = app.db.$client;
  const data = {
    sales: sqlite.prepare('SELECT count(*) FROM sales').pluck().get() as number,
    saleLines: sqlite.prepare('SELECT count(*) FROM sale_lines').pluck().get() as number,
    fileMiB: statSync(input).size / 2 ** 20,
  };
  log(`data: ${data.sales} sales, ${data.saleLines} lines, ${data.fileMiB.toFixed(1)} MiB`);
  const user = (name: string) => sqlite.prepare('SELECT id, name FROM users WHERE username = ?').get(name) as { id: number; name: string };
  const cashier: Actor = { userId: user('kasir').id, name: 'kasir', role: 'cashier', tillCode: 'K1' };
  const manager: Actor = { userId: user('manajer').id, name: 'manajer', role: 'manager', tillCode: 'K1' };
  if (!openShiftRow(app.ctx, 'K1')) openShift(app.ctx, cashier, { openingFloat: 500_000 });
  const { three, cart } = popularCart(sqlite);
  const restock = (units: number) => {
    for (const p of three) {
      createIntake(app.ctx, manager, { supplierId: p.supplier_id, lines: [{ productId: p.id, qty: units, expiryDate: p.track_expiry ? addDays(today, 365) : undefined }], note: 'bench restock' });
    }
  };
  restock(3 * reps + 300);
  // The outbox switched on without putting the history in: the cost of the triggers is the same.
  enableOutbox(app.db, { outletCode: 'BNC', installationId: randomUUID(), now: Date.now() });
  const toggle = sqlite.prepare('UPDATE outbox_state SET enabled = ? WHERE id = 1');
  const floorTx = sqlite.transaction(() => {
    // The rows of a 3-line cash sale by hand, as bench/run.ts's floor (sequence, sale, lines, portions, ledger, payment).
    const shift = sqlite.prepare('SELECT id FROM shifts WHERE till_code = ? AND closed_at IS NULL').pluck().get('K1') as number;
    const seq = sqlite.prepare(`INSERT INTO doc_sequences (scope, last) VALUES ('bench-floor', 1) ON CONFLICT(scope) DO UPDATE SET last = last + 1 RETURNING last`).pluck().get() as number;
    const saleId = sqlite
      .prepare(`INSERT INTO sales (number, client_request_id, till_code, shift_id, cashier_id, subtotal, discount_total, total, paid, change, business_date, created_at) VALUES (?, ?, 'K1', ?, ?, 3, 0, 3, 3, 0, ?, ?)`)
      .run(`FLOOR-${seq}`, randomUUID(), shift, cashier.userId, today, Date.now()).lastInsertRowid;
    for (const p of three) {
      const lineId = sqlite.prepare(`INSERT INTO sale_lines (sale_id, line_no, product_id, name, qty, unit_price, discount, line_total) VALUES (?, 1, ?, 'x', 1, 1, 0, 1)`).run(saleId, p.id).lastInsertRowid;
      const lot = sqlite.prepare('SELECT id FROM lots WHERE product_id = ? AND remaining_qty > 0 ORDER BY id DESC LIMIT 1').pluck().get(p.id) as number;
      sqlite.prepare('UPDATE lots SET remaining_qty = remaining_qty - 1 WHERE id = ?').run(lot);
      const sll = sqlite.prepare('INSERT INTO sale_line_lots (sale_line_id, lot_id, qty, net_amount, supplier_share, shop_share) VALUES (?, ?, 1, 1, 1, 0)').run(lineId, lot).lastInsertRowid;
      sqlite.prepare(`INSERT INTO ledger_entries (supplier_id, kind, amount, sale_line_lot_id, lot_id, qty, business_date, created_at) VALUES (?, 'sale', 1, ?, ?, 1, ?, ?)`).run(p.supplier_id, sll, lot, today, Date.now());
    }
    sqlite.prepare(`INSERT INTO payments (sale_id, method, amount) VALUES (?, 'cash', 3)`).run(saleId);
  });
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const off: number[] = [];
  const on: number[] = [];
  const floor: number[] = [];
  const before = sqlite.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").pluck().get() as number;
  toggle.run(0);
  floorTx.deferred(); // also warms the statements
  const offCpu: number[] = [];
  const onCpu: number[] = [];
  const cpuMs = (since: NodeJS.CpuUsage) => {
    const u = process.cpuUsage(since);
    return (u.user + u.system) / 1000;
  };
  for (let i = 0; i < reps + 20; i++) {
    toggle.run(0);
    let t = now();
    let c = process.cpuUsage();
    checkout(app.ctx, cashier, cart());
    if (i >= 20) off.push(now() - t);
    if (i >= 20) offCpu.push(cpuMs(c));
    toggle.run(1);
    t = now();
    c = process.cpuUsage();
    checkout(app.ctx, cashier, cart());
    if (i >= 20) on.push(now() - t);
    if (i >= 20) onCpu.push(cpuMs(c));
    toggle.run(0);
    t = now();
    floorTx.deferred();
    if (i >= 20) floor.push(now() - t);
  }
  const factsPerSale = ((sqlite.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").pluck().get() as number) - before) / (reps + 20);
  const outboxCost = { off: stat(off), on: stat(on), floor: stat(floor), offCpu: stat(offCpu), onCpu: stat(onCpu), factsPerSale };
  log(`checkout, outbox off: p50 ${outboxCost.off.p50.toFixed(3)} p99 ${outboxCost.off.p99.toFixed(3)} ms; on: p50 ${outboxCost.on.p50.toFixed(3)} p99 ${outboxCost.on.p99.toFixed(3)} ms; floor p50 ${outboxCost.floor.p50.toFixed(3)} p99 ${outboxCost.floor.p99.toFixed(3)} ms; CPU per checkout p50 ${outboxCost.offCpu.p50.toFixed(3)} → ${outboxCost.onCpu.p50.toFixed(3)} ms; ${factsPerSale} facts per sale`);
  app.close();

  // ---- 2. catch-up through the built app into an empty central database ----
  copyFileSync(input, copy);
  for (const suffix of ['-wal', '-shm']) if (existsSync(copy + suffix)) rmSync(copy + suffix);
  if (existsSync(`${input}-wal`)) copyFileSync(`${input}-wal`, `${copy}-wal`);
  const dbName = `kasir_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${pgBase}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const centralUrl = `${pgBase}/${dbName}`;
  let role = '';
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    await migrateCentral(centralUrl);
    const creds = await addOutlet(centralUrl, 'BNC');
    role = creds.user;
    const url = new URL(pgBase);
    server = await startServer({
      dbPath: copy,
      env: { KASIR_FORWARD_TRACE: '1', ...(options.batch ? { KASIR_FORWARD_BATCH: String(options.batch) } : {}) },
    });
    const api = apiClient(server.url);
    const ok = async (name: string, body: unknown, token?: string) => {
      const r = await api(name, body, token);
      if (r.status !== 200) throw new Error(`${name}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const tokenOf = async (username: string, pin: string) => (await ok('auth.login', { username, pin, tillCode: 'K1' })).token as string;
    const kasir = await tokenOf('kasir', '1111');
    const manajer = await tokenOf('manajer', '2222');
    const adminToken = await tokenOf('admin', '123456');
    for (const p of three) {
      await ok('intakes.create', { supplierId: p.supplier_id, lines: [{ productId: p.id, qty: 20_000, ...(p.track_expiry ? { expiryDate: addDays(today, 365) } : {}) }] }, manajer);
    }
    if (!(await ok('shifts.current', {}, kasir))) await ok('shifts.open', { openingFloat: 500_000 }, kasir);
    const httpCheckout = async () => {
      const t = now();
      await ok('sales.checkout', cart(), kasir);
      return now() - t;
    };
    const beforeHttp: number[] = [];
    for (let i = 0; i < Math.min(reps, 200) + 10; i++) {
      const ms = await httpCheckout();
      if (i >= 10) beforeHttp.push(ms);
    }
    log(`checkout via HTTP before forwarding: p50 ${stat(beforeHttp).p50.toFixed(2)} p99 ${stat(beforeHttp).p99.toFixed(2)} ms`);

    const traceFrom = server.output().length;
    const started = now();
    await ok('central.configure', { outletCode: 'BNC', host: url.hostname, port: Number(url.port || 5432), database: dbName, user: creds.user, password: creds.password, tls: 'prefer' }, adminToken);
    // A sale about every 100 ms while the history is prepared and sent, each timed as the till sees it.
    const during: number[] = [];
    let done = false;
    const seller = (async () => {
      while (!done) {
        during.push(await httpCheckout());
        await sleep(100);
      }
    })();
    let lastLog = 0;
    const catchUpLimit = waitUntil();
    let sellerStopped = false;
    for (;;) {
      const st = await ok('central.status', {}, manajer);
      if (st.waiting === 0 && st.historyToPrepare === 0 && st.state === 'idle') break;
      // The catch-up ends when the history and the sales made meanwhile are all sent. With a sale every
      // ~100 ms the forwarder is always a few facts behind (a central commit takes longer than that on a
      // slow disk), so once the history is prepared and the backlog is down to the last few sales the
      // seller stops and the loop waits for the rest.
      if (!sellerStopped && st.historyToPrepare === 0 && st.waiting < 200) {
        sellerStopped = true;
        done = true;
        await seller;
      }
      if (now() > catchUpLimit) {
        done = true;
        await seller;
        throw stuck('catching up', st);
      }
      if (st.state === 'retrying') log(`  retrying: ${st.lastError}`);
      if (now() - lastLog > 15_000) {
        lastLog = now();
        log(`  ${((now() - started) / 1000).toFixed(0)} s: ${st.historyToPrepare} history rows to prepare, ${st.waiting} facts waiting`);
      }
      await sleep(500);
    }
    const seconds = (now() - started) / 1000;
    done = true;
    await seller;
    const trace = server.output().slice(traceFrom).split('\n');
    const chunkLines = trace.map((l) => /^forward backfill \d+ rows \d+ facts ([\d.]+) ms cpu ([\d.]+) ms/.exec(l)).filter(Boolean);
    const chunks = chunkLines.map((m) => Number(m![1]));
    const chunkCpu = chunkLines.map((m) => Number(m![2]));
    const batches = trace.filter((l) => l.startsWith('forward committed ')).length;
    const centralClient = new pg.Client({ connectionString: centralUrl });
    await centralClient.connect();
    const facts = Number((await centralClient.query("SELECT count(*) AS n FROM central.facts WHERE outlet_code = 'BNC'")).rows[0].n);
    const outboxMiB = (statSync(copy).size + (existsSync(`${copy}-wal`) ? statSync(`${copy}-wal`).size : 0) - data.fileMiB * 2 ** 20) / 2 ** 20;
    const catchUp = { facts, seconds, factsPerSecond: facts / seconds, backfillChunks: chunks.length, backfillChunkMs: stat(chunks), backfillChunkCpuMs: stat(chunkCpu), batches, outboxMiB };
    log(`catch-up: ${facts} facts in ${seconds.toFixed(1)} s (${catchUp.factsPerSecond.toFixed(0)} facts/s), ${batches} batches, ${chunks.length} backfill chunks (wall p99 ${catchUp.backfillChunkMs.p99.toFixed(1)} ms, max ${catchUp.backfillChunkMs.max.toFixed(1)} ms; cpu p99 ${catchUp.backfillChunkCpuMs.p99.toFixed(1)} ms, max ${catchUp.backfillChunkCpuMs.max.toFixed(1)} ms)`);
    log(`checkout via HTTP while forwarding: p50 ${stat(during).p50.toFixed(2)} p99 ${stat(during).p99.toFixed(2)} ms (n=${during.length})`);

    // ---- 3. steady state: lag from a sale's commit to its central row ----
    const sold: { number: string; createdAt: number }[] = [];
    for (let i = 0; i < lagSales; i++) {
      const r = await ok('sales.checkout', cart(), kasir);
      sold.push({ number: r.number, createdAt: r.createdAt });
      await sleep(150 + Math.random() * 200);
    }
    const lagLimit = waitUntil();
    for (;;) {
      const st = await ok('central.status', {}, manajer);
      if (st.waiting === 0) break;
      if (now() > lagLimit) throw stuck('sending the steady-state sales', st);
      await sleep(200);
    }
    const rows = (
      await centralClient.query<{ number: string; received: string }>(
        "SELECT number, (extract(epoch FROM received_at) * 1000)::bigint AS received FROM central.facts WHERE kind = 'sale' AND number = ANY($1)",
        [sold.map((s) => s.number)],
      )
    ).rows;
    await centralClient.end();
    const received = new Map(rows.map((r) => [r.number, Number(r.received)]));
    const lag = stat(sold.map((s) => (received.get(s.number) ?? NaN) - s.createdAt));
    log(`lag from commit to central row: p50 ${lag.p50} p95 ${lag.p95} max ${lag.max} ms (n=${lag.n})`);
    return {
      db: input,
      startedAt: new Date().toISOString(),
      machine: { cpuModel: cpus()[0]?.model ?? '?', cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, loadavg: loadavg().map((x) => Number(x.toFixed(2))) },
      data,
      outboxCost,
      catchUp,
      checkoutHttp: { before: stat(beforeHttp), whileForwarding: stat(during) },
      lag,
    };
  } finally {
    await server?.stop();
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${dbName}' AND pid <> pg_backend_pid()`);
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    if (role) await admin.query(`DROP ROLE IF EXISTS "${role}"`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const { values } = parseArgs({
    options: { db: { type: 'string' }, json: { type: 'string' }, reps: { type: 'string' }, 'lag-sales': { type: 'string' }, batch: { type: 'string' }, pg: { type: 'string' } },
  });
  if (!values.db) {
    console.error('usage: npm run bench:outlets -- --db <file> [--json out.json] [--reps N] [--lag-sales N] [--batch N] [--pg postgres://postgres@127.0.0.1:5432]');
    process.exit(2);
  }
  const result = await runOutletsBench({
    db: values.db,
    reps: values.reps ? Number(values.reps) : undefined,
    lagSales: values['lag-sales'] ? Number(values['lag-sales']) : undefined,
    batch: values.batch ? Number(values.batch) : undefined,
    pg: values.pg,
    log: (l) => console.log(l),
  });
  console.log(JSON.stringify(result, null, 2));
  if (values.json) writeFileSync(values.json, JSON.stringify(result, null, 2));
}
