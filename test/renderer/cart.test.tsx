import { afterEach, describe, expect, it } from 'vitest';
import { act, renderHook, cleanup } from '@testing-library/react';
import {
  cartReducer,
  cartTotals,
  checkAdd,
  checkoutLines,
  checkQty,
  emptyCart,
  toCartProduct,
  type CartState,
} from '../../src/renderer/src/features/till/cart';
import { useCart } from '../../src/renderer/src/features/till/use-cart';
import { product } from './fixtures';

// No vitest globals here, so Testing Library cannot clean up by itself.
afterEach(cleanup);

const mete = toCartProduct(product({ id: 1, name: 'Kacang Mete 250 g', sellPrice: 65_000, stock: 5 }));
const kopi = toCartProduct(product({ id: 2, name: 'Kopi Kolaka 250 g', sellPrice: 45_000, stock: 40 }));

function add(state: CartState, p = mete, qty = 1, requestId = `r-${Math.random()}`): CartState {
  return cartReducer(state, { type: 'add', product: p, qty, requestId });
}

describe('cart reducer', () => {
  it('adds a product as a new line', () => {
    const s = add(emptyCart('r0'), mete);
    expect(s.lines).toEqual([{ product: mete, qty: 1 }]);
    expect(s.lastTouched).toBe(mete.id);
  });

  it('scanning the same product again increments its line, keeping the order', () => {
    let s = add(emptyCart('r0'), mete);
    s = add(s, kopi);
    s = add(s, mete);
    expect(s.lines.map((l) => [l.product.id, l.qty])).toEqual([
      [mete.id, 2],
      [kopi.id, 1],
    ]);
    expect(s.lastTouched).toBe(mete.id);
  });

  it('sets a quantity, ignoring zero, negative and fractional quantities', () => {
    let s = add(emptyCart('r0'), mete);
    s = cartReducer(s, { type: 'setQty', productId: mete.id, qty: 4, requestId: 'r1' });
    expect(s.lines[0].qty).toBe(4);
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(cartReducer(s, { type: 'setQty', productId: mete.id, qty: bad, requestId: 'r2' })).toBe(s);
    }
  });

  it('removes a line and clears the cart', () => {
    let s = add(add(emptyCart('r0'), mete), kopi);
    s = cartReducer(s, { type: 'remove', productId: mete.id, requestId: 'r3' });
    expect(s.lines.map((l) => l.product.id)).toEqual([kopi.id]);
    s = cartReducer(s, { type: 'clear', requestId: 'r4' });
    expect(s.lines).toEqual([]);
    expect(s.requestId).toBe('r4');
  });

  it('totals: lines, units and rupiah', () => {
    let s = add(emptyCart('r0'), mete, 2);
    s = add(s, kopi, 3);
    expect(cartTotals(s)).toEqual({ lineCount: 2, itemCount: 5, total: 2 * 65_000 + 3 * 45_000 });
    expect(cartTotals(emptyCart('x'))).toEqual({ lineCount: 0, itemCount: 0, total: 0 });
    expect(checkoutLines(s)).toEqual([
      { productId: mete.id, qty: 2 },
      { productId: kopi.id, qty: 3 },
    ]);
  });

  it('a new checkout key for every change of the lines, the same one for fresh stock data', () => {
    let s = add(emptyCart('r0'), mete, 1, 'r1');
    expect(s.requestId).toBe('r1');
    s = cartReducer(s, { type: 'setQty', productId: mete.id, qty: 2, requestId: 'r2' });
    expect(s.requestId).toBe('r2');
    const refreshed = cartReducer(s, { type: 'refresh', products: [{ ...mete, stock: 1 }] });
    expect(refreshed.requestId).toBe('r2');
    expect(refreshed.lines[0].product.stock).toBe(1);
    // Setting the same quantity again changes nothing, so it keeps the key.
    expect(cartReducer(s, { type: 'setQty', productId: mete.id, qty: 2, requestId: 'r3' })).toBe(s);
  });
});

describe('stock checks', () => {
  it('refuses more than the sellable stock', () => {
    const s = add(emptyCart('r0'), mete, 5);
    expect(checkAdd(s, mete)).toEqual({ kind: 'insufficient', available: 5, requested: 6 });
    expect(checkAdd(s, kopi)).toBeNull();
  });

  it('only expired stock: may not be sold; nothing at all: out of stock', () => {
    expect(checkQty({ stock: 0, expiredStock: 3 }, 1)).toEqual({ kind: 'expired' });
    expect(checkQty({ stock: 0, expiredStock: 0 }, 1)).toEqual({ kind: 'outOfStock' });
    expect(checkQty({ stock: 2, expiredStock: 3 }, 2)).toBeNull();
    expect(checkQty({ stock: 2, expiredStock: 3 }, 3)).toEqual({ kind: 'insufficient', available: 2, requested: 3 });
  });

  it('quantities must be whole and at least one', () => {
    expect(checkQty({ stock: 10, expiredStock: 0 }, 0)).toEqual({ kind: 'invalidQty' });
    expect(checkQty({ stock: 10, expiredStock: 0 }, 2.5)).toEqual({ kind: 'invalidQty' });
  });
});

describe('useCart', () => {
  it('adds, refuses beyond stock without adding, edits and removes', () => {
    sessionStorage.clear();
    const { result } = renderHook(() => useCart('T1'));
    act(() => {
      expect(result.current.add(mete, 4)).toBeNull();
    });
    let problem: unknown;
    act(() => {
      problem = result.current.add(mete, 2);
    });
    expect(problem).toEqual({ kind: 'insufficient', available: 5, requested: 6 });
    expect(result.current.totals.itemCount).toBe(4);

    act(() => {
      expect(result.current.setQty(mete.id, 9)).toEqual({ kind: 'insufficient', available: 5, requested: 9 });
    });
    expect(result.current.state.lines[0].qty).toBe(4);
    act(() => {
      expect(result.current.setQty(mete.id, 5)).toBeNull();
    });
    expect(result.current.state.lines[0].qty).toBe(5);

    act(() => result.current.remove(mete.id));
    expect(result.current.state.lines).toEqual([]);
  });

  it('two scans in the same tick still respect the stock', () => {
    sessionStorage.clear();
    const two = toCartProduct(product({ id: 9, stock: 1 }));
    const { result } = renderHook(() => useCart('T2'));
    const answers: unknown[] = [];
    act(() => {
      answers.push(result.current.add(two));
      answers.push(result.current.add(two));
    });
    expect(answers).toEqual([null, { kind: 'insufficient', available: 1, requested: 2 }]);
    expect(result.current.state.lines[0].qty).toBe(1);
  });

  it('keeps the cart and its checkout key across a reload of the page', () => {
    sessionStorage.clear();
    const first = renderHook(() => useCart('T3'));
    act(() => {
      first.result.current.add(kopi, 2);
    });
    const key = first.result.current.state.requestId;
    first.unmount();
    const again = renderHook(() => useCart('T3'));
    expect(again.result.current.state.lines).toEqual([{ product: kopi, qty: 2 }]);
    expect(again.result.current.state.requestId).toBe(key);
  });
});
