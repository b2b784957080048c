/**
 * Office mode in the browser (issue 20): two outlets (the real app on real
 * SQLite, fixed clock at 29 Nov 2026) forward to a real PostgreSQL; the office
 * viewer logs in, sees the dashboard with the outlet that has been silent for
 * two days flagged, and the sales report by UMKM across both outlets.
 */
import { test, expect } from '@playwright/test';
import pg from 'pg';
import { createCentralDb, PG_HOST, PG_PORT, type CentralDb } from '../support/central';
import { seedShop, startTestApi, T0, type TestApi } from '../support/api-harness';
import { startOfficeServer, type OfficeServer } from '../../src/central/office-server';
import { createOfficeUser } from '../../src/central/office-users';

const DAY = '2026-11-29';
let central: CentralDb;
let office: OfficeServer;
const outlets: TestApi[] = [];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  central = await createCentralDb();
  for (const [code, qty] of [
    ['KDI', 3],
    ['WKT', 1],
  ] as const) {
    const creds = await central.addOutlet(code);
    const t = await startTestApi({ start: T0, forwarder: { pollMs: 30, backoffMinMs: 30, backoffMaxMs: 150, batchSize: 100, connectTimeoutMs: 3000 } });
    outlets.push(t);
    const s = await seedShop(t);
    await t.api('suppliers.update', { id: s.supplierId, nib: '9120301234567' }, s.manager);
    await t.api('sales.checkout', { clientRequestId: `office-e2e-${code}-1`, lines: [{ productId: s.meteId, qty }], payments: [{ method: 'qris', amount: 50_000 * qty }] }, s.cashier);
    await t.api('sales.checkout', { clientRequestId: `office-e2e-${code}-2`, lines: [{ productId: s.tenunId, qty: 1 }], payments: [{ method: 'cash', amount: 350_000 }] }, s.cashier);
    await t.api('central.configure', { outletCode: code, host: PG_HOST, port: PG_PORT, database: creds.database, user: creds.user, password: creds.password, tls: 'prefer' }, s.admin);
    t.app.central.start();
    await expect
      .poll(async () => {
        const st = (await t.api<any>('central.status', {}, s.manager)).body;
        return st.waiting === 0 && st.historyToPrepare === 0 && st.state === 'idle';
      }, { timeout: 60_000 })
      .toBe(true);
  }
  // Both outlets told the central database that nothing waits (their forwarders' status reports).
  await expect.poll(async () => (await central.query('SELECT outlet_code FROM central.outlet_status WHERE backlog = 0 ORDER BY 1')).map((r) => r.outlet_code), { timeout: 30_000 }).toEqual(['KDI', 'WKT']);
  // WKT has been silent for two days (PostgreSQL's clock cannot be moved: its received times are aged).
  const c = new pg.Client({ connectionString: central.url });
  await c.connect();
  await c.query('SET session_replication_role = replica');
  await c.query("UPDATE central.facts SET received_at = received_at - interval '2 days' WHERE outlet_code = 'WKT'");
  await c.end();
  const pool = new pg.Pool({ connectionString: central.url, max: 1 });
  await createOfficeUser(pool, { username: 'staf', name: 'Staf Kantor', role: 'viewer', password: 'rahasia-staf', actor: 'test' });
  await pool.end();
  office = await startOfficeServer({ pgUrl: central.url });
});

test.afterAll(async () => {
  await office?.close();
  for (const t of outlets) await t.close();
  await central?.drop();
});

test('the office viewer sees the dashboard (silent outlet flagged) and sales by UMKM across outlets', async ({ page }) => {
  await page.goto(`${office.url}/?today=${DAY}&from=${DAY}&to=${DAY}`);
  await page.getByLabel('Nama pengguna').fill('staf');
  await page.getByLabel('Kata sandi').fill('salah-sandi');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('alert')).toHaveText('Nama pengguna atau kata sandi salah');
  await page.getByLabel('Kata sandi').fill('rahasia-staf');
  await page.getByLabel('Kata sandi').press('Enter');

  await expect(page.getByRole('heading', { name: 'Ringkasan · 29/11/2026 · 2 outlet' })).toBeVisible();
  const rows = page.locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('KDI');
  await expect(rows.nth(0)).toContainText('Rp 500.000'); // 3 × 50.000 + 350.000
  await expect(rows.nth(0)).toContainText('Lancar');
  await expect(rows.nth(1)).toContainText('Rp 400.000');
  await expect(page.locator('[data-silent="WKT"]')).toHaveText('Tidak mengirim > 1 hari');
  // Facts waiting at each outlet, as the outlet reported them: none.
  await expect(page.getByRole('columnheader', { name: 'Data menunggu' })).toBeVisible();
  await expect(page.locator('[data-waiting="KDI"]')).toHaveText('0');
  await expect(page.locator('[data-waiting="WKT"]')).toHaveText('0');
  await expect(page.locator('[data-waiting-total]')).toHaveText('0');
  await expect(page.locator('tfoot')).toContainText('Rp 900.000');
  await page.screenshot({ path: 'test-results/office-dashboard.png', fullPage: true });

  await page.getByRole('button', { name: 'Penjualan', exact: true }).click();
  await expect(page.getByLabel('Dari')).toHaveValue('29/11/2026');
  // A day that does not exist is refused in words; nothing is shown for it.
  await page.getByLabel('Sampai').fill('31/11/2026');
  await page.getByRole('button', { name: 'Tampilkan' }).click();
  await expect(page.getByRole('alert')).toHaveText('Isi tanggal dd/mm/yyyy; tanggal awal tidak boleh setelah tanggal akhir');
  await page.getByLabel('Sampai').fill('29/11/2026');
  await page.getByLabel('Menurut').selectOption('supplier');
  await page.getByRole('button', { name: 'Tampilkan' }).click();
  const sales = page.locator('tbody tr');
  await expect(sales).toHaveCount(3);
  // The NIB supplier is one UMKM across both outlets: 4 units of mete, Rp 200.000.
  await expect(sales.filter({ hasText: 'NIB 9120301234567' })).toContainText('UD Mete Muna');
  await expect(sales.filter({ hasText: 'NIB 9120301234567' })).toContainText('Rp 200.000');
  await expect(sales.filter({ hasText: 'NIB 9120301234567' })).toContainText('Rp 160.000');
  // Without an NIB (and no link by hand) the tenun supplier stays one per outlet.
  await expect(sales.filter({ hasText: 'KDI S0002' })).toContainText('Rp 350.000');
  await expect(sales.filter({ hasText: 'WKT S0002' })).toContainText('Rp 350.000');
  await expect(page.locator('tfoot')).toContainText('Rp 900.000');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Unduh CSV' }).click();
  expect((await download).suggestedFilename()).toBe('penjualan-supplier-2026-11-29-2026-11-29.csv');
  await page.screenshot({ path: 'test-results/office-sales-umkm.png', fullPage: true });

  // The same screen in English.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('button', { name: 'Sales', exact: true })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Supplier share' })).toBeVisible();
});
