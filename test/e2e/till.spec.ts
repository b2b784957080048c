/**
 * The till end to end, in Chromium against browser mode (`out/main/serve.js
 * --demo`): a manager points till K1 at a fake network printer through the
 * API; a cashier logs in with the PIN pad, opens the shift, scans, meets an
 * unknown barcode, pays cash with a quick button and confirms. Then the
 * printed receipt (decoded ESC/POS) and the stored sale (SQLite, read-only)
 * must both say what the screen said.
 */
import { mkdirSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import Database from 'better-sqlite3';
import { apiClient, startServer, type RunningServer } from '../support/server';
import { loginWithPinPad } from '../support/ui';
import { startFakePrinter, type FakePrinter } from '../support/fake-printer';
import { decodeEscPos } from '../support/escpos-decode';
import { DEMO_BARCODES, DEMO_LOGINS, DEMO_PRODUCT_NAMES } from '../../src/main/core/demo';
import { formatRupiah, parseRupiah } from '../../src/shared/money';

const SHOTS = '/tmp/shots';
const TILL = 'K1';
const manager = DEMO_LOGINS.find((l) => l.role === 'manager')!;
const cashier = DEMO_LOGINS.find((l) => l.role === 'cashier')!;
/** Printer settings are the admin's (issue 11). */
const ADMIN = DEMO_LOGINS.find((l) => l.role === 'admin')!;

/** What the test scans, in order: mete twice, so three lines and four units. */
const SCANS = [DEMO_BARCODES.meteOriginal, DEMO_BARCODES.kopiKolaka, DEMO_BARCODES.meteOriginal, DEMO_BARCODES.abonTuna];
const EXPECTED_QTY: Record<string, number> = {
  [DEMO_BARCODES.meteOriginal]: 2,
  [DEMO_BARCODES.kopiKolaka]: 1,
  [DEMO_BARCODES.abonTuna]: 1,
};
const NAME_BY_BARCODE: Record<string, string> = {
  [DEMO_BARCODES.meteOriginal]: DEMO_PRODUCT_NAMES.meteOriginal,
  [DEMO_BARCODES.kopiKolaka]: DEMO_PRODUCT_NAMES.kopiKolaka,
  [DEMO_BARCODES.abonTuna]: DEMO_PRODUCT_NAMES.abonTuna,
};
const UNKNOWN = '8990000000019';

interface ProductRow {
  id: number;
  barcode: string;
  name: string;
  sell_price: number;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

let server: RunningServer;
let printer: FakePrinter;

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  printer = await startFakePrinter();
  server = await startServer({ demo: true });
});

test.afterAll(async () => {
  await server?.stop();
  await printer?.close();
});

