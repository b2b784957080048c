/**
 * Return slip (bukti retur barang titipan), Bahasa Indonesia, for 32/42/48
 * columns: what the shop gave back to the supplier and why, with two
 * signatures (the supplier's and the shop person's, named under their lines).
 */
import { formatNumber, formatRupiah, type Rupiah } from '../../../shared/money';
import type { ReturnReason } from '../../../shared/types-backoffice';
import { encodeBlocks } from '../encode';
import { cleanText, Doc } from '../layout';
import type { ShopHeader } from '../types';
import { addSlipLines, type SlipLine, type SlipOptions } from './intake-slip';
import { formatReceiptDateTime } from './receipt';
import { addSignatures, addSlipHeader, supplierSignature } from './slip-parts';

export const RETURN_SLIP_TITLE = 'BUKTI RETUR BARANG TITIPAN';

export const RETURN_REASON_TEXT: Record<ReturnReason, string> = {
  unsold: 'Tidak laku',
  expired: 'Kedaluwarsa',
  damaged: 'Rusak',
  other: 'Lainnya',
};

export interface ReturnSlipData {
  shop: ShopHeader;
  timeZone: string;
  number: string;
  createdAt: number;
  /** `ownerName`: who signs for the supplier, when known (as on the settlement slip). */
  supplier: { code: string; name: string; ownerName?: string | null };
  createdByName: string;
  reason: ReturnReason;
  note: string | null;
  lines: SlipLine[];
  totalQty: number;
  totalValue: Rupiah;
}

export function buildReturnSlip(data: ReturnSlipData, opts: SlipOptions): Doc {
  const doc = new Doc(opts.columns);
  addSlipHeader(doc, data.shop, RETURN_SLIP_TITLE, opts.copy);

  doc.pairOrStack(`No: ${data.number}`, formatReceiptDateTime(data.createdAt, data.timeZone));
  doc.text(`Pemasok: ${data.supplier.code} ${data.supplier.name}`);
  doc.text(`Petugas: ${data.createdByName}`);
  doc.text(`Alasan: ${RETURN_REASON_TEXT[data.reason] ?? data.reason}`);
  if (data.note && cleanText(data.note)) doc.text(`Catatan: ${data.note}`);
  doc.separator();

  addSlipLines(doc, data.lines);
  doc.separator();

  doc.pair('Jumlah barang', formatNumber(data.totalQty));
  doc.pair('Nilai barang', formatRupiah(data.totalValue), { bold: true });
  doc.separator();
  doc.text('Barang di atas telah dikembalikan kepada pemasok dan diterima dalam jumlah yang sesuai.');

  doc.blank();
  // Signed like the settlement slip: a line for each side, each name under its line.
  addSignatures(doc, supplierSignature(data.supplier), { title: 'Petugas Toko', name: data.createdByName });
  doc.cut(4);
  return doc;
}

export function returnSlipLines(data: ReturnSlipData, opts: SlipOptions): string[] {
  return buildReturnSlip(data, opts).lines();
}

export function renderReturnSlip(data: ReturnSlipData, opts: SlipOptions): Uint8Array {
  return encodeBlocks(buildReturnSlip(data, opts).blocks, { columns: opts.columns });
}
