/**
 * The till, selling: discounts and price overrides with a manager's
 * approval on the spot, the sale discount spread to the rupiah, held
 * sales, cash rounding, payment methods and QRIS, all over HTTP.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../support/escpos-decode';
import { seedShop, snapshot, startTestApi, type Seeded, type TestApi } from '../support/api-harness';
import { dynamicQris, parseQris } from '../../src/shared/qris';

let t: TestApi;
let s: Seeded;
let req = 0;
const rid = () => `sell-${++req}-${Date.now()}`;
const cash = (amount: number) => [{ method: 'cash', amount }];
const db = () => t.app.db.$client;
const manager = { username: 'manajer', pin: '2222' };

beforeEach(async () => {
  t = await startTestApi();
  s = await seedShop(t);
});
afterEach(async () => t.close());

const checkout = (input: Record<string, unknown>, token = s.cashier) => t.api('sales.checkout', { clientRequestId: rid(), ...input }, token);
/** The manager approves the cart at the cashier's till (`approvals.verify`): the checkout's `approval`. */
async function approve(cart: { lines: unknown; discount?: unknown }, who = manager): Promise<{ token: string }> {
  const r = await t.api('approvals.verify', { action: 'sales.checkout', ...who, lines: cart.lines, ...(cart.discount ? { discount: cart.discount } : {}) }, s.cashier);
  if (r.status !== 200) throw new Error(`approvals.verify: ${r.status} ${JSON.stringify(r.body)}`);
  return { token: r.body.token };
}
const auditRows = (action: string) =>
  db().prepare('SELECT user_id, action, entity, entity_id, details FROM audit_log WHERE action = ? ORDER BY id').all(action) as {
    user_id: number;
    details: string;
    entity_id: number;
  }[];
const managerId = () => (db().prepare("SELECT id FROM users WHERE username = 'manajer'").get() as { id: number }).id;
const cashierId = () => (db().prepare("SELECT id FROM users WHERE username = 'kasir'").get() as { id: number }).id;

