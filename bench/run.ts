/**
 * Kasir PLUT benchmark.
 *
 *   npx tsx bench/run.ts --db <file> [--json out.json] [--reps N] [--explain] [--apply file.sql]
 *
 * Copies the database to a temp folder first (the input is never changed),
 * then measures, each as p50/p99 after a warm-up:
 * - checkout of a 3-line cash sale through the service (`checkout`, real
 *   Actor, open shift, synchronous=FULL as openDb sets);
 * - the same writes by hand-written minimal SQL on raw better-sqlite3 in one
 *   transaction (the floor), and the ratio service / floor;
 * - checkout through HTTP browser mode (createHttpServer(openApp(copy)) in
 *   this process on 127.0.0.1:0, a logged-in cashier, fetch);
 * - barcode lookup; name search (Indonesian words);
 * - settlement preview + create for one month (largest supplier first),
 *   balances of all suppliers;
 * - cold start (child process: import + open + migrate + first lookup), and
 *   browser mode from process start to first page when out/main/serve.js is built;
 * - database file size per 100,000 sales.
 * Prints a table; --json writes the results with machine info.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { arch, cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { openApp, type App } from '../src/main/app';
import { ReportRunner } from '../src/main/reports/runner';
import { createHttpServer } from '../src/main/api/http';
import { dispatch } from '../src/main/api/dispatch';
import type { Actor, Ctx } from '../src/main/core/context';
import { businessDate } from '../src/main/core/clock';
import { checkout } from '../src/main/core/sales';
import { lookupProduct, searchProducts } from '../src/main/core/catalog';
import { openShift, openShiftRow } from '../src/main/core/shifts';
import { createIntake } from '../src/main/core/stock';
import { createSettlement, previewSettlement } from '../src/main/core/settlements';
import { supplierBalances } from '../src/main/core/ledger';
import { salesBySupplier } from '../src/main/core/reports';
import { shiftReport } from '../src/main/core/reports-shift';
import { supplierShare } from '../src/shared/pricing';
import { addDays, mulberry32 } from '../src/main/core/demo';
import { checkInvariants, type InvariantResult } from './invariants';
import { listeningPort, measureChildServer, newCart } from './child-server';
import { percentile } from './stats';
import { startFakePrinter, type FakePrinter } from '../test/support/fake-printer';
import { setPrinterConfig } from '../src/main/core/settings';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface Measure {
  name: string;
  n: number;
  p50: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
  /** 95th percentile (receipt on paper is judged by it). */
  p95?: number;
  /** What the numbers are when not milliseconds. */
  unit?: 'ratio' | 'count' | 'MiB' | 'bytes';
  /** Target from issue 7 (on the large database), for the table. */
  target?: string;
  note?: string;
}

export interface BenchOptions {
  db: string;
  reps?: number;
  json?: string;
  /** Capture the SQL of lookup, search, checkout and settlement and print EXPLAIN QUERY PLAN. */
  explain?: boolean;
  /**
   * SQL file run on the copy before measuring (e.g. bench/suggested-indexes.sql),
   * to try an index or a pragma without touching the schema. Recorded in the result.
   */
  apply?: string;
  /** Skip child-process measures (cold start, serve.js, the server as its own process). */
  skipChildProcesses?: boolean;
  /** Sequential sales sent to the server as its own process (default 2,000; fewer at small --reps). */
  serverSales?: number;
  log?: (line: string) => void;
}

export interface QueryPlan {
  operation: string;
  sql: string;
  plan: string[];
}

export interface BenchResult {
  db: string;
  /** SQL file applied to the copy before measuring, if any. */
  applied: string | null;
  startedAt: string;
  machine: { cpuModel: string; cpus: number; memoryGiB: number; node: string; platform: string; arch: string; loadavg: number[] };
  data: { sales: number; saleLines: number; products: number; suppliers: number; ledgerEntries: number; fileBytes: number; firstDay: string | null; lastDay: string | null };
  measures: Measure[];
  ratios: { checkoutServiceOverFloorP50: number; checkoutServiceOverFloorP99: number };
  sizePer100kSalesMiB: number | null;
  skipped: string[];
  plans: QueryPlan[];
  invariantsAfter: InvariantResult[];
}

// ---------------------------------------------------------------------------
// Timing helpers
// ---------------------------------------------------------------------------

const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

function summarise(name: string, samples: number[], extra: Partial<Measure> = {}): Measure {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    name,
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length),
    min: sorted[0],
    max: sorted[sorted.length - 1],
    ...extra,
  };
}

function time(warmup: number, reps: number, fn: (i: number) => void): number[] {
  for (let i = 0; i < warmup; i++) fn(i);
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = nowMs();
    fn(warmup + i);
    out.push(nowMs() - t);
  }
  return out;
}

async function timeAsync(warmup: number, reps: number, fn: (i: number) => Promise<void>): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = nowMs();
    await fn(warmup + i);
    out.push(nowMs() - t);
  }
  return out;
}

/** CPU (user + system, every thread of this process) taken by each side of an interleaved run, in ms per call. */
interface InterleavedCpu {
  measured: number;
  floor: number;
}

/**
 * `measure` and the floor one after the other, sale by sale, so load on the machine hits both alike:
 * `warm` untimed pairs, then `reps` timed ones. A synchronous `measure` is timed without an await.
 */
async function interleavedWithFloor(warm: number, reps: number, measure: () => unknown, floor: () => void): Promise<[number[], number[], InterleavedCpu]> {
  for (let i = 0; i < warm; i++) {
    const r = measure();
    if (r instanceof Promise) await r;
    floor();
  }
  const measured: number[] = [];
  const floors: number[] = [];
  const cpuOf = (since: NodeJS.CpuUsage) => {
    const d = process.cpuUsage(since);
    return (d.user + d.system) / 1000;
  };
  const cpu = { measured: 0, floor: 0 };
  for (let i = 0; i < reps; i++) {
    let c = process.cpuUsage();
    let t = nowMs();
    const r = measure();
    if (r instanceof Promise) await r;
    measured.push(nowMs() - t);
    cpu.measured += cpuOf(c);
    c = process.cpuUsage();
    t = nowMs();
    floor();
    floors.push(nowMs() - t);
    cpu.floor += cpuOf(c);
  }
  return [measured, floors, { measured: cpu.measured / reps, floor: cpu.floor / reps }];
}

