/**
 * Names are data, never markup: a supplier and a product whose names carry
 * HTML and script are shown as plain text on the till and in the back
 * office, and nothing in them runs.
 */
import { test, expect } from '@playwright/test';
import { apiClient, startServer, type RunningServer } from '../support/server';
import { loginWithPinPad } from '../support/ui';
import { DEMO_LOGINS } from '../../src/main/core/demo';

const manager = DEMO_LOGINS.find((l) => l.role === 'manager')!;
const PRODUCT = `<img src=x onerror="window.__pwned=1">Keripik Pisang <script>window.__pwned=2</script>`;
const SUPPLIER = `<b onmouseover="window.__pwned=3">UD Jahil</b>`;
let server: RunningServer;

test.beforeAll(async () => {
  server = await startServer({ demo: true });
});
test.afterAll(async () => server?.stop());

test('HTML in names is shown as text and never runs', async ({ page }) => {
  const api = apiClient(server.url);
  const token = (await api('auth.login', { username: manager.username, pin: manager.pin, tillCode: 'K1' })).body.token;
  const supplier = (await api('suppliers.create', { name: SUPPLIER }, token)).body;
  const product = (await api('products.create', { name: PRODUCT, supplierId: supplier.id, sellPrice: 15_000, terms: { type: 'fixed', supplierPrice: 12_000 }, generateBarcode: true }, token)).body;
  expect((await api('intakes.create', { supplierId: supplier.id, lines: [{ productId: product.id, qty: 5 }] }, token)).status).toBe(200);
  await api('shifts.open', { openingFloat: 0 }, token);

  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(server.url);
  await loginWithPinPad(page, manager);
  const scan = page.getByTestId('scan-input');
  await expect(scan).toBeVisible();
  await scan.fill('Keripik Pisang');
  await expect(page.getByText(PRODUCT, { exact: true }).first()).toBeVisible();
  await scan.fill('');
  await page.keyboard.type(product.barcode);
  await page.keyboard.press('Enter');
  const line = page.getByTestId('cart-line');
  await expect(line).toHaveCount(1);
  await expect(line).toContainText(PRODUCT);
  await expect(line).toContainText(SUPPLIER);
  await line.getByText(SUPPLIER).hover();

  await page.goto(`${server.url}/#/suppliers`);
  const row = page.getByTestId('supplier-row').filter({ hasText: 'UD Jahil' });
  await expect(row).toContainText(SUPPLIER);
  await row.hover();

  expect(await page.evaluate('window.__pwned')).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(dialogs).toEqual([]);
});
