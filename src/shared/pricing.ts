/**
 * The one pricing of a sale, imported by the core (which is the authority:
 * it prices every checkout again from the database) and by the till screen
 * (which shows the same numbers before the sale is sent). Pure: no
 * database, no clock. See docs/api.md, "Discounts and approval".
 */
import { fail } from './errors';
import { basisPoints, divRoundHalfUp, lineAmount, MAX_RUPIAH, type Rupiah } from './money';
import type { PaymentMethod } from './printer';
import type { Terms } from './types';
import type { ApprovalReason, CashRounding, Discount } from './types-till';

export interface PricingLine {
  qty: number;
  sellPrice: Rupiah;
  discount?: Discount;
  priceOverride?: Rupiah;
}

export interface PricedLine {
  qty: number;
  unitPrice: Rupiah;
  /** Catalogue price when overridden, else null. */
  listPrice: Rupiah | null;
  /** qty × unitPrice. */
  gross: Rupiah;
  /** The line's own discount. */
  discount: Rupiah;
  /** The line's part of the sale discount. */
  saleDiscount: Rupiah;
  /** gross − discount − saleDiscount. */
  net: Rupiah;
}

export interface PricedCart {
  lines: PricedLine[];
  subtotal: Rupiah;
  lineDiscounts: Rupiah;
  saleDiscount: Rupiah;
  discountTotal: Rupiah;
  total: Rupiah;
}

/**
 * A discount's rupiah on `base`. An amount larger than its base is refused
 * (VALIDATION, `details.field` names it), never capped.
 */
export function discountAmount(base: Rupiah, discount: Discount | undefined, field: string): Rupiah {
  if (!discount) return 0;
  if (discount.type === 'percent') return basisPoints(base, discount.bps);
  if (discount.value > base) {
    fail('VALIDATION', `Diskon (${discount.value}) melebihi jumlahnya (${base}).`, { field: `${field}.value`, max: base });
  }
  return discount.value;
}

/**
 * Price a cart: each line at its unit price (the override or the catalogue
 * price) less its own discount; then the sale discount on what is left,
 * spread over the lines by largest remainder in proportion to their amounts,
 * so the net line amounts always add up to the total to the rupiah.
 * Throws VALIDATION for a discount larger than what it applies to and for
 * amounts past MAX_RUPIAH.
 */
export function priceCart(lines: readonly PricingLine[], saleDiscount?: Discount): PricedCart {
  const first = lines.map((line, i) => {
    const unitPrice = line.priceOverride ?? line.sellPrice;
    const gross = lineAmount(unitPrice, line.qty) ?? fail('VALIDATION', 'Jumlah baris terlalu besar.', { field: `lines.${i}.qty`, max: MAX_RUPIAH });
    const discount = discountAmount(gross, line.discount, `lines.${i}.discount`);
    const overridden = line.priceOverride !== undefined && line.priceOverride !== line.sellPrice;
    return { qty: line.qty, unitPrice, listPrice: overridden ? line.sellPrice : null, gross, discount };
  });
  const subtotal = first.reduce((n, l) => n + l.gross, 0);
  if (subtotal > MAX_RUPIAH) fail('VALIDATION', 'Total penjualan terlalu besar.', { field: 'lines', max: MAX_RUPIAH });
  const lineDiscounts = first.reduce((n, l) => n + l.discount, 0);
  const base = subtotal - lineDiscounts;
  const sale = discountAmount(base, saleDiscount, 'discount');
  const shares = splitByWeights(sale, first.map((l) => l.gross - l.discount));
  const priced = first.map((l, i) => ({ ...l, saleDiscount: shares[i]!, net: l.gross - l.discount - shares[i]! }));
  return { lines: priced, subtotal, lineDiscounts, saleDiscount: sale, discountTotal: lineDiscounts + sale, total: base - sale };
}

/** `part / whole` in basis points, rounded half up (0 when whole is 0). */
export const bpsOf = (part: number, whole: number): number =>
  whole <= 0 ? 0 : Number((BigInt(part) * 20_000n + BigInt(whole)) / (2n * BigInt(whole)));

/** Is `part` more than `limitBps` of `whole`? Exact. */
export const overLimit = (part: number, whole: number, limitBps: number): boolean => BigInt(part) * 10_000n > BigInt(whole) * BigInt(limitBps);

/** What in a priced cart needs a manager: discounts over the limit and every price override. */
export function approvalReasons(cart: PricedCart, limitBps: number): ApprovalReason[] {
  const over = (part: number, whole: number) => overLimit(part, whole, limitBps);
  const reasons: ApprovalReason[] = [];
  cart.lines.forEach((l, i) => {
    if (l.listPrice !== null) {
      reasons.push({ kind: 'price_override', line: i, listPrice: l.listPrice, unitPrice: l.unitPrice });
    }
    if (over(l.discount, l.gross)) reasons.push({ kind: 'line_discount', line: i, bps: bpsOf(l.discount, l.gross) });
  });
  const base = cart.subtotal - cart.lineDiscounts;
  if (over(cart.saleDiscount, base)) reasons.push({ kind: 'sale_discount', bps: bpsOf(cart.saleDiscount, base) });
  if (over(cart.discountTotal, cart.subtotal) && !reasons.some((r) => r.kind !== 'price_override')) {
    reasons.push({ kind: 'total_discount', bps: bpsOf(cart.discountTotal, cart.subtotal) });
  }
  return reasons;
}

/**
 * Cash rounding of a sale (setting `'100'`): the cash part (total less
 * non-cash payments) to Rp 100, half up; 0 when no cash is paid.
 */
export function cashRoundingOf(total: Rupiah, payments: readonly { method: PaymentMethod | string; amount: Rupiah }[], mode: CashRounding): Rupiah {
  if (mode !== '100' || !payments.some((p) => p.method === 'cash')) return 0;
  const nonCash = payments.filter((p) => p.method !== 'cash').reduce((n, p) => n + p.amount, 0);
  const cashDue = Math.max(0, total - nonCash);
  return divRoundHalfUp(cashDue, 100) * 100 - cashDue;
}

/**
 * Split `total` over `weights` to the rupiah by largest remainder, so the
 * parts always add up to the total exactly. Ties go to the earlier part.
 */
export function splitByWeights(total: Rupiah, weights: readonly number[]): Rupiah[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((a, b) => a + b, 0);
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

/** A lot's terms with its supplier. */
export interface LotTerms {
  termsType: 'fixed' | 'commission';
  supplierPrice: number | null;
  commissionBps: number | null;
}

/** A lot's or product's stored terms as the API shows them. */
export function termsOf(row: LotTerms): Terms {
  return row.termsType === 'fixed'
    ? { type: 'fixed', supplierPrice: row.supplierPrice ?? 0 }
    : { type: 'commission', commissionBps: row.commissionBps ?? 0 };
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
