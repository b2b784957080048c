/**
 * Issue 18 in the browser: the admin sets a till's printer as "at this
 * till's own PC" in Sistem → Printer; the screen explains that the till app
 * there prints, the setting is stored with its connection, and it is shown
 * again after a reload. (The printing itself: test/tills/till-printer.test.ts.)
 */
import { test, expect } from '@playwright/test';
import { apiClient, startServer, type RunningServer } from '../support/server';
import { loginWithPinPad } from '../support/ui';

let server: RunningServer;
const ADMIN = { username: 'admin', pin: '123456' };

test.beforeAll(async () => {
  server = await startServer();
  const api = apiClient(server.url);
  await api('setup.init', { shopName: 'PLUT Sultra', address: 'Kendari', admin: { name: 'Admin', ...ADMIN } });
});
test.afterAll(async () => server?.stop());

test("the admin puts K1's printer at the till's own PC (USB) and it stays so", async ({ page }) => {
  await page.goto(server.url);
  await loginWithPinPad(page, ADMIN, 'K1');
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeVisible();
  await page.goto(`${server.url}/#/printer`);
  const location = page.getByTestId('printer-location');
  await expect(location.getByRole('radio', { name: /Dikirim dari komputer utama/ })).toBeChecked();
  await location.getByRole('radio', { name: /Terpasang di mesin ini/ }).check();
  await expect(page.getByRole('note').filter({ hasText: 'Komputer utama tidak mengirim cetakan mesin ini' })).toBeVisible();
  await page.getByRole('radio', { name: 'USB', exact: true }).check();
  await page.getByLabel('ID vendor').fill('0x04b8');
  await page.getByLabel('ID produk').fill('0x0202');
  await page.getByRole('button', { name: 'Simpan', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /tersimpan/i })).toBeVisible();

  const token = (await apiClient(server.url)('auth.login', { ...ADMIN, tillCode: 'K1' })).body.token as string;
  expect((await apiClient(server.url)('printers.get', {}, token)).body).toEqual({ transport: { type: 'usb', vendorId: 0x04b8, productId: 0x0202 }, columns: 32, location: 'till' });

  await page.reload();
  await expect(page.getByTestId('printer-location').getByRole('radio', { name: /Terpasang di mesin ini/ })).toBeChecked();
});
