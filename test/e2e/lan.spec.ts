/**
 * The admin's LAN screen: the addresses other tills open this host by, and
 * extra names the host will answer to (any other Host is refused).
 */
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { test, expect, type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../support/server';
import { loginWithPinPad } from '../support/ui';
import { DEMO_LOGINS } from '../../src/main/core/demo';

const admin = DEMO_LOGINS.find((l) => l.role === 'admin')!;
let server: RunningServer;

test.beforeAll(async () => {
  server = await startServer({ demo: true });
});
test.afterAll(async () => server?.stop());

async function login(page: Page) {
  await page.goto(server.url);
  await loginWithPinPad(page, admin);
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeVisible();
}

/** GET /api/health with a Host of our choosing; the status code. */
const healthAs = (host: string) =>
  new Promise<number>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: '/api/health', headers: { Host: host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });

test('admin sees the addresses to open on other tills and adds a name the host then answers to', async ({ page }) => {
  expect(await healthAs(`kasir.lan:${server.port}`)).toBe(403);
  await login(page);
  await page.goto(`${server.url}/#/lan`);
  await expect(page.getByRole('heading', { name: 'Alamat kasir di jaringan toko' })).toBeVisible();
  const lan = Object.values(networkInterfaces()).flat().find((i) => i && !i.internal && i.family === 'IPv4');
  if (lan) await expect(page.getByText(`http://${lan.address}:${server.port}/`)).toBeVisible();

  const names = page.getByLabel('Nama tambahan yang diizinkan');
  await names.fill('http://kasir.lan');
  await page.getByRole('button', { name: 'Simpan', exact: true }).click();
  await expect(page.getByText(/Bukan nama host atau alamat IP yang sah/)).toBeVisible();
  expect(await healthAs(`kasir.lan:${server.port}`)).toBe(403);

  await names.fill('Kasir.LAN\nPC-Kasir');
  await page.getByRole('button', { name: 'Simpan', exact: true }).click();
  await expect(page.getByText('Nama jaringan disimpan.')).toBeVisible();
  await expect(names).toHaveValue('kasir.lan\npc-kasir');
  expect(await healthAs(`kasir.lan:${server.port}`)).toBe(200);
  expect(await healthAs(`pc-kasir:${server.port}`)).toBe(200);
  expect(await healthAs(`other.lan:${server.port}`)).toBe(403);
});
