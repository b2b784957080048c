import { describe, expect, it } from 'vitest';
import {
  addDays,
  changedFields,
  checkReturn,
  countPostLines,
  expiryTone,
  filterByActive,
  groupBySupplier,
  intakeProblems,
  intakeTotals,
  overviewTotals,
  parseQty,
  previewDifference,
  signedQty,
  supplierValue,
  type IntakeDraftLine,
} from '../../src/renderer/src/features/backoffice/logic';
import type { StockLotRow, SupplierOverview } from '../../src/shared/types-backoffice';

const fixed = (supplierPrice: number) => ({ type: 'fixed' as const, supplierPrice });
const commission = (commissionBps: number) => ({ type: 'commission' as const, commissionBps });

describe('supplierValue', () => {
  it('fixed terms: harga titip × qty, whatever the sell price', () => {
    expect(supplierValue(85_000, fixed(65_000), 12)).toBe(780_000);
    expect(supplierValue(85_000, fixed(65_000), 0)).toBe(0);
  });
  it('commission terms: net minus the shop’s commission rounded half up', () => {
    expect(supplierValue(350_000, commission(1500), 2)).toBe(595_000);
    // 12,5% of 1.005 = 125,625 → 126; the supplier gets 879
    expect(supplierValue(1_005, commission(1250), 1)).toBe(879);
    expect(supplierValue(10_000, commission(0), 3)).toBe(30_000);
    expect(supplierValue(10_000, commission(10_000), 3)).toBe(0);
  });
});

describe('parseQty', () => {
  it('accepts whole numbers only', () => {
    expect(parseQty('12')).toBe(12);
    expect(parseQty(' 7 ')).toBe(7);
    expect(parseQty('0')).toBe(0);
    for (const bad of ['', '1.5', '-2', 'abc', '1e3', '1 2']) expect(parseQty(bad), bad).toBeNull();
  });
  it('refuses more than the maximum', () => {
    expect(parseQty('100000')).toBe(100_000);
    expect(parseQty('100001')).toBeNull();
    expect(parseQty('201', 200)).toBeNull();
  });
});

describe('intake draft', () => {
  const line = (over: Partial<IntakeDraftLine>): IntakeDraftLine => ({
    productId: 1,
    sellPrice: 85_000,
    terms: fixed(65_000),
    trackExpiry: false,
    qty: '1',
    expiryDate: '',
    ...over,
  });
  const today = '2026-11-29';

  it('finds the problem of each line: qty first, then a required or past expiry', () => {
    const problems = intakeProblems(
      [
        line({ qty: '0' }),
        line({ qty: '' }),
        line({ trackExpiry: true }),
        line({ expiryDate: '2026-11-28' }),
        line({ trackExpiry: true, expiryDate: today }),
        line({ qty: '3', expiryDate: '2027-01-01' }),
      ],
      today,
    );
    expect(problems).toEqual({ 0: 'qty', 1: 'qty', 2: 'expiryRequired', 3: 'expiryPast' });
  });

  it('totals units, value at supplier terms and sell value; bad qty counts 0', () => {
    const totals = intakeTotals([
      line({ qty: '12' }),
      line({ qty: '2', sellPrice: 350_000, terms: commission(1500) }),
      line({ qty: 'x' }),
    ]);
    expect(totals).toEqual({ units: 14, value: 12 * 65_000 + 595_000, retail: 12 * 85_000 + 700_000 });
  });
});

describe('checkReturn', () => {
  it('turns the filled quantities into lines', () => {
    const r = checkReturn([
      { lotId: 1, remainingQty: 11, qty: '11' },
      { lotId: 2, remainingQty: 5, qty: '' },
      { lotId: 3, remainingQty: 5, qty: '2' },
    ]);
    expect(r).toEqual({ ok: true, lines: [{ lotId: 1, qty: 11 }, { lotId: 3, qty: 2 }], totalQty: 13 });
  });
  it('refuses more than remains, zero and junk, per lot', () => {
    const r = checkReturn([
      { lotId: 1, remainingQty: 11, qty: '12' },
      { lotId: 2, remainingQty: 5, qty: '0' },
      { lotId: 3, remainingQty: 5, qty: '2' },
    ]);
    expect(r).toEqual({ ok: false, problems: { 1: 'tooMany', 2: 'qty' }, empty: false });
  });
  it('says when nothing was chosen', () => {
    expect(checkReturn([{ lotId: 1, remainingQty: 3, qty: '' }])).toEqual({ ok: false, problems: {}, empty: true });
    expect(checkReturn([])).toEqual({ ok: false, problems: {}, empty: true });
  });
});

