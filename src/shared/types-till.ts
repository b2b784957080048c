/**
 * Values of the till area (discounts, held sales, refunds, cash, shift
 * reports, audit) that cross the API boundary.
 */
import type { Rupiah } from './money';
import type { PaymentMethod } from './printer';
import type { PrintJobView, Role } from './types';

export type CashRounding = 'none' | '100';

/** Shop settings of the till, read with `settings.get`, written with `settings.update`. */
export interface TillSettings {
  /** Discounts up to this share (basis points) need no manager; default 1000 = 10 %. */
  discountLimitBps: number;
  /** `'100'`: sales paid (partly) in cash round the cash part to Rp 100, half up. */
  cashRounding: CashRounding;
  /** Payment methods the till accepts, in display order. */
  paymentMethods: PaymentMethod[];
  /** The shop's static QRIS (the text inside its printed QR); null = not set. */
  qrisPayload: string | null;
}

/** A discount on a line or on the whole sale: rupiah, or basis points of the amount (half up). */
export type Discount = { type: 'amount'; value: Rupiah } | { type: 'percent'; bps: number };

/**
 * A manager's approval as the checkout, refund or void carries it: the token
 * `approvals.verify` gave out when the manager's PIN was checked.
 */
export interface Approval {
  token: string;
}

/** A line of a cart as the till sends it (prices come from the database). */
export interface CartLine {
  productId: number;
  qty: number;
  discount?: Discount;
  /** Unit price instead of the catalogue price; always needs a manager. */
  priceOverride?: Rupiah;
}

/** Why a sale needs a manager (`details.reasons` of a FORBIDDEN checkout). */
export type ApprovalReason =
  | { kind: 'line_discount'; line: number; bps: number }
  | { kind: 'sale_discount'; bps: number }
  | { kind: 'total_discount'; bps: number }
  | { kind: 'price_override'; line: number; listPrice: Rupiah; unitPrice: Rupiah };

/** What a manager is asked to approve (`approvals.verify`, besides username and PIN). */
export type ApprovalRequest =
  | { action: 'sales.checkout'; lines: CartLine[]; discount?: Discount }
  | { action: 'sales.refund'; saleId: number }
  | { action: 'sales.void'; saleId: number };

/**
 * An approval checked on entry. Single use, for this cashier at this till,
 * valid until `expiresAt`; send `{ token }` as `approval` with the request.
 */
export interface ApprovalGrant {
  token: string;
  action: ApprovalRequest['action'];
  approvedBy: number;
  approvedByName: string;
  approvedByUsername: string;
  /** Checkout: what the manager approved (discounts over the limit, price overrides). */
  reasons: ApprovalReason[];
  /** Refund or void: the sale. */
  saleId: number | null;
  expiresAt: number;
}

export interface HeldSaleSummary {
  id: number;
  tillCode: string;
  note: string | null;
  createdAt: number;
  createdBy: number;
  createdByName: string;
  lineCount: number;
  itemCount: number;
  /** At today's catalogue prices, before discounts. */
  subtotal: Rupiah;
}

export interface HeldSaleLine extends CartLine {
  name: string;
  /** Today's catalogue price. */
  sellPrice: Rupiah;
  active: boolean;
}

/** What `sales.resume` gives back to put into the cart again. */
export interface ResumedSale {
  id: number;
  note: string | null;
  lines: HeldSaleLine[];
  discount?: Discount;
}

export interface RefundLotView {
  lotId: number;
  qty: number;
  restocked: boolean;
  netAmount: Rupiah;
  supplierShare: Rupiah;
  shopShare: Rupiah;
}

export interface RefundLineView {
  id: number;
  saleLineId: number;
  productId: number;
  name: string;
  qty: number;
  restock: boolean;
  /** Net amount refunded for these units. */
  amount: Rupiah;
  lots: RefundLotView[];
}

