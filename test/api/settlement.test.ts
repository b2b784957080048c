import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedShop, snapshot, startTestApi, type Seeded, type TestApi } from '../support/api-harness';
import { startFakePrinter, type FakePrinter } from '../support/fake-printer';
import { decodeEscPos } from '../support/escpos-decode';

let t: TestApi;
let s: Seeded;
afterEach(async () => t?.close());

let req = 0;
const rid = () => `settle-${Date.now()}-${++req}`;
const relogin = async (username: string, pin: string) =>
  (await t.api('auth.login', { username, pin, tillCode: 'K1' })).body.token as string;

async function ok<T = any>(name: string, input: unknown, token: string): Promise<T> {
  const r = await t.api<T>(name, input, token);
  if (r.status !== 200) throw new Error(`${name} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

const sell = (lines: { productId: number; qty: number }[], amount: number) =>
  ok('sales.checkout', { clientRequestId: rid(), lines, payments: [{ method: 'cash', amount }] }, s.cashier);

async function balanceOf(supplierId: number, asOf?: string): Promise<number> {
  const rows = await ok<any[]>('ledger.balances', asOf ? { asOf } : {}, s.manager);
  return rows.find((r) => r.supplierId === supplierId).balance;
}

/** 30 Nov 2026 10:00 WITA: the day after T0; sessions must log in again. */
async function nextDay() {
  t.clock.set(Date.UTC(2026, 10, 30, 2, 0, 0));
  s.cashier = await relogin('kasir', '1111');
  s.manager = await relogin('manajer', '2222');
  s.admin = await relogin('admin', '123456');
}

describe('worked example: sell, charge a fee, settle, sell again, void', () => {
  beforeEach(async () => {
    t = await startTestApi();
    s = await seedShop(t);
  });

  it('pays each supplier exactly what their goods earned, once', async () => {
    // 29 Nov: 7 mete (fixed: 40.000 a unit to UD Mete Muna) + 1 tenun
    // (commission 15% of 350.000 = 52.500 to the shop, 297.500 to Tenun Masalili).
    await sell([{ productId: s.meteId, qty: 7 }, { productId: s.tenunId, qty: 1 }], 700_000);

    const balances = await ok<any[]>('ledger.balances', {}, s.manager);
    expect(balances).toEqual([
      { supplierId: s.supplierId, code: 'S0001', name: 'UD Mete Muna', active: true, balance: 280_000 },
      { supplierId: s.supplier2Id, code: 'S0002', name: 'Tenun Masalili', active: true, balance: 297_500 },
    ]);

    // A display fee of 25.000: 280.000 − 25.000 = 255.000.
    const fee = await ok('ledger.fee', { supplierId: s.supplierId, amount: 25_000, note: 'Sewa rak November' }, s.manager);
    expect(fee).toMatchObject({ kind: 'fee', amount: -25_000, note: 'Sewa rak November', settlementId: null, businessDate: '2026-11-29' });
    expect(await balanceOf(s.supplierId)).toBe(255_000);

    const preview = await ok('settlements.preview', { supplierId: s.supplierId, cutoff: '2026-11-29' }, s.manager);
    expect(preview).toMatchObject({
      supplier: { id: s.supplierId, code: 'S0001', name: 'UD Mete Muna', bankName: 'BRI', bankAccount: '123401000123501', bankHolder: 'La Ode Hasan' },
      cutoff: '2026-11-29',
      periodFrom: '2026-11-29',
      entryCount: 3, // two lot portions (5 + 2) and the fee
      amount: 255_000,
      payable: true,
      totals: { sales: 280_000, refunds: 0, losses: 0, fees: -25_000, adjustments: 0 },
      refunds: [],
      losses: [],
      adjustments: [],
    });
    expect(preview.products).toEqual([
      { productId: s.meteId, name: 'Kacang Mete Original 250 g', unit: 'pcs', termsType: 'fixed', commissionBps: null, price: 40_000, qty: 7, gross: 350_000, supplierShare: 280_000 },
    ]);
    expect(preview.fees).toEqual([
      { entryId: fee.id, businessDate: '2026-11-29', productId: null, name: null, qty: null, amount: -25_000, note: 'Sewa rak November' },
    ]);
    // 15 mete received − 7 sold = 8; the 4 abon are untouched (their last day is 30 Nov).
    expect(preview.stock).toEqual([
      { productId: s.abonId, name: 'Abon Ikan Tuna 100 g', unit: 'pcs', qty: 4, expiredQty: 0 },
      { productId: s.meteId, name: 'Kacang Mete Original 250 g', unit: 'pcs', qty: 8, expiredQty: 0 },
    ]);

    const paid = await ok(
      'settlements.create',
      { supplierId: s.supplierId, cutoff: '2026-11-29', method: 'cash', expectedAmount: 255_000, throughEntryId: preview.throughEntryId },
      s.manager,
    );
    expect(paid).toMatchObject({
      number: 'PB-20261129-001',
      supplierId: s.supplierId,
      amount: 255_000,
      entryCount: 3,
      method: 'cash',
      cutoff: '2026-11-29',
      periodFrom: '2026-11-29',
      status: 'live',
      createdByName: 'Bu Manajer',
      printJob: { kind: 'settlement', refId: paid.id, copy: false },
    });
    expect(await balanceOf(s.supplierId)).toBe(0);
    expect(await balanceOf(s.supplier2Id)).toBe(297_500);
    const entries = await ok<any[]>('ledger.entries', { supplierId: s.supplierId }, s.manager);
    expect(entries.map((e) => [e.kind, e.amount, e.settlementNumber])).toEqual([
      ['sale', 200_000, 'PB-20261129-001'],
      ['sale', 80_000, 'PB-20261129-001'],
      ['fee', -25_000, 'PB-20261129-001'],
      ['payout', -255_000, 'PB-20261129-001'],
    ]);
    expect(await ok('ledger.entries', { supplierId: s.supplierId, unsettledOnly: true }, s.manager)).toEqual([]);
    const audit = t.app.db.$client.prepare("SELECT action, entity_id FROM audit_log WHERE action LIKE 'settlements.%' OR action LIKE 'ledger.%' ORDER BY id").all();
    expect(audit).toEqual([
      { action: 'ledger.fee', entity_id: fee.id },
      { action: 'settlements.create', entity_id: paid.id },
    ]);

    // 30 Nov: 2 more mete. They belong to the next settlement, not to the paid one.
    await nextDay();
    await sell([{ productId: s.meteId, qty: 2 }], 100_000);
    expect(await balanceOf(s.supplierId)).toBe(80_000);
    expect(await balanceOf(s.supplierId, '2026-11-29')).toBe(0);
    const next = await ok('settlements.preview', { supplierId: s.supplierId, cutoff: '2026-11-30' }, s.manager);
    expect(next).toMatchObject({ amount: 80_000, entryCount: 1, periodFrom: '2026-11-30', fees: [] });
    expect(next.products).toEqual([
      { productId: s.meteId, name: 'Kacang Mete Original 250 g', unit: 'pcs', termsType: 'fixed', commissionBps: null, price: 40_000, qty: 2, gross: 100_000, supplierShare: 80_000 },
    ]);
    // The abon lot's last day is 30 Nov: still sellable today, so not counted as expired.
    expect(next.stock.find((l: any) => l.productId === s.abonId)).toMatchObject({ qty: 4, expiredQty: 0 });
    const upTo29 = await ok('settlements.preview', { supplierId: s.supplierId, cutoff: '2026-11-29' }, s.manager);
    expect(upTo29).toMatchObject({ amount: 0, entryCount: 0, payable: false, products: [], periodFrom: null });

    // The admin voids the first settlement: the 255.000 is owed again, with the 80.000.
    const voided = await ok('settlements.void', { id: paid.id, reason: 'Uang belum diterima pemasok' }, s.admin);
    expect(voided).toMatchObject({ id: paid.id, status: 'voided', voidReason: 'Uang belum diterima pemasok', voidedByName: 'Admin' });
    expect(await balanceOf(s.supplierId)).toBe(335_000);
    const again = await ok('settlements.preview', { supplierId: s.supplierId, cutoff: '2026-11-30' }, s.manager);
    expect(again).toMatchObject({ amount: 335_000, entryCount: 4, periodFrom: '2026-11-29', totals: { sales: 360_000, fees: -25_000 } });
    expect(again.products).toEqual([
      { productId: s.meteId, name: 'Kacang Mete Original 250 g', unit: 'pcs', termsType: 'fixed', commissionBps: null, price: 40_000, qty: 9, gross: 450_000, supplierShare: 360_000 },
    ]);
    const afterVoid = await ok<any[]>('ledger.entries', { supplierId: s.supplierId }, s.manager);
    expect(afterVoid.map((e) => [e.kind, e.amount, e.settlementNumber])).toEqual([
      ['sale', 200_000, null],
      ['sale', 80_000, null],
      ['fee', -25_000, null],
      ['payout', -255_000, 'PB-20261129-001'],
      ['sale', 80_000, null],
      ['payout', 255_000, 'PB-20261129-001'],
    ]);
    // What the voided settlement covered is still on record.
    const old = await ok('settlements.get', { id: paid.id }, s.manager);
    expect(old).toMatchObject({ status: 'voided', amount: 255_000, breakdown: { amount: 255_000, entryCount: 3 } });

    // Settle again by transfer: one payout of 335.000, the bank's list has it.
    const second = await ok(
      'settlements.create',
      { supplierId: s.supplierId, cutoff: '2026-11-30', method: 'transfer', reference: 'BRI-TRX-0042', expectedAmount: 335_000 },
      s.manager,
    );
    expect(second).toMatchObject({ number: 'PB-20261130-001', amount: 335_000, entryCount: 4, method: 'transfer', reference: 'BRI-TRX-0042' });
    expect(await balanceOf(s.supplierId)).toBe(0);
    const csv = await ok('settlements.transferCsv', { settlementIds: [second.id] }, s.manager);
    expect(csv).toEqual({
      filename: 'transfer-konsinyasi-20261130.csv',
      csv: 'No,Bank,No Rekening,Atas Nama,Jumlah,Keterangan\r\n1,BRI,123401000123501,La Ode Hasan,335000,PB-20261130-001\r\n',
      count: 1,
      total: 335_000,
    });
    const list = await ok<any[]>('settlements.list', { supplierId: s.supplierId }, s.manager);
    expect(list.map((x) => [x.number, x.status, x.amount])).toEqual([
      ['PB-20261130-001', 'live', 335_000],
      ['PB-20261129-001', 'voided', 255_000],
    ]);
    expect(await ok('settlements.list', { from: '2026-11-30', to: '2026-11-30' }, s.manager)).toHaveLength(1);
    // Σ payouts (−255.000 + 255.000 − 335.000) + carried 0 = Σ other entries (200.000 + 80.000 − 25.000 + 80.000).
    const sums = t.app.db.$client
      .prepare("SELECT SUM(CASE WHEN kind = 'payout' THEN amount ELSE 0 END) AS payouts, SUM(CASE WHEN kind <> 'payout' THEN amount ELSE 0 END) AS owed FROM ledger_entries WHERE supplier_id = ?")
      .get(s.supplierId);
    expect(sums).toEqual({ payouts: -335_000, owed: 335_000 });
  });

  it('adjusts either way with a reason, and lists the bulk of suppliers owed money', async () => {
    await sell([{ productId: s.meteId, qty: 1 }, { productId: s.tenunId, qty: 1 }], 400_000);
    const plus = await ok('ledger.adjust', { supplierId: s.supplierId, amount: 5_000, reason: 'Selisih harga titip Oktober' }, s.manager);
    const minus = await ok('ledger.adjust', { supplierId: s.supplier2Id, amount: -7_500, reason: 'Kemasan rusak, disepakati' }, s.manager);
    expect(plus).toMatchObject({ kind: 'adjustment', amount: 5_000, note: 'Selisih harga titip Oktober' });
    expect(minus).toMatchObject({ kind: 'adjustment', amount: -7_500 });
    // 40.000 + 5.000 and 297.500 − 7.500
    const bulk = await ok<any[]>('settlements.bulkPreview', { cutoff: '2026-11-29' }, s.manager);
    expect(bulk.map((r) => [r.code, r.amount, r.entryCount, r.bankAccount])).toEqual([
      ['S0002', 290_000, 2, null],
      ['S0001', 45_000, 2, '123401000123501'],
    ]);
    const preview = await ok('settlements.preview', { supplierId: s.supplier2Id, cutoff: '2026-11-29' }, s.manager);
    expect(preview.products).toEqual([
      { productId: s.tenunId, name: 'Sarung Tenun Masalili', unit: 'pcs', termsType: 'commission', commissionBps: 1500, price: 350_000, qty: 1, gross: 350_000, supplierShare: 297_500 },
    ]);
    expect(preview.adjustments).toMatchObject([{ amount: -7_500, note: 'Kemasan rusak, disepakati' }]);
    // Settling one leaves the other in the bulk list.
    await ok('settlements.create', { supplierId: s.supplierId, cutoff: '2026-11-29', method: 'cash' }, s.manager);
    expect((await ok<any[]>('settlements.bulkPreview', { cutoff: '2026-11-29' }, s.manager)).map((r) => r.code)).toEqual(['S0002']);
    const audit = t.app.db.$client.prepare("SELECT action FROM audit_log WHERE action LIKE 'ledger.%'").all();
    expect(audit).toEqual([{ action: 'ledger.adjust' }, { action: 'ledger.adjust' }]);
  });

  it('does not pay a negative balance: it is carried forward to the next settlement', async () => {
    await sell([{ productId: s.meteId, qty: 1 }], 50_000);
    await ok('ledger.fee', { supplierId: s.supplierId, amount: 60_000, note: 'Sewa rak + promosi' }, s.manager);
    expect(await balanceOf(s.supplierId)).toBe(-20_000);
    const preview = await ok('settlements.preview', { supplierId: s.supplierId, cutoff: '2026-11-29' }, s.manager);
    expect(preview).toMatchObject({ amount: -20_000, payable: false });
    const before = snapshot(t.app);
    const r = await t.api('settlements.create', { supplierId: s.supplierId, cutoff: '2026-11-29', method: 'cash' }, s.manager);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'cutoff', amount: -20_000 } });
    expect(snapshot(t.app)).toEqual(before);
    // Two more mete sold: −20.000 carried + 40.000 + 40.000 = 60.000 is paid.
    await sell([{ productId: s.meteId, qty: 1 }], 50_000);
    await sell([{ productId: s.meteId, qty: 1 }], 50_000);
    const paid = await ok('settlements.create', { supplierId: s.supplierId, cutoff: '2026-11-29', method: 'cash' }, s.manager);
    expect(paid).toMatchObject({ amount: 60_000, entryCount: 4 });
    expect(await balanceOf(s.supplierId)).toBe(0);
  });
});

describe('refusals change nothing', () => {
  beforeEach(async () => {
    t = await startTestApi();
    s = await seedShop(t);
    await sell([{ productId: s.meteId, qty: 2 }, { productId: s.tenunId, qty: 1 }], 450_000);
  });

  it('FORBIDDEN below the role', async () => {
    const before = snapshot(t.app);
    const cases: [string, unknown, string][] = [
      ['settlements.create', { supplierId: s.supplierId, cutoff: '2026-11-29', method: 'cash' }, s.cashier],
      ['settlements.preview', { supplierId: s.supplierId, cutoff: '2026-11-29' }, s.cashier],
      ['ledger.balances', {}, s.cashier],
      ['ledger.fee', { supplierId: s.supplierId, amount: 1_000, note: 'x' }, s.cashier],
      ['ledger.adjust', { supplierId: s.supplierId, amount: 1_000, reason: 'x' }, s.cashier],
      ['settlements.transferCsv', { settlementIds: [1] }, s.cashier],
    ];
    for (const [name, input, token] of cases) {
      const r = await t.api(name, input, token);
      expect(r.status, name).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN');
    }
    const paid = await ok('settlements.create', { supplierId: s.supplierId, cutoff: '2026-11-29', method: 'cash' }, s.manager);
    const mid = snapshot(t.app);
    const v = await t.api('settlements.void', { id: paid.id, reason: 'coba' }, s.manager);
    expect(v.body.error).toMatchObject({ code: 'FORBIDDEN', details: { required: 'admin' } });
    expect(snapshot(t.app)).toEqual(mid);
  });

  it('NOT_FOUND for an unknown supplier or settlement', async () => {
    const before = snapshot(t.app);
    for (const [name, input] of [
      ['settlements.create', { supplierId: 999, cutoff: '2026-11-29', method: 'cash' }],
      ['settlements.preview', { supplierId: 999, cutoff: '2026-11-29' }],
      ['ledger.fee', { supplierId: 999, amount: 1_000, note: 'x' }],
      ['ledger.entries', { supplierId: 999 }],
      ['settlements.get', { id: 999 }],
      ['settlements.reprint', { id: 999 }],
      ['settlements.statementHtml', { id: 999 }],
      ['settlements.transferCsv', { settlementIds: [999] }],
    ] as const) {
      const r = await t.api(name, input, s.admin);
      expect(r.status, name).toBe(404);
      expect(r.body.error.code).toBe('NOT_FOUND');
    }
    expect((await t.api('settlements.void', { id: 999, reason: 'x' }, s.admin)).body.error.code).toBe('NOT_FOUND');
    expect(snapshot(t.app)).toEqual(before);
  });

  it('VALIDATION for a bad cutoff, a zero adjustment, a missing reason or note, fractions', async () => {
    const before = snapshot(t.app);
    const cases: [string, unknown, string][] = [
      ['settlements.create', { supplierId: s.supplierId, cutoff: '2026-02-30', method: 'cash' }, 'cutoff'],
      ['settlements.create', { supplierId: s.supplierId, cutoff: '29-11-2026', method: 'cash' }, 'cutoff'],
      ['settlements.create', { supplierId: s.supplierId, cutoff: '2026-11-30', method: 'cash' }, 'cutoff'], // tomorrow
      ['settlements.create', { supplierId: s.supplierId, cutoff: '2026-11-29', method: 'qris' }, 'method'],
      ['settlements.create', { supplierId: s.supplierId, cutoff: '2026-11-29', method: 'cash', amount: 1 }, ''],
      ['settlements.preview', { supplierId: s.supplierId, cutoff: '2026-12-31' }, 'cutoff'],
      ['settlements.bulkPreview', { cutoff: '2026-13-01' }, 'cutoff'],
      ['ledger.adjust', { supplierId: s.supplierId, amount: 0, reason: 'nol' }, 'amount'],
      ['ledger.adjust', { supplierId: s.supplierId, amount: 5_000, reason: '   ' }, 'reason'],
      ['ledger.adjust', { supplierId: s.supplierId, amount: 5_000 }, 'reason'],
      ['ledger.fee', { supplierId: s.supplierId, amount: -5_000, note: 'x' }, 'amount'],
      ['ledger.fee', { supplierId: s.supplierId, amount: 2_500.5, note: 'x' }, 'amount'],
      ['ledger.fee', { supplierId: s.supplierId, amount: 5_000, note: '' }, 'note'],
      ['ledger.balances', { asOf: '2026-11-31' }, 'asOf'],
      ['settlements.transferCsv', { settlementIds: [] }, 'settlementIds'],
    ];
    for (const [name, input, field] of cases) {
      const r = await t.api(name, input, s.manager);
      expect(r.status, `${name} ${JSON.stringify(input)}`).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION');
      expect(r.body.error.details.field, `${name} ${JSON.stringify(input)}`).toBe(field);
    }
    expect(snapshot(t.app)).toEqual(before);
  });

  it('VALIDATION when there is nothing to pay or no account for a transfer; CONFLICT when it was already paid or changed', async () => {
    const fresh = await ok('suppliers.create', { name: 'Madu Hutan Konawe' }, s.manager);
    // Tenun Masalili has no bank account.
    const before = snapshot(t.app);
    const noBank = await t.api('settlements.create', { supplierId: s.supplier2Id, cutoff: '2026-11-29', method: 'transfer' }, s.manager);
    expect(noBank.body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'method' } });
    // The amount changed since the preview.
    const stale = await t.api('settlements.create', { supplierId: s.supplierId, cutoff: '2026-11-29', method: 'cash', expectedAmount: 40_000 }, s.manager);
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'CONFLICT', details: { expectedAmount: 40_000, amount: 80_000 } });
    // A supplier with no entries at all.
    const nothing = await t.api('settlements.create', { supplierId: fresh.id, cutoff: '2026-11-29', method: 'cash' }, s.manager);
    expect(nothing.body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'cutoff', amount: 0 } });
    // Dates in the messages are written the Indonesian way, never as ISO.
    expect(nothing.body.error.message).toBe('Tidak ada yang perlu dibayar ke Madu Hutan Konawe sampai 29/11/2026.');
    const tomorrow = await t.api('settlements.create', { supplierId: s.supplierId, cutoff: '2026-11-30', method: 'cash' }, s.manager);
    expect(tomorrow.body.error.message).toBe('Tanggal batas tidak boleh setelah hari ini (29/11/2026).');
    expect(snapshot(t.app)).toEqual(before);

    const paid = await ok('settlements.create', { supplierId: s.supplierId, cutoff: '2026-11-29', method: 'cash' }, s.manager);
    const afterPaid = snapshot(t.app);
    const twice = await t.api('settlements.create', { supplierId: s.supplierId, cutoff: '2026-11-29', method: 'cash' }, s.manager);
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ code: 'CONFLICT', details: { settlementId: paid.id, number: paid.number } });
    expect(twice.body.error.message).toContain('sampai 29/11/2026 sudah dibayar');
    // A cash settlement is not on the bank's transfer list.
    const cashCsv = await t.api('settlements.transferCsv', { settlementIds: [paid.id] }, s.manager);
    expect(cashCsv.body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'settlementIds.0' } });
    expect(snapshot(t.app)).toEqual(afterPaid);

    await ok('settlements.void', { id: paid.id, reason: 'Salah cara bayar' }, s.admin);
    const afterVoid = snapshot(t.app);
    const voidTwice = await t.api('settlements.void', { id: paid.id, reason: 'lagi' }, s.admin);
    expect(voidTwice.status).toBe(409);
    expect(voidTwice.body.error.code).toBe('CONFLICT');
    expect(snapshot(t.app)).toEqual(afterVoid);
  });
});

// These two requests share one process with the server, whose settlement code is synchronous
// (better-sqlite3): they are answered one after the other and cannot race inside the database.
// What this proves is the answer the loser gets. The race itself (two connections that both read
// the entry open) is proved in test/core/settlement-race.test.ts, and across two processes below.
describe('two settlements racing for the same supplier', () => {
  beforeEach(async () => {
    t = await startTestApi();
    s = await seedShop(t);
    await sell([{ productId: s.meteId, qty: 3 }], 150_000);
  });

  it('exactly one succeeds; the other gets CONFLICT and nothing is paid twice', async () => {
    const input = { supplierId: s.supplierId, cutoff: '2026-11-29', method: 'cash' };
    const manager2 = await relogin('manajer', '2222');
    const results = await Promise.all([t.api('settlements.create', input, s.manager), t.api('settlements.create', input, manager2)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.body.error.code).toBe('CONFLICT');
    const winner = results.find((r) => r.status === 200)!;
    expect(winner.body.amount).toBe(120_000); // 3 × 40.000
    const counts = t.app.db.$client
      .prepare("SELECT (SELECT count(*) FROM settlements) AS settlements, (SELECT count(*) FROM ledger_entries WHERE kind = 'payout') AS payouts, (SELECT count(*) FROM settlement_entries) AS links")
      .get();
    expect(counts).toEqual({ settlements: 1, payouts: 1, links: 1 }); // all 3 from the December lot: one entry
    expect(await balanceOf(s.supplierId)).toBe(0);
  });

  it('also with the amount from the preview: one wins, five others get CONFLICT', async () => {
    const preview = await ok('settlements.preview', { supplierId: s.supplierId, cutoff: '2026-11-29' }, s.manager);
    const input = { supplierId: s.supplierId, cutoff: '2026-11-29', method: 'cash', expectedAmount: preview.amount, throughEntryId: preview.throughEntryId };
    const results = await Promise.all(Array.from({ length: 6 }, () => t.api('settlements.create', input, s.manager)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.body.error.code === 'CONFLICT')).toHaveLength(5);
    expect(t.app.db.$client.prepare('SELECT count(*) AS n FROM settlements').get()).toEqual({ n: 1 });
  });
});

describe('two processes on one database file', () => {
  beforeEach(async () => {
    t = await startTestApi();
    s = await seedShop(t);
    await sell([{ productId: s.meteId, qty: 7 }], 350_000);
  });

  it('exactly one settles; the other waits for the lock, finds nothing left and gets CONFLICT', async () => {
    const script = fileURLToPath(new URL('../support/settle-process.ts', import.meta.url));
    const managerId = (t.app.db.$client.prepare("SELECT id FROM users WHERE username = 'manajer'").get() as { id: number }).id;
    const startAt = Date.now() + 2_500;
    const run = () =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', script, t.dbPath, String(s.supplierId), '2026-11-29', String(managerId), String(startAt), String(t.clock.now())], {
        timeout: 30_000,
      }).then((r) => JSON.parse(r.stdout.trim().split('\n').pop()!));
    const results = await Promise.all([run(), run()]);
    expect(results.filter((r) => r.ok)).toEqual([{ ok: true, id: expect.any(Number), amount: 280_000 }]);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, code: 'CONFLICT' }]);
    const counts = t.app.db.$client
      .prepare("SELECT (SELECT count(*) FROM settlements) AS settlements, (SELECT count(*) FROM ledger_entries WHERE kind = 'payout') AS payouts")
      .get();
    expect(counts).toEqual({ settlements: 1, payouts: 1 });
    expect(await balanceOf(s.supplierId)).toBe(0);
  });
});

describe('the settlement slip on the till printer', () => {
  let printer: FakePrinter;
  beforeEach(async () => {
    t = await startTestApi();
    s = await seedShop(t);
    printer = await startFakePrinter();
    await ok('printers.set', { transport: { type: 'network', host: '127.0.0.1', port: printer.port }, columns: 32 }, s.admin);
  });
  afterEach(async () => printer?.close());

  it('prints the slip after the payout commits, and reprints it as a copy', async () => {
    await sell([{ productId: s.meteId, qty: 7 }], 350_000);
    await ok('ledger.fee', { supplierId: s.supplierId, amount: 25_000, note: 'Sewa rak' }, s.manager);
    const paid = await ok('settlements.create', { supplierId: s.supplierId, cutoff: '2026-11-29', method: 'transfer', reference: 'TRX-77' }, s.manager);
    expect(paid.printJob).toMatchObject({ kind: 'settlement', refId: paid.id, copy: false, tillCode: 'K1' });
    // The receipt of the sale came first.
    const [, bytes] = await printer.waitForJobs(2, 5000);
    const decoded = decodeEscPos(bytes!, { columns: 32 });
    const lines = decoded.lines;
    const text = lines.join('\n');
    expect(text).toContain('NOTA PEMBAYARAN KONSINYASI');
    expect(text).toContain('No: PB-20261129-001');
    expect(text).toContain('29/11/2026 10:00 WITA');
    expect(text).toContain('Pemasok: S0001 UD Mete Muna');
    expect(text).toContain('Bank: BRI 123401000123501');
    expect(text).toContain('Periode  29/11/2026 - 29/11/2026');
    expect(text).toContain('Kacang Mete Original 250 g');
    expect(text).toMatch(/ {2}7 x 40\.000 +280\.000/);
    expect(text).toMatch(/Sewa rak +-25\.000/);
    expect(text).toMatch(/TOTAL DIBAYAR +Rp 255\.000/);
    expect(text).toMatch(/Cara bayar +Transfer/);
    expect(text).toContain('Ref: TRX-77');
    expect(text).toMatch(/Kacang Mete Original 250 g +8 pcs/);
    expect(text).toMatch(/Pemasok +Manajer/);
    expect(text).toMatch(/UD Mete Muna +Bu Manajer/); // no owner name on file: the business signs
    expect(text).not.toContain('SALINAN');
    expect(decoded.drawerPulses).toBe(0);
    expect(decoded.cuts).toBe(1);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(32);

    const reprint = await ok('settlements.reprint', { id: paid.id }, s.manager);
    expect(reprint).toMatchObject({ kind: 'settlement', refId: paid.id, copy: true });
    const jobs = await printer.waitForJobs(3, 5000);
    const copy = decodeEscPos(jobs[2]!, { columns: 32 }).lines.join('\n');
    expect(copy).toContain('SALINAN');
    expect(copy).toContain('PB-20261129-001');
    expect(copy).toMatch(/TOTAL DIBAYAR +Rp 255\.000/);
  });

  it('serves the A4 statement with names escaped', async () => {
    const evil = await ok('suppliers.create', { name: '<script>alert(1)</script>', bankName: 'BNI', bankAccount: '0099887766', bankHolder: '<b>Hasan</b>' }, s.manager);
    // An account stored before the rule, with its spaces and dash: the bank's list has digits only.
    t.app.db.$client.prepare("UPDATE suppliers SET bank_account = '0099-887 766' WHERE id = ?").run(evil.id);
    const p = await ok('products.create', { name: 'Madu <img src=x onerror=alert(2)>', supplierId: evil.id, sellPrice: 80_000, terms: { type: 'commission', commissionBps: 2000 } }, s.manager);
    await ok('intakes.create', { supplierId: evil.id, lines: [{ productId: p.id, qty: 5 }] }, s.manager);
    await sell([{ productId: p.id, qty: 2 }], 160_000);
    const paid = await ok('settlements.create', { supplierId: evil.id, cutoff: '2026-11-29', method: 'transfer' }, s.manager);
    expect(paid.amount).toBe(128_000); // 160.000 − 20% = 128.000
    const { html } = await ok('settlements.statementHtml', { id: paid.id }, s.manager);
    expect(html).toContain('NOTA PEMBAYARAN KONSINYASI');
    expect(html).toContain('Rp 128.000');
    expect(html).not.toMatch(/<script>|<img|<b>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Madu &lt;img src=x onerror=alert(2)&gt;');
    const csv = await ok('settlements.transferCsv', { settlementIds: [paid.id] }, s.manager);
    expect(csv.csv).toBe('No,Bank,No Rekening,Atas Nama,Jumlah,Keterangan\r\n1,BNI,0099887766,<b>Hasan</b>,128000,PB-20261129-002\r\n'.replace('PB-20261129-002', paid.number));
  });
});
