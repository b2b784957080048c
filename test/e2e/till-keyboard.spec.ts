/**
 * The till between customers, end to end in Chromium against browser mode
 * (`out/main/serve.js --demo`), keyboard only:
 * - no scan is ever lost after a sale: the next customer's scan, typed at
 *   scanner speed (≤ 5 ms a key) with nothing clicked or focused after the
 *   sale, lands in the new cart; so do three scans in a row, even typed
 *   while the sale is still being sent; the exact-cash sale is still the
 *   scans plus F2 and Enter;
 * - a scanner burst in the payment dialog adds the item (the dialog stays,
 *   its totals follow) while cash typed at human speed (80 ms a key), even
 *   13 digits long, is money;
 * - the manager's PIN is checked when it is typed: "PIN salah" at once, with
 *   the reasons still in view, counted and audited with the till;
 * - QRIS answers Enter with one default action per step;
 * - the held-sales list: arrows, Enter, Esc, and Tab never on × first;
 * - F1 shows the till's commands, drawn from the same table as the buttons;
 *   the refund and login screens have theirs;
 * - the receipt's barcode (decoded from the printer's bytes) typed by a
 *   "scanner" on the refund screen loads the sale; a refund of a cash-rounded
 *   sale gives back cash on the Rp 100 grid.
 * Screenshots at 1366×768 go to /tmp/shots.
 */
import { mkdirSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { apiClient, startServer, type RunningServer } from '../support/server';
import { loginWithPinPad, scanLikeAScanner } from '../support/ui';
import { startFakePrinter, type FakePrinter } from '../support/fake-printer';
import { decodeEscPos } from '../support/escpos-decode';
import { staticQris } from '../support/qris';
import { DEMO_BARCODES, DEMO_LOGINS, DEMO_PRODUCT_NAMES } from '../../src/main/core/demo';
import { formatNumber, formatRupiah } from '../../src/shared/money';

const SHOTS = '/tmp/shots';
const TILL = 'K1';
const admin = DEMO_LOGINS.find((l) => l.role === 'admin')!;
const manager = DEMO_LOGINS.find((l) => l.role === 'manager')!;
const cashier = DEMO_LOGINS.find((l) => l.role === 'cashier')!;
/** A scanner: every key of the code and the Enter within a few milliseconds. */
const SCANNER = { delay: 3 };
/** A person typing. */
const HUMAN = { delay: 80 };

let server: RunningServer;
let printer: FakePrinter;

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  printer = await startFakePrinter();
  server = await startServer({ demo: true });
  const api = apiClient(server.url);
  // The printer is the admin's to set, for the till the admin logs in at.
  const atTill = await api<{ token: string }>('auth.login', { username: admin.username, pin: admin.pin, tillCode: TILL });
  const set = await api('printers.set', { transport: { type: 'network', host: '127.0.0.1', port: printer.port }, columns: 32 }, atTill.body.token);
  expect(set.status, JSON.stringify(set.body)).toBe(200);
  const adm = await api<{ token: string }>('auth.login', { username: admin.username, pin: admin.pin, tillCode: 'K9' });
  const ok = await api('settings.update', { qrisPayload: staticQris() }, adm.body.token);
  expect(ok.status, JSON.stringify(ok.body)).toBe(200);
});

test.afterAll(async () => {
  await server?.stop();
  await printer?.close();
});

