/**
 * One language per screen, in Chromium against browser mode with demo data:
 * every screen (each route of the app, the login and the first-run setup),
 * rendered in Bahasa Indonesia and in English, shows only text that is a
 * value of that language's dictionary. Numbers, money, dates in that
 * language, codes and names that came from the data pass by rule (see
 * test/support/screen-text.ts); a hard-coded string, or a word of the other
 * language, fails with the screen and the element it was found in.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { test, expect, type Browser, type Page } from '@playwright/test';
import { id as idLocale } from 'date-fns/locale/id';
import { enUS } from 'date-fns/locale/en-US';
import { apiClient, startServer, type RunningServer } from '../support/server';
import { loginWithPinPad } from '../support/ui';
import { COLLECT_VISIBLE_TEXT, dataStrings, screenTextCheck, type SeenText } from '../support/screen-text';
import { DEMO_BARCODES, DEMO_LOGINS } from '../../src/main/core/demo';
import { ROUTES, type Route } from '../../src/renderer/src/app/route-table';
import { id as idDict } from '../../src/renderer/src/i18n/id';
import { en as enDict } from '../../src/renderer/src/i18n/en';

const SHOTS = '/tmp/shots/language';
const admin = DEMO_LOGINS.find((l) => l.role === 'admin')!;
const cashier = DEMO_LOGINS.find((l) => l.role === 'cashier')!;
const LANGS = { id: { dict: idDict, locale: idLocale }, en: { dict: enDict, locale: enUS } } as const;
type Lang = keyof typeof LANGS;

let server: RunningServer;

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ demo: true });
  // Some activity so that lists, charts and histories have rows: a shift on K2 with two sales
  // (one refunded), and a settlement of one supplier.
  const api = apiClient(server.url);
  const csh = (await api<{ token: string }>('auth.login', { username: cashier.username, pin: cashier.pin, tillCode: 'K2' })).body.token;
  expect((await api('shifts.open', { openingFloat: 200_000 }, csh)).status).toBe(200);
  const mete = (await api<{ id: number; supplierId: number }>('products.lookup', { code: DEMO_BARCODES.meteOriginal }, csh)).body;
  const kopi = (await api<{ id: number }>('products.lookup', { code: DEMO_BARCODES.kopiKolaka }, csh)).body;
  const sale = await api<{ id: number; lines: { id: number }[] }>(
    'sales.checkout',
    { clientRequestId: 'language-sale-1', lines: [{ productId: mete.id, qty: 2 }, { productId: kopi.id, qty: 1 }], payments: [{ method: 'cash', amount: 500_000 }] },
    csh,
  );
  expect(sale.status, JSON.stringify(sale.body)).toBe(200);
  const sarung = (await api<{ id: number }>('products.lookup', { code: DEMO_BARCODES.sarungTenun }, csh)).body;
  const voided = await api<{ id: number }>(
    'sales.checkout',
    { clientRequestId: 'language-sale-2', lines: [{ productId: sarung.id, qty: 1 }], payments: [{ method: 'cash', amount: 500_000 }] },
    csh,
  );
  expect(voided.status, JSON.stringify(voided.body)).toBe(200);
  const grant = await api<{ token: string }>('approvals.verify', { action: 'sales.void', username: admin.username, pin: admin.pin, saleId: voided.body.id }, csh);
  expect(grant.status, JSON.stringify(grant.body)).toBe(200);
  const voidRes = await api('sales.void', { saleId: voided.body.id, reason: 'Salah ambil barang', approval: { token: grant.body.token } }, csh);
  expect(voidRes.status, JSON.stringify(voidRes.body)).toBe(200);
  const adm = (await api<{ token: string }>('auth.login', { username: admin.username, pin: admin.pin, tillCode: 'K9' })).body.token;
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Makassar' });
  const settle = await api('settlements.create', { supplierId: mete.supplierId, cutoff: today, method: 'cash' }, adm);
  expect(settle.status, JSON.stringify(settle.body)).toBe(200);
  // The admin's own till has a shift open, so the till shows its catalogue and the cash page its count.
  const k1 = (await api<{ token: string }>('auth.login', { username: admin.username, pin: admin.pin, tillCode: 'K1' })).body.token;
  expect((await api('shifts.open', { openingFloat: 100_000 }, k1)).status).toBe(200);
});

test.afterAll(async () => {
  await server?.stop();
});

/** Open a page in `lang` that records every string the API sent it. */
async function openPage(browser: Browser, lang: Lang): Promise<{ page: Page; data: Set<string> }> {
  const context = await browser.newContext();
  await context.addInitScript(`localStorage.setItem('kasir.lang', '${lang}')`);
  const page = await context.newPage();
  const data = new Set<string>();
  page.on('response', async (res) => {
    if (!res.url().includes('/api/')) return;
    try {
      dataStrings(await res.json(), data);
    } catch {
      /* not JSON */
    }
  });
  return { page, data };
}

