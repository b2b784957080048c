/**
 * Report results (issue 8). Amounts are integer rupiah. Sales figures are
 * net of refunds: a period's sales less the refunds made in the period
 * (dated by the refund's business day, attributed to the refunded sale's
 * product, supplier, district, cashier and hour).
 */
import type { Rupiah } from './money';
import type { PaymentMethod } from './printer';
import type { ProductView } from './types';
import type { StockLotRow } from './types-backoffice';

/** The money columns every sales report row carries. */
export interface SalesFigures {
  /** Units sold less units refunded. */
  units: number;
  /** Σ net line amounts (after discounts) less Σ refunded net amounts. */
  gross: Rupiah;
  supplierShare: Rupiah;
  shopShare: Rupiah;
  /** Sales (not voided) with at least one line in the row. */
  transactions: number;
  /** The refunded net amount already subtracted from `gross` (≥ 0). */
  refunds: Rupiah;
}

export interface SalesReport<R> {
  from: string;
  to: string;
  rows: (R & SalesFigures)[];
  totals: SalesFigures;
}

export interface SupplierKey {
  supplierId: number | null;
  supplierCode: string | null;
  supplierName: string | null;
  district: string | null;
}
export interface ProductKey {
  productId: number;
  sku: string;
  name: string;
  category: string | null;
  supplierId: number | null;
  supplierName: string | null;
}
export interface CategoryKey {
  category: string | null;
}
export interface DistrictKey {
  district: string | null;
  /** Suppliers of the district with figures in the period. */
  suppliers: number;
}
export interface CashierKey {
  cashierId: number;
  cashierName: string;
}
export interface HourKey {
  /** Local hour 0–23 of the sale. */
  hour: number;
}

export interface PeriodSummary {
  from: string;
  to: string;
  /** Σ sales.total less Σ refunds.total (cash rounding excluded). */
  sales: Rupiah;
  /** Completed (not voided) sales. */
  transactions: number;
  /** round_half_up(sales / transactions); 0 without transactions. */
  averageBasket: Rupiah;
  /** Money taken per method (cash net of change, rounding included) less money given back. */
  byMethod: { method: PaymentMethod; amount: Rupiah }[];
}

export interface Dashboard {
  today: PeriodSummary;
  month: PeriodSummary;
  /** The last 30 business days, oldest first, every day present. */
  daily: { date: string; sales: Rupiah; transactions: number }[];
  topProducts: (ProductKey & SalesFigures)[];
  topSuppliers: (SupplierKey & SalesFigures)[];
  /** Lots with stock expiring within 30 days or already expired. */
  nearExpiryCount: number;
  /** Suppliers with a positive balance, and Σ of those balances. */
  suppliersOwed: number;
  totalOwed: Rupiah;
}

export interface StockReportRow {
  supplierId: number | null;
  supplierCode: string | null;
  supplierName: string | null;
  district: string | null;
  products: number;
  lots: number;
  qty: number;
  /** Per lot at its own terms: fixed supplierPrice×qty; commission sellPrice×qty − half-up commission. */
  valueAtTerms: Rupiah;
  valueAtSell: Rupiah;
}
export interface StockReport {
  rows: StockReportRow[];
  totals: { products: number; lots: number; qty: number; valueAtTerms: Rupiah; valueAtSell: Rupiah };
}

export type SlowMoversReport = StockLotRow[];
export type LowStockReport = ProductView[];

export type AgingBucket = 'd0_30' | 'd31_60' | 'd61_90' | 'd90plus';
export type AgingAmounts = Record<AgingBucket, Rupiah>;

export interface AgingRow {
  supplierId: number;
  supplierCode: string;
  supplierName: string;
  district: string | null;
  /** Σ of the entries unsettled at `asOf` (what the shop owes). */
  balance: Rupiah;
  oldestEntryDate: string;
  /** Days from the oldest unsettled entry to `asOf`. */
  ageDays: number;
  /** Bucket of the oldest unsettled entry. */
  bucket: AgingBucket;
  /** The unsettled amounts by each entry's own age; they add up to `balance`. */
  amounts: AgingAmounts;
}
export interface ConsignmentAging {
  asOf: string;
  rows: AgingRow[];
  totals: {
    balance: Rupiah;
    /** Σ balances of suppliers whose oldest entry is in each bucket. */
    byOldest: AgingAmounts;
    /** Σ of entry amounts by entry age. */
    amounts: AgingAmounts;
  };
}

export interface PayoutMonth {
  month: string;
  /** Live-at-the-time payouts made in the month. */
  settlements: number;
  suppliers: number;
  paid: Rupiah;
  /** Payouts voided in the month (reversal entries). */
  voided: Rupiah;
  net: Rupiah;
}
export interface PayoutsByMonth {
  year: number;
  months: PayoutMonth[];
  totals: { settlements: number; paid: Rupiah; voided: Rupiah; net: Rupiah };
}

export interface OfficeFigures {
  units: number;
  gross: Rupiah;
  supplierShare: Rupiah;
  shopShare: Rupiah;
  /** Payout entries of the month, net of voids in the month. */
  paidOut: Rupiah;
}
export interface OfficeDistrictRow extends OfficeFigures {
  district: string | null;
  activeSuppliers: number;
  suppliersWithSales: number;
}
export interface OfficeSupplierRow extends OfficeFigures {
  supplierId: number;
  supplierCode: string;
  supplierName: string;
  ownerName: string | null;
  district: string | null;
  active: boolean;
  hasSales: boolean;
}
export interface OfficeReport {
  month: string;
  from: string;
  to: string;
  districts: OfficeDistrictRow[];
  suppliers: OfficeSupplierRow[];
  totals: OfficeFigures & { activeSuppliers: number; suppliersWithSales: number };
}

export interface ExportFile {
  filename: string;
  mimeType: string;
  base64: string;
}