const row = (lotId: number, supplierId: number | null, remainingQty: number, value: number, expired = false): StockLotRow => ({
  lotId,
  productId: lotId,
  sku: `P${lotId}`,
  barcode: null,
  name: `Barang ${lotId}`,
  supplierId,
  supplierCode: supplierId ? `S${supplierId}` : null,
  supplierName: supplierId ? `Pemasok ${supplierId}` : null,
  intakeNumber: null,
  receivedAt: 0,
  remainingQty,
  expiryDate: '2026-12-01',
  daysToExpiry: expired ? -1 : 2,
  expired,
  value,
  lastSoldAt: null,
});

describe('groupBySupplier', () => {
  it('groups lots per supplier in first-seen order with totals', () => {
    const groups = groupBySupplier([row(1, 7, 3, 30_000, true), row(2, 8, 1, 5_000), row(3, 7, 2, 20_000), row(4, null, 1, 1_000)]);
    expect(groups.map((g) => g.supplierId)).toEqual([7, 8, null]);
    expect(groups[0]).toMatchObject({ supplierName: 'Pemasok 7', qty: 5, value: 50_000, expiredLots: 1 });
    expect(groups[0].rows.map((r) => r.lotId)).toEqual([1, 3]);
    expect(groups[1]).toMatchObject({ qty: 1, value: 5_000, expiredLots: 0 });
  });
});

describe('expiryTone', () => {
  it('red when past, amber within a week', () => {
    expect(expiryTone(null)).toBe('none');
    expect(expiryTone(-1)).toBe('expired');
    expect(expiryTone(0)).toBe('soon');
    expect(expiryTone(7)).toBe('soon');
    expect(expiryTone(8)).toBe('later');
  });
});

describe('supplier list', () => {
  const s = (id: number, active: boolean, balance: number, stockQty: number, stockValue: number) => ({ id, active, balance, stockQty, stockValue }) as SupplierOverview;
  const rows = [s(1, true, 100, 2, 50), s(2, false, -20, 0, 0), s(3, true, 30, 5, 70)];
  it('filters by active state', () => {
    expect(filterByActive(rows, 'active').map((r) => r.id)).toEqual([1, 3]);
    expect(filterByActive(rows, 'inactive').map((r) => r.id)).toEqual([2]);
    expect(filterByActive(rows, 'all')).toHaveLength(3);
  });
  it('adds up balances and stock', () => {
    expect(overviewTotals(rows)).toEqual({ balance: 110, stockQty: 7, stockValue: 120 });
  });
});

describe('stock count', () => {
  it('every difference needs a reason; a shortfall also who bears it; zero and uncounted lines are skipped', () => {
    const lines = [
      { lotId: 1, difference: -2 },
      { lotId: 2, difference: 1 },
      { lotId: 3, difference: 0 },
      { lotId: 4, difference: null },
      { lotId: 5, difference: -1 },
    ];
    expect(countPostLines(lines, { 1: { reason: 'Hilang', liability: '' }, 2: { reason: '  ', liability: '' } })).toEqual({ ok: false, missing: [1, 2, 5] });
    expect(
      countPostLines(lines, {
        1: { reason: ' Hilang ', liability: 'shop' },
        2: { reason: 'Ditemukan', liability: '' },
        5: { reason: 'Rusak', liability: 'supplier' },
      }),
    ).toEqual({
      ok: true,
      lines: [
        { lotId: 1, reason: 'Hilang', liability: 'shop' },
        { lotId: 2, reason: 'Ditemukan' },
        { lotId: 5, reason: 'Rusak', liability: 'supplier' },
      ],
    });
  });
  it('previews counted − expected', () => {
    expect(previewDifference(10, '8')).toBe(-2);
    expect(previewDifference(10, '12')).toBe(2);
    expect(previewDifference(10, '')).toBeNull();
  });
  it('writes signed quantities with a real minus sign', () => {
    expect(signedQty(3)).toBe('+3');
    expect(signedQty(-2)).toBe('−2');
    expect(signedQty(0)).toBe('0');
  });
});

describe('addDays', () => {
  it('calendar arithmetic across months and years', () => {
    expect(addDays('2026-11-29', 30)).toBe('2026-12-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('changedFields', () => {
  const keys = ['name', 'phone', 'district'] as const;
  const before = { name: 'UD Mete Jaya', phone: '0812', district: null };
  it('sends only what changed, trimmed', () => {
    expect(changedFields(before, { name: 'UD Mete Jaya ', phone: '0813', district: 'Kota Kendari' }, keys, ['name'])).toEqual({
      phone: '0813',
      district: 'Kota Kendari',
    });
    expect(changedFields(before, { name: 'UD Mete Jaya', phone: '0812', district: '' }, keys, ['name'])).toEqual({});
  });
  it('clears an emptied optional field with null, never a required one', () => {
    expect(changedFields(before, { name: '', phone: '', district: '' }, keys, ['name'])).toEqual({ phone: null });
  });
});
