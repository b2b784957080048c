/**
 * Two paired tills on one host (issue 17), in Chromium. The host is the real
 * app on a real SQLite file with two HTTP servers on 127.0.0.1: the host's own
 * (no pairing: the manager's API calls, as the host PC's window would make
 * them) and the LAN one with pairing on, where loopback is NOT the host, so
 * each browser context is a device that must be paired. (Network namespaces
 * were not used: both servers and both browsers run on 127.0.0.1.)
 *
 * Each context shows the pairing screen, a manager approves its code as K2
 * or K3, each till gets its own fake network printer; both ring up the last
 * unit of a lot and confirm at the same moment: exactly one unit is sold, the
 * other till gets INSUFFICIENT_STOCK on screen; each receipt comes out of its
 * own printer only; numbers, shifts and Z reports stay per till.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { test, expect, type Browser, type Page } from '@playwright/test';
import { openApp, type App } from '../../src/main/app';
import { createHttpServer } from '../../src/main/api/http';
import { seedDemo, DEMO_LOGINS } from '../../src/main/core/demo';
import { apiClient } from '../support/server';
import { loginWithPinPad } from '../support/ui';
import { id } from '../../src/renderer/src/i18n/id';
import { startFakePrinter, type FakePrinter } from '../support/fake-printer';
import { decodeEscPos } from '../support/escpos-decode';

const ROOT = resolve(import.meta.dirname, '../..');
const manager = DEMO_LOGINS.find((l) => l.role === 'manager')!;
const admin = DEMO_LOGINS.find((l) => l.role === 'admin')!;
const cashier = DEMO_LOGINS.find((l) => l.role === 'cashier')!;
const LAST_UNIT_BARCODE = '8997777000016';
/** Screenshots for docs/several-tills.md. */
/** Where the screenshots go: a temp folder, or docs/several-tills when refreshing the doc (SEVERAL_TILLS_DIR=docs/several-tills). */
const SHOTS = process.env.SEVERAL_TILLS_DIR ? join(ROOT, process.env.SEVERAL_TILLS_DIR) : '/tmp/shots/several-tills';

let app: App;
let hostServer: Server;
let lanServer: Server;
let hostUrl: string;
let lanUrl: string;
const printers: Record<string, FakePrinter> = {};

const listen = async (server: Server) => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

test.beforeAll(async () => {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'kasir-tills-')), 'kasir.db');
  app = openApp(dbPath);
  seedDemo(app.ctx);
  hostServer = createHttpServer(app, { staticDir: join(ROOT, 'out/renderer') });
  mkdirSync(SHOTS, { recursive: true });
  lanServer = createHttpServer(app, { staticDir: join(ROOT, 'out/renderer'), pairing: true, loopbackIsHost: false });
  hostUrl = await listen(hostServer);
  lanUrl = await listen(lanServer);
  printers.K2 = await startFakePrinter();
  printers.K3 = await startFakePrinter();
});

