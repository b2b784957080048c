/**
 * A barcode scanner types at any moment, wherever the focus is. End to end in Chromium against
 * browser mode (`out/main/serve.js --demo`), each scan sent like hardware (keys 3 ms apart, then
 * Enter, `scanLikeAScanner`):
 * - on the open-shift screen a scan never opens the shift (its Enter was the form's): the item
 *   waits and is the first of the cart once the shift is opened by hand; a float typed above the
 *   largest amount is refused, never taken as Rp 0;
 * - in the till's dialogs (empty the cart?, a line discount, the hold note) and in a line's
 *   quantity, the scan goes into the cart, the field keeps what it had and the dialog is neither
 *   confirmed nor closed; a note typed fast into a text field is still a note;
 * - with the QRIS code on screen a scan never says "paid": the QR stays, the scan is the next cart's;
 * - closing the shift, a scan in a denomination count is refused and said so, never counted;
 * - at the login screen a scan's digits are never tried as a PIN (no failed attempt, no lockout),
 *   an EAN-8 as long as the longest PIN included, while a PIN typed quickly by hand still logs in;
 * - receiving goods, a scan while a line's quantity has the focus adds its product (the intake's
 *   scan field), never a quantity of 899123; counting stock, it counts one of its product; a code
 *   that adds or counts nothing leaves their scan field empty, so the next scan is not typed after it;
 * - on the refund screen, with the void dialog or a manager's approval open, a scan confirms nothing
 *   (no void with the barcode as its reason, no PIN tried towards the lockout).
 * Screenshots at 1366×768 go to /tmp/shots.
 */
import { mkdirSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { apiClient, queryDb, startServer, type RunningServer } from '../support/server';
import { loginWithPinPad, scanLikeAScanner } from '../support/ui';
import { staticQris } from '../support/qris';
import { DEMO_BARCODES, DEMO_LOGINS, DEMO_PRODUCT_NAMES } from '../../src/main/core/demo';
import { formatRupiah } from '../../src/shared/money';

const SHOTS = '/tmp/shots';
const admin = DEMO_LOGINS.find((l) => l.role === 'admin')!;
const cashier = DEMO_LOGINS.find((l) => l.role === 'cashier')!;
const HUMAN = { delay: 80 };
const UNKNOWN = '8990000000019';
/** An EAN-8 (check digit 8): as many digits as the longest PIN. */
const EAN8 = '89912348';

let server: RunningServer;

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ demo: true });
  const api = apiClient(server.url);
  const adm = await api<{ token: string }>('auth.login', { username: admin.username, pin: admin.pin, tillCode: 'K9' });
  const ok = await api('settings.update', { qrisPayload: staticQris() }, adm.body.token);
  expect(ok.status, JSON.stringify(ok.body)).toBe(200);
});

test.afterAll(async () => {
  await server?.stop();
});

const query = <T>(sql: string, ...params: unknown[]): T[] => queryDb<T>(server.dbPath, sql, ...params);
const shiftsOf = (till: string) => query<{ opening_float: number; closed_at: number | null }>('SELECT opening_float, closed_at FROM shifts WHERE till_code = ?', till);
const salesCount = () => query<{ n: number }>('SELECT count(*) AS n FROM sales')[0]!.n;
const priceOf = (barcode: string) => query<{ p: number }>('SELECT sell_price AS p FROM products WHERE barcode = ?', barcode)[0]!.p;

async function login(page: Page, till: string) {
  await page.goto(server.url);
  await loginWithPinPad(page, cashier, till);
}

async function openTill(page: Page, till: string) {
  await login(page, till);
  await page.getByRole('button', { name: 'Rp 200.000' }).click();
  await page.getByRole('button', { name: /^Buka shift/ }).click();
  await expect(page.getByTestId('shift-status')).toContainText('Shift buka sejak');
  await page.mouse.move(0, 767);
  await expect(page.getByTestId('scan-input')).toBeFocused();
}

async function scan(page: Page, code: string, lines: number) {
  await scanLikeAScanner(page, code);
  await expect(page.getByTestId('cart-line')).toHaveCount(lines);
}

