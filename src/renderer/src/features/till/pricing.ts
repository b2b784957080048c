/**
 * The cart's money as the server will compute it (docs/api.md, "Discounts
 * and approval"): line discounts on qty × unit price, the sale discount on
 * what is left, spread over the lines by largest remainder, so the net line
 * amounts add up to the total. Only for display: the server prices again.
 */
import { basisPoints, divRoundHalfUp, type Rupiah } from '../../../../shared/money';
import type { Discount } from '../../../../shared/types-till';

export interface PricingInput {
  qty: number;
  sellPrice: Rupiah;
  discount?: Discount;
  priceOverride?: Rupiah;
}

export interface PricedLineView {
  unitPrice: Rupiah;
  /** Catalogue price when overridden. */
  listPrice: Rupiah | null;
  gross: Rupiah;
  discount: Rupiah;
  saleDiscount: Rupiah;
  net: Rupiah;
}

export interface PricedCartView {
  lines: PricedLineView[];
  subtotal: Rupiah;
  lineDiscounts: Rupiah;
  saleDiscount: Rupiah;
  discountTotal: Rupiah;
  total: Rupiah;
}

/** A discount's rupiah on `base` (an amount is capped at the base). */
export function discountOf(base: Rupiah, discount: Discount | undefined): Rupiah {
  if (!discount || base <= 0) return 0;
  if (discount.type === 'percent') return basisPoints(base, discount.bps);
  return Math.min(discount.value, base);
}

/** Split `total` over weights by largest remainder (ties to the earlier one). */
export function splitByWeights(total: Rupiah, weights: readonly number[]): Rupiah[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const T = BigInt(total);
  const S = BigInt(sum);
  const floors = weights.map((w) => (T * BigInt(w)) / S);
  const order = weights.map((w, i) => ({ i, r: (T * BigInt(w)) % S }));
  order.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  let left = Number(T - floors.reduce((a, b) => a + b, 0n));
  const parts = floors.map(Number);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i] += 1;
    left -= 1;
  }
  return parts;
}

export function priceCartView(lines: readonly PricingInput[], saleDiscount?: Discount): PricedCartView {
  const first = lines.map((l) => {
    const unitPrice = l.priceOverride ?? l.sellPrice;
    const gross = unitPrice * l.qty;
    return {
      unitPrice,
      listPrice: l.priceOverride !== undefined && l.priceOverride !== l.sellPrice ? l.sellPrice : null,
      gross,
      discount: discountOf(gross, l.discount),
    };
  });
  const subtotal = first.reduce((n, l) => n + l.gross, 0);
  const lineDiscounts = first.reduce((n, l) => n + l.discount, 0);
  const base = subtotal - lineDiscounts;
  const sale = discountOf(base, saleDiscount);
  const shares = splitByWeights(sale, first.map((l) => l.gross - l.discount));
  const priced = first.map((l, i) => ({ ...l, saleDiscount: shares[i]!, net: l.gross - l.discount - shares[i]! }));
  return { lines: priced, subtotal, lineDiscounts, saleDiscount: sale, discountTotal: lineDiscounts + sale, total: base - sale };
}

/** `part / whole` in basis points, half up. */
export const bpsOf = (part: number, whole: number): number => (whole <= 0 ? 0 : divRoundHalfUp(part * 10_000, whole));

export type ClientApprovalReason = 'line_discount' | 'sale_discount' | 'total_discount' | 'price_override';

/** What the server will ask a manager for, as far as the till can see. */
export function approvalNeeds(lines: readonly PricingInput[], saleDiscount: Discount | undefined, limitBps: number): ClientApprovalReason[] {
  const priced = priceCartView(lines, saleDiscount);
  const over = (part: number, whole: number) => part * 10_000 > whole * limitBps;
  const out = new Set<ClientApprovalReason>();
  priced.lines.forEach((l) => {
    if (l.listPrice !== null) out.add('price_override');
    if (over(l.discount, l.gross)) out.add('line_discount');
  });
  if (over(priced.saleDiscount, priced.subtotal - priced.lineDiscounts)) out.add('sale_discount');
  if (over(priced.discountTotal, priced.subtotal)) out.add('total_discount');
  return [...out];
}

/** "10%" or "Rp 5.000" for a discount. */
export function discountLabel(d: Discount, formatRupiah: (n: Rupiah) => string): string {
  if (d.type === 'amount') return formatRupiah(d.value);
  const whole = Math.floor(d.bps / 100);
  const frac = d.bps % 100;
  return frac === 0 ? `${whole}%` : `${whole},${String(frac).padStart(2, '0').replace(/0$/, '')}%`;
}

/**
 * Cash rounding (setting `'100'`): the cash part of the sale (total less
 * non-cash payments) to Rp 100, half up; 0 when no cash is paid.
 */
export function cashRounding(total: Rupiah, payments: readonly { method: string; amount: Rupiah }[], mode: 'none' | '100'): Rupiah {
  if (mode !== '100' || !payments.some((p) => p.method === 'cash')) return 0;
  const nonCash = payments.filter((p) => p.method !== 'cash').reduce((n, p) => n + p.amount, 0);
  const cashDue = Math.max(0, total - nonCash);
  return divRoundHalfUp(cashDue, 100) * 100 - cashDue;
}
