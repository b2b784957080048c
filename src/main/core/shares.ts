import { basisPoints, type Rupiah } from '../../shared/money';

export interface LotTerms {
  termsType: 'fixed' | 'commission';
  supplierPrice: number | null;
  commissionBps: number | null;
}

/**
 * The supplier's share of a sold lot portion. Fixed terms: the agreed price
 * per unit, whatever the shop charged (the shop bears its own discounts).
 * Commission terms: the net amount less the shop's commission, rounded half
 * up to the rupiah by the one rounding helper.
 */
export function supplierShare(terms: LotTerms, qty: number, net: Rupiah): Rupiah {
  if (terms.termsType === 'fixed') return times(terms.supplierPrice ?? 0, qty);
  return net - basisPoints(net, terms.commissionBps ?? 0);
}

/**
 * `a × b` of two stored integers, multiplied exactly. Within today's limits
 * (a lot's value ≤ MAX_RUPIAH) the result is a safe integer; rows written
 * before those limits may pass 2^53 and come back as the nearest number
 * instead of throwing, so a read never fails on them (they are listed by
 * `data.corrections`).
 */
export function times(a: number, b: number): number {
  return Number(BigInt(a) * BigInt(b));
}

/**
 * Split `total` over `weights` to the rupiah by largest remainder, so the
 * parts always add up to the total exactly. Ties go to the earlier part.
 */
export function splitByWeights(total: Rupiah, weights: number[]): Rupiah[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0) return [];
  if (sum === 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const T = BigInt(total);
  const S = BigInt(sum);
  const floors = weights.map((w) => (T * BigInt(w)) / S);
  const remainders = weights.map((w, i) => ({ i, r: (T * BigInt(w)) % S }));
  let left = Number(T - floors.reduce((a, b) => a + b, 0n));
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  const parts = floors.map(Number);
  for (const { i } of remainders) {
    if (left <= 0) break;
    parts[i] += 1;
    left -= 1;
  }
  return parts;
}
