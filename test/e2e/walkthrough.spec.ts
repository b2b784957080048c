/**
 * The walkthrough of docs/walkthrough.md, played in Chromium at 1366×768 in
 * Bahasa Indonesia against browser mode with demo data: a new cashier's
 * first sale, then a manager's intake → settlement. It checks each step as
 * it goes and takes the small screenshots the document shows (half scale).
 *
 * `npm test` writes them to /tmp; to refresh the ones in the docs:
 *
 *     npm run build && WALKTHROUGH_DIR=docs/walkthrough npx playwright test test/e2e/walkthrough.spec.ts
 *
 * The decoded receipt and settlement slip are written beside them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { apiClient, startServer, type RunningServer } from '../support/server';
import { loginWithPinPad } from '../support/ui';
import { startFakePrinter, type FakePrinter } from '../support/fake-printer';
import { decodeEscPos } from '../support/escpos-decode';
import { DEMO_BARCODES, DEMO_LOGINS, DEMO_PRODUCT_NAMES } from '../../src/main/core/demo';
import { formatRupiah } from '../../src/shared/money';

const DIR = process.env.WALKTHROUGH_DIR ?? '/tmp/shots/walkthrough';
const cashier = DEMO_LOGINS.find((l) => l.role === 'cashier')!;
const manager = DEMO_LOGINS.find((l) => l.role === 'manager')!;
const YEAR = Math.max(2027, new Date().getFullYear() + 1);

let server: RunningServer;
let printer: FakePrinter;

test.beforeAll(async () => {
  mkdirSync(DIR, { recursive: true });
  printer = await startFakePrinter();
  server = await startServer({ demo: true });
  const api = apiClient(server.url);
  // Both tills print to the fake printer (58 mm, 32 columns); the admin sets printers.
  const admin = DEMO_LOGINS.find((l) => l.role === 'admin')!;
  for (const till of ['K1', 'K2']) {
    const tok = (await api<{ token: string }>('auth.login', { username: admin.username, pin: admin.pin, tillCode: till })).body.token;
    expect((await api('printers.set', { transport: { type: 'network', host: '127.0.0.1', port: printer.port }, columns: 32 }, tok)).status).toBe(200);
  }
});

test.afterAll(async () => {
  await server?.stop();
  await printer?.close();
});

/** A half-scale picture of the 1366×768 screen (drawn again at half size by Chromium, so blur and text stay clean). */
async function shot(page: Page, name: string) {
  await page.mouse.move(0, 767);
  const full = await page.screenshot();
  const small = await page.context().browser()!.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 0.5 });
  const view = await small.newPage();
  await view.setContent(`<body style="margin:0"><img style="display:block;width:1366px;height:768px" src="data:image/png;base64,${full.toString('base64')}"></body>`);
  await view.screenshot({ path: join(DIR, `${name}.png`) });
  await small.close();
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The decoded text of the newest print job that contains `marker`. */
async function printed(marker: string): Promise<string> {
  let found: string | undefined;
  await expect
    .poll(
      () => {
        found = printer
          .jobs()
          .map((b) => decodeEscPos(b, { columns: 32 }).lines.join('\n'))
          .reverse()
          .find((t) => t.includes(marker));
        return found !== undefined;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  return found!;
}

test('a new cashier’s first sale', async ({ page }) => {
  await page.goto(server.url);
  await expect(page.getByRole('heading', { name: 'Masuk kasir' })).toBeVisible();
  await page.getByLabel('Nama pengguna').fill(cashier.username);
  await page.getByLabel('Kode mesin').fill('K1');
  await shot(page, '01-login');
  await loginWithPinPad(page, cashier, 'K1');

  await expect(page.getByRole('heading', { name: 'Buka shift' })).toBeVisible();
  await expect(page.getByTestId('till-code')).toHaveText('Mesin K1');
  await page.getByRole('button', { name: 'Rp 200.000' }).click();
  await shot(page, '02-open-shift');
  await page.getByRole('button', { name: /^Buka shift/ }).click();
  await expect(page.getByTestId('shift-status')).toContainText('Shift buka sejak');

  const scan = page.getByTestId('scan-input');
  await expect(scan).toBeFocused();
  for (const [i, code] of [DEMO_BARCODES.meteOriginal, DEMO_BARCODES.kopiKolaka].entries()) {
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('cart-line')).toHaveCount(i + 1);
  }
  await expect(page.getByTestId('cart-line')).toHaveCount(2);
  await expect(page.getByTestId('cart-counts')).toHaveText('2 baris · 2 barang');
  await shot(page, '03-cart');

  await page.keyboard.press('F2');
  const pay = page.getByRole('dialog', { name: 'Pembayaran' });
  await expect(pay).toBeVisible();
  const total = (await pay.getByTestId('pay-total').innerText()).trim();
  await pay.locator('.quick-btn').nth(1).click();
  await shot(page, '04-payment');
  await page.keyboard.press('Enter');
  const done = page.getByTestId('sale-done');
  await expect(done).toContainText('Transaksi berhasil');
  const number = (await page.getByTestId('sale-number').innerText()).trim();
  await expect(page.getByTestId('print-status')).toHaveAttribute('data-status', 'printed', { timeout: 15_000 });
  await shot(page, '05-sale-done');

  const receipt = await printed(number);
  expect(squash(receipt)).toContain('Mesin: K1');
  expect(squash(receipt)).toContain(`TOTAL ${total}`);
  writeFileSync(join(DIR, 'receipt.txt'), receipt + '\n');
});

test('a manager’s intake, then the supplier’s settlement', async ({ page }) => {
  const api = apiClient(server.url);
  const tok = (await api<{ token: string }>('auth.login', { username: manager.username, pin: manager.pin, tillCode: 'K2' })).body.token;
  const mete = (await api<{ id: number; supplierId: number; supplierName: string }>('products.lookup', { code: DEMO_BARCODES.meteOriginal }, tok)).body;

  await page.goto(server.url);
  await loginWithPinPad(page, manager, 'K2');
  await expect(page.getByTestId('till-code')).toHaveText('Mesin K2');
  await page.getByRole('link', { name: 'Administrasi' }).click();
  await expect(page.getByRole('heading', { name: 'Dasbor', level: 1 })).toBeVisible();
  await shot(page, '06-dashboard');

  // Intake: the supplier, a scan, the quantity and the expiry typed day first.
  const nav = page.getByRole('navigation', { name: 'Administrasi' });
  await nav.getByRole('link', { name: 'Penerimaan titipan' }).click();
  await page.getByLabel('Pemasok', { exact: true }).selectOption(String(mete.supplierId));
  await page.getByTestId('intake-scan').fill(DEMO_BARCODES.meteOriginal);
  await page.getByTestId('intake-scan').press('Enter');
  const line = page.getByTestId('intake-line').filter({ hasText: DEMO_PRODUCT_NAMES.meteOriginal });
  await line.getByLabel(`Jumlah ${DEMO_PRODUCT_NAMES.meteOriginal}`).fill('24');
  await line.getByLabel(`Kedaluwarsa ${DEMO_PRODUCT_NAMES.meteOriginal}`).fill(`30/06/${YEAR}`);
  await expect(line.getByTestId('intake-expiry-echo')).toHaveText(`30 Jun ${YEAR}`);
  await shot(page, '07-intake');
  await page.getByRole('button', { name: 'Simpan & cetak tanda terima' }).click();
  await expect(page.getByTestId('intake-done')).toBeVisible();
  const intakeNumber = (await page.getByTestId('intake-number').innerText()).trim();
  await expect(page.getByTestId('print-status').first()).toHaveAttribute('data-status', 'printed', { timeout: 15_000 });
  const slip = await printed(intakeNumber);
  expect(slip).toContain(`exp 30/06/${YEAR}`);

  // Labels: how many, starting at the units just received; food carries its expiry.
  await page.getByRole('button', { name: 'Cetak label…' }).click();
  const labels = page.getByRole('dialog', { name: 'Cetak label' });
  await expect(labels.getByTestId('label-row')).toHaveCount(1);
  await expect(labels.getByTestId('label-row').getByRole('textbox')).toHaveValue('24');
  await expect(labels.getByTestId('label-row')).toContainText(`Exp 30/06/${YEAR}`);
  await shot(page, '08-labels');
  await page.keyboard.press('Escape');

  // Settlement: what the cashier's sale earned the supplier, paid in cash, the slip printed.
  await nav.getByRole('link', { name: 'Saldo pemasok' }).click();
  const row = page.getByTestId('balance-row').filter({ hasText: mete.supplierName });
  await expect(row).toHaveCount(1);
  await shot(page, '09-balances');
  await row.click();
  await page.getByRole('button', { name: 'Pratinjau' }).click();
  await expect(page.getByTestId('settlement-slip')).toContainText(DEMO_PRODUCT_NAMES.meteOriginal);
  const owed = (await page.getByTestId('slip-total').innerText()).trim();
  await shot(page, '10-settlement-preview');
  await page.getByTestId('settle-pay').click();
  const confirm = page.getByRole('dialog', { name: 'Bayar pemasok?' });
  await confirm.getByRole('button', { name: /Ya, bayar/ }).click();
  await expect(page.getByTestId('settlement-done')).toBeVisible();
  const settlement = (await page.getByTestId('settlement-number').innerText()).trim();
  await expect(page.getByTestId('settlement-print-status')).toHaveAttribute('data-status', 'printed', { timeout: 15_000 });
  await expect(page.getByTestId('supplier-balance')).toHaveText(formatRupiah(0));
  await shot(page, '11-settlement-done');

  const text = await printed(settlement);
  expect(squash(text)).toContain(`TOTAL DIBAYAR ${owed}`);
  // Both signatures, the names printed whole.
  expect(text).toContain('Manajer');
  expect(text).toContain(manager.name);
  writeFileSync(join(DIR, 'settlement-slip.txt'), text + '\n');
});