const db = () => new Database(server.dbPath, { readonly: true, fileMustExist: true });
const price = (barcode: string): number => {
  const d = db();
  try {
    return (d.prepare('SELECT sell_price AS p FROM products WHERE barcode = ?').get(barcode) as { p: number }).p;
  } finally {
    d.close();
  }
};
const salesCount = (): number => {
  const d = db();
  try {
    return (d.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n;
  } finally {
    d.close();
  }
};

/** Log in at the till and open the shift when it is closed. */
async function openTill(page: Page, who = cashier) {
  await page.goto(server.url);
  await expect(page.getByRole('heading', { name: 'Masuk kasir' })).toBeVisible();
  await loginWithPinPad(page, who, TILL);
  const openShift = page.getByRole('heading', { name: 'Buka shift' });
  const status = page.getByTestId('shift-status');
  await expect(openShift.or(status.filter({ hasText: 'Shift buka sejak' }))).toBeVisible();
  if (await openShift.isVisible()) {
    await page.getByRole('button', { name: 'Rp 200.000' }).click();
    await page.getByRole('button', { name: /^Buka shift/ }).click();
  }
  await expect(status).toContainText('Shift buka sejak');
  await page.mouse.move(0, 767);
  await expect(page.getByTestId('scan-input')).toBeFocused();
}

/** Scan as a person at the till does it: code and Enter, waiting until the line is there. */
async function scanItem(page: Page, code: string, lines: number) {
  await page.keyboard.type(`${code}\n`, SCANNER);
  await expect(page.getByTestId('cart-line')).toHaveCount(lines);
}

async function emptyCart(page: Page) {
  if ((await page.getByTestId('cart-line').count()) === 0) return;
  await page.keyboard.press('F8');
  await page.getByRole('dialog', { name: 'Kosongkan keranjang?' }).getByRole('button', { name: /Ya, kosongkan/ }).click();
  await expect(page.getByTestId('cart-line')).toHaveCount(0);
}

test('no scan is lost after a sale: the next scans go straight into a new cart', async ({ page }) => {
  await openTill(page);
  const mete = price(DEMO_BARCODES.meteOriginal);
  const kopi = price(DEMO_BARCODES.kopiKolaka);
  const before = salesCount();

  // The exact-cash sale: the scans, then F2 and Enter — two keys.
  await scanItem(page, DEMO_BARCODES.meteOriginal, 1);
  await scanItem(page, DEMO_BARCODES.kopiKolaka, 2);
  await page.keyboard.press('F2');
  await expect(page.getByRole('dialog', { name: 'Pembayaran' })).toBeVisible();
  await page.keyboard.press('Enter');
  const done = page.getByTestId('sale-done');
  await expect(done).toBeVisible();
  await expect(page.getByTestId('sale-change')).toHaveText(formatRupiah(0));
  expect(salesCount()).toBe(before + 1);
  await page.screenshot({ path: `${SHOTS}/till-after-sale.png` });

  // Nothing clicked, nothing focused: the next customer's item, at scanner speed.
  await page.keyboard.type(`${DEMO_BARCODES.abonTuna}\n`, SCANNER);
  const lines = page.getByTestId('cart-line');
  await expect(lines).toHaveCount(1);
  await expect(lines.first()).toContainText(DEMO_PRODUCT_NAMES.abonTuna);
  await expect(done).toBeHidden();
  // The done card took no focus and is no dialog: the scan field has the focus.
  await expect(page.getByTestId('scan-input')).toBeFocused();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('cart-total')).toHaveText(formatRupiah(price(DEMO_BARCODES.abonTuna)));

  // Another exact sale, and three scans in a row typed right after its Enter — while it may still be on its way.
  await page.keyboard.press('F2');
  await expect(page.getByRole('dialog', { name: 'Pembayaran' })).toBeVisible();
  await page.keyboard.press('Enter');
  await page.keyboard.type(`${DEMO_BARCODES.meteOriginal}\n${DEMO_BARCODES.kopiKolaka}\n${DEMO_BARCODES.meteOriginal}\n`, SCANNER);
  await expect(lines).toHaveCount(2);
  await expect(lines.filter({ hasText: DEMO_PRODUCT_NAMES.meteOriginal }).getByTestId('qty-input')).toHaveValue('2');
  await expect(page.getByTestId('cart-total')).toHaveText(formatRupiah(2 * mete + kopi));
  expect(salesCount()).toBe(before + 2);
  const d = db();
  const last = d.prepare('SELECT id, total FROM sales ORDER BY id DESC LIMIT 1').get() as { id: number; total: number };
  d.close();
  expect(last.total).toBe(price(DEMO_BARCODES.abonTuna));

  // And three scans in a row after the done card is showing.
  await page.keyboard.press('F2');
  await page.keyboard.press('Enter');
  await expect(done).toBeVisible();
  await expect(lines).toHaveCount(0);
  await page.keyboard.type(`${DEMO_BARCODES.kopiKolaka}\n${DEMO_BARCODES.abonTuna}\n${DEMO_BARCODES.kopiKolaka}\n`, SCANNER);
  await expect(lines).toHaveCount(2);
  await expect(lines.filter({ hasText: DEMO_PRODUCT_NAMES.kopiKolaka }).getByTestId('qty-input')).toHaveValue('2');
  await page.mouse.move(0, 767);
  await page.screenshot({ path: `${SHOTS}/till-next-customer.png` });
  await emptyCart(page);
});