/** Record the SQL (and parameters) better-sqlite3 prepares while `fn` runs. */
function captureSql(sqlite: Database.Database, fn: () => void): { sql: string; params: unknown[] }[] {
  const seen: { sql: string; params: unknown[] }[] = [];
  const original = sqlite.prepare;
  const wrap = (source: string) => {
    const stmt = original.call(sqlite, source);
    const entry = { sql: source, params: [] as unknown[] };
    seen.push(entry);
    for (const m of ['get', 'all', 'run', 'iterate'] as const) {
      const f = (stmt as unknown as Record<string, (...a: unknown[]) => unknown>)[m].bind(stmt);
      (stmt as unknown as Record<string, unknown>)[m] = (...args: unknown[]) => {
        entry.params = args;
        return f(...args);
      };
    }
    return stmt;
  };
  (sqlite as unknown as { prepare: (s: string) => unknown }).prepare = wrap;
  try {
    fn();
  } finally {
    (sqlite as unknown as { prepare: typeof original }).prepare = original;
  }
  return seen;
}

function explain(sqlite: Database.Database, operation: string, captured: { sql: string; params: unknown[] }[]): QueryPlan[] {
  const out: QueryPlan[] = [];
  for (const c of captured) {
    if (!/^\s*(select|with|insert|update|delete)/i.test(c.sql) || /^\s*(insert|update|delete)/i.test(c.sql) && !/\bselect\b|\bwhere\b/i.test(c.sql)) {
      continue;
    }
    try {
      const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...(c.params as unknown[])) as { id: number; parent: number; detail: string }[];
      const depth = new Map<number, number>();
      const plan = rows.map((r) => {
        const d = (depth.get(r.parent) ?? -1) + 1;
        depth.set(r.id, d);
        return `${'  '.repeat(d)}${r.detail}`;
      });
      out.push({ operation, sql: c.sql.replace(/\s+/g, ' ').trim(), plan });
    } catch {
      // statements needing named parameters or RETURNING specifics: skip
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// The floor: the rows of a 3-line cash sale by minimal hand-written SQL
// ---------------------------------------------------------------------------

function floorCheckout(sqlite: Database.Database, tillCode: string, cashierId: number) {
  const st = {
    shift: sqlite.prepare(`SELECT id FROM shifts WHERE till_code = ? AND closed_at IS NULL`).pluck(),
    seq: sqlite.prepare(`INSERT INTO doc_sequences (scope, last) VALUES (?, 1) ON CONFLICT(scope) DO UPDATE SET last = last + 1 RETURNING last`).pluck(),
    product: sqlite.prepare(`SELECT name, sell_price FROM products WHERE id = ? AND active = 1`),
    sale: sqlite.prepare(
      `INSERT INTO sales (number, client_request_id, till_code, shift_id, cashier_id, subtotal, discount_total, total, paid, change, business_date, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`,
    ),
    line: sqlite.prepare(`INSERT INTO sale_lines (sale_id, line_no, product_id, name, qty, unit_price, discount, line_total) VALUES (?, ?, ?, ?, ?, ?, 0, ?)`),
    lot: sqlite.prepare(
      `SELECT id, remaining_qty, supplier_id, terms_type, supplier_price, commission_bps FROM lots
       WHERE product_id = ? AND remaining_qty > 0 AND (expiry_date IS NULL OR expiry_date >= ?)
       ORDER BY expiry_date IS NULL, expiry_date, id LIMIT 1`,
    ),
    take: sqlite.prepare(`UPDATE lots SET remaining_qty = remaining_qty - ? WHERE id = ?`),
    portion: sqlite.prepare(`INSERT INTO sale_line_lots (sale_line_id, lot_id, qty, net_amount, supplier_share, shop_share) VALUES (?, ?, ?, ?, ?, ?)`),
    ledger: sqlite.prepare(
      `INSERT INTO ledger_entries (supplier_id, kind, amount, sale_line_lot_id, lot_id, qty, business_date, created_at) VALUES (?, 'sale', ?, ?, ?, ?, ?, ?)`,
    ),
    payment: sqlite.prepare(`INSERT INTO payments (sale_id, method, amount) VALUES (?, 'cash', ?)`),
  };
  type LotRow = { id: number; remaining_qty: number; supplier_id: number | null; terms_type: 'fixed' | 'commission'; supplier_price: number | null; commission_bps: number | null };
  return sqlite.transaction((productIds: number[], requestId: string) => {
    const now = Date.now();
    const wita = new Date(now + 8 * 3_600_000).toISOString();
    const day = wita.slice(0, 10);
    const compact = day.replaceAll('-', '');
    const shiftId = st.shift.get(tillCode) as number;
    const seq = st.seq.get(`sale:${tillCode}:${compact}`) as number;
    const priced = productIds.map((id) => ({ id, ...(st.product.get(id) as { name: string; sell_price: number }) }));
    const total = priced.reduce((s, p) => s + p.sell_price, 0);
    const paid = Math.ceil(total / 50_000) * 50_000;
    const saleId = st.sale.run(`${tillCode}-${compact}-${String(seq).padStart(4, '0')}`, requestId, tillCode, shiftId, cashierId, total, total, paid, paid - total, day, now)
      .lastInsertRowid;
    priced.forEach((p, i) => {
      const lineId = st.line.run(saleId, i + 1, p.id, p.name, 1, p.sell_price, p.sell_price).lastInsertRowid;
      const lot = st.lot.get(p.id, day) as LotRow;
      st.take.run(1, lot.id);
      const share = supplierShare({ termsType: lot.terms_type, supplierPrice: lot.supplier_price, commissionBps: lot.commission_bps }, 1, p.sell_price);
      const sllId = st.portion.run(lineId, lot.id, 1, p.sell_price, share, p.sell_price - share).lastInsertRowid;
      if (lot.supplier_id !== null) st.ledger.run(lot.supplier_id, share, sllId, lot.id, 1, day, now);
    });
    st.payment.run(saleId, paid);
  });
}

// ---------------------------------------------------------------------------
// Scan and checkout while a year export runs (issue 11, item 12)
// ---------------------------------------------------------------------------

/** Samples taken with reports on the main thread (the old way): each waits for a whole export, so few. */
const EXPORT_SAMPLES_IN_THREAD = 10;

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;

/** Codes a scanner would send: barcodes, else SKUs, of active products. */
function scanCodes(sqlite: Database.Database): string[] {
  return sqlite.prepare(`SELECT coalesce(barcode, sku) FROM products WHERE active = 1 ORDER BY id LIMIT 500`).pluck().all() as string[];
}

type Post = (name: string, body: unknown, token?: string) => Promise<Record<string, unknown>>;

/**
 * A manager exports sales by product over all the data (a year on `large`) as
 * XLSX, again and again, while a till scans (`products.lookup`) and checks out
 * over HTTP; only samples taken while an export is in flight count. Measured
 * with the report worker (as the app runs) and, for comparison, with reports
 * on the main thread (as before issue 11). Idle scan latency too, for the delay.
 */
async function duringExport(o: {
  app: App;
  post: Post;
  /** The export as the browser fetches it, without parsing the big JSON here (the client shares the server's thread). */
  download: (input: unknown, token: string) => Promise<void>;
  token: string;
  managerToken: string;
  exportInput: unknown;
  cart: () => unknown;
  codes: string[];
  warm: number;
  reps: number;
  days: number;
}): Promise<Measure[]> {
  const { post, token, codes } = o;
  const scan = (i: number) => post('products.lookup', { code: codes[i % codes.length] }, token);
  const idle = await timeAsync(o.warm, o.reps, async (i) => {
    await scan(i);
  });
  const idleCheckouts = await timeAsync(0, o.reps, async () => {
    await post('sales.checkout', o.cart(), token);
  });
  const out: Measure[] = [
    summarise('scan (products.lookup), HTTP, idle', idle, { note: 'server and client in one process' }),
    summarise('checkout, HTTP, idle (just before the exports)', idleCheckouts, { note: 'the baseline for the checkouts below' }),
  ];
  const worker = o.app.reports;
  const mainThread = new ReportRunner(o.app.ctx, { inThread: true });
  for (const [label, runner, samples] of [
    ['report worker', worker, o.reps],
    ['reports on the main thread, as before', mainThread, Math.min(o.reps, EXPORT_SAMPLES_IN_THREAD)],
  ] as const) {
    o.app.reports = runner;
    try {
      await post('reports.export', o.exportInput, o.managerToken); // warm: worker started, exceljs loaded
      const exportMs: number[] = [];
      const scans: number[] = [];
      const checkouts: number[] = [];
      let inFlight = false;
      let stop = false;
      const exporter = (async () => {
        while (!stop) {
          inFlight = true;
          const t = nowMs();
          await o.download(o.exportInput, o.managerToken);
          exportMs.push(nowMs() - t);
          inFlight = false;
          await new Promise((r) => setImmediate(r));
        }
      })();
      try {
        for (let i = 0; scans.length < samples || checkouts.length < samples; i++) {
          // Each sample starts while an export request is out (the exporter never leaves a gap for long).
          const whileExporting = async () => {
            while (!inFlight) await new Promise((r) => setImmediate(r));
          };
          await whileExporting();
          let t = nowMs();
          await scan(i);
          if (scans.length < samples) scans.push(nowMs() - t);
          await whileExporting();
          t = nowMs();
          await post('sales.checkout', o.cart(), token);
          if (checkouts.length < samples) checkouts.push(nowMs() - t);
        }
        // The export the samples overlapped must finish too (its time is a measure).
        while (exportMs.length === 0) await new Promise((r) => setTimeout(r, 5));
      } finally {
        stop = true;
        await exporter;
      }
      const note = (m: number[], base: number[]) => {
        const [during, before] = [summarise('', m), summarise('', base)];
        const signed = (d: number) => `${d < 0 ? '−' : '+'}${Math.abs(d).toFixed(1)}`;
        return `over idle: p50 ${signed(during.p50 - before.p50)} ms, p99 ${signed(during.p99 - before.p99)} ms`;
      };
      if (scans.length) out.push(summarise(`scan (products.lookup), HTTP, during a ${o.days}-day XLSX export (${label})`, scans, { target: '≤ idle + 50 ms', note: note(scans, idle) }));
      if (checkouts.length) out.push(summarise(`checkout, HTTP, during a ${o.days}-day XLSX export (${label})`, checkouts, { target: '≤ idle + 50 ms', note: note(checkouts, idleCheckouts) }));
      out.push(summarise(`${o.days}-day export, sales by product, XLSX, HTTP (${label})`, exportMs));
    } finally {
      o.app.reports = worker;
    }
  }
  mainThread.close();
  return out;
}

// ---------------------------------------------------------------------------
// Bench
// ---------------------------------------------------------------------------

const SEARCHES = ['mete', 'abon ikan', 'tenun', 'kopi kolaka', 'madu hutan', 'keripik pisang balado', 'sambal roa', 'perak filigree', 'bagea', 'tidak ada barang ini'];

function lastDayOfMonth(day: string): string {
  const [y, m] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const log = options.log ?? (() => {});
  const reps = Math.max(1, options.reps ?? 200);
  const warm = Math.max(1, Math.min(30, Math.ceil(reps / 10)));
  const input = resolve(options.db);
  if (!existsSync(input)) throw new Error(`database not found: ${input}`);
  const skipped: string[] = [];
  const measures: Measure[] = [];
  const plans: QueryPlan[] = [];
  const push = measures.push.bind(measures);
  measures.push = (...items: Measure[]) => {
    for (const m of items) log(`  ${m.name}: p50 ${m.p50.toFixed(3)}, p99 ${m.p99.toFixed(3)} (n=${m.n})`);
    return push(...items);
  };

  // --- copy: never touch the input ---
  const dir = mkdtempSync(join(tmpdir(), 'kasir-bench-'));
  const copy = join(dir, 'bench.db');
  const fileBytes = statSync(input).size + (existsSync(`${input}-wal`) ? statSync(`${input}-wal`).size : 0);
  copyFileSync(input, copy);
  if (existsSync(`${input}-wal`)) copyFileSync(`${input}-wal`, `${copy}-wal`);

  let app: App | undefined;
  try {
    app = openApp(copy);
    const ctx: Ctx = app.ctx;
    const sqlite = app.db.$client;
    if (options.apply) {
      const t = nowMs();
      sqlite.exec(readFileSync(resolve(options.apply), 'utf8'));
      log(`applied ${options.apply} to the copy in ${((nowMs() - t) / 1000).toFixed(1)} s`);
    }
    const q = <T>(text: string, ...params: unknown[]) => sqlite.prepare(text).get(...params) as T;
    const data = q<BenchResult['data']>(`SELECT
        (SELECT count(*) FROM sales) AS sales, (SELECT count(*) FROM sale_lines) AS saleLines,
        (SELECT count(*) FROM products) AS products, (SELECT count(*) FROM suppliers) AS suppliers,
        (SELECT count(*) FROM ledger_entries) AS ledgerEntries, 0 AS fileBytes,
        (SELECT min(business_date) FROM sales) AS firstDay, (SELECT max(business_date) FROM sales) AS lastDay`);
    data.fileBytes = fileBytes;
    log(`data: ${data.sales} sales, ${data.saleLines} lines, ${data.products} products, ${data.suppliers} suppliers (${(fileBytes / 2 ** 20).toFixed(1)} MiB)`);

    const user = (username: string) => q<{ id: number; name: string } | undefined>(`SELECT id, name FROM users WHERE username = ?`, username);
    const cashierRow = user('kasir') ?? q<{ id: number; name: string }>(`SELECT id, name FROM users WHERE role = 'cashier' ORDER BY id LIMIT 1`);
    const managerRow = user('manajer') ?? q<{ id: number; name: string }>(`SELECT id, name FROM users WHERE role IN ('manager','admin') ORDER BY id LIMIT 1`);
    const tillCode = 'K1';
    const cashier: Actor = { userId: cashierRow.id, name: cashierRow.name, role: 'cashier', tillCode };
    const manager: Actor = { userId: managerRow.id, name: managerRow.name, role: 'manager', tillCode };
    if (!openShiftRow(ctx, tillCode)) openShift(ctx, cashier, { openingFloat: 500_000 });

    // Three popular products of three different suppliers, restocked for every checkout we will make.
    const popular = sqlite
      .prepare(
        `SELECT p.id, p.supplier_id, p.sell_price, p.track_expiry FROM products p
         WHERE p.active = 1 AND p.supplier_id IS NOT NULL AND p.id IN (SELECT product_id FROM sale_lines ORDER BY id DESC LIMIT 2000)
         ORDER BY p.id`,
      )
      .all() as { id: number; supplier_id: number; sell_price: number; track_expiry: number }[];
    const three: typeof popular = [];
    for (const p of popular) if (three.length < 3 && !three.some((x) => x.supplier_id === p.supplier_id)) three.push(p);
    if (three.length < 3) throw new Error('need three products of three suppliers in the database');
    const today = businessDate(Date.now(), 'Asia/Makassar');
    // service + floor + HTTP checkouts, and those made while a year export runs (with and without the worker)
    const serverSales = options.serverSales ?? (reps >= 200 ? 2000 : Math.max(10, reps * 10));
    const serverExtra = { clients: Math.min(1000, serverSales), fsync: Math.min(200, serverSales), paper: Math.min(100, Math.max(5, reps)), paperOut: Math.min(10, Math.max(2, Math.ceil(reps / 20))) };
    const needed = 7 * (warm + reps) + 2 * EXPORT_SAMPLES_IN_THREAD + 20 + serverSales + serverExtra.clients + serverExtra.fsync + serverExtra.paper + serverExtra.paperOut + 30;
    for (const p of three) {
      createIntake(ctx, manager, {
        supplierId: p.supplier_id,
        lines: [{ productId: p.id, qty: needed, expiryDate: p.track_expiry ? addDays(today, 365) : undefined }],
        note: 'bench restock',
      });
    }
    const productIds = three.map((p) => p.id);
    const cartTotal = three.reduce((s, p) => s + p.sell_price, 0);
    const cashPaid = Math.ceil(cartTotal / 50_000) * 50_000;
    const cart = () => ({
      clientRequestId: randomUUID(),
      lines: productIds.map((productId) => ({ productId, qty: 1 })),
      payments: [{ method: 'cash' as const, amount: cashPaid }],
    });

    // Start from a checkpointed WAL so no measure pays for earlier bulk writes.
    sqlite.pragma('wal_checkpoint(TRUNCATE)');

    // --- checkout through the service, and the floor: the same rows by minimal
    // SQL on the same better-sqlite3 connection (so both see the same page
    // cache), interleaved sale by sale so load on the machine hits both alike.
    if (options.explain) plans.push(...explain(sqlite, 'checkout (service)', captureSql(sqlite, () => checkout(ctx, cashier, cart()))));
    const floorTx = floorCheckout(sqlite, tillCode, cashier.userId);
    const floorSale = () => floorTx(productIds, randomUUID());
    const [service, floor, serviceCpu] = await interleavedWithFloor(warm, reps, () => checkout(ctx, cashier, cart()), floorSale);
    measures.push(summarise('checkout, service (3 lines, cash)', service, { target: 'p99 < 10 ms', note: `CPU ${serviceCpu.measured.toFixed(2)} ms per sale` }));
    measures.push(summarise('checkout, floor (raw SQL, 1 tx)', floor, { note: `CPU ${serviceCpu.floor.toFixed(2)} ms per sale` }));
    const s = measures.find((m) => m.name.startsWith('checkout, service'))!;
    const f = measures.at(-1)!;
    const ratios = { checkoutServiceOverFloorP50: s.p50 / f.p50, checkoutServiceOverFloorP99: s.p99 / f.p99 };
    measures.push({ name: 'checkout ratio service / floor', n: reps, p50: ratios.checkoutServiceOverFloorP50, p99: ratios.checkoutServiceOverFloorP99, mean: NaN, min: NaN, max: NaN, target: 'p99 ≤ 1.5×', note: 'ratio, not ms' });

    // --- checkout through HTTP browser mode (in-process server), a fake network printer configured ---
    const printer: FakePrinter = await startFakePrinter();
    setPrinterConfig(app.db, tillCode, { transport: { type: 'network', host: printer.host, port: printer.port }, columns: 42 });
    const server = createHttpServer(app);
    // Client and server share this thread: when an export on the main thread (the comparison below) blocks it
    // for seconds, the server's keep-alive timer and the client's reuse of that idle socket fire in the same
    // tick and the request is reset. Let the client always be the one that closes idle connections.
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const post = async (name: string, body: unknown, token?: string) => {
        const res = await fetch(`${base}/api/${name}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(body),
        });
        const json = (await res.json()) as Record<string, unknown>;
        if (res.status !== 200) throw new Error(`${name}: HTTP ${res.status} ${JSON.stringify(json)}`);
        return json;
      };
      const download = async (body: unknown, token: string) => {
        const res = await fetch(`${base}/api/reports.export`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(body),
        });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`reports.export: HTTP ${res.status}`);
      };
      const username = user('kasir') ? 'kasir' : undefined;
      if (!username) {
        skipped.push('checkout via HTTP: no user "kasir" with the bench PIN');
      } else {
        const login = await post('auth.login', { username, pin: '1111', tillCode });
        const token = String(login.token);
        const http = await timeAsync(warm, reps, async () => {
          await post('sales.checkout', cart(), token);
        });
        measures.push(summarise('checkout, HTTP browser mode', http, { note: `server and client in one process, network printer (fake) configured; ${printer.jobs().length} printer connections` }));

        // --- checkout through the API as the desktop window calls it (Electron IPC: `dispatch`, no HTTP),
        // the same printer configured, interleaved sale by sale with the floor as the service measure is.
        const ipcLogin = await dispatch(app, 'auth.login', { username, pin: '1111' }, null, { host: true });
        if (!ipcLogin.ok) throw new Error(`auth.login by IPC: ${JSON.stringify(ipcLogin.error)}`);
        const ipcToken = String((ipcLogin.result as { token: string }).token);
        const viaIpc = async () => {
          const r = await dispatch(app!, 'sales.checkout', cart(), ipcToken, { host: true });
          if (!r.ok) throw new Error(`sales.checkout by IPC: ${JSON.stringify(r.error)}`);
        };
        const [ipc, ipcFloor] = await interleavedWithFloor(warm, reps, viaIpc, floorSale);
        const ipcM = summarise('checkout, API by IPC dispatch (desktop)', ipc, { note: 'dispatch() as the Electron window calls it: token, validation, request key, sale, receipt job; network printer (fake) configured' });
        const ipcF = summarise('checkout, floor (interleaved with the IPC checkouts)', ipcFloor);
        measures.push(ipcM, ipcF);
        measures.push({ name: 'checkout ratio API (IPC) / floor', n: reps, p50: ipcM.p50 / ipcF.p50, p99: ipcM.p99 / ipcF.p99, mean: NaN, min: NaN, max: NaN, target: 'p50 ≤ 2.0×, p99 ≤ 1.5×', note: 'ratio, not ms' });
        if (!user('manajer')) skipped.push('scan and checkout during a year export: no user "manajer" with the bench PIN');
        else if (!data.firstDay || !data.lastDay) skipped.push('scan and checkout during a year export: no sales');
        else {
          const managerToken = String((await post('auth.login', { username: 'manajer', pin: '2222', tillCode })).token);
          const exportInput = { report: 'salesByProduct', params: { from: data.firstDay, to: data.lastDay }, format: 'xlsx' };
          measures.push(
            ...(await duringExport({ app, post, download, token, managerToken, exportInput, cart, codes: scanCodes(sqlite), warm, reps, days: daysBetween(data.firstDay, data.lastDay) })),
          );
        }
      }
    } finally {
      await new Promise<void>((done) => server.close(() => done()));
      await app.print.idle();
      await printer.close();
    }

    // --- barcode lookup ---
    const rng = mulberry32(7);
    const codes = (sqlite.prepare(`SELECT barcode FROM products WHERE barcode IS NOT NULL AND active = 1 ORDER BY id`).pluck().all() as string[]);
    const skus = (sqlite.prepare(`SELECT sku FROM products WHERE active = 1 ORDER BY id`).pluck().all() as string[]);
    const sample = Array.from({ length: 1000 }, (_, i) => (i % 5 === 4 ? skus[Math.floor(rng() * skus.length)] : codes[Math.floor(rng() * codes.length)]));
    if (options.explain) plans.push(...explain(sqlite, 'barcode lookup', captureSql(sqlite, () => lookupProduct(ctx, sample[0]))));
    const lookupReps = reps * 5;
    const lookups = time(warm * 5, lookupReps, (i) => {
      lookupProduct(ctx, sample[i % sample.length]);
    });
    measures.push(summarise('barcode lookup (4 of 5 barcode, 1 of 5 SKU)', lookups, { target: 'p99 < 1 ms' }));

    // --- name search ---
    if (options.explain) plans.push(...explain(sqlite, 'name search', captureSql(sqlite, () => searchProducts(ctx, { query: 'abon ikan' }))));
    const searches = time(SEARCHES.length, Math.max(SEARCHES.length, reps), (i) => {
      searchProducts(ctx, { query: SEARCHES[i % SEARCHES.length] });
    });
    measures.push(summarise(`name search (${SEARCHES.length} queries, limit 20)`, searches, { target: 'p99 < 20 ms', note: SEARCHES.slice(0, 4).join(', ') + ', …' }));

    // --- settlements for one month, balances ---
    if (!data.firstDay) {
      skipped.push('settlements: no sales in the database');
    } else {
      // The last month of the data: the generator settles every earlier month.
      const monthStart = `${data.lastDay!.slice(0, 7)}-01`;
      const cutoff = lastDayOfMonth(data.lastDay!);
      const bySupplier = sqlite
        .prepare(
          `SELECT supplier_id AS id, sum(amount) AS amount, count(*) AS n FROM ledger_entries
           WHERE kind = 'sale' AND settlement_id IS NULL AND business_date BETWEEN ? AND ?
           GROUP BY supplier_id HAVING sum(amount) > 0 ORDER BY amount DESC, supplier_id`,
        )
        .all(monthStart, cutoff) as { id: number; amount: number; n: number }[];
      if (bySupplier.length === 0) {
        skipped.push('settlements: nothing owed in the last month');
      } else {
        const largest = bySupplier[0];
        if (options.explain) {
          plans.push(...explain(sqlite, 'settlement preview', captureSql(sqlite, () => previewSettlement(ctx, { supplierId: largest.id, cutoff }))));
        }
        const previewReps = Math.min(reps, 50);
        const previews = time(Math.min(warm, 5), previewReps, () => {
          previewSettlement(ctx, { supplierId: largest.id, cutoff });
        });
        measures.push(summarise(`settlement preview, largest supplier, 1 month (${largest.n} entries)`, previews, { target: '< 200 ms' }));
        const creates: number[] = [];
        const createCount = Math.min(bySupplier.length, Math.max(1, Math.min(reps, 30)));
        for (let i = 0; i < createCount; i++) {
          const t = nowMs();
          createSettlement(ctx, manager, { supplierId: bySupplier[i].id, cutoff, method: 'transfer', reference: `BENCH-${i + 1}` });
          creates.push(nowMs() - t);
        }
        measures.push(
          summarise(`settlement create, 1 month (largest first, ${createCount} suppliers)`, creates, {
            target: '< 200 ms',
            note: `largest supplier: ${creates[0].toFixed(1)} ms for ${largest.n} entries`,
          }),
        );
      }
      const balanceReps = Math.min(reps, 20);
      if (options.explain) plans.push(...explain(sqlite, 'balances', captureSql(sqlite, () => supplierBalances(ctx, {}))));
      const balances = time(Math.min(warm, 3), balanceReps, () => {
        supplierBalances(ctx, {});
      });
      measures.push(summarise(`balances of all ${data.suppliers} suppliers`, balances, { target: '< 500 ms' }));
    }
    // --- reports: Z report of the last generated day, sales by supplier for a month and for all the data ---
    if (!data.firstDay || !data.lastDay) {
      skipped.push('reports: no sales in the database');
    } else {
      const lastShift = sqlite
        .prepare(`SELECT shift_id FROM sales WHERE business_date = ? GROUP BY shift_id ORDER BY count(*) DESC LIMIT 1`)
        .pluck()
        .get(data.lastDay) as number;
      if (options.explain) plans.push(...explain(sqlite, 'Z report', captureSql(sqlite, () => shiftReport(ctx, lastShift))));
      const z = time(Math.min(warm, 3), Math.min(reps, 50), () => {
        shiftReport(ctx, lastShift);
      });
      measures.push(summarise(`Z report of one day (${data.lastDay})`, z));
      const month = { from: `${data.lastDay.slice(0, 7)}-01`, to: lastDayOfMonth(data.lastDay) };
      if (options.explain) plans.push(...explain(sqlite, 'sales by supplier, month', captureSql(sqlite, () => salesBySupplier(ctx, month))));
      const monthly = time(1, Math.min(reps, 20), () => {
        salesBySupplier(ctx, month);
      });
      measures.push(summarise(`sales by supplier, one month (${month.from.slice(0, 7)})`, monthly));
      const all = { from: data.firstDay, to: data.lastDay };
      const days = Math.round((Date.parse(all.to) - Date.parse(all.from)) / 86_400_000) + 1;
      const yearly = time(1, Math.min(reps, 5), () => {
        salesBySupplier(ctx, all);
      });
      measures.push(summarise(`sales by supplier, all ${days} days of data`, yearly, { target: days >= 365 ? '< 2 s' : undefined, note: days >= 365 ? 'the year report' : 'a year on large' }));
    }

    // --- invariants after our own writes ---
    const invariantsAfter = checkInvariants(app.db);
    app.close();
    app = undefined;

    // --- cold start (child processes) ---
    if (options.skipChildProcesses) {
      skipped.push('cold start and serve.js start: skipped by option');
    } else {
      const coldReps = Math.max(1, Math.min(5, reps));
      const cold: { openToLookupMs: number; totalMs: number; wallMs: number }[] = [];
      for (let i = 0; i < coldReps; i++) {
        const t = nowMs();
        const out = await runChild(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/cold-start.ts'), copy, sample[i]], ROOT);
        const wallMs = nowMs() - t;
        const line = out.trim().split('\n').at(-1) ?? '{}';
        const parsed = JSON.parse(line) as { openToLookupMs: number; totalMs: number };
        cold.push({ ...parsed, wallMs });
      }
      measures.push(summarise('cold start: open + migrate + first lookup', cold.map((c) => c.openToLookupMs), { target: '< 1 s', note: 'in a fresh process, OS file cache warm' }));
      measures.push(summarise('cold start: + import of the core modules', cold.map((c) => c.totalMs), { note: 'tsx transpiles the sources: slower than the built app' }));
      measures.push(summarise('cold start: process spawn to exit (node + tsx)', cold.map((c) => c.wallMs)));

      const serveJs = join(ROOT, 'out/main/serve.js');
      if (existsSync(serveJs)) {
        const starts: number[] = [];
        for (let i = 0; i < Math.min(3, coldReps); i++) {
          try {
            starts.push(await serveToFirstPage(serveJs, copy));
          } catch (err) {
            skipped.push(`browser mode start: ${(err as Error).message.split('\n')[0]}`);
            break;
          }
        }
        if (starts.length) measures.push(summarise('browser mode: process start to first page (out/main/serve.js)', starts, { target: '< 1 s', note: 'built app; may lag src/' }));
      } else {
        skipped.push('browser mode start: out/main/serve.js not built (npx electron-vite build)');
      }

      // --- the server as its own process, client here, fake network printer here ---
      const r = await measureChildServer({
        root: ROOT,
        db: copy,
        cart: newCart(productIds, cashPaid),
        sales: serverSales,
        clientSales: serverExtra.clients,
        fsyncSales: serverExtra.fsync,
        paperSamples: serverExtra.paper,
        paperOutSamples: serverExtra.paperOut,
        log,
      });
      const cpu = r.cpuMsPerSale === null ? 'CPU not measured (no /proc)' : `server CPU ${r.cpuMsPerSale.toFixed(2)} ms per sale`;
      measures.push(
        summarise(`checkout, HTTP, server as its own process (${serverSales} sequential 3-item cash sales)`, r.latencies, {
          target: 'p50 < 1.9 ms',
          note: `${r.salesPerSecond.toFixed(0)} sales/s, ${cpu}; every receipt printed at the fake network printer; the client (fetch) and the printer here: ${r.clientCpuMsPerSale.toFixed(2)} ms CPU per sale`,
        }),
      );
      // The API over HTTP as a till sees it (the server in its own process, not sharing a thread with
      // this client) against the floor of the service run above: same run, not interleaved.
      const own = measures.at(-1)!;
      const floorRun = measures.find((m) => m.name === 'checkout, floor (raw SQL, 1 tx)');
      if (floorRun) {
        measures.push({ name: 'checkout ratio API (HTTP, server as its own process) / floor', n: own.n, p50: own.p50 / floorRun.p50, p99: own.p99 / floorRun.p99, mean: NaN, min: NaN, max: NaN, unit: 'ratio', target: 'p50 ≤ 2.0×, p99 ≤ 1.5×', note: 'against the floor of the service run (same run, not interleaved)' });
      }
      // The till's wait without undici: the same server, fetch and node:http alternated sale by sale.
      if (r.byClient.http.length) {
        const half = r.byClient.http.length;
        measures.push(summarise(`checkout, HTTP, server as its own process, client fetch (alternated, ${half})`, r.byClient.fetch, { note: 'after the run above, the same server' }));
        measures.push(summarise(`checkout, HTTP, server as its own process, client node:http, kept connection (alternated, ${half})`, r.byClient.http, { note: "no undici in the client's path: nearer a till whose browser does the HTTP in native code" }));
      }
      if (r.cpuMsPerSale !== null) {
        measures.push(single('server CPU per sale (server as its own process)', r.cpuMsPerSale, { target: '≤ 1.0 ms', note: 'utime + stime of the server over the run ÷ sales' }));
        // What the floor alone takes (the same rows by minimal SQL, one durable transaction, in this
        // process): the server's CPU cannot go below it plus HTTP and the receipt's conversation.
        measures.push(single('checkout, floor CPU per sale (raw SQL, 1 tx, in-process)', serviceCpu.floor, { note: 'user + system of the bench process around each floor sale of the service run' }));
      }
      else skipped.push('server CPU per sale: /proc not available');
      if (r.fsyncPerSale !== null) measures.push(single(`fsync + fdatasync per acknowledged sale (server, ${serverExtra.fsync} sales)`, r.fsyncPerSale, { unit: 'count', target: '1', note: r.fsyncNote }));
      else skipped.push(`fsync per sale: ${r.fsyncNote}`);
      measures.push(summarise('receipt on paper: answer → last byte at the fake printer', r.receiptOnPaper, { target: 'p95 < 300 ms', note: `p95 ${summarise('', r.receiptOnPaper).p95!.toFixed(1)} ms` }));
      measures.push(summarise('checkout, HTTP, server as its own process, printer out of paper', r.paperOutCheckout, { note: 'the sale must not wait for the printer' }));
      measures.push(summarise('paper out: answer → receipt job reported failed (the till banner)', r.paperOutBanner, { target: '< 2 s', note: "the till's pending-receipt poll adds ≤ 0.5 s" }));
      if (r.bytesPerSale !== null) {
        measures.push(single('database growth per sale through the API (server as its own process)', r.bytesPerSale, { unit: 'bytes', note: `pages in use after ÷ sales, ${r.salesWritten} sales: the sale's rows, its receipt job, its request key` }));
      }
      if (r.rssMiB !== null) measures.push(single('browser mode resident memory after the bench (server process)', r.rssMiB, { unit: 'MiB', target: '< 300 MiB' }));
      else skipped.push('browser mode memory: /proc not available');

      // --- scan to cart in the real UI: browser mode, Chromium driven by Playwright ---
      const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
      if (!existsSync(join(ROOT, 'out/renderer/index.html'))) skipped.push('scan to cart: the UI is not built (npx electron-vite build)');
      else if (!existsSync(chromiumPath)) skipped.push(`scan to cart: no Chromium at ${chromiumPath} (apt-get install chromium)`);
      else {
        // Loaded here: Playwright is needed only for this measure.
        const { measureScanToCart } = await import('./scan-to-cart');
        const scan = await measureScanToCart({ db: copy, scans: Math.min(200, Math.max(5, reps)) });
        measures.push(summarise('scan to cart in Chromium (browser mode, Enter → cart line on screen)', scan.times, { target: 'p95 < 30 ms', note: `p95 ${scan.p95.toFixed(1)} ms; ${scan.catalogue} products, the cart emptied every 20 scans` }));
      }
    }

    const result: BenchResult = {
      db: input,
      applied: options.apply ?? null,
      startedAt: new Date().toISOString(),
      machine: {
        cpuModel: cpus()[0]?.model ?? 'unknown',
        cpus: cpus().length,
        memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
        node: process.version,
        platform: `${platform()} ${release()}`,
        arch: arch(),
        loadavg: loadavg().map((x) => Math.round(x * 100) / 100),
      },
      data,
      measures,
      ratios,
      sizePer100kSalesMiB: data.sales > 0 ? Math.round(((fileBytes / data.sales) * 100_000 / 2 ** 20) * 10) / 10 : null,
      skipped,
      plans,
      invariantsAfter,
    };
    if (options.json) writeFileSync(options.json, `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    app?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function runChild(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((done, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? done(out) : reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${err}`))));
  });
}

