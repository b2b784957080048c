/**
 * The plain values that cross the API boundary. Services return them, the
 * renderer reads them; both sides import them from here.
 */
import type { Rupiah } from './money';
import type { PaymentMethod, PrinterConfig } from './printer';

export type Role = 'cashier' | 'manager' | 'admin';

export type Terms = { type: 'fixed'; supplierPrice: Rupiah } | { type: 'commission'; commissionBps: number };

export interface UserView {
  id: number;
  name: string;
  username: string;
  role: Role;
  active: boolean;
}

export interface LoginResult {
  token: string;
  user: { id: number; name: string; role: Role };
  tillCode: string;
}

export interface Supplier {
  id: number;
  code: string;
  name: string;
  ownerName: string | null;
  phone: string | null;
  address: string | null;
  district: string | null;
  bankName: string | null;
  bankAccount: string | null;
  bankHolder: string | null;
  /** Nomor Induk Berusaha: 13 digits, or null. */
  nib: string | null;
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

/** A product as the till and the back office see it. */
export interface ProductView {
  id: number;
  sku: string;
  barcode: string | null;
  name: string;
  category: string | null;
  unit: string;
  sellPrice: Rupiah;
  supplierId: number | null;
  supplierCode: string | null;
  supplierName: string | null;
  terms: Terms;
  trackExpiry: boolean;
  minStock: number;
  active: boolean;
  /** Units that can be sold today (unexpired lots). */
  stock: number;
  /** Units sitting in expired lots (cannot be sold). */
  expiredStock: number;
  /** Earliest expiry among sellable lots, `YYYY-MM-DD`. */
  nextExpiry: string | null;
}

/**
 * A product as the till sees it (`products.lookup/search/get`): names,
 * codes, price and stock, nothing of what the supplier is paid. A manager
 * calling the same procedures also gets `terms`; the back office reads
 * them from `products.list` and `products.detail`.
 */
export type TillProductView = Omit<ProductView, 'terms'> & { terms?: Terms };

export interface Lot {
  id: number;
  productId: number;
  intakeId: number | null;
  supplierId: number | null;
  receivedQty: number;
  remainingQty: number;
  expiryDate: string | null;
  termsType: 'fixed' | 'commission';
  supplierPrice: Rupiah | null;
  commissionBps: number | null;
  sellPrice: Rupiah;
  createdAt: number;
}

export interface IntakeResult {
  id: number;
  number: string;
  supplierId: number;
  createdAt: number;
  lots: Lot[];
}

export interface ShiftView {
  id: number;
  tillCode: string;
  openedBy: number;
  openedByName: string;
  openedAt: number;
  openingFloat: Rupiah;
  closedAt: number | null;
  salesCount: number;
  salesTotal: Rupiah;
  cashSales: Rupiah;
  changeGiven: Rupiah;
  /** Cash given back by refunds and voids in this shift. */
  cashRefunds: Rupiah;
  payIns: Rupiah;
  payOuts: Rupiah;
  /** float + cash taken − change given − cash refunds + pay-ins − pay-outs. */
  expectedCash: Rupiah;
  countedCash: Rupiah | null;
  variance: Rupiah | null;
}

export interface SaleLineView {
  id: number;
  productId: number;
  name: string;
  qty: number;
  unitPrice: Rupiah;
  /** This line's own discount. */
  discount: Rupiah;
  /** Net amount: qty × unitPrice − discount − saleDiscount. */
  lineTotal: Rupiah;
  /** This line's part of the sale discount. */
  saleDiscount: Rupiah;
  /** Catalogue price when the price was overridden, else null. */
  listPrice: Rupiah | null;
  /** Units refunded so far. */
  refundedQty: number;
  lots: { id: number; lotId: number; qty: number; netAmount: Rupiah; supplierShare: Rupiah; shopShare: Rupiah }[];
}

export interface SaleView {
  id: number;
  number: string;
  tillCode: string;
  shiftId: number;
  cashierId: number;
  cashierName: string;
  createdAt: number;
  businessDate: string;
  status: 'completed' | 'voided';
  subtotal: Rupiah;
  discountTotal: Rupiah;
  /** The sale-level part of discountTotal. */
  saleDiscount: Rupiah;
  total: Rupiah;
  /** Cash rounding: the customer paid total + rounding. */
  rounding: Rupiah;
  payable: Rupiah;
  paid: Rupiah;
  change: Rupiah;
  approvedBy: number | null;
  lines: SaleLineView[];
  payments: { method: PaymentMethod; amount: Rupiah; reference: string | null }[];
  refunds: { id: number; number: string; kind: 'refund' | 'void'; total: Rupiah; createdAt: number }[];
}

/** A sale line as a cashier sees it: without the lot portions (each supplier's share). */
export type TillSaleLineView = Omit<SaleLineView, 'lots'> & { lots?: SaleLineView['lots'] };

/** A sale as `sales.get`/`sales.lookup` give it to any role; managers also get each line's `lots`. */
export type TillSaleView = Omit<SaleView, 'lines'> & { lines: TillSaleLineView[] };

export type PrintJobStatus = 'pending' | 'printed' | 'failed' | 'skipped';

export interface PrintJobView {
  id: number;
  kind: string;
  refId: number | null;
  copy: boolean;
  status: PrintJobStatus;
  attempts: number;
  lastError: string | null;
  tillCode: string;
  createdAt: number;
  printedAt: number | null;
}

/** What `sales.checkout` answers. */
export interface CheckoutResult {
  id: number;
  number: string;
  subtotal: Rupiah;
  discountTotal: Rupiah;
  total: Rupiah;
  /** Cash rounding; the customer pays `payable` = total + rounding. */
  rounding: Rupiah;
  payable: Rupiah;
  paid: Rupiah;
  change: Rupiah;
  createdAt: number;
  lines: { productId: number; name: string; qty: number; unitPrice: Rupiah; lineTotal: Rupiah }[];
  payments: { method: PaymentMethod; amount: Rupiah; reference: string | null }[];
  printJob?: PrintJobView;
}

export interface SessionInfo {
  user: { id: number; name: string; role: Role };
  tillCode: string;
}

/** The shop's settings every screen and document may read (the settings table, with defaults). */
export interface ShopInfo {
  shopName: string;
  shopAddress: string | null;
  shopPhone: string | null;
  receiptFooter: string | null;
  timeZone: string;
  /**
   * This outlet's code (KDI, WKT, …): none until an admin sets it when configuring forwarding to
   * the central database (Back office → Sistem → Kantor pusat); frozen from then on. Null for a
   * single shop.
   */
  outletCode: string | null;
  /** Till used when a login does not name one. */
  defaultTillCode: string;
}

/** What a fresh database answers before anyone changed a setting (the shop's name aside). */
export const SHOP_DEFAULTS: Omit<ShopInfo, 'shopName'> = {
  shopAddress: null,
  shopPhone: null,
  receiptFooter: null,
  timeZone: 'Asia/Makassar',
  outletCode: null,
  defaultTillCode: 'K1',
};

export type { PrinterConfig };
