/**
 * Supplier settlement end to end, in Chromium against browser mode
 * (`out/main/serve.js --demo`): a cashier sells one supplier's goods through
 * the API; the manager opens "Saldo pemasok", opens that supplier, previews
 * the slip, pays cash and confirms. The slip must reach the fake printer
 * (decoded ESC/POS: title, supplier, total), the balance must drop to Rp 0 on
 * screen and in `ledger.balances`, and a later refund of a settled sale must
 * show up in the next settlement as a negative line (carried forward).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { apiClient, startServer, type RunningServer } from '../support/server';
import { loginWithPinPad } from '../support/ui';
import { startFakePrinter, type FakePrinter } from '../support/fake-printer';
import { decodeEscPos } from '../support/escpos-decode';
import { DEMO_BARCODES, DEMO_LOGINS } from '../../src/main/core/demo';
import { formatRupiah } from '../../src/shared/money';

const SHOTS = '/tmp/shots';
const TILL = 'K1';
/** The cashier sells on another till, so only the manager's slips reach the fake printer. */
const CASHIER_TILL = 'K2';
const COLUMNS = 48;
const manager = DEMO_LOGINS.find((l) => l.role === 'manager')!;
const admin = DEMO_LOGINS.find((l) => l.role === 'admin')!;
const cashier = DEMO_LOGINS.find((l) => l.role === 'cashier')!;

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