describe('discounts and approvals', () => {
  it('lets a cashier give a discount up to the limit (10 %) without a manager', async () => {
    const r = await checkout({ lines: [{ productId: s.meteId, qty: 2, discount: { type: 'percent', bps: 1000 } }], payments: cash(90_000) });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ subtotal: 100_000, discountTotal: 10_000, total: 90_000, change: 0 });
    const sale = (await t.api('sales.get', { id: r.body.id }, s.manager)).body;
    expect(sale.approvedBy).toBeNull();
    expect(sale.lines[0]).toMatchObject({ unitPrice: 50_000, discount: 10_000, saleDiscount: 0, lineTotal: 90_000, listPrice: null });
    // Fixed terms: the supplier still gets 40.000 a unit; the shop bears the discount.
    expect(sale.lines[0].lots).toEqual([expect.objectContaining({ qty: 2, netAmount: 90_000, supplierShare: 80_000, shopShare: 10_000 })]);
    expect(auditRows('discount.approved')).toEqual([]);
  });

  it('refuses a cashier a discount over the limit with FORBIDDEN, then with a wrong manager PIN, and changes nothing', async () => {
    const input = { lines: [{ productId: s.meteId, qty: 2, discount: { type: 'percent', bps: 2000 } }], payments: cash(80_000) };
    const before = snapshot(t.app);
    const none = await checkout(input);
    expect(none.status).toBe(403);
    expect(none.body.error).toMatchObject({
      code: 'FORBIDDEN',
      details: { approvalRequired: true, discountLimitBps: 1000, reasons: [{ kind: 'line_discount', line: 0, bps: 2000 }] },
    });
    expect(snapshot(t.app)).toEqual(before);

    const wrong = await t.api('approvals.verify', { action: 'sales.checkout', username: 'manajer', pin: '9999', lines: input.lines }, s.cashier);
    expect(wrong.status).toBe(403);
    expect(wrong.body.error).toMatchObject({ code: 'FORBIDDEN', details: { approval: true, wrongPin: true } });
    // The wrong PIN counts against the manager like a failed login, and is logged.
    expect(db().prepare("SELECT failed_attempts FROM users WHERE username = 'manajer'").get()).toEqual({ failed_attempts: 1 });
    expect(auditRows('approval.failed')).toHaveLength(1);

    // A cashier cannot approve, not even with his own correct PIN: the same answer as a wrong PIN.
    const self = await t.api('approvals.verify', { action: 'sales.checkout', username: 'kasir', pin: '1111', lines: input.lines }, s.cashier);
    expect(self.body.error).toEqual(wrong.body.error);
    // A token nobody gave out is refused, and asks for a manager again with the reasons.
    const forged = await checkout({ ...input, approval: { token: 'x'.repeat(43) } });
    expect(forged.body.error).toMatchObject({ code: 'FORBIDDEN', details: { approvalRequired: true, reasons: [{ kind: 'line_discount', bps: 2000 }] } });
    const sales = db().prepare('SELECT count(*) AS n FROM sales').get();
    expect(sales).toEqual({ n: 0 });
  });

  it('sells with the manager approval typed in: approver on the sale and in the audit log', async () => {
    const lines = [{ productId: s.meteId, qty: 2, discount: { type: 'percent', bps: 2000 } }];
    const r = await checkout({ lines, payments: cash(80_000), approval: await approve({ lines }) });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ total: 80_000, discountTotal: 20_000 });
    const sale = (await t.api('sales.get', { id: r.body.id }, s.manager)).body;
    expect(sale.approvedBy).toBe(managerId());
    const rows = auditRows('discount.approved');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ user_id: cashierId(), entity_id: r.body.id });
    expect(JSON.parse(rows[0]!.details)).toMatchObject({ number: r.body.number, approvedBy: managerId(), approvedByName: 'Bu Manajer', discountTotal: 20_000, limitBps: 1000 });
  });

  it('a manager at the till needs nobody else', async () => {
    const r = await checkout({ lines: [{ productId: s.meteId, qty: 1, discount: { type: 'amount', value: 25_000 } }], payments: cash(25_000) }, s.manager);
    expect(r.status).toBe(200);
    expect(JSON.parse(auditRows('discount.approved')[0]!.details)).toMatchObject({ approvedBy: managerId(), self: true });
  });

  it('counts line and sale discounts together against the limit', async () => {
    // 6 % on the line (6.000) and 5 % of the rest (4.700): 10,7 % of 100.000 in all.
    const input = { lines: [{ productId: s.meteId, qty: 2, discount: { type: 'percent', bps: 600 } }], discount: { type: 'percent', bps: 500 }, payments: cash(90_000) };
    const before = snapshot(t.app);
    const r = await checkout(input);
    expect(r.body.error).toMatchObject({ code: 'FORBIDDEN', details: { reasons: [{ kind: 'total_discount', bps: 1070 }] } });
    expect(snapshot(t.app)).toEqual(before);
    const ok = await checkout({ ...input, approval: await approve(input) });
    expect(ok.body).toMatchObject({ subtotal: 100_000, discountTotal: 10_700, total: 89_300, change: 700 });
  });

  it('always needs a manager for a price override, and records the catalogue price', async () => {
    const input = { lines: [{ productId: s.meteId, qty: 1, priceOverride: 48_000 }], payments: cash(48_000) };
    const before = snapshot(t.app);
    const r = await checkout(input);
    expect(r.body.error).toMatchObject({ code: 'FORBIDDEN', details: { reasons: [{ kind: 'price_override', line: 0, listPrice: 50_000, unitPrice: 48_000 }] } });
    expect(snapshot(t.app)).toEqual(before);
    const ok = await checkout({ ...input, approval: await approve(input) });
    expect(ok.status).toBe(200);
    const sale = (await t.api('sales.get', { id: ok.body.id }, s.manager)).body;
    expect(sale.lines[0]).toMatchObject({ unitPrice: 48_000, listPrice: 50_000, lineTotal: 48_000 });
    expect(sale.lines[0].lots[0]).toMatchObject({ supplierShare: 40_000, shopShare: 8_000 });
    const override = auditRows('price.override');
    expect(override).toHaveLength(1);
    expect(JSON.parse(override[0]!.details)).toMatchObject({ line: 1, productId: s.meteId, listPrice: 50_000, unitPrice: 48_000, approvedBy: managerId() });
  });

  it('refuses a discount larger than its amount with VALIDATION naming the field', async () => {
    const before = snapshot(t.app);
    const line = await checkout({ lines: [{ productId: s.meteId, qty: 1, discount: { type: 'amount', value: 50_001 } }], payments: cash(1) }, s.manager);
    expect(line.body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'lines.0.discount.value' } });
    const sale = await checkout({ lines: [{ productId: s.meteId, qty: 1 }], discount: { type: 'amount', value: 60_000 }, payments: cash(1) }, s.manager);
    expect(sale.body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'discount.value' } });
    const bps = await checkout({ lines: [{ productId: s.meteId, qty: 1, discount: { type: 'percent', bps: 10_001 } }], payments: cash(1) }, s.manager);
    expect(bps.body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'lines.0.discount.bps' } });
    expect(snapshot(t.app)).toEqual(before);
  });

  it('spreads a sale discount over the lines by largest remainder, so the nets add up to the total', async () => {
    // 1.001 over 150.000 : 350.000 → 300,3 and 700,7 → 300 and 701 (the larger remainder gets the rupiah).
    const r = await checkout({
      lines: [{ productId: s.meteId, qty: 3 }, { productId: s.tenunId, qty: 1 }],
      discount: { type: 'amount', value: 1_001 },
      payments: [{ method: 'qris', amount: 498_999, reference: 'QR-1' }],
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ subtotal: 500_000, discountTotal: 1_001, total: 498_999 });
    expect(r.body.lines.map((l: { lineTotal: number }) => l.lineTotal)).toEqual([149_700, 349_299]);
    const sale = (await t.api('sales.get', { id: r.body.id }, s.manager)).body;
    expect(sale.saleDiscount).toBe(1_001);
    expect(sale.lines.map((l: { saleDiscount: number }) => l.saleDiscount)).toEqual([300, 701]);
    // Mete: fixed 40.000 × 3 whatever the discount. Tenun: 15 % of 349.299 = 52.394,85 → 52.395 to the shop.
    expect(sale.lines[0].lots).toEqual([expect.objectContaining({ qty: 3, netAmount: 149_700, supplierShare: 120_000, shopShare: 29_700 })]);
    expect(sale.lines[1].lots).toEqual([expect.objectContaining({ qty: 1, netAmount: 349_299, supplierShare: 296_904, shopShare: 52_395 })]);
    const ledger = db().prepare('SELECT supplier_id, kind, amount FROM ledger_entries ORDER BY id').all();
    expect(ledger).toEqual([
      { supplier_id: s.supplierId, kind: 'sale', amount: 120_000 },
      { supplier_id: s.supplier2Id, kind: 'sale', amount: 296_904 },
    ]);
  });

  it('prints the discounts on the receipt', async () => {
    const r = await checkout({
      lines: [{ productId: s.meteId, qty: 2, discount: { type: 'amount', value: 5_000 } }, { productId: s.tenunId, qty: 1 }],
      discount: { type: 'amount', value: 4_000 },
      payments: cash(500_000),
    });
    expect(r.status).toBe(200);
    const row = db().prepare('SELECT bytes FROM print_jobs WHERE id = ?').get(r.body.printJob.id) as { bytes: Buffer };
    const lines = decodeEscPos(row.bytes).lines;
    expect(lines).toContain('  Diskon                  -5.000');
    expect(lines).toContain('Subtotal                 450.000');
    expect(lines).toContain('Diskon barang             -5.000');
    expect(lines).toContain('Diskon transaksi          -4.000');
    expect(lines).toContain('TOTAL                 Rp 441.000');
    expect(lines).toContain('Kembali                   59.000');
  });
});

