/**
 * The back office through HTTP on a real SQLite file: suppliers, products,
 * intake history and slips, returns, expiry, corrections, counts, movement
 * history and labels, including every refusal, each of which changes
 * nothing.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backofficeProcedures } from '../../src/main/api/handlers/backoffice';
import type { Call } from '../../src/main/api/kit';
import { lotInvariantViolations } from '../../src/main/core/invariants';
import { isValidEan13 } from '../../src/main/core/barcodes';
import { seedShop, snapshot, startTestApi, type Seeded, type TestApi } from '../support/api-harness';
import { startFakePrinter, type FakePrinter } from '../support/fake-printer';
import { decodeEscPos } from '../support/escpos-decode';

let t: TestApi;
let s: Seeded;
let printer: FakePrinter | undefined;

afterEach(async () => {
  await t?.close();
  await printer?.close();
  printer = undefined;
});

beforeEach(async () => {
  t = await startTestApi();
  s = await seedShop(t);
});

const DAY = 86_400_000;
let req = 0;

async function ok<T = any>(name: string, input: unknown, token = s.manager): Promise<T> {
  const r = await t.api<T>(name, input, token);
  if (r.status !== 200) throw new Error(`${name} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

const auditCount = () => (t.app.db.$client.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
const lastAudit = (action: string) =>
  t.app.db.$client.prepare('SELECT * FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1').get(action) as
    | { user_id: number; entity_id: number; details: string }
    | undefined;

/** Call a procedure that must be refused with `code`, and prove nothing changed. */
async function refused(name: string, input: unknown, code: string, token = s.manager) {
  await t.app.print.idle(); // earlier print jobs settle first
  const before = snapshot(t.app);
  const audits = auditCount();
  const r = await t.api(name, input, token);
  expect(r.body.error?.code, `${name} ${JSON.stringify(input)} → ${JSON.stringify(r.body)}`).toBe(code);
  expect(snapshot(t.app)).toEqual(before);
  expect(auditCount()).toBe(audits);
  return r.body.error as { code: string; message: string; details?: any };
}

/** Move the clock on by whole days; sessions idle that long end, so log in again. */
async function advanceDays(n: number) {
  t.clock.advance(n * DAY);
  const login = async (username: string, pin: string) => (await ok('auth.login', { username, pin, tillCode: 'K1' }, undefined)).token as string;
  s = { ...s, manager: await login('manajer', '2222'), cashier: await login('kasir', '1111') };
}

async function sell(productId: number, qty: number) {
  return ok('sales.checkout', { clientRequestId: `bo-${++req}-${Date.now()}`, lines: [{ productId, qty }], payments: [{ method: 'cash', amount: 10_000_000 }] }, s.cashier);
}

async function lotsOf(productId: number) {
  const detail = await ok('products.detail', { id: productId });
  return detail.lots as any[];
}

/** The seeded lots by name: mete 2027-03-01 (10), mete 2026-12-10 (5), abon 2026-11-30 (4), tenun (3). */
async function seededLots() {
  const [meteLate, meteSoon] = (await lotsOf(s.meteId)).sort((a, b) => (a.expiryDate < b.expiryDate ? 1 : -1));
  const [abon] = await lotsOf(s.abonId);
  const [tenun] = await lotsOf(s.tenunId);
  return { meteLate, meteSoon, abon, tenun };
}

async function usePrinter(columns: 32 | 48 = 32) {
  printer = await startFakePrinter();
  await ok('printers.set', { transport: { type: 'network', host: '127.0.0.1', port: printer.port }, columns }, s.admin);
  return printer;
}

describe('roles and unknown ids', () => {
  it('refuses a cashier every manager procedure of the back office with FORBIDDEN', async () => {
    const managerOnly = Object.entries(backofficeProcedures).filter(([, p]) => p.role === 'manager').map(([name]) => name);
    expect(managerOnly.length).toBeGreaterThan(20);
    for (const name of managerOnly) await refused(name, {}, 'FORBIDDEN', s.cashier);
  });

  it('answers NOT_FOUND for unknown ids', async () => {
    const cases: [string, unknown, string][] = [
      ['suppliers.get', { id: 999 }, 'supplierId'],
      ['suppliers.update', { id: 999, name: 'X' }, 'supplierId'],
      ['suppliers.deactivate', { id: 999 }, 'supplierId'],
      ['products.update', { id: 999, name: 'X' }, 'id'],
      ['products.detail', { id: 999 }, 'productId'],
      ['products.deactivate', { id: 999 }, 'id'],
      ['intakes.get', { id: 999 }, 'id'],
      ['intakes.reprint', { id: 999 }, 'id'],
      ['returns.get', { id: 999 }, 'id'],
      ['returns.reprint', { id: 999 }, 'id'],
      ['returns.create', { supplierId: 999, lines: [{ lotId: 1, qty: 1 }], reason: 'unsold' }, 'supplierId'],
      ['returns.create', { supplierId: s.supplierId, lines: [{ lotId: 999, qty: 1 }], reason: 'unsold' }, 'lines.0.lotId'],
      ['returns.fromNearExpiry', { supplierId: 999 }, 'supplierId'],
      ['stock.adjust', { lotId: 999, delta: -1, reason: 'hilang', liability: 'shop' }, 'lotId'],
      ['stock.count.start', { supplierId: 999 }, 'supplierId'],
      ['stock.count.get', { countId: 999 }, 'countId'],
      ['stock.count.record', { countId: 999, lines: [{ lotId: 1, countedQty: 1 }] }, 'countId'],
      ['stock.count.post', { countId: 999, lines: [] }, 'countId'],
      ['stock.count.cancel', { countId: 999 }, 'countId'],
      ['labels.print', { items: [{ productId: 999, qty: 1 }] }, 'items.0.productId'],
      ['labels.print', { intakeId: 999 }, 'intakeId'],
    ];
    for (const [name, input, field] of cases) {
      const error = await refused(name, input, 'NOT_FOUND');
      expect(error.details?.field, name).toBe(field);
    }
  });
});

