/**
 * Refund slip (bukti refund / pembatalan), Bahasa Indonesia, 32/42/48
 * columns: what went back, whether it went back to stock, how the money
 * was given back, who approved it, and a line for the customer to sign.
 */
import { formatNumber, formatRupiah, type Rupiah } from '../../../shared/money';
import type { PaymentMethod } from '../../../shared/printer';
import { encodeBlocks } from '../encode';
import { cleanText, Doc } from '../layout';
import type { DocumentOptions, ShopHeader } from '../types';
import { COPY_MARK, formatReceiptDateTime, PAYMENT_LABELS } from './receipt';

export interface RefundSlipData {
  shop: ShopHeader;
  kind: 'refund' | 'void';
  number: string;
  saleNumber: string;
  tillCode: string;
  cashierName: string;
  approvedByName: string;
  createdAt: number;
  timeZone: string;
  reason: string;
  lines: { name: string; qty: number; amount: Rupiah; restock: boolean }[];
  total: Rupiah;
  rounding: Rupiah;
  payments: { method: PaymentMethod; amount: Rupiah; reference?: string | null }[];
}

export function buildRefundSlip(data: RefundSlipData, opts: DocumentOptions): Doc {
  const doc = new Doc(opts.columns);
  if (opts.openDrawer) doc.drawer();
  doc.center(data.shop.name, { bold: true, size: 'tall' });
  if (data.shop.address && cleanText(data.shop.address)) doc.center(data.shop.address);
  if (data.shop.phone && cleanText(data.shop.phone)) doc.center(`Telp. ${data.shop.phone}`);
  doc.blank();
  doc.center(data.kind === 'void' ? 'PEMBATALAN PENJUALAN' : 'BUKTI RETUR PENJUALAN', { bold: true });
  if (opts.copy) doc.center(COPY_MARK, { bold: true });
  doc.separator();
  doc.pairOrStack(`No: ${data.number}`, formatReceiptDateTime(data.createdAt, data.timeZone));
  doc.pairOrStack(`Struk asal: ${data.saleNumber}`, `Mesin: ${data.tillCode}`);
  doc.text(`Kasir: ${data.cashierName}`);
  doc.text(`Disetujui: ${data.approvedByName}`);
  doc.separator();
  for (const line of data.lines) {
    doc.text(line.name);
    doc.pair(`${formatNumber(line.qty)} x`, `-${formatNumber(line.amount)}`, { indent: 2 });
    doc.line(line.restock ? '  (kembali ke stok)' : '  (tidak kembali ke stok)');
  }
  doc.separator();
  if (data.rounding !== 0) {
    doc.pair('Jumlah barang', formatNumber(data.total));
    doc.pair('Pembulatan', `${data.rounding > 0 ? '+' : '-'}${formatNumber(Math.abs(data.rounding))}`);
  }
  doc.pair('TOTAL RETUR', formatRupiah(data.total + data.rounding), { bold: true });
  for (const p of data.payments) {
    doc.pair(PAYMENT_LABELS[p.method] ?? String(p.method), formatNumber(p.amount));
    if (p.reference && cleanText(p.reference)) doc.pair(`Ref: ${p.reference}`, '', { indent: 2 });
  }
  doc.separator();
  doc.text(`Alasan: ${data.reason}`);
  doc.blank();
  doc.text('Tanda tangan pelanggan:');
  doc.blank(2);
  doc.line('_'.repeat(Math.min(24, opts.columns)));
  doc.cut(4);
  return doc;
}

export function refundSlipLines(data: RefundSlipData, opts: DocumentOptions): string[] {
  return buildRefundSlip(data, opts).lines();
}

export function renderRefundSlip(data: RefundSlipData, opts: DocumentOptions): Uint8Array {
  return encodeBlocks(buildRefundSlip(data, opts).blocks, { columns: opts.columns });
}
