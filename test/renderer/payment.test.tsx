import { describe, expect, it } from 'vitest';
import { canAddRow, quickCashAmounts, summarizePayments, withPending } from '../../src/renderer/src/features/till/payment';

describe('summarizePayments', () => {
  it('exact cash: nothing remaining, no change', () => {
    expect(summarizePayments(45_000, [{ method: 'cash', amount: 45_000 }])).toMatchObject({
      paid: 45_000,
      remaining: 0,
      change: 0,
      problem: null,
      canConfirm: true,
    });
  });

  it('cash above the total gives change', () => {
    expect(summarizePayments(123_000, [{ method: 'cash', amount: 150_000 }])).toMatchObject({
      paid: 150_000,
      remaining: 0,
      change: 27_000,
      canConfirm: true,
    });
  });

  it('too little: the remaining amount, cannot confirm', () => {
    expect(summarizePayments(100_000, [{ method: 'cash', amount: 60_000 }])).toMatchObject({
      remaining: 40_000,
      change: 0,
      problem: 'short',
      canConfirm: false,
    });
  });

  it('nothing yet', () => {
    expect(summarizePayments(100_000, [])).toMatchObject({ remaining: 100_000, problem: 'empty', canConfirm: false });
  });

  it('only cash may exceed the total', () => {
    for (const method of ['qris', 'debit', 'transfer'] as const) {
      expect(summarizePayments(100_000, [{ method, amount: 100_001 }])).toMatchObject({
        problem: 'nonCashExceeds',
        change: 0,
        canConfirm: false,
      });
      expect(summarizePayments(100_000, [{ method, amount: 100_000 }]).canConfirm).toBe(true);
    }
  });

  it('split: QRIS then cash, the change comes from the cash', () => {
    const s = summarizePayments(100_000, [
      { method: 'qris', amount: 70_000 },
      { method: 'cash', amount: 50_000 },
    ]);
    expect(s).toMatchObject({ paid: 120_000, cash: 50_000, nonCash: 70_000, remaining: 0, change: 20_000, canConfirm: true });
  });

  it('split: two non-cash payments together may not exceed the total', () => {
    const s = summarizePayments(100_000, [
      { method: 'qris', amount: 70_000 },
      { method: 'debit', amount: 40_000 },
    ]);
    expect(s.problem).toBe('nonCashExceeds');
  });

  it('ignores empty rows', () => {
    expect(summarizePayments(10_000, [{ method: 'cash', amount: 0 }]).problem).toBe('empty');
  });
});

describe('adding a payment row', () => {
  it('the amount in the field counts as a pending row', () => {
    expect(withPending([{ method: 'qris', amount: 10 }], { method: 'cash', amount: 5 })).toHaveLength(2);
    expect(withPending([{ method: 'qris', amount: 10 }], null)).toHaveLength(1);
    expect(withPending([], { method: 'cash', amount: 0 })).toHaveLength(0);
  });

  it('refuses a non-cash row that takes non-cash over the total', () => {
    expect(canAddRow(100_000, [{ method: 'qris', amount: 60_000 }], { method: 'debit', amount: 50_000 })).toBe('nonCashExceeds');
    expect(canAddRow(100_000, [{ method: 'qris', amount: 60_000 }], { method: 'cash', amount: 50_000 })).toBeNull();
    expect(canAddRow(100_000, [], { method: 'cash', amount: 0 })).toBe('empty');
  });
});

describe('quick cash amounts', () => {
  it('exact amount first, then round amounts above it', () => {
    expect(quickCashAmounts(123_000)).toEqual([123_000, 130_000, 140_000, 150_000, 200_000]);
  });

  it('small totals offer Rp 50.000 and Rp 100.000 notes', () => {
    expect(quickCashAmounts(45_000)).toEqual([45_000, 50_000, 60_000, 100_000]);
    expect(quickCashAmounts(12_500)).toEqual([12_500, 20_000, 50_000, 100_000]);
  });

  it('a round total has no duplicate', () => {
    const q = quickCashAmounts(100_000);
    expect(q[0]).toBe(100_000);
    expect(new Set(q).size).toBe(q.length);
    expect(q.every((v) => v >= 100_000)).toBe(true);
  });

  it('nothing due, nothing offered', () => {
    expect(quickCashAmounts(0)).toEqual([]);
  });
});
