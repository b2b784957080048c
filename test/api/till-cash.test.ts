/**
 * Cash at the till over HTTP: pay-in and pay-out, closing with a count by
 * denomination, X and Z reports with numbers worked out by hand, the Z
 * report on a (fake) network printer, and opening the drawer without a sale.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../support/escpos-decode';
import { startFakePrinter, type FakePrinter } from '../support/fake-printer';
import { seedShop, snapshot, startTestApi, type Seeded, type TestApi } from '../support/api-harness';

let t: TestApi;
let s: Seeded;
let printer: FakePrinter;
let req = 0;
const rid = () => `cash-${++req}-${Date.now()}`;
const db = () => t.app.db.$client;

beforeEach(async () => {
  t = await startTestApi();
  s = await seedShop(t);
  printer = await startFakePrinter();
  await t.api('printers.set', { transport: { type: 'network', host: '127.0.0.1', port: printer.port }, columns: 32 }, s.admin);
});
afterEach(async () => {
  await t.close();
  await printer.close();
});

/**
 * The shift of the report tests (float 200.000):
 * - sale 1, cashier: 2 mete 100.000 less 10 % = 90.000, cash 100.000, change 10.000
 * - sale 2, cashier: 1 tenun 350.000 by QRIS
 * - sale 3, manager: 1 mete 50.000 less 5.000 on the sale = 45.000 by debit
 * - pay-in 50.000 (small change), pay-out 30.000 (plastic bags)
 * - refund of one mete of sale 1: 45.000 cash, restocked
 */
async function dayAtTheTill() {
  const sale1 = await t.api(
    'sales.checkout',
    { clientRequestId: rid(), lines: [{ productId: s.meteId, qty: 2, discount: { type: 'percent', bps: 1000 } }], payments: [{ method: 'cash', amount: 100_000 }] },
    s.cashier,
  );
  await t.api('sales.checkout', { clientRequestId: rid(), lines: [{ productId: s.tenunId, qty: 1 }], payments: [{ method: 'qris', amount: 350_000, reference: 'QR-9' }] }, s.cashier);
  await t.api(
    'sales.checkout',
    { clientRequestId: rid(), lines: [{ productId: s.meteId, qty: 1 }], discount: { type: 'amount', value: 5_000 }, payments: [{ method: 'debit', amount: 45_000 }] },
    s.manager,
  );
  expect((await t.api('shifts.payIn', { amount: 50_000, reason: 'Tambah uang kecil' }, s.cashier)).status).toBe(200);
  expect((await t.api('shifts.payOut', { amount: 30_000, reason: 'Beli kantong plastik' }, s.cashier)).status).toBe(200);
  const line = (await t.api('sales.get', { id: sale1.body.id }, s.cashier)).body.lines[0];
  const refund = await t.api(
    'sales.refund',
    { saleId: sale1.body.id, lines: [{ saleLineId: line.id, qty: 1, restock: true }], reason: 'Kemasan bocor', payments: [{ method: 'cash', amount: 45_000 }] },
    s.manager,
  );
  expect(refund.status).toBe(200);
}

const expectedSales = {
  salesCount: 3,
  voidCount: 0,
  refundCount: 1,
  itemsSold: 4,
  gross: 500_000,
  discounts: 15_000,
  netSales: 485_000,
  refunds: 45_000,
  net: 440_000,
  rounding: 0,
  byMethod: [
    { method: 'cash', sales: 90_000, refunds: 45_000, net: 45_000 },
    { method: 'qris', sales: 350_000, refunds: 0, net: 350_000 },
    { method: 'debit', sales: 45_000, refunds: 0, net: 45_000 },
  ],
  byCashier: [
    { name: 'Bu Manajer', salesCount: 1, total: 45_000 },
    { name: 'Wa Ode Kasir', salesCount: 2, total: 440_000 },
  ].map((c) => expect.objectContaining(c)),
};

