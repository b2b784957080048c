/**
 * Dates as Indonesians write them, in Chromium set to an English (US)
 * locale, the case where the browser's own date input shows mm/dd/yyyy and
 * took "05/06/2027" for 6 May:
 *
 * - the manager types "05/06/2027" and "30/06/2027" as expiry dates at
 *   intake; the field echoes "5 Jun 2027" and "30 Jun 2027", an impossible
 *   day is refused in words; what is saved is 5 June and 30 June, and the
 *   intake slip the printer got says `exp 05/06/2027` and `exp 30/06/2027`;
 * - the calendar speaks Indonesian;
 * - an expiry saved wrong by the old field is listed on the Kedaluwarsa
 *   screen, corrected by the manager, and the product's next expiry (FEFO)
 *   follows the corrected date;
 * - the office report's month picker and its A4 page say "Desember" and
 *   dd/mm/yyyy, never "December" or an ISO date.
 */
import { mkdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { test, expect, type Page } from '@playwright/test';
import { apiClient, startServer, type RunningServer } from '../support/server';
import { loginWithPinPad } from '../support/ui';
import { startFakePrinter, type FakePrinter } from '../support/fake-printer';
import { decodeEscPos } from '../support/escpos-decode';
import { DEMO_BARCODES, DEMO_LOGINS } from '../../src/main/core/demo';

test.use({ locale: 'en-US' });

const SHOTS = '/tmp/shots';
const TILL = 'K1';
const manager = DEMO_LOGINS.find((l) => l.role === 'manager')!;
const admin = DEMO_LOGINS.find((l) => l.role === 'admin')!;
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
/** The days the issue names, in 2027 (or the next year once 2027 has passed, so they stay ahead). */
const YEAR = Math.max(2027, new Date().getFullYear() + 1);

let server: RunningServer;
let printer: FakePrinter;
let dbPath: string;
/** The Cakalang lot whose expiry an older version saved as year 00xx. */
let wrongLot: { id: number; meant: string; stored: string };

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  printer = await startFakePrinter();
  // A demo shop, then (server stopped) one expiry saved the way the old field could leave it.
  const first = await startServer({ demo: true });
  dbPath = first.dbPath;
  await first.stop();
  const db = new Database(dbPath);
  const lot = db
    .prepare(`SELECT l.id, l.expiry_date AS expiry FROM lots l JOIN products p ON p.id = l.product_id WHERE p.barcode = ? ORDER BY l.expiry_date LIMIT 1`)
    .get(DEMO_BARCODES.twoLots) as { id: number; expiry: string };
  const stored = `00${lot.expiry.slice(2)}`;
  db.prepare('UPDATE lots SET expiry_date = ? WHERE id = ?').run(stored, lot.id);
  db.close();
  wrongLot = { id: lot.id, meant: lot.expiry, stored };
  server = await startServer({ dbPath });
});

test.afterAll(async () => {
  await server?.stop();
  await printer?.close();
});

async function shot(page: Page, name: string) {
  await page.mouse.move(0, 767);
  await page.screenshot({ path: `${SHOTS}/dates-${name}.png` });
}

const dmy = (iso: string) => iso.split('-').reverse().join('/');

async function loginAndOpen(page: Page, hash: string) {
  await page.goto(server.url);
  await loginWithPinPad(page, manager, TILL);
  await expect(page.getByTestId('till-code')).toBeVisible();
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
}

