/**
 * The consignment back office end to end, in Chromium against browser mode
 * (`out/main/serve.js --demo`): the manager creates a new supplier and a
 * product that tracks expiry (with a generated in-store barcode), receives it
 * with an expiry date and the intake slip prints to the fake printer; the
 * cashier sells one through the till; the manager returns the rest to the
 * supplier through the returns screen, and the return slip prints. The lot
 * (SQLite, read-only) ends with nothing left.
 */
import { mkdirSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { apiClient, startServer, type RunningServer } from '../support/server';
import { loginWithPinPad } from '../support/ui';
import { startFakePrinter, type FakePrinter } from '../support/fake-printer';
import { decodeEscPos } from '../support/escpos-decode';
import { DEMO_BARCODES, DEMO_LOGINS, DEMO_PRODUCT_NAMES, isValidEan13 } from '../../src/main/core/demo';
import { formatRupiah } from '../../src/shared/money';

const SHOTS = '/tmp/shots';
const TILL = 'K1';
const manager = DEMO_LOGINS.find((l) => l.role === 'manager')!;
const cashier = DEMO_LOGINS.find((l) => l.role === 'cashier')!;
/** Printer settings are the admin's (issue 11). */
const ADMIN = DEMO_LOGINS.find((l) => l.role === 'admin')!;

const SUPPLIER = {
  name: 'UD Madu Hutan Lasolo',
  owner: 'Wa Ode Sitti Hasmiah',
  phone: '0812-4455-7788',
  district: 'Kabupaten Konawe Utara',
  address: 'Desa Lasolo, Konawe Utara',
  bankName: 'Bank Sultra',
  bankAccount: '1234567890',
};
const PRODUCT = { name: 'Madu Lasolo 250 ml', sellPrice: 85_000, supplierPrice: 65_000, unit: 'botol', category: 'Madu' };
const RECEIVED = 12;
const SECOND = { name: 'Madu Lasolo 500 ml', sellPrice: 150_000, unit: 'botol', qty: 6 };

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** `YYYY-MM-DD` of the shop day (WITA) plus `days`. */
function witaDay(days: number): string {
  const d = new Date(Date.now() + 8 * 3600_000);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

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

async function login(page: Page, who: { username: string; pin: string }) {
  await expect(page.getByRole('heading', { name: 'Masuk kasir' })).toBeVisible();
  await loginWithPinPad(page, who, TILL);
  await expect(page.getByTestId('till-code')).toHaveText(`Mesin ${TILL}`);
}

async function openBackOffice(page: Page, hash: string, title: string) {
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
  await expect(page.locator('.bo-title')).toHaveText(title);
}

/** Decoded text of the print jobs whose text contains `marker`. */
async function jobsWith(marker: string, timeout = 15_000): Promise<string[]> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = printer
      .jobs()
      .map((bytes) => squash(decodeEscPos(bytes, { columns: 32 }).lines.join('\n')))
      .filter((text) => text.includes(marker));
    if (found.length > 0 || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('manager receives a new supplier’s goods with expiry, the cashier sells one, the manager returns the rest', async ({ page }) => {
  // --- Till K1 prints to the fake printer (printers are per till). ---
  const api = apiClient(server.url);
  const mgr = await api<{ token: string }>('auth.login', { username: manager.username, pin: manager.pin, tillCode: TILL });
  expect(mgr.status).toBe(200);
  const set = await api('printers.set', { transport: { type: 'network', host: '127.0.0.1', port: printer.port }, columns: 32 }, (await api<{ token: string }>('auth.login', { username: ADMIN.username, pin: ADMIN.pin, tillCode: TILL })).body.token);
  expect(set.status, JSON.stringify(set.body)).toBe(200);
  const token = mgr.body.token;

  // --- The manager logs in and creates the supplier. ---
  await page.goto(server.url);
  await login(page, manager);
  await openBackOffice(page, '#/suppliers', 'Pemasok');
  await page.getByRole('button', { name: '+ Pemasok baru' }).click();
  const supplierDialog = page.getByRole('dialog', { name: 'Pemasok baru' });
  await supplierDialog.getByLabel('Nama usaha').fill(SUPPLIER.name);
  await supplierDialog.getByLabel('Pemilik').fill(SUPPLIER.owner);
  await supplierDialog.getByLabel('Telepon').fill(SUPPLIER.phone);
  await supplierDialog.getByLabel('Kabupaten/kota').selectOption(SUPPLIER.district);
  await supplierDialog.getByLabel('Alamat').fill(SUPPLIER.address);
  await supplierDialog.getByLabel('Bank').fill(SUPPLIER.bankName);
  await supplierDialog.getByLabel('No. rekening').fill(SUPPLIER.bankAccount);
  await supplierDialog.getByLabel('Atas nama').fill(SUPPLIER.owner);
  await supplierDialog.getByRole('button', { name: 'Simpan pemasok' }).click();
  await expect(supplierDialog).toBeHidden();
  await expect(page.locator('.bo-inline-notice')).toContainText(SUPPLIER.name);
  await expect(page.getByTestId('supplier-row').filter({ hasText: SUPPLIER.name })).toBeVisible();
  const suppliers = await api<{ id: number; name: string; district: string | null }[]>('suppliers.list', { query: SUPPLIER.name }, token);
  const supplier = suppliers.body.find((s) => s.name === SUPPLIER.name)!;
  expect(supplier.district).toBe(SUPPLIER.district);

  // --- A product that tracks expiry, with a generated in-store barcode. ---
  await openBackOffice(page, '#/products', 'Barang');
  await page.getByRole('button', { name: '+ Barang baru' }).click();
  const productDialog = page.getByRole('dialog', { name: 'Barang baru' });
  await productDialog.getByRole('combobox', { name: 'Pemasok' }).selectOption(String(supplier.id));
  await productDialog.getByLabel('Nama barang').fill(PRODUCT.name);
  await productDialog.getByLabel('Kategori').fill(PRODUCT.category);
  await productDialog.getByLabel('Satuan').fill(PRODUCT.unit);
  await productDialog.getByLabel('Harga jual').fill(String(PRODUCT.sellPrice));
  await productDialog.getByLabel('Harga titip (untuk pemasok)').fill(String(PRODUCT.supplierPrice));
  await productDialog.getByLabel('Buat barcode internal (EAN-13 toko)').check();
  await productDialog.getByLabel('Punya tanggal kedaluwarsa').check();
  await productDialog.getByRole('button', { name: 'Simpan barang' }).click();
  await expect(productDialog).toBeHidden();
  await expect(page.locator('.bo-inline-notice')).toContainText(PRODUCT.name);

  const found = await api<{ id: number; barcode: string | null; trackExpiry: boolean; supplierName: string }[]>(
    'products.list',
    { query: PRODUCT.name },
    token,
  );
  expect(found.status).toBe(200);
  const product = found.body.find((p) => p.supplierName === SUPPLIER.name)!;
  expect(product, 'the new product').toBeDefined();
  expect(product.trackExpiry).toBe(true);
  const barcode = product.barcode!;
  expect(isValidEan13(barcode), `generated barcode ${barcode}`).toBe(true);
  await expect(page.locator('.bo-inline-notice')).toContainText(barcode);

  // --- Intake: pick the supplier, scan the new barcode, qty and expiry. ---
  await openBackOffice(page, '#/intake', 'Penerimaan titipan');
  await page.getByLabel('Pemasok', { exact: true }).selectOption(String(supplier.id));
  const scan = page.getByTestId('intake-scan');
  await expect(scan).toBeFocused();
  await expect(page.locator('.pick-item').filter({ hasText: PRODUCT.name })).toBeVisible();
  await scan.fill(barcode);
  await scan.press('Enter');
  const line = page.getByTestId('intake-line').filter({ hasText: PRODUCT.name });
  await expect(line).toHaveCount(1);
  // Expiry is required for this product: saving without it is refused on the line.
  await page.getByRole('button', { name: 'Simpan & cetak tanda terima' }).click();
  await expect(line).toContainText('Tanggal kedaluwarsa wajib diisi');
  const expiry = witaDay(90);
  // A quantity above the limit is said at once on its line, and counts in neither the line nor the totals.
  await line.getByLabel(`Jumlah ${PRODUCT.name}`).fill('999999');
  await expect(line.getByRole('alert')).toHaveText('Jumlah harus bilangan bulat 1–100.000');
  await expect(line).toContainText(formatRupiah(0));
  await expect(page.getByTestId('intake-total')).toHaveText(formatRupiah(0));
  await line.getByLabel(`Jumlah ${PRODUCT.name}`).fill(String(RECEIVED));
  await expect(line.getByRole('alert')).toHaveCount(0);
  await line.getByLabel(`Kedaluwarsa ${PRODUCT.name}`).fill(expiry.split('-').reverse().join('/')); // typed day first
  await expect(page.getByTestId('intake-total')).toHaveText(formatRupiah(PRODUCT.supplierPrice * RECEIVED));

  // A second product, created inline from the intake screen, on commission terms.
  await page.getByRole('button', { name: '+ Barang baru' }).first().click();
  const quick = page.getByRole('dialog', { name: 'Barang baru' });
  await expect(quick).toContainText(SUPPLIER.name);
  await quick.getByLabel('Nama barang').fill(SECOND.name);
  await quick.getByLabel('Satuan').fill(SECOND.unit);
  await quick.getByLabel('Harga jual').fill(String(SECOND.sellPrice));
  await quick.getByRole('radio', { name: /Komisi/ }).check();
  await quick.getByLabel('Komisi toko (%)').fill('20');
  await quick.getByLabel('Buat barcode internal (EAN-13 toko)').check();
  await quick.getByRole('button', { name: 'Simpan barang' }).click();
  await expect(quick).toBeHidden();
  const second = page.getByTestId('intake-line').filter({ hasText: SECOND.name });
  await expect(second).toHaveCount(1);
  await second.getByLabel(`Jumlah ${SECOND.name}`).fill(String(SECOND.qty));
  const intakeValue = PRODUCT.supplierPrice * RECEIVED + SECOND.sellPrice * SECOND.qty * 0.8;
  await expect(page.getByTestId('intake-total')).toHaveText(formatRupiah(intakeValue));
  await page.mouse.move(0, 767);
  await page.screenshot({ path: `${SHOTS}/backoffice-intake.png` });

  await page.getByRole('button', { name: 'Simpan & cetak tanda terima' }).click();
  await expect(page.getByTestId('intake-done')).toBeVisible();
  const intakeNumber = (await page.getByTestId('intake-number').innerText()).trim();
  expect(intakeNumber).not.toBe('');
  await expect(page.getByTestId('print-status').first()).toHaveAttribute('data-status', 'printed', { timeout: 15_000 });
  await page.screenshot({ path: `${SHOTS}/backoffice-intake-done.png` });

  // --- The intake slip as the printer got it. ---
  const slips = await jobsWith('TANDA TERIMA BARANG TITIPAN');
  expect(slips, 'one intake slip').toHaveLength(1);
  const slip = slips[0];
  expect(slip).toContain(intakeNumber);
  expect(slip).toContain(SUPPLIER.name);
  expect(slip).toContain(PRODUCT.name);
  expect(slip).toContain(SECOND.name);
  expect(slip).toContain('Komisi 20%');
  expect(slip).toContain(formatRupiah(PRODUCT.supplierPrice * RECEIVED + SECOND.sellPrice * SECOND.qty * 0.8));
  const [y, m, d] = expiry.split('-');
  expect(slip).toContain(`${d}/${m}/${y}`);
  expect(slip).toContain('Pemasok');
  expect(slip).toContain('Petugas Penerima');

  // --- The cashier sells one unit through the till. ---
  await page.getByRole('button', { name: 'Keluar', exact: true }).click();
  await login(page, cashier);
  await expect(page.getByRole('heading', { name: 'Buka shift' })).toBeVisible();
  await page.getByRole('button', { name: 'Rp 200.000' }).click();
  await page.getByRole('button', { name: /^Buka shift/ }).click();
  await expect(page.getByTestId('shift-status')).toContainText('Shift buka sejak');
  const tillScan = page.getByTestId('scan-input');
  await expect(tillScan).toBeFocused();
  await page.keyboard.type(barcode);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await expect(page.getByTestId('cart-total')).toHaveText(formatRupiah(PRODUCT.sellPrice));
  await page.keyboard.press('F2');
  const pay = page.getByRole('dialog', { name: 'Pembayaran' });
  await expect(pay).toBeVisible();
  await pay.locator('.quick-btn').nth(1).click();
  await expect(pay.getByTestId('pay-remaining')).toHaveText(formatRupiah(0));
  await pay.getByRole('button', { name: /^Selesaikan/ }).click();
  await expect(page.getByTestId('sale-done')).toBeVisible({ timeout: 10_000 });

  // --- Back to the manager: the supplier page shows what sold and what is left. ---
  await page.getByRole('button', { name: /Transaksi baru/ }).click();
  await expect(page.getByTestId('sale-done')).toBeHidden();
  await page.getByRole('button', { name: 'Keluar', exact: true }).click();
  await login(page, manager);
  await openBackOffice(page, '#/suppliers', 'Pemasok');
  await page.getByTestId('supplier-row').filter({ hasText: SUPPLIER.name }).click();
  const supplierPage = page.getByTestId('supplier-page');
  await expect(supplierPage.getByTestId('supplier-name')).toHaveText(SUPPLIER.name);
  await expect(supplierPage.getByTestId('supplier-stock-qty')).toHaveText(`${RECEIVED - 1 + SECOND.qty} unit`);
  await expect(supplierPage.getByTestId('supplier-balance')).toHaveText(formatRupiah(PRODUCT.supplierPrice));
  await expect(supplierPage).toContainText(intakeNumber);
  await page.mouse.move(0, 767);
  await page.screenshot({ path: `${SHOTS}/backoffice-supplier.png` });

  // --- Return the remainder through the returns screen. ---
  printer.clear();
  await supplierPage.getByRole('button', { name: 'Buat retur' }).click();
  await expect(page.locator('.bo-title')).toHaveText('Retur ke pemasok');
  await expect(page.getByLabel('Pemasok', { exact: true })).toHaveValue(/\d+/);
  const lot = page.getByTestId('return-lot').filter({ hasText: PRODUCT.name });
  await expect(lot).toHaveCount(1);
  await page.getByRole('button', { name: 'Semua stok' }).click();
  await expect(lot.getByLabel(`Jumlah retur ${PRODUCT.name}`)).toHaveValue(String(RECEIVED - 1));
  await expect(page.getByTestId('return-units')).toHaveText(String(RECEIVED - 1 + SECOND.qty));
  await page.getByRole('radio', { name: 'Tidak laku' }).check();
  await page.mouse.move(0, 767);
  await page.screenshot({ path: `${SHOTS}/backoffice-return.png` });
  await page.getByRole('button', { name: 'Simpan & cetak bukti retur' }).click();
  await expect(page.getByTestId('return-done')).toBeVisible();
  const returnNumber = (await page.getByTestId('return-number').innerText()).trim();
  expect(returnNumber).toMatch(/^RT-\d{8}-\d{3}$/);
  await expect(page.getByTestId('print-status').first()).toHaveAttribute('data-status', 'printed', { timeout: 15_000 });

  const returnSlips = await jobsWith('BUKTI RETUR BARANG TITIPAN');
  expect(returnSlips, 'one return slip').toHaveLength(1);
  expect(returnSlips[0]).toContain(returnNumber);
  expect(returnSlips[0]).toContain(SUPPLIER.name);
  expect(returnSlips[0]).toContain(PRODUCT.name);
  expect(returnSlips[0]).toContain('Tidak laku');

  // --- The lot as stored: received 12, sold 1, returned 11, nothing left. ---
  const db = new Database(server.dbPath, { readonly: true, fileMustExist: true });
  try {
    const lots = db.prepare('SELECT id, received_qty, remaining_qty, expiry_date FROM lots WHERE product_id = ?').all(product.id) as {
      id: number;
      received_qty: number;
      remaining_qty: number;
      expiry_date: string | null;
    }[];
    expect(lots).toHaveLength(1);
    expect(lots[0]).toMatchObject({ received_qty: RECEIVED, remaining_qty: 0, expiry_date: expiry });
  } finally {
    db.close();
  }
  const detail = await api<{ lots: { remainingQty: number; soldQty: number; returnedQty: number }[] }>('products.detail', { id: product.id }, token);
  expect(detail.body.lots[0]).toMatchObject({ remainingQty: 0, soldQty: 1, returnedQty: RECEIVED - 1 });
});

test('product page, near-expiry list and a stock count through the back office', async ({ page }) => {
  const api = apiClient(server.url);
  const mgr = await api<{ token: string }>('auth.login', { username: manager.username, pin: manager.pin, tillCode: TILL });
  const token = mgr.body.token;
  await api('printers.set', { transport: { type: 'network', host: '127.0.0.1', port: printer.port }, columns: 32 }, (await api<{ token: string }>('auth.login', { username: ADMIN.username, pin: ADMIN.pin, tillCode: TILL })).body.token);
  const mete = await api<{ id: number; supplierId: number; supplierName: string; stock: number; name: string }>(
    'products.lookup',
    { code: DEMO_BARCODES.meteOriginal },
    token,
  );
  expect(mete.status).toBe(200);

  await page.goto(server.url);
  await login(page, manager);

  await openBackOffice(page, '#/suppliers', 'Pemasok');
  await expect(page.getByTestId('supplier-row').first()).toBeVisible();
  await page.mouse.move(0, 767);
  await page.screenshot({ path: `${SHOTS}/backoffice-suppliers.png` });

  // The product list and a product page: lots with their terms, the note that changes apply to new intakes only.
  await openBackOffice(page, '#/products', 'Barang');
  await page.getByRole('searchbox', { name: 'Cari nama, SKU, barcode atau pemasok…' }).fill(DEMO_BARCODES.twoLots);
  const twoLots = page.getByTestId('product-row').filter({ hasText: DEMO_BARCODES.twoLots });
  await expect(twoLots).toHaveCount(1);
  await page.getByRole('searchbox', { name: 'Cari nama, SKU, barcode atau pemasok…' }).fill('');
  await expect(page.getByTestId('product-row').first()).toBeVisible();
  await page.mouse.move(0, 767);
  await page.screenshot({ path: `${SHOTS}/backoffice-products.png` });
  await page.getByRole('searchbox', { name: 'Cari nama, SKU, barcode atau pemasok…' }).fill(DEMO_BARCODES.twoLots);
  await twoLots.click();
  const productPage = page.getByTestId('product-page');
  await expect(productPage.getByRole('heading', { name: DEMO_PRODUCT_NAMES.twoLots })).toBeVisible();
  await expect(productPage.getByTestId('terms-note')).toContainText('penerimaan berikutnya');
  await expect(productPage.getByTestId('lot-row')).toHaveCount(2);
  await page.mouse.move(0, 767);
  await page.screenshot({ path: `${SHOTS}/backoffice-product.png` });

  // A new sell price applies to new intakes only: both lots keep (and show) their old terms.
  await productPage.getByRole('button', { name: 'Ubah', exact: true }).click();
  const edit = page.getByRole('dialog', { name: 'Ubah barang P00006' });
  await expect(edit).toContainText('hanya berlaku untuk penerimaan berikutnya');
  await edit.getByLabel('Harga jual').fill('40000');
  await edit.getByRole('button', { name: 'Simpan barang' }).click();
  await expect(edit).toBeHidden();
  await expect(productPage.getByTestId('terms-note')).toContainText('harga/syarat lama');
  await expect(productPage.getByTestId('lot-row').filter({ hasText: 'syarat lama' })).toHaveCount(2);
  await expect(productPage.getByTestId('lot-row').first()).toContainText('jual Rp 38.000');

  // Labels for the product on the till's printer.
  await productPage.getByRole('button', { name: 'Cetak label' }).click();
  const labels = page.getByRole('dialog', { name: 'Cetak label' });
  // Food: one row per lot in stock, each with its expiry; 3 labels of the first lot.
  const labelRows = labels.getByTestId('label-row');
  await expect(labelRows).toHaveCount(2);
  await labelRows.nth(0).getByRole('textbox').fill('3');
  await labelRows.nth(1).getByRole('textbox').fill('0');
  await expect(labels.locator('.label-preview .sticker')).toHaveCount(3);
  await expect(labels.locator('.label-preview .label-expiry').first()).toHaveText(/^Exp \d{2}\/\d{2}\/\d{4}$/);
  await expect(labels.locator('.label-preview svg.label-barcode')).toHaveCount(3);
  await page.mouse.move(0, 767);
  await page.screenshot({ path: `${SHOTS}/backoffice-labels.png` });
  // The A4 sheet as the browser prints it (print media).
  await labels.getByRole('button', { name: 'Cetak lembar A4 (1 lembar)' }).click();
  await expect(page.locator('.label-print-root .sticker')).toHaveCount(3);
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: `${SHOTS}/backoffice-labels-a4.png` });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.emulateMedia({ media: 'screen' });
  await labels.getByRole('button', { name: 'Printer struk (3 label)' }).click();
  await expect(labels.getByTestId('print-status')).toHaveAttribute('data-status', 'printed', { timeout: 15_000 });
  await page.keyboard.press('Escape');
  await expect(labels).toBeHidden();

  // Near-expiry: the expired demo lots show up under their supplier.
  await openBackOffice(page, '#/expiry', 'Kedaluwarsa');
  const groups = page.getByTestId('expiry-group');
  await expect(groups.filter({ hasText: DEMO_PRODUCT_NAMES.expired })).toHaveCount(1);
  await expect(groups.filter({ hasText: DEMO_PRODUCT_NAMES.twoLots })).toHaveCount(1);
  await page.mouse.move(0, 767);
  await page.screenshot({ path: `${SHOTS}/backoffice-expiry.png` });

  // One click: everything near expiry of that supplier goes back, with a slip.
  const expiredGroup = groups.filter({ hasText: DEMO_PRODUCT_NAMES.expired });
  await expiredGroup.getByRole('button', { name: 'Retur ke pemasok' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /Retur ke pemasok/ }).click();
  await expect(page.getByTestId('return-done')).toBeVisible();
  await expect(page.getByTestId('return-done')).toContainText('Kedaluwarsa');
  await expect(page.getByTestId('print-status')).toHaveAttribute('data-status', 'printed', { timeout: 15_000 });
  const bagea = await api<{ expiredStock: number }>('products.lookup', { code: DEMO_BARCODES.expired }, token);
  expect(bagea.body.expiredStock).toBe(0);
  await page.getByRole('button', { name: 'Retur lain' }).click();
  await expect(groups.filter({ hasText: DEMO_PRODUCT_NAMES.expired })).toHaveCount(0);

  // Stock count of one supplier: two units of mete missing, borne by the shop.
  await openBackOffice(page, '#/stock-count', 'Stok opname');
  await page.getByRole('radio', { name: 'Satu pemasok' }).check();
  await page.getByRole('combobox', { name: 'Pemasok' }).selectOption(String(mete.body.supplierId));
  await page.getByRole('button', { name: 'Mulai hitung' }).click();
  const counted = page.getByLabel(`Hitungan fisik ${mete.body.name}`);
  await counted.fill(String(mete.body.stock - 2));
  await page.getByRole('button', { name: /^Simpan hitungan/ }).click();
  await expect(counted).not.toHaveClass(/input-dirty/);
  await page.getByLabel(`Alasan selisih ${mete.body.name}`).fill('Hilang');
  await page.getByRole('combobox', { name: 'Ditanggung oleh' }).selectOption('shop');
  await page.mouse.move(0, 767);
  await page.screenshot({ path: `${SHOTS}/backoffice-count.png` });
  await page.getByRole('button', { name: 'Bukukan selisih' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /Bukukan selisih/ }).click();
  await expect(page.locator('.count-head')).toContainText('Dibukukan');
  await expect(page.getByRole('heading', { name: 'Koreksi yang dibuat' })).toBeVisible();
  const after = await api<{ stock: number }>('products.get', { id: mete.body.id }, token);
  expect(after.body.stock).toBe(mete.body.stock - 2);
  await page.getByRole('button', { name: /Daftar stok opname/ }).click();
  await expect(page.locator('.bo-split')).toContainText('Dibukukan');
  await page.mouse.move(0, 767);
  await page.screenshot({ path: `${SHOTS}/backoffice-count-list.png` });

  // History tabs: intakes and returns, with a detail dialog that can reprint.
  await openBackOffice(page, '#/intake', 'Penerimaan titipan');
  await page.getByRole('tab', { name: 'Riwayat penerimaan' }).click();
  await expect(page.locator('.table-click tbody tr').first()).toContainText('TT-');
  await page.locator('.table-click tbody tr').first().click();
  await expect(page.getByRole('dialog', { name: /^Penerimaan TT-/ })).toBeVisible();
  await page.mouse.move(0, 767);
  await page.screenshot({ path: `${SHOTS}/backoffice-intake-history.png` });
  await page.keyboard.press('Escape');
  await openBackOffice(page, '#/returns', 'Retur ke pemasok');
  await page.getByRole('tab', { name: 'Riwayat retur' }).click();
  await page.mouse.move(0, 767);
  await page.screenshot({ path: `${SHOTS}/backoffice-returns-history.png` });

  // English through the switch.
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await expect(page.locator('.bo-title')).toHaveText('Returns to supplier');
  await expect(page.getByRole('tab', { name: 'Return history' })).toHaveAttribute('aria-selected', 'true');
  await openBackOffice(page, '#/suppliers', 'Suppliers');
  await page.getByTestId('supplier-row').filter({ hasText: mete.body.supplierName }).click();
  await expect(page.getByTestId('supplier-page')).toContainText('Balance owed');
  await page.mouse.move(0, 767);
  await page.screenshot({ path: `${SHOTS}/backoffice-supplier-en.png` });
});
