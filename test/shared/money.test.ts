/** `formatNumber` groups whole amounts itself: it must print exactly what `Intl` (id-ID) prints. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber, formatRupiah } from '../../src/shared/money';

const intl = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });

describe('formatNumber', () => {
  it('groups by thousands with a dot, as id-ID does', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(1000)).toBe('1.000');
    expect(formatNumber(45_000)).toBe('45.000');
    expect(formatNumber(-1_234_567)).toBe('-1.234.567');
    expect(formatRupiah(-45_000)).toBe('-Rp 45.000');
  });

  it('prints what Intl prints for every whole amount, and leaves the rest to Intl', () => {
    const edges = [0, -0, 1, -1, 99, 100, 999, 1000, 9999, 10_000, 99_999, 100_000, 999_999, 1_000_000, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1.5, -2.5, 1e21, NaN, Infinity];
    for (const n of edges) expect(formatNumber(n), String(n)).toBe(intl.format(n));
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.maxSafeInteger(), fc.double({ noNaN: false })), (n) => {
        expect(formatNumber(n)).toBe(intl.format(n));
      }),
      { numRuns: 5000 },
    );
  });
});
