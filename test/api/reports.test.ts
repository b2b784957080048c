/**
 * Reports against a known shop built through the real API, with every
 * expected figure summed by hand below (WITA = UTC+8).
 *
 * Suppliers: S1 UD Mete Muna (Kab. Muna) — mete (fixed 40.000 of 50.000,
 * "Makanan"), abon (fixed 28.000 of 35.000, no category); S2 Tenun
 * Masalili (Kab. Muna) — tenun (commission 15% of 350.000, no category);
 * S3 `=Madu <Hutan>, "Konawe"` (Kab. Konawe) — madu (commission 10% of
 * 85.000, "Minuman", min stock 7).
 *
 * | when (WITA)        | what                                                         |
 * |--------------------|--------------------------------------------------------------|
 * | 2026-07-01 08:00   | seed: intakes (mete 5 exp 12-10 + 10 exp 2027-03-01, abon 4 exp 11-30, tenun 3, madu 10), shift opened |
 * | 2026-07-01 09:30   | sale 1 (kasir): 1 mete = 50.000 cash                          |
 * | 2026-09-15 10:00   | fee S1 25.000                                                  |
 * | 2026-09-25 14:15   | sale 2 (kasir): 2 mete 100.000 + 1 tenun 350.000 = 450.000 QRIS |
 * | 2026-10-10 10:00   | settlement S1 cutoff 09-30: 40.000 − 25.000 + 80.000 = 95.000 |
 * | 2026-11-10 10:45   | sale 3 (manager): 3 madu 255.000 + 1 abon 35.000 = 290.000, cash 300.000, change 10.000 |
 * | 2026-11-12 11:00   | refund 1 mete of sale 2 (not restocked), 50.000 cash           |
 * | 2026-11-29 19:20   | sale 4 (kasir): 1 mete 50.000 + 1 madu 85.000 = 135.000 debit  |
 * | 2026-11-29 19:30   | refund the madu of sale 4 (restocked), 85.000 debit            |
 * | 2026-11-29 20:05   | sale 5 (kasir): 1 mete 50.000 cash, voided at 20:10             |
 * | 2026-11-29 20:30   | settlement S2 297.500 cash, voided by the admin at 20:40        |
 * | 2026-11-29 21:00   | now                                                             |
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedShop, startTestApi, type Seeded, type TestApi } from '../support/api-harness';

let t: TestApi;
let s: Seeded;
let s3: number;
let maduId: number;
let kasirId: number;
let managerId: number;

/** Local WITA time → UTC ms. */
const wita = (date: string, time: string) => Date.parse(`${date}T${time}:00+08:00`);

