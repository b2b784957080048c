/**
 * Money is integer rupiah everywhere. Parse on input, format on display,
 * round in one place.
 */
export type Rupiah = number;

/**
 * The one maximum of every amount and every total of one record: a price,
 * a payment, a cash count, a discount, a fee, a line (price × qty), a
 * sale or held cart, an intake line and an intake, a lot's value, a
 * settlement — Rp 10 billion (Rp 10 miliar). Sums over many records
 * (reports, balances, shift totals) stay exact while below 2^53 − 1, i.e.
 * for more than 900 000 records at this maximum. See docs/api.md, "Limits".
 */
export const MAX_RUPIAH = 10_000_000_000;

/** Most units in one line of a sale, intake, return or count. */
export const MAX_QTY = 100_000;

export function isRupiah(value: unknown): value is Rupiah {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** `unitPrice × qty` when it is at most MAX_RUPIAH, else null (exact: no float product is trusted). */
export function lineAmount(unitPrice: Rupiah, qty: number): Rupiah | null {
  const product = BigInt(unitPrice) * BigInt(qty);
  return product <= BigInt(MAX_RUPIAH) && product >= -BigInt(MAX_RUPIAH) ? Number(product) : null;
}

/**
 * Half-up rounding of numerator / denominator for non-negative or negative
 * integers (half away from zero). Exact for integer inputs: no floats.
 */
export function divRoundHalfUp(numerator: number, denominator: number): number {
  // Any integer-valued number converts to BigInt exactly, so stored values
  // written before today's limits (beyond 2^53) still divide without throwing.
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || denominator === 0) {
    throw new RangeError(`divRoundHalfUp needs integers, got ${numerator}/${denominator}`);
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
  // Integers only; beyond 2^53 (rows written before today's limits) still exact from the stored double.
  if (!Number.isInteger(amount) || !Number.isInteger(bps)) {
    throw new RangeError(`basisPoints needs integers, got ${amount} × ${bps}`);
  }
  // The product can pass 2^53 (Rp 10^10 × 10 000), so multiply exactly; same half-up rule.
  const n = BigInt(amount) * BigInt(bps);
  const q = ((n < 0n ? -n : n) * 2n + 10_000n) / 20_000n;
  return Number(n < 0n ? -q : q);
}

const groupFormat = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });

/**
 * `45000` → `45.000` (id-ID grouping, no currency). Whole amounts are
 * grouped here, by the same rule as `Intl` (a test compares them): every
 * printed receipt formats a dozen amounts, and `Intl` showed in its profile.
 */
export function formatNumber(amount: number): string {
  if (!Number.isSafeInteger(amount) || Object.is(amount, -0)) return groupFormat.format(amount);
  const digits = String(Math.abs(amount));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `.${digits.slice(i, i + 3)}`;
  return amount < 0 ? `-${out}` : out;
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
  if (!/^\d{1,16}$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return value <= MAX_RUPIAH ? value : null;
}