describe('shift reports', () => {
  it('X report mid-shift: the numbers of the day, nothing closed', async () => {
    await dayAtTheTill();
    await t.app.print.idle(); // the receipts and slip go out first
    const before = snapshot(t.app);
    const x = await t.api('shifts.report', {}, s.cashier);
    expect(x.status).toBe(200);
    expect(x.body).toMatchObject({
      kind: 'X',
      tillCode: 'K1',
      closedAt: null,
      ...expectedSales,
      // 200.000 + 100.000 − 10.000 − 45.000 + 50.000 − 30.000
      cash: { openingFloat: 200_000, cashSales: 100_000, changeGiven: 10_000, cashRefunds: 45_000, payIns: 50_000, payOuts: 30_000, expected: 265_000, counted: null, variance: null },
      denominations: [],
    });
    expect(x.body.movements.map((m: { kind: string; amount: number; reason: string }) => [m.kind, m.amount, m.reason])).toEqual([
      ['pay_in', 50_000, 'Tambah uang kecil'],
      ['pay_out', 30_000, 'Beli kantong plastik'],
    ]);
    expect(snapshot(t.app)).toEqual(before);
    expect((await t.api('shifts.current', {}, s.cashier)).body).toMatchObject({ closedAt: null, expectedCash: 265_000, payIns: 50_000, payOuts: 30_000, cashRefunds: 45_000 });
    // A Z report of an open shift does not exist.
    expect((await t.api('shifts.printReport', { kind: 'Z' }, s.cashier)).body.error.code).toBe('NOT_FOUND');
    const xJob = await t.api('shifts.printReport', { kind: 'X' }, s.cashier);
    expect(xJob.body).toMatchObject({ kind: 'x-report' });
  });

  it('closes with a count by denomination and prints the Z report', async () => {
    await dayAtTheTill();
    await t.app.print.idle();
    printer.clear();
    const before = snapshot(t.app);
    const mismatch = await t.api('shifts.close', { countedCash: 265_000, denominations: { '100000': 2, '50000': 1 } }, s.cashier);
    expect(mismatch.body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'countedCash', fromDenominations: 250_000 } });
    const nothing = await t.api('shifts.close', {}, s.cashier);
    expect(nothing.body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'countedCash' } });
    const badNote = await t.api('shifts.close', { denominations: { '75000': 1 } }, s.cashier);
    expect(badNote.body.error.code).toBe('VALIDATION');
    expect(snapshot(t.app)).toEqual(before);

    // 2 × 100.000 + 50.000 + 10.000 + 2 × 2.000 + 500 = 264.500: Rp 500 short.
    const closed = await t.api('shifts.close', { denominations: { '100000': 2, '50000': 1, '10000': 1, '2000': 2, '500': 1, '100': 0 } }, s.cashier);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ expectedCash: 265_000, countedCash: 264_500, variance: -500, printJob: { kind: 'z-report' } });
    expect(closed.body.report).toMatchObject({
      kind: 'Z',
      closedByName: 'Wa Ode Kasir',
      ...expectedSales,
      cash: { expected: 265_000, counted: 264_500, variance: -500 },
      denominations: [
        { value: 100_000, count: 2, amount: 200_000 },
        { value: 50_000, count: 1, amount: 50_000 },
        { value: 10_000, count: 1, amount: 10_000 },
        { value: 2_000, count: 2, amount: 4_000 },
        { value: 500, count: 1, amount: 500 },
      ],
    });
    expect(db().prepare('SELECT denomination, count FROM shift_counts ORDER BY denomination DESC').all()).toEqual([
      { denomination: 100_000, count: 2 },
      { denomination: 50_000, count: 1 },
      { denomination: 10_000, count: 1 },
      { denomination: 2_000, count: 2 },
      { denomination: 500, count: 1 },
    ]);
    const [bytes] = await printer.waitForJobs(1, 5000);
    const decoded = decodeEscPos(bytes!);
    const text = decoded.lines.join('\n');
    expect(text).toContain('LAPORAN Z - TUTUP SHIFT');
    expect(text).toMatch(/Penjualan kotor\s+500\.000/);
    expect(text).toMatch(/Diskon\s+-15\.000/);
    expect(text).toMatch(/Retur\/batal \(1\)\s+-45\.000/);
    expect(text).toMatch(/NETTO\s+Rp 440\.000/);
    expect(text).toMatch(/Kas seharusnya\s+Rp 265\.000/);
    expect(text).toMatch(/Kas dihitung\s+Rp 264\.500/);
    expect(text).toMatch(/Selisih\s+-500/);
    expect(text).toMatch(/100\.000 x 2\s+200\.000/);
    expect(decoded.drawerPulses).toBe(0);
    for (const line of decoded.lines) expect(line.length).toBeLessThanOrEqual(32);

    // After close: no X report; the Z report again is a copy; a cashier cannot read other shifts.
    expect((await t.api('shifts.report', {}, s.cashier)).body.error.code).toBe('SHIFT_CLOSED');
    const copy = await t.api('shifts.printReport', { kind: 'Z' }, s.cashier);
    expect(copy.body).toMatchObject({ kind: 'z-report', copy: true, refId: closed.body.id });
    expect((await t.api('shifts.printReport', { kind: 'X', shiftId: closed.body.id }, s.manager)).body.error.code).toBe('CONFLICT');
    expect((await t.api('shifts.report', { shiftId: closed.body.id }, s.cashier)).body.error.code).toBe('FORBIDDEN');
    const z = await t.api('shifts.report', { shiftId: closed.body.id }, s.manager);
    expect(z.body).toMatchObject({ kind: 'Z', net: 440_000, cash: { variance: -500 } });
  });
});

