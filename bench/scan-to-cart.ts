/**
 * Scan-to-cart in the real UI: browser mode on a copy of a benchmark
 * database, Chromium driven by Playwright, a cashier logged in with an open
 * shift. For each scan the page itself times from the Enter key to the cart
 * line being on screen (a MutationObserver, so Playwright's polling adds
 * nothing), over `scans` barcodes drawn from the catalogue.
 *
 *   npx tsx bench/scan-to-cart.ts --db bench/data/small.db [--scans 200]
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { apiClient, startServer } from '../test/support/server';
import { loginWithPinPad } from '../test/support/ui';
import { stat } from './stats';

export interface ScanResult {
  scans: number;
  catalogue: number;
  p50: number;
  p95: number;
  max: number;
  /** Each scan's time, Enter to the cart line on screen, in order. */
  times: number[];
}


export async function measureScanToCart(options: { db: string; scans?: number; cashier?: { username: string; pin: string } }): Promise<ScanResult> {
  const scans = options.scans ?? 200;
  const cashier = options.cashier ?? { username: 'kasir', pin: '1111' };
  const dir = mkdtempSync(join(tmpdir(), 'kasir-scan-'));
  const copy = join(dir, 'scan.db');
  copyFileSync(options.db, copy);
  if (existsSync(`${options.db}-wal`)) copyFileSync(`${options.db}-wal`, `${copy}-wal`);

  const src = new Database(copy, { readonly: true });
  const catalogue = (src.prepare('SELECT count(*) AS n FROM products').get() as { n: number }).n;
  // Barcodes with sellable stock, spread over the catalogue.
  const codes = (
    src
      .prepare(
        `SELECT p.barcode FROM products p WHERE p.active = 1 AND p.barcode IS NOT NULL
           AND (SELECT sum(remaining_qty) FROM lots l WHERE l.product_id = p.id AND (l.expiry_date IS NULL OR l.expiry_date >= date('now'))) > 5
         ORDER BY (p.id * 7919) % 10007 LIMIT ?`,
      )
      .all(scans) as { barcode: string }[]
  ).map((r) => r.barcode);
  src.close();
  if (codes.length === 0) throw new Error('no barcodes with stock in the database');

  const server = await startServer({ dbPath: copy });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    // A shift must be open at the till; the API does it as the cashier would.
    const api = apiClient(server.url);
    const login = await api<{ token: string }>('auth.login', { ...cashier, tillCode: 'K9' });
    if (login.status !== 200) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
    await api('shifts.open', { openingFloat: 0 }, login.body.token);

    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(server.url);
    // The same steps as the e2e specs, from the UI's own words (a renamed label fails both alike).
    await loginWithPinPad(page, cashier, 'K9');
    await page.getByTestId('scan-input').waitFor();
    await page.getByTestId('shift-status').waitFor();

    const times: number[] = [];
    for (let i = 0; i < Math.min(scans, codes.length * 3); i++) {
      const code = codes[i % codes.length];
      // Empty the cart now and then so it stays a realistic size.
      if (i % 20 === 0 && i > 0) {
        await page.keyboard.press('F8');
        await page.keyboard.press('Enter');
        await page.getByTestId('cart-line').first().waitFor({ state: 'detached' });
      }
      const ms = await page.evaluate(`new Promise((resolve, reject) => {
        const input = document.querySelector('[data-testid="scan-input"]');
        const cart = () => [...document.querySelectorAll('[data-testid="cart-line"]')].map((n) => n.textContent).join('|');
        const before = cart();
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
        setter.call(input, ${JSON.stringify(code)});
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const t0 = performance.now();
        const done = () => { observer.disconnect(); clearTimeout(timer); resolve(performance.now() - t0); };
        const observer = new MutationObserver(() => { if (cart() !== before) done(); });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        const timer = setTimeout(() => { observer.disconnect(); reject(new Error('no cart change in 5 s')); }, 5000);
        input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      })`);
      times.push(ms as number);
    }
    const { p50, p95, max } = stat(times);
    return { scans: times.length, catalogue, p50, p95, max, times };
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { db: { type: 'string' }, scans: { type: 'string', default: '200' } } });
  if (!values.db) {
    console.error('usage: npx tsx bench/scan-to-cart.ts --db <file> [--scans 200]');
    process.exit(2);
  }
  measureScanToCart({ db: values.db, scans: Number(values.scans) }).then(
    (r) => console.log(`scan-to-cart over ${r.catalogue} products: ${r.scans} scans, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, max ${r.max.toFixed(1)} ms (target p95 < 30 ms)`),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
