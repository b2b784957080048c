/**
 * Plain values of the back office area (suppliers, products, intake,
 * returns, expiry, stock counts, movements, labels) as they cross the API.
 */
import type { Rupiah } from './money';
import type { PrintJobView, ProductView, Supplier, Terms } from './types';

export type ReturnReason = 'unsold' | 'expired' | 'damaged' | 'other';
export type Liability = 'shop' | 'supplier';

/** Stock of a set of lots, valued at the supplier's terms (what they would get if all sold). */
export interface StockSummary {
  /** Units on hand, expired included. */
  qty: number;
  /** Of which in expired lots. */
  expiredQty: number;
  /** Lots with stock. */
  lots: number;
  /** Σ per lot: fixed → supplierPrice × qty; commission → sellPrice × qty − commission. */
  value: Rupiah;
  /** Σ sellPrice × qty at the lots' sell prices. */
  sellValue: Rupiah;
}

/** A supplier row of the back office list, with what is owed and what is on the shelf. */
export interface SupplierOverview extends Supplier {
  balance: Rupiah;
  productCount: number;
  stockQty: number;
  stockValue: Rupiah;
}

export interface SoldProductSummary {
  productId: number;
  name: string;
  qty: number;
  /** Net sales (after discounts) of the supplier's lots. */
  netAmount: Rupiah;
  supplierShare: Rupiah;
  lastSoldAt: number;
}

export interface SupplierDetail {
  supplier: Supplier;
  /** What the shop owes the supplier: Σ of their ledger entries. */
  balance: Rupiah;
  stock: StockSummary;
  products: ProductView[];
  recentIntakes: IntakeSummary[];
  recentReturns: ReturnSummary[];
  sold: { qty: number; netAmount: Rupiah; supplierShare: Rupiah; products: SoldProductSummary[] };
}

/** A lot's units in and out since its intake. */
export interface LotTotals {
  receivedQty: number;
  remainingQty: number;
  soldQty: number;
  /** Refunded units put back into the lot. */
  restockedQty: number;
  returnedQty: number;
  /** Net of adjustments (negative = units written off). */
  adjustedQty: number;
}

/** One lot as the product page shows it: its own terms snapshot and history totals. */
export interface LotView extends LotTotals {
  id: number;
  productId: number;
  intakeId: number | null;
  intakeNumber: string | null;
  supplierId: number | null;
  expiryDate: string | null;
  expired: boolean;
  /** Terms and sell price agreed at intake; a later product change never rewrites them. */
  terms: Terms;
  sellPrice: Rupiah;
  /** True when the product's current price or terms differ from this lot's snapshot. */
  termsDiffer: boolean;
  /** Remaining qty at the lot's terms. */
  value: Rupiah;
  createdAt: number;
}

export interface ProductDetail extends ProductView {
  lots: LotView[];
}

/** A slip line on one lot: which lot and product, how many units. */
export interface LotLine {
  lotId: number;
  productId: number;
  sku: string;
  name: string;
  unit: string;
  qty: number;
}

export interface IntakeLineView extends LotLine {
  remainingQty: number;
  expiryDate: string | null;
  terms: Terms;
  sellPrice: Rupiah;
  /** qty at the lot's terms. */
  value: Rupiah;
}

export interface IntakeView {
  id: number;
  number: string;
  supplierId: number;
  supplierCode: string;
  supplierName: string;
  receivedBy: number;
  receivedByName: string;
  note: string | null;
  businessDate: string;
  createdAt: number;
  lines: IntakeLineView[];
  totalQty: number;
  totalValue: Rupiah;
}

export interface IntakeSummary {
  id: number;
  number: string;
  supplierId: number;
  supplierCode: string;
  supplierName: string;
  receivedByName: string;
  businessDate: string;
  createdAt: number;
  lineCount: number;
  totalQty: number;
  totalValue: Rupiah;
}

export interface ReturnLineView extends LotLine {
  expiryDate: string | null;
  intakeNumber: string | null;
  terms: Terms;
  sellPrice: Rupiah;
  /** qty at the lot's terms. */
  value: Rupiah;
}

export interface ReturnView {
  id: number;
  number: string;
  supplierId: number;
  supplierCode: string;
  supplierName: string;
  reason: ReturnReason;
  note: string | null;
  createdBy: number;
  createdByName: string;
  businessDate: string;
  createdAt: number;
  lines: ReturnLineView[];
  totalQty: number;
  totalValue: Rupiah;
}

