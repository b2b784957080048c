import { useCallback } from 'react';
import type { Rupiah } from '../../../../shared/money';
import type { ApprovalGrant, Discount } from '../../../../shared/types-till';
import type { useT } from '../../i18n';
import { bpsToPercent } from '../../lib/form';
import { reasonTexts, type ReasonLike } from './approval-dialog';
import { checkoutLines } from './cart';
import type { DiscountTarget } from './discount-dialog';
import { approvalReasons } from '../../../../shared/pricing';
import { priceForScreen } from './pricing';
import type { useCart } from './use-cart';
import type { Overlay } from './use-till-overlay';

/** A discount change waiting for a manager. */
export interface TermsChange {
  productId?: number;
  discount?: Discount;
  priceOverride?: Rupiah;
}

type Cart = ReturnType<typeof useCart>;

/**
 * Discounts and price overrides: applied at once within the cashier's limit (or by a manager), else
 * first shown to a manager for approval (the `approve` overlay), then applied with the grant.
 */
export function useTermsApproval(
  cart: Cart,
  discountLimitBps: number,
  isManager: boolean,
  t: ReturnType<typeof useT>,
  openOverlay: (o: Overlay) => void,
  closeOverlay: () => void,
) {
  /** Apply a discount/override now, or first ask a manager when it goes over the limit. */
  const applyTerms = useCallback(
    (change: TermsChange, grant?: ApprovalGrant) => {
      const lines = cart.state.lines.map((l) =>
        change.productId === l.product.id
          ? { qty: l.qty, sellPrice: l.product.sellPrice, discount: change.discount, priceOverride: change.priceOverride }
          : { qty: l.qty, sellPrice: l.product.sellPrice, discount: l.discount, priceOverride: l.priceOverride },
      );
      const saleDiscount = change.productId === undefined ? change.discount : cart.state.discount;
      // The server's own rule on the cart as it will be (a cart the server refuses asks nobody).
      const priced = priceForScreen(lines, saleDiscount);
      const needs = priced.problem ? [] : approvalReasons(priced, discountLimitBps);
      const changesSomething = change.discount !== undefined || change.priceOverride !== undefined;
      if (!grant && !isManager && needs.length > 0 && changesSomething) {
        const names = cart.state.lines.map((l) => l.product.name);
        const reasons = needs.map((r): ReasonLike => ('line' in r ? { kind: r.kind, line: r.line } : { kind: r.kind }));
        openOverlay({ kind: 'approve', change, reasons: reasonTexts(t, reasons, names, bpsToPercent(discountLimitBps)) });
        return;
      }
      if (change.productId !== undefined) cart.setLineTerms(change.productId, { discount: change.discount, priceOverride: change.priceOverride });
      else cart.setSaleDiscount(change.discount);
      if (grant) cart.setApproval(grant);
      else if (needs.length === 0) cart.setApproval(null);
      closeOverlay();
    },
    [cart, discountLimitBps, isManager, t, openOverlay, closeOverlay],
  );

  /** The cart as it will be once `change` is applied: what the manager is asked to approve. */
  const cartWith = (change: TermsChange) => {
    const lines = checkoutLines(cart.state).map((l) =>
      l.productId === change.productId
        ? {
            productId: l.productId,
            qty: l.qty,
            ...(change.discount ? { discount: change.discount } : {}),
            ...(change.priceOverride !== undefined ? { priceOverride: change.priceOverride } : {}),
          }
        : l,
    );
    const discount = change.productId === undefined ? change.discount : cart.state.discount;
    return { lines, ...(discount ? { discount } : {}) };
  };

  return { applyTerms, cartWith };
}

/** What the discount dialog edits: one line, or the whole sale. */
export function discountTarget(cart: Cart, productId: number | undefined): DiscountTarget {
  if (productId === undefined) {
    const p = cart.priced;
    return { kind: 'sale', base: p.subtotal - p.lineDiscounts, discount: cart.state.discount };
  }
  const i = cart.state.lines.findIndex((l) => l.product.id === productId);
  const line = cart.state.lines[i];
  return {
    kind: 'line',
    name: line?.product.name,
    qty: line?.qty ?? 1,
    listPrice: line?.product.sellPrice ?? 0,
    base: cart.priced.lines[i]?.gross ?? 0,
    discount: line?.discount,
    priceOverride: line?.priceOverride,
  };
}