test('a scanner burst in the payment dialog adds the item; cash typed by a person is money', async ({ page }) => {
  await openTill(page);
  await emptyCart(page);
  const mete = price(DEMO_BARCODES.meteOriginal);
  const kopi = price(DEMO_BARCODES.kopiKolaka);
  await scanItem(page, DEMO_BARCODES.meteOriginal, 1);
  await page.keyboard.press('F2');
  const pay = page.getByRole('dialog', { name: 'Pembayaran' });
  await expect(pay.getByTestId('pay-total')).toHaveText(formatRupiah(mete));
  await expect(pay.getByTestId('pay-amount')).toHaveValue(formatNumber(mete));
  await expect(pay.getByTestId('pay-amount')).toBeFocused();

  // The scanner (its keys 3 ms apart): into the cart, the dialog stays, total, remaining and suggested cash follow.
  await scanLikeAScanner(page, DEMO_BARCODES.kopiKolaka);
  await expect(pay.getByTestId('pay-scan-note')).toContainText(DEMO_PRODUCT_NAMES.kopiKolaka);
  await expect(pay).toBeVisible();
  await expect(pay.getByTestId('pay-total')).toHaveText(formatRupiah(mete + kopi));
  await expect(pay.getByTestId('pay-amount')).toHaveValue(formatNumber(mete + kopi));
  await expect(pay.getByTestId('pay-remaining')).toHaveText(formatRupiah(0));
  await expect(page.getByTestId('cart-line')).toHaveCount(2);
  await page.mouse.move(0, 767);
  await page.screenshot({ path: `${SHOTS}/payment-scan.png` });

  // A person types 150000 (80 ms a key) and Enter: money, not a scan.
  const before = salesCount();
  await pay.getByTestId('pay-amount').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('150000', HUMAN);
  await expect(pay.getByTestId('pay-amount')).toHaveValue('150.000');
  await expect(pay.getByTestId('pay-change')).toHaveText(formatRupiah(150_000 - mete - kopi));
  await expect(page.getByTestId('cart-line')).toHaveCount(2);

  // 13 digits typed slowly — they happen to be a barcode — and Enter: still money (far too much: Enter does not confirm it).
  await page.keyboard.press('Control+A');
  await page.keyboard.type('8991234500034', HUMAN);
  await page.waitForTimeout(120);
  await page.keyboard.press('Enter');
  // Money, not a scan (and more than the till takes in one field: not paid, and said so).
  await expect(pay.getByTestId('pay-amount')).toHaveValue('8991234500034');
  await expect(pay.getByRole('alert')).toContainText('Jumlah terlalu besar (paling banyak Rp 10.000.000.000)');
  await expect(pay).toBeVisible();
  await expect(page.getByTestId('cart-line')).toHaveCount(2);
  await expect(pay.getByTestId('pay-scan-note')).toHaveCount(0);
  expect(salesCount()).toBe(before);

  // Back to 150000 typed by hand, Enter: the sale, with the scanned coffee in it.
  await page.keyboard.press('Control+A');
  await page.keyboard.type('150000', HUMAN);
  await page.waitForTimeout(120);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sale-done')).toBeVisible();
  await expect(page.getByTestId('sale-change')).toHaveText(formatRupiah(150_000 - mete - kopi));
  const d = db();
  const sale = d.prepare('SELECT id, total, paid FROM sales ORDER BY id DESC LIMIT 1').get() as { id: number; total: number; paid: number };
  const names = (d.prepare('SELECT name FROM sale_lines WHERE sale_id = ? ORDER BY line_no').all(sale.id) as { name: string }[]).map((r) => r.name);
  d.close();
  expect(sale).toMatchObject({ total: mete + kopi, paid: 150_000 });
  expect(names).toEqual([DEMO_PRODUCT_NAMES.meteOriginal, DEMO_PRODUCT_NAMES.kopiKolaka]);
});

