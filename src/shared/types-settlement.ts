/**
 * Plain values of the supplier ledger and settlement area (pembayaran
 * konsinyasi) that cross the API boundary.
 */
import type { Rupiah } from './money';
import type { PrintJobView } from './types';

export type LedgerKind = 'sale' | 'refund' | 'loss' | 'fee' | 'adjustment' | 'payout';
export type SettlementMethod = 'cash' | 'transfer';

/** What the shop owes one supplier (negative: the supplier owes the shop). */
export interface SupplierBalance {
  supplierId: number;
  code: string;
  name: string;
  active: boolean;
  balance: Rupiah;
}

export interface LedgerEntryView {
  id: number;
  supplierId: number;
  kind: LedgerKind;
  /** Positive = the shop owes the supplier more. */
  amount: Rupiah;
  qty: number | null;
  lotId: number | null;
  productId: number | null;
  productName: string | null;
  saleId: number | null;
  saleNumber: string | null;
  note: string | null;
  /** The settlement holding this entry (live), or a payout's own settlement. */
  settlementId: number | null;
  settlementNumber: string | null;
  createdBy: number | null;
  businessDate: string;
  createdAt: number;
}

/**
 * One slip line of sold goods: a product at one price and one set of terms.
 * `price` is what a unit earns the supplier under fixed terms (harga titip),
 * or the shop's selling price under commission terms.
 */
export interface SettlementProductLine {
  productId: number;
  name: string;
  unit: string;
  termsType: 'fixed' | 'commission';
  commissionBps: number | null;
  price: Rupiah;
  qty: number;
  /** Net sale amount (what the customers paid for these units). */
  gross: Rupiah;
  supplierShare: Rupiah;
}

/** A refund, loss, fee or adjustment entry as listed on the slip. */
export interface SettlementItem {
  entryId: number;
  businessDate: string;
  productId: number | null;
  name: string | null;
  qty: number | null;
  amount: Rupiah;
  note: string | null;
}

export interface SettlementStockLine {
  productId: number;
  name: string;
  unit: string;
  /** Units of this supplier still in the shop (all lots, expired included). */
  qty: number;
  /** Of which in expired lots (to be taken back). */
  expiredQty: number;
}

/** The covered entries grouped for the slip. */
export interface SettlementBreakdown {
  cutoff: string;
  /** Business day of the earliest entry; null when there is none. */
  periodFrom: string | null;
  entryCount: number;
  /** Highest ledger entry id included; pass it to `settlements.create` to lock exactly these. */
  throughEntryId: number | null;
  products: SettlementProductLine[];
  refunds: SettlementItem[];
  losses: SettlementItem[];
  fees: SettlementItem[];
  adjustments: SettlementItem[];
  totals: { sales: Rupiah; refunds: Rupiah; losses: Rupiah; fees: Rupiah; adjustments: Rupiah };
  /** Σ of the entries: what is paid when positive, carried forward otherwise. */
  amount: Rupiah;
}

export interface SettlementSupplier {
  id: number;
  code: string;
  name: string;
  ownerName: string | null;
  district: string | null;
  bankName: string | null;
  bankAccount: string | null;
  bankHolder: string | null;
}

export interface SettlementPreview extends SettlementBreakdown {
  supplier: SettlementSupplier;
  /** False when the amount is zero or negative: nothing to pay, carried forward. */
  payable: boolean;
  stock: SettlementStockLine[];
}

export interface SettlementView {
  id: number;
  number: string;
  supplierId: number;
  supplierCode: string;
  supplierName: string;
  cutoff: string;
  periodFrom: string;
  amount: Rupiah;
  entryCount: number;
  method: SettlementMethod;
  reference: string | null;
  note: string | null;
  bankName: string | null;
  bankAccount: string | null;
  bankHolder: string | null;
  tillCode: string;
  createdBy: number;
  createdByName: string;
  businessDate: string;
  createdAt: number;
  status: 'live' | 'voided';
  voidedAt: number | null;
  voidedBy: number | null;
  voidedByName: string | null;
  voidReason: string | null;
}

/** A settlement with what it covered (kept after a void) and the stock printed on its slip. */
export interface SettlementDetail extends SettlementView {
  supplier: SettlementSupplier;
  breakdown: SettlementBreakdown;
  stock: SettlementStockLine[];
}

export interface SettlementCreateResult extends SettlementView {
  printJob?: PrintJobView;
}

/** A supplier with something to be paid up to a cutoff (the bulk settlement screen). */
export interface BulkSettlementRow {
  supplierId: number;
  code: string;
  name: string;
  district: string | null;
  bankName: string | null;
  bankAccount: string | null;
  bankHolder: string | null;
  amount: Rupiah;
  entryCount: number;
  throughEntryId: number;
}

export interface TransferCsv {
  filename: string;
  csv: string;
  count: number;
  total: Rupiah;
}
