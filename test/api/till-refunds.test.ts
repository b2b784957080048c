/**
 * Refunds and voids over HTTP: a manager's approval, never more than was
 * sold, restocked units back in their own lots, negative ledger entries
 * that take back exactly the supplier share, cash out of the drawer, the
 * refund slip, and every refusal changing nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../support/escpos-decode';
import { seedShop, snapshot, startTestApi, type Seeded, type TestApi } from '../support/api-harness';

let t: TestApi;
let s: Seeded;
let req = 0;
const rid = () => `refund-${++req}-${Date.now()}`;
const db = () => t.app.db.$client;
const manager = { username: 'manajer', pin: '2222' };
/** The manager approves a refund or void of this sale at the cashier's till. */
async function approve(action: 'sales.refund' | 'sales.void', saleId: number, who = manager): Promise<{ token: string }> {
  const r = await t.api('approvals.verify', { action, ...who, saleId }, s.cashier);
  if (r.status !== 200) throw new Error(`approvals.verify: ${r.status} ${JSON.stringify(r.body)}`);
  return { token: r.body.token };
}

beforeEach(async () => {
  t = await startTestApi();
  s = await seedShop(t);
});
afterEach(async () => t.close());

const lotsOf = (productId: number) =>
  db().prepare('SELECT id, expiry_date, received_qty, remaining_qty FROM lots WHERE product_id = ? ORDER BY id').all(productId) as {
    id: number;
    expiry_date: string | null;
    received_qty: number;
    remaining_qty: number;
  }[];
const ledger = (kind: string) =>
  db().prepare('SELECT supplier_id, amount, lot_id, qty, sale_line_lot_id FROM ledger_entries WHERE kind = ? ORDER BY id').all(kind) as {
    supplier_id: number;
    amount: number;
    lot_id: number;
    qty: number;
    sale_line_lot_id: number;
  }[];

/**
 * 7 mete (5 from the December lot, 2 from the March lot, 50.000 each) and
 * 3 tenun (commission 15 %), with a sale discount of Rp 1 that lands on
 * the tenun line: 1.049.999 over 3 sarongs, supplier 892.499.
 */
async function bigSale() {
  const r = await t.api(
    'sales.checkout',
    {
      clientRequestId: rid(),
      lines: [{ productId: s.meteId, qty: 7 }, { productId: s.tenunId, qty: 3 }],
      discount: { type: 'amount', value: 1 },
      payments: [{ method: 'qris', amount: 1_000_000, reference: 'QR-55' }, { method: 'cash', amount: 400_000 }],
    },
    s.cashier,
  );
  expect(r.status).toBe(200);
  expect(r.body).toMatchObject({ total: 1_399_999, change: 1 });
  // The manager's view: lines with their lot portions (a cashier's has none, issue 11).
  return (await t.api('sales.get', { id: r.body.id }, s.manager)).body;
}

