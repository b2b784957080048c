import type { PaymentMethod, PrinterColumns } from '../../shared/printer';
import type { Rupiah } from '../../shared/money';

export interface ShopHeader {
  name: string;
  address?: string | null;
  phone?: string | null;
  /** Free text printed at the bottom of receipts, e.g. "Terima kasih". */
  footer?: string | null;
}

export interface ReceiptLine {
  name: string;
  qty: number;
  unitPrice: Rupiah;
  /** Discount on this line in rupiah (0 when none). */
  discount: Rupiah;
  /** Net amount of the line: qty × unitPrice − discount. */
  lineTotal: Rupiah;
}

export interface ReceiptPayment {
  method: PaymentMethod;
  amount: Rupiah;
  reference?: string | null;
}

export interface ReceiptData {
  shop: ShopHeader;
  number: string;
  tillCode: string;
  cashierName: string;
  /** UTC milliseconds. */
  createdAt: number;
  /** IANA zone of the business day, e.g. Asia/Makassar. */
  timeZone: string;
  lines: ReceiptLine[];
  subtotal: Rupiah;
  /** All discounts: the lines' own and the sale discount. */
  discountTotal: Rupiah;
  /** The sale-level part of discountTotal (0 or absent when none). */
  saleDiscount?: Rupiah;
  total: Rupiah;
  /** Cash rounding (±); the customer pays total + rounding. */
  rounding?: Rupiah;
  payments: ReceiptPayment[];
  change: Rupiah;
  /** Refunds and voids of the sale so far (a copy printed after a refund shows them and the net paid). */
  refunds?: ReceiptRefund[];
}

export interface ReceiptRefund {
  number: string;
  kind: 'refund' | 'void';
  /** UTC milliseconds. */
  createdAt: number;
  lines: { name: string; qty: number; amount: Rupiah }[];
  /** What went back: Σ payments. */
  payable: Rupiah;
  payments: ReceiptPayment[];
}

export interface DocumentOptions {
  columns: PrinterColumns;
  /** Reprint: marked clearly as a copy (SALINAN). */
  copy?: boolean;
  /** Pulse the cash drawer (ESC p) — cash sales, not reprints. */
  openDrawer?: boolean;
}
