import { describe, expect, it } from 'vitest';
import { formatRupiah } from '../../src/shared/money';
import { AppError } from '../../src/shared/errors';
import { approvalReasons, bpsOf, cashRoundingOf as cashRounding, discountAmount, priceCart, splitByWeights } from '../../src/shared/pricing';
import { discountLabel, priceForScreen } from '../../src/renderer/src/features/till/pricing';

const discountOf = (base: number, d: Parameters<typeof discountAmount>[1]) => discountAmount(base, d, 'discount');
const priceCartView = priceCart;
const approvalNeeds = (lines: Parameters<typeof priceCart>[0], sale: Parameters<typeof priceCart>[1], limit: number) =>
  approvalReasons(priceCart(lines, sale), limit).map((r) => r.kind);
import { cartReducer, cartTotals, checkoutLines, emptyCart, type CartProduct } from '../../src/renderer/src/features/till/cart';
import { summarizePayments } from '../../src/renderer/src/features/till/payment';
import { countedTotal, denominationInput, parseCount, variance } from '../../src/renderer/src/features/shift/denominations';
import { refundable } from '../../src/renderer/src/features/refunds/refund-logic';
import { auditDetails } from '../../src/renderer/src/features/audit/audit-logic';

const product = (id: number, sellPrice: number): CartProduct => ({
  id,
  name: `P${id}`,
  sku: `P${id}`,
  supplierName: null,
  sellPrice,
  unit: 'pcs',
  stock: 100,
  expiredStock: 0,
});

describe('discount math shown in the cart', () => {
  it('percent is basis points of qty × price, half up; an amount larger than the base is refused as the server refuses it', () => {
    expect(discountOf(130_000, { type: 'percent', bps: 2500 })).toBe(32_500);
    expect(discountOf(33_333, { type: 'percent', bps: 1000 })).toBe(3_333);
    expect(discountOf(33_335, { type: 'percent', bps: 1000 })).toBe(3_334); // 3333.5 → half up
    expect(discountOf(10_000, { type: 'amount', value: 10_000 })).toBe(10_000);
    expect(() => discountOf(10_000, { type: 'amount', value: 15_000 })).toThrow(AppError);
    expect(discountOf(10_000, undefined)).toBe(0);
  });

  it('the screen carries the refusal instead of a capped total', () => {
    const line = priceForScreen([{ qty: 1, sellPrice: 15_000, discount: { type: 'amount', value: 20_000 } }, { qty: 1, sellPrice: 5_000 }]);
    expect(line.problem).toEqual({ kind: 'lineDiscount', line: 0, max: 15_000 });
    const sale = priceForScreen([{ qty: 1, sellPrice: 15_000, discount: { type: 'amount', value: 5_000 } }], { type: 'amount', value: 10_001 });
    expect(sale.problem).toEqual({ kind: 'saleDiscount', max: 10_000 });
    expect(priceForScreen([{ qty: 1, sellPrice: 15_000 }], { type: 'amount', value: 15_000 }).problem).toBeNull();
  });

  it('the sale discount is spread by largest remainder, so line nets add up to the total', () => {
    const priced = priceCartView(
      [
        { qty: 1, sellPrice: 10_000 },
        { qty: 1, sellPrice: 10_000 },
        { qty: 1, sellPrice: 10_000 },
      ],
      { type: 'amount', value: 100 },
    );
    expect(priced.lines.map((l) => l.saleDiscount)).toEqual([34, 33, 33]);
    expect(priced.total).toBe(29_900);
    expect(priced.lines.reduce((n, l) => n + l.net, 0)).toBe(priced.total);
  });

  it('line discount, override and sale discount together', () => {
    const priced = priceCartView(
      [
        { qty: 2, sellPrice: 65_000, discount: { type: 'percent', bps: 2500 } },
        { qty: 1, sellPrice: 45_000, priceOverride: 40_000 },
      ],
      { type: 'percent', bps: 1000 },
    );
    expect(priced.subtotal).toBe(170_000);
    expect(priced.lineDiscounts).toBe(32_500);
    expect(priced.lines[1]!.listPrice).toBe(45_000);
    expect(priced.saleDiscount).toBe(13_750);
    expect(priced.discountTotal).toBe(46_250);
    expect(priced.total).toBe(123_750);
    expect(priced.lines[0]!.net + priced.lines[1]!.net).toBe(123_750);
  });

  it('random carts: nets always sum to the total', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let k = 0; k < 200; k++) {
      const lines = Array.from({ length: 1 + rnd(5) }, () => ({
        qty: 1 + rnd(4),
        sellPrice: 1_000 + rnd(90_000),
        ...(rnd(2) ? { discount: { type: 'percent' as const, bps: rnd(5000) + 1 } } : {}),
      }));
      const p = priceCartView(lines, rnd(2) ? { type: 'amount', value: 1 + rnd(5_000) } : { type: 'percent', bps: 1 + rnd(3000) });
      expect(p.lines.reduce((n, l) => n + l.net, 0)).toBe(p.total);
      expect(p.total).toBe(p.subtotal - p.discountTotal);
    }
    expect(splitByWeights(5, [0, 0])).toEqual([5, 0]);
  });

  it('what needs a manager at a 10 % limit', () => {
    expect(approvalNeeds([{ qty: 1, sellPrice: 100_000, discount: { type: 'percent', bps: 1000 } }], undefined, 1000)).toEqual([]);
    expect(approvalNeeds([{ qty: 1, sellPrice: 100_000, discount: { type: 'amount', value: 10_001 } }], undefined, 1000)).toEqual(['line_discount']);
    expect(approvalNeeds([{ qty: 1, sellPrice: 100_000 }], { type: 'percent', bps: 1500 }, 1000)).toContain('sale_discount');
    expect(approvalNeeds([{ qty: 1, sellPrice: 100_000, priceOverride: 90_000 }], undefined, 1000)).toEqual(['price_override']);
    expect(bpsOf(32_500, 130_000)).toBe(2500);
  });

  it('labels: 25%, 12,5%, Rp 5.000', () => {
    expect(discountLabel({ type: 'percent', bps: 2500 }, formatRupiah)).toBe('25%');
    expect(discountLabel({ type: 'percent', bps: 1250 }, formatRupiah)).toBe('12,5%');
    expect(discountLabel({ type: 'amount', value: 5_000 }, formatRupiah)).toBe('Rp 5.000');
  });
});