test('the manager PIN is checked when it is typed: "PIN salah" at once, the reasons stay', async ({ page }) => {
  await openTill(page);
  await emptyCart(page);
  const mete = price(DEMO_BARCODES.meteOriginal);
  await scanItem(page, DEMO_BARCODES.meteOriginal, 1);
  await scanItem(page, DEMO_BARCODES.meteOriginal, 1);
  await page.keyboard.press('F6');
  const disc = page.getByRole('dialog', { name: 'Diskon barang' });
  await disc.getByTestId('disc-percent').fill('25');
  await disc.getByTestId('disc-percent').press('Enter');
  const approval = page.getByRole('dialog', { name: 'Persetujuan manajer' });
  await expect(approval).toBeVisible();
  await expect(approval.getByTestId('approval-reasons')).toContainText(DEMO_PRODUCT_NAMES.meteOriginal);

  // A wrong PIN: refused at once, here, with the reasons still in view.
  await approval.getByLabel('Nama pengguna manajer').fill(manager.username);
  await approval.getByLabel('PIN manajer').fill('9999');
  await approval.getByLabel('PIN manajer').press('Enter');
  await expect(approval.getByTestId('approval-wrong')).toContainText('PIN salah');
  await expect(approval).not.toContainText('Anda tidak berhak');
  await expect(approval.getByTestId('approval-reasons')).toContainText(DEMO_PRODUCT_NAMES.meteOriginal);
  await expect(approval.getByLabel('PIN manajer')).toHaveValue('');
  await expect(page.getByTestId('cart-approved')).toHaveCount(0);
  await page.mouse.move(0, 767);
  await page.screenshot({ path: `${SHOTS}/approval-wrong-pin.png` });
  const d = db();
  const tries = d.prepare("SELECT user_id, details FROM audit_log WHERE action = 'approval.failed' ORDER BY id").all() as { user_id: number; details: string }[];
  const mgr = d.prepare('SELECT id, failed_attempts FROM users WHERE username = ?').get(manager.username) as { id: number; failed_attempts: number };
  const kasirId = (d.prepare('SELECT id FROM users WHERE username = ?').get(cashier.username) as { id: number }).id;
  d.close();
  expect(mgr.failed_attempts).toBe(1);
  expect(tries).toHaveLength(1);
  expect(tries[0]!.user_id).toBe(kasirId);
  expect(JSON.parse(tries[0]!.details)).toMatchObject({ for: 'sales.checkout', username: manager.username, tillCode: TILL, reason: 'wrong_pin' });

  // The right PIN on the pad: approved, and the sale carries the approval (no PIN sent with it).
  for (const digit of manager.pin) await approval.getByRole('button', { name: `Angka ${digit}`, exact: true }).click();
  await approval.getByTestId('approval-submit').click();
  await expect(approval).toBeHidden();
  await expect(page.getByTestId('cart-approved')).toContainText(manager.name);
  const total = mete * 2 - Math.round((mete * 2 * 2500) / 10_000);
  await expect(page.getByTestId('cart-total')).toHaveText(formatRupiah(total));
  const requests: string[] = [];
  page.on('request', (r) => r.url().includes('/api/sales.checkout') && requests.push(r.postData() ?? ''));
  await page.keyboard.press('F2');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sale-done')).toBeVisible();
  expect(requests).toHaveLength(1);
  expect(JSON.parse(requests[0]!).approval).toEqual({ token: expect.any(String) });
  expect(requests[0]).not.toContain(manager.pin === '2222' ? '"pin"' : manager.pin);
  const d2 = db();
  const sale = d2.prepare('SELECT total, approved_by FROM sales ORDER BY id DESC LIMIT 1').get() as { total: number; approved_by: number };
  d2.close();
  expect(sale).toEqual({ total, approved_by: mgr.id });
});

