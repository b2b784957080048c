/**
 * When the host blinks (issue 18), in Chromium against browser mode: a cashier rings up a cart,
 * the host process is killed (SIGKILL) while the checkout is on its way; the till keeps the
 * cart and the checkout, says "Komputer utama tidak terhubung", and still shows the cart after a
 * page reload while the host is down. The host is started again on the same database file and
 * port; the till sends the kept checkout again with the same key: exactly one sale in the
 * database and exactly one receipt at the fake printer. Second test: the host makes the sale but
 * its answer is lost on the way back (a relay breaks the connection); the till's resend with the
 * same key gets the first sale: one sale, one receipt.
 */
import { mkdtempSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import Database from 'better-sqlite3';
import { apiClient, startServer, type RunningServer } from '../support/server';
import { loginWithPinPad } from '../support/ui';
import { startFakePrinter, type FakePrinter } from '../support/fake-printer';
import { decodeEscPos } from '../support/escpos-decode';
import { DEMO_BARCODES, DEMO_LOGINS, DEMO_PRODUCT_NAMES } from '../../src/main/core/demo';

const TILL = 'K1';
const cashier = DEMO_LOGINS.find((l) => l.role === 'cashier')!;
const ADMIN = DEMO_LOGINS.find((l) => l.role === 'admin')!;

let server: RunningServer | undefined;
let printer: FakePrinter;

test.afterAll(async () => {
  await server?.stop('SIGKILL');
  await printer?.close();
});

const salesIn = (dbPath: string) => {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT id, number, client_request_id AS key, total FROM sales').all() as { id: number; number: string; key: string; total: number }[];
  } finally {
    db.close();
  }
};

test('the host is killed during a checkout: cart kept across a reload, one sale and one receipt after the restart', async ({ page }) => {
  printer = await startFakePrinter();
  const dbPath = join(mkdtempSync(join(tmpdir(), 'kasir-blink-')), 'kasir.db');
  server = await startServer({ dbPath, demo: true });
  const { port, url } = server;
  const api = apiClient(url);
  const admin = await api<{ token: string }>('auth.login', { username: ADMIN.username, pin: ADMIN.pin, tillCode: TILL });
  const set = await api('printers.set', { transport: { type: 'network', host: '127.0.0.1', port: printer.port }, columns: 32 }, admin.body.token);
  expect(set.status, JSON.stringify(set.body)).toBe(200);

  await page.goto(url);
  await loginWithPinPad(page, cashier, TILL);
  await expect(page.getByRole('heading', { name: 'Buka shift' })).toBeVisible();
  await page.getByRole('button', { name: 'Rp 200.000' }).click();
  await page.getByRole('button', { name: /^Buka shift/ }).click();
  await expect(page.getByTestId('shift-status')).toContainText('Shift buka sejak');
  // The app's own files are kept by its service worker before the host goes away.
  expect(await page.evaluate(`navigator.serviceWorker.ready.then(() => true)`)).toBe(true);

  const scan = page.getByTestId('scan-input');
  for (const code of [DEMO_BARCODES.meteOriginal, DEMO_BARCODES.kopiKolaka, DEMO_BARCODES.meteOriginal]) {
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
    await expect(scan).toHaveValue('');
  }
  await expect(page.getByTestId('cart-line')).toHaveCount(2);
  await expect(page.getByTestId('cart-counts')).toHaveText('2 baris · 3 barang');
  printer.clear();

  // --- Pay: the host dies during the checkout. It is frozen (SIGSTOP) so the request is surely on
  // its way and unanswered, then killed (SIGKILL): the connection breaks with no answer. ---
  await page.keyboard.press('F2');
  const dialog = page.getByRole('dialog', { name: 'Pembayaran' });
  await expect(dialog).toBeVisible();
  await dialog.locator('.quick-btn').nth(1).click();
  await expect(dialog.getByTestId('pay-amount')).toBeFocused();
  server.process.kill('SIGSTOP');
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('pay-confirm')).toContainText('Memproses');
  await server.stop('SIGKILL');

  // The till says so plainly, keeps the sale waiting and the cart.
  await expect(page.getByTestId('host-offline').first()).toContainText('Komputer utama tidak terhubung');
  const waiting = page.getByTestId('pending-sale');
  await expect(waiting).toBeVisible();
  const key = await waiting.getAttribute('data-request-id');
  expect(key).toBeTruthy();
  await expect(waiting.getByTestId('saved-cart-line')).toHaveCount(2);
  expect(salesIn(dbPath), 'nothing was sold while the host was down').toHaveLength(0);

  // --- A reload while the host is down: the kept cart and the message are still there. ---
  await page.reload();
  const offline = page.getByTestId('host-offline-screen');
  await expect(offline).toBeVisible();
  await expect(offline.getByTestId('host-offline')).toContainText('Komputer utama tidak terhubung');
  await expect(offline.getByTestId('saved-cart-line')).toHaveCount(2);
  await expect(offline.getByTestId('saved-cart-line').first()).toContainText(DEMO_PRODUCT_NAMES.meteOriginal);

  // --- The host comes back on the same file and port: the kept checkout goes through once. ---
  server = await startServer({ dbPath, args: ['--port', String(port)] });
  expect(server.port).toBe(port);
  const done = page.getByTestId('sale-done');
  await expect(done).toBeVisible({ timeout: 30_000 });
  const saleNumber = (await page.getByTestId('sale-number').innerText()).trim();
  expect(saleNumber).toMatch(new RegExp(`^${TILL}-\\d{8}-\\d{4}$`));
  await expect(page.getByTestId('host-offline')).toHaveCount(0);
  await expect(page.getByTestId('cart-line')).toHaveCount(0);
  await expect(page.getByTestId('print-status')).toHaveAttribute('data-status', 'printed', { timeout: 15_000 });

  const sales = salesIn(dbPath);
  expect(sales, 'exactly one sale').toHaveLength(1);
  expect(sales[0]!.number).toBe(saleNumber);
  expect(sales[0]!.key).toBe(key);

  // One receipt at the printer, and a later reload does not send the sale again.
  await printer.waitForJobs(1, 15_000);
  await page.reload();
  await expect(page.getByTestId('scan-input')).toBeVisible();
  await expect(page.getByTestId('pending-sale')).toHaveCount(0);
  expect(salesIn(dbPath)).toHaveLength(1);
  const receipts = printer
    .jobs()
    .map((bytes) => decodeEscPos(bytes, { columns: 32 }))
    .filter((d) => d.lines.some((l) => l.includes(saleNumber)));
  expect(receipts, 'one receipt carries the sale number').toHaveLength(1);
  expect(printer.jobs(), 'no other print job').toHaveLength(1);
});

