import { useCallback, useRef } from 'react';
import { useData } from '../../lib/use-data';
import { call } from '../../api';
import type { ShiftView } from '../../../../shared/types';
import { checkoutLines, toCartProduct, type CartLine } from './cart';
import type { TillMessage } from './product-finder';
import type { useCart } from './use-cart';

/** Hold the cart for later and resume a held sale; counts the sales held at this till. */
export function useHeldSales(
  cart: ReturnType<typeof useCart>,
  shift: ShiftView | null,
  notify: (m: Omit<TillMessage, 'id'>) => void,
  closeOverlay: () => void,
) {
  // No shift, no held sales to count; a failed count keeps the last one (the till works on).
  const count = useData(async () => (shift ? (await call('sales.held', {})).length : 0), [shift]);
  const heldCount = count.data ?? 0;
  const latest = useRef(heldCount);
  latest.current = heldCount;
  const { set } = count;
  const setHeldCount = useCallback(
    (n: number | ((current: number) => number)) => {
      latest.current = typeof n === 'number' ? n : n(latest.current);
      set(latest.current);
    },
    [set],
  );

  const holdSale = useCallback(
    async (note: string) => {
      await call('sales.hold', {
        lines: checkoutLines(cart.state),
        ...(cart.state.discount ? { discount: cart.state.discount } : {}),
        ...(note ? { note } : {}),
      });
      cart.clear();
      setHeldCount((n) => n + 1);
      notify({ tone: 'success', text: { key: 'tx.hold.done' } });
      closeOverlay();
    },
    [cart, notify, closeOverlay, setHeldCount],
  );

  const resumeSale = useCallback(
    async (id: number) => {
      const held = await call('sales.resume', { id });
      const products = await Promise.all(held.lines.map((l) => call('products.get', { id: l.productId }).catch(() => null)));
      const lines: CartLine[] = [];
      held.lines.forEach((l, i) => {
        const p = products[i];
        if (!p || !p.active) return;
        lines.push({
          product: toCartProduct(p),
          qty: l.qty,
          ...(l.discount ? { discount: l.discount } : {}),
          ...(l.priceOverride !== undefined ? { priceOverride: l.priceOverride } : {}),
        });
      });
      cart.load(lines, held.discount);
      setHeldCount((n) => Math.max(0, n - 1));
      notify({ tone: 'success', text: { key: 'tx.held.resumed', params: { note: held.note ?? '' } } });
      closeOverlay();
    },
    [cart, notify, closeOverlay, setHeldCount],
  );

  return { heldCount, setHeldCount, holdSale, resumeSale };
}