describe('suppliers', () => {
  it('updates details, clears fields with null, and audit-logs old and new values', async () => {
    // The bank details go together (a transfer needs all three): cleared together, for a supplier paid in cash.
    await refused('suppliers.update', { id: s.supplierId, bankName: null }, 'VALIDATION');
    const updated = await ok('suppliers.update', { id: s.supplierId, phone: '0812-4455-6677', bankName: null, bankAccount: null, bankHolder: null, ownerName: 'La Ode Hasan' });
    expect(updated).toMatchObject({ id: s.supplierId, name: 'UD Mete Muna', phone: '0812-4455-6677', bankName: null, bankAccount: null, bankHolder: null, ownerName: 'La Ode Hasan' });
    const log = lastAudit('suppliers.update')!;
    expect(JSON.parse(log.details).changes).toEqual({
      ownerName: { old: null, new: 'La Ode Hasan' },
      phone: { old: null, new: '0812-4455-6677' },
      bankName: { old: 'BRI', new: null },
      bankAccount: { old: '123401000123501', new: null },
      bankHolder: { old: 'La Ode Hasan', new: null },
    });
    await refused('suppliers.update', { id: s.supplierId, name: '' }, 'VALIDATION');
    await refused('suppliers.update', { id: s.supplierId, code: 'S9999' }, 'VALIDATION');
  });

  it('shows the supplier page: balance owed, stock at their terms, products, what sold, intakes and returns', async () => {
    await sell(s.meteId, 2);
    const { meteLate } = await seededLots();
    await ok('returns.create', { supplierId: s.supplierId, lines: [{ lotId: meteLate.id, qty: 1 }], reason: 'damaged' });
    const page = await ok('suppliers.get', { id: s.supplierId });
    const ledger = t.app.db.$client.prepare('SELECT coalesce(sum(amount), 0) AS n FROM ledger_entries WHERE supplier_id = ?').get(s.supplierId) as { n: number };
    expect(page.balance).toBe(80_000);
    expect(page.balance).toBe(ledger.n);
    // mete 15 − 2 sold − 1 returned = 12 at 40.000, abon 4 at 28.000
    expect(page.stock).toEqual({ qty: 16, expiredQty: 0, lots: 3, value: 12 * 40_000 + 4 * 28_000, sellValue: 12 * 50_000 + 4 * 35_000 });
    expect(page.products.map((p: any) => p.name).sort()).toEqual(['Abon Ikan Tuna 100 g', 'Kacang Mete Original 250 g']);
    expect(page.sold).toMatchObject({ qty: 2, netAmount: 100_000, supplierShare: 80_000 });
    expect(page.sold.products).toEqual([expect.objectContaining({ productId: s.meteId, qty: 2, supplierShare: 80_000 })]);
    expect(page.recentIntakes).toEqual([expect.objectContaining({ supplierId: s.supplierId, lineCount: 3, totalQty: 19, totalValue: 15 * 40_000 + 4 * 28_000 })]);
    expect(page.recentReturns).toEqual([expect.objectContaining({ number: 'RT-20261129-001', reason: 'damaged', totalQty: 1, totalValue: 40_000 })]);

    // Commission terms: value = sell × qty − 15 % commission.
    const tenun = await ok('suppliers.get', { id: s.supplier2Id });
    expect(tenun.stock).toMatchObject({ qty: 3, value: 1_050_000 - 157_500, sellValue: 1_050_000 });
    expect(tenun.balance).toBe(0);

    // The abon lot expires 2026-11-30: two days on it counts as expired stock.
    await advanceDays(2);
    expect((await ok('suppliers.get', { id: s.supplierId })).stock.expiredQty).toBe(4);
  });

  it('lists suppliers with balance and stock for the back office', async () => {
    await sell(s.tenunId, 1);
    const list = await ok('suppliers.overview', {});
    const tenun = list.find((x: any) => x.id === s.supplier2Id);
    expect(tenun).toMatchObject({ code: 'S0002', balance: 350_000 - 52_500, productCount: 1, stockQty: 2, stockValue: 700_000 - 105_000 });
    expect((await ok('suppliers.overview', { query: 'masalili' })).map((x: any) => x.id)).toEqual([s.supplier2Id]);
  });

  it('deactivates a supplier: no new intakes, stock stays on sale; deactivating twice is a CONFLICT', async () => {
    const off = await ok('suppliers.deactivate', { id: s.supplierId });
    expect(off.active).toBe(false);
    expect(lastAudit('suppliers.deactivate')).toMatchObject({ entity_id: s.supplierId });
    await refused('suppliers.deactivate', { id: s.supplierId }, 'CONFLICT');
    await refused('intakes.create', { supplierId: s.supplierId, lines: [{ productId: s.meteId, qty: 1, expiryDate: '2027-01-01' }] }, 'VALIDATION');
    await sell(s.meteId, 1);
    expect((await ok('suppliers.overview', {})).map((x: any) => x.id)).not.toContain(s.supplierId);
    expect((await ok('suppliers.overview', { includeInactive: true })).map((x: any) => x.id)).toContain(s.supplierId);
    expect((await ok('suppliers.reactivate', { id: s.supplierId })).active).toBe(true);
    await refused('suppliers.reactivate', { id: s.supplierId }, 'CONFLICT');
  });
});

