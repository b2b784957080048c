/**
 * Price labels on the till's thermal printer: name, price, the expiry date
 * of food, and the barcode, one label per unit, cut apart. (The A4 sticker
 * sheet is a renderer page.)
 */
import { isValidEan13 } from '../../../shared/ean13';
import { formatRupiah, type Rupiah } from '../../../shared/money';
import type { PrinterColumns } from '../../../shared/printer';
import { encodeBlocks } from '../encode';
import { Doc } from '../layout';
import { slipDate } from './slip-parts';

export interface LabelData {
  name: string;
  sellPrice: Rupiah;
  sku: string;
  barcode: string | null;
  /** Food (products that track expiry): printed as `Exp 30/06/2027`. */
  expiryDate?: string | null;
}

/** EAN-13 when the code is a valid one, else Code 128 of the barcode (or the SKU). */
export function labelSymbology(code: string): 'ean13' | 'code128' {
  return isValidEan13(code) ? 'ean13' : 'code128';
}

export function buildLabels(items: readonly { label: LabelData; qty: number }[], opts: { columns: PrinterColumns }): Doc {
  const doc = new Doc(opts.columns);
  for (const { label, qty } of items) {
    const code = label.barcode ?? label.sku;
    for (let i = 0; i < qty; i++) {
      doc.center(label.name, { bold: true });
      doc.center(formatRupiah(label.sellPrice), { bold: true, size: 'double' });
      if (label.expiryDate) doc.center(`Exp ${slipDate(label.expiryDate)}`, { bold: true });
      doc.barcode(code, labelSymbology(code), 50);
      if (label.barcode) doc.center(label.sku);
      doc.cut(3);
    }
  }
  return doc;
}

export function renderLabels(items: readonly { label: LabelData; qty: number }[], opts: { columns: PrinterColumns }): Uint8Array {
  return encodeBlocks(buildLabels(items, opts).blocks, { columns: opts.columns });
}