interface Product {
  id: number;
  name: string;
  sellPrice: number;
  supplierId: number | null;
  supplierCode: string | null;
  supplierName: string | null;
}
interface Balance {
  supplierId: number;
  code: string;
  name: string;
  balance: number;
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

async function shot(page: Page, name: string) {
  await page.mouse.move(0, 767); // no hover effects in the screenshots
  await page.screenshot({ path: `${SHOTS}/settlement-${name}.png` });
}

test('manager settles a supplier, the slip prints, the balance drops to zero, a later refund goes into the next settlement', async ({ page }) => {
  test.setTimeout(120_000);
  const api = apiClient(server.url);

  // --- Manager (API): till K1 prints to the fake printer. ---
  const mgr = await api<{ token: string }>('auth.login', { username: manager.username, pin: manager.pin, tillCode: TILL });
  expect(mgr.status).toBe(200);
  const mtok = mgr.body.token;
  const set = await api('printers.set', { transport: { type: 'network', host: '127.0.0.1', port: printer.port }, columns: COLUMNS }, (await api<{ token: string }>('auth.login', { username: admin.username, pin: admin.pin, tillCode: TILL })).body.token);
  expect(set.status, JSON.stringify(set.body)).toBe(200);

  // --- Cashier (API): open a shift, sell goods of one supplier. ---
  const csh = await api<{ token: string }>('auth.login', { username: cashier.username, pin: cashier.pin, tillCode: CASHIER_TILL });
  expect(csh.status).toBe(200);
  const ctok = csh.body.token;
  const opened = await api('shifts.open', { openingFloat: 500_000 }, ctok);
  expect(opened.status, JSON.stringify(opened.body)).toBe(200);

  const lookup = async (code: string) => {
    const r = await api<Product>('products.lookup', { code }, ctok);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  const mete = await lookup(DEMO_BARCODES.meteOriginal);
  expect(mete.supplierId).not.toBeNull();
  const supplierId = mete.supplierId!;
  const supplierName = mete.supplierName!;
  // Another product of the same supplier, when the demo has one among the known ones.
  const others = await Promise.all([DEMO_BARCODES.metePedas, DEMO_BARCODES.abonTuna, DEMO_BARCODES.kopiKolaka].map(lookup));
  const sameSupplier = others.filter((p) => p.supplierId === supplierId);
  const lines = [{ productId: mete.id, qty: 3 }, ...sameSupplier.slice(0, 1).map((p) => ({ productId: p.id, qty: 1 }))];

  const before = await api<Balance[]>('ledger.balances', {}, mtok);
  const balanceBefore = before.body.find((b) => b.supplierId === supplierId)!.balance;

  const checkout = async (saleLines: { productId: number; qty: number }[], key: string) => {
    const r = await api<{ id: number; number: string; payable: number }>(
      'sales.checkout',
      { clientRequestId: `settle-e2e-${key}`, lines: saleLines, payments: [{ method: 'cash', amount: 2_000_000 }] },
      ctok,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  const sale = await checkout(lines, 'first-sale');

  const afterSale = await api<Balance[]>('ledger.balances', {}, mtok);
  const owed = afterSale.body.find((b) => b.supplierId === supplierId)!.balance;
  expect(owed).toBeGreaterThan(balanceBefore);
  expect(owed).toBeGreaterThan(0);

  // --- Manager (browser): PIN pad login. ---
  await page.goto(server.url);
  await expect(page.getByRole('heading', { name: 'Masuk kasir' })).toBeVisible();
  await loginWithPinPad(page, manager, TILL);

  // Till → back office → Saldo pemasok.
  await page.getByRole('link', { name: 'Back office' }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Saldo pemasok' }).click();
  await expect(page.getByRole('heading', { name: 'Saldo pemasok', level: 1 })).toBeVisible();
  const row = page.getByTestId('balance-row').filter({ hasText: supplierName });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('balance-amount')).toHaveText(formatRupiah(owed));
  await expect(row).toHaveClass(/st-row-pos/);
  // Sorted by balance: nobody above owes more.
  const first = parseInt((await page.getByTestId('balance-amount').first().innerText()).replace(/\D/g, ''), 10);
  expect(first).toBeGreaterThanOrEqual(owed);
  const overflow = await page.evaluate(`({ x: document.documentElement.scrollWidth - window.innerWidth })`);
  expect(overflow).toEqual({ x: 0 });
  await shot(page, 'balances');

  // Search narrows the list.
  await page.getByRole('searchbox', { name: 'Cari kode atau nama pemasok' }).fill(supplierName.split(' ').slice(0, 3).join(' '));
  await expect(page.getByTestId('balance-row').filter({ hasText: supplierName })).toHaveCount(1);

  // --- The supplier's page: unsettled entries, preview. ---
  await page.getByTestId('balance-row').filter({ hasText: supplierName }).click();
  await expect(page.getByTestId('supplier-name')).toHaveText(supplierName);
  await expect(page.getByTestId('supplier-balance')).toHaveText(formatRupiah(owed));
  await expect(page.getByTestId('entry-row').first()).toBeVisible();
  await expect(page.getByTestId('entries-total')).toHaveText(formatRupiah(owed));
  await page.getByRole('button', { name: 'Pratinjau' }).click();
  const slip = page.getByTestId('settlement-slip');
  await expect(slip).toBeVisible();
  await expect(slip).toContainText(mete.name);
  await expect(page.getByTestId('slip-product')).toHaveCount(lines.length);
  await expect(page.getByTestId('slip-total')).toHaveText(formatRupiah(owed));
  await shot(page, 'preview');

  // --- Pay cash: confirm dialog, then the result. ---
  await page.getByTestId('settle-pay').click();
  const confirm = page.getByRole('dialog', { name: 'Bayar pemasok?' });
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText(formatRupiah(owed));
  await expect(confirm).toContainText(supplierName);
  await shot(page, 'confirm');
  await confirm.getByRole('button', { name: /Ya, bayar/ }).click();
  const done = page.getByTestId('settlement-done');
  await expect(done).toBeVisible();
  const number = (await page.getByTestId('settlement-number').innerText()).trim();
  expect(number).toMatch(/^PB-\d{8}-\d{3}$/);
  await expect(page.getByTestId('settlement-amount')).toHaveText(formatRupiah(owed));
  await expect(page.getByTestId('settlement-print-status')).toHaveAttribute('data-status', 'printed', { timeout: 15_000 });
  await expect(page.getByTestId('supplier-balance')).toHaveText(formatRupiah(0));
  await shot(page, 'done');

  // --- The slip as the printer got it. ---
  await printer.waitForJobs(1, 15_000);
  const slips = printer
    .jobs()
    .map((bytes) => decodeEscPos(bytes, { columns: COLUMNS }))
    .filter((d) => d.lines.some((l) => l.includes(number)));
  expect(slips, 'one slip job carries the settlement number').toHaveLength(1);
  const text = squash(slips[0].lines.join('\n'));
  expect(text).toContain('NOTA PEMBAYARAN KONSINYASI');
  expect(text).toContain(squash(supplierName));
  expect(text).toContain(`TOTAL DIBAYAR ${formatRupiah(owed)}`);
  expect(text).not.toContain('SALINAN');

  // --- The balance is zero, on screen and through the API. ---
  const afterPay = await api<Balance[]>('ledger.balances', {}, mtok);
  expect(afterPay.body.find((b) => b.supplierId === supplierId)!.balance).toBe(0);
  await page.getByRole('button', { name: 'Selesai' }).click();
  await page.getByRole('button', { name: /Semua pemasok/ }).click();
  await page.getByRole('searchbox', { name: 'Cari kode atau nama pemasok' }).fill(supplierName);
  await expect(page.getByTestId('balance-row').filter({ hasText: supplierName }).getByTestId('balance-amount')).toHaveText(formatRupiah(0));

  // --- A later refund of the settled sale (one unit, through the API). ---
  const saleView = await api<{ lines: { id: number; productId: number; lots: { supplierShare: number; qty: number }[] }[] }>('sales.get', { id: sale.id }, ctok);
  expect(saleView.status).toBe(200);
  const meteLine = saleView.body.lines.find((l) => l.productId === mete.id)!;
  const refundLines = [{ saleLineId: meteLine.id, qty: 1, restock: true }];
  const refundPreview = await api<{ total: number; payments: { method: string; amount: number }[] }>(
    'sales.refundPreview',
    { saleId: sale.id, lines: refundLines, payBack: 'cash' },
    ctok,
  );
  expect(refundPreview.status, JSON.stringify(refundPreview.body)).toBe(200);
  // The manager approves at the cashier's till: the PIN is checked here, the refund carries the approval.
  const grant = await api<{ token: string }>('approvals.verify', { action: 'sales.refund', username: manager.username, pin: manager.pin, saleId: sale.id }, ctok);
  expect(grant.status, JSON.stringify(grant.body)).toBe(200);
  const refunded = await api<{ number: string; payable: number }>(
    'sales.refund',
    { saleId: sale.id, lines: refundLines, reason: 'Kemasan rusak', payments: refundPreview.body.payments, approval: { token: grant.body.token } },
    ctok,
  );
  expect(refunded.status, JSON.stringify(refunded.body)).toBe(200);
  const afterRefund = await api<Balance[]>('ledger.balances', {}, mtok);
  const carried = afterRefund.body.find((b) => b.supplierId === supplierId)!.balance;
  expect(carried).toBeLessThan(0);

  // --- The next settlement shows the refund as a negative line; nothing to pay, carried forward. ---
  await page.getByTestId('balance-row').filter({ hasText: supplierName }).click();
  await expect(page.getByTestId('supplier-balance')).toHaveText(formatRupiah(carried));
  await expect(page.getByTestId('entry-row')).toHaveCount(1);
  await expect(page.getByTestId('entry-row')).toContainText('Retur penjualan');
  await page.getByRole('button', { name: 'Pratinjau' }).click();
  const refundRow = page.getByTestId('slip-refund');
  await expect(refundRow).toHaveCount(1);
  await expect(refundRow).toContainText(mete.name);
  await expect(refundRow).toContainText(formatRupiah(carried));
  await expect(page.getByTestId('slip-carried')).toContainText('Tidak ada yang dibayar — saldo dibawa ke periode berikut');
  await expect(page.getByTestId('settle-pay')).toBeDisabled();
  await shot(page, 'next-preview');
  const today = await page.getByTestId('cutoff').inputValue();
  const nextPreview = await api<{ refunds: { amount: number }[]; amount: number; payable: boolean }>(
    'settlements.preview',
    { supplierId, cutoff: today },
    mtok,
  );
  expect(nextPreview.body.refunds.map((r) => r.amount)).toEqual([carried]);
  expect(nextPreview.body.payable).toBe(false);

  // --- History: the settlement, its detail and the A4 sheet. ---
  await page.getByRole('tab', { name: 'Riwayat' }).click();
  const historyRow = page.getByTestId('history-row').filter({ hasText: number });
  await expect(historyRow).toHaveCount(1);
  await expect(historyRow).toContainText(formatRupiah(owed));
  await historyRow.getByRole('button', { name: number }).click();
  const detail = page.getByRole('dialog', { name: `Pembayaran ${number}` });
  await expect(detail).toBeVisible();
  await expect(detail.getByTestId('slip-total')).toHaveText(formatRupiah(owed));
  await expect(detail.getByTestId('settlement-void')).toHaveCount(0); // a manager cannot void
  await shot(page, 'detail');
  await detail.getByRole('button', { name: 'Lembar A4' }).click();
  const sheet = page.getByRole('dialog', { name: `Lembar A4 ${number}` });
  const frame = page.frameLocator('[data-testid="statement-frame"]');
  await expect(sheet).toBeVisible();
  await expect(frame.locator('body')).toContainText(number);
  await expect(frame.locator('body')).toContainText(supplierName);
  await shot(page, 'statement');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();

  // --- Bulk: another supplier's sale, paid by transfer from the bulk screen; the CSV for the bank. ---
  const other = others.find((p) => p.supplierId !== null && p.supplierId !== supplierId)!;
  expect(other, 'a known demo product of another supplier').toBeDefined();
  await checkout([{ productId: other.id, qty: 2 }], 'bulk-sale');
  const bulkApi = await api<{ supplierId: number; amount: number; bankAccount: string | null }[]>(
    'settlements.bulkPreview',
    { cutoff: today },
    mtok,
  );
  const otherRow = bulkApi.body.find((r) => r.supplierId === other.supplierId)!;
  expect(otherRow.bankAccount, 'the demo supplier has a bank account').toBeTruthy();
  expect(bulkApi.body.map((r) => r.supplierId)).toEqual([other.supplierId]);

  await page.getByRole('navigation').getByRole('link', { name: 'Bayar massal' }).click();
  await page.getByRole('button', { name: 'Tampilkan' }).click();
  const bulkRow = page.getByTestId('bulk-row');
  await expect(bulkRow).toHaveCount(1);
  await expect(bulkRow).toContainText(other.supplierName!);
  await expect(bulkRow).toContainText(formatRupiah(otherRow.amount));
  await expect(bulkRow.getByRole('checkbox')).toBeChecked();
  await expect(page.getByTestId('bulk-summary')).toHaveText(`1 dipilih · ${formatRupiah(otherRow.amount)}`);
  await shot(page, 'bulk');
  await page.getByRole('button', { name: 'Bayar yang dipilih' }).click();
  await page.getByRole('dialog', { name: 'Bayar 1 pemasok?' }).getByRole('button', { name: /Ya, bayar/ }).click();
  await expect(bulkRow.getByTestId('bulk-result')).toHaveText(/^PB-\d{8}-\d{3}$/);
  const bulkNumber = (await bulkRow.getByTestId('bulk-result').innerText()).trim();
  await expect(page.getByTestId('bulk-summary')).toHaveText('Selesai: 1 berhasil, 0 gagal.');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh CSV transfer' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv).toContain('No,Bank,No Rekening,Atas Nama,Jumlah,Keterangan');
  expect(csv).toContain(bulkNumber);
  expect(csv).toContain(String(otherRow.amount));
  expect(csv).toContain(otherRow.bankAccount!);
  await shot(page, 'bulk-done');
  const bulkSlip = (await printer.waitForJobs(2, 15_000))
    .map((bytes) => squash(decodeEscPos(bytes, { columns: COLUMNS }).lines.join('\n')))
    .find((t) => t.includes(bulkNumber));
  expect(bulkSlip).toContain('NOTA PEMBAYARAN KONSINYASI');
  expect(bulkSlip).toContain(`TOTAL DIBAYAR ${formatRupiah(otherRow.amount)}`);

  // --- Admin voids the bulk settlement with a reason; the supplier is owed again. ---
  await page.getByRole('button', { name: 'Keluar' }).click();
  await expect(page.getByRole('heading', { name: 'Masuk kasir' })).toBeVisible();
  await loginWithPinPad(page, admin, TILL);
  await page.getByRole('link', { name: 'Back office' }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Riwayat bayar' }).click();
  const rows = page.getByTestId('history-row');
  await expect(rows).toHaveCount(2);
  await rows.filter({ hasText: bulkNumber }).getByRole('button', { name: bulkNumber }).click();
  const bulkDetail = page.getByRole('dialog', { name: `Pembayaran ${bulkNumber}` });
  await bulkDetail.getByTestId('settlement-void').click();
  const voidDialog = page.getByRole('dialog', { name: `Batalkan pembayaran ${bulkNumber}?` });
  await voidDialog.getByTestId('void-confirm').click();
  await expect(voidDialog.getByText('Wajib diisi')).toBeVisible();
  await voidDialog.getByLabel('Alasan pembatalan').fill('Transfer ditolak bank');
  await shot(page, 'void');
  await voidDialog.getByTestId('void-confirm').click();
  const voided = page.getByRole('dialog', { name: `Pembayaran ${bulkNumber}` });
  await expect(voided).toContainText('Dibatalkan oleh');
  await expect(voided).toContainText('Transfer ditolak bank');
  await page.keyboard.press('Escape');
  await expect(rows.filter({ hasText: bulkNumber })).toContainText('Dibatalkan');
  await shot(page, 'history');
  const afterVoid = await api<Balance[]>('ledger.balances', {}, mtok);
  expect(afterVoid.body.find((b) => b.supplierId === other.supplierId)!.balance).toBe(otherRow.amount);
  // The same screen in English.
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Settlements', level: 1 })).toBeVisible();
  await expect(rows.filter({ hasText: bulkNumber })).toContainText('Voided');
  await page.getByRole('navigation').getByRole('link', { name: 'Supplier balances' }).click();
  await expect(page.getByTestId('balance-row').first()).toBeVisible();
  await shot(page, 'balances-en');
  await page.getByRole('button', { name: 'ID', exact: true }).click();

  // --- A fee and an adjustment go into the next preview. ---
  const otherName = other.supplierName!;
  await page.getByTestId('balance-row').filter({ hasText: otherName }).click();
  await expect(page.getByTestId('supplier-balance')).toHaveText(formatRupiah(otherRow.amount));
  await page.getByRole('button', { name: /Potongan \/ biaya/ }).click();
  const feeDialog = page.getByRole('dialog', { name: 'Tambah potongan / biaya' });
  await feeDialog.getByLabel('Jumlah potongan').fill('5000');
  await feeDialog.getByLabel(/Keterangan/).fill('Sewa rak November');
  await shot(page, 'fee');
  await feeDialog.getByRole('button', { name: 'Simpan potongan' }).click();
  await expect(feeDialog).toBeHidden();
  await expect(page.getByTestId('supplier-balance')).toHaveText(formatRupiah(otherRow.amount - 5_000));
  await page.getByRole('button', { name: /Penyesuaian/ }).click();
  const adjustDialog = page.getByRole('dialog', { name: 'Penyesuaian saldo' });
  await adjustDialog.getByText('Kurangi saldo').click();
  await adjustDialog.getByRole('textbox', { name: /^Jumlah/ }).fill('1000');
  await adjustDialog.getByLabel('Alasan').fill('Selisih timbang');
  await adjustDialog.getByRole('button', { name: 'Simpan penyesuaian' }).click();
  await expect(adjustDialog).toBeHidden();
  const adjusted = otherRow.amount - 6_000;
  await expect(page.getByTestId('supplier-balance')).toHaveText(formatRupiah(adjusted));
  await page.getByRole('button', { name: 'Pratinjau' }).click();
  await expect(page.getByTestId('slip-fee')).toContainText('Sewa rak November');
  await expect(page.getByTestId('slip-fee')).toContainText(formatRupiah(-5_000));
  await expect(page.getByTestId('slip-adjustment')).toContainText(formatRupiah(-1_000));
  await expect(page.getByTestId('slip-total')).toHaveText(formatRupiah(adjusted));
  await page.getByText('Transfer bank').click();
  await expect(page.getByTestId('transfer-bank')).toContainText(otherRow.bankAccount!);
  await page.getByTestId('settle-panel').evaluate('(el) => el.scrollIntoView({ block: "end" })');
  await shot(page, 'fee-preview');
  const afterFee = await api<Balance[]>('ledger.balances', {}, mtok);
  expect(afterFee.body.find((b) => b.supplierId === other.supplierId)!.balance).toBe(adjusted);
});