describe('products', () => {
  it('a price or terms change applies to new intakes only; lots keep their snapshot', async () => {
    const updated = await ok('products.update', { id: s.meteId, sellPrice: 55_000, terms: { type: 'commission', commissionBps: 2000 } });
    expect(updated).toMatchObject({ sellPrice: 55_000, terms: { type: 'commission', commissionBps: 2000 } });
    const details = JSON.parse(lastAudit('products.update')!.details);
    expect(details.price).toEqual({ old: 50_000, new: 55_000 });
    expect(details.terms).toEqual({ old: { type: 'fixed', supplierPrice: 40_000 }, new: { type: 'commission', commissionBps: 2000 } });

    const old = await lotsOf(s.meteId);
    expect(old).toHaveLength(2);
    for (const lot of old) expect(lot).toMatchObject({ terms: { type: 'fixed', supplierPrice: 40_000 }, sellPrice: 50_000, termsDiffer: true });

    const intake = await ok('intakes.create', { supplierId: s.supplierId, lines: [{ productId: s.meteId, qty: 4, expiryDate: '2027-06-01' }] });
    const fresh = (await lotsOf(s.meteId)).find((l) => l.intakeId === intake.id);
    expect(fresh).toMatchObject({ terms: { type: 'commission', commissionBps: 2000 }, sellPrice: 55_000, termsDiffer: false, value: 4 * 55_000 - 44_000 });

    // A sale from an old lot still owes the supplier the old harga titip.
    const sale = await sell(s.meteId, 1);
    const share = t.app.db.$client.prepare("SELECT amount FROM ledger_entries WHERE kind = 'sale' ORDER BY id DESC LIMIT 1").get() as { amount: number };
    expect(sale.total).toBe(55_000);
    expect(share.amount).toBe(40_000);
  });

  it('refuses a taken barcode, a supplier price over the sell price, and both barcode kinds at once', async () => {
    expect((await refused('products.update', { id: s.tenunId, barcode: '8991234500011' }, 'CONFLICT')).details.field).toBe('barcode');
    expect((await refused('products.update', { id: s.meteId, sellPrice: 30_000 }, 'VALIDATION')).details.field).toBe('terms.supplierPrice');
    expect((await refused('products.update', { id: s.meteId, barcode: '123456', generateBarcode: true }, 'VALIDATION')).details.field).toBe('generateBarcode');
    expect((await refused('products.update', { id: s.meteId, supplierId: s.supplier2Id }, 'VALIDATION')).details.field).toBe('');
  });

  it('generates an internal EAN-13 the scanner finds', async () => {
    const p = await ok('products.update', { id: s.tenunId, generateBarcode: true });
    expect(p.barcode).toMatch(/^20\d{11}$/);
    expect(isValidEan13(p.barcode)).toBe(true);
    expect((await ok('products.lookup', { code: p.barcode }, s.cashier)).id).toBe(s.tenunId);
    const cleared = await ok('products.update', { id: s.tenunId, barcode: null });
    expect(cleared.barcode).toBeNull();
  });

  it('lists by supplier, words, low stock and activity', async () => {
    expect((await ok('products.list', { supplierId: s.supplierId })).map((p: any) => p.id).sort()).toEqual([s.meteId, s.abonId].sort());
    expect((await ok('products.list', { query: 'tenun masalili' })).map((p: any) => p.id)).toEqual([s.tenunId]);
    await ok('products.update', { id: s.meteId, minStock: 15 });
    await ok('products.update', { id: s.tenunId, minStock: 2 });
    expect((await ok('products.list', { lowStock: true })).map((p: any) => p.id)).toEqual([s.meteId]);
    const off = await ok('products.deactivate', { id: s.abonId });
    expect(off.active).toBe(false);
    await refused('products.deactivate', { id: s.abonId }, 'CONFLICT');
    expect((await ok('products.list', {})).map((p: any) => p.id)).not.toContain(s.abonId);
    expect((await ok('products.list', { includeInactive: true })).map((p: any) => p.id)).toContain(s.abonId);
    expect((await t.api('products.lookup', { code: '8991234500028' }, s.cashier)).body.error.code).toBe('NOT_FOUND');
    expect((await ok('products.reactivate', { id: s.abonId })).active).toBe(true);
  });

  it('shows each lot with what happened to it', async () => {
    await sell(s.meteId, 2);
    const { meteSoon } = await seededLots();
    expect(meteSoon).toMatchObject({ receivedQty: 5, remainingQty: 3, soldQty: 2, returnedQty: 0, adjustedQty: 0, intakeNumber: 'TT-20261129-001', expired: false });
  });
});

