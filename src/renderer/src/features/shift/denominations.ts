/** Counting the drawer by notes and coins. */
import { DENOMINATIONS, type Denomination } from '../../../../shared/types-till';
import type { Rupiah } from '../../../../shared/money';

export type DenominationCounts = Partial<Record<Denomination, number>>;

/** Notes are paper from Rp 1.000 up; 1.000 also exists as a coin, counted together. */
export const isCoin = (d: Denomination): boolean => d < 1000;

/** Σ value × count of every denomination. */
export function countedTotal(counts: DenominationCounts): Rupiah {
  return DENOMINATIONS.reduce((n, d) => n + d * (counts[d] ?? 0), 0);
}

/** counted − expected: negative when the drawer is short. */
export const variance = (counted: Rupiah, expected: Rupiah): Rupiah => counted - expected;

/** The `denominations` of `shifts.close`: only the counted ones, keys as strings. */
export function denominationInput(counts: DenominationCounts): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of DENOMINATIONS) {
    const n = counts[d];
    if (n !== undefined && n > 0) out[String(d)] = n;
  }
  return out;
}

/** A typed count: digits only, at most 100 000; empty → undefined. */
export function parseCount(text: string): number | undefined {
  const digits = text.replace(/\D/g, '').slice(0, 6);
  if (!digits) return undefined;
  return Math.min(100_000, Number(digits));
}