test('expiry typed day first is saved and printed as meant; the calendar is Indonesian', async ({ page }) => {
  const api = apiClient(server.url);
  const token = (await api<{ token: string }>('auth.login', { username: manager.username, pin: manager.pin, tillCode: TILL })).body.token;
  const adminToken = (await api<{ token: string }>('auth.login', { username: admin.username, pin: admin.pin, tillCode: TILL })).body.token;
  expect((await api('printers.set', { transport: { type: 'network', host: '127.0.0.1', port: printer.port }, columns: 32 }, adminToken)).status).toBe(200);
  const mete = (await api<{ id: number; name: string; supplierId: number }>('products.lookup', { code: DEMO_BARCODES.meteOriginal }, token)).body;
  const pedas = (await api<{ id: number; name: string; supplierId: number }>('products.lookup', { code: DEMO_BARCODES.metePedas }, token)).body;
  expect(pedas.supplierId).toBe(mete.supplierId);

  await loginAndOpen(page, '#/intake');
  await page.getByLabel('Pemasok', { exact: true }).selectOption(String(mete.supplierId));
  const scan = page.getByTestId('intake-scan');
  for (const code of [DEMO_BARCODES.meteOriginal, DEMO_BARCODES.metePedas]) {
    await scan.fill(code);
    await scan.press('Enter');
  }
  const first = page.getByTestId('intake-line').filter({ hasText: mete.name });
  const second = page.getByTestId('intake-line').filter({ hasText: pedas.name });
  const firstExpiry = first.getByLabel(`Kedaluwarsa ${mete.name}`);
  const secondExpiry = second.getByLabel(`Kedaluwarsa ${pedas.name}`);

  // An impossible day is refused in words, and the intake is not saved.
  await firstExpiry.fill(`31/02/${YEAR}`);
  await firstExpiry.blur();
  await expect(first).toContainText(`Tanggal 31/02/${YEAR} tidak ada di kalender`);
  await page.getByRole('button', { name: 'Simpan & cetak tanda terima' }).click();
  await expect(first).toContainText('Tanggal kedaluwarsa belum benar');
  await expect(page.getByTestId('intake-done')).toHaveCount(0);

  await firstExpiry.fill(`05/06/${YEAR}`);
  await secondExpiry.fill(`30/06/${YEAR}`);
  await expect(first.getByTestId('intake-expiry-echo')).toHaveText(`5 Jun ${YEAR}`);
  await expect(second.getByTestId('intake-expiry-echo')).toHaveText(`30 Jun ${YEAR}`);

  // The calendar: Indonesian month and weekday names, the typed day selected.
  await second.getByRole('button', { name: 'Pilih di kalender' }).click();
  const calendar = page.getByRole('dialog', { name: 'Kalender' });
  await expect(calendar).toBeVisible();
  await expect(calendar.getByRole('combobox', { name: 'Pilih bulan' })).toHaveValue('5');
  await expect(calendar.getByRole('combobox', { name: 'Pilih bulan' }).locator('option:checked')).toHaveText('Juni');
  await expect(calendar.locator('.rdp-weekday').first()).toHaveText(/^(Min|Sen)/);
  await expect(calendar.getByRole('button', { name: /30 Juni/ })).toBeVisible();
  await shot(page, 'intake-calendar');
  // Picking a day on the calendar writes it day first.
  await calendar.getByRole('button', { name: /29 Juni/ }).click();
  await expect(secondExpiry).toHaveValue(`29/06/${YEAR}`);
  await secondExpiry.fill(`30/06/${YEAR}`);
  await expect(second.getByTestId('intake-expiry-echo')).toHaveText(`30 Jun ${YEAR}`);
  await shot(page, 'intake');

  await page.getByRole('button', { name: 'Simpan & cetak tanda terima' }).click();
  await expect(page.getByTestId('intake-done')).toBeVisible();
  const number = (await page.getByTestId('intake-number').innerText()).trim();

  // Saved: 5 June and 30 June.
  const list = await api<{ id: number; number: string }[]>('intakes.list', { supplierId: mete.supplierId }, token);
  const intake = await api<{ lines: { productId: number; expiryDate: string }[] }>('intakes.get', { id: list.body.find((i) => i.number === number)!.id }, token);
  expect(intake.body.lines.map((l) => [l.productId, l.expiryDate])).toEqual([
    [mete.id, `${YEAR}-06-05`],
    [pedas.id, `${YEAR}-06-30`],
  ]);

  // Printed: day first.
  await expect.poll(() => printer.jobs().length, { timeout: 15_000 }).toBeGreaterThan(0);
  const slip = squash(decodeEscPos(printer.jobs().at(-1)!, { columns: 32 }).lines.join('\n'));
  expect(slip).toContain(number);
  expect(slip).toContain(`exp 05/06/${YEAR}`);
  expect(slip).toContain(`exp 30/06/${YEAR}`);
  expect(slip).not.toContain(`06/05/${YEAR}`);

  // Labels: how many is asked, per lot, starting at the units just received; food carries the expiry.
  await page.getByRole('button', { name: 'Cetak label…' }).click();
  const labels = page.getByRole('dialog', { name: 'Cetak label' });
  const rows = labels.getByTestId('label-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByRole('textbox')).toHaveValue('1');
  await expect(rows.nth(0)).toContainText(`Exp 05/06/${YEAR}`);
  await rows.nth(1).getByRole('textbox').fill('2');
  await expect(labels.locator('.label-preview .sticker')).toHaveCount(3);
  const jobs = printer.jobs().length;
  await labels.getByRole('button', { name: 'Printer struk (3 label)' }).click();
  await expect.poll(() => printer.jobs().length, { timeout: 15_000 }).toBe(jobs + 1);
  const printed = decodeEscPos(printer.jobs().at(-1)!, { columns: 32 }).lines.map((l) => l.trim());
  expect(printed.filter((l) => l === `Exp 05/06/${YEAR}`)).toHaveLength(1);
  expect(printed.filter((l) => l === `Exp 30/06/${YEAR}`)).toHaveLength(2);
  await shot(page, 'labels');
});

test('an expiry saved wrong is listed on the Kedaluwarsa screen and corrected; FEFO follows', async ({ page }) => {
  const api = apiClient(server.url);
  const token = (await api<{ token: string }>('auth.login', { username: manager.username, pin: manager.pin, tillCode: TILL })).body.token;
  const before = (await api<{ name: string; nextExpiry: string | null }>('products.lookup', { code: DEMO_BARCODES.twoLots }, token)).body;
  expect(before.nextExpiry).not.toBe(wrongLot.meant);

  await loginAndOpen(page, '#/expiry');
  const doubts = page.getByTestId('expiry-doubts');
  await expect(doubts).toContainText('Tanggal kedaluwarsa yang meragukan');
  const row = page.getByTestId('expiry-doubt');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(dmy(wrongLot.stored));
  await expect(row).toContainText(dmy(wrongLot.meant));
  await shot(page, 'expiry-doubts');

  await row.getByRole('button', { name: 'Perbaiki' }).click();
  const dialog = page.getByRole('dialog', { name: 'Perbaiki tanggal kedaluwarsa' });
  const field = dialog.getByLabel('Tanggal kedaluwarsa yang benar');
  await expect(field).toHaveValue(dmy(wrongLot.meant));
  // A date that is still implausible is refused in words before it is sent.
  await field.fill(`01/01/${Number(wrongLot.meant.slice(0, 4)) + 20}`);
  await field.blur();
  await expect(dialog).toContainText('Lebih dari 10 tahun sesudah diterima');
  await field.fill(dmy(wrongLot.meant));
  await shot(page, 'expiry-correct');
  await dialog.getByRole('button', { name: 'Simpan tanggal' }).click();
  await expect(dialog).toBeHidden();
  await expect(doubts).toContainText(`diperbaiki menjadi ${dmy(wrongLot.meant)}`);
  await expect(page.getByTestId('expiry-doubt')).toHaveCount(0);

  const after = (await api<{ nextExpiry: string | null }>('products.lookup', { code: DEMO_BARCODES.twoLots }, token)).body;
  expect(after.nextExpiry).toBe(wrongLot.meant);
  // And it is now in the near-expiry list (it expires within 30 days).
  const nearRow = page.getByTestId('expiry-group').locator('tbody tr').filter({ hasText: before.name });
  await expect(nearRow).toHaveCount(1);
  await expect(nearRow).toContainText(dmy(wrongLot.meant));
});

test('the office report month picker and its A4 page are Indonesian and day first', async ({ page }) => {
  await loginAndOpen(page, '#/reports/office');
  const picker = page.getByTestId('office-month');
  const monthName = await picker.getByTestId('office-month-month').locator('option:checked').innerText();
  expect(['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember']).toContain(monthName);
  await expect(page.locator('body')).not.toContainText(/January|February|March|June|July|August|October|December/);
  // One month back with the picker; the report follows.
  const title = page.getByTestId('office-title');
  const shown = await title.innerText();
  await picker.getByRole('button', { name: 'Bulan sebelumnya' }).click();
  await expect(title).not.toHaveText(shown);
  await expect(title).toContainText('Periode');
  await page.getByTestId('office-print').click();
  const frame = page.frameLocator('[data-testid="office-frame"]');
  await expect(frame.locator('.meta')).toContainText(/Periode \d{2}\/\d{2}\/\d{4} s\.d\. \d{2}\/\d{2}\/\d{4}/);
  await expect(frame.locator('body')).not.toContainText(/\d{4}-\d{2}-\d{2}/);
  await shot(page, 'office-a4');
});