describe('intakes', () => {
  it('gets and lists intakes with their value at the supplier terms', async () => {
    const [second, first] = await ok('intakes.list', {});
    expect(first).toMatchObject({ number: 'TT-20261129-001', supplierCode: 'S0001', receivedByName: 'Bu Manajer', lineCount: 3, totalQty: 19, totalValue: 712_000 });
    expect(second).toMatchObject({ number: 'TT-20261129-002', supplierName: 'Tenun Masalili', totalQty: 3, totalValue: 892_500 });
    const intake = await ok('intakes.get', { id: first.id });
    expect(intake.lines).toEqual([
      expect.objectContaining({ name: 'Kacang Mete Original 250 g', qty: 10, expiryDate: '2027-03-01', terms: { type: 'fixed', supplierPrice: 40_000 }, value: 400_000 }),
      expect.objectContaining({ qty: 5, expiryDate: '2026-12-10', value: 200_000 }),
      expect.objectContaining({ name: 'Abon Ikan Tuna 100 g', qty: 4, value: 112_000 }),
    ]);
    expect((await ok('intakes.list', { supplierId: s.supplier2Id })).map((i: any) => i.number)).toEqual(['TT-20261129-002']);
    expect(await ok('intakes.list', { from: '2026-11-30' })).toEqual([]);
    expect(await ok('intakes.list', { from: '2026-11-29', to: '2026-11-29' })).toHaveLength(2);
  });

  it('prints the intake slip after an intake commits, and reprints it marked as a copy', async () => {
    const p = await usePrinter(32);
    const intake = await ok('intakes.create', { supplierId: s.supplier2Id, lines: [{ productId: s.tenunId, qty: 2 }], note: 'Motif baru' });
    // intakes.create prints the slip itself, after the commit.
    expect(intake.printJob).toMatchObject({ kind: 'intake', refId: intake.id, copy: false });
    const manager = t.app.db.$client.prepare("SELECT id, name FROM users WHERE username = 'manajer'").get() as { id: number; name: string };
    const call: Call = { ctx: t.app.ctx, print: t.app.print, documents: t.app.documents, reports: t.app.reports, central: t.app.central, token: null, actor: { userId: manager.id, name: manager.name, role: 'manager', tillCode: 'K1' } };
    const [bytes] = await p.waitForJobs(1, 5000);
    const decoded = decodeEscPos(bytes, { columns: 32 });
    const text = decoded.lines.join('\n');
    expect(decoded.unknown).toEqual([]);
    expect(text).toContain('TANDA TERIMA BARANG TITIPAN');
    expect(text).toContain(`No: ${intake.number}`);
    expect(text).toContain('Pemasok: S0002 Tenun Masalili');
    expect(text).toMatch(/Komisi 15% @ 350\.000\s+595\.000/);
    expect(text).toMatch(/Nilai titipan\s+Rp 595\.000/);
    expect(text).toContain('Catatan: Motif baru');
    expect(text).toContain('Petugas Penerima');
    expect(text).not.toContain('SALINAN');
    for (const line of decoded.lines) expect(line.length).toBeLessThanOrEqual(32);

    const reprint = await ok('intakes.reprint', { id: intake.id });
    expect(reprint).toMatchObject({ kind: 'intake', refId: intake.id, copy: true });
    const jobs = await p.waitForJobs(2, 5000);
    expect(decodeEscPos(jobs[1]).lines.join('\n')).toContain('SALINAN');
    expect(lastAudit('intakes.reprint')).toMatchObject({ entity_id: intake.id });
    // An unknown intake: nothing queued, nothing thrown, the reason logged.
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(call.documents.intakeSlip(call.actor, 999)).toBeUndefined();
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });
});

