/**
 * A QRIS slip for the customer to scan (when the screen is out of reach),
 * and the drawer kick without a sale.
 */
import { formatRupiah, type Rupiah } from '../../../shared/money';
import type { PrinterColumns } from '../../../shared/printer';
import { encodeBlocks } from '../encode';
import { Doc } from '../layout';
import { formatReceiptDateTime } from './receipt';

export interface QrisSlipData {
  shopName: string;
  merchantName: string;
  payload: string;
  amount: Rupiah;
  createdAt: number;
  timeZone: string;
}

export function buildQrisSlip(data: QrisSlipData, columns: PrinterColumns): Doc {
  const doc = new Doc(columns);
  doc.center(data.shopName, { bold: true, size: 'tall' });
  doc.center('BAYAR DENGAN QRIS', { bold: true });
  doc.separator();
  doc.center(formatRupiah(data.amount), { bold: true, size: 'double' });
  doc.blank();
  doc.qr(data.payload, columns >= 42 ? 7 : 6);
  doc.blank();
  doc.center(data.merchantName);
  doc.center(formatReceiptDateTime(data.createdAt, data.timeZone));
  doc.cut(4);
  return doc;
}

export function renderQrisSlip(data: QrisSlipData, columns: PrinterColumns): Uint8Array {
  return encodeBlocks(buildQrisSlip(data, columns).blocks, { columns });
}

/** Only ESC p: opens the cash drawer, prints nothing. */
export function renderDrawerKick(columns: PrinterColumns): Uint8Array {
  return encodeBlocks(new Doc(columns).drawer().blocks, { columns });
}
