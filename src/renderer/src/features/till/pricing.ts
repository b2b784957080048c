/**
 * The cart's money on screen: the one pricing of `src/shared/pricing.ts`,
 * the same function the server prices every checkout with (the server stays
 * the authority). What the server would refuse (a discount larger than its
 * line, amounts past the limit) is not capped here: the cart carries the
 * problem, the panel shows it and payment waits until it is fixed.
 */
import { AppError } from '../../../../shared/errors';
import type { Rupiah } from '../../../../shared/money';
import { priceCart, type PricedCart, type PricingLine } from '../../../../shared/pricing';
import type { Discount } from '../../../../shared/types-till';

/** Why the server would refuse this cart (VALIDATION), as the screen tells it. */
export type PricingProblem =
  | { kind: 'lineDiscount'; line: number; max: Rupiah }
  | { kind: 'saleDiscount'; max: Rupiah }
  | { kind: 'tooLarge' };

export interface ScreenPricing extends PricedCart {
  /** Set when the server would refuse the cart; the numbers are then the cart without its discounts. */
  problem: PricingProblem | null;
}

function problemOf(err: AppError): PricingProblem {
  const d = (err.details ?? {}) as { field?: string; max?: number };
  const line = /^lines\.(\d+)\.discount/.exec(d.field ?? '');
  if (line) return { kind: 'lineDiscount', line: Number(line[1]), max: d.max ?? 0 };
  if (d.field?.startsWith('discount')) return { kind: 'saleDiscount', max: d.max ?? 0 };
  return { kind: 'tooLarge' };
}

/** The cart priced as the server will price it, or the server's refusal. */
export function priceForScreen(lines: readonly PricingLine[], saleDiscount?: Discount): ScreenPricing {
  try {
    return { ...priceCart(lines, saleDiscount), problem: null };
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'VALIDATION') throw err;
    const problem = problemOf(err);
    const bare = lines.map((l) => ({ qty: l.qty, sellPrice: l.sellPrice, priceOverride: l.priceOverride }));
    try {
      return { ...priceCart(bare), problem };
    } catch {
      const zero = { unitPrice: 0, listPrice: null, gross: 0, discount: 0, saleDiscount: 0, net: 0 };
      return { lines: lines.map((l) => ({ ...zero, qty: l.qty })), subtotal: 0, lineDiscounts: 0, saleDiscount: 0, discountTotal: 0, total: 0, problem };
    }
  }
}

/** "10%" or "Rp 5.000" for a discount. */
export function discountLabel(d: Discount, formatRupiah: (n: Rupiah) => string): string {
  if (d.type === 'amount') return formatRupiah(d.value);
  const whole = Math.floor(d.bps / 100);
  const frac = d.bps % 100;
  return frac === 0 ? `${whole}%` : `${whole},${String(frac).padStart(2, '0').replace(/0$/, '')}%`;
}