let req = 0;
async function ok<T = any>(name: string, input: unknown, token: string): Promise<T> {
  const r = await t.api<T>(name, input, token);
  if (r.status !== 200) throw new Error(`${name} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
const login = async (username: string, pin: string) => (await t.api('auth.login', { username, pin, tillCode: 'K1' })).body.token as string;

/** Move the clock and log everyone in again (sessions expire after 12 idle hours). */
async function at(date: string, time: string) {
  t.clock.set(wita(date, time));
  s.cashier = await login('kasir', '1111');
  s.manager = await login('manajer', '2222');
  s.admin = await login('admin', '123456');
}

const sell = (token: string, lines: { productId: number; qty: number }[], payments: { method: string; amount: number }[]) =>
  ok('sales.checkout', { clientRequestId: `reports-${++req}-xxxxxxxx`, lines, payments }, token);

beforeAll(async () => {
  t = await startTestApi({ start: wita('2026-07-01', '08:00') });
  s = await seedShop(t);
  const sup3 = await ok('suppliers.create', { name: '=Madu <Hutan>, "Konawe"', district: 'Kabupaten Konawe', ownerName: '@Pak Ruslan' }, s.manager);
  s3 = sup3.id;
  const madu = await ok(
    'products.create',
    { name: 'Madu Hutan 250 ml', supplierId: s3, sellPrice: 85_000, terms: { type: 'commission', commissionBps: 1000 }, category: 'Minuman', minStock: 7 },
    s.manager,
  );
  maduId = madu.id;
  await ok('intakes.create', { supplierId: s3, lines: [{ productId: maduId, qty: 10 }] }, s.manager);
  const users = await ok<any[]>('users.list', {}, s.admin);
  kasirId = users.find((u) => u.username === 'kasir').id;
  managerId = users.find((u) => u.username === 'manajer').id;

  await at('2026-07-01', '09:30');
  await sell(s.cashier, [{ productId: s.meteId, qty: 1 }], [{ method: 'cash', amount: 50_000 }]);

  await at('2026-09-15', '10:00');
  await ok('ledger.fee', { supplierId: s.supplierId, amount: 25_000, note: 'Sewa rak' }, s.manager);

  await at('2026-09-25', '14:15');
  const sale2 = await sell(s.cashier, [{ productId: s.meteId, qty: 2 }, { productId: s.tenunId, qty: 1 }], [{ method: 'qris', amount: 450_000 }]);

  await at('2026-10-10', '10:00');
  const paid = await ok('settlements.create', { supplierId: s.supplierId, cutoff: '2026-09-30', method: 'cash' }, s.manager);
  expect(paid.amount).toBe(95_000);

  await at('2026-11-10', '10:45');
  await sell(s.manager, [{ productId: maduId, qty: 3 }, { productId: s.abonId, qty: 1 }], [{ method: 'cash', amount: 300_000 }]);

  await at('2026-11-12', '11:00');
  const sale2View = await ok('sales.get', { id: sale2.id }, s.manager);
  const meteLine = sale2View.lines.find((l: any) => l.productId === s.meteId);
  await ok(
    'sales.refund',
    { saleId: sale2.id, lines: [{ saleLineId: meteLine.id, qty: 1, restock: false }], reason: 'Kemasan rusak', payments: [{ method: 'cash', amount: 50_000 }] },
    s.manager,
  );

  await at('2026-11-29', '19:20');
  const sale4 = await sell(s.cashier, [{ productId: s.meteId, qty: 1 }, { productId: maduId, qty: 1 }], [{ method: 'debit', amount: 135_000 }]);
  t.clock.set(wita('2026-11-29', '19:30'));
  const sale4View = await ok('sales.get', { id: sale4.id }, s.manager);
  const maduLine = sale4View.lines.find((l: any) => l.productId === maduId);
  await ok(
    'sales.refund',
    { saleId: sale4.id, lines: [{ saleLineId: maduLine.id, qty: 1, restock: true }], reason: 'Tidak jadi', payments: [{ method: 'debit', amount: 85_000 }] },
    s.manager,
  );
  t.clock.set(wita('2026-11-29', '20:05'));
  const sale5 = await sell(s.cashier, [{ productId: s.meteId, qty: 1 }], [{ method: 'cash', amount: 50_000 }]);
  t.clock.set(wita('2026-11-29', '20:10'));
  await ok('sales.void', { saleId: sale5.id, reason: 'Salah input' }, s.manager);
  t.clock.set(wita('2026-11-29', '20:30'));
  const s2paid = await ok('settlements.create', { supplierId: s.supplier2Id, cutoff: '2026-11-29', method: 'cash' }, s.manager);
  expect(s2paid.amount).toBe(297_500);
  t.clock.set(wita('2026-11-29', '20:40'));
  await ok('settlements.void', { id: s2paid.id, reason: 'Uang belum diambil' }, s.admin);
  t.clock.set(wita('2026-11-29', '21:00'));
}, 120_000);

afterAll(async () => t?.close());

const nov = { from: '2026-11-01', to: '2026-11-30' };

describe('sales reports (November 2026)', () => {
  it('by supplier: sales less refunds, voided sale not a transaction', async () => {
    const r = await ok('reports.salesBySupplier', nov, s.manager);
    expect(r.rows).toEqual([
      // sale 3: 3 madu; sale 4: 1 madu refunded the same day.
      { supplierId: s3, supplierCode: 'S0003', supplierName: '=Madu <Hutan>, "Konawe"', district: 'Kabupaten Konawe', units: 3, gross: 255_000, supplierShare: 229_500, shopShare: 25_500, transactions: 2, refunds: 85_000 },
      // abon 35.000 (28.000/7.000) + mete of sale 4 and sale 5 (void) − mete refund of sale 2 − the void.
      { supplierId: s.supplierId, supplierCode: 'S0001', supplierName: 'UD Mete Muna', district: 'Kabupaten Muna', units: 1, gross: 35_000, supplierShare: 28_000, shopShare: 7_000, transactions: 2, refunds: 100_000 },
    ]);
    // Sales 3 and 4 are the completed sales of November.
    expect(r.totals).toEqual({ units: 4, gross: 290_000, supplierShare: 257_500, shopShare: 32_500, transactions: 2, refunds: 185_000 });
  });

  it('by product, and by product of one supplier', async () => {
    const r = await ok('reports.salesByProduct', nov, s.manager);
    expect(r.rows.map((x: any) => [x.name, x.category, x.units, x.gross, x.supplierShare, x.shopShare, x.transactions, x.refunds])).toEqual([
      ['Madu Hutan 250 ml', 'Minuman', 3, 255_000, 229_500, 25_500, 2, 85_000],
      ['Abon Ikan Tuna 100 g', null, 1, 35_000, 28_000, 7_000, 1, 0],
      ['Kacang Mete Original 250 g', 'Makanan', 0, 0, 0, 0, 1, 100_000],
    ]);
    expect(r.totals).toEqual({ units: 4, gross: 290_000, supplierShare: 257_500, shopShare: 32_500, transactions: 2, refunds: 185_000 });
    const one = await ok('reports.salesByProduct', { ...nov, supplierId: s.supplierId }, s.manager);
    expect(one.rows.map((x: any) => x.productId)).toEqual([s.abonId, s.meteId]);
    expect(one.totals).toEqual({ units: 1, gross: 35_000, supplierShare: 28_000, shopShare: 7_000, transactions: 2, refunds: 100_000 });
  });

  it('by category and by district', async () => {
    const c = await ok('reports.salesByCategory', nov, s.manager);
    expect(c.rows.map((x: any) => [x.category, x.units, x.gross, x.transactions])).toEqual([
      ['Minuman', 3, 255_000, 2],
      [null, 1, 35_000, 1],
      ['Makanan', 0, 0, 1],
    ]);
    expect(c.totals.gross).toBe(290_000);
    const d = await ok('reports.salesByDistrict', nov, s.manager);
    expect(d.rows).toEqual([
      { district: 'Kabupaten Konawe', suppliers: 1, units: 3, gross: 255_000, supplierShare: 229_500, shopShare: 25_500, transactions: 2, refunds: 85_000 },
      { district: 'Kabupaten Muna', suppliers: 1, units: 1, gross: 35_000, supplierShare: 28_000, shopShare: 7_000, transactions: 2, refunds: 100_000 },
    ]);
  });

  it('by cashier: a refund counts against the cashier of the sale', async () => {
    const r = await ok('reports.salesByCashier', nov, s.manager);
    expect(r.rows).toEqual([
      { cashierId: managerId, cashierName: 'Bu Manajer', units: 4, gross: 290_000, supplierShare: 257_500, shopShare: 32_500, transactions: 1, refunds: 0 },
      // sale 4 + sale 5 − refund of sale 2 − refund of sale 4 − the void.
      { cashierId: kasirId, cashierName: 'Wa Ode Kasir', units: 0, gross: 0, supplierShare: 0, shopShare: 0, transactions: 1, refunds: 185_000 },
    ]);
  });

  it('by local hour of the sale, all 24 hours', async () => {
    const r = await ok('reports.salesByHour', nov, s.manager);
    expect(r.rows).toHaveLength(24);
    const busy = r.rows.filter((h: any) => h.units !== 0 || h.gross !== 0 || h.refunds !== 0 || h.transactions !== 0);
    expect(busy).toEqual([
      { hour: 10, units: 4, gross: 290_000, supplierShare: 257_500, shopShare: 32_500, transactions: 1, refunds: 0 },
      // The mete refunded on 12 Nov was sold at 14:15 (sale 2).
      { hour: 14, units: -1, gross: -50_000, supplierShare: -40_000, shopShare: -10_000, transactions: 0, refunds: 50_000 },
      { hour: 19, units: 1, gross: 50_000, supplierShare: 40_000, shopShare: 10_000, transactions: 1, refunds: 85_000 },
      { hour: 20, units: 0, gross: 0, supplierShare: 0, shopShare: 0, transactions: 0, refunds: 50_000 },
    ]);
    expect(r.totals).toEqual({ units: 4, gross: 290_000, supplierShare: 257_500, shopShare: 32_500, transactions: 2, refunds: 185_000 });
  });

  it('agree with the ledger over the whole period', async () => {
    const r = await ok('reports.salesBySupplier', { from: '2026-07-01', to: '2026-11-30' }, s.manager);
    // 50.000 + 450.000 + 290.000 + 135.000 + 50.000 sold − 185.000 refunded.
    expect(r.totals.gross).toBe(790_000);
    // 40.000 + 80.000 + 297.500 + 229.500 + 28.000 + 40.000 + 76.500 + 40.000 − 40.000 − 76.500 − 40.000.
    expect(r.totals.supplierShare).toBe(675_000);
    expect(r.totals.shopShare).toBe(115_000);
    expect(r.totals.transactions).toBe(4);
    // Ledger: Σ balances = supplier shares − fee 25.000 − payout 95.000 (the voided payout nets to 0).
    const balances = await ok<any[]>('ledger.balances', {}, s.manager);
    expect(balances.reduce((n, b) => n + b.balance, 0)).toBe(555_000);
    expect(r.totals.supplierShare - 25_000 - 95_000).toBe(555_000);
    const bySupplier = Object.fromEntries(r.rows.map((x: any) => [x.supplierId, x.supplierShare]));
    expect(bySupplier).toEqual({ [s.supplierId]: 148_000, [s.supplier2Id]: 297_500, [s3]: 229_500 });
  });

  it('refuse a reversed range, and cashiers', async () => {
    const bad = await t.api('reports.salesBySupplier', { from: '2026-11-30', to: '2026-11-01' }, s.manager);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION');
    const denied = await t.api('reports.dashboard', {}, s.cashier);
    expect(denied.status).toBe(403);
    expect((await t.api('reports.salesBySupplier', { from: '2026-02-30', to: '2026-03-01' }, s.manager)).status).toBe(400);
  });
});

describe('dashboard on 29 November 2026', () => {
  it('today, this month, 30 days, top lists, expiry and what is owed', async () => {
    const d = await ok('reports.dashboard', {}, s.manager);
    // Today: 135.000 + 50.000 − 85.000 − 50.000; one completed sale (sale 5 voided).
    expect(d.today).toEqual({
      from: '2026-11-29',
      to: '2026-11-29',
      sales: 50_000,
      transactions: 1,
      averageBasket: 50_000,
      byMethod: [
        { method: 'cash', amount: 0 }, // 50.000 in, 50.000 back (void)
        { method: 'debit', amount: 50_000 }, // 135.000 − 85.000
      ],
    });
    // Month: 290.000 + 135.000 + 50.000 − 50.000 − 85.000 − 50.000 = 290.000 over sales 3 and 4.
    expect(d.month).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      sales: 290_000,
      transactions: 2,
      averageBasket: 145_000,
      byMethod: [
        { method: 'cash', amount: 240_000 }, // 300.000 − 10.000 change + 50.000 − 50.000 refund − 50.000 void
        { method: 'debit', amount: 50_000 },
      ],
    });
    expect(d.daily).toHaveLength(30);
    expect(d.daily[0]).toEqual({ date: '2026-10-31', sales: 0, transactions: 0 });
    expect(d.daily[29]).toEqual({ date: '2026-11-29', sales: 50_000, transactions: 1 });
    expect(d.daily.filter((x: any) => x.sales !== 0 || x.transactions !== 0)).toEqual([
      { date: '2026-11-10', sales: 290_000, transactions: 1 },
      { date: '2026-11-12', sales: -50_000, transactions: 0 },
      { date: '2026-11-29', sales: 50_000, transactions: 1 },
    ]);
    expect(d.daily.reduce((n: number, x: any) => n + x.sales, 0)).toBe(d.month.sales);
    // Mete was sold and refunded in full (0 units net): no best seller.
    expect(d.topProducts.map((p: any) => [p.productId, p.gross])).toEqual([
      [maduId, 255_000],
      [s.abonId, 35_000],
    ]);
    expect(d.topProducts.every((p: any) => p.units > 0)).toBe(true);
    expect(d.topSuppliers.map((p: any) => [p.supplierId, p.gross])).toEqual([
      [s3, 255_000],
      [s.supplierId, 35_000],
    ]);
    // Abon (3 left, last day 30 Nov) and the mete lot expiring 10 Dec (1 left).
    expect(d.nearExpiryCount).toBe(2);
    // S1 28.000, S2 297.500, S3 229.500.
    expect(d.suppliersOwed).toBe(3);
    expect(d.totalOwed).toBe(555_000);
  });
});

describe('stock reports', () => {
  it('on hand by supplier at supplier terms and at sell price', async () => {
    const r = await ok('reports.stock', {}, s.manager);
    expect(r.rows).toEqual([
      // mete 1 (lot to 10 Dec: 5 − 1 − 2 − 1 − 1 + 1 void) + 10, abon 3: 11 × 40.000 + 3 × 28.000; 11 × 50.000 + 3 × 35.000.
      { supplierId: s.supplierId, supplierCode: 'S0001', supplierName: 'UD Mete Muna', district: 'Kabupaten Muna', products: 2, lots: 3, qty: 14, valueAtTerms: 524_000, valueAtSell: 655_000 },
      // tenun 2: 700.000 − 15% (105.000).
      { supplierId: s.supplier2Id, supplierCode: 'S0002', supplierName: 'Tenun Masalili', district: 'Kabupaten Muna', products: 1, lots: 1, qty: 2, valueAtTerms: 595_000, valueAtSell: 700_000 },
      // madu 10 − 3 − 1 + 1 restocked = 7: 595.000 − 10% (59.500).
      { supplierId: s3, supplierCode: 'S0003', supplierName: '=Madu <Hutan>, "Konawe"', district: 'Kabupaten Konawe', products: 1, lots: 1, qty: 7, valueAtTerms: 535_500, valueAtSell: 595_000 },
    ]);
    expect(r.totals).toEqual({ products: 4, lots: 5, qty: 23, valueAtTerms: 1_654_500, valueAtSell: 1_950_000 });
    const one = await ok('reports.stock', { supplierId: s.supplier2Id }, s.manager);
    expect(one.rows.map((x: any) => x.supplierId)).toEqual([s.supplier2Id]);
    expect(one.totals.valueAtTerms).toBe(595_000);
  });

  it('slow movers and low stock', async () => {
    // Only the tenun has not sold in the last 30 days (last sale 25 Sep).
    const slow = await ok<any[]>('reports.slowMovers', { days: 30 }, s.manager);
    expect(slow.map((l) => [l.productId, l.remainingQty, l.value])).toEqual([[s.tenunId, 2, 595_000]]);
    const low = await ok<any[]>('reports.lowStock', {}, s.manager);
    expect(low.map((p) => [p.id, p.stock, p.minStock])).toEqual([[maduId, 7, 7]]);
  });
});

describe('consignment', () => {
  it('aging today: balances by the oldest unsettled entry and by entry age', async () => {
    const r = await ok('reports.consignmentAging', {}, s.manager);
    expect(r.asOf).toBe('2026-11-29');
    expect(r.rows).toEqual([
      // Sale 2's tenun (25 Sep, 65 days); the voided settlement released it again.
      { supplierId: s.supplier2Id, supplierCode: 'S0002', supplierName: 'Tenun Masalili', district: 'Kabupaten Muna', balance: 297_500, oldestEntryDate: '2026-09-25', ageDays: 65, bucket: 'd61_90', amounts: { d0_30: 0, d31_60: 0, d61_90: 297_500, d90plus: 0 } },
      // 28.000 (10 Nov) − 40.000 (refund 12 Nov) + 40.000 + 40.000 − 40.000 (29 Nov).
      { supplierId: s.supplierId, supplierCode: 'S0001', supplierName: 'UD Mete Muna', district: 'Kabupaten Muna', balance: 28_000, oldestEntryDate: '2026-11-10', ageDays: 19, bucket: 'd0_30', amounts: { d0_30: 28_000, d31_60: 0, d61_90: 0, d90plus: 0 } },
      { supplierId: s3, supplierCode: 'S0003', supplierName: '=Madu <Hutan>, "Konawe"', district: 'Kabupaten Konawe', balance: 229_500, oldestEntryDate: '2026-11-10', ageDays: 19, bucket: 'd0_30', amounts: { d0_30: 229_500, d31_60: 0, d61_90: 0, d90plus: 0 } },
    ]);
    expect(r.totals).toEqual({
      balance: 555_000,
      byOldest: { d0_30: 257_500, d31_60: 0, d61_90: 297_500, d90plus: 0 },
      amounts: { d0_30: 257_500, d31_60: 0, d61_90: 297_500, d90plus: 0 },
    });
  });

  it('aging as of 9 October: entries paid on 10 October were still owed', async () => {
    const r = await ok('reports.consignmentAging', { asOf: '2026-10-09' }, s.manager);
    expect(r.rows).toEqual([
      // 40.000 (1 Jul, 100 days) − 25.000 (15 Sep) + 80.000 (25 Sep).
      { supplierId: s.supplierId, supplierCode: 'S0001', supplierName: 'UD Mete Muna', district: 'Kabupaten Muna', balance: 95_000, oldestEntryDate: '2026-07-01', ageDays: 100, bucket: 'd90plus', amounts: { d0_30: 55_000, d31_60: 0, d61_90: 0, d90plus: 40_000 } },
      { supplierId: s.supplier2Id, supplierCode: 'S0002', supplierName: 'Tenun Masalili', district: 'Kabupaten Muna', balance: 297_500, oldestEntryDate: '2026-09-25', ageDays: 14, bucket: 'd0_30', amounts: { d0_30: 297_500, d31_60: 0, d61_90: 0, d90plus: 0 } },
    ]);
    expect(r.totals.balance).toBe(392_500);
    const ledger = await ok<any[]>('ledger.balances', { asOf: '2026-10-09' }, s.manager);
    expect(ledger.reduce((n, b) => n + b.balance, 0)).toBe(392_500);
  });

  it('payouts per month, net of voids', async () => {
    const r = await ok('reports.payoutsByMonth', { year: 2026 }, s.manager);
    expect(r.months).toHaveLength(12);
    expect(r.months.filter((m: any) => m.settlements > 0 || m.voided > 0)).toEqual([
      { month: '2026-10', settlements: 1, suppliers: 1, paid: 95_000, voided: 0, net: 95_000 },
      { month: '2026-11', settlements: 1, suppliers: 1, paid: 297_500, voided: 297_500, net: 0 },
    ]);
    expect(r.totals).toEqual({ settlements: 2, paid: 392_500, voided: 297_500, net: 95_000 });
  });
});

describe('office report (laporan UMKM)', () => {
  it('November per district and per supplier', async () => {
    const r = await ok('reports.office', { month: '2026-11' }, s.manager);
    expect(r).toMatchObject({ month: '2026-11', from: '2026-11-01', to: '2026-11-30' });
    expect(r.districts).toEqual([
      { district: 'Kabupaten Konawe', activeSuppliers: 1, suppliersWithSales: 1, units: 3, gross: 255_000, supplierShare: 229_500, shopShare: 25_500, paidOut: 0 },
      { district: 'Kabupaten Muna', activeSuppliers: 2, suppliersWithSales: 1, units: 1, gross: 35_000, supplierShare: 28_000, shopShare: 7_000, paidOut: 0 },
    ]);
    expect(r.suppliers.map((x: any) => [x.supplierCode, x.district, x.hasSales, x.units, x.gross, x.paidOut])).toEqual([
      ['S0003', 'Kabupaten Konawe', true, 3, 255_000, 0],
      ['S0002', 'Kabupaten Muna', false, 0, 0, 0], // paid 297.500 and voided in the same month
      ['S0001', 'Kabupaten Muna', true, 1, 35_000, 0],
    ]);
    expect(r.totals).toEqual({ activeSuppliers: 3, suppliersWithSales: 2, units: 4, gross: 290_000, supplierShare: 257_500, shopShare: 32_500, paidOut: 0 });
  });

  it('September sales and October payouts', async () => {
    const sep = await ok('reports.office', { month: '2026-09' }, s.manager);
    // Sale 2: 2 mete (100.000; 80.000 to S1) and 1 tenun (350.000; 297.500 to S2), both Muna.
    expect(sep.districts).toEqual([
      { district: 'Kabupaten Konawe', activeSuppliers: 1, suppliersWithSales: 0, units: 0, gross: 0, supplierShare: 0, shopShare: 0, paidOut: 0 },
      { district: 'Kabupaten Muna', activeSuppliers: 2, suppliersWithSales: 2, units: 3, gross: 450_000, supplierShare: 377_500, shopShare: 72_500, paidOut: 0 },
    ]);
    const oct = await ok('reports.office', { month: '2026-10' }, s.manager);
    expect(oct.totals).toEqual({ activeSuppliers: 3, suppliersWithSales: 0, units: 0, gross: 0, supplierShare: 0, shopShare: 0, paidOut: 95_000 });
    expect(oct.suppliers.find((x: any) => x.supplierId === s.supplierId).paidOut).toBe(95_000);
  });

  it('prints on A4 with the shop header, data escaped', async () => {
    const { html } = await ok<{ html: string }>('reports.officeHtml', { month: '2026-11' }, s.manager);
    expect(html).toContain('size: A4');
    expect(html).toContain('PLUT Sultra');
    expect(html).toContain('Jl. Abdullah Silondae, Kendari');
    expect(html).toContain('Laporan UMKM — November 2026');
    expect(html).toContain('=Madu &lt;Hutan&gt;, &quot;Konawe&quot;');
    expect(html).not.toContain('<Hutan>');
    expect(html).toContain('Rp 290.000');
    expect(html).toContain('Kabupaten Konawe');
    const bad = await t.api('reports.officeHtml', { month: '2026-13' }, s.manager);
    expect(bad.status).toBe(400);
  });
});

describe('exports', () => {
  const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

  it('CSV: comma, CRLF, quoted, rupiah as integers, formulas defused', async () => {
    const f = await ok('reports.export', { report: 'salesBySupplier', params: nov, format: 'csv' }, s.manager);
    expect(f.filename).toBe('penjualan-pemasok-2026-11-01_2026-11-30.csv');
    expect(f.mimeType).toBe('text/csv;charset=utf-8');
    // Stock as it is now carries the shop's day in its name, like every other export.
    const stock = await ok('reports.export', { report: 'stock', params: {}, format: 'csv' }, s.manager);
    expect(stock.filename).toBe('stok-20261129.csv');
    expect(decode(f.base64)).toBe(
      '\uFEFF' +
        [
          'Kode,Pemasok,Kabupaten/kota,Unit,Penjualan bersih,Bagian pemasok,Bagian toko,Transaksi,Retur',
          `S0003,"'=Madu <Hutan>, ""Konawe""",Kabupaten Konawe,3,255000,229500,25500,2,85000`,
          'S0001,UD Mete Muna,Kabupaten Muna,1,35000,28000,7000,2,100000',
          'TOTAL,,,4,290000,257500,32500,2,185000',
        ].join('\r\n') +
        '\r\n',
    );
  });

  it('CSV of every table report', async () => {
    const cases: [string, unknown][] = [
      ['salesByProduct', { ...nov, supplierId: s.supplierId }],
      ['salesByCategory', nov],
      ['salesByDistrict', nov],
      ['salesByCashier', nov],
      ['salesByHour', nov],
      ['stock', {}],
      ['slowMovers', { days: 30 }],
      ['lowStock', {}],
      ['consignmentAging', {}],
      ['payoutsByMonth', { year: 2026 }],
      ['office', { month: '2026-11' }],
    ];
    for (const [report, params] of cases) {
      const f = await ok('reports.export', { report, params, format: 'csv' }, s.manager);
      expect(f.filename, report).toMatch(/\.csv$/);
      const text = decode(f.base64);
      expect(text.endsWith('\r\n'), report).toBe(true);
      expect(text.replace(/\r\n/g, '').includes('\n'), report).toBe(false);
    }
    const stock = decode((await ok('reports.export', { report: 'stock', params: {}, format: 'csv' }, s.manager)).base64);
    expect(stock.split('\r\n')).toContain('TOTAL,,,4,5,23,1654500,1950000');
    const aging = decode((await ok('reports.export', { report: 'consignmentAging', params: {}, format: 'csv' }, s.manager)).base64);
    expect(aging.split('\r\n')).toContain('S0002,Tenun Masalili,Kabupaten Muna,2026-09-25,65,297500,0,0,297500,0');
    const office = decode((await ok('reports.export', { report: 'office', params: { month: '2026-11' }, format: 'csv' }, s.manager)).base64);
    expect(office).toContain('\r\nTOTAL,3,2,4,290000,257500,0,32500\r\n');
    // The owner's name starts with @: defused.
    expect(office).toContain(",'@Pak Ruslan,");
  });

  it('refuses parameters of another report', async () => {
    const r = await t.api('reports.export', { report: 'office', params: { from: '2026-11-01', to: '2026-11-30' }, format: 'csv' }, s.manager);
    expect(r.status).toBe(400);
  });
});

/** exceljs when installed (the XLSX tests are skipped without it). */
const excel: any = await import('exceljs').then(
  (m: any) => (typeof m.Workbook === 'function' ? m : m.default),
  () => null,
);
const hasExcel = excel !== null;

describe('XLSX export', () => {
  it.skipIf(!hasExcel)('reads back with rupiah cells as numbers in the rupiah format', async () => {
    const f = await ok('reports.export', { report: 'salesBySupplier', params: nov, format: 'xlsx' }, s.manager);
    expect(f.filename).toBe('penjualan-pemasok-2026-11-01_2026-11-30.xlsx');
    expect(f.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new excel.Workbook();
    await wb.xlsx.load(Buffer.from(f.base64, 'base64'));
    const ws = wb.worksheets[0];
    // A title row and a period row above the table.
    expect(ws.getRow(1).getCell(1).value).toBe('Penjualan per pemasok — PLUT Sultra');
    expect(ws.getRow(2).getCell(1).value).toBe('Periode 01/11/2026 s.d. 30/11/2026');
    expect(ws.getRow(4).getCell(5).value).toBe('Penjualan bersih');
    expect(ws.getRow(5).getCell(2).value).toBe(`'=Madu <Hutan>, "Konawe"`);
    const gross = ws.getRow(5).getCell(5);
    expect(typeof gross.value).toBe('number');
    expect(gross.value).toBe(255_000);
    expect(gross.numFmt).toBe('"Rp "#,##0');
    expect(ws.getRow(7).getCell(5).value).toBe(290_000);
    expect(ws.getRow(7).getCell(6).value).toBe(257_500);
  });

  it.skipIf(!hasExcel)('office report: one sheet per table', async () => {
    const f = await ok('reports.export', { report: 'office', params: { month: '2026-11' }, format: 'xlsx' }, s.manager);
    const wb = new excel.Workbook();
    await wb.xlsx.load(Buffer.from(f.base64, 'base64'));
    expect(wb.worksheets.map((w: any) => w.name)).toEqual(['Per kabupaten', 'Per UMKM']);
    expect(wb.worksheets[0].getRow(1).getCell(1).value).toBe('Laporan UMKM: Per kabupaten — PLUT Sultra');
    expect(wb.worksheets[0].getRow(2).getCell(1).value).toBe('November 2026 (Periode 01/11/2026 s.d. 30/11/2026)');
  });

  it.skipIf(!hasExcel)('every XLSX report has its title and period; days read dd/mm/yyyy', async () => {
    const cases: [string, unknown, RegExp][] = [
      ['salesByProduct', nov, /^Periode 01\/11\/2026 s\.d\. 30\/11\/2026$/],
      ['salesByCategory', nov, /^Periode /],
      ['salesByDistrict', nov, /^Periode /],
      ['salesByCashier', nov, /^Periode /],
      ['salesByHour', nov, /^Periode /],
      ['stock', {}, /^Per 29\/11\/2026$/],
      ['slowMovers', { days: 30 }, /^Per 29\/11\/2026, tidak terjual 30 hari$/],
      ['lowStock', {}, /^Per 29\/11\/2026$/],
      ['consignmentAging', { asOf: '2026-11-29' }, /^Per 29\/11\/2026$/],
      ['payoutsByMonth', { year: 2026 }, /^Tahun 2026$/],
    ];
    for (const [report, params, period] of cases) {
      const f = await ok('reports.export', { report, params, format: 'xlsx' }, s.manager);
      const wb = new excel.Workbook();
      await wb.xlsx.load(Buffer.from(f.base64, 'base64'));
      const ws = wb.worksheets[0];
      expect(String(ws.getRow(1).getCell(1).value), report).toMatch(/ — PLUT Sultra$/);
      expect(String(ws.getRow(2).getCell(1).value), report).toMatch(period);
      const cells: string[] = [];
      ws.eachRow((row: any) => row.eachCell((c: any) => cells.push(String(c.value))));
      expect(cells.filter((c) => /^\d{4}-\d{2}-\d{2}$/.test(c)), report).toEqual([]);
    }
  });

  it.skipIf(hasExcel)('without exceljs, XLSX is refused with a clear message and CSV still works', async () => {
    const r = await t.api('reports.export', { report: 'stock', params: {}, format: 'xlsx' }, s.manager);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/exceljs/);
  });
});

