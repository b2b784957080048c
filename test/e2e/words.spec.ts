/**
 * One word per thing, and the small things a new manager saw, in Chromium at
 * 1366×768 against browser mode with demo data:
 *
 * - the till tile of goods near their expiry says "Kedaluwarsa dalam 25
 *   hari" (the date, "Exp dd/mm/yyyy", as its title); the bare word is only
 *   for expired stock;
 * - the till is "Mesin K1" on screen and on paper; the manager is "Manajer";
 * - shop settings are under Administrasi → Sistem → Pengaturan toko, where
 *   the till's menu leads;
 * - the admin's sidebar fits without scrolling; the shop name is shown whole;
 *   "Kas & shift" opens a page called "Kas & shift";
 * - print jobs are listed by kind in words, printed as "Tercetak";
 * - the dashboard's top 10 leaves out a sale refunded in full;
 * - a refund total never breaks between "Rp" and its digits;
 * - a posted stock count names each lot by its intake number.
 */
import { mkdirSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { apiClient, startServer, type RunningServer } from '../support/server';
import { loginWithPinPad } from '../support/ui';
import { startFakePrinter, type FakePrinter } from '../support/fake-printer';
import { decodeEscPos } from '../support/escpos-decode';
import { DEMO_BARCODES, DEMO_LOGINS, DEMO_PRODUCT_NAMES, DEMO_SHOP } from '../../src/main/core/demo';

const SHOTS = '/tmp/shots';
const admin = DEMO_LOGINS.find((l) => l.role === 'admin')!;
const manager = DEMO_LOGINS.find((l) => l.role === 'manager')!;
const cashier = DEMO_LOGINS.find((l) => l.role === 'cashier')!;

let server: RunningServer;
let printer: FakePrinter;
let api: ReturnType<typeof apiClient>;

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  printer = await startFakePrinter();
  server = await startServer({ demo: true });
  api = apiClient(server.url);
});

test.afterAll(async () => {
  await server?.stop();
  await printer?.close();
});

async function token(who: { username: string; pin: string }, tillCode: string): Promise<string> {
  const r = await api<{ token: string }>('auth.login', { username: who.username, pin: who.pin, tillCode });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.token;
}

