import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Rupiah } from '../../../../shared/money';
import type { ApprovalGrant, Discount } from '../../../../shared/types-till';
import { newRequestId } from '../../lib/ids';
import { readLocal, readSession, writeLocal, writeSession } from '../../lib/storage';
import {
  cartReducer,
  cartTotals,
  checkAdd,
  checkQty,
  emptyCart,
  pricedCart,
  type CartAction,
  type CartLine,
  type CartProduct,
  type CartState,
  type StockProblem,
} from './cart';

const storageKey = (tillCode: string) => `kasir.cart.${tillCode}`;

function readSaved(tillCode: string): CartState | null {
  try {
    const raw = readLocal(storageKey(tillCode));
    return raw ? (JSON.parse(raw) as CartState) : null;
  } catch {
    return null;
  }
}

function restore(tillCode: string): CartState {
  // localStorage since issue 18; a cart kept in sessionStorage by an older version still comes back.
  const saved = readSession<CartState>(storageKey(tillCode)) ?? readSaved(tillCode);
  if (saved && Array.isArray(saved.lines) && typeof saved.requestId === 'string') return saved;
  return emptyCart(newRequestId());
}

/** The cart kept on this till (for the screen shown while the host is unreachable). */
export function savedCart(tillCode: string): CartState | null {
  const saved = readSaved(tillCode);
  return saved && Array.isArray(saved.lines) && saved.lines.length > 0 ? saved : null;
}

/**
 * The till's cart. Kept in the till's own storage (localStorage) until the
 * sale is acknowledged, so it survives a page reload and a host that is
 * off; keeps its checkout key until the lines change.
 */
export function useCart(tillCode: string) {
  const [state, rawDispatch] = useReducer(cartReducer, tillCode, restore);
  // The newest state, also between a dispatch and the next render (two fast scans).
  const latest = useRef(state);
  latest.current = state;
  const dispatch = useCallback((action: CartAction) => {
    latest.current = cartReducer(latest.current, action);
    rawDispatch(action);
  }, []);

  useEffect(() => {
    writeLocal(storageKey(tillCode), state.lines.length > 0 ? JSON.stringify(state) : null);
    writeSession(storageKey(tillCode), null);
  }, [state, tillCode]);

  const add = useCallback(
    (product: CartProduct, qty = 1): StockProblem | null => {
      const problem = checkAdd(latest.current, product, qty);
      if (!problem) dispatch({ type: 'add', product, qty, requestId: newRequestId() });
      return problem;
    },
    [dispatch],
  );

  const setQty = useCallback(
    (productId: number, qty: number): StockProblem | null => {
      const line = latest.current.lines.find((l) => l.product.id === productId);
      if (!line) return null;
      const problem = checkQty(line.product, qty);
      if (!problem) dispatch({ type: 'setQty', productId, qty, requestId: newRequestId() });
      return problem;
    },
    [dispatch],
  );

  // A manager's approval for this cart's discounts: in memory only (never stored), dropped with the cart. Never a PIN.
  const [approval, setApproval] = useState<ApprovalGrant | null>(null);

  const remove = useCallback((productId: number) => dispatch({ type: 'remove', productId, requestId: newRequestId() }), [dispatch]);
  const clear = useCallback(() => {
    dispatch({ type: 'clear', requestId: newRequestId() });
    setApproval(null);
  }, [dispatch]);
  const refresh = useCallback((products: CartProduct[]) => dispatch({ type: 'refresh', products }), [dispatch]);
  const setLineTerms = useCallback(
    (productId: number, terms: { discount?: Discount; priceOverride?: Rupiah }) =>
      dispatch({ type: 'setLineTerms', productId, ...terms, requestId: newRequestId() }),
    [dispatch],
  );
  const setSaleDiscount = useCallback(
    (discount: Discount | undefined) => dispatch({ type: 'setSaleDiscount', discount, requestId: newRequestId() }),
    [dispatch],
  );
  const load = useCallback(
    (lines: CartLine[], discount?: Discount) => {
      dispatch({ type: 'load', lines, discount, requestId: newRequestId() });
      setApproval(null);
    },
    [dispatch],
  );
  const totals = useMemo(() => cartTotals(state), [state]);
  const priced = useMemo(() => pricedCart(state), [state]);

  return { state, totals, priced, add, setQty, remove, clear, refresh, setLineTerms, setSaleDiscount, load, approval, setApproval };
}

export type Cart = ReturnType<typeof useCart>;

/** A manager's approval of the cart's discounts (checked when given): its token goes with the checkout. */
export type { ApprovalGrant };