test('QRIS answers Enter: one default action per step', async ({ page }) => {
  await openTill(page);
  await emptyCart(page);
  const abon = price(DEMO_BARCODES.abonTuna);
  await scanItem(page, DEMO_BARCODES.abonTuna, 1);
  await page.keyboard.press('F2');
  const pay = page.getByRole('dialog', { name: 'Pembayaran' });
  await page.keyboard.press('Alt+2');
  await expect(pay.getByRole('tab', { name: /QRIS/ })).toHaveAttribute('aria-selected', 'true');
  await expect(pay.getByTestId('pay-amount')).toHaveValue(formatNumber(abon));
  // One Enter on screen: "show the QR".
  await expect(pay.locator('kbd', { hasText: /^Enter$/ })).toHaveCount(1);
  await expect(pay.getByTestId('qris-show').locator('kbd')).toHaveText('Enter');
  await page.keyboard.press('Enter');
  const qr = page.getByRole('dialog', { name: 'Bayar dengan QRIS' });
  await expect(qr.getByTestId('qris-amount')).toHaveText(formatRupiah(abon));
  await expect(qr.locator('kbd', { hasText: /^Enter$/ })).toHaveCount(1);
  await expect(qr.getByTestId('qris-paid').locator('kbd')).toHaveText('Enter');
  // The focus is in the QRIS step (not left on the page), so Enter is "Sudah dibayar".
  await expect.poll(() => page.evaluate('!!document.activeElement.closest("[role=dialog]")')).toBe(true);
  await page.mouse.move(0, 767);
  await page.screenshot({ path: `${SHOTS}/qris-enter.png` });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sale-done')).toBeVisible();
  const d = db();
  const sale = d.prepare('SELECT id FROM sales ORDER BY id DESC LIMIT 1').get() as { id: number };
  const pays = d.prepare('SELECT method, amount FROM payments WHERE sale_id = ?').all(sale.id);
  d.close();
  expect(pays).toEqual([{ method: 'qris', amount: abon }]);
});

test('held sales by keyboard: arrows, Enter resumes, Esc closes, Tab never on × first', async ({ page }) => {
  await openTill(page);
  await emptyCart(page);
  for (const [code, note] of [
    [DEMO_BARCODES.kopiKolaka, 'Rombongan Wakatobi'],
    [DEMO_BARCODES.abonTuna, 'Bapak topi merah'],
  ] as const) {
    await scanItem(page, code, 1);
    await page.keyboard.press('F4');
    const hold = page.getByRole('dialog', { name: 'Tahan transaksi' });
    await page.keyboard.type(note);
    await page.keyboard.press('Enter');
    await expect(hold).toBeHidden();
    await expect(page.getByTestId('cart-line')).toHaveCount(0);
  }
  await page.keyboard.press('Shift+F4');
  const held = page.getByRole('dialog', { name: 'Transaksi ditahan di mesin ini' });
  const list = held.getByTestId('held-list');
  await expect(held.getByTestId('held-row')).toHaveCount(2);
  await expect(list).toBeFocused();
  const rows = held.getByRole('option');
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');
  // Tab from the list goes on through the dialog, never to × (Esc closes).
  await page.keyboard.press('Tab');
  expect(await page.evaluate('document.activeElement.getAttribute("aria-label")')).not.toBe('Tutup');
  await page.keyboard.press('Shift+Tab');
  await expect(list).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowUp');
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await page.mouse.move(0, 767);
  await page.screenshot({ path: `${SHOTS}/held-keyboard.png` });
  // Esc closes; open again and Enter resumes the chosen one.
  await page.keyboard.press('Escape');
  await expect(held).toBeHidden();
  await expect(page.getByTestId('scan-input')).toBeFocused();
  await page.keyboard.press('Shift+F4');
  await expect(list).toBeFocused();
  const chosen = (await rows.nth(1).innerText()).includes('Rombongan Wakatobi') ? DEMO_PRODUCT_NAMES.kopiKolaka : DEMO_PRODUCT_NAMES.abonTuna;
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(held).toBeHidden();
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await expect(page.getByTestId('cart-line')).toContainText(chosen);
  await emptyCart(page);
  // The other one: Delete asks, Enter discards.
  await page.keyboard.press('Shift+F4');
  await expect(held.getByTestId('held-row')).toHaveCount(1);
  // The list takes the focus once it has loaded; keys pressed before that would go elsewhere.
  await expect(list).toBeFocused();
  await page.keyboard.press('Delete');
  await page.keyboard.press('Enter');
  await expect(held.getByText('Tidak ada transaksi yang ditahan.')).toBeVisible();
  await page.keyboard.press('Escape');
});

