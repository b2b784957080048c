/**
 * CI-sized smoke run of the benchmark harness: generate the `tiny` database,
 * check its invariants (and that the checks do catch a broken row), run every
 * measure with very few repetitions. No timing assertions.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, salesDays, SCALES, type GenerateResult } from '../../bench/generate';
import { runBench, formatComparison, formatTable, type BenchResult } from '../../bench/run';
import { checkInvariants } from '../../bench/invariants';
import { openDb } from '../../src/db';

describe('benchmark harness (tiny)', () => {
  let dir: string;
  let dbPath: string;
  let generated: GenerateResult;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kasir-bench-smoke-'));
    dbPath = join(dir, 'tiny.db');
    generated = generate({ scale: 'tiny', out: dbPath, seed: 42 });
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('generates history at every scale: the last day of sales is before today, and five years end where one year does', () => {
    // The bench settles the last month and a settlement's cutoff may not be after today.
    const today = new Date().toISOString().slice(0, 10);
    for (const [scale, spec] of Object.entries(SCALES)) expect(salesDays(spec).lastDay < today, scale).toBe(true);
    expect(salesDays(SCALES.xlarge).lastDay).toBe(salesDays(SCALES.large).lastDay);
    expect(salesDays(SCALES.xlarge)).toEqual({ firstDay: '2021-11-02', lastDay: '2026-10-31' });
  });

  it('generates the tiny database through the real migrations with every invariant holding', () => {
    expect(generated.ok).toBe(true);
    expect(generated.invariants.length).toBeGreaterThan(15);
    for (const r of generated.invariants) expect(r, r.name).toMatchObject({ violations: 0 });
    expect(generated.counts).toMatchObject({ suppliers: 5, products: 200, shifts: 3, sales: 150 });
    expect(generated.counts.saleLines).toBeGreaterThanOrEqual(150);
    expect(generated.counts.ledgerEntries).toBe(generated.counts.saleLineLots);

    const db = openDb(dbPath, { readonly: true });
    try {
      const sqlite = db.$client;
      // The app continues the numbering: the counter of each day matches its last sale.
      const seq = sqlite.prepare(`SELECT last FROM doc_sequences WHERE scope = 'sale:K1:20251101'`).pluck().get();
      expect(seq).toBe(50);
      expect(sqlite.prepare(`SELECT number FROM sales ORDER BY id LIMIT 1`).pluck().get()).toBe('K1-20251101-0001');
      expect(sqlite.prepare(`SELECT count(*) FROM shifts WHERE closed_at IS NULL`).pluck().get()).toBe(0);
    } finally {
      db.$client.close();
    }
  });

  it('is deterministic from the seed', () => {
    const again = join(dir, 'again.db');
    const second = generate({ scale: 'tiny', out: again, seed: 42 });
    expect(second.counts).toEqual(generated.counts);
    const digest = (path: string) => {
      const db = new Database(path, { readonly: true });
      try {
        return db
          .prepare(
            `SELECT group_concat(number || ':' || client_request_id || ':' || total || ':' || paid, ',') FROM (SELECT * FROM sales ORDER BY id)`,
          )
          .pluck()
          .get();
      } finally {
        db.close();
      }
    };
    expect(digest(again)).toBe(digest(dbPath));
  });

  it('invariant checks catch a broken row', () => {
    const broken = join(dir, 'broken.db');
    generate({ scale: { suppliers: 2, products: 20, days: 1, salesPerDay: 10 }, out: broken, seed: 7 });
    const db = openDb(broken);
    try {
      db.$client.exec(`UPDATE sales SET total = total + 1 WHERE id = 1`);
      db.$client.exec(`UPDATE lots SET remaining_qty = remaining_qty + 1 WHERE id = 1`);
      const failed = checkInvariants(db).filter((r) => r.violations > 0).map((r) => r.name);
      expect(failed).toContain('sale: lines sum to subtotal and total');
      expect(failed.some((n) => n.startsWith('lot:'))).toBe(true);
    } finally {
      db.$client.close();
    }
  });

  it('runs every measure on a copy and leaves the input untouched', async () => {
    const before = statSync(dbPath).mtimeMs;
    const json = join(dir, 'bench.json');
    const result: BenchResult = await runBench({ db: dbPath, reps: 2, json });
    expect(statSync(dbPath).mtimeMs).toBe(before);

    const names = result.measures.map((m) => m.name);
    for (const prefix of [
      'checkout, service',
      'checkout, floor',
      'checkout ratio',
      'checkout, HTTP',
      'scan (products.lookup), HTTP, idle',
      'checkout, HTTP, idle (just before the exports)',
      'scan (products.lookup), HTTP, during a 3-day XLSX export (report worker)',
      'checkout, HTTP, during a 3-day XLSX export (report worker)',
      '3-day export, sales by product, XLSX, HTTP (report worker)',
      'scan (products.lookup), HTTP, during a 3-day XLSX export (reports on the main thread, as before)',
      'checkout, HTTP, during a 3-day XLSX export (reports on the main thread, as before)',
      'barcode lookup',
      'name search',
      'settlement preview',
      'settlement create',
      'balances',
      'Z report',
      'sales by supplier, one month',
      'sales by supplier, all',
      'cold start: open + migrate + first lookup',
      'checkout, HTTP, server as its own process',
      'checkout ratio API (HTTP, server as its own process) / floor',
      'checkout, HTTP, server as its own process, client fetch (alternated',
      'checkout, HTTP, server as its own process, client node:http, kept connection (alternated',
      'server CPU per sale',
      'checkout, floor CPU per sale',
      'receipt on paper',
      'checkout, HTTP, server as its own process, printer out of paper',
      'paper out: answer → receipt job reported failed',
      'database growth per sale through the API',
      'browser mode resident memory',
    ]) {
      expect(names.some((n) => n.startsWith(prefix)), prefix).toBe(true);
    }
    const floorCpu = result.measures.find((m) => m.name.startsWith('checkout, floor CPU per sale'))!;
    expect(floorCpu.p50).toBeGreaterThan(0);
    expect(result.measures.find((m) => m.name.startsWith('checkout, service'))!.note).toMatch(/^CPU \d+\.\d\d ms per sale$/);
    for (const m of result.measures) {
      expect(m.n, m.name).toBeGreaterThan(0);
      expect(Number.isFinite(m.p50) && Number.isFinite(m.p99), m.name).toBe(true);
    }
    expect(result.data.sales).toBe(150);
    expect(result.sizePer100kSalesMiB).toBeGreaterThan(0);
    expect(result.machine.cpus).toBeGreaterThan(0);
    for (const r of result.invariantsAfter) expect(r, r.name).toMatchObject({ violations: 0 });
    expect(formatTable(result)).toContain('checkout, service');
    // Every sale of the child-process run printed at the fake network printer, and the fsync count is a count.
    const fsync = result.measures.find((m) => m.name.startsWith('fsync + fdatasync'));
    if (fsync) {
      expect(fsync.unit).toBe('count');
      expect(fsync.p50).toBeGreaterThan(0);
    } else {
      // strace missing or not allowed to attach: said so, not silently left out.
      expect(result.skipped.some((s) => s.startsWith('fsync per sale:'))).toBe(true);
    }
    expect(result.measures.find((m) => m.name.startsWith('receipt on paper'))!.n).toBeGreaterThan(0);
    // Scan to cart in the real UI (Chromium, the built app): every scan reached the cart.
    const scan = result.measures.find((m) => m.name.startsWith('scan to cart in Chromium'));
    expect(scan, result.skipped.join('; ')).toBeDefined();
    expect(scan!.n).toBe(5);
    expect(scan!.p95).toBeGreaterThan(0);
    // The server's sales grew the file: a sale's rows, its receipt job and its key take bytes.
    const growth = result.measures.find((m) => m.name.startsWith('database growth per sale'))!;
    expect(growth.unit).toBe('bytes');
    expect(growth.p50).toBeGreaterThan(500);
    expect(formatTable(result)).toMatch(/database growth per sale[^\n]*\| [\d,]+ B \|/);

    // --compare: both runs side by side with the ratio per measure.
    const older = { ...result, measures: result.measures.map((m) => ({ ...m, p50: m.p50 * 2, p99: m.p99 * 2 })) };
    const table = formatComparison(older, result, ['a.json', 'b.json']);
    const row = table.split('\n').find((l) => l.startsWith('| checkout, service'))!;
    expect(row.split('|').map((c) => c.trim())).toContain('0.50');
    expect(table).toContain('a.json p50');
  });
});
