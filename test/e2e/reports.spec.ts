/**
 * Reports end to end, in Chromium against browser mode (`out/main/serve.js
 * --demo`): a cashier makes two sales through the API; the manager logs in,
 * the "Administrasi" (back office) button lands on the dashboard (today's sales KPI shows
 * exactly what was sold, the daily chart is an SVG with bars), then opens
 * the office report (laporan UMKM) for this month: a row per district with
 * the district's sales, the A4 page in a sandboxed frame, and an XLSX export
 * downloaded and read back with exceljs (rupiah cells are numbers equal to
 * sums written out here).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { test, expect, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { apiClient, startServer, type RunningServer } from '../support/server';
import { loginWithPinPad } from '../support/ui';
import { DEMO_BARCODES, DEMO_LOGINS } from '../../src/main/core/demo';
import { formatRupiah } from '../../src/shared/money';

const SHOTS = '/tmp/shots';
const manager = DEMO_LOGINS.find((l) => l.role === 'manager')!;
const cashier = DEMO_LOGINS.find((l) => l.role === 'cashier')!;

interface Product {
  id: number;
  name: string;
  sellPrice: number;
  supplierId: number | null;
}
interface Supplier {
  id: number;
  name: string;
  district: string | null;
}

let server: RunningServer;

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ demo: true });
});

test.afterAll(async () => {
  await server?.stop();
});

async function shot(page: Page, name: string) {
  await page.mouse.move(0, 767); // no hover effects in the screenshots
  await page.screenshot({ path: `${SHOTS}/reports-${name}.png` });
}

test('dashboard shows the day’s sales and a chart; the office report lists districts and exports XLSX with rupiah as numbers', async ({ page }) => {
  test.setTimeout(120_000);
  const api = apiClient(server.url);

  // --- Cashier (API): open a shift and ring up two sales. ---
  const csh = await api<{ token: string }>('auth.login', { username: cashier.username, pin: cashier.pin, tillCode: 'K2' });
  expect(csh.status).toBe(200);
  const ctok = csh.body.token;
  expect((await api('shifts.open', { openingFloat: 500_000 }, ctok)).status).toBe(200);
  const lookup = async (code: string) => {
    const r = await api<Product>('products.lookup', { code }, ctok);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  const mete = await lookup(DEMO_BARCODES.meteOriginal);
  const abon = await lookup(DEMO_BARCODES.abonTuna);
  const kopi = await lookup(DEMO_BARCODES.kopiKolaka);
  const sarung = await lookup(DEMO_BARCODES.sarungTenun);
  const sales = [
    [
      { product: mete, qty: 2 },
      { product: abon, qty: 1 },
    ],
    [
      { product: kopi, qty: 3 },
      { product: sarung, qty: 1 },
    ],
  ];
  let expectedTotal = 0;
  for (const [i, lines] of sales.entries()) {
    const r = await api<{ total: number }>(
      'sales.checkout',
      { clientRequestId: `reports-e2e-${i}`, lines: lines.map((l) => ({ productId: l.product.id, qty: l.qty })), payments: [{ method: 'cash', amount: 2_000_000 }] },
      ctok,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expectedTotal += r.body.total;
  }
  // Written out by hand: 2 × 65.000 + 35.000 and 3 × 45.000 + 450.000.
  expect(expectedTotal).toBe(165_000 + 585_000);

  // Expected gross per district, from the products' suppliers.
  const mgr = await api<{ token: string }>('auth.login', { username: manager.username, pin: manager.pin, tillCode: 'K9' });
  expect(mgr.status).toBe(200);
  const suppliers = (await api<Supplier[]>('suppliers.list', {}, mgr.body.token)).body;
  const districtOf = (p: Product) => suppliers.find((s) => s.id === p.supplierId)!.district ?? '(tanpa kabupaten)';
  const byDistrict = new Map<string, number>();
  for (const lines of sales) for (const l of lines) byDistrict.set(districtOf(l.product), (byDistrict.get(districtOf(l.product)) ?? 0) + l.qty * l.product.sellPrice);
  expect([...byDistrict.values()].reduce((a, b) => a + b, 0)).toBe(expectedTotal);

  // --- Manager (browser): PIN pad login, then Administrasi → Dasbor. ---
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || (m.type() === 'warning' && /recharts|width\(|Content Security Policy/i.test(m.text()))) problems.push(`${m.type()}: ${m.text()}`);
  });
  await page.goto(server.url);
  await expect(page.getByRole('heading', { name: 'Masuk kasir' })).toBeVisible();
  await loginWithPinPad(page, manager, 'K1');
  await page.getByRole('link', { name: 'Administrasi' }).click();
  await expect(page).toHaveURL(/#\/dashboard$/);
  await expect(page.getByRole('heading', { name: 'Dasbor', level: 1 })).toBeVisible();

  await expect(page.getByTestId('kpi-today-sales')).toHaveText(formatRupiah(expectedTotal));
  await expect(page.getByTestId('kpi-today-sales')).toHaveText(/^Rp \d{1,3}(\.\d{3})*$/);
  await expect(page.getByTestId('kpi-today-transactions')).toHaveText('2');
  await expect(page.getByTestId('kpi-today-basket')).toHaveText(formatRupiah(Math.round(expectedTotal / 2)));
  await expect(page.getByTestId('kpi-month-sales')).toHaveText(formatRupiah(expectedTotal));
  // All paid in cash (change given back): the cash line is the sales total, QRIS is zero.
  await expect(page.getByTestId('kpi-today-method-cash')).toContainText(formatRupiah(expectedTotal));
  await expect(page.getByTestId('kpi-today-method-qris')).toContainText('Rp 0');
  const chart = page.getByTestId('daily-chart');
  await expect(chart.locator('svg.recharts-surface').first()).toBeVisible();
  await expect(chart.locator('.recharts-bar-rectangle path, .recharts-bar-rectangle rect').first()).toBeVisible();
  // Rupiah on the axis in short form.
  await expect(chart.getByText(/^Rp \d+(,\d)? (rb|jt)$/).first()).toBeVisible();
  // Tooltip: today's bar in full rupiah.
  await chart.locator('.recharts-bar-rectangle').last().hover();
  await expect(chart.locator('.recharts-tooltip-wrapper')).toContainText(formatRupiah(expectedTotal));
  await expect(page.getByTestId('top-products')).toContainText(mete.name);
  const overflow = await page.evaluate(`({ x: document.documentElement.scrollWidth - window.innerWidth })`);
  expect(overflow).toEqual({ x: 0 });
  await shot(page, 'dashboard');

  // --- Office report for the current month. ---
  await page.getByRole('navigation').getByRole('link', { name: 'Laporan UMKM' }).click();
  await expect(page.getByRole('heading', { name: 'Laporan UMKM', level: 1 })).toBeVisible();
  const rows = page.getByTestId('office-district-row');
  for (const [district, gross] of byDistrict) {
    const row = rows.filter({ has: page.getByText(district, { exact: true }) });
    await expect(row).toHaveCount(1);
    await expect(row.locator('td[data-col="gross"]')).toHaveText(formatRupiah(gross));
  }
  await expect(page.getByTestId('office-district-table-total').locator('td[data-col="gross"]')).toHaveText(formatRupiah(expectedTotal));
  await expect(page.getByTestId('office-district-chart').locator('svg.recharts-surface').first()).toBeVisible();
  await shot(page, 'office');

  // The A4 page: the server's HTML in a sandboxed frame.
  await page.getByTestId('office-print').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  const frame = page.frameLocator('[data-testid="office-frame"]');
  await expect(frame.locator('body')).toContainText([...byDistrict.keys()][0]!);
  await expect(page.getByTestId('office-frame')).toHaveAttribute('sandbox', 'allow-same-origin allow-modals');
  await shot(page, 'office-a4');
  await dialog.getByRole('button', { name: 'Tutup' }).click();
  await expect(dialog).toBeHidden();

  // --- XLSX export, read back with exceljs. ---
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: /Unduh XLSX/ }).first().click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^laporan-umkm-\d{4}-\d{2}\.xlsx$/);
  const file = join(tmpdir(), `reports-e2e-${Date.now()}.xlsx`);
  await download.saveAs(file);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('Per kabupaten');
  expect(ws, wb.worksheets.map((w) => w.name).join(', ')).toBeTruthy();
  // A title row and a period row, a blank row, then the table.
  expect(String(ws!.getRow(1).getCell(1).value)).toMatch(/^Laporan UMKM: Per kabupaten — /);
  expect(String(ws!.getRow(2).getCell(1).value)).toMatch(/\(Periode \d{2}\/\d{2}\/\d{4} s\.d\. \d{2}\/\d{2}\/\d{4}\)$/);
  const header = (ws!.getRow(4).values as unknown[]).map((v) => (v == null ? '' : String(v)));
  const districtCol = header.indexOf('Kabupaten/kota');
  const grossCol = header.indexOf('Penjualan');
  expect(districtCol).toBeGreaterThan(0);
  expect(grossCol).toBeGreaterThan(0);
  const sheetRows = new Map<string, ExcelJS.Cell>();
  ws!.eachRow((row, n) => {
    if (n > 4) sheetRows.set(String(row.getCell(districtCol).value), row.getCell(grossCol));
  });
  for (const [district, gross] of byDistrict) {
    const cell = sheetRows.get(district);
    expect(cell, district).toBeTruthy();
    expect(typeof cell!.value).toBe('number');
    expect(cell!.value).toBe(gross);
    expect(cell!.numFmt).toContain('Rp');
  }
  const total = sheetRows.get('TOTAL');
  expect(typeof total!.value).toBe('number');
  expect(total!.value).toBe(expectedTotal);

  // --- The other report screens render at 1366×768 without sideways scrolling. ---
  const nav = page.getByRole('navigation');
  await nav.getByRole('link', { name: 'Laporan penjualan' }).click();
  await page.getByRole('tab', { name: 'Per kabupaten' }).click();
  await expect(page.getByTestId('district-chart').locator('svg.recharts-surface').first()).toBeVisible();
  await expect(page.getByTestId('sales-district-table-total').locator('td[data-col="gross"]')).toHaveText(formatRupiah(expectedTotal));
  await shot(page, 'sales-district');
  await page.getByRole('tab', { name: 'Per jam' }).click();
  await expect(page.getByTestId('hour-chart').locator('svg.recharts-surface').first()).toBeVisible();
  await shot(page, 'sales-hour');
  await page.getByRole('tab', { name: 'Per barang' }).click();
  await page.getByRole('button', { name: 'Pilih tanggal' }).click();
  await expect(page.getByTestId('sales-product-table').getByTestId('sales-row')).toHaveCount(4);
  await shot(page, 'sales-product');
  await nav.getByRole('link', { name: 'Laporan stok' }).click();
  await expect(page.getByTestId('stock-table-total')).toBeVisible();
  await shot(page, 'stock');
  await page.locator('.bo-main').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(page.getByTestId('slow-movers')).toBeVisible();
  await shot(page, 'stock-bottom');
  await nav.getByRole('link', { name: 'Laporan konsinyasi' }).click();
  await expect(page.getByTestId('aging-table-total').locator('td[data-col="balance"]')).not.toHaveText('Rp 0');
  await shot(page, 'consignment');
  expect(await page.evaluate(`({ x: document.documentElement.scrollWidth - window.innerWidth })`)).toEqual({ x: 0 });
  // English switch: the same dashboard, English labels, rupiah unchanged.
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await nav.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await expect(page.getByTestId('kpi-today-sales')).toHaveText(formatRupiah(expectedTotal));
  await expect(page.getByTestId('daily-chart').getByText(/^Rp \d+(\.\d)?K$/).first()).toBeVisible();
  await shot(page, 'dashboard-en');
  // No script errors, no CSP violations, no chart sizing warnings along the way.
  expect(problems).toEqual([]);
});