test('F1 shows the commands the buttons and keys are drawn from; refund and login screens have theirs', async ({ page }) => {
  await openTill(page);
  await emptyCart(page);
  await scanItem(page, DEMO_BARCODES.kopiKolaka, 1);
  await page.keyboard.press('F1');
  const help = page.getByRole('dialog', { name: 'Pintasan keyboard' });
  await expect(help).toBeVisible();
  const row = (id: string) => help.locator(`[data-command="${id}"]`);
  for (const [id, key, label] of [
    ['pay', 'F2', 'Bayar'],
    ['hold', 'F4', 'Tahan'],
    ['held', '⇧F4', 'Ditahan'],
    ['quantity', 'F5', 'Ubah jumlah'],
    ['clear', 'F8', 'Kosongkan'],
    ['refund', 'F9', 'Retur'],
    ['reprint', 'F10', 'Cetak ulang struk'],
    ['drawer', '⇧F10', 'Buka laci'],
  ] as const) {
    await expect(row(id)).toContainText(key);
    await expect(row(id)).toContainText(label);
  }
  // A cashier cannot open the drawer: the help says why.
  await expect(row('drawer')).toContainText('Hanya manajer');
  await expect(row('pay')).toContainText('Bisa dipakai');
  await page.mouse.move(0, 767);
  await page.screenshot({ path: `${SHOTS}/till-help.png` });
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  // The buttons show the same keys.
  await expect(page.getByTestId('pay-button').locator('kbd')).toHaveText('F2');
  await expect(page.getByTestId('hold-button').locator('kbd')).toHaveText('F4');
  await expect(page.getByTestId('held-button').locator('kbd')).toHaveText('⇧F4');
  // F5: the quantity of the last item, typed and Enter.
  await page.keyboard.press('F5');
  await expect(page.getByTestId('qty-input')).toBeFocused();
  await page.keyboard.type('3');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('qty-input')).toHaveValue('3');
  await expect(page.getByTestId('scan-input')).toBeFocused();
  await emptyCart(page);

  // The refund screen (F9): its own table.
  await page.keyboard.press('F9');
  await expect(page.getByRole('heading', { name: 'Retur penjualan & pembatalan' })).toBeVisible();
  await page.keyboard.press('F1');
  const refundHelp = page.getByRole('dialog', { name: 'Pintasan keyboard' });
  await expect(refundHelp.locator('[data-command="submit"]')).toContainText('F2');
  await expect(refundHelp.locator('[data-command="back"]')).toContainText('Esc');
  await expect(refundHelp.locator('[data-command="submit"]')).toContainText('Cari penjualan dulu');
  await page.keyboard.press('Escape');
  await expect(refundHelp).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('scan-input')).toBeFocused();

  // The login screen: F1, and the PIN from the keyboard.
  await page.getByRole('button', { name: 'Keluar' }).click();
  await expect(page.getByRole('heading', { name: 'Masuk kasir' })).toBeVisible();
  await page.mouse.move(0, 767);
  await page.screenshot({ path: `${SHOTS}/login.png` });
  await page.keyboard.press('F1');
  const loginHelp = page.getByRole('dialog', { name: 'Pintasan keyboard' });
  await expect(loginHelp.locator('[data-command="digit"]')).toContainText('0');
  await expect(loginHelp.locator('[data-command="submit"]')).toContainText('Enter');
  await page.mouse.move(0, 767);
  await page.screenshot({ path: `${SHOTS}/login-help.png` });
  await page.keyboard.press('Escape');
  await page.getByLabel('Nama pengguna').fill(cashier.username);
  await page.getByTestId('pin-display').focus();
  await page.keyboard.type(cashier.pin);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('shift-status')).toContainText('Shift buka sejak');
});