/**
 * A network that drops one answer: a real HTTP relay between the browser and the host that lets the
 * first `sales.checkout` reach the host, waits for the host's whole answer, and then breaks the
 * browser's connection instead of passing it on (the Wi-Fi dropped on the way back).
 */
async function relayDroppingFirstCheckout(target: number): Promise<{ url: string; dropped: () => boolean; close(): Promise<void> }> {
  let dropped = false;
  const relay: Server = createServer((req, res) => {
    const upstream = request({ host: '127.0.0.1', port: target, path: req.url, method: req.method, headers: req.headers }, (up) => {
      if (!dropped && req.url === '/api/sales.checkout') {
        dropped = true;
        up.resume();
        up.on('end', () => req.socket.destroy());
        return;
      }
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => req.socket.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(relay.address() as AddressInfo).port}`,
    dropped: () => dropped,
    close: () =>
      new Promise<void>((r) => {
        relay.close(() => r());
        relay.closeAllConnections();
      }),
  };
}

test('the answer to a checkout is lost on the way back: the till sends it again and gets the first sale, one receipt', async ({ page }) => {
  await server?.stop('SIGKILL');
  await printer?.close();
  printer = await startFakePrinter();
  const dbPath = join(mkdtempSync(join(tmpdir(), 'kasir-lost-')), 'kasir.db');
  server = await startServer({ dbPath, demo: true });
  const relay = await relayDroppingFirstCheckout(server.port);
  try {
    const api = apiClient(server.url);
    const admin = await api<{ token: string }>('auth.login', { username: ADMIN.username, pin: ADMIN.pin, tillCode: TILL });
    expect((await api('printers.set', { transport: { type: 'network', host: '127.0.0.1', port: printer.port }, columns: 32 }, admin.body.token)).status).toBe(200);

    await page.goto(relay.url);
    await loginWithPinPad(page, cashier, TILL);
    await page.getByRole('button', { name: 'Rp 200.000' }).click();
    await page.getByRole('button', { name: /^Buka shift/ }).click();
    await expect(page.getByTestId('shift-status')).toContainText('Shift buka sejak');
    const scan = page.getByTestId('scan-input');
    await page.keyboard.type(DEMO_BARCODES.kopiKolaka);
    await page.keyboard.press('Enter');
    await expect(scan).toHaveValue('');
    await expect(page.getByTestId('cart-line')).toHaveCount(1);
    printer.clear();

    await page.keyboard.press('F2');
    const dialog = page.getByRole('dialog', { name: 'Pembayaran' });
    await expect(dialog).toBeVisible();
    await dialog.locator('.quick-btn').nth(1).click();
    await expect(dialog.getByTestId('pay-amount')).toBeFocused();
    await page.keyboard.press('Enter');

    // The host made the sale; the till never heard. It sends the same request again and gets that sale.
    await expect(page.getByTestId('sale-done')).toBeVisible({ timeout: 30_000 });
    expect(relay.dropped()).toBe(true);
    const saleNumber = (await page.getByTestId('sale-number').innerText()).trim();
    const sales = salesIn(dbPath);
    expect(sales, 'exactly one sale').toHaveLength(1);
    expect(sales[0]!.number).toBe(saleNumber);
    await expect(page.getByTestId('print-status')).toHaveAttribute('data-status', 'printed', { timeout: 15_000 });
    await printer.waitForJobs(1, 15_000);
    // Give a second receipt every chance to arrive: there must not be one.
    await page.reload();
    await expect(page.getByTestId('scan-input')).toBeVisible();
    await expect(page.getByTestId('pending-sale')).toHaveCount(0);
    expect(salesIn(dbPath)).toHaveLength(1);
    expect(printer.jobs(), 'one receipt').toHaveLength(1);
  } finally {
    await relay.close();
  }
});