describe('held sales', () => {
  it('holds a cart per till without reserving stock, resumes it once, and discards another', async () => {
    const lines = [{ productId: s.tenunId, qty: 3 }, { productId: s.meteId, qty: 2, discount: { type: 'percent', bps: 500 } }];
    const held = await t.api('sales.hold', { lines, note: 'Rombongan Bu Ani' }, s.cashier);
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({ tillCode: 'K1', note: 'Rombongan Bu Ani', lineCount: 2, itemCount: 5, subtotal: 1_150_000, createdByName: 'Wa Ode Kasir' });
    // Nothing is reserved: all three sarongs can still be sold.
    const sold = await checkout({ lines: [{ productId: s.tenunId, qty: 3 }], payments: cash(1_050_000) });
    expect(sold.status).toBe(200);

    const k2 = (await t.api('auth.login', { username: 'manajer', pin: '2222', tillCode: 'K2' })).body.token;
    expect((await t.api('sales.held', {}, k2)).body).toEqual([]);
    const before = snapshot(t.app);
    expect((await t.api('sales.resume', { id: held.body.id }, k2)).body.error.code).toBe('NOT_FOUND');
    expect(snapshot(t.app)).toEqual(before);

    const list = await t.api('sales.held', {}, s.cashier);
    expect(list.body.map((h: { id: number }) => h.id)).toEqual([held.body.id]);
    const resumed = await t.api('sales.resume', { id: held.body.id }, s.cashier);
    expect(resumed.body).toEqual({
      id: held.body.id,
      note: 'Rombongan Bu Ani',
      lines: [
        { productId: s.tenunId, qty: 3, name: 'Sarung Tenun Masalili', sellPrice: 350_000, active: true },
        { productId: s.meteId, qty: 2, discount: { type: 'percent', bps: 500 }, name: 'Kacang Mete Original 250 g', sellPrice: 50_000, active: true },
      ],
    });
    expect((await t.api('sales.held', {}, s.cashier)).body).toEqual([]);
    const again = await t.api('sales.resume', { id: held.body.id }, s.cashier);
    expect(again.body.error.code).toBe('CONFLICT');

    const other = await t.api('sales.hold', { lines: [{ productId: s.meteId, qty: 1 }], discount: { type: 'amount', value: 1_000 } }, s.cashier);
    expect((await t.api('sales.discardHeld', { id: other.body.id }, s.cashier)).body).toEqual({ ok: true });
    expect((await t.api('sales.held', {}, s.cashier)).body).toEqual([]);
    expect(db().prepare('SELECT status FROM held_sales ORDER BY id').all()).toEqual([{ status: 'resumed' }, { status: 'discarded' }]);
    expect((await t.api('sales.hold', { lines: [{ productId: 999, qty: 1 }] }, s.cashier)).body.error.code).toBe('NOT_FOUND');
  });
});