describe('returns to supplier', () => {
  it('returns lots, prints the slip, writes no ledger entry, and shows in movements', async () => {
    const p = await usePrinter(48);
    const { meteLate, abon } = await seededLots();
    const ledgerBefore = snapshot(t.app).ledger_entries;
    const ret = await ok('returns.create', {
      supplierId: s.supplierId,
      lines: [{ lotId: meteLate.id, qty: 2 }, { lotId: abon.id, qty: 4 }, { lotId: meteLate.id, qty: 1 }],
      reason: 'unsold',
      note: 'Diambil pemilik',
    });
    expect(ret).toMatchObject({ number: 'RT-20261129-001', supplierCode: 'S0001', reason: 'unsold', createdByName: 'Bu Manajer', totalQty: 7, totalValue: 3 * 40_000 + 4 * 28_000 });
    expect(ret.lines).toEqual([
      expect.objectContaining({ lotId: meteLate.id, qty: 3, intakeNumber: 'TT-20261129-001' }),
      expect.objectContaining({ lotId: abon.id, qty: 4 }),
    ]);
    expect(ret.printJob).toMatchObject({ kind: 'return', refId: ret.id, copy: false });
    expect(snapshot(t.app).ledger_entries).toEqual(ledgerBefore);
    const after = await seededLots();
    expect(after.meteLate).toMatchObject({ remainingQty: 7, returnedQty: 3 });
    expect(after.abon).toMatchObject({ remainingQty: 0, returnedQty: 4 });
    expect((await ok('products.get', { id: s.abonId }, s.cashier)).stock).toBe(0);

    const [bytes] = await p.waitForJobs(1, 5000);
    const text = decodeEscPos(bytes, { columns: 48 }).lines.join('\n');
    expect(text).toContain('BUKTI RETUR BARANG TITIPAN');
    expect(text).toContain('No: RT-20261129-001');
    expect(text).toContain('Alasan: Tidak laku');
    expect(text).toMatch(/Titip @ 40\.000\s+120\.000/);
    expect(text).toMatch(/Nilai barang\s+Rp 232\.000/);
    expect(text).toContain('Petugas Toko');

    expect(await ok('returns.get', { id: ret.id })).toMatchObject({ number: ret.number, totalQty: 7 });
    expect((await ok('returns.list', { supplierId: s.supplierId })).map((r: any) => r.number)).toEqual([ret.number]);
    expect(await ok('returns.list', { supplierId: s.supplier2Id })).toEqual([]);
    const copy = await ok('returns.reprint', { id: ret.id });
    expect(copy).toMatchObject({ kind: 'return', copy: true });
    expect(decodeEscPos((await p.waitForJobs(2, 5000))[1]).lines.join('\n')).toContain('SALINAN');

    const moves = await ok('stock.movements', { lotId: meteLate.id });
    expect(moves.map((m: any) => [m.kind, m.qty, m.refNumber, m.userName])).toEqual([
      ['return', -3, 'RT-20261129-001', 'Bu Manajer'],
      ['intake', 10, 'TT-20261129-001', 'Bu Manajer'],
    ]);
    expect(lotInvariantViolations(t.app.db)).toEqual([]);
  });

  it('refuses more than remains, another supplier’s lot and a bad reason, changing nothing', async () => {
    const { meteSoon, tenun } = await seededLots();
    const over = await refused('returns.create', { supplierId: s.supplierId, lines: [{ lotId: meteSoon.id, qty: 6 }], reason: 'expired' }, 'VALIDATION');
    expect(over.details).toMatchObject({ field: 'lines.0.qty', remaining: 5, requested: 6 });
    const split = await refused('returns.create', { supplierId: s.supplierId, lines: [{ lotId: meteSoon.id, qty: 3 }, { lotId: meteSoon.id, qty: 3 }], reason: 'expired' }, 'VALIDATION');
    expect(split.details).toMatchObject({ field: 'lines.1.qty', remaining: 5, requested: 6 });
    const other = await refused('returns.create', { supplierId: s.supplierId, lines: [{ lotId: tenun.id, qty: 1 }], reason: 'unsold' }, 'VALIDATION');
    expect(other.details.field).toBe('lines.0.lotId');
    await refused('returns.create', { supplierId: s.supplierId, lines: [{ lotId: meteSoon.id, qty: 1 }], reason: 'lost' }, 'VALIDATION');
    await refused('returns.create', { supplierId: s.supplierId, lines: [], reason: 'unsold' }, 'VALIDATION');
    await refused('returns.create', { supplierId: s.supplierId, lines: [{ lotId: meteSoon.id, qty: 0 }], reason: 'unsold' }, 'VALIDATION');
    // Sold units are gone from the lot: a sale in between shrinks what can be returned.
    await sell(s.meteId, 4);
    await refused('returns.create', { supplierId: s.supplierId, lines: [{ lotId: meteSoon.id, qty: 2 }], reason: 'expired' }, 'VALIDATION');
  });
});

describe('expiry and slow movers', () => {
  it('lists near-expiry and expired lots, and returns them in one click', async () => {
    const near = await ok('stock.nearExpiry', {});
    expect(near.map((l: any) => [l.name, l.expiryDate, l.remainingQty, l.daysToExpiry, l.expired])).toEqual([
      ['Abon Ikan Tuna 100 g', '2026-11-30', 4, 1, false],
      ['Kacang Mete Original 250 g', '2026-12-10', 5, 11, false],
    ]);
    expect((await ok('stock.nearExpiry', { days: 5 })).map((l: any) => l.expiryDate)).toEqual(['2026-11-30']);
    expect(await ok('stock.nearExpiry', { supplierId: s.supplier2Id })).toEqual([]);
    await advanceDays(2);
    const later = await ok('stock.nearExpiry', { days: 0 });
    expect(later).toEqual([expect.objectContaining({ expiryDate: '2026-11-30', expired: true, daysToExpiry: -1, value: 112_000 })]);

    const ret = await ok('returns.fromNearExpiry', { supplierId: s.supplierId });
    expect(ret).toMatchObject({ number: 'RT-20261201-001', reason: 'expired', totalQty: 9 });
    expect(await ok('stock.nearExpiry', {})).toEqual([]);
    expect((await ok('products.get', { id: s.meteId }, s.cashier)).stock).toBe(10);
    const none = await refused('returns.fromNearExpiry', { supplierId: s.supplierId }, 'VALIDATION');
    expect(none.details.field).toBe('supplierId');
  });

  it('lists lots whose product has not sold for N days', async () => {
    expect(await ok('stock.slowMoving', { days: 7 })).toEqual([]); // received today
    await advanceDays(8);
    await sell(s.meteId, 1);
    const slow = await ok('stock.slowMoving', { days: 7 });
    expect(slow.map((l: any) => l.name).sort()).toEqual(['Abon Ikan Tuna 100 g', 'Sarung Tenun Masalili']);
    expect(slow.every((l: any) => l.lastSoldAt === null)).toBe(true);
    expect((await ok('stock.slowMoving', { days: 7, supplierId: s.supplier2Id })).map((l: any) => l.name)).toEqual(['Sarung Tenun Masalili']);
    await refused('stock.slowMoving', { days: 0 }, 'VALIDATION');
  });
});

