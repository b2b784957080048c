/**
 * Expiry dates end to end through HTTP on a real SQLite file: what intake
 * saves and prints, expiry dates saved wrong by older versions (listed for a
 * manager to correct, audited, and then used by FEFO and the near-expiry
 * list), and price labels that carry the expiry of food.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedShop, snapshot, startTestApi, type Seeded, type TestApi } from '../support/api-harness';
import { startFakePrinter, type FakePrinter } from '../support/fake-printer';
import { decodeEscPos } from '../support/escpos-decode';
import { isImplausibleExpiry, parseDmy, suggestExpiry } from '../../src/shared/dates';

let t: TestApi;
let s: Seeded;
let printer: FakePrinter | undefined;

beforeEach(async () => {
  t = await startTestApi();
  s = await seedShop(t);
});

afterEach(async () => {
  await t?.close();
  await printer?.close();
  printer = undefined;
});

async function ok<T = any>(name: string, input: unknown, token = s.manager): Promise<T> {
  const r = await t.api<T>(name, input, token);
  if (r.status !== 200) throw new Error(`${name} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

const auditCount = () => (t.app.db.$client.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

async function refused(name: string, input: unknown, code: string, token = s.manager) {
  await t.app.print.idle();
  const before = snapshot(t.app);
  const audits = auditCount();
  const r = await t.api(name, input, token);
  expect(r.body.error?.code, `${name} ${JSON.stringify(input)} → ${JSON.stringify(r.body)}`).toBe(code);
  expect(snapshot(t.app)).toEqual(before);
  expect(auditCount()).toBe(audits);
  return r.body.error as { code: string; message: string; details?: any };
}

async function usePrinter(columns: 32 | 48 = 32) {
  printer = await startFakePrinter();
  await ok('printers.set', { transport: { type: 'network', host: '127.0.0.1', port: printer.port }, columns }, s.admin);
  return printer;
}

const lotsOf = async (productId: number) => (await ok('products.detail', { id: productId })).lots as any[];
let req = 0;
const sell = (productId: number, qty: number) =>
  ok('sales.checkout', { clientRequestId: `exp-${++req}-${Date.now()}`, lines: [{ productId, qty }], payments: [{ method: 'cash', amount: 10_000_000 }] }, s.cashier);

/** What an older version may have left in a shop's database. */
function saveExpiryRaw(lotId: number, expiry: string) {
  t.app.db.$client.prepare('UPDATE lots SET expiry_date = ? WHERE id = ?').run(expiry, lotId);
}

describe('typed dates (dd/mm/yyyy, day first)', () => {
  it('reads the day first and refuses days that do not exist', () => {
    expect(parseDmy('05/06/2027')).toEqual({ ok: true, iso: '2027-06-05' });
    expect(parseDmy('30/06/2027')).toEqual({ ok: true, iso: '2027-06-30' });
    expect(parseDmy('5-6-2027')).toEqual({ ok: true, iso: '2027-06-05' });
    expect(parseDmy('30062027')).toEqual({ ok: true, iso: '2027-06-30' });
    expect(parseDmy('31/02/2027')).toEqual({ ok: false, problem: 'impossible' });
    expect(parseDmy('30/13/2027')).toEqual({ ok: false, problem: 'impossible' });
    expect(parseDmy('30/06/62027')).toEqual({ ok: false, problem: 'format' });
    expect(parseDmy('06/30')).toEqual({ ok: false, problem: 'format' });
    expect(parseDmy('')).toEqual({ ok: false, problem: 'empty' });
  });

  it('calls an expiry before the intake or more than 10 years after it implausible, and suggests what was meant', () => {
    expect(isImplausibleExpiry('2026-11-29', '2027-06-30')).toBe(false);
    expect(isImplausibleExpiry('2026-11-29', '2036-11-29')).toBe(false);
    expect(isImplausibleExpiry('2026-11-29', '2036-11-30')).toBe(true);
    expect(isImplausibleExpiry('2026-11-29', '0027-06-30')).toBe(true);
    expect(isImplausibleExpiry('2026-11-29', '2026-10-12')).toBe(true);
    expect(suggestExpiry('2026-11-29', '2026-10-12')).toBe('2026-12-10');
    expect(suggestExpiry('2026-11-29', '0027-06-30')).toBe('2027-06-30');
    expect(suggestExpiry('2026-11-29', '2207-03-01')).toBeNull();
  });
});