export interface ReturnSummary {
  id: number;
  number: string;
  supplierId: number;
  supplierCode: string;
  supplierName: string;
  reason: ReturnReason;
  createdByName: string;
  businessDate: string;
  createdAt: number;
  totalQty: number;
  totalValue: Rupiah;
}

/** A lot with stock, as the near-expiry and slow-moving lists show it. */
export interface StockLotRow {
  lotId: number;
  productId: number;
  sku: string;
  barcode: string | null;
  name: string;
  supplierId: number | null;
  supplierCode: string | null;
  supplierName: string | null;
  intakeNumber: string | null;
  receivedAt: number;
  remainingQty: number;
  expiryDate: string | null;
  /** Days from today to the expiry date (negative = expired that many days ago); null without expiry. */
  daysToExpiry: number | null;
  expired: boolean;
  /** Remaining qty at the lot's terms. */
  value: Rupiah;
  /** Last sale of the product (any lot), UTC ms. */
  lastSoldAt: number | null;
}

/** A lot whose saved expiry cannot be right for the day it was received, to be corrected. */
export interface ImplausibleExpiryRow extends StockLotRow {
  /** The intake's business day. */
  receivedOn: string;
  /** The likely intended date (day and month swapped back, or the year in this century), when plausible. */
  suggestion: string | null;
}

export interface ExpiryCorrection {
  lotId: number;
  previous: string | null;
  expiryDate: string;
}

export type StockCountStatus = 'open' | 'posted' | 'cancelled';

export interface StockCountLineView {
  lotId: number;
  /** The intake the lot came in with (`TT-…`), as people name a lot. */
  intakeNumber: string | null;
  productId: number;
  sku: string;
  barcode: string | null;
  name: string;
  supplierId: number | null;
  expiryDate: string | null;
  /** System qty when the count started, or when this lot was counted. */
  expectedQty: number;
  countedQty: number | null;
  /** counted − expected; null until counted. */
  difference: number | null;
  /** The lot's remaining qty now. */
  currentQty: number;
  /** For a shortfall: what a shop-borne loss would owe the supplier. */
  lossValue: Rupiah;
  countedAt: number | null;
}

export interface StockCountView {
  id: number;
  number: string;
  status: StockCountStatus;
  supplierId: number | null;
  supplierName: string | null;
  category: string | null;
  note: string | null;
  startedBy: number;
  startedByName: string;
  startedAt: number;
  closedAt: number | null;
  businessDate: string;
  lines: StockCountLineView[];
  totals: { lines: number; counted: number; uncounted: number; withDifference: number; shortQty: number; surplusQty: number; shortValue: Rupiah };
  /** After posting: the adjustments it made. */
  adjustments: StockAdjustmentView[];
}

export interface StockCountSummary {
  id: number;
  number: string;
  status: StockCountStatus;
  supplierId: number | null;
  supplierName: string | null;
  category: string | null;
  startedByName: string;
  startedAt: number;
  closedAt: number | null;
  lines: number;
  counted: number;
}

export interface StockAdjustmentView {
  id: number;
  lotId: number;
  productId: number;
  supplierId: number | null;
  delta: number;
  reason: string;
  liability: Liability | null;
  countId: number | null;
  /** The `loss` ledger entry written for a shop-borne shortfall. */
  ledgerEntryId: number | null;
  lossAmount: Rupiah;
  remainingQty: number;
  createdBy: number;
  createdAt: number;
}

export type MovementKind = 'intake' | 'sale' | 'refund' | 'return' | 'adjustment';

/** One change of a lot's stock, newest first in `stock.movements`. */
export interface StockMovement {
  kind: MovementKind;
  at: number;
  lotId: number;
  productId: number;
  productName: string;
  /** Signed change of the lot's stock. */
  qty: number;
  /** The document behind it: intake, sale, return or stock count number (null for a single adjustment). */
  refId: number | null;
  refNumber: string | null;
  userId: number | null;
  userName: string | null;
  note: string | null;
}

export interface LotInvariantViolation extends LotTotals {
  lotId: number;
  /** received + restocked + adjusted − sold − returned − remaining (0 when the lot is consistent). */
  discrepancy: number;
}

export interface LabelsResult {
  labels: number;
  printJob: PrintJobView;
}

export type ReturnResult = ReturnView & { printJob?: PrintJobView };