describe('cart with discounts', () => {
  it('sets and clears line terms and the sale discount; checkout lines carry them', () => {
    let s = cartReducer(emptyCart('a'), { type: 'add', product: product(1, 65_000), qty: 2, requestId: 'b' });
    s = cartReducer(s, { type: 'add', product: product(2, 45_000), qty: 1, requestId: 'c' });
    s = cartReducer(s, { type: 'setLineTerms', productId: 1, discount: { type: 'percent', bps: 2500 }, requestId: 'd' });
    s = cartReducer(s, { type: 'setSaleDiscount', discount: { type: 'amount', value: 500 }, requestId: 'e' });
    expect(s.requestId).toBe('e');
    expect(cartTotals(s).total).toBe(130_000 - 32_500 + 45_000 - 500);
    expect(checkoutLines(s)).toEqual([
      { productId: 1, qty: 2, discount: { type: 'percent', bps: 2500 } },
      { productId: 2, qty: 1 },
    ]);
    // Adding one more keeps the line's discount.
    s = cartReducer(s, { type: 'add', product: product(1, 65_000), qty: 1, requestId: 'f' });
    expect(s.lines[0]!.discount).toEqual({ type: 'percent', bps: 2500 });
    s = cartReducer(s, { type: 'setSaleDiscount', requestId: 'g' });
    expect(s.discount).toBeUndefined();
    // An override equal to the catalogue price is no override.
    s = cartReducer(s, { type: 'setLineTerms', productId: 2, priceOverride: 45_000, requestId: 'h' });
    expect(s.lines[1]!.priceOverride).toBeUndefined();
  });
});

describe('cash rounding in the payment', () => {
  it('rounds the cash part to Rp 100, half up, only when cash is paid', () => {
    expect(cashRounding(45_050, [{ method: 'cash', amount: 50_000 }], '100')).toBe(50);
    expect(cashRounding(45_049, [{ method: 'cash', amount: 50_000 }], '100')).toBe(-49);
    expect(cashRounding(45_050, [{ method: 'qris', amount: 45_050 }], '100')).toBe(0);
    expect(cashRounding(45_050, [{ method: 'cash', amount: 50_000 }], 'none')).toBe(0);
    expect(cashRounding(45_050, [{ method: 'qris', amount: 40_000 }, { method: 'cash', amount: 10_000 }], '100')).toBe(50);
    const s = summarizePayments(45_050, [{ method: 'cash', amount: 50_000 }], 50);
    expect(s).toMatchObject({ payable: 45_100, change: 4_900, canConfirm: true });
  });
});

describe('count by denomination', () => {
  it('totals, variance and the API input', () => {
    const counts = { 100000: 1, 50000: 1, 20000: 2, 5000: 1, 2000: 2, 100: 0 } as const;
    expect(countedTotal(counts)).toBe(199_000);
    expect(countedTotal({})).toBe(0);
    expect(variance(199_000, 200_000)).toBe(-1_000);
    expect(denominationInput(counts)).toEqual({ '100000': 1, '50000': 1, '20000': 2, '5000': 1, '2000': 2 });
    expect(countedTotal({ 500: 3, 200: 4, 100: 9 })).toBe(3_200);
  });

  it('parses what is typed', () => {
    expect(parseCount('12')).toBe(12);
    expect(parseCount('1a2')).toBe(12);
    expect(parseCount('')).toBeUndefined();
    expect(parseCount('9999999')).toBe(100_000);
  });
});

describe('refund', () => {
  it('refundable units (the money back is the server\'s: sales.refundPreview)', () => {
    expect(refundable({ qty: 3, refundedQty: 1 })).toBe(2);
    expect(refundable({ qty: 1, refundedQty: 1 })).toBe(0);
  });
});

describe('audit details', () => {
  it('one line, nested values as JSON, cut', () => {
    expect(auditDetails({ number: 'K1-1', reasons: [{ kind: 'x' }], none: null })).toBe('number: K1-1 · reasons: [{"kind":"x"}]');
    expect(auditDetails(null)).toBe('');
    expect(auditDetails({ a: 'x'.repeat(300) }, 20)).toHaveLength(20);
  });
});