/** Wait until the screen has loaded what it shows (no spinner), and a moment for the last render. */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(`!document.querySelector('.spinner, .rp-loading')`, null, { timeout: 10_000 }).catch(() => undefined);
  await page.waitForTimeout(250);
}

function check(lang: Lang, screen: string, seen: SeenText[], data: Set<string>): string[] {
  const rules = screenTextCheck({ dictionary: LANGS[lang].dict, locale: LANGS[lang].locale, data });
  return seen.filter((s) => !rules.ok(s.text)).map((s) => `[${lang}] ${screen}: "${s.text.trim()}" (${s.where})`);
}

const ROUTE_LIST = Object.keys(ROUTES) as Route[];

for (const lang of Object.keys(LANGS) as Lang[]) {
  test(`every screen in ${lang === 'id' ? 'Bahasa Indonesia' : 'English'} shows only ${lang} dictionary text`, async ({ browser }) => {
    test.setTimeout(240_000);
    const { page, data } = await openPage(browser, lang);
    const problems: string[] = [];
    await page.goto(server.url);
    await settle(page);
    problems.push(...check(lang, 'login', await page.evaluate<SeenText[]>(COLLECT_VISIBLE_TEXT), data));
    await page.screenshot({ path: `${SHOTS}/${lang}-login.png` });
    await loginWithPinPad(page, admin, 'K1', lang);
    await expect(page.getByTestId('till-code')).toBeVisible();
    await settle(page);
    const look = async (screen: string) => {
      await settle(page);
      problems.push(...check(lang, screen, await page.evaluate<SeenText[]>(COLLECT_VISIBLE_TEXT), data));
      await page.screenshot({ path: `${SHOTS}/${lang}-${screen}.png` });
    };
    const open = async (route: Route) => {
      await page.evaluate(`window.location.hash = '${ROUTES[route]}'`);
      await look(route);
    };
    const close = async () => {
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);
    };
    for (const route of ROUTE_LIST) await open(route);

    // Screens and dialogs inside the routes.
    await open('till');
    await page.getByTestId('scan-input').fill(DEMO_BARCODES.meteOriginal);
    await page.getByTestId('scan-input').press('Enter');
    await expect(page.getByTestId('cart-line')).toHaveCount(1);
    await look('till-cart');
    await page.getByTestId('pay-button').click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await look('till-payment');
    await close();
    await open('products');
    await page.getByTestId('product-row').first().click();
    await expect(page.getByTestId('lot-row').first()).toBeVisible();
    await look('product-page');
    await page.getByRole('button', { name: LANGS[lang].dict['bo.labels.print'], exact: true }).click();
    await look('labels-dialog');
    await close();
    await open('suppliers');
    await page.getByTestId('supplier-row').first().click();
    await expect(page.getByTestId('supplier-name')).toBeVisible();
    await look('supplier-page');
    await open('intake');
    await page.getByRole('tab', { name: LANGS[lang].dict['bo.intake.tabHistory'] }).click();
    await page.locator('.table-click tbody tr').first().click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await look('intake-detail');
    await close();
    await open('returns');
    await page.getByRole('tab', { name: LANGS[lang].dict['bo.returns.tabHistory'] }).click();
    await look('returns-history');
    await open('balances');
    await page.getByTestId('balance-row').first().click();
    await expect(page.getByTestId('settle-panel')).toBeVisible();
    await page.getByTestId('settle-panel').getByRole('button', { name: LANGS[lang].dict['settle.preview.button'] }).click();
    await expect(page.getByTestId('settlement-slip')).toBeVisible();
    await look('settle-preview');
    await open('settlements');
    await page.getByTestId('settlement-history').locator('tbody tr').first().click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await look('settlement-detail');
    await close();
    await open('stockCount');
    await page.getByRole('button', { name: LANGS[lang].dict['bo.count.startButton'] }).click();
    const cancel = page.getByRole('button', { name: LANGS[lang].dict['bo.count.cancel'] });
    await expect(cancel).toBeVisible();
    await look('stock-count');
    // Leave no count open for the other language's run.
    await cancel.click();
    await page.getByRole('dialog').getByRole('button', { name: new RegExp(LANGS[lang].dict['bo.count.cancel']) }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await page.context().close();
    writeFileSync(`${SHOTS}/problems-${lang}.txt`, problems.join('\n'));
    expect(problems).toEqual([]);
  });
}

test('the first-run setup screen, in both languages', async ({ browser }) => {
  const fresh = await startServer();
  try {
    const problems: string[] = [];
    for (const lang of Object.keys(LANGS) as Lang[]) {
      const { page, data } = await openPage(browser, lang);
      await page.goto(fresh.url);
      await settle(page);
      problems.push(...check(lang, 'setup', await page.evaluate<SeenText[]>(COLLECT_VISIBLE_TEXT), data));
      await page.context().close();
    }
    expect(problems).toEqual([]);
  } finally {
    await fresh.stop();
  }
});