describe('sales.refund', () => {
  it('needs a manager: a cashier alone gets FORBIDDEN and nothing changes', async () => {
    const sale = await bigSale();
    const input = { saleId: sale.id, lines: [{ saleLineId: sale.lines[1].id, qty: 1, restock: true }], reason: 'Salah warna', payments: [{ method: 'cash', amount: 350_000 }] };
    const before = snapshot(t.app);
    const r = await t.api('sales.refund', input, s.cashier);
    expect(r.status).toBe(403);
    expect(r.body.error).toMatchObject({ code: 'FORBIDDEN', details: { approvalRequired: true } });
    const wrong = await t.api('approvals.verify', { action: 'sales.refund', username: 'manajer', pin: '0000', saleId: sale.id }, s.cashier);
    expect(wrong.body.error).toMatchObject({ code: 'FORBIDDEN', details: { approval: true } });
    expect(snapshot(t.app)).toEqual(before);
  });

  it('takes units back from their own lots (last portion first), restocks them when asked, and writes negative ledger entries', async () => {
    const sale = await bigSale();
    const [mete, tenun] = sale.lines;
    const [decPortion, marchPortion] = mete.lots;
    expect(decPortion).toMatchObject({ qty: 5, netAmount: 250_000, supplierShare: 200_000 });
    expect(marchPortion).toMatchObject({ qty: 2, netAmount: 100_000, supplierShare: 80_000 });
    expect(tenun.lots[0]).toMatchObject({ qty: 3, netAmount: 1_049_999, supplierShare: 892_499, shopShare: 157_500 });
    const meteLotsBefore = lotsOf(s.meteId);

    const r = await t.api(
      'sales.refund',
      {
        saleId: sale.id,
        lines: [
          { saleLineId: mete.id, qty: 3, restock: false },
          { saleLineId: tenun.id, qty: 1, restock: true },
        ],
        reason: 'Kemasan rusak, sarung salah warna',
        payments: [{ method: 'cash', amount: 300_000 }, { method: 'qris', amount: 200_000, reference: 'QR-55-R' }],
        approval: await approve('sales.refund', sale.id),
      },
      s.cashier,
    );
    expect(r.status).toBe(200);
    // 3 mete × 50.000 + the first sarong unit: 1.049.999 split 350.000 / 350.000 / 349.999.
    expect(r.body).toMatchObject({
      number: 'RF-K1-20261129-001',
      kind: 'refund',
      saleNumber: sale.number,
      total: 500_000,
      rounding: 0,
      payable: 500_000,
      createdByName: 'Wa Ode Kasir',
      approvedByName: 'Bu Manajer',
      printJob: { kind: 'refund' },
    });
    // The cashier's answer names lines and amounts only; what each supplier gives back is the manager's view.
    expect(r.body.lines.every((l: object) => !('lots' in l))).toBe(true);
    expect((await t.api('refunds.get', { id: r.body.id }, s.manager)).body.lines).toEqual([
      expect.objectContaining({
        saleLineId: mete.id,
        qty: 3,
        restock: false,
        amount: 150_000,
        lots: [
          { lotId: marchPortion.lotId, qty: 2, restocked: false, netAmount: 100_000, supplierShare: 80_000, shopShare: 20_000 },
          { lotId: decPortion.lotId, qty: 1, restocked: false, netAmount: 50_000, supplierShare: 40_000, shopShare: 10_000 },
        ],
      }),
      expect.objectContaining({
        saleLineId: tenun.id,
        qty: 1,
        restock: true,
        amount: 350_000,
        lots: [{ lotId: tenun.lots[0].lotId, qty: 1, restocked: true, netAmount: 350_000, supplierShare: 297_500, shopShare: 52_500 }],
      }),
    ]);
    // Mete not restocked: its lots are as they were. The sarong is back in its lot.
    expect(lotsOf(s.meteId)).toEqual(meteLotsBefore);
    expect(lotsOf(s.tenunId)[0]!.remaining_qty).toBe(1);
    expect(ledger('refund')).toEqual([
      { supplier_id: s.supplierId, amount: -80_000, lot_id: marchPortion.lotId, qty: -2, sale_line_lot_id: marchPortion.id },
      { supplier_id: s.supplierId, amount: -40_000, lot_id: decPortion.lotId, qty: -1, sale_line_lot_id: decPortion.id },
      { supplier_id: s.supplier2Id, amount: -297_500, lot_id: tenun.lots[0].lotId, qty: -1, sale_line_lot_id: tenun.lots[0].id },
    ]);
    // Cash refunds come out of the drawer: 200.000 + 400.000 − 1 − 300.000.
    const shift = (await t.api('shifts.current', {}, s.cashier)).body;
    expect(shift).toMatchObject({ cashRefunds: 300_000, expectedCash: 299_999 });
    const after = (await t.api('sales.get', { id: sale.id }, s.cashier)).body;
    expect(after.lines.map((l: { refundedQty: number }) => l.refundedQty)).toEqual([3, 1]);
    expect(after.refunds).toEqual([expect.objectContaining({ number: 'RF-K1-20261129-001', kind: 'refund', total: 500_000 })]);
    const log = db().prepare("SELECT user_id, details FROM audit_log WHERE action = 'sales.refund'").all() as { details: string }[];
    expect(log).toHaveLength(1);
    expect(JSON.parse(log[0]!.details)).toMatchObject({ number: 'RF-K1-20261129-001', total: 500_000, reason: 'Kemasan rusak, sarung salah warna', approvedByName: 'Bu Manajer' });

    // The slip.
    const bytes = (db().prepare('SELECT bytes FROM print_jobs WHERE id = ?').get(r.body.printJob.id) as { bytes: Buffer }).bytes;
    const slip = decodeEscPos(bytes);
    const text = slip.lines.join('\n');
    expect(text).toContain('BUKTI RETUR PENJUALAN');
    expect(text).toContain('No: RF-K1-20261129-001');
    expect(text).toContain(`Struk asal: ${sale.number}`);
    expect(text).toMatch(/TOTAL RETUR\s+Rp 500\.000/);
    expect(text).toContain('(tidak kembali ke stok)');
    expect(slip.drawerPulses).toBe(1);
  });

  it('never refunds more than was sold less what was refunded: VALIDATION with the field, nothing changed', async () => {
    const sale = await bigSale();
    const tenun = sale.lines[1];
    await t.api(
      'sales.refund',
      { saleId: sale.id, lines: [{ saleLineId: tenun.id, qty: 1, restock: true }], reason: 'Rusak', payments: [{ method: 'transfer', amount: 350_000 }] },
      s.manager,
    );
    const before = snapshot(t.app);
    const over = await t.api(
      'sales.refund',
      { saleId: sale.id, lines: [{ saleLineId: tenun.id, qty: 3, restock: true }], reason: 'Rusak', payments: [{ method: 'transfer', amount: 1_049_999 }] },
      s.manager,
    );
    expect(over.status).toBe(400);
    expect(over.body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'lines.0.qty', sold: 3, refundable: 2, requested: 3 } });
    // Two entries for the same line count together.
    const split = await t.api(
      'sales.refund',
      {
        saleId: sale.id,
        lines: [{ saleLineId: tenun.id, qty: 2, restock: true }, { saleLineId: tenun.id, qty: 1, restock: false }],
        reason: 'Rusak',
        payments: [{ method: 'transfer', amount: 1_049_999 }],
      },
      s.manager,
    );
    expect(split.body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'lines.1.qty', refundable: 0 } });
    const wrongLine = await t.api(
      'sales.refund',
      { saleId: sale.id, lines: [{ saleLineId: 9999, qty: 1, restock: true }], reason: 'x', payments: [] },
      s.manager,
    );
    expect(wrongLine.body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'lines.0.saleLineId' } });
    const wrongMoney = await t.api(
      'sales.refund',
      { saleId: sale.id, lines: [{ saleLineId: tenun.id, qty: 1, restock: true }], reason: 'x', payments: [{ method: 'cash', amount: 349_000 }] },
      s.manager,
    );
    expect(wrongMoney.body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'payments', payable: 350_000, given: 349_000 } });
    const missing = await t.api('sales.refund', { saleId: 4242, lines: [{ saleLineId: tenun.id, qty: 1, restock: true }], reason: 'x', payments: [] }, s.manager);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    expect(snapshot(t.app)).toEqual(before);

    // The drawer holds 599.999: a cash refund of 350.000 fits, one of 699.999 after it does not.
    const fits = await t.api(
      'sales.refund',
      { saleId: sale.id, lines: [{ saleLineId: sale.lines[0].id, qty: 7, restock: true }], reason: 'x', payments: [{ method: 'cash', amount: 350_000 }] },
      s.manager,
    );
    expect(fits.status).toBe(200);
    const beforeCash = snapshot(t.app);
    const noCash = await t.api(
      'sales.refund',
      { saleId: sale.id, lines: [{ saleLineId: tenun.id, qty: 2, restock: true }], reason: 'x', payments: [{ method: 'cash', amount: 699_999 }] },
      s.manager,
    );
    expect(noCash.body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'payments', expectedCash: 249_999 } });
    expect(snapshot(t.app)).toEqual(beforeCash);
    expect((await t.api('sales.get', { id: sale.id }, s.cashier)).body.lines[1].refundedQty).toBe(1);
  });

  it('takes back exactly the supplier share and the net amount when every unit is refunded, over several refunds', async () => {
    const sale = await bigSale();
    const tenun = sale.lines[1];
    const preview = await t.api('sales.refundPreview', { saleId: sale.id, lines: [{ saleLineId: tenun.id, qty: 1, restock: true }] }, s.cashier);
    expect(preview.body).toMatchObject({ saleId: sale.id, lines: [{ saleLineId: tenun.id, qty: 1, amount: 350_000, refundable: 3 }], total: 350_000, payable: 350_000, rounding: 0, final: false });
    for (const [qty, amount] of [[1, 350_000], [2, 699_999]] as const) {
      const r = await t.api(
        'sales.refund',
        { saleId: sale.id, lines: [{ saleLineId: tenun.id, qty, restock: true }], reason: 'Batal beli', payments: [{ method: 'transfer', amount }] },
        s.manager,
      );
      expect(r.status).toBe(200);
      expect(r.body.total).toBe(amount);
    }
    const refunds = ledger('refund').filter((e) => e.supplier_id === s.supplier2Id);
    expect(refunds.map((e) => e.amount)).toEqual([-297_500, -594_999]);
    expect(refunds.reduce((n, e) => n + e.amount, 0)).toBe(-892_499);
    const owed = db().prepare('SELECT sum(amount) AS n FROM ledger_entries WHERE supplier_id = ?').get(s.supplier2Id) as { n: number };
    expect(owed.n).toBe(0);
    const rll = db().prepare('SELECT sum(net_amount) AS net, sum(supplier_share) AS sup, sum(shop_share) AS shop FROM refund_line_lots WHERE sale_line_lot_id = ?').get(tenun.lots[0].id);
    expect(rll).toEqual({ net: 1_049_999, sup: 892_499, shop: 157_500 });
    // Invariant 3 for the sarong lot: received = remaining + sold − restocked refunds.
    expect(lotsOf(s.tenunId)[0]).toMatchObject({ received_qty: 3, remaining_qty: 3 });
    const numbers = db().prepare('SELECT number FROM refunds ORDER BY id').all();
    expect(numbers).toEqual([{ number: 'RF-K1-20261129-001' }, { number: 'RF-K1-20261129-002' }]);
    const preview2 = await t.api('sales.refundPreview', { saleId: sale.id, lines: [{ saleLineId: tenun.id, qty: 1, restock: true }] }, s.cashier);
    expect(preview2.body.error).toMatchObject({ code: 'VALIDATION', details: { refundable: 0 } });
  });

  it('refunds in the shift of the till that gives the money back; SHIFT_CLOSED without one', async () => {
    const sale = await bigSale();
    await t.api('shifts.close', { countedCash: 599_999 }, s.cashier);
    const before = snapshot(t.app);
    const r = await t.api(
      'sales.refund',
      { saleId: sale.id, lines: [{ saleLineId: sale.lines[0].id, qty: 1, restock: true }], reason: 'x', payments: [{ method: 'transfer', amount: 50_000 }] },
      s.manager,
    );
    expect(r.body.error.code).toBe('SHIFT_CLOSED');
    expect(snapshot(t.app)).toEqual(before);
  });
});