test.afterAll(async () => {
  // The tills' pages keep connections open (keep-alive, polling): end them, or close() waits for ever.
  for (const server of [lanServer, hostServer]) {
    if (!server) continue;
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
  await app?.print.idle();
  app?.close();
  for (const p of Object.values(printers)) await p.close();
});

const host = () => apiClient(hostUrl);
async function ok<T = any>(name: string, input: unknown, token?: string): Promise<T> {
  const r = await host()<T>(name, input, token);
  expect(r.status, `${name}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body;
}
const tokenOf = async (who: { username: string; pin: string }, tillCode = 'K1') =>
  (await ok<{ token: string }>('auth.login', { username: who.username, pin: who.pin, tillCode })).token;

/** A browser context becomes a till: pairing screen, the manager approves its code, the cashier logs in and opens the shift. */
async function pairTill(browser: Browser, tillCode: string, managerToken: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(lanUrl);
  await expect(page.getByTestId('pairing-screen')).toBeVisible();
  const code = (await page.getByTestId('pairing-code').innerText()).trim();
  expect(code).toMatch(/^[A-Z2-9]{6}$/);
  if (tillCode === 'K2') await page.screenshot({ path: join(SHOTS, '01-pairing-screen.png') });
  await ok('devices.approve', { code, tillCode }, managerToken);
  // The screen notices the approval by itself and shows the login.
  await expect(page.getByRole('heading', { name: 'Masuk kasir' })).toBeVisible({ timeout: 15_000 });
  // A typed till code is ignored: the device's till is the one approved.
  await loginWithPinPad(page, cashier, 'K1');
  await expect(page.getByRole('heading', { name: 'Buka shift' })).toBeVisible();
  await expect(page.getByTestId('till-code')).toHaveText(`Mesin ${tillCode}`);
  await page.getByRole('button', { name: 'Rp 200.000' }).click();
  await page.getByRole('button', { name: /^Buka shift/ }).click();
  await expect(page.getByTestId('shift-status')).toContainText('Shift buka sejak');
  return page;
}

async function ringUp(page: Page, barcode: string): Promise<void> {
  const scan = page.getByTestId('scan-input');
  await expect(scan).toBeFocused();
  await page.keyboard.type(barcode);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await page.keyboard.press('F2');
  const dialog = page.getByRole('dialog', { name: 'Pembayaran' });
  await expect(dialog).toBeVisible();
  await dialog.locator('.quick-btn').nth(1).click();
  await expect(dialog.getByTestId('pay-remaining')).toHaveText('Rp 0');
}

test('two paired tills sell the last unit at once: one sale, the other INSUFFICIENT_STOCK; own printers, numbers, shifts and Z reports', async ({ browser }) => {
  const managerToken = await tokenOf(manager);
  // Each till's printer is the admin's to set, per till code.
  for (const till of ['K2', 'K3']) {
    await ok('printers.set', { transport: { type: 'network', host: '127.0.0.1', port: printers[till]!.port }, columns: 32 }, await tokenOf(admin, till));
  }
  // A product with exactly one unit on hand, in one lot.
  const supplierId = (await ok<{ id: number }[]>('suppliers.list', {}, managerToken))[0]!.id;
  const product = await ok<{ id: number }>(
    'products.create',
    { name: 'Tenun Ikat Terakhir', supplierId, sellPrice: 150_000, terms: { type: 'commission', commissionBps: 2000 }, barcode: LAST_UNIT_BARCODE },
    managerToken,
  );
  await ok('intakes.create', { supplierId, lines: [{ productId: product.id, qty: 1 }] }, managerToken);

  const k2 = await pairTill(browser, 'K2', managerToken);
  const k3 = await pairTill(browser, 'K3', managerToken);
  const list = await ok<{ tillCode: string; status: string; lastUserName: string; openShift: unknown }[]>('devices.list', {}, managerToken);
  expect(list.map((d) => [d.tillCode, d.status, d.lastUserName, d.openShift !== null]).sort()).toEqual([
    ['K2', 'paired', cashier.name, true],
    ['K3', 'paired', cashier.name, true],
  ]);

  // The host's back office: Sistem → Jaringan kasir lists both tills with their user and open shift.
  const office = await (await browser.newContext()).newPage();
  await office.goto(hostUrl);
  await loginWithPinPad(office, manager, 'K1');
  // Logged in before the address changes: a login answered after the jump would land on the till.
  await expect(office.getByRole('button', { name: id['nav.logout'], exact: true })).toBeVisible();
  await office.goto(`${hostUrl}/#/tills`);
  await expect(office.getByTestId('tills-list')).toContainText('K3');
  await expect(office.getByTestId('tills-list')).toContainText(cashier.name);
  await office.screenshot({ path: join(SHOTS, '02-tills-list.png') });
  await office.context().close();

  await ringUp(k2, LAST_UNIT_BARCODE);
  await ringUp(k3, LAST_UNIT_BARCODE);
  // Both confirm at the same moment.
  await Promise.all([k2.keyboard.press('Enter'), k3.keyboard.press('Enter')]);

  const outcome = async (page: Page) => {
    const done = page.getByTestId('sale-done');
    const refused = page.getByRole('dialog', { name: 'Pembayaran' }).getByText('Stok tidak cukup');
    await expect(done.or(refused)).toBeVisible({ timeout: 15_000 });
    return (await done.isVisible()) ? 'sold' : 'refused';
  };
  const results = { K2: await outcome(k2), K3: await outcome(k3) };
  expect(Object.values(results).sort()).toEqual(['refused', 'sold']);
  const winner = results.K2 === 'sold' ? 'K2' : 'K3';
  const loser = winner === 'K2' ? 'K3' : 'K2';
  const winnerPage = winner === 'K2' ? k2 : k3;
  const loserPage = winner === 'K2' ? k3 : k2;
  // The refused till says why, in words: the product and what is left.
  await expect(loserPage.getByRole('dialog', { name: 'Pembayaran' })).toContainText('Tenun Ikat Terakhir');
  await expect(loserPage.getByRole('dialog', { name: 'Pembayaran' })).toContainText('tersedia 0');

  const db = app.db.$client;
  const sold = db.prepare('SELECT s.number, s.till_code FROM sales s JOIN sale_lines l ON l.sale_id = s.id WHERE l.product_id = ?').all(product.id) as { number: string; till_code: string }[];
  expect(sold).toEqual([{ number: expect.stringMatching(new RegExp(`^${winner}-\\d{8}-0001$`)), till_code: winner }]);
  expect((db.prepare('SELECT sum(remaining_qty) AS n FROM lots WHERE product_id = ?').get(product.id) as { n: number }).n).toBe(0);
  const saleNumber = (await winnerPage.getByTestId('sale-number').innerText()).trim();
  expect(saleNumber).toBe(sold[0]!.number);
  await expect(winnerPage.getByTestId('print-status')).toHaveAttribute('data-status', 'printed', { timeout: 15_000 });

  // Each receipt came out of its own printer only.
  const receiptsOf = async (till: string, expected: number) => {
    const jobs = expected ? await printers[till]!.waitForJobs(expected, 15_000) : printers[till]!.jobs();
    return jobs.map((bytes) => decodeEscPos(bytes, { columns: 32 }).lines.join('\n'));
  };
  const winnerTexts = await receiptsOf(winner, 1);
  expect(winnerTexts.filter((t) => t.includes(saleNumber))).toHaveLength(1);
  const loserTexts = await receiptsOf(loser, 0);
  expect(loserTexts.filter((t) => t.includes(saleNumber))).toEqual([]);

  // Each till's own session and device credential, as its browser keeps them.
  const lanCall = async (page: Page, name: string, input: unknown) => {
    const { token, device } = (await page.evaluate(`({ token: sessionStorage.getItem('kasir.token'), device: localStorage.getItem('kasir.device') })`)) as {
      token: string;
      device: string;
    };
    return fetch(`${lanUrl}/api/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'X-Kasir-Device': device },
      body: JSON.stringify(input),
    });
  };
  // The refused till sells something else: its own number sequence, its own printer.
  const mete = db.prepare("SELECT id, sell_price AS price FROM products WHERE name = 'Kacang Mete Original 250 g'").get() as { id: number; price: number };
  const second = await lanCall(loserPage, 'sales.checkout', { clientRequestId: 'loser-till-sale-1', lines: [{ productId: mete.id, qty: 1 }], payments: [{ method: 'cash', amount: mete.price }] });
  const secondSale = (await second.json()) as { number: string };
  expect(second.status, JSON.stringify(secondSale)).toBe(200);
  expect(secondSale.number).toMatch(new RegExp(`^${loser}-\\d{8}-0001$`));
  expect((await receiptsOf(loser, 1)).filter((t) => t.includes(secondSale.number))).toHaveLength(1);
  expect((await receiptsOf(winner, 0)).filter((t) => t.includes(secondSale.number))).toEqual([]);

  // Shifts and Z reports per till: close each till's shift with its own session over the LAN.
  for (const [till, page] of [[winner, winnerPage], [loser, loserPage]] as const) {
    const res = await lanCall(page, 'shifts.close', { countedCash: till === winner ? 350_000 : 200_000 + mete.price });
    const closed = (await res.json()) as { report: { kind: string; tillCode: string; salesCount: number; netSales: number }; variance: number };
    expect(res.status, JSON.stringify(closed)).toBe(200);
    // One sale each: the Z report counts only its own till's.
    expect(closed.report).toMatchObject({ kind: 'Z', tillCode: till, salesCount: 1, netSales: till === winner ? 150_000 : mete.price });
    expect(closed.variance).toBe(0);
  }
  const shifts = db.prepare('SELECT till_code, closed_at IS NOT NULL AS closed FROM shifts ORDER BY till_code').all() as { till_code: string; closed: number }[];
  expect(shifts.filter((s) => s.till_code === 'K2' || s.till_code === 'K3')).toEqual([
    { till_code: 'K2', closed: 1 },
    { till_code: 'K3', closed: 1 },
  ]);
});
