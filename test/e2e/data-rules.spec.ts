/**
 * Issue 11 in the browser, on a copy of a database written before its
 * rules (test/fixtures/legacy-shop.db): the manager finds what needs
 * correcting under Sistem → Data perlu diperbaiki and opens the product
 * from there; the printer screen tells a manager that only an admin
 * changes printers.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../support/server';
import { loginWithPinPad } from '../support/ui';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/legacy-shop.db');
let server: RunningServer;

test.beforeAll(async () => {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'kasir-e2e-legacy-')), 'kasir.db');
  copyFileSync(FIXTURE, dbPath);
  server = await startServer({ dbPath });
});
test.afterAll(async () => server?.stop());

async function login(page: Page, user: { username: string; pin: string }) {
  await page.goto(server.url);
  await loginWithPinPad(page, user, 'K1');
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeVisible();
}

test('the manager sees the data to correct and opens a product from the list', async ({ page }) => {
  await login(page, { username: 'manajer', pin: '2222' });
  await page.goto(`${server.url}/#/corrections`);
  await expect(page.getByRole('heading', { name: 'Data perlu diperbaiki' }).first()).toBeVisible();
  const rows = page.getByTestId('correction');
  await expect(rows).toHaveCount(12);
  const price = rows.filter({ hasText: 'Tenun Mahal (komisi)' }).filter({ hasText: 'Harga melewati batas' });
  await expect(price).toContainText('1.000.000.000.000');
  await expect(rows.filter({ hasText: 'Barcode sama dengan SKU barang lain' })).toHaveCount(2);
  await expect(rows.filter({ hasText: 'Pengaturan printer tidak diizinkan' })).toHaveCount(2);
  await expect(rows.filter({ hasText: 'Transaksi tertahan melewati batas' })).toContainText('20.000.000.000.000.000.000');
  await price.getByRole('button', { name: 'Ubah harga barang' }).click();
  await expect(page).toHaveURL(/#\/products$/);
  // The product page, with its lot received before the limits, opens without an error.
  await expect(page.getByTestId('terms-note')).toBeVisible();
  await expect(page.getByTestId('lot-row')).toHaveCount(1);
});

test("a manager sees the till's printer but only an admin may change it", async ({ page }) => {
  await login(page, { username: 'manajer', pin: '2222' });
  await page.goto(`${server.url}/#/printer`);
  await expect(page.getByTestId('printer-admin-only')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Simpan', exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Tes cetak' })).toBeEnabled();
});
