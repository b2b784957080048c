/**
 * Reports and exports are made in a worker thread with its own read-only
 * connection (src/main/reports), so a manager's long export never holds up
 * a till's scan or checkout. Their content must be exactly what the core
 * computes on the main connection, as before.
 */
import { getPriority } from 'node:os';
import { isMainThread, threadId } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportInput } from '../../src/shared/contract-reports';
import { exportReport } from '../../src/main/core/export';
import { renderOfficeReportHtml } from '../../src/main/printing/documents/office-report-html';
import {
  consignmentAging,
  dashboard,
  lowStock,
  officeReport,
  payoutsByMonth,
  salesByCashier,
  salesByCategory,
  salesByDistrict,
  salesByHour,
  salesByProduct,
  salesBySupplier,
  slowMovers,
  stockReport,
} from '../../src/main/core/reports';
import { getSettings } from '../../src/main/core/settings';
import { openApp } from '../../src/main/app';
import { OFF_MAIN_THREAD, procedures } from '../../src/main/api/procedures';
import { contract } from '../../src/shared/contract';
import { seedShop, startTestApi, type Seeded, type TestApi } from '../support/api-harness';

let t: TestApi | undefined;
const mainNice = getPriority(0);
afterEach(async () => {
  await t?.close();
  t = undefined;
});

