/**
 * Quantities typed by a person are whole numbers, and anything else is said, never read as another
 * number. Before, every quantity field dropped what was not a digit: "2,5" became 25 units (a return
 * to the supplier took 25 out of stock), "-3" became 3. And a stock count's typed numbers were lost
 * without a word when the manager left the screen before "Simpan hitungan".
 * End to end in Chromium against browser mode (`out/main/serve.js --demo`), at 1366×768.
 */
import { mkdirSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { queryDb, startServer, type RunningServer } from '../support/server';
import { loginWithPinPad, scanLikeAScanner } from '../support/ui';
import { DEMO_BARCODES, DEMO_LOGINS } from '../../src/main/core/demo';

const SHOTS = '/tmp/shots';
const manager = DEMO_LOGINS.find((l) => l.role === 'manager')!;
const cashier = DEMO_LOGINS.find((l) => l.role === 'cashier')!;
let server: RunningServer;

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ demo: true });
});
test.afterAll(async () => {
  await server?.stop();
});

const query = <T>(sql: string, ...params: unknown[]): T[] => queryDb<T>(server.dbPath, sql, ...params);
const meteRow = () => query<{ id: number; supplier_id: number; name: string }>('SELECT id, supplier_id, name FROM products WHERE barcode = ?', DEMO_BARCODES.meteOriginal)[0]!;

async function backOffice(page: Page, till: string, hash: string, title: string) {
  await page.goto(server.url);
  await loginWithPinPad(page, manager, till);
  await expect(page.getByTestId('shift-status')).toBeVisible();
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
  await expect(page.locator('.bo-title')).toHaveText(title);
}

test('a return to the supplier: "2,5", "-3" and more than the lot holds are said on the line and never saved', async ({ page }) => {
  const mete = meteRow();
  const returnsBefore = query<{ n: number }>('SELECT count(*) AS n FROM returns')[0]!.n;
  await backOffice(page, 'K2', '#/returns', 'Retur ke pemasok');
  await page.getByLabel('Pemasok', { exact: true }).selectOption(String(mete.supplier_id));
  const row = page.getByTestId('return-lot').filter({ hasText: mete.name }).first();
  const qty = row.getByLabel(`Jumlah retur ${mete.name}`);
  const remaining = Number((await row.locator('td.num').first().innerText()).replace(/\D/g, ''));
  expect(remaining).toBeGreaterThan(1);

  await qty.fill('2,5');
  await expect(qty).toHaveValue('2,5');
  await expect(row.getByRole('alert')).toHaveText('Jumlah harus bilangan bulat 1–100.000');
  await expect(page.getByTestId('return-units')).toHaveText('0');
  await qty.fill('-3');
  await expect(row.getByRole('alert')).toHaveText('Jumlah harus bilangan bulat 1–100.000');
  await qty.fill(String(remaining + 89));
  await expect(row.getByRole('alert')).toHaveText(`Melebihi sisa lot (paling banyak ${remaining})`);
  await page.mouse.move(0, 767);
  await page.screenshot({ path: `${SHOTS}/return-qty-refused.png` });
  expect(query<{ n: number }>('SELECT count(*) AS n FROM returns')[0]!.n).toBe(returnsBefore);

  await qty.fill('2');
  await expect(row.getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('return-units')).toHaveText('2');
});

test('a stock count: typed counts survive leaving the screen and logging out, until saved; "2,5" is no count', async ({ page }) => {
  const mete = meteRow();
  await backOffice(page, 'K3', '#/stock-count', 'Stok opname');
  await page.getByRole('radio', { name: 'Satu pemasok' }).check();
  await page.getByRole('combobox', { name: 'Pemasok' }).selectOption(String(mete.supplier_id));
  await page.getByRole('button', { name: 'Mulai hitung' }).click();
  const counted = page.getByLabel(`Hitungan fisik ${mete.name}`).first();
  await counted.fill('2,5');
  await expect(page.getByRole('alert').filter({ hasText: 'Hitungan harus bilangan bulat 0 atau lebih' })).toBeVisible();
  await counted.fill('17');
  await expect(page.getByTestId('count-unsaved')).toContainText('1 hitungan belum disimpan');

  // Away and back, then out and in again: the 17 is still there, and still to be saved.
  await page.getByRole('button', { name: /Daftar stok opname/ }).click();
  await page.locator('.table-click tbody tr').first().click();
  await expect(counted).toHaveValue('17');
  await page.getByRole('button', { name: 'Keluar' }).click();
  await loginWithPinPad(page, manager, 'K3');
  await expect(page.getByTestId('shift-status')).toBeVisible();
  await page.evaluate("window.location.hash = '#/stock-count'");
  await page.locator('.table-click tbody tr').first().click();
  await expect(counted).toHaveValue('17');
  await expect(page.getByTestId('count-unsaved')).toContainText('1 hitungan belum disimpan');
  expect(query('SELECT count(*) AS n FROM stock_count_lines WHERE counted_qty IS NOT NULL')).toEqual([{ n: 0 }]);

  await page.getByRole('button', { name: /^Simpan hitungan/ }).click();
  await expect(page.getByTestId('count-unsaved')).toHaveCount(0);
  expect(query<{ q: number }>('SELECT counted_qty AS q FROM stock_count_lines WHERE counted_qty IS NOT NULL')).toEqual([{ q: 17 }]);
  await page.reload();
  await expect(page.getByTestId('count-unsaved')).toHaveCount(0);
});

test('the till: a line quantity of "2,5" is refused with a message, never 25', async ({ page }) => {
  await page.goto(server.url);
  await loginWithPinPad(page, cashier, 'K4');
  await page.getByRole('button', { name: 'Rp 200.000' }).click();
  await page.getByRole('button', { name: /^Buka shift/ }).click();
  await expect(page.getByTestId('scan-input')).toBeFocused();
  await scanLikeAScanner(page, DEMO_BARCODES.kopiKolaka);
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  const qty = page.getByTestId('qty-input');
  await qty.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2,5', { delay: 80 });
  await page.keyboard.press('Enter');
  await expect(qty).toHaveValue('1');
  await expect(page.getByText('Jumlah harus bilangan bulat 1 atau lebih')).toBeVisible();
});

test('a return half written survives a look at the return history', async ({ page }) => {
  const mete = meteRow();
  await backOffice(page, 'K5', '#/returns', 'Retur ke pemasok');
  await page.getByLabel('Pemasok', { exact: true }).selectOption(String(mete.supplier_id));
  const qty = page.getByTestId('return-lot').filter({ hasText: mete.name }).first().getByLabel(`Jumlah retur ${mete.name}`);
  await qty.fill('2');
  await page.getByRole('tab', { name: 'Riwayat retur' }).click();
  await expect(qty).toBeHidden();
  await page.getByRole('tab', { name: 'Buat retur' }).click();
  await expect(page.getByLabel('Pemasok', { exact: true })).toHaveValue(String(mete.supplier_id));
  await expect(qty).toHaveValue('2');
  await expect(page.getByTestId('return-units')).toHaveText('2');
});