async function ok<T = any>(name: string, input: unknown, tok: string): Promise<T> {
  const r = await api<T>(name, input, tok);
  expect(r.status, `${name}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body;
}

async function login(page: Page, who: { username: string; pin: string }) {
  await page.goto(server.url);
  await loginWithPinPad(page, who, 'K1');
  await expect(page.getByTestId('till-code')).toBeVisible();
}

const shot = async (page: Page, name: string) => {
  await page.mouse.move(0, 767);
  await page.screenshot({ path: `${SHOTS}/words-${name}.png` });
};

test('the till: "Mesin K1" on screen and paper, expiry tags in words, the manager is Manajer', async ({ page }) => {
  const mgr = await token(manager, 'K1');
  await ok('printers.set', { transport: { type: 'network', host: '127.0.0.1', port: printer.port }, columns: 32 }, await token(admin, 'K1'));
  await ok('shifts.open', { openingFloat: 100_000 }, mgr);

  await login(page, manager);
  await expect(page.getByTestId('till-code')).toHaveText('Mesin K1');
  await expect(page.locator('.user-chip-role')).toHaveText('Manajer');
  // The shop name is shown whole (two lines), not cut.
  const brand = page.locator('.topbar .brand-name');
  await expect(brand).toHaveText(DEMO_SHOP.shopName);
  expect(await brand.evaluate((el) => el.scrollHeight <= el.clientHeight + 1 && el.scrollWidth <= el.clientWidth + 1)).toBe(true);

  // Near expiry: "Kedaluwarsa dalam N hari", the date as title; expired stock alone says "kedaluwarsa" bare.
  const twoLots = (await ok<{ nextExpiry: string }>('products.lookup', { code: DEMO_BARCODES.twoLots }, mgr)).nextExpiry;
  const tile = page.locator('.tile').filter({ hasText: DEMO_PRODUCT_NAMES.twoLots }).first();
  await page.getByTestId('scan-input').fill(DEMO_PRODUCT_NAMES.twoLots);
  const tag = page.getByTestId('search-results').getByTestId('expiry-tag').first();
  await expect(tag).toHaveText(/^Kedaluwarsa dalam \d+ hari$/);
  await expect(tag).toHaveAttribute('title', `Exp ${twoLots.split('-').reverse().join('/')}`);
  await page.getByTestId('scan-input').fill('');
  await expect(tile.getByTestId('expiry-tag')).toHaveText(/^Kedaluwarsa dalam \d+ hari$/);
  const expired = page.locator('.tile').filter({ hasText: DEMO_PRODUCT_NAMES.expired }).first();
  await expect(expired).toContainText('Stok kedaluwarsa');
  await expect(page.locator('.tile .expiry').filter({ hasText: /^Kedaluwarsa \d/ })).toHaveCount(0);
  await shot(page, 'till');

  // Paper: the test page names the machine, never "Kasir: K1".
  await ok('printers.test', {}, mgr);
  await expect.poll(() => printer.jobs().length, { timeout: 15_000 }).toBeGreaterThan(0);
  const testPage = decodeEscPos(printer.jobs().at(-1)!, { columns: 32 }).lines.join('\n');
  expect(testPage).toMatch(/Mesin\s+K1/);
  expect(testPage).not.toMatch(/Kasir\s+K1/);

  // "Kas & shift" opens a page called so.
  await page.getByTestId('nav-shift').click();
  await expect(page.locator('.app-bar-title')).toHaveText('Kas & shift');
});

test('back office: settings under Sistem → Pengaturan toko, a sidebar that fits, print jobs in words, top 10 and lots named right', async ({ page }) => {
  const adm = await token(admin, 'K1');
  const csh = await token(cashier, 'K2');
  await ok('shifts.open', { openingFloat: 100_000 }, csh);
  const mete = await ok<{ id: number; supplierId: number }>('products.lookup', { code: DEMO_BARCODES.meteOriginal }, csh);
  const sarung = await ok<{ id: number }>('products.lookup', { code: DEMO_BARCODES.sarungTenun }, csh);
  await ok('sales.checkout', { clientRequestId: 'words-sale-1', lines: [{ productId: mete.id, qty: 1 }], payments: [{ method: 'cash', amount: 100_000 }] }, csh);
  const voided = await ok<{ id: number }>('sales.checkout', { clientRequestId: 'words-sale-2', lines: [{ productId: sarung.id, qty: 1 }], payments: [{ method: 'cash', amount: 500_000 }] }, csh);
  const grant = await ok<{ token: string }>('approvals.verify', { action: 'sales.void', username: admin.username, pin: admin.pin, saleId: voided.id }, csh);
  await ok('sales.void', { saleId: voided.id, reason: 'Salah ambil', approval: { token: grant.token } }, csh);
  await ok('printers.test', {}, adm);

  // A stock count of mete's supplier: one unit short, borne by the shop.
  const count = await ok<{ id: number; number: string; lines: { lotId: number; productId: number; expectedQty: number; intakeNumber: string | null }[] }>(
    'stock.count.start',
    { supplierId: mete.supplierId },
    adm,
  );
  const line = count.lines.find((l) => l.productId === mete.id)!;
  await ok('stock.count.record', { countId: count.id, lines: [{ lotId: line.lotId, countedQty: line.expectedQty - 1 }] }, adm);
  await ok('stock.count.post', { countId: count.id, lines: [{ lotId: line.lotId, reason: 'Hilang', liability: 'shop' }] }, adm);

  await login(page, admin);
  // The till's menu leads to the shop settings, which live in the back office.
  await page.getByTestId('topbar-menu').locator('summary').click();
  await page.getByTestId('nav-settings').click();
  await expect(page.locator('.app-bar-title')).toHaveText('Administrasi');
  const nav = page.getByRole('navigation', { name: 'Administrasi' });
  const system = nav.getByRole('group', { name: 'Sistem' });
  await expect(system.getByRole('link', { name: 'Pengaturan toko' })).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('.bo-title')).toHaveText('Pengaturan toko');
  await expect(page.getByTestId('settings-form')).toBeVisible();
  // Every entry of the admin's sidebar is in view at 1366×768, no scrolling.
  expect(await nav.evaluate((el) => el.scrollHeight <= el.clientHeight)).toBe(true);
  await expect(nav.getByRole('link', { name: 'Pengguna' })).toBeInViewport();
  await expect(page.locator('.app-bar .brand-name')).toHaveText(DEMO_SHOP.shopName);
  expect(await page.locator('.app-bar .brand-name').evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
  await shot(page, 'settings');
  // A new shop name shows in the header as soon as it is saved, not after the next login.
  const shopName = page.getByTestId('settings-form').getByLabel('Nama toko');
  await shopName.fill('PLUT Sultra Kendari');
  await page.getByTestId('settings-form').getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByText('Pengaturan disimpan.')).toBeVisible();
  await expect(page.locator('.app-bar .brand-name')).toHaveText('PLUT Sultra Kendari');
  await shopName.fill(DEMO_SHOP.shopName);
  await page.getByTestId('settings-form').getByRole('button', { name: 'Simpan' }).click();
  await expect(page.locator('.app-bar .brand-name')).toHaveText(DEMO_SHOP.shopName);

  // A test page that did not print (the printer refuses it, or none is set up yet): never printed again later.
  const k1 = await token(admin, 'K1');
  await printer.setState('refused');
  const testJob = await ok<{ id: number }>('printers.test', {}, k1);
  await expect
    .poll(async () => (await ok<{ id: number; status: string }[]>('printing.jobs', {}, k1)).find((j) => j.id === testJob.id)?.status)
    .toMatch(/^(failed|skipped)$/);
  await printer.setState('online');
  // Print jobs by kind, in words.
  await nav.getByRole('link', { name: 'Printer' }).click();
  const kinds = page.getByTestId('job-kind');
  await expect(kinds.first()).toBeVisible();
  await expect(kinds.filter({ hasText: 'Tes cetak' })).not.toHaveCount(0);
  // A test print is never printed again (the printer may have changed since): no "Cetak ulang" on its row.
  const testRows = page.locator('tr').filter({ has: kinds.filter({ hasText: 'Tes cetak' }) });
  await expect(testRows.filter({ hasText: /Gagal dicetak|Tidak dicetak \(printer belum diatur\)/ }).first()).toBeVisible();
  await expect(testRows.getByRole('button', { name: 'Cetak ulang' })).toHaveCount(0);
  await expect(page.locator('.bo-main')).not.toContainText(/\b(receipt|test|z-report|labels)\b/);
  await expect(page.locator('.bo-main')).not.toContainText('Struk tercetak');

  // Top 10: the sale refunded in full is no best seller.
  await nav.getByRole('link', { name: 'Dasbor' }).click();
  await expect(page.getByTestId('top-products')).toContainText(DEMO_PRODUCT_NAMES.meteOriginal);
  await expect(page.getByTestId('top-products')).not.toContainText(DEMO_PRODUCT_NAMES.sarungTenun);

  // The posted count names the lot by its intake number.
  await nav.getByRole('link', { name: 'Stok opname' }).click();
  await page.locator('tr').filter({ hasText: count.number }).click();
  const adjustment = page.getByTestId('count-adjustment');
  await expect(adjustment).toHaveCount(1);
  await expect(adjustment).toContainText(DEMO_PRODUCT_NAMES.meteOriginal);
  await expect(adjustment).toContainText(line.intakeNumber!);
  await expect(adjustment).not.toContainText('#');
  await shot(page, 'count');
});

test('a refund total is never broken between "Rp" and its digits', async ({ page }) => {
  const csh = await token(cashier, 'K3');
  await ok('shifts.open', { openingFloat: 100_000 }, csh);
  const sarung = await ok<{ id: number; name: string }>('products.lookup', { code: DEMO_BARCODES.sarungTenun }, csh);
  // Three sarung: a seven-digit total, as wide as the box it is shown in.
  const sale = await ok<{ number: string }>('sales.checkout', { clientRequestId: 'words-sale-3', lines: [{ productId: sarung.id, qty: 3 }], payments: [{ method: 'cash', amount: 1_350_000 }] }, csh);

  await page.goto(server.url);
  await loginWithPinPad(page, manager, 'K3');
  await expect(page.getByTestId('till-code')).toBeVisible();
  await page.evaluate(`window.location.hash = '#/refund'`);
  await page.getByTestId('refund-number').fill(sale.number);
  await page.getByTestId('refund-number').press('Enter');
  await page.getByTestId('refund-sale').getByRole('checkbox', { name: `Retur ${sarung.name}` }).check();
  const total = page.getByTestId('refund-total');
  await expect(total).toHaveText('Rp 1.350.000');
  // (A string: this file is type-checked without the DOM library.)
  const lines = await page.evaluate(`(() => {
    const el = document.querySelector('[data-testid="refund-total"]');
    const style = getComputedStyle(el);
    const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
    return Math.round(el.getBoundingClientRect().height / lineHeight);
  })()`);
  expect(lines).toBe(1);
  await shot(page, 'refund');
});