describe('intake expiry dates', () => {
  it('saves the day the manager meant and prints it day first on the slip', async () => {
    const p = await usePrinter(32);
    const r = await ok('intakes.create', {
      supplierId: s.supplierId,
      lines: [
        { productId: s.meteId, qty: 2, expiryDate: '2027-06-05' },
        { productId: s.abonId, qty: 3, expiryDate: '2027-06-30' },
      ],
    });
    const intake = await ok('intakes.get', { id: r.id });
    expect(intake.lines.map((l: any) => l.expiryDate)).toEqual(['2027-06-05', '2027-06-30']);
    const [bytes] = await p.waitForJobs(1, 5000);
    const text = decodeEscPos(bytes, { columns: 32 }).lines.join('\n');
    expect(text).toContain('2 pcs, exp 05/06/2027');
    expect(text).toContain('3 pcs, exp 30/06/2027');
    expect(text).not.toContain('06/05/2027');
  });

  it('refuses an expiry more than 10 years ahead, in words, changing nothing', async () => {
    const err = await refused('intakes.create', { supplierId: s.supplierId, lines: [{ productId: s.meteId, qty: 1, expiryDate: '2207-06-30' }] }, 'VALIDATION');
    expect(err.message).toContain('30/06/2207');
    expect(err.details).toMatchObject({ field: 'lines.0.expiryDate' });
  });
});

describe('expiry dates saved wrong', () => {
  it('are listed with a suggestion, corrected by a manager (audited), and then FEFO and near-expiry use the corrected date', async () => {
    const mete = (await lotsOf(s.meteId)).sort((a, b) => a.id - b.id);
    const [meteLate, meteSoon] = mete; // 10 × 2027-03-01, 5 × 2026-12-10
    const [abon] = await lotsOf(s.abonId);
    saveExpiryRaw(meteSoon.id, '2026-10-12'); // meant 10/12/2026, day and month swapped
    saveExpiryRaw(meteLate.id, '2207-03-01'); // mistyped year
    saveExpiryRaw(abon.id, '0027-11-30'); // two-digit year

    const listed = await ok<any[]>('stock.implausibleExpiry', {});
    expect(listed.map((r) => [r.lotId, r.expiryDate, r.receivedOn, r.suggestion])).toEqual([
      [meteLate.id, '2207-03-01', '2026-11-29', null],
      [meteSoon.id, '2026-10-12', '2026-11-29', '2026-12-10'],
      [abon.id, '0027-11-30', '2026-11-29', '2027-11-30'],
    ]);
    // Not offered for a one-click return as "expired" while the date is in doubt.
    expect((await ok<any[]>('stock.nearExpiry', { days: 365 })).map((r) => r.lotId)).not.toContain(meteSoon.id);

    // Before: the swapped lot looks expired, so FEFO skips it.
    await sell(s.meteId, 1);
    expect((await lotsOf(s.meteId)).find((l) => l.id === meteSoon.id).remainingQty).toBe(5);

    // Refusals change nothing.
    await refused('stock.correctExpiry', { lotId: meteSoon.id, expiryDate: '2026-12-10', reason: 'Tertukar' }, 'FORBIDDEN', s.cashier);
    await refused('stock.correctExpiry', { lotId: 9999, expiryDate: '2026-12-10', reason: 'Tertukar' }, 'NOT_FOUND');
    await refused('stock.correctExpiry', { lotId: meteSoon.id, expiryDate: '2026-02-30', reason: 'Tertukar' }, 'VALIDATION');
    const still = await refused('stock.correctExpiry', { lotId: meteLate.id, expiryDate: '2107-03-01', reason: 'Salah ketik' }, 'VALIDATION');
    expect(still.message).toContain('01/03/2107');

    const fixed = await ok('stock.correctExpiry', { lotId: meteSoon.id, expiryDate: '2026-12-10', reason: 'Hari dan bulan tertukar' });
    expect(fixed).toEqual({ lotId: meteSoon.id, previous: '2026-10-12', expiryDate: '2026-12-10' });
    await ok('stock.correctExpiry', { lotId: meteLate.id, expiryDate: '2027-03-01', reason: 'Salah ketik tahun' });
    const row = t.app.db.$client.prepare("SELECT * FROM audit_log WHERE action = 'lot.correctExpiry' AND entity_id = ?").get(meteSoon.id) as any;
    expect(JSON.parse(row.details)).toEqual({ from: '2026-10-12', to: '2026-12-10', reason: 'Hari dan bulan tertukar' });

    expect((await ok<any[]>('stock.implausibleExpiry', {})).map((r) => r.lotId)).toEqual([abon.id]);
    const near = await ok<any[]>('stock.nearExpiry', { days: 30 });
    expect(near.find((r) => r.lotId === meteSoon.id)).toMatchObject({ expiryDate: '2026-12-10', daysToExpiry: 11, expired: false });

    // After: the corrected lot expires first, so FEFO sells it first.
    await sell(s.meteId, 2);
    const after = await lotsOf(s.meteId);
    expect(after.find((l) => l.id === meteSoon.id).remainingQty).toBe(3);
    expect(after.find((l) => l.id === meteLate.id).remainingQty).toBe(9);
    const product = await ok('products.get', { id: s.meteId });
    expect(product.nextExpiry).toBe('2026-12-10');
  });
});