let req = 0;
async function ok<T = any>(name: string, input: unknown, token: string): Promise<T> {
  const r = await t!.api<T>(name, input, token);
  if (r.status !== 200) throw new Error(`${name} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
const sell = (s: Seeded, productId: number, qty: number, method: string, amount: number) =>
  ok('sales.checkout', { clientRequestId: `worker-${++req}-xxxxxxxx`, lines: [{ productId, qty }], payments: [{ method, amount }] }, s.cashier);

/** A month of trade: sales on several days and hours, a refund, a settlement. */
async function trade(s: Seeded): Promise<void> {
  await sell(s, s.meteId, 2, 'cash', 100_000);
  t!.clock.advance(3 * 3_600_000);
  const sale = await sell(s, s.tenunId, 1, 'qris', 350_000);
  await sell(s, s.meteId, 1, 'debit', 50_000);
  const view = await ok('sales.get', { id: sale.id }, s.manager);
  await ok('sales.refund', { saleId: sale.id, lines: [{ saleLineId: view.lines[0].id, qty: 1, restock: true }], reason: 'Tidak jadi', payments: [{ method: 'qris', amount: 350_000 }] }, s.manager);
  await ok('settlements.create', { supplierId: s.supplierId, cutoff: '2026-11-29', method: 'cash' }, s.manager);
}

const RANGE = { from: '2026-11-01', to: '2026-11-30' };

/** What each report procedure answered before the worker: the core functions on the main connection. */
function onMainConnection(app: TestApi['app'], s: Seeded): [string, unknown, () => unknown][] {
  const ctx = app.ctx;
  const reports: [string, unknown, () => unknown][] = [
    ['reports.dashboard', {}, () => dashboard(ctx)],
    ['reports.salesBySupplier', RANGE, () => salesBySupplier(ctx, RANGE)],
    ['reports.salesByProduct', RANGE, () => salesByProduct(ctx, RANGE)],
    ['reports.salesByProduct', { ...RANGE, supplierId: s.supplierId }, () => salesByProduct(ctx, { ...RANGE, supplierId: s.supplierId })],
    ['reports.salesByCategory', RANGE, () => salesByCategory(ctx, RANGE)],
    ['reports.salesByDistrict', RANGE, () => salesByDistrict(ctx, RANGE)],
    ['reports.salesByCashier', RANGE, () => salesByCashier(ctx, RANGE)],
    ['reports.salesByHour', RANGE, () => salesByHour(ctx, RANGE)],
    ['reports.stock', {}, () => stockReport(ctx, {})],
    ['reports.slowMovers', { days: 30 }, () => slowMovers(ctx, { days: 30 })],
    ['reports.lowStock', {}, () => lowStock(ctx)],
    ['reports.consignmentAging', {}, () => consignmentAging(ctx, {})],
    ['reports.payoutsByMonth', { year: 2026 }, () => payoutsByMonth(ctx, { year: 2026 })],
    ['reports.office', { month: '2026-11' }, () => officeReport(ctx, { month: '2026-11' })],
    [
      'reports.officeHtml',
      { month: '2026-11' },
      () => {
        const shop = getSettings(ctx.db);
        return {
          html: renderOfficeReportHtml({
            shop: { name: shop.shopName, address: shop.shopAddress, phone: shop.shopPhone },
            timeZone: shop.timeZone,
            printedAt: ctx.clock.now(),
            report: officeReport(ctx, { month: '2026-11' }),
          }),
        };
      },
    ],
  ];
  const exports: ExportInput['report'][] = [
    'salesBySupplier', 'salesByProduct', 'salesByCategory', 'salesByDistrict', 'salesByCashier', 'salesByHour',
    'stock', 'slowMovers', 'lowStock', 'consignmentAging', 'payoutsByMonth', 'office',
  ];
  const params: Record<string, unknown> = { stock: {}, slowMovers: { days: 30 }, lowStock: {}, consignmentAging: {}, payoutsByMonth: { year: 2026 }, office: { month: '2026-11' } };
  for (const report of exports) {
    for (const format of ['csv', 'xlsx'] as const) {
      const input = { report, params: params[report] ?? RANGE, format } as ExportInput;
      reports.push(['reports.export', input, () => exportReport(ctx, input)]);
    }
  }
  return reports;
}

/** An XLSX file as what a spreadsheet shows: sheets, cells, number formats, widths (not the zip's time stamps). */
async function workbookContent(base64: string): Promise<unknown> {
  const mod = (await import('exceljs')) as any;
  const excel = typeof mod.Workbook === 'function' ? mod : mod.default;
  const wb = new excel.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64'));
  return {
    creator: wb.creator,
    sheets: wb.worksheets.map((ws: any) => ({
      name: ws.name,
      views: ws.views,
      widths: ws.columns?.map((c: any) => c.width),
      rows: ws.getSheetValues().map((row: unknown) => row),
      formats: Array.from({ length: ws.rowCount }, (_, r) => ws.getRow(r + 1).values.map((_v: unknown, c: number) => ws.getRow(r + 1).getCell(c).numFmt ?? null)),
      bold: ws.getRow(1).font?.bold ?? null,
    })),
  };
}

describe('reports in the worker thread', () => {
  it('answers every report, export and long list exactly as computed on the main connection', async () => {
    t = await startTestApi();
    const s = await seedShop(t);
    await trade(s);
    for (const [name, input, direct] of onMainConnection(t.app, s)) {
      const viaWorker = await ok(name, input, s.manager);
      const expected = await direct();
      const label = `${name} ${JSON.stringify(input)}`;
      if (name === 'reports.export' && (input as ExportInput).format === 'xlsx') {
        const { base64, ...meta } = viaWorker as { base64: string };
        const { base64: expectedBase64, ...expectedMeta } = expected as { base64: string };
        expect(meta, label).toEqual(expectedMeta);
        expect(await workbookContent(base64), label).toEqual(await workbookContent(expectedBase64));
      } else {
        expect(viaWorker, label).toEqual(JSON.parse(JSON.stringify(expected)));
      }
    }
    // The long back-office lists: the worker runs the procedure's own handler, with the caller (role) as given.
    const manager = { userId: 2, name: 'Bu Manajer', role: 'manager' as const, tillCode: 'K1' };
    const cashier = { userId: 3, name: 'Wa Ode Kasir', role: 'cashier' as const, tillCode: 'K1' };
    const lists: [string, unknown, string, typeof manager | typeof cashier][] = [
      ['stock.nearExpiry', { days: 60 }, s.manager, manager],
      ['stock.slowMoving', { days: 1 }, s.manager, manager],
      ['stock.movements', { productId: s.meteId }, s.manager, manager],
      ['suppliers.overview', {}, s.manager, manager],
      ['suppliers.get', { id: s.supplierId }, s.manager, manager],
      ['products.list', {}, s.manager, manager],
      ['products.detail', { id: s.meteId }, s.manager, manager],
      ['intakes.list', {}, s.manager, manager],
      ['ledger.balances', {}, s.manager, manager],
      ['ledger.entries', { supplierId: s.supplierId }, s.manager, manager],
      ['settlements.list', {}, s.manager, manager],
      ['settlements.bulkPreview', { cutoff: '2026-11-29' }, s.manager, manager],
    ];
    for (const [name, input, token, actor] of lists) {
      const viaWorker = await ok(name, input, token);
      const procedure = procedures[name as keyof typeof procedures];
      expect(procedure.offMainThread, name).toBe(true);
      const parsed = contract[name as keyof typeof contract].input.parse(input);
      const onMain = await procedure.handler({ ...t.app, actor, token: null }, parsed as never);
      expect(viaWorker, `${name} as ${actor.role}`).toEqual(JSON.parse(JSON.stringify(onMain)));
    }
    const stats = t.app.reports.stats();
    expect(stats.inThread).toBe(0);
    expect(stats.worker).toBe(onMainConnection(t.app, s).length + lists.length);
    // Everything marked to run off the main thread is read-only and checked here or in the reports above.
    expect(OFF_MAIN_THREAD.filter((n) => !n.startsWith('reports.')).sort()).toEqual([...new Set(lists.map(([n]) => n))].sort());
    expect(isMainThread).toBe(true);
    expect(stats.workerThreadId).not.toBe(threadId);
    expect(stats.workerThreadId).toBeGreaterThan(0);
    if (process.platform === 'linux') {
      // The report thread gives way to the tills' thread; the main thread keeps its priority.
      expect(stats.workerNice).toBe(Math.min(19, mainNice + 10));
      expect(getPriority(0)).toBe(mainNice);
    }
  });

  it('serves a scan and a checkout while a year export is in progress in the worker', async () => {
    // The worker takes the export and then waits until we let it go: the export is "in progress" for as long as we like.
    const hold = new Int32Array(new SharedArrayBuffer(4));
    t = await startTestApi({ reports: { hold } });
    const s = await seedShop(t);
    await trade(s);
    const started = new Promise<void>((resolve, reject) => {
      t!.app.reports.events.once('started', () => resolve());
      setTimeout(() => reject(new Error('no worker picked the export up')), 20_000).unref();
    });
    let exportDone = false;
    const year = { report: 'salesByProduct', params: { from: '2026-01-01', to: '2026-12-31' }, format: 'xlsx' } as const;
    const exporting = t.api('reports.export', year, s.manager).then((r) => {
      exportDone = true;
      return r;
    });
    await started;

    const scan = await t.api('products.lookup', { code: '8991234500011' }, s.cashier);
    expect(scan.status).toBe(200);
    expect(scan.body.id).toBe(s.meteId);
    const sale = await t.api('sales.checkout', { clientRequestId: 'during-export-0001', lines: [{ productId: s.meteId, qty: 1 }], payments: [{ method: 'cash', amount: 50_000 }] }, s.cashier);
    expect(sale.status).toBe(200);
    expect(exportDone).toBe(false);

    Atomics.store(hold, 0, 1);
    Atomics.notify(hold, 0);
    const file = await exporting;
    expect(file.status).toBe(200);
    expect(file.body.filename).toBe('penjualan-produk-2026-01-01_2026-12-31.xlsx');
    // The export is a snapshot: the sale made while it waited counts when the worker read (after it was let go).
    const expected = await exportReport(t.app.ctx, year);
    expect(await workbookContent(file.body.base64)).toEqual(await workbookContent(expected.base64));
    expect(t.app.reports.stats()).toMatchObject({ worker: 1, inThread: 0 });
  });

  it('answers INTERNAL when the worker dies mid-report, and the next report gets a new worker', async () => {
    const hold = new Int32Array(new SharedArrayBuffer(4));
    t = await startTestApi({ reports: { hold } });
    const s = await seedShop(t);
    const started = new Promise<void>((resolve) => t!.app.reports.events.once('started', () => resolve()));
    const pending = t.api('reports.stock', {}, s.manager);
    await started;
    const first = t.app.reports.stats().workerThreadId;
    const logged: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      await (t.app.reports as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
      const r = await pending;
      expect(r.status).toBe(500);
      expect(r.body.error.code).toBe('INTERNAL');
    } finally {
      console.error = original;
    }
    expect(logged.some((args) => String(args[0]).startsWith('report worker stopped'))).toBe(true);
    Atomics.store(hold, 0, 1);
    const again = await t.api('reports.stock', {}, s.manager);
    expect(again.status).toBe(200);
    expect(again.body.totals.qty).toBeGreaterThan(0);
    expect(t.app.reports.stats().workerThreadId).not.toBe(first);
  });

  it('makes them on the main thread when there is no file for a worker to open (in-memory database)', async () => {
    const app = openApp(':memory:');
    try {
      expect(await app.reports.run('reports.lowStock', {}, null, async () => 'made here')).toBe('made here');
      expect(app.reports.stats()).toMatchObject({ worker: 0, inThread: 1 });
    } finally {
      app.close();
    }
  });
});
