/**
 * Intake slip (tanda terima barang titipan), Bahasa Indonesia, for 32/42/48
 * columns: what the shop received from the supplier, under which terms,
 * and two signatures. The supplier takes one home.
 */
import { formatNumber, formatRupiah, type Rupiah } from '../../../shared/money';
import type { Terms } from '../../../shared/types';
import { encodeBlocks } from '../encode';
import { cleanText, Doc } from '../layout';
import type { DocumentOptions, ShopHeader } from '../types';
import { formatReceiptDateTime } from './receipt';
import { addSignatures, addSlipHeader, qtyLabel, termsLabel } from './slip-parts';

export const INTAKE_SLIP_TITLE = 'TANDA TERIMA BARANG TITIPAN';

export interface SlipLine {
  name: string;
  qty: number;
  unit: string;
  expiryDate: string | null;
  /** The lot's terms snapshot. */
  terms: Terms;
  sellPrice: Rupiah;
  /** qty at the lot's terms. */
  value: Rupiah;
}

export interface IntakeSlipData {
  shop: ShopHeader;
  /** IANA zone of the business day, e.g. Asia/Makassar. */
  timeZone: string;
  number: string;
  /** UTC milliseconds. */
  createdAt: number;
  supplier: { code: string; name: string };
  receivedByName: string;
  note: string | null;
  lines: SlipLine[];
  totalQty: number;
  totalValue: Rupiah;
}

export type SlipOptions = Pick<DocumentOptions, 'columns' | 'copy'>;

/** Name; qty, unit and expiry; terms and value at those terms. */
export function addSlipLines(doc: Doc, lines: readonly SlipLine[]): void {
  for (const line of lines) {
    doc.text(line.name);
    doc.pair(qtyLabel(line.qty, line.unit, line.expiryDate), '', { indent: 2 });
    doc.pair(termsLabel(line.terms, line.sellPrice), formatNumber(line.value), { indent: 2 });
  }
}

export function buildIntakeSlip(data: IntakeSlipData, opts: SlipOptions): Doc {
  const doc = new Doc(opts.columns);
  addSlipHeader(doc, data.shop, INTAKE_SLIP_TITLE, opts.copy);

  doc.pairOrStack(`No: ${data.number}`, formatReceiptDateTime(data.createdAt, data.timeZone));
  doc.text(`Pemasok: ${data.supplier.code} ${data.supplier.name}`);
  doc.text(`Diterima oleh: ${data.receivedByName}`);
  doc.separator();

  addSlipLines(doc, data.lines);
  doc.separator();

  doc.pair('Jumlah barang', formatNumber(data.totalQty));
  doc.pair('Nilai titipan', formatRupiah(data.totalValue), { bold: true });
  doc.separator();
  doc.text('Nilai titipan: hak pemasok bila semua barang terjual, menurut harga titip atau komisi.');
  if (data.note && cleanText(data.note)) doc.text(`Catatan: ${data.note}`);
  doc.text('Barang di atas diterima sebagai titipan jual (konsinyasi).');

  doc.blank();
  addSignatures(doc, { title: 'Pemasok' }, { title: 'Petugas Penerima', name: data.receivedByName });
  doc.cut(4);
  return doc;
}

export function intakeSlipLines(data: IntakeSlipData, opts: SlipOptions): string[] {
  return buildIntakeSlip(data, opts).lines();
}

export function renderIntakeSlip(data: IntakeSlipData, opts: SlipOptions): Uint8Array {
  return encodeBlocks(buildIntakeSlip(data, opts).blocks, { columns: opts.columns });
}