describe('cash rounding and payment methods', () => {
  it('rounds the cash part to Rp 100 half up when the shop says so, as its own amount', async () => {
    const off = await checkout({ lines: [{ productId: s.meteId, qty: 1, discount: { type: 'amount', value: 1_050 } }], payments: cash(50_000) });
    expect(off.body).toMatchObject({ total: 48_950, rounding: 0, payable: 48_950, change: 1_050 });

    expect((await t.api('settings.update', { cashRounding: '100' }, s.admin)).body.cashRounding).toBe('100');
    // 48.950 → 49.000 (+50).
    const up = await checkout({ lines: [{ productId: s.meteId, qty: 1, discount: { type: 'amount', value: 1_050 } }], payments: cash(50_000) });
    expect(up.body).toMatchObject({ total: 48_950, rounding: 50, payable: 49_000, paid: 50_000, change: 1_000 });
    // The lines still add up to the total; the rounding is the shop's, in no line and no ledger entry.
    expect(up.body.lines[0].lineTotal).toBe(48_950);
    // 48.920 with 20.000 by QRIS: the cash part 28.920 → 28.900 (−20).
    const mixed = await checkout({
      lines: [{ productId: s.meteId, qty: 1, discount: { type: 'amount', value: 1_080 } }],
      payments: [{ method: 'qris', amount: 20_000 }, { method: 'cash', amount: 30_000 }],
    });
    expect(mixed.body).toMatchObject({ total: 48_920, rounding: -20, payable: 48_900, change: 1_100 });
    // All by QRIS: nothing to round.
    const qris = await checkout({ lines: [{ productId: s.meteId, qty: 1, discount: { type: 'amount', value: 1_080 } }], payments: [{ method: 'qris', amount: 48_920 }] });
    expect(qris.body).toMatchObject({ rounding: 0, payable: 48_920, change: 0 });
    // Paying the unrounded amount in cash is short of the rounded one.
    const before = snapshot(t.app);
    const short = await checkout({ lines: [{ productId: s.meteId, qty: 1, discount: { type: 'amount', value: 1_050 } }], payments: cash(48_950) });
    expect(short.body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'payments', payable: 49_000 } });
    expect(snapshot(t.app)).toEqual(before);

    // Drawer: 200.000 + (50.000 − 1.050) + (50.000 − 1.000) + (30.000 − 1.100).
    const shift = (await t.api('shifts.current', {}, s.cashier)).body;
    expect(shift.expectedCash).toBe(200_000 + 48_950 + 49_000 + 28_900);
    const receipt = db().prepare('SELECT bytes FROM print_jobs WHERE id = ?').get(up.body.printJob.id) as { bytes: Buffer };
    const text = decodeEscPos(receipt.bytes).lines;
    expect(text).toContain('Pembulatan                   +50');
    expect(text).toContain('TOTAL BAYAR            Rp 49.000');
  });

  it('accepts only the payment methods the shop enabled', async () => {
    const before = snapshot(t.app);
    const ewallet = await checkout({ lines: [{ productId: s.meteId, qty: 1 }], payments: [{ method: 'ewallet', amount: 50_000, reference: 'OVO-1' }] });
    expect(ewallet.body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'payments.0.method' } });
    expect(snapshot(t.app)).toEqual(before);
    const settings = await t.api('settings.update', { paymentMethods: ['cash', 'qris', 'ewallet'] }, s.admin);
    expect(settings.body.paymentMethods).toEqual(['cash', 'qris', 'ewallet']);
    const ok = await checkout({ lines: [{ productId: s.meteId, qty: 1 }], payments: [{ method: 'ewallet', amount: 50_000, reference: 'OVO-1' }] });
    expect(ok.body.payments).toEqual([{ method: 'ewallet', amount: 50_000, reference: 'OVO-1' }]);
    const debit = await checkout({ lines: [{ productId: s.meteId, qty: 1 }], payments: [{ method: 'debit', amount: 50_000 }] });
    expect(debit.body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'payments.0.method' } });
  });
});