describe('stock corrections', () => {
  it('a shop-borne loss is owed to the supplier at the lot terms; supplier-borne units move no money, found units take back a loss still owed', async () => {
    const { meteLate, tenun } = await seededLots();
    const loss = await ok('stock.adjust', { lotId: meteLate.id, delta: -2, reason: 'Hilang di rak', liability: 'shop' });
    expect(loss).toMatchObject({ delta: -2, liability: 'shop', lossAmount: 80_000, remainingQty: 8, ledgerEntryId: expect.any(Number) });
    const entry = t.app.db.$client.prepare('SELECT * FROM ledger_entries WHERE id = ?').get(loss.ledgerEntryId) as any;
    expect(entry).toMatchObject({ kind: 'loss', amount: 80_000, supplier_id: s.supplierId, lot_id: meteLate.id, qty: 2, note: 'Hilang di rak' });
    expect(JSON.parse(lastAudit('stock.adjust')!.details)).toMatchObject({ delta: -2, liability: 'shop', lossAmount: 80_000 });

    // Commission terms: sell × qty − 15 % commission.
    const cloth = await ok('stock.adjust', { lotId: tenun.id, delta: -1, reason: 'Rusak kena air', liability: 'shop' });
    expect(cloth.lossAmount).toBe(350_000 - 52_500);

    const ledger = snapshot(t.app).ledger_entries;
    const theirs = await ok('stock.adjust', { lotId: meteLate.id, delta: -1, reason: 'Kemasan bocor dari pemasok', liability: 'supplier' });
    expect(theirs).toMatchObject({ ledgerEntryId: null, lossAmount: 0, remainingQty: 7 });
    expect(snapshot(t.app).ledger_entries).toEqual(ledger);
    // Three found again: the two still owed as lost are taken back (never paid twice), the third moves nothing.
    const found = await ok('stock.adjust', { lotId: meteLate.id, delta: 3, reason: 'Ketemu di gudang', liability: 'shop' });
    expect(found).toMatchObject({ ledgerEntryId: expect.any(Number), liability: null, remainingQty: 10, lossAmount: -80_000 });
    const back = t.app.db.$client.prepare('SELECT * FROM ledger_entries WHERE id = ?').get(found.ledgerEntryId) as any;
    expect(back).toMatchObject({ kind: 'loss', amount: -80_000, qty: -2, lot_id: meteLate.id, note: 'Ditemukan kembali: Ketemu di gudang' });
    expect((await ok('suppliers.get', { id: s.supplierId })).balance).toBe(0);
    expect(lotInvariantViolations(t.app.db)).toEqual([]);
  });

  it('refuses going below zero, a zero delta and a missing reason, changing nothing', async () => {
    const { meteSoon } = await seededLots();
    const below = await refused('stock.adjust', { lotId: meteSoon.id, delta: -6, reason: 'Hilang', liability: 'shop' }, 'VALIDATION');
    expect(below.details).toMatchObject({ field: 'delta', remaining: 5 });
    expect((await refused('stock.adjust', { lotId: meteSoon.id, delta: 0, reason: 'x', liability: 'shop' }, 'VALIDATION')).details.field).toBe('delta');
    expect((await refused('stock.adjust', { lotId: meteSoon.id, delta: -1, reason: ' ', liability: 'shop' }, 'VALIDATION')).details.field).toBe('reason');
    expect((await refused('stock.adjust', { lotId: meteSoon.id, delta: -1, reason: 'x', liability: 'kasir' }, 'VALIDATION')).details.field).toBe('liability');
    expect((await refused('stock.adjust', { lotId: meteSoon.id, delta: 1.5, reason: 'x', liability: 'shop' }, 'VALIDATION')).details.field).toBe('delta');
  });
});

