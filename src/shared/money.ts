/**
 * Money is integer rupiah everywhere. Parse on input, format on display,
 * round in one place.
 */
export type Rupiah = number;

/** Largest amount the shop will ever handle in one field: Rp 1 trillion. */
export const MAX_RUPIAH = 1_000_000_000_000;

export function isRupiah(value: unknown): value is Rupiah {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/**
 * Half-up rounding of numerator / denominator for non-negative or negative
 * integers (half away from zero). Exact for integer inputs: no floats.
 */
export function divRoundHalfUp(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator === 0) {
    throw new RangeError(`divRoundHalfUp needs safe integers, got ${numerator}/${denominator}`);
  }
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  const sign = (n < 0n) !== (d < 0n) ? -1n : 1n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (2n * an + ad) / (2n * ad);
  return Number(sign * q);
}

/** The part of `amount` that `bps` basis points (1/100 of a percent) is, half-up. */
export function basisPoints(amount: Rupiah, bps: number): Rupiah {
  if (!Number.isSafeInteger(amount) || !Number.isSafeInteger(bps)) {
    throw new RangeError(`basisPoints needs safe integers, got ${amount} × ${bps}`);
  }
  // The product can pass 2^53 (Rp 10^12 × 10 000), so multiply exactly; same half-up rule.
  const n = BigInt(amount) * BigInt(bps);
  const q = ((n < 0n ? -n : n) * 2n + 10_000n) / 20_000n;
  return Number(n < 0n ? -q : q);
}

const groupFormat = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });

/** `45000` → `45.000` (id-ID grouping, no currency). */
export function formatNumber(amount: number): string {
  return groupFormat.format(amount);
}

/** `45000` → `Rp 45.000`; negative → `-Rp 45.000`. Plain ASCII space. */
export function formatRupiah(amount: Rupiah): string {
  const body = `Rp ${formatNumber(Math.abs(amount))}`;
  return amount < 0 ? `-${body}` : body;
}

/**
 * Parse what a person typed ("45.000", "Rp 45.000", "45000") into rupiah.
 * Returns null for anything that is not a whole non-negative amount.
 */
export function parseRupiah(text: string): Rupiah | null {
  const cleaned = text.trim().replace(/^rp\.?\s*/i, '').replace(/[.\s]/g, '');
  if (!/^\d{1,13}$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return value <= MAX_RUPIAH ? value : null;
}