const line = (page: Page, name: string) => page.getByTestId('cart-line').filter({ hasText: name });

test('a scan on the open-shift screen never opens the shift; the item is the first of the cart once it is open', async ({ page }) => {
  await login(page, 'K2');
  await expect(page.getByRole('heading', { name: 'Buka shift' })).toBeVisible();
  const float = page.getByTestId('opening-float');
  await expect(float).toBeFocused();

  await scanLikeAScanner(page, DEMO_BARCODES.meteOriginal);
  const note = page.getByTestId('scan-note');
  await expect(note).toHaveText(`${DEMO_PRODUCT_NAMES.meteOriginal} dipindai: masuk keranjang setelah shift dibuka`);
  await page.screenshot({ path: `${SHOTS}/scan-open-shift.png` });
  await scanLikeAScanner(page, UNKNOWN);
  await expect(note).toHaveText(`Barang dengan kode ${UNKNOWN} tidak ditemukan`);
  await expect(page.getByRole('heading', { name: 'Buka shift' })).toBeVisible();
  await expect(float).toHaveValue('');
  expect(shiftsOf('K2')).toEqual([]);

  // Digits above the largest amount are no float: refused and said so, never opened with Rp 0.
  await float.focus();
  await page.keyboard.type('99999999999', HUMAN);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('float-too-large')).toHaveText('Jumlah terlalu besar (paling banyak Rp 10.000.000.000)');
  await expect(page.getByRole('heading', { name: 'Buka shift' })).toBeVisible();
  expect(shiftsOf('K2')).toEqual([]);

  // The cashier counts the drawer and types it, at a person's pace: that is money, and Enter opens.
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('150000', HUMAN);
  await expect(float).toHaveValue('150.000');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('shift-status')).toContainText('Shift buka sejak');
  expect(shiftsOf('K2')).toEqual([{ opening_float: 150_000, closed_at: null }]);
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await expect(line(page, DEMO_PRODUCT_NAMES.meteOriginal).getByTestId('qty-input')).toHaveValue('1');
});

