/**
 * The cart as a pure reducer: lines of products with a quantity. Prices come
 * from the product as last seen; the server prices the sale again at
 * checkout and is the only one trusted.
 */
import type { Rupiah } from '../../../../shared/money';
import type { TillProductView } from '../../../../shared/types';
import type { Discount } from '../../../../shared/types-till';
import { priceForScreen, type ScreenPricing } from './pricing';

/** What the cart keeps of a product. */
export interface CartProduct {
  id: number;
  name: string;
  sku: string;
  supplierName: string | null;
  sellPrice: Rupiah;
  unit: string;
  stock: number;
  expiredStock: number;
}

export interface CartLine {
  product: CartProduct;
  qty: number;
  /** The line's own discount (amount or percent of qty × unit price). */
  discount?: Discount;
  /** Unit price instead of the catalogue price (needs a manager). */
  priceOverride?: Rupiah;
}

export interface CartState {
  lines: CartLine[];
  /**
   * Idempotency key of the checkout for exactly this cart. It changes with
   * every change to the lines, so a retry of the same cart (double click,
   * network error) reuses it and can never create a second sale.
   */
  requestId: string;
  /** The product touched last, to highlight and scroll to. */
  lastTouched: number | null;
  /** A discount on the whole sale. */
  discount?: Discount;
}

export type CartAction =
  | { type: 'add'; product: CartProduct; qty: number; requestId: string }
  | { type: 'setQty'; productId: number; qty: number; requestId: string }
  | { type: 'remove'; productId: number; requestId: string }
  | { type: 'clear'; requestId: string }
  | { type: 'setLineTerms'; productId: number; discount?: Discount; priceOverride?: Rupiah; requestId: string }
  | { type: 'setSaleDiscount'; discount?: Discount; requestId: string }
  /** A held sale resumed: its lines and discount replace the cart. */
  | { type: 'load'; lines: CartLine[]; discount?: Discount; requestId: string }
  /** Fresh product data (stock, price) without changing the lines. */
  | { type: 'refresh'; products: CartProduct[] };

export const MAX_LINE_QTY = 100_000;

export const emptyCart = (requestId: string): CartState => ({ lines: [], requestId, lastTouched: null });

export function toCartProduct(p: TillProductView): CartProduct {
  return {
    id: p.id,
    name: p.name,
    sku: p.sku,
    supplierName: p.supplierName,
    sellPrice: p.sellPrice,
    unit: p.unit,
    stock: p.stock,
    expiredStock: p.expiredStock,
  };
}

export type StockProblem =
  | { kind: 'expired' }
  | { kind: 'outOfStock' }
  | { kind: 'insufficient'; available: number; requested: number }
  | { kind: 'invalidQty' };

export const qtyInCart = (state: CartState, productId: number): number =>
  state.lines.find((l) => l.product.id === productId)?.qty ?? 0;

/** Can `qty` units of the product be in the cart in total? */
export function checkQty(product: Pick<CartProduct, 'stock' | 'expiredStock'>, qty: number): StockProblem | null {
  if (!Number.isInteger(qty) || qty < 1 || qty > MAX_LINE_QTY) return { kind: 'invalidQty' };
  if (qty <= product.stock) return null;
  if (product.stock <= 0) return product.expiredStock > 0 ? { kind: 'expired' } : { kind: 'outOfStock' };
  return { kind: 'insufficient', available: product.stock, requested: qty };
}

/** Adding `qty` more of a product (a scan adds one). */
export const checkAdd = (state: CartState, product: CartProduct, qty = 1): StockProblem | null =>
  checkQty(product, qtyInCart(state, product.id) + qty);