describe('labels of food carry the expiry date', () => {
  it('prints each lot’s expiry on its labels; an intake’s labels carry its lots’ dates', async () => {
    const p = await usePrinter(32);
    const mete = (await lotsOf(s.meteId)).sort((a, b) => a.id - b.id);
    const r = await ok('labels.print', { items: [{ productId: s.meteId, qty: 1, lotId: mete[0].id }, { productId: s.tenunId, qty: 1 }] }, s.cashier);
    expect(r.labels).toBe(2);
    const [bytes] = await p.waitForJobs(1, 5000);
    const lines = decodeEscPos(bytes, { columns: 32 }).lines.map((l) => l.trim());
    expect(lines.filter((l) => l.startsWith('Exp '))).toEqual(['Exp 01/03/2027']);

    // A product that tracks expiry, without a lot: the date of the lot sold next (FEFO).
    await ok('labels.print', { items: [{ productId: s.meteId, qty: 1 }] }, s.cashier);
    const [, fefo] = await p.waitForJobs(2, 5000);
    expect(decodeEscPos(fefo!, { columns: 32 }).lines.map((l) => l.trim())).toContain('Exp 10/12/2026');

    const intakes = await ok<any[]>('intakes.list', { supplierId: s.supplierId });
    await ok('labels.print', { intakeId: intakes[0].id }, s.cashier);
    const [, , all] = await p.waitForJobs(3, 5000);
    const exp = decodeEscPos(all!, { columns: 32 }).lines.map((l) => l.trim()).filter((l) => l.startsWith('Exp '));
    expect(exp.filter((l) => l === 'Exp 01/03/2027')).toHaveLength(10);
    expect(exp.filter((l) => l === 'Exp 10/12/2026')).toHaveLength(5);
    expect(exp.filter((l) => l === 'Exp 30/11/2026')).toHaveLength(4);

    const other = (await lotsOf(s.abonId))[0];
    await refused('labels.print', { items: [{ productId: s.meteId, qty: 1, lotId: other.id }] }, 'VALIDATION', s.cashier);
  });
});
