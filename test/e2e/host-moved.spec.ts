/**
 * The main computer gets a new address (issue 17, DHCP), in Chromium. A browser till paired as K2
 * at the host's address rings up an item; the host's LAN server stops answering there and comes up
 * at another address (here: another port on 127.0.0.1 — another origin to the browser, exactly as a
 * new IP is). The till says "Komputer utama tidak terhubung"; a manager types the new address in
 * the till's "Alamat komputer utama berubah?" dialog. An address answered by another shop's host is
 * refused (it cannot prove it holds this till's credential); the right one opens with the till
 * still paired as K2 — no pairing screen, no new approval — and its kept cart.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { test, expect } from '@playwright/test';
import { openApp, type App } from '../../src/main/app';
import { createHttpServer } from '../../src/main/api/http';
import { seedDemo, DEMO_BARCODES, DEMO_LOGINS, DEMO_PRODUCT_NAMES } from '../../src/main/core/demo';
import { apiClient } from '../support/server';
import { loginWithPinPad } from '../support/ui';

const ROOT = resolve(import.meta.dirname, '../..');
const STATIC = join(ROOT, 'out/renderer');
const manager = DEMO_LOGINS.find((l) => l.role === 'manager')!;
const cashier = DEMO_LOGINS.find((l) => l.role === 'cashier')!;
const SHOTS = process.env.SEVERAL_TILLS_DIR ? join(ROOT, process.env.SEVERAL_TILLS_DIR) : '/tmp/shots/several-tills';

const apps: App[] = [];
const servers: Server[] = [];
async function serve(app: App, pairing: boolean): Promise<string> {
  const server = createHttpServer(app, pairing ? { staticDir: STATIC, pairing: true, loopbackIsHost: false } : { staticDir: STATIC });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
async function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
}
function shop(): App {
  const app = openApp(join(mkdtempSync(join(tmpdir(), 'kasir-moved-')), 'kasir.db'));
  seedDemo(app.ctx);
  apps.push(app);
  return app;
}

test.afterAll(async () => {
  for (const s of servers) if (s.listening) await stop(s);
  for (const a of apps) a.close();
});

test('a paired till follows the main computer to its new address: same till, same cart, no new pairing', async ({ page }) => {
  mkdirSync(SHOTS, { recursive: true });
  const app = shop();
  const hostUrl = await serve(app, false);
  const oldUrl = await serve(app, true);
  const api = apiClient(hostUrl);
  const managerToken = (await api<{ token: string }>('auth.login', { username: manager.username, pin: manager.pin, tillCode: 'K1' })).body.token;

  // --- Paired as K2 at the old address; a cart on the till. ---
  await page.goto(oldUrl);
  await expect(page.getByTestId('pairing-screen')).toBeVisible();
  const code = (await page.getByTestId('pairing-code').innerText()).trim();
  expect((await api('devices.approve', { code, tillCode: 'K2' }, managerToken)).status).toBe(200);
  await expect(page.getByRole('heading', { name: 'Masuk kasir' })).toBeVisible({ timeout: 15_000 });
  await loginWithPinPad(page, cashier, 'K2');
  await page.getByRole('button', { name: 'Rp 200.000' }).click();
  await page.getByRole('button', { name: /^Buka shift/ }).click();
  await expect(page.getByTestId('till-code')).toHaveText('Mesin K2');
  await page.keyboard.type(DEMO_BARCODES.meteOriginal);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  const devicesBefore = (await api<unknown[]>('devices.list', {}, managerToken)).body;

  // --- The router gives the main computer another address: the old one answers no more. ---
  await stop(servers[1]!);
  const newUrl = await serve(app, true);
  const otherShopUrl = await serve(shop(), true);
  await page.keyboard.type(DEMO_BARCODES.kopiKolaka);
  await page.keyboard.press('Enter');
  const banner = page.getByTestId('host-offline').first();
  await expect(banner).toContainText('Komputer utama tidak terhubung');

  await banner.getByTestId('host-moved').click();
  const dialog = page.getByRole('dialog', { name: 'Alamat baru komputer utama' });
  await expect(dialog).toBeVisible();
  const address = dialog.getByTestId('host-move-address');
  await expect(address).toBeFocused();
  // Not an address, and another shop's host: refused, the till stays where it is.
  await address.fill('bukan alamat');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toContainText('Ketik alamat seperti 192.168.1.20:8080');
  await address.fill(otherShopUrl.replace('http://', ''));
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toContainText('bukan komputer utama toko ini');
  expect(new URL(page.url()).origin).toBe(oldUrl);
  await address.fill(newUrl.replace('http://', ''));
  await page.screenshot({ path: join(SHOTS, '06-new-host-address.png') });
  await page.keyboard.press('Enter');

  // --- At the new address: still K2 (the login screen, not the pairing screen), the cart kept. ---
  await page.waitForURL((u) => u.origin === newUrl);
  expect(page.url()).not.toContain('kasir-move');
  await expect(page.getByRole('heading', { name: 'Masuk kasir' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('pairing-screen')).toHaveCount(0);
  await loginWithPinPad(page, cashier, 'K2');
  await expect(page.getByTestId('till-code')).toHaveText('Mesin K2');
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await expect(page.getByTestId('cart-line').first()).toContainText(DEMO_PRODUCT_NAMES.meteOriginal);
  // The same device record: nothing was paired anew.
  expect((await api<unknown[]>('devices.list', {}, managerToken)).body.length).toBe(devicesBefore.length);
});
