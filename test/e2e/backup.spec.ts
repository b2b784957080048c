/**
 * Backups in the UI: the admin sets a folder, backs up, sees a failure
 * shown (not silent), and restores a backup into the running app.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { apiClient, startServer, type RunningServer } from '../support/server';
import { loginWithPinPad } from '../support/ui';
import { DEMO_BARCODES, DEMO_LOGINS } from '../../src/main/core/demo';

const admin = DEMO_LOGINS.find((l) => l.role === 'admin')!;
const cashier = DEMO_LOGINS.find((l) => l.role === 'cashier')!;
let server: RunningServer;

test.beforeAll(async () => {
  server = await startServer({ demo: true });
});
test.afterAll(async () => server?.stop());

async function login(page: Page, user: { username: string; pin: string }) {
  await page.goto(server.url);
  await loginWithPinPad(page, user);
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeVisible();
}

test('admin backs up to a folder, sees a failure, and restores a backup', async ({ page }) => {
  const api = apiClient(server.url);
  const kasir = (await api('auth.login', { username: cashier.username, pin: cashier.pin, tillCode: 'K1' })).body.token;
  await api('shifts.open', { openingFloat: 0 }, kasir);
  const product = (await api('products.lookup', { code: DEMO_BARCODES.meteOriginal }, kasir)).body;
  const sell = (id: string) =>
    api('sales.checkout', { clientRequestId: id, lines: [{ productId: product.id, qty: 1 }], payments: [{ method: 'cash', amount: product.sellPrice }] }, kasir);
  expect((await sell('e2e-backup-0001')).status).toBe(200);

  await login(page, admin);
  await page.goto(`${server.url}/#/backup`);
  await expect(page.getByRole('heading', { name: 'Cadangan data' }).first()).toBeVisible();
  await expect(page.getByText('Belum pernah')).toBeVisible();

  // A folder no backup can be written to is refused when it is set, with the reason.
  const blocker = join(mkdtempSync(join(tmpdir(), 'kasir-e2e-')), 'not-a-folder');
  writeFileSync(blocker, 'x');
  await page.getByLabel('Folder cadangan').fill(join(blocker, 'sub'));
  await page.getByRole('button', { name: 'Simpan', exact: true }).click();
  await expect(page.getByText('Folder cadangan tidak bisa dipakai: foldernya tidak ada dan tidak bisa dibuat (apakah flashdisk/drive-nya terpasang?).')).toBeVisible();
  await expect(page.getByText('Pengaturan cadangan disimpan.')).toHaveCount(0);

  // A folder that was fine and is gone when the backup runs (the drive unplugged): the failure is shown, not swallowed.
  const gone = join(mkdtempSync(join(tmpdir(), 'kasir-e2e-')), 'usb');
  await page.getByLabel('Folder cadangan').fill(gone);
  await page.getByRole('button', { name: 'Simpan', exact: true }).click();
  await expect(page.getByText('Pengaturan cadangan disimpan.')).toBeVisible();
  rmSync(gone, { recursive: true });
  writeFileSync(gone, 'x');
  await page.getByRole('button', { name: 'Cadangkan sekarang' }).click();
  await expect(page.getByText('Cadangan terakhir GAGAL')).toBeVisible();

  // A real folder: the backup is written and listed.
  const folder = join(mkdtempSync(join(tmpdir(), 'kasir-e2e-usb-')), 'kasir');
  mkdirSync(folder);
  await page.getByLabel('Folder cadangan').fill(folder);
  await page.getByRole('button', { name: 'Simpan', exact: true }).click();
  await page.getByRole('button', { name: 'Cadangkan sekarang' }).click();
  await expect(page.getByText(/Cadangan dibuat: kasir-plut-\d{8}-\d{6}\.db/)).toBeVisible();
  await expect(page.getByText('Cadangan terakhir GAGAL')).toHaveCount(0);
  const files = readdirSync(folder);
  expect(files).toHaveLength(1);
  await page.screenshot({ path: '/tmp/shots/backup.png' });

  // Sell again, then restore the backup: the later sale is gone, the app keeps running.
  expect((await sell('e2e-backup-0002')).status).toBe(200);
  const stockBefore = (await api('products.get', { id: product.id }, kasir)).body.stock;
  await page.getByRole('row', { name: new RegExp(files[0]) }).getByRole('button', { name: 'Pulihkan' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /Pulihkan/ }).click();
  await expect(page.getByText(/Data dipulihkan dari kasir-plut-/)).toBeVisible();
  const relogin = (await api('auth.login', { username: cashier.username, pin: cashier.pin, tillCode: 'K1' })).body.token;
  const stockAfter = (await api('products.get', { id: product.id }, relogin)).body.stock;
  expect(stockAfter).toBe(stockBefore + 1);
});