describe('pay-in and pay-out', () => {
  it('move the expected cash, need an open shift and a reason, and never take out more than the drawer holds', async () => {
    const payIn = await t.api('shifts.payIn', { amount: 100_000, reason: 'Uang kecil dari kantor' }, s.cashier);
    expect(payIn.body).toMatchObject({ kind: 'pay_in', amount: 100_000, reason: 'Uang kecil dari kantor', createdByName: 'Wa Ode Kasir' });
    const before = snapshot(t.app);
    const tooMuch = await t.api('shifts.payOut', { amount: 300_001, reason: 'Setor ke bank' }, s.cashier);
    expect(tooMuch.body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'amount', expectedCash: 300_000 } });
    expect(tooMuch.body.error.message).toBe('Uang di laci hanya Rp 300.000; tidak bisa mengeluarkan Rp 300.001.');
    expect((await t.api('shifts.payOut', { amount: 1_000, reason: '' }, s.cashier)).body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'reason' } });
    expect((await t.api('shifts.payOut', { amount: 0, reason: 'x' }, s.cashier)).body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'amount' } });
    expect(snapshot(t.app)).toEqual(before);
    const payOut = await t.api('shifts.payOut', { amount: 300_000, reason: 'Setor ke bank' }, s.cashier);
    expect(payOut.status).toBe(200);
    expect((await t.api('shifts.current', {}, s.cashier)).body).toMatchObject({ payIns: 100_000, payOuts: 300_000, expectedCash: 0 });
    const logged = db().prepare("SELECT action, details FROM audit_log WHERE action LIKE 'shifts.pay_%' ORDER BY id").all() as { action: string; details: string }[];
    expect(logged.map((l) => [l.action, JSON.parse(l.details)])).toEqual([
      ['shifts.pay_in', { amount: 100_000, reason: 'Uang kecil dari kantor' }],
      ['shifts.pay_out', { amount: 300_000, reason: 'Setor ke bank' }],
    ]);
    await t.api('shifts.close', { countedCash: 0 }, s.cashier);
    const closed = snapshot(t.app);
    expect((await t.api('shifts.payIn', { amount: 1_000, reason: 'x' }, s.cashier)).body.error.code).toBe('SHIFT_CLOSED');
    expect(snapshot(t.app)).toEqual(closed);
  });
});

describe('drawer.open', () => {
  it('lets a manager open the drawer without a sale, logged; a cashier gets FORBIDDEN', async () => {
    const before = snapshot(t.app);
    const denied = await t.api('drawer.open', { reason: 'Tukar uang' }, s.cashier);
    expect(denied.body.error.code).toBe('FORBIDDEN');
    expect(snapshot(t.app)).toEqual(before);
    const r = await t.api('drawer.open', { reason: 'Tukar uang' }, s.manager);
    expect(r.body).toMatchObject({ kind: 'drawer', tillCode: 'K1' });
    const [bytes] = await printer.waitForJobs(1, 5000);
    const decoded = decodeEscPos(bytes!);
    expect(decoded.drawerPulses).toBe(1);
    expect(decoded.lines.filter((l) => l.trim() !== '')).toEqual([]);
    expect(decoded.cuts).toBe(0);
    const log = db().prepare("SELECT user_id, details FROM audit_log WHERE action = 'drawer.open'").all() as { details: string }[];
    expect(log).toHaveLength(1);
    expect(JSON.parse(log[0]!.details)).toEqual({ tillCode: 'K1', reason: 'Tukar uang' });
  });
});