describe('stock count (opname)', () => {
  it('starts, records by lot and by product, shows differences, and posts them as adjustments', async () => {
    const { meteLate, meteSoon, abon } = await seededLots();
    const count = await ok('stock.count.start', { supplierId: s.supplierId, note: 'Opname akhir bulan' });
    expect(count).toMatchObject({ number: 'SO-20261129-001', status: 'open', supplierName: 'UD Mete Muna', totals: { lines: 3, counted: 0, uncounted: 3 } });
    expect(count.lines.map((l: any) => [l.lotId, l.expectedQty, l.countedQty])).toEqual(
      expect.arrayContaining([[meteLate.id, 10, null], [meteSoon.id, 5, null], [abon.id, 4, null]]),
    );

    // Lot by lot for the mete; the abon by scanning the product.
    const recorded = await ok('stock.count.record', {
      countId: count.id,
      lines: [{ lotId: meteLate.id, countedQty: 8 }, { lotId: meteSoon.id, countedQty: 6 }, { productId: s.abonId, countedQty: 4 }],
    });
    const byLot = new Map(recorded.lines.map((l: any) => [l.lotId, l]));
    expect(byLot.get(meteLate.id)).toMatchObject({ expectedQty: 10, countedQty: 8, difference: -2, lossValue: 80_000 });
    expect(byLot.get(meteSoon.id)).toMatchObject({ expectedQty: 5, countedQty: 6, difference: 1, lossValue: 0 });
    expect(byLot.get(abon.id)).toMatchObject({ countedQty: 4, difference: 0 });
    expect(recorded.totals).toMatchObject({ counted: 3, withDifference: 2, shortQty: 2, surplusQty: 1, shortValue: 80_000 });

    // The shop sells during the count: not a difference (the soon-expiring lot goes first).
    await sell(s.meteId, 1);
    const got = await ok('stock.count.get', { countId: count.id });
    expect(got.lines.find((l: any) => l.lotId === meteSoon.id)).toMatchObject({ difference: 1, currentQty: 4 });

    const missing = await refused('stock.count.post', { countId: count.id, lines: [{ lotId: meteLate.id, reason: 'Hilang', liability: 'shop' }] }, 'VALIDATION');
    expect(missing.details).toMatchObject({ field: 'lines', missing: [meteSoon.id] });
    const noLiability = await refused('stock.count.post', { countId: count.id, lines: [{ lotId: meteLate.id, reason: 'Hilang' }, { lotId: meteSoon.id, reason: 'Salah hitung' }] }, 'VALIDATION');
    expect(noLiability.details.field).toBe('lines.0.liability');
    const stranger = await refused('stock.count.post', { countId: count.id, lines: [{ lotId: 999, reason: 'x' }] }, 'VALIDATION');
    expect(stranger.details.field).toBe('lines.0.lotId');

    const posted = await ok('stock.count.post', {
      countId: count.id,
      lines: [{ lotId: meteLate.id, reason: 'Hilang', liability: 'shop' }, { lotId: meteSoon.id, reason: 'Salah catat saat terima' }],
    });
    expect(posted.status).toBe('posted');
    expect(posted.adjustments.map((a: any) => [a.lotId, a.delta, a.liability, a.lossAmount, a.countId])).toEqual([
      [meteSoon.id, 1, null, 0, count.id],
      [meteLate.id, -2, 'shop', 80_000, count.id],
    ]);
    const after = await seededLots();
    expect(after.meteLate.remainingQty).toBe(8);
    expect(after.meteSoon.remainingQty).toBe(5); // 5 − 1 sold + 1 found
    const losses = t.app.db.$client.prepare("SELECT amount, lot_id, qty FROM ledger_entries WHERE kind = 'loss'").all();
    expect(losses).toEqual([{ amount: 80_000, lot_id: meteLate.id, qty: 2 }]);
    expect(lotInvariantViolations(t.app.db)).toEqual([]);

    const moves = await ok('stock.movements', { productId: s.meteId });
    expect(moves.slice(0, 3).map((m: any) => [m.kind, m.qty, m.refNumber])).toEqual(
      expect.arrayContaining([['adjustment', -2, 'SO-20261129-001'], ['adjustment', 1, 'SO-20261129-001']]),
    );
    expect(moves.some((m: any) => m.kind === 'sale' && m.qty === -1 && m.userName === 'Wa Ode Kasir')).toBe(true);

    await refused('stock.count.post', { countId: count.id, lines: [] }, 'CONFLICT');
    await refused('stock.count.record', { countId: count.id, lines: [{ lotId: meteLate.id, countedQty: 1 }] }, 'CONFLICT');
    await refused('stock.count.cancel', { countId: count.id }, 'CONFLICT');
    expect((await ok('stock.count.list', {})).map((c: any) => [c.number, c.status, c.lines, c.counted])).toEqual([['SO-20261129-001', 'posted', 3, 3]]);
  });

  it('spreads a product count over its lots latest expiry first', async () => {
    const { meteLate, meteSoon } = await seededLots();
    const count = await ok('stock.count.start', { category: 'Makanan' });
    expect(count.lines.map((l: any) => l.lotId).sort()).toEqual([meteLate.id, meteSoon.id].sort());
    const short = await ok('stock.count.record', { countId: count.id, lines: [{ productId: s.meteId, countedQty: 12 }] });
    const get = (v: any, id: number) => v.lines.find((l: any) => l.lotId === id);
    expect([get(short, meteLate.id).countedQty, get(short, meteSoon.id).countedQty]).toEqual([10, 2]);
    const over = await ok('stock.count.record', { countId: count.id, lines: [{ productId: s.meteId, countedQty: 17 }] });
    expect([get(over, meteLate.id).countedQty, get(over, meteSoon.id).countedQty]).toEqual([12, 5]);
    const cancelled = await ok('stock.count.cancel', { countId: count.id });
    expect(cancelled.status).toBe('cancelled');
    expect((await seededLots()).meteLate.remainingQty).toBe(10);
  });

  it('refuses overlapping counts, empty scopes, strangers in a count, and a count that would go below zero', async () => {
    const { meteSoon, tenun } = await seededLots();
    const count = await ok('stock.count.start', {});
    expect(count.totals.lines).toBe(4);
    await refused('stock.count.start', { supplierId: s.supplierId }, 'CONFLICT');
    expect((await refused('stock.count.start', { category: 'Minuman' }, 'VALIDATION')).details.field).toBe('category');
    await refused('stock.count.record', { countId: count.id, lines: [{ productId: 999, countedQty: 1 }] }, 'VALIDATION');
    await refused('stock.count.record', { countId: count.id, lines: [{ lotId: meteSoon.id, countedQty: -1 }] }, 'VALIDATION');
    await refused('stock.count.record', { countId: count.id, lines: [] }, 'VALIDATION');

    // One cloth counted of three (2 short), then two sold before posting: the lot cannot give 2 more.
    await ok('stock.count.record', { countId: count.id, lines: [{ lotId: tenun.id, countedQty: 1 }] });
    await sell(s.tenunId, 2);
    const below = await refused('stock.count.post', { countId: count.id, lines: [{ lotId: tenun.id, reason: 'Hilang', liability: 'shop' }] }, 'VALIDATION');
    expect(below.details).toMatchObject({ lotId: tenun.id, remaining: 1, difference: -2 });
    // Counting the lot again fixes it.
    await ok('stock.count.record', { countId: count.id, lines: [{ lotId: tenun.id, countedQty: 1 }] });
    const posted = await ok('stock.count.post', { countId: count.id, lines: [] });
    expect(posted).toMatchObject({ status: 'posted', adjustments: [] });
    expect(lotInvariantViolations(t.app.db)).toEqual([]);
  });
});

