/**
 * Kantor pusat in the UI: the admin of an outlet types the credentials the
 * central database printed, sees a mistake explained, then the outlet's
 * history and new sales forwarded, and the outlet code locked.
 */
import { test, expect, type Page } from '@playwright/test';
import { apiClient, startServer, type RunningServer } from '../support/server';
import { createCentralDb, PG_HOST, PG_PORT, type CentralDb } from '../support/central';
import { loginWithPinPad } from '../support/ui';
import { DEMO_BARCODES, DEMO_LOGINS } from '../../src/main/core/demo';

const admin = DEMO_LOGINS.find((l) => l.role === 'admin')!;
const cashier = DEMO_LOGINS.find((l) => l.role === 'cashier')!;
let server: RunningServer;
let central: CentralDb;

test.beforeAll(async () => {
  central = await createCentralDb();
  server = await startServer({ demo: true, env: { KASIR_FORWARD_POLL_MS: '200' } });
});
test.afterAll(async () => {
  await server?.stop();
  await central?.drop();
});

async function login(page: Page, user: { username: string; pin: string }) {
  await page.goto(server.url);
  await loginWithPinPad(page, user);
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeVisible();
}

test('admin connects the outlet to the head office; history and new sales arrive; the code is locked', async ({ page }) => {
  const creds = await central.addOutlet('WKT');
  await login(page, admin);
  await page.goto(`${server.url}/#/backup`);
  await page.getByRole('group', { name: 'Sistem' }).getByRole('link', { name: 'Kantor pusat' }).click();
  await expect(page.getByRole('link', { name: 'Kantor pusat' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByText('Belum diatur')).toBeVisible();

  const form = page.locator('form');
  await form.getByLabel('Kode outlet').fill('KDI');
  await form.getByLabel('Alamat server').fill(PG_HOST);
  await form.getByLabel('Port').fill(String(PG_PORT));
  await form.getByLabel('Nama basis data').fill(creds.database);
  await form.getByLabel('Nama pengguna outlet').fill(creds.user);
  await form.getByLabel('Kata sandi').fill(creds.password);
  await page.getByRole('button', { name: 'Uji & simpan' }).click();
  // The head office says whose credentials these are; nothing is locked.
  await expect(page.getByText(/Kode outlet tidak cocok dengan login ini \(these credentials belong to outlet WKT, not KDI\)/)).toBeVisible();
  await expect(page.getByText('Belum diatur')).toBeVisible();

  await form.getByLabel('Kode outlet').fill('wkt');
  await page.getByRole('button', { name: 'Uji & simpan' }).click();
  await expect(page.getByText('Koneksi ke kantor pusat berhasil dan disimpan.')).toBeVisible();
  await expect(form.getByLabel('Kode outlet')).toBeDisabled();
  await expect(page.getByText('Terkunci sejak pengiriman dimulai.')).toBeVisible();
  await expect(page.getByText('Semua terkirim')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('central-waiting')).toHaveText('0 data');

  // A sale at the till reaches the head office.
  const api = apiClient(server.url);
  const kasir = (await api('auth.login', { username: cashier.username, pin: cashier.pin, tillCode: 'K1' })).body.token;
  await api('shifts.open', { openingFloat: 0 }, kasir);
  const product = (await api('products.lookup', { code: DEMO_BARCODES.meteOriginal }, kasir)).body;
  const sale = await api('sales.checkout', { clientRequestId: 'e2e-central-0001', lines: [{ productId: product.id, qty: 1 }], payments: [{ method: 'cash', amount: product.sellPrice }] }, kasir);
  expect(sale.status).toBe(200);
  await expect
    .poll(async () => (await central.query("SELECT count(*)::int AS n FROM central.facts WHERE kind = 'sale' AND payload->>'number' = $1", [sale.body.number]))[0].n, { timeout: 20_000 })
    .toBe(1);
  await expect(page.getByText('Semua terkirim')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('Terakhir terkirim')).toBeVisible();
  await page.screenshot({ path: '/tmp/shots/central.png' });
});