/** A static QRIS built by hand (CRC from Python's binascii.crc_hqx, see test/core/qris.test.ts). */
const STATIC_QRIS =
  '00020101021126590015COM.EXAMPLE.WWW01189360001400000123450207ME123450303UMI51440014ID.CO.QRIS.WWW0215ID10261234567890303UMI5204594753033605802ID5911PLUT SULTRA6007KENDARI61059311762060702K1630415CA';

describe('shop settings and QRIS', () => {
  const settingsRows = () => db().prepare('SELECT * FROM settings ORDER BY key').all();

  it('lets only an admin change settings, logs each change, and shows them in settings.get', async () => {
    const before = settingsRows();
    for (const token of [s.cashier, s.manager]) {
      expect((await t.api('settings.update', { discountLimitBps: 5000 }, token)).body.error.code).toBe('FORBIDDEN');
    }
    expect(settingsRows()).toEqual(before);
    const r = await t.api(
      'settings.update',
      { shopName: 'PLUT Sultra Kendari', shopPhone: '0401-3125678', receiptFooter: 'Terima kasih', discountLimitBps: 1500, timeZone: 'Asia/Makassar' },
      s.admin,
    );
    expect(r.status).toBe(200);
    const got = (await t.api('settings.get', {}, s.cashier)).body;
    expect(got).toMatchObject({ shopName: 'PLUT Sultra Kendari', shopPhone: '0401-3125678', receiptFooter: 'Terima kasih', discountLimitBps: 1500, cashRounding: 'none', paymentMethods: ['cash', 'qris', 'debit', 'transfer'], qrisPayload: null });
    const log = auditRows('settings.update');
    expect(log).toHaveLength(1);
    expect(JSON.parse(log[0]!.details)).toEqual({
      shopName: { from: 'PLUT Sultra', to: 'PLUT Sultra Kendari' },
      shopPhone: { from: null, to: '0401-3125678' },
      receiptFooter: { from: null, to: 'Terima kasih' },
      discountLimitBps: { from: 1000, to: 1500 },
    });
    // 15 % is now within the limit for a cashier.
    expect((await checkout({ lines: [{ productId: s.meteId, qty: 2, discount: { type: 'percent', bps: 1500 } }], payments: cash(85_000) })).status).toBe(200);
    const badZone = await t.api('settings.update', { timeZone: 'Asia/Kendari' }, s.admin);
    expect(badZone.body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'timeZone' } });
  });

  it('refuses a QRIS with a wrong CRC or that is not merchant-presented, and accepts the real one', async () => {
    const before = settingsRows();
    const badCrc = await t.api('settings.update', { qrisPayload: STATIC_QRIS.slice(0, -4) + '0000', shopName: 'Toko X' }, s.admin);
    expect(badCrc.status).toBe(400);
    expect(badCrc.body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'qrisPayload' } });
    expect(badCrc.body.error.message).toMatch(/CRC/);
    const notQris = await t.api('settings.update', { qrisPayload: 'https://example.com/pay' }, s.admin);
    expect(notQris.body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'qrisPayload' } });
    expect(settingsRows()).toEqual(before);
    expect((await t.api('qris.dynamic', { amount: 150_000 }, s.cashier)).body.error.code).toBe('CONFLICT');

    const ok = await t.api('settings.update', { qrisPayload: STATIC_QRIS }, s.admin);
    expect(ok.body.qrisPayload).toBe(STATIC_QRIS);
    const dyn = await t.api('qris.dynamic', { amount: 150_000 }, s.cashier);
    expect(dyn.status).toBe(200);
    expect(dyn.body).toEqual({ payload: dynamicQris(STATIC_QRIS, 150_000), amount: 150_000, merchantName: 'PLUT SULTRA' });
    expect(dyn.body.payload).toBe(
      '00020101021226590015COM.EXAMPLE.WWW01189360001400000123450207ME123450303UMI51440014ID.CO.QRIS.WWW0215ID10261234567890303UMI52045947530336054061500005802ID5911PLUT SULTRA6007KENDARI61059311762060702K16304C3B0',
    );
    expect(parseQris(dyn.body.payload).amount).toBe('150000');

    // The QR on a slip for the customer.
    const slip = await t.api('qris.print', { amount: 150_000 }, s.cashier);
    expect(slip.body.kind).toBe('qris');
    const bytes = (db().prepare('SELECT bytes FROM print_jobs WHERE id = ?').get(slip.body.id) as { bytes: Buffer }).bytes;
    const decoded = decodeEscPos(bytes, { columns: 32 });
    expect(decoded.lines.join('\n')).toContain('BAYAR DENGAN QRIS');
    expect(JSON.stringify(decoded.events)).toContain(dyn.body.payload);

    // Clearing it.
    expect((await t.api('settings.update', { qrisPayload: '' }, s.admin)).body.qrisPayload).toBeNull();
  });
});
