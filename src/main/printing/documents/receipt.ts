/**
 * Sales receipt (struk belanja), Bahasa Indonesia, for 32/42/48 columns.
 */
import { formatNumber, formatRupiah } from '../../../shared/money';
import { formatDmy, zoneAbbreviation } from '../../../shared/dates';
import { wallClock } from '../../../shared/zone-offset';

export { zoneAbbreviation };
import type { PaymentMethod } from '../../../shared/printer';
import { encodeBlocks } from '../encode';
import { cleanText, Doc } from '../layout';
import type { DocumentOptions, ReceiptData, ReceiptLine } from '../types';

export const PAYMENT_LABELS: Record<PaymentMethod, string> = {
  cash: 'Tunai',
  qris: 'QRIS',
  debit: 'Kartu Debit',
  transfer: 'Transfer',
  ewallet: 'E-Wallet',
};

export const DEFAULT_RECEIPT_FOOTER = [
  'Terima kasih atas kunjungan Anda',
  'Barang yang sudah dibeli tidak dapat ditukar',
];

/** On every copy of a document, centred and bold under the shop's header (documents are in Bahasa Indonesia only). */
export const COPY_MARK = '** SALINAN **';


/** `29/11/2026 14:05` of a wall clock read through its UTC fields (the day by the app's one `formatDmy`). */
function dmyHm(wall: Date): string {
  const iso = wall.toISOString();
  return `${formatDmy(iso.slice(0, 10))} ${iso.slice(11, 16)}`;
}

/** `29/11/2026 14:05 WITA`: local time of `utcMillis` in `timeZone`. */
export function formatReceiptDateTime(utcMillis: number, timeZone: string): string {
  try {
    return `${dmyHm(wallClock(utcMillis, timeZone))} ${zoneAbbreviation(timeZone)}`;
  } catch {
    // Unknown zone name: print UTC rather than fail the receipt.
    return `${dmyHm(new Date(utcMillis))} UTC`;
  }
}

/** Gross amount of a line before its discount (qty × unit price). */
function grossAmount(line: ReceiptLine): number {
  return line.lineTotal + line.discount;
}

function qtyPrice(line: ReceiptLine): string {
  return `${formatNumber(line.qty)} x ${formatNumber(line.unitPrice)}`;
}

function addItemsNarrow(doc: Doc, lines: readonly ReceiptLine[]): void {
  for (const line of lines) {
    doc.text(line.name);
    doc.pair(qtyPrice(line), formatNumber(grossAmount(line)), { indent: 2 });
    if (line.discount > 0) doc.pair('Diskon', `-${formatNumber(line.discount)}`, { indent: 2 });
  }
}

/**
 * 42/48 columns: name, qty × price and amount side by side when the name
 * column is still at least 16 wide; a longer name is printed on its own
 * lines first, with the numbers on the line under it.
 */
function addItemsWide(doc: Doc, lines: readonly ReceiptLine[]): boolean {
  const columns = doc.columns;
  const qpWidth = Math.max(...lines.map((l) => qtyPrice(l).length));
  const amountWidth = Math.max(
    columns >= 48 ? 10 : 7,
    ...lines.map((l) => formatNumber(grossAmount(l)).length),
    ...lines.map((l) => (l.discount > 0 ? formatNumber(l.discount).length + 1 : 0)),
  );
  const nameWidth = columns - qpWidth - amountWidth - 2;
  if (nameWidth < 16) return false;

  const row = (name: string, middle: string, amount: string): string =>
    name.padEnd(nameWidth) + ' ' + middle.padStart(qpWidth) + ' ' + amount.padStart(amountWidth);

  for (const line of lines) {
    const name = cleanText(line.name);
    // A name too long for its column gets its own lines; the numbers follow on a line of their own.
    if (name.length > nameWidth) doc.text(name);
    doc.line(row(name.length > nameWidth ? '' : name, qtyPrice(line), formatNumber(grossAmount(line))));
    if (line.discount > 0) {
      doc.line(row('  Diskon', '', `-${formatNumber(line.discount)}`));
    }
  }
  return true;
}