export interface RefundView {
  id: number;
  /** `RF-<till>-YYYYMMDD-NNN`. */
  number: string;
  kind: 'refund' | 'void';
  saleId: number;
  saleNumber: string;
  tillCode: string;
  shiftId: number;
  reason: string;
  /** Σ net amounts of the refunded units. */
  total: Rupiah;
  /** Cash rounding of the money given back (or, on the last refund of a sale, what settles what was paid). */
  rounding: Rupiah;
  /** What the customer gets back: total + rounding = Σ payments. */
  payable: Rupiah;
  createdBy: number;
  createdByName: string;
  approvedBy: number;
  approvedByName: string;
  businessDate: string;
  createdAt: number;
  lines: RefundLineView[];
  payments: { method: PaymentMethod; amount: Rupiah; reference: string | null }[];
}

export type RefundResult = RefundView & { printJob?: PrintJobView };

/** A refund line as a cashier sees it: without the lot portions (each supplier's share). */
export type TillRefundLineView = Omit<RefundLineView, 'lots'> & { lots?: RefundLotView[] };
/** A refund or void as any role gets it from the till procedures; managers also get each line's `lots`. */
export type TillRefundView = Omit<RefundView, 'lines'> & { lines: TillRefundLineView[] };
export type TillRefundResult = TillRefundView & { printJob?: PrintJobView };

/** What a refund of these units would give back, and how (nothing is written). */
export interface RefundPreview {
  saleId: number;
  lines: { saleLineId: number; qty: number; amount: Rupiah; refundable: number }[];
  /** Σ net amounts of the units. */
  total: Rupiah;
  /** payable − total: the cash rounding, or what the last refund settles of what was paid. */
  rounding: Rupiah;
  /** What goes back: Σ payments. */
  payable: Rupiah;
  /** What is left of what the customer paid, before this refund. */
  left: Rupiah;
  /** This refund takes back the last units of the sale (it gives back exactly `left`). */
  final: boolean;
  /** The payments to send with `sales.refund` (as paid, or by the method asked for). */
  payments: { method: PaymentMethod; amount: Rupiah; reference?: string }[];
}

export interface CashMovementView {
  id: number;
  shiftId: number;
  kind: 'pay_in' | 'pay_out';
  amount: Rupiah;
  reason: string;
  createdBy: number;
  createdByName: string;
  createdAt: number;
}

/** Notes and coins the drawer is counted in, largest first. */
export const DENOMINATIONS = [100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100] as const;
export type Denomination = (typeof DENOMINATIONS)[number];

/** X report (open shift, nothing closes) or Z report (closed shift). */
export interface ShiftReport {
  kind: 'X' | 'Z';
  shiftId: number;
  tillCode: string;
  openedAt: number;
  openedByName: string;
  closedAt: number | null;
  closedByName: string | null;
  /** Sales rung up in the shift (voided ones included). */
  salesCount: number;
  voidCount: number;
  refundCount: number;
  itemsSold: number;
  /** Σ qty × unit price. */
  gross: Rupiah;
  /** Σ line and sale discounts. */
  discounts: Rupiah;
  /** gross − discounts. */
  netSales: Rupiah;
  /** Σ net amounts refunded in this shift (voids included). */
  refunds: Rupiah;
  /** netSales − refunds. */
  net: Rupiah;
  /** Cash rounding of sales less that given back by voids. */
  rounding: Rupiah;
  /** Money per method: sales (cash net of change), refunds, and sales − refunds. */
  byMethod: { method: PaymentMethod; sales: Rupiah; refunds: Rupiah; net: Rupiah }[];
  byCashier: { userId: number; name: string; salesCount: number; total: Rupiah }[];
  cash: {
    openingFloat: Rupiah;
    cashSales: Rupiah;
    changeGiven: Rupiah;
    cashRefunds: Rupiah;
    payIns: Rupiah;
    payOuts: Rupiah;
    /** float + cash taken − change − cash refunds + pay-ins − pay-outs (invariant 4). */
    expected: Rupiah;
    counted: Rupiah | null;
    variance: Rupiah | null;
  };
  movements: CashMovementView[];
  /** The count at close, largest first (empty when closed with a total only). */
  denominations: { value: number; count: number; amount: Rupiah }[];
}

export interface AuditEntryView {
  id: number;
  at: number;
  userId: number | null;
  userName: string | null;
  action: string;
  entity: string | null;
  entityId: number | null;
  details: unknown;
}

export interface UserUpdate {
  id: number;
  name?: string;
  role?: Role;
  active?: boolean;
}