export function cartReducer(state: CartState, action: CartAction): CartState {
  switch (action.type) {
    case 'add': {
      const existing = state.lines.find((l) => l.product.id === action.product.id);
      const lines = existing
        ? state.lines.map((l) => (l === existing ? { ...l, product: action.product, qty: l.qty + action.qty } : l))
        : [...state.lines, { product: action.product, qty: action.qty }];
      return { ...state, lines, requestId: action.requestId, lastTouched: action.product.id };
    }
    case 'setQty': {
      if (!Number.isInteger(action.qty) || action.qty < 1) return state;
      const line = state.lines.find((l) => l.product.id === action.productId);
      if (!line || line.qty === action.qty) return state;
      return {
        ...state,
        lines: state.lines.map((l) => (l === line ? { ...l, qty: action.qty } : l)),
        requestId: action.requestId,
        lastTouched: action.productId,
      };
    }
    case 'remove': {
      if (!state.lines.some((l) => l.product.id === action.productId)) return state;
      return {
        ...state,
        lines: state.lines.filter((l) => l.product.id !== action.productId),
        requestId: action.requestId,
        lastTouched: state.lastTouched === action.productId ? null : state.lastTouched,
      };
    }
    case 'clear':
      return emptyCart(action.requestId);
    case 'setLineTerms': {
      const line = state.lines.find((l) => l.product.id === action.productId);
      if (!line) return state;
      const next: CartLine = { product: line.product, qty: line.qty };
      if (action.discount) next.discount = action.discount;
      if (action.priceOverride !== undefined && action.priceOverride !== line.product.sellPrice) next.priceOverride = action.priceOverride;
      return { ...state, lines: state.lines.map((l) => (l === line ? next : l)), requestId: action.requestId, lastTouched: action.productId };
    }
    case 'setSaleDiscount': {
      const { discount: _old, ...rest } = state;
      return action.discount ? { ...rest, discount: action.discount, requestId: action.requestId } : { ...rest, requestId: action.requestId };
    }
    case 'load':
      return {
        lines: action.lines,
        requestId: action.requestId,
        lastTouched: action.lines.at(-1)?.product.id ?? null,
        ...(action.discount ? { discount: action.discount } : {}),
      };
    case 'refresh': {
      const byId = new Map(action.products.map((p) => [p.id, p]));
      return { ...state, lines: state.lines.map((l) => ({ ...l, product: byId.get(l.product.id) ?? l.product })) };
    }
  }
}

export interface CartTotals {
  /** Number of lines (different products). */
  lineCount: number;
  /** Number of units. */
  itemCount: number;
  /** After every discount. */
  total: Rupiah;
}

/** qty × unit price (the override when there is one), before discounts. */
export const lineTotal = (line: CartLine): Rupiah => (line.priceOverride ?? line.product.sellPrice) * line.qty;

/** The cart priced line by line by the server's own pricing (or what the server would refuse). */
export const pricedCart = (state: CartState): ScreenPricing =>
  priceForScreen(
    state.lines.map((l) => ({ qty: l.qty, sellPrice: l.product.sellPrice, discount: l.discount, priceOverride: l.priceOverride })),
    state.discount,
  );

export function cartTotals(state: CartState): CartTotals {
  const counts = state.lines.reduce(
    (acc, l) => ({ lineCount: acc.lineCount + 1, itemCount: acc.itemCount + l.qty }),
    { lineCount: 0, itemCount: 0 },
  );
  return { ...counts, total: pricedCart(state).total };
}

export interface CheckoutLine {
  productId: number;
  qty: number;
  discount?: Discount;
  priceOverride?: Rupiah;
}

/** The `lines` of `sales.checkout` (and `sales.hold`). */
export const checkoutLines = (state: CartState): CheckoutLine[] =>
  state.lines.map((l) => ({
    productId: l.product.id,
    qty: l.qty,
    ...(l.discount ? { discount: l.discount } : {}),
    ...(l.priceOverride !== undefined ? { priceOverride: l.priceOverride } : {}),
  }));

/** Does the cart carry any discount or price override? */
export const hasTerms = (state: CartState): boolean =>
  state.discount !== undefined || state.lines.some((l) => l.discount !== undefined || l.priceOverride !== undefined);