/** Spawn the built browser-mode server and time process start → first page (GET /) answered. */
async function serveToFirstPage(serveJs: string, dbPath: string): Promise<number> {
  const t = nowMs();
  const child = spawn(process.execPath, [serveJs, '--db', dbPath, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const port = await listeningPort(child, 'serve.js', 20_000);
    const res = await fetch(`http://127.0.0.1:${port}/`);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`GET / answered ${res.status}`);
    return nowMs() - t;
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      child.kill('SIGTERM');
      await exited;
    }
  }
}

/** One number as a measure (n = 1): CPU per sale, a count, memory. */
function single(name: string, value: number, extra: Partial<Measure> = {}): Measure {
  return { name, n: 1, p50: value, p95: value, p99: value, mean: value, min: value, max: value, ...extra };
}

// ---------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------

function formatValue(m: Measure, v: number): string {
  if (!Number.isFinite(v)) return '–';
  if (m.note === 'ratio, not ms' || m.unit === 'ratio') return `${v.toFixed(2)}×`;
  if (m.unit === 'count') return v.toFixed(2);
  if (m.unit === 'MiB') return `${v.toFixed(1)} MiB`;
  if (m.unit === 'bytes') return `${Math.round(v).toLocaleString('en-US')} B`;
  return v < 10 ? v.toFixed(3) : v.toFixed(1);
}

