import { describe, expect, it } from 'vitest';
import {
  balanceTotals,
  bpsLabel,
  canSettle,
  endOfPreviousMonth,
  entriesByKind,
  filterBalances,
  formatDay,
  formatPeriod,
  liveTotal,
  signed,
  sumAmounts,
  tone,
  validSelection,
} from '../../src/renderer/src/features/settlements/logic';
import { formatRupiah } from '../../src/shared/money';
import type { BulkSettlementRow, LedgerEntryView, SettlementView, SupplierBalance } from '../../src/shared/types-settlement';

const bal = (supplierId: number, code: string, name: string, balance: number, active = true): SupplierBalance => ({ supplierId, code, name, balance, active });

const ROWS: SupplierBalance[] = [
  bal(1, 'S0001', 'UD Mete Muna', 150_000),
  bal(2, 'S0002', 'Abon Ikan Wakatobi', 0),
  bal(3, 'S0003', 'Kopi Kolaka Jaya', -25_000),
  bal(4, 'S0004', 'Tenun Buton Masalili', 665_500, false),
  bal(5, 'S0005', 'Bagea Kendari', 150_000),
];

describe('filterBalances', () => {
  it('sorts by balance, highest first, ties by name', () => {
    const out = filterBalances(ROWS, { query: '', sort: 'balanceDesc', owedOnly: false });
    expect(out.map((r) => r.supplierId)).toEqual([4, 5, 1, 2, 3]);
  });

  it('sorts lowest first and by name', () => {
    expect(filterBalances(ROWS, { query: '', sort: 'balanceAsc', owedOnly: false }).map((r) => r.supplierId)).toEqual([3, 2, 5, 1, 4]);
    expect(filterBalances(ROWS, { query: '', sort: 'name', owedOnly: false }).map((r) => r.name)).toEqual([
      'Abon Ikan Wakatobi',
      'Bagea Kendari',
      'Kopi Kolaka Jaya',
      'Tenun Buton Masalili',
      'UD Mete Muna',
    ]);
  });

  it('searches code or name, every word, case-insensitively', () => {
    expect(filterBalances(ROWS, { query: 'kolaka', sort: 'name', owedOnly: false }).map((r) => r.supplierId)).toEqual([3]);
    expect(filterBalances(ROWS, { query: 's0004', sort: 'name', owedOnly: false }).map((r) => r.supplierId)).toEqual([4]);
    expect(filterBalances(ROWS, { query: 'ud  MUNA', sort: 'name', owedOnly: false }).map((r) => r.supplierId)).toEqual([1]);
    expect(filterBalances(ROWS, { query: 'xyz', sort: 'name', owedOnly: false })).toEqual([]);
  });

  it('only those owed something', () => {
    expect(filterBalances(ROWS, { query: '', sort: 'balanceDesc', owedOnly: true }).map((r) => r.supplierId)).toEqual([4, 5, 1]);
  });

  it('does not reorder the input', () => {
    const copy = [...ROWS];
    filterBalances(ROWS, { query: '', sort: 'name', owedOnly: false });
    expect(ROWS).toEqual(copy);
  });
});

describe('totals', () => {
  it('owed, credit and net to the rupiah', () => {
    expect(balanceTotals(ROWS)).toEqual({ owed: 965_500, owedCount: 3, credit: -25_000, creditCount: 1, net: 940_500 });
    expect(balanceTotals([])).toEqual({ owed: 0, owedCount: 0, credit: 0, creditCount: 0, net: 0 });
  });

  it('tone and signed amounts', () => {
    expect([tone(5), tone(0), tone(-1)]).toEqual(['pos', 'zero', 'neg']);
    expect(signed(5_000, formatRupiah)).toBe('+Rp 5.000');
    expect(signed(-5_000, formatRupiah)).toBe('-Rp 5.000');
    expect(signed(0, formatRupiah)).toBe('Rp 0');
  });

  it('entries by kind', () => {
    const e = (kind: LedgerEntryView['kind'], amount: number) => ({ kind, amount }) as LedgerEntryView;
    const list = [e('sale', 84_000), e('sale', 36_000), e('refund', -40_000), e('fee', -25_000), e('adjustment', 5_000)];
    const by = entriesByKind(list);
    expect(by.sale).toEqual({ amount: 120_000, count: 2 });
    expect(by.refund).toEqual({ amount: -40_000, count: 1 });
    expect(by.loss).toEqual({ amount: 0, count: 0 });
    expect(sumAmounts(list)).toBe(60_000);
  });

  it('history total leaves voided settlements out', () => {
    const s = (amount: number, status: SettlementView['status']) => ({ amount, status }) as SettlementView;
    expect(liveTotal([s(100_000, 'live'), s(50_000, 'voided'), s(20_000, 'live')])).toBe(120_000);
  });
});

describe('bulk selection', () => {
  const row = (supplierId: number, amount: number, bankAccount: string | null): BulkSettlementRow => ({
    supplierId,
    code: `S${supplierId}`,
    name: `Pemasok ${supplierId}`,
    district: null,
    bankName: bankAccount ? 'BRI' : null,
    bankAccount,
    bankHolder: null,
    amount,
    entryCount: 1,
    throughEntryId: supplierId * 10,
  });
  const rows = [row(1, 100_000, '1234'), row(2, 50_000, null), row(3, 70_000, '  '), row(4, 30_000, '999')];

  it('a transfer needs an account; cash does not', () => {
    expect(canSettle(rows[0], 'transfer')).toBe(true);
    expect(canSettle(rows[1], 'transfer')).toBe(false);
    expect(canSettle(rows[2], 'transfer')).toBe(false);
    expect(canSettle(rows[1], 'cash')).toBe(true);
    expect(canSettle({ amount: 0, bankAccount: '1' }, 'cash')).toBe(false);
  });

  it('keeps only the selected rows valid for the method, in list order', () => {
    const selected = new Set([4, 2, 1]);
    expect(validSelection(rows, selected, 'transfer').map((r) => r.supplierId)).toEqual([1, 4]);
    expect(validSelection(rows, selected, 'cash').map((r) => r.supplierId)).toEqual([1, 2, 4]);
    expect(sumAmounts(validSelection(rows, selected, 'cash'))).toBe(180_000);
  });
});

describe('dates', () => {
  it('end of the previous month', () => {
    expect(endOfPreviousMonth('2026-11-29')).toBe('2026-10-31');
    expect(endOfPreviousMonth('2026-03-01')).toBe('2026-02-28');
    expect(endOfPreviousMonth('2024-03-15')).toBe('2024-02-29');
    expect(endOfPreviousMonth('2027-01-10')).toBe('2026-12-31');
  });

  it('days and periods in Bahasa Indonesia and English', () => {
    expect(formatDay('2026-08-17', 'id')).toBe('17 Agt 2026');
    expect(formatDay('2026-08-17', 'en')).toBe('17 Aug 2026');
    expect(formatPeriod('2026-11-02', '2026-11-30', 'id')).toBe('2 Nov – 30 Nov 2026');
    expect(formatPeriod('2025-12-20', '2026-01-05', 'en')).toBe('20 Dec 2025 – 5 Jan 2026');
    expect(formatPeriod(null, '2026-11-30', 'id')).toBe('30 Nov 2026');
    expect(formatPeriod('2026-11-30', '2026-11-30', 'id')).toBe('30 Nov 2026');
  });

  it('commission percentages', () => {
    expect(bpsLabel(1500)).toBe('15%');
    expect(bpsLabel(1250)).toBe('12,5%');
    expect(bpsLabel(1205)).toBe('12,05%');
    expect(bpsLabel(null)).toBe('');
  });
});