describe('sales.void', () => {
  it('voids a whole sale in its own shift: everything restocked, every payment given back, ledger reversed', async () => {
    const lotsBefore = lotsOf(s.meteId);
    const ledgerBefore = db().prepare('SELECT count(*) AS n FROM ledger_entries').get() as { n: number };
    const sale = await t.api(
      'sales.checkout',
      { clientRequestId: rid(), lines: [{ productId: s.meteId, qty: 6 }], payments: [{ method: 'debit', amount: 100_000, reference: 'EDC-1' }, { method: 'cash', amount: 250_000 }] },
      s.cashier,
    );
    expect(sale.body).toMatchObject({ total: 300_000, change: 50_000 });
    const before = snapshot(t.app);
    const denied = await t.api('sales.void', { saleId: sale.body.id, reason: 'Pelanggan batal' }, s.cashier);
    expect(denied.body.error).toMatchObject({ code: 'FORBIDDEN', details: { approvalRequired: true } });
    expect(snapshot(t.app)).toEqual(before);

    const v = await t.api('sales.void', { saleId: sale.body.id, reason: 'Pelanggan batal', approval: await approve('sales.void', sale.body.id) }, s.cashier);
    expect(v.status).toBe(200);
    expect(v.body).toMatchObject({ kind: 'void', total: 300_000, payable: 300_000, number: 'RF-K1-20261129-001' });
    expect(v.body.payments).toEqual([
      { method: 'cash', amount: 200_000, reference: null },
      { method: 'debit', amount: 100_000, reference: 'EDC-1' },
    ]);
    expect(lotsOf(s.meteId)).toEqual(lotsBefore);
    const entries = db().prepare('SELECT kind, sum(amount) AS amount, sum(qty) AS qty FROM ledger_entries GROUP BY kind ORDER BY kind').all();
    expect(entries).toEqual([
      { kind: 'refund', amount: -240_000, qty: -6 },
      { kind: 'sale', amount: 240_000, qty: 6 },
    ]);
    expect((db().prepare('SELECT count(*) AS n FROM ledger_entries').get() as { n: number }).n).toBe(ledgerBefore.n + 4);
    const stored = (await t.api('sales.get', { id: sale.body.id }, s.cashier)).body;
    expect(stored.status).toBe('voided');
    // The drawer is back where it was: 200.000 + 250.000 − 50.000 − 200.000.
    expect((await t.api('shifts.current', {}, s.cashier)).body.expectedCash).toBe(200_000);
    expect(db().prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'sales.void'").get()).toEqual({ n: 1 });
    const bytes = (db().prepare('SELECT bytes FROM print_jobs WHERE id = ?').get(v.body.printJob.id) as { bytes: Buffer }).bytes;
    expect(decodeEscPos(bytes).lines.join('\n')).toContain('PEMBATALAN PENJUALAN');

    // Once only, and no refund of a voided sale.
    const again = snapshot(t.app);
    expect((await t.api('sales.void', { saleId: sale.body.id, reason: 'lagi' }, s.manager)).body.error.code).toBe('CONFLICT');
    const refund = await t.api(
      'sales.refund',
      { saleId: sale.body.id, lines: [{ saleLineId: stored.lines[0].id, qty: 1, restock: true }], reason: 'x', payments: [{ method: 'cash', amount: 50_000 }] },
      s.manager,
    );
    expect(refund.body.error.code).toBe('CONFLICT');
    expect(snapshot(t.app)).toEqual(again);
  });

  it('gives back the cash rounding of the sale too', async () => {
    await t.api('settings.update', { cashRounding: '100' }, s.admin);
    const sale = await t.api(
      'sales.checkout',
      { clientRequestId: rid(), lines: [{ productId: s.meteId, qty: 1, discount: { type: 'amount', value: 1_050 } }], payments: [{ method: 'cash', amount: 50_000 }] },
      s.cashier,
    );
    expect(sale.body).toMatchObject({ total: 48_950, rounding: 50, change: 1_000 });
    const v = await t.api('sales.void', { saleId: sale.body.id, reason: 'Salah input' }, s.manager);
    expect(v.body).toMatchObject({ total: 48_950, rounding: 50, payable: 49_000, payments: [{ method: 'cash', amount: 49_000, reference: null }] });
    expect((await t.api('shifts.current', {}, s.cashier)).body.expectedCash).toBe(200_000);
  });

  it('refuses a void in another shift or after a refund: CONFLICT, nothing changed', async () => {
    const first = await t.api('sales.checkout', { clientRequestId: rid(), lines: [{ productId: s.meteId, qty: 1 }], payments: [{ method: 'cash', amount: 50_000 }] }, s.cashier);
    const second = await t.api('sales.checkout', { clientRequestId: rid(), lines: [{ productId: s.meteId, qty: 2 }], payments: [{ method: 'cash', amount: 100_000 }] }, s.cashier);
    const line = (await t.api('sales.get', { id: second.body.id }, s.cashier)).body.lines[0];
    await t.api('sales.refund', { saleId: second.body.id, lines: [{ saleLineId: line.id, qty: 1, restock: true }], reason: 'x', payments: [{ method: 'cash', amount: 50_000 }] }, s.manager);
    let before = snapshot(t.app);
    expect((await t.api('sales.void', { saleId: second.body.id, reason: 'x' }, s.manager)).body.error.code).toBe('CONFLICT');
    expect(snapshot(t.app)).toEqual(before);

    await t.api('shifts.close', { countedCash: 300_000 }, s.cashier);
    await t.api('shifts.open', { openingFloat: 100_000 }, s.cashier);
    before = snapshot(t.app);
    const v = await t.api('sales.void', { saleId: first.body.id, reason: 'x' }, s.manager);
    expect(v.body.error).toMatchObject({ code: 'CONFLICT' });
    expect(v.body.error.message).toMatch(/shift yang sama/);
    expect(snapshot(t.app)).toEqual(before);
  });
});

describe('refund records', () => {
  it('are append-only in the database', async () => {
    const sale = await t.api('sales.checkout', { clientRequestId: rid(), lines: [{ productId: s.meteId, qty: 1 }], payments: [{ method: 'cash', amount: 50_000 }] }, s.cashier);
    await t.api('sales.void', { saleId: sale.body.id, reason: 'x' }, s.manager);
    for (const sql of ['UPDATE refunds SET total = 0', 'DELETE FROM refunds', 'UPDATE refund_line_lots SET qty = 0', 'DELETE FROM refund_payments', "UPDATE sales SET status = 'completed'"]) {
      expect(() => db().prepare(sql).run(), sql).toThrow(/append-only|voided once/);
    }
    const reprint = await t.api('refunds.reprint', { id: 1 }, s.cashier);
    expect(reprint.body).toMatchObject({ kind: 'refund', copy: true });
    expect((await t.api('refunds.get', { id: 1 }, s.cashier)).body.number).toBe('RF-K1-20261129-001');
    const lookup = await t.api('sales.lookup', { number: sale.body.number.toLowerCase() }, s.cashier);
    expect(lookup.body).toMatchObject({ id: sale.body.id, status: 'voided' });
  });
});

describe('the receipt after a refund', () => {
  it('a reprint shows the refunds (what, when, the slip number) and the net paid; its barcode finds the sale', async () => {
    await t.api('settings.update', { cashRounding: '100' }, s.admin);
    // 2 mete less Rp 1.050 = 98.950, paid 99.000 in cash (rounding +50).
    const sale = await t.api(
      'sales.checkout',
      { clientRequestId: rid(), lines: [{ productId: s.meteId, qty: 2, discount: { type: 'amount', value: 1_050 } }], payments: [{ method: 'cash', amount: 100_000 }] },
      s.cashier,
    );
    expect(sale.body).toMatchObject({ total: 98_950, rounding: 50, change: 1_000 });
    const line = (await t.api('sales.get', { id: sale.body.id }, s.cashier)).body.lines[0];
    const lines = [{ saleLineId: line.id, qty: 1, restock: true }];
    const preview = await t.api('sales.refundPreview', { saleId: sale.body.id, lines }, s.cashier);
    // 49.475 of value, its cash rounded to 49.500.
    expect(preview.body).toMatchObject({ total: 49_475, payable: 49_500, rounding: 25, left: 99_000, final: false, payments: [{ method: 'cash', amount: 49_500 }] });
    t.clock.advance(3_600_000);
    const r = await t.api('sales.refund', { saleId: sale.body.id, lines, reason: 'Kemasan rusak', payments: preview.body.payments }, s.manager);
    expect(r.status).toBe(200);
    const reprint = await t.api('sales.reprint', { id: sale.body.id }, s.cashier);
    const bytes = (db().prepare('SELECT bytes FROM print_jobs WHERE id = ?').get(reprint.body.id) as { bytes: Buffer }).bytes;
    const decoded = decodeEscPos(bytes, { columns: 32 });
    const text = decoded.lines.map((l) => l.replace(/\s+/g, ' ').trim());
    expect(text).toContain('** SALINAN **');
    expect(text).toContain('RETUR');
    expect(text).toContain(r.body.number);
    expect(text).toContain('29/11/2026 11:00 WITA');
    expect(text).toContain('Kacang Mete Original 250 g');
    expect(text).toContain('1 x -49.475');
    expect(text).toContain('Dikembalikan (Tunai) -49.500');
    expect(text).toContain('DIBAYAR BERSIH Rp 49.500');
    const code = decoded.events.find((e) => e.type === 'barcode') as { data: string };
    expect(code.data).toBe(sale.body.number.replace(/-/g, ''));
    // The refund screen looks the sale up by what the scanner reads.
    const found = await t.api('sales.lookup', { number: code.data }, s.cashier);
    expect(found.body).toMatchObject({ id: sale.body.id, number: sale.body.number });
    expect((await t.api('sales.lookup', { number: code.data.slice(0, -1) }, s.cashier)).body.error.code).toBe('NOT_FOUND');
    // The last unit settles what is left of the 99.000: 49.500.
    const last = await t.api('sales.refundPreview', { saleId: sale.body.id, lines }, s.cashier);
    expect(last.body).toMatchObject({ total: 49_475, payable: 49_500, left: 49_500, final: true });
  });
});