test('a scan in a till dialog or a quantity goes into the cart; the field keeps its value and the dialog stays', async ({ page }) => {
  await openTill(page, 'K3');
  await scan(page, DEMO_BARCODES.meteOriginal, 1);
  const note = page.getByTestId('scan-note');

  // "Empty the cart?" has Enter on "Yes": a scan's Enter must not empty it.
  await page.keyboard.press('F8');
  const confirm = page.getByRole('dialog', { name: 'Kosongkan keranjang?' });
  await expect(confirm).toBeVisible();
  await scan(page, DEMO_BARCODES.kopiKolaka, 2);
  await expect(note).toHaveText(`${DEMO_PRODUCT_NAMES.kopiKolaka} ditambahkan ke keranjang`);
  await expect(confirm).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();

  // A line discount half typed: the percent stays 1, the dialog is not applied.
  await page.keyboard.press('F6');
  const disc = page.getByRole('dialog', { name: 'Diskon barang' });
  await expect(disc.getByTestId('disc-percent')).toBeFocused();
  await page.keyboard.type('1', HUMAN);
  await scan(page, DEMO_BARCODES.abonTuna, 3);
  await expect(disc.getByTestId('disc-percent')).toHaveValue('1');
  await expect(disc).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/scan-in-discount.png` });
  await page.keyboard.press('Escape');
  await expect(disc).toBeHidden();

  // F5: the last line's quantity has the focus; a scan is not a quantity.
  await page.keyboard.press('F5');
  const abonQty = line(page, DEMO_PRODUCT_NAMES.abonTuna).getByTestId('qty-input');
  await expect(abonQty).toBeFocused();
  await scanLikeAScanner(page, DEMO_BARCODES.kopiKolaka);
  await expect(line(page, DEMO_PRODUCT_NAMES.kopiKolaka).getByTestId('qty-input')).toHaveValue('2');
  await expect(abonQty).toHaveValue('1');
  await expect(page.getByTestId('cart-line')).toHaveCount(3);

  // A note typed fast into the hold dialog is still a note (no product has that code): held.
  await page.keyboard.press('F4');
  const hold = page.getByRole('dialog', { name: 'Tahan transaksi' });
  await expect(hold).toBeVisible();
  await page.keyboard.type('Rombongan Wakatobi');
  await page.keyboard.press('Enter');
  await expect(hold).toBeHidden();
  await expect(page.getByTestId('cart-line')).toHaveCount(0);
  expect(salesCount()).toBe(0);
});

test('with the QRIS code on screen a scan never says "paid"; it is the next cart’s', async ({ page }) => {
  await openTill(page, 'K4');
  const abon = priceOf(DEMO_BARCODES.abonTuna);
  await scan(page, DEMO_BARCODES.abonTuna, 1);
  await page.keyboard.press('F2');
  await page.keyboard.press('Alt+2');
  await page.keyboard.press('Enter');
  const qr = page.getByRole('dialog', { name: 'Bayar dengan QRIS' });
  await expect(qr.getByTestId('qris-amount')).toHaveText(formatRupiah(abon));
  const before = salesCount();

  await scanLikeAScanner(page, DEMO_BARCODES.kopiKolaka);
  await expect(qr.getByTestId('pay-scan-note')).toContainText(`Kode ${DEMO_BARCODES.kopiKolaka} dipindai: masuk keranjang berikutnya`);
  await expect(qr.getByTestId('qris-amount')).toHaveText(formatRupiah(abon));
  await page.screenshot({ path: `${SHOTS}/scan-in-qris.png` });
  expect(salesCount()).toBe(before);

  // The customer shows the paid screen; the cashier presses Enter.
  await page.keyboard.press('Enter');
  await expect(qr).toBeHidden();
  await expect.poll(salesCount).toBe(before + 1);
  const [sale] = query<{ id: number; total: number }>('SELECT id, total FROM sales ORDER BY id DESC LIMIT 1');
  expect(sale!.total).toBe(abon);
  expect(query('SELECT method, amount FROM payments WHERE sale_id = ?', sale!.id)).toEqual([{ method: 'qris', amount: abon }]);
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await expect(line(page, DEMO_PRODUCT_NAMES.kopiKolaka)).toBeVisible();
});

test('closing the shift, a scan in a denomination count is refused and said so; the shift stays open', async ({ page }) => {
  await openTill(page, 'K5');
  await page.getByRole('button', { name: 'Kas & shift' }).click();
  const count = page.getByTestId('denom-100000');
  await count.fill('2');
  await count.focus();
  await scanLikeAScanner(page, DEMO_BARCODES.kopiKolaka);
  await expect(page.getByTestId('scan-note')).toHaveText(
    `Kode ${DEMO_BARCODES.kopiKolaka} dipindai ke kolom angka dan tidak dipakai.`,
  );
  await expect(count).toHaveValue('2');
  await page.screenshot({ path: `${SHOTS}/scan-in-close-shift.png` });
  expect(shiftsOf('K5')).toEqual([{ opening_float: 200_000, closed_at: null }]);
});

test('a scan at the login screen never tries its digits as a PIN (no failed attempt, no lockout)', async ({ page }) => {
  const other = DEMO_LOGINS.find((l) => l.username === 'kasir2')!;
  await page.goto(server.url);
  await page.getByLabel('Nama pengguna').fill(other.username);
  await page.getByLabel('Kode mesin').fill('K6');
  await page.getByTestId('pin-display').focus();
  for (let i = 0; i < 3; i++) {
    await scanLikeAScanner(page, DEMO_BARCODES.kopiKolaka);
    await expect(page.getByTestId('scan-note')).toHaveText(
      `Kode ${DEMO_BARCODES.kopiKolaka} dipindai sebelum masuk: tidak dipakai, PIN dikosongkan. Masuk dulu, lalu pindai lagi.`,
    );
    await expect(page.getByTestId('pin-display')).toHaveAttribute('aria-valuetext', /^0 /);
  }
  // An EAN-8 is as long as the longest PIN (8 digits): only its speed tells it from one.
  await scanLikeAScanner(page, EAN8);
  await expect(page.getByTestId('scan-note')).toHaveText(
    `Kode ${EAN8} dipindai sebelum masuk: tidak dipakai, PIN dikosongkan. Masuk dulu, lalu pindai lagi.`,
  );
  await expect(page.getByTestId('pin-display')).toHaveAttribute('aria-valuetext', /^0 /);
  await page.screenshot({ path: `${SHOTS}/scan-at-login.png` });
  expect(query('SELECT failed_attempts AS n FROM users WHERE username = ?', other.username)).toEqual([{ n: 0 }]);
  expect(query("SELECT count(*) AS n FROM audit_log WHERE action IN ('auth.login_failed', 'auth.locked')")).toEqual([{ n: 0 }]);
  // A PIN typed quickly by a practised hand (35 ms a key, Enter as fast) still logs in.
  await scanLikeAScanner(page, other.pin, 35);
  await expect(page.getByRole('heading', { name: 'Buka shift' })).toBeVisible();
});

test('intake: a scan while a quantity has the focus adds its product, never a quantity of 899123', async ({ page }) => {
  const manager = DEMO_LOGINS.find((l) => l.role === 'manager')!;
  const [mete] = query<{ supplier_id: number; name: string }>('SELECT supplier_id, name FROM products WHERE barcode = ?', DEMO_BARCODES.meteOriginal);
  const [pedas] = query<{ supplier_id: number; name: string }>('SELECT supplier_id, name FROM products WHERE barcode = ?', DEMO_BARCODES.metePedas);
  expect(pedas!.supplier_id).toBe(mete!.supplier_id);
  await page.goto(server.url);
  await loginWithPinPad(page, manager, 'K7');
  await expect(page.getByTestId('shift-status')).toBeVisible();
  await page.evaluate("window.location.hash = '#/intake'");
  await expect(page.locator('.bo-title')).toHaveText('Penerimaan titipan');
  await page.locator('select').first().selectOption(String(mete!.supplier_id));
  const scanField = page.getByTestId('intake-scan');
  await scanField.focus();
  await scanLikeAScanner(page, DEMO_BARCODES.meteOriginal);
  const meteQty = page.getByLabel(`Jumlah ${mete!.name}`, { exact: true });
  await expect(meteQty).toHaveValue('1');

  await meteQty.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('5', HUMAN);
  await scanLikeAScanner(page, DEMO_BARCODES.metePedas);
  await expect(page.getByLabel(`Jumlah ${pedas!.name}`, { exact: true })).toHaveValue('1');
  await expect(meteQty).toHaveValue('5');
  await expect(page.getByTestId('scan-note')).toHaveText(`Kode ${DEMO_BARCODES.metePedas} dipindai ke kolom angka: dipakai di kolom pindai.`);
  await page.screenshot({ path: `${SHOTS}/scan-in-intake-qty.png` });

  // An unknown code leaves the scan field empty: the next scan is never typed after it.
  await scanField.focus();
  await scanLikeAScanner(page, UNKNOWN);
  await expect(page.getByRole('alert').filter({ hasText: `Kode ${UNKNOWN} tidak ditemukan` })).toBeVisible();
  await expect(scanField).toHaveValue('');
  await scanLikeAScanner(page, DEMO_BARCODES.meteOriginal);
  await expect(meteQty).toHaveValue('6');
  await expect(scanField).toHaveValue('');
  // A name typed to filter and matching nothing stays, selected: typed over by the next scan.
  await page.keyboard.type('zzz tidak ada', HUMAN);
  await page.keyboard.press('Enter');
  await expect(scanField).toHaveValue('zzz tidak ada');
  await scanLikeAScanner(page, DEMO_BARCODES.meteOriginal);
  await expect(meteQty).toHaveValue('7');
});

test('stock count: a scan while a count has the focus counts one of its product, never a count of 8991234500027', async ({ page }) => {
  const manager = DEMO_LOGINS.find((l) => l.role === 'manager')!;
  const [mete] = query<{ supplier_id: number; name: string }>('SELECT supplier_id, name FROM products WHERE barcode = ?', DEMO_BARCODES.meteOriginal);
  const [pedas] = query<{ name: string }>('SELECT name FROM products WHERE barcode = ?', DEMO_BARCODES.metePedas);
  await page.goto(server.url);
  await loginWithPinPad(page, manager, 'K8');
  await expect(page.getByTestId('shift-status')).toBeVisible();
  await page.evaluate("window.location.hash = '#/stock-count'");
  await expect(page.locator('.bo-title')).toHaveText('Stok opname');
  await page.getByRole('radio', { name: 'Satu pemasok' }).check();
  await page.getByRole('combobox', { name: 'Pemasok' }).selectOption(String(mete!.supplier_id));
  await page.getByRole('button', { name: 'Mulai hitung' }).click();
  const meteCount = page.getByLabel(`Hitungan fisik ${mete!.name}`, { exact: true }).first();
  const pedasCount = page.getByLabel(`Hitungan fisik ${pedas!.name}`, { exact: true }).first();
  await meteCount.fill('3');
  await meteCount.focus();
  await scanLikeAScanner(page, DEMO_BARCODES.metePedas);
  await expect(pedasCount).toHaveValue('1');
  await expect(meteCount).toHaveValue('3');
  await expect(page.getByTestId('scan-note')).toHaveText(`Kode ${DEMO_BARCODES.metePedas} dipindai ke kolom angka: dipakai di kolom pindai.`);

  // A code not in this count counts nothing, says so, and leaves the scan field empty: the next scan counts.
  const scanField = page.getByLabel('Pindai barcode untuk menambah 1 hitungan');
  await scanField.focus();
  await scanLikeAScanner(page, UNKNOWN);
  await expect(page.getByTestId('count-scan-msg')).toHaveText(`Kode ${UNKNOWN} tidak ada dalam hitungan ini (barang pemasok lain, atau tidak dikenal). Tidak ada yang dihitung.`);
  await expect(scanField).toHaveValue('');
  await scanLikeAScanner(page, DEMO_BARCODES.metePedas);
  await expect(pedasCount).toHaveValue('2');
  await expect(page.getByTestId('count-scan-msg')).toHaveText(`${pedas!.name} +1`);
});

test('refund screen: a scan while the void dialog or the manager approval is open never confirms it', async ({ page }) => {
  const manager = DEMO_LOGINS.find((l) => l.role === 'manager')!;
  const api = apiClient(server.url);
  const [kopi] = query<{ id: number }>('SELECT id FROM products WHERE barcode = ?', DEMO_BARCODES.kopiKolaka);
  /** A sale at `till` by `who`, in a shift opened for it (a void is for a sale of the shift still open). */
  const saleAt = async (who: { username: string; pin: string }, till: string) => {
    const token = (await api<{ token: string }>('auth.login', { username: who.username, pin: who.pin, tillCode: till })).body.token;
    expect((await api('shifts.open', { openingFloat: 0 }, token)).status).toBe(200);
    const sale = await api<{ id: number; number: string }>(
      'sales.checkout',
      { clientRequestId: `void-scan-${till}-${Date.now()}`, lines: [{ productId: kopi!.id, qty: 1 }], payments: [{ method: 'cash', amount: 100_000 }] },
      token,
    );
    expect(sale.status, JSON.stringify(sale.body)).toBe(200);
    return sale.body;
  };
  const statusOf = (id: number) => query<{ status: string }>('SELECT status FROM sales WHERE id = ?', id)[0]!.status;
  const openVoid = async (number: string) => {
    await expect(page.getByTestId('scan-input')).toBeFocused();
    await page.keyboard.press('F9');
    await page.getByTestId('refund-number').fill(number);
    await page.getByTestId('refund-number').press('Enter');
    await expect(page.getByTestId('refund-sale')).toContainText(number);
    await page.getByRole('button', { name: /Batalkan seluruh transaksi/ }).click();
    return page.getByRole('dialog', { name: 'Batalkan transaksi?' });
  };

  // The manager voids by themselves: the void dialog, its reason field focused.
  const own = await saleAt(manager, 'K10');
  await page.goto(server.url);
  await loginWithPinPad(page, manager, 'K10');
  const voidDialog = await openVoid(own.number);
  const reason = voidDialog.getByLabel('Alasan');
  await expect(reason).toBeFocused();
  await scanLikeAScanner(page, DEMO_BARCODES.meteOriginal);
  await expect(page.getByTestId('scan-note')).toHaveText(`Kode ${DEMO_BARCODES.meteOriginal} dipindai saat dialog terbuka dan tidak dipakai.`);
  await expect(voidDialog).toBeVisible();
  await expect(reason).toHaveValue('');
  await page.screenshot({ path: `${SHOTS}/scan-in-void.png` });
  expect(statusOf(own.id)).toBe('completed');
  await page.keyboard.press('Escape');
  await expect(voidDialog).toBeHidden();
  expect(statusOf(own.id)).toBe('completed');
  await page.getByRole('button', { name: 'Keluar' }).click();

  // A cashier's void waits for a manager: a scan in the approval's PIN is never tried as one.
  const theirs = await saleAt(cashier, 'K11');
  await loginWithPinPad(page, cashier, 'K11');
  await (await openVoid(theirs.number)).getByLabel('Alasan').fill('Salah input');
  await page.keyboard.press('Enter');
  const approval = page.getByRole('dialog', { name: /Persetujuan manajer/ });
  await expect(approval).toBeVisible();
  await approval.getByLabel('Nama pengguna manajer').fill(manager.username);
  const pin = approval.getByLabel('PIN manajer');
  await pin.focus();
  await scanLikeAScanner(page, DEMO_BARCODES.kopiKolaka);
  await expect(page.getByTestId('scan-note')).toHaveText(`Kode ${DEMO_BARCODES.kopiKolaka} dipindai saat dialog terbuka dan tidak dipakai.`);
  await expect(approval).toBeVisible();
  await expect(pin).toHaveValue('');
  expect(query('SELECT failed_attempts AS n FROM users WHERE username = ?', manager.username)).toEqual([{ n: 0 }]);
  expect(statusOf(theirs.id)).toBe('completed');
});

test('back office dialogs: a scan confirms nothing (no supplier named 8991234500010); the product barcode field still takes one', async ({ page }) => {
  const manager = DEMO_LOGINS.find((l) => l.role === 'manager')!;
  const suppliers = () => query<{ n: number }>('SELECT count(*) AS n FROM suppliers')[0]!.n;
  const before = suppliers();
  await page.goto(server.url);
  await loginWithPinPad(page, manager, 'K12');
  await expect(page.getByTestId('shift-status')).toBeVisible();
  await page.evaluate("window.location.hash = '#/suppliers'");
  await page.getByRole('button', { name: /Pemasok baru/ }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Pemasok baru' });
  const name = dialog.getByLabel('Nama usaha');
  await expect(name).toBeFocused();
  await scanLikeAScanner(page, DEMO_BARCODES.meteOriginal);
  await expect(page.getByTestId('scan-note')).toHaveText(`Kode ${DEMO_BARCODES.meteOriginal} dipindai saat dialog terbuka dan tidak dipakai.`);
  await expect(dialog).toBeVisible();
  await expect(name).toHaveValue('');
  expect(suppliers()).toBe(before);
  // A name typed fast that is no barcode stays a name, and its Enter saves the supplier.
  await scanLikeAScanner(page, 'UD-Mete-Raha');
  await expect(dialog).toBeHidden();
  expect(suppliers()).toBe(before + 1);
  expect(query('SELECT name FROM suppliers ORDER BY id DESC LIMIT 1')).toEqual([{ name: 'UD-Mete-Raha' }]);
  expect(query('SELECT count(*) AS n FROM suppliers WHERE name = ?', DEMO_BARCODES.meteOriginal)).toEqual([{ n: 0 }]);

  // The new product's barcode field is where a pack's barcode is scanned: it takes the scan as typed.
  await page.evaluate("window.location.hash = '#/products'");
  await page.getByRole('button', { name: /Barang baru/ }).first().click();
  const product = page.getByRole('dialog', { name: 'Barang baru' });
  const barcode = product.getByRole('textbox', { name: 'Barcode', exact: true });
  await barcode.focus();
  await scanLikeAScanner(page, '8990000000026');
  await expect(barcode).toHaveValue('8990000000026');
});