test('the receipt barcode, scanned on the refund screen, loads the sale; a cash-rounded refund is on the Rp 100 grid', async ({ page }) => {
  await openTill(page);
  const api = apiClient(server.url);
  const adm = await api<{ token: string }>('auth.login', { username: admin.username, pin: admin.pin, tillCode: 'K9' });
  expect((await api('settings.update', { cashRounding: '100' }, adm.body.token)).status).toBe(200);
  // A sale at K1 whose total is off the grid: 2 coffees less Rp 1.050 (within the cashier's limit).
  const kasir = await api<{ token: string }>('auth.login', { username: cashier.username, pin: cashier.pin, tillCode: TILL });
  const kopiId = (() => {
    const d = db();
    try {
      return (d.prepare('SELECT id FROM products WHERE barcode = ?').get(DEMO_BARCODES.kopiKolaka) as { id: number }).id;
    } finally {
      d.close();
    }
  })();
  const kopi = price(DEMO_BARCODES.kopiKolaka);
  const total = 2 * kopi - 1_050;
  const paid = Math.round(total / 100) * 100 + 100_000;
  printer.clear();
  const sale = await api<{ id: number; number: string; rounding: number; total: number }>(
    'sales.checkout',
    { clientRequestId: `kbd-${Date.now()}`, lines: [{ productId: kopiId, qty: 2, discount: { type: 'amount', value: 1_050 } }], payments: [{ method: 'cash', amount: paid }] },
    kasir.body.token,
  );
  expect(sale.status, JSON.stringify(sale.body)).toBe(200);
  expect(sale.body.rounding).not.toBe(0);
  const payable = sale.body.total + sale.body.rounding;
  expect(payable % 100).toBe(0);

  // What the scanner will read: the receipt's CODE128, decoded from the printer's bytes.
  const jobs = await printer.waitForJobs(1, 15_000);
  const receipt = jobs.map((b) => decodeEscPos(b, { columns: 32 })).find((r) => r.lines.some((l) => l.includes(sale.body.number)))!;
  const barcode = receipt.events.find((e) => e.type === 'barcode') as { data: string } | undefined;
  expect(barcode?.data).toBe(sale.body.number.replace(/-/g, ''));

  await page.keyboard.press('F9');
  await expect(page.getByRole('heading', { name: 'Retur penjualan & pembatalan' })).toBeVisible();
  // The focus is somewhere else on the screen (the reason of an earlier refund would be); the scanner still finds the sale.
  await page.getByRole('heading', { name: 'Retur penjualan & pembatalan' }).click();
  await scanLikeAScanner(page, barcode!.data);
  const card = page.getByTestId('refund-sale');
  await expect(card).toContainText(sale.body.number);
  await expect(page.getByTestId('refund-number')).toHaveValue(sale.body.number);

  // One of the two coffees: its value, its cash rounded to Rp 100.
  await card.getByRole('checkbox', { name: `Retur ${DEMO_PRODUCT_NAMES.kopiKolaka}` }).check();
  await card.getByLabel(`Jumlah retur ${DEMO_PRODUCT_NAMES.kopiKolaka}`).fill('1');
  const half = Math.round(total / 2 / 100) * 100;
  await expect(page.getByTestId('refund-total')).toHaveText(formatRupiah(Math.min(half, payable)));
  await expect(page.getByTestId('refund-payments')).toContainText('Tunai');
  await page.getByTestId('refund-reason').fill('Kemasan sobek');
  await page.mouse.move(0, 767);
  await page.screenshot({ path: `${SHOTS}/refund-rounded.png` });
  await page.getByTestId('refund-submit').click();
  const approval = page.getByRole('dialog', { name: 'Persetujuan manajer' });
  await approval.getByLabel('Nama pengguna manajer').fill(manager.username);
  await approval.getByLabel('PIN manajer').fill(manager.pin);
  await approval.getByLabel('PIN manajer').press('Enter');
  await expect(page.getByTestId('refund-result')).toBeVisible();
  const firstNo = await page.getByTestId('refund-no').innerText();
  const first = Number((await page.getByTestId('refund-given').innerText()).replace(/\D/g, ''));
  expect(first % 100).toBe(0);

  // The other coffee: the last refund gives back exactly what is left of what was paid.
  await card.getByRole('checkbox', { name: `Retur ${DEMO_PRODUCT_NAMES.kopiKolaka}` }).check();
  await expect(page.getByTestId('refund-total')).toHaveText(formatRupiah(payable - first));
  await expect(page.getByTestId('refund-notes')).toContainText('Retur terakhir');
  await page.getByTestId('refund-reason').fill('Kemasan sobek');
  await page.getByTestId('refund-reason').press('Enter');
  await expect(approval).toBeVisible();
  await approval.getByLabel('Nama pengguna manajer').fill(manager.username);
  await approval.getByLabel('PIN manajer').fill(manager.pin);
  await approval.getByLabel('PIN manajer').press('Enter');
  await expect(page.getByTestId('refund-no')).not.toHaveText(firstNo);
  await expect(page.getByTestId('refund-given')).toHaveText(formatRupiah(payable - first));
  const d = db();
  const back = d.prepare('SELECT sum(p.amount) AS n FROM refund_payments p JOIN refunds r ON r.id = p.refund_id WHERE r.sale_id = ?').get(sale.body.id) as { n: number };
  d.close();
  expect(back.n).toBe(payable);
  await expect(adm.status).toBe(200);
  expect((await api('settings.update', { cashRounding: 'none' }, adm.body.token)).status).toBe(200);
});