test('cashier sells by scanning, pays cash, the receipt prints and the sale is stored', async ({ page }, testInfo) => {
  // --- The manager points this till's printer at the fake printer (printers are per till). ---
  const api = apiClient(server.url);
  const login = await api<{ token: string }>('auth.login', { username: manager.username, pin: manager.pin, tillCode: TILL });
  expect(login.status).toBe(200);
  const set = await api('printers.set', { transport: { type: 'network', host: '127.0.0.1', port: printer.port }, columns: 32 }, (await api<{ token: string }>('auth.login', { username: ADMIN.username, pin: ADMIN.pin, tillCode: TILL })).body.token);
  expect(set.status, JSON.stringify(set.body)).toBe(200);
  const settings = await api<{ shopName: string }>('settings.get', {}, login.body.token);
  const shopName = settings.body.shopName;

  // Prices and stock before the sale, straight from the database.
  const before = new Database(server.dbPath, { readonly: true, fileMustExist: true });
  const barcodes = Object.keys(EXPECTED_QTY);
  const products = before
    .prepare(`SELECT id, barcode, name, sell_price FROM products WHERE barcode IN (${barcodes.map(() => '?').join(',')})`)
    .all(...barcodes) as ProductRow[];
  expect(products).toHaveLength(3);
  const remainingOf = (db: Database.Database, productId: number) =>
    (db.prepare('SELECT coalesce(sum(remaining_qty), 0) AS n FROM lots WHERE product_id = ?').get(productId) as { n: number }).n;
  const stockBefore = new Map(products.map((p) => [p.id, remainingOf(before, p.id)]));
  before.close();
  const expectedTotal = products.reduce((n, p) => n + p.sell_price * EXPECTED_QTY[p.barcode], 0);

  // --- Log in as the cashier with the PIN pad. ---
  await page.goto(server.url);
  await expect(page.getByRole('heading', { name: 'Masuk kasir' })).toBeVisible();
  await loginWithPinPad(page, cashier, TILL);

  // --- Open the shift. ---
  await expect(page.getByRole('heading', { name: 'Buka shift' })).toBeVisible();
  await expect(page.getByTestId('till-code')).toHaveText(`Kasir ${TILL}`);
  await page.getByRole('button', { name: 'Rp 200.000' }).click();
  await page.getByRole('button', { name: /^Buka shift/ }).click();
  await expect(page.getByTestId('shift-status')).toContainText('Shift buka sejak');

  // --- Scan (type + Enter); the scan field keeps the focus. ---
  const scan = page.getByTestId('scan-input');
  await page.mouse.move(0, 767); // no hover effects in the screenshots
  await expect(scan).toBeFocused();
  for (const [i, code] of SCANS.entries()) {
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
    await expect(scan).toHaveValue('');
    await expect(page.getByTestId('till-message')).toContainText(NAME_BY_BARCODE[code]);
    await expect(scan).toBeFocused();
    await expect(page.getByTestId('cart-line')).toHaveCount(new Set(SCANS.slice(0, i + 1)).size);
  }
  const lines = page.getByTestId('cart-line');
  await expect(lines).toHaveCount(3);
  await expect(lines.filter({ hasText: DEMO_PRODUCT_NAMES.meteOriginal }).getByTestId('qty-input')).toHaveValue('2');
  await expect(page.getByTestId('cart-counts')).toHaveText('3 baris · 4 barang');
  await expect(page.getByTestId('cart-total')).toHaveText(formatRupiah(expectedTotal));

  // An unknown barcode: a clear message, the field cleared, the cart untouched.
  await page.keyboard.type(UNKNOWN);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('till-message')).toHaveText(`Barang dengan kode ${UNKNOWN} tidak ditemukan`);
  await expect(scan).toHaveValue('');
  await expect(lines).toHaveCount(3);

  // The till fills 1366×768 without a page scroll bar.
  // (A string: this file is type-checked without the DOM library.)
  const overflow = await page.evaluate(`({
    y: document.documentElement.scrollHeight - window.innerHeight,
    x: document.documentElement.scrollWidth - window.innerWidth,
  })`);
  expect(overflow).toEqual({ y: 0, x: 0 });

  // Screenshot: the till with three products in the cart.
  await page.screenshot({ path: `${SHOTS}/till-cart.png` });
  await page.screenshot({ path: testInfo.outputPath('till-cart.png') });

  // --- F2: pay cash with a quick button. ---
  await page.keyboard.press('F2');
  const dialog = page.getByRole('dialog', { name: 'Pembayaran' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('pay-total')).toHaveText(formatRupiah(expectedTotal));
  await expect(dialog.getByRole('tab', { name: /Tunai/ })).toHaveAttribute('aria-selected', 'true');
  const quick = dialog.locator('.quick-btn').nth(1); // the first round amount above the total
  const tendered = parseRupiah((await quick.innerText()).trim())!;
  expect(tendered).toBeGreaterThan(expectedTotal);
  await quick.click();
  const change = tendered - expectedTotal;
  await expect(dialog.getByTestId('pay-change')).toHaveText(formatRupiah(change));
  await expect(dialog.getByTestId('pay-remaining')).toHaveText(formatRupiah(0));
  await page.mouse.move(0, 767);
  await page.screenshot({ path: `${SHOTS}/payment-dialog.png` });
  await page.screenshot({ path: testInfo.outputPath('payment-dialog.png') });

  // Enter confirms.
  await page.keyboard.press('Enter');
  const done = page.getByTestId('sale-done');
  await expect(done).toBeVisible();
  await expect(done).toContainText('Transaksi berhasil');
  const saleNumber = (await page.getByTestId('sale-number').innerText()).trim();
  expect(saleNumber).toMatch(new RegExp(`^${TILL}-\\d{8}-\\d{4}$`));
  await expect(page.getByTestId('sale-change')).toHaveText(formatRupiah(change));
  await expect(page.getByTestId('print-status')).toHaveAttribute('data-status', 'printed', { timeout: 15_000 });
  await page.screenshot({ path: `${SHOTS}/sale-done.png` });

  // --- The receipt as the printer got it. ---
  const jobs = await printer.waitForJobs(1, 15_000);
  const receipts = jobs.map((bytes) => decodeEscPos(bytes, { columns: 32 })).filter((d) => d.lines.some((l) => l.includes(saleNumber)));
  expect(receipts, 'one receipt job carries the sale number').toHaveLength(1);
  const receipt = receipts[0];
  const text = squash(receipt.lines.join('\n'));
  expect(text).toContain(squash(shopName));
  expect(text).toContain(saleNumber);
  for (const p of products) expect(text).toContain(squash(p.name.slice(0, 20)));
  expect(text).toContain('TOTAL');
  expect(text).toContain('Tunai');
  expect(text).toContain('Kembali');
  expect(receipt.drawerPulses).toBeGreaterThanOrEqual(1);
  expect(receipt.cuts).toBeGreaterThanOrEqual(1);

  // --- The sale as stored. ---
  const db = new Database(server.dbPath, { readonly: true, fileMustExist: true });
  try {
    const sales = db.prepare('SELECT * FROM sales').all() as {
      id: number;
      number: string;
      till_code: string;
      total: number;
      paid: number;
      change: number;
    }[];
    expect(sales, 'exactly one sale').toHaveLength(1);
    const sale = sales[0];
    expect(sale.number).toBe(saleNumber);
    expect(sale.till_code).toBe(TILL);
    expect(sale.total).toBe(expectedTotal);
    expect(sale.paid).toBe(tendered);
    expect(sale.change).toBe(change);

    const saleLines = db.prepare('SELECT product_id, qty, unit_price, line_total FROM sale_lines WHERE sale_id = ? ORDER BY line_no').all(sale.id) as {
      product_id: number;
      qty: number;
      unit_price: number;
      line_total: number;
    }[];
    expect(saleLines).toHaveLength(3);
    for (const p of products) {
      const line = saleLines.find((l) => l.product_id === p.id);
      expect(line, p.name).toBeDefined();
      expect(line!.qty).toBe(EXPECTED_QTY[p.barcode]);
      expect(line!.unit_price).toBe(p.sell_price);
      expect(line!.line_total).toBe(p.sell_price * EXPECTED_QTY[p.barcode]);
    }

    const payments = db.prepare('SELECT method, amount, reference FROM payments WHERE sale_id = ?').all(sale.id);
    expect(payments).toEqual([{ method: 'cash', amount: tendered, reference: null }]);

    for (const p of products) {
      expect(remainingOf(db, p.id), `stock of ${p.name}`).toBe(stockBefore.get(p.id)! - EXPECTED_QTY[p.barcode]);
    }
  } finally {
    db.close();
  }

  // --- Enter starts a new sale: empty cart, scan field focused. ---
  await page.keyboard.press('Enter');
  await expect(done).toBeHidden();
  await expect(page.getByTestId('cart-total')).toHaveText(formatRupiah(0));
  await expect(scan).toBeFocused();
});