describe('movements', () => {
  it('tells the story of a product: intake, sale, return, adjustment, with who and when', async () => {
    const { meteLate, meteSoon } = await seededLots();
    t.clock.advance(60_000);
    await sell(s.meteId, 6); // 5 from the soon lot, 1 from the late lot
    t.clock.advance(60_000);
    await ok('returns.create', { supplierId: s.supplierId, lines: [{ lotId: meteLate.id, qty: 2 }], reason: 'damaged' });
    t.clock.advance(60_000);
    await ok('stock.adjust', { lotId: meteLate.id, delta: -1, reason: 'Pecah', liability: 'supplier' });
    const moves = await ok('stock.movements', { productId: s.meteId });
    expect(moves.map((m: any) => [m.kind, m.lotId, m.qty, m.userName])).toEqual([
      ['adjustment', meteLate.id, -1, 'Bu Manajer'],
      ['return', meteLate.id, -2, 'Bu Manajer'],
      ['sale', meteLate.id, -1, 'Wa Ode Kasir'],
      ['sale', meteSoon.id, -5, 'Wa Ode Kasir'],
      ['intake', meteSoon.id, 5, 'Bu Manajer'],
      ['intake', meteLate.id, 10, 'Bu Manajer'],
    ]);
    expect(moves[0]).toMatchObject({ refId: null, note: 'Pecah (tanggungan pemasok)', at: t.clock.now() });
    expect(moves[2].refNumber).toMatch(/^K1-20261129-\d{4}$/);
    const lotMoves = await ok('stock.movements', { lotId: meteSoon.id });
    expect(lotMoves.map((m: any) => m.kind)).toEqual(['sale', 'intake']);
    expect(lotMoves.reduce((n: number, m: any) => n + m.qty, 0)).toBe(0);
  });

  it('shows refunded units put back into their lot', async () => {
    const { tenun } = await seededLots();
    const sale = await sell(s.tenunId, 1);
    t.clock.advance(60_000);
    await ok('sales.void', { saleId: sale.id, reason: 'Salah ambil motif' });
    const moves = await ok('stock.movements', { lotId: tenun.id });
    expect(moves.map((m: any) => [m.kind, m.qty, m.userName])).toEqual([
      ['refund', 1, 'Bu Manajer'],
      ['sale', -1, 'Wa Ode Kasir'],
      ['intake', 3, 'Bu Manajer'],
    ]);
    expect(moves[0].refNumber).toMatch(/^RF-K1-20261129-\d{3}$/);
    expect((await lotsOf(s.tenunId))[0]).toMatchObject({ remainingQty: 3, soldQty: 1, restockedQty: 1 });
    expect(lotInvariantViolations(t.app.db)).toEqual([]);
  });
});

describe('labels', () => {
  it('prints price labels with barcodes to the till printer, by product or for a whole intake', async () => {
    const p = await usePrinter(32);
    const tenun = await ok('products.update', { id: s.tenunId, generateBarcode: true });
    const r = await ok('labels.print', { items: [{ productId: s.meteId, qty: 2 }, { productId: s.tenunId, qty: 1 }] }, s.cashier);
    expect(r).toMatchObject({ labels: 3, printJob: { kind: 'labels', copy: false } });
    const [bytes] = await p.waitForJobs(1, 5000);
    const decoded = decodeEscPos(bytes, { columns: 32 });
    expect(decoded.unknown).toEqual([]);
    expect(decoded.cuts).toBe(3);
    expect(decoded.events.filter((e) => e.type === 'barcode').map((e: any) => e.data)).toEqual(['8991234500011', '8991234500011', tenun.barcode]);
    expect(decoded.lines.map((l) => l.trim())).toContain('Rp 350.000');

    const intakes = await ok('intakes.list', { supplierId: s.supplierId });
    expect((await ok('labels.print', { intakeId: intakes[0].id }, s.cashier)).labels).toBe(19);

    await refused('labels.print', {}, 'VALIDATION', s.cashier);
    await refused('labels.print', { items: [{ productId: s.meteId, qty: 1 }], intakeId: intakes[0].id }, 'VALIDATION', s.cashier);
    const tooMany = await refused('labels.print', { items: [{ productId: s.meteId, qty: 200 }, { productId: s.abonId, qty: 200 }, { productId: s.tenunId, qty: 200 }] }, 'VALIDATION', s.cashier);
    expect(tooMany.details).toMatchObject({ field: 'items', total: 600 });
  });
});