describe('aging as of a day before a settlement was voided', () => {
  it('counts what was settled then as settled, and agrees with ledger.balances on both days', async () => {
    const t2 = await startTestApi(); // 29 Nov 2026 10:00 WITA
    try {
      const s2 = await seedShop(t2);
      const call = async (name: string, input: unknown, token: string) => {
        const r = await t2.api<any>(name, input, token);
        if (r.status !== 200) throw new Error(`${name} failed: ${r.status} ${JSON.stringify(r.body)}`);
        return r.body;
      };
      // 1 mete: 40.000 owed to S1, paid the same day.
      await call('sales.checkout', { clientRequestId: 'aging-void-0001', lines: [{ productId: s2.meteId, qty: 1 }], payments: [{ method: 'cash', amount: 50_000 }] }, s2.cashier);
      const paid = await call('settlements.create', { supplierId: s2.supplierId, cutoff: '2026-11-29', method: 'cash' }, s2.manager);
      // 30 Nov: the admin voids it; the 40.000 is owed again from then on.
      t2.clock.set(Date.UTC(2026, 10, 30, 2, 0, 0));
      const admin = (await t2.api<any>('auth.login', { username: 'admin', pin: '123456', tillCode: 'K1' })).body.token;
      const manager = (await t2.api<any>('auth.login', { username: 'manajer', pin: '2222', tillCode: 'K1' })).body.token;
      await call('settlements.void', { id: paid.id, reason: 'Batal' }, admin);
      const ledger = async (asOf: string) =>
        ((await call('ledger.balances', { asOf }, manager)) as any[]).find((b) => b.supplierId === s2.supplierId).balance;

      const on29 = await call('reports.consignmentAging', { asOf: '2026-11-29' }, manager);
      expect(on29.rows).toEqual([]);
      expect(await ledger('2026-11-29')).toBe(0); // +40.000 − 40.000 payout

      const on30 = await call('reports.consignmentAging', {}, manager);
      expect(on30.asOf).toBe('2026-11-30');
      expect(on30.rows).toMatchObject([{ supplierId: s2.supplierId, balance: 40_000, oldestEntryDate: '2026-11-29', ageDays: 1, bucket: 'd0_30' }]);
      expect(await ledger('2026-11-30')).toBe(40_000); // … + 40.000 reversal
    } finally {
      await t2.close();
    }
  });
});