/**
 * Two runs side by side (`--compare old.json new.json`): p50 and p99 of each
 * measure in both, and new ÷ old (below 1 = faster or less). Measures are
 * matched by name; one only in either run is listed with a dash.
 */
export function formatComparison(older: BenchResult, newer: BenchResult, labels: [string, string] = ['old', 'new']): string {
  const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && a !== 0 ? `${(b / a).toFixed(2)}` : '–');
  const byName = new Map(older.measures.map((m) => [m.name, m]));
  const names = [...older.measures.map((m) => m.name), ...newer.measures.map((m) => m.name).filter((n) => !byName.has(n))];
  const newByName = new Map(newer.measures.map((m) => [m.name, m]));
  const head = ['measure', `${labels[0]} p50`, `${labels[1]} p50`, 'p50 new/old', `${labels[0]} p99`, `${labels[1]} p99`, 'p99 new/old'];
  const rows = names.map((name) => {
    const a = byName.get(name);
    const b = newByName.get(name);
    return [
      name,
      a ? formatValue(a, a.p50) : '–',
      b ? formatValue(b, b.p50) : '–',
      a && b ? ratio(a.p50, b.p50) : '–',
      a ? formatValue(a, a.p99) : '–',
      b ? formatValue(b, b.p99) : '–',
      a && b ? ratio(a.p99, b.p99) : '–',
    ];
  });
  const run = (label: string, r: BenchResult) =>
    `${label}: ${r.startedAt}, ${r.data.saleLines.toLocaleString('en')} sale lines, ${r.machine.cpuModel} × ${r.machine.cpus}, load ${r.machine.loadavg.join(' ')}`;
  return [
    run(labels[0], older),
    run(labels[1], newer),
    '',
    `| ${head.join(' | ')} |`,
    `|---|${head.slice(1).map(() => '---:').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

export function formatTable(result: BenchResult): string {
  const fmt = formatValue;
  const rows = result.measures.map((m) => [m.name, String(m.n), fmt(m, m.p50), fmt(m, m.p99), m.target ?? '', m.note === 'ratio, not ms' ? '' : (m.note ?? '')]);
  const head = ['measure', 'n', 'p50 ms', 'p99 ms', 'target (large)', 'note'];
  const lines = [
    `| ${head.join(' | ')} |`,
    `|${head.map((_, i) => (i === 0 || i >= 4 ? '---' : '---:')).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
  const d = result.data;
  const m = result.machine;
  return [
    ...(result.applied ? [`with ${result.applied} applied to the copy`] : []),
    `database: ${d.sales.toLocaleString('en')} sales, ${d.saleLines.toLocaleString('en')} lines, ${d.products.toLocaleString('en')} products, ` +
      `${d.suppliers} suppliers, ${(d.fileBytes / 2 ** 20).toFixed(1)} MiB (${result.sizePer100kSalesMiB ?? '–'} MiB per 100,000 sales)`,
    `machine: ${m.cpuModel}, ${m.cpus} cpus, ${m.memoryGiB} GiB, node ${m.node}, ${m.platform}, load ${m.loadavg.join(' ')}`,
    '',
    ...lines,
    '',
    ...(result.skipped.length ? ['not measured:', ...result.skipped.map((s) => `- ${s}`)] : []),
    `invariants after the bench's writes: ${result.invariantsAfter.every((r) => r.violations === 0) ? 'all hold' : result.invariantsAfter.filter((r) => r.violations).map((r) => `${r.name} (${r.violations})`).join('; ')}`,
  ].join('\n');
}

function parseArgs(argv: string[]): BenchOptions & { compare?: [string, string] } {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const c = argv.indexOf('--compare');
  if (c >= 0) {
    const files = argv.slice(c + 1, c + 3);
    if (files.length < 2 || files.some((f) => f.startsWith('--'))) throw new Error('usage: tsx bench/run.ts --compare old.json new.json');
    return { db: '', compare: [files[0]!, files[1]!] };
  }
  const db = get('db');
  if (!db) throw new Error('usage: tsx bench/run.ts --db <file> [--json out.json] [--reps N] [--server-sales N] [--explain] [--apply file.sql] | --compare old.json new.json');
  const serverSales = get('server-sales');
  const reps = get('reps');
  return { db, json: get('json'), reps: reps ? Number(reps) : undefined, serverSales: serverSales ? Number(serverSales) : undefined, explain: argv.includes('--explain'), apply: get('apply') };
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const options = parseArgs(process.argv.slice(2));
  if (options.compare) {
    const [a, b] = options.compare.map((f) => JSON.parse(readFileSync(resolve(f), 'utf8')) as BenchResult);
    console.log(formatComparison(a!, b!, [basename(options.compare[0]), basename(options.compare[1])]));
    process.exit(0);
  }
  const result = await runBench({ ...options, log: (line) => console.log(line) });
  console.log(`\n${formatTable(result)}`);
  if (options.explain) {
    console.log('\nEXPLAIN QUERY PLAN');
    for (const p of result.plans) console.log(`\n[${p.operation}] ${p.sql.slice(0, 400)}\n${p.plan.map((l) => `  ${l}`).join('\n')}`);
  }
  if (options.json) console.log(`\nwrote ${options.json}`);
  if (!result.invariantsAfter.every((r) => r.violations === 0)) process.exit(1);
}