/** The receipt as a document (blocks), before encoding. */
export function buildReceipt(data: ReceiptData, opts: DocumentOptions): Doc {
  const doc = new Doc(opts.columns);

  if (opts.openDrawer) doc.drawer();

  // Header
  doc.center(data.shop.name, { bold: true, size: 'tall' });
  if (data.shop.address && cleanText(data.shop.address)) doc.center(data.shop.address);
  if (data.shop.phone && cleanText(data.shop.phone)) doc.center(`Telp. ${data.shop.phone}`);
  if (opts.copy) {
    doc.blank();
    doc.center(COPY_MARK, { bold: true });
  }
  doc.separator();

  // Sale
  doc.pairOrStack(`No: ${data.number}`, formatReceiptDateTime(data.createdAt, data.timeZone));
  doc.pairOrStack(`Kasir: ${data.cashierName}`, `Mesin: ${data.tillCode}`);
  doc.separator();

  // Items
  if (!(opts.columns >= 42 && data.lines.length > 0 && addItemsWide(doc, data.lines))) {
    addItemsNarrow(doc, data.lines);
  }
  doc.separator();

  // Totals
  const saleDiscount = data.saleDiscount ?? 0;
  if (data.discountTotal > 0) {
    doc.pair('Subtotal', formatNumber(data.subtotal));
    if (saleDiscount > 0) {
      const lineDiscounts = data.discountTotal - saleDiscount;
      if (lineDiscounts > 0) doc.pair('Diskon barang', `-${formatNumber(lineDiscounts)}`);
      doc.pair('Diskon transaksi', `-${formatNumber(saleDiscount)}`);
    } else {
      doc.pair('Diskon', `-${formatNumber(data.discountTotal)}`);
    }
  }
  doc.pair('TOTAL', formatRupiah(data.total), { bold: true });
  const rounding = data.rounding ?? 0;
  if (rounding !== 0) {
    doc.pair('Pembulatan', `${rounding > 0 ? '+' : '-'}${formatNumber(Math.abs(rounding))}`);
    doc.pair('TOTAL BAYAR', formatRupiah(data.total + rounding), { bold: true });
  }
  for (const payment of data.payments) {
    doc.pair(PAYMENT_LABELS[payment.method] ?? String(payment.method), formatNumber(payment.amount));
    if (payment.reference && cleanText(payment.reference)) {
      doc.pair(`Ref: ${payment.reference}`, '', { indent: 2 });
    }
  }
  if (data.change > 0 || data.payments.some((p) => p.method === 'cash')) {
    doc.pair('Kembali', formatNumber(data.change));
  }
  doc.separator();
  const itemCount = data.lines.reduce((sum, l) => sum + l.qty, 0);
  doc.text(`Jumlah barang: ${formatNumber(itemCount)}`);

  // Refunds so far (a copy printed after a refund), and what the customer paid net of them.
  const refunds = data.refunds ?? [];
  if (refunds.length > 0) {
    doc.separator();
    for (const refund of refunds) {
      doc.text(refund.kind === 'void' ? 'PEMBATALAN' : 'RETUR', { bold: true });
      doc.pairOrStack(refund.number, formatReceiptDateTime(refund.createdAt, data.timeZone));
      for (const line of refund.lines) {
        doc.text(line.name);
        doc.pair(`${formatNumber(line.qty)} x`, `-${formatNumber(line.amount)}`, { indent: 2 });
      }
      for (const p of refund.payments) {
        doc.pair(`Dikembalikan (${PAYMENT_LABELS[p.method] ?? String(p.method)})`, `-${formatNumber(p.amount)}`);
      }
    }
    doc.separator();
    const returned = refunds.reduce((n, r) => n + r.payable, 0);
    doc.pair('Total dikembalikan', `-${formatNumber(returned)}`);
    doc.pair('DIBAYAR BERSIH', formatRupiah(data.total + rounding - returned), { bold: true });
  }

  // The sale number as a barcode: the refund screen takes it from a scanner.
  if (cleanText(receiptBarcode(data.number))) {
    doc.blank();
    doc.barcode(receiptBarcode(data.number), 'code128', 50, 2);
  }

  // Footer
  doc.blank();
  const footer = data.shop.footer && cleanText(data.shop.footer) ? data.shop.footer.split(/\r\n|\r|\n/) : DEFAULT_RECEIPT_FOOTER;
  for (const text of footer) doc.center(text);

  doc.cut(4);
  return doc;
}

/**
 * What the receipt's barcode holds: the sale number without its dashes
 * (`K1-20261129-0007` → `K1202611290007`), so that CODE128 prints the digits
 * two to a symbol and the code stays narrow enough for 58 mm paper.
 * `sales.lookup` takes it back.
 */
export const receiptBarcode = (saleNumber: string): string => saleNumber.replace(/-/g, '');

/** The printed text lines (barcodes as `[BARCODE …]`), for previews and tests. */
export function receiptLines(data: ReceiptData, opts: DocumentOptions): string[] {
  return buildReceipt(data, opts).lines({ markers: true });
}

/** ESC/POS bytes of the receipt. */
export function renderReceipt(data: ReceiptData, opts: DocumentOptions): Uint8Array {
  return encodeBlocks(buildReceipt(data, opts).blocks, { columns: opts.columns });
}
