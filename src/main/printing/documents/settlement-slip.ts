/**
 * Settlement slip (nota pembayaran konsinyasi), Bahasa Indonesia, for
 * 32/42/48 columns: what the supplier's goods earned, what was taken off,
 * what was paid, what is still in the shop, and two signature lines.
 */
import { formatNumber, formatRupiah } from '../../../shared/money';
import { addSignatures, formatBps, slipDate, supplierSignature } from './slip-parts';
import type { PrinterColumns } from '../../../shared/printer';
import type { SettlementDetail, SettlementItem, SettlementProductLine } from '../../../shared/types-settlement';
import { encodeBlocks } from '../encode';
import { cleanText, Doc } from '../layout';
import type { ShopHeader } from '../types';
import { COPY_MARK, formatReceiptDateTime } from './receipt';

export interface SettlementSlipData {
  shop: ShopHeader;
  /** IANA zone of the business day, e.g. Asia/Makassar. */
  timeZone: string;
  settlement: SettlementDetail;
}

export interface SettlementSlipOptions {
  columns: PrinterColumns;
  /** Reprint: marked clearly as a copy (SALINAN). */
  copy?: boolean;
}

export const SLIP_TITLE = 'NOTA PEMBAYARAN KONSINYASI';
export const VOID_MARK = '** DIBATALKAN **';

export const SETTLEMENT_METHOD_LABELS = { cash: 'Tunai', transfer: 'Transfer' } as const;

/** `-25.000`, `280.000`; with `plus`, positive amounts get a `+`. */
export function signed(amount: number, plus = false): string {
  if (amount < 0) return `-${formatNumber(-amount)}`;
  return `${plus && amount > 0 ? '+' : ''}${formatNumber(amount)}`;
}

function qtyPrice(line: SettlementProductLine): string {
  return `${formatNumber(line.qty)} x ${formatNumber(line.price)}`;
}

/** The amount a product line adds before commission: qty × price (fixed) or the net sale (commission). */
function lineAmount(line: SettlementProductLine): number {
  return line.termsType === 'fixed' ? line.supplierShare : line.gross;
}

function commissionLabel(line: SettlementProductLine): string {
  return `Komisi toko ${formatBps(line.commissionBps ?? 0)}`;
}

function addProductsNarrow(doc: Doc, lines: readonly SettlementProductLine[]): void {
  for (const line of lines) {
    doc.text(line.name);
    doc.pair(qtyPrice(line), formatNumber(lineAmount(line)), { indent: 2 });
    if (line.termsType === 'commission') doc.pair(commissionLabel(line), signed(line.supplierShare - line.gross), { indent: 2 });
  }
}

/** 42/48 columns: name, qty × price and amount side by side while the name column is at least 14 wide. */
function addProductsWide(doc: Doc, lines: readonly SettlementProductLine[]): boolean {
  const qpWidth = Math.max(...lines.map((l) => qtyPrice(l).length));
  const amountWidth = Math.max(
    doc.columns >= 48 ? 10 : 8,
    ...lines.map((l) => formatNumber(lineAmount(l)).length),
    ...lines.map((l) => signed(l.supplierShare - l.gross).length),
  );
  const nameWidth = doc.columns - qpWidth - amountWidth - 2;
  if (nameWidth < 14) return false;
  const row = (name: string, middle: string, amount: string): string =>
    name.padEnd(nameWidth) + ' ' + middle.padStart(qpWidth) + ' ' + amount.padStart(amountWidth);
  for (const line of lines) {
    const name = cleanText(line.name);
    // A name too long for its column gets its own lines; the numbers follow on a line of their own.
    if (name.length > nameWidth) doc.text(name);
    doc.line(row(name.length > nameWidth ? '' : name, qtyPrice(line), formatNumber(lineAmount(line))));
    if (line.termsType === 'commission') {
      doc.pair(commissionLabel(line), signed(line.supplierShare - line.gross), { indent: 2 });
    }
  }
  return true;
}

/** `20/11 1 x Kacang Mete …`: the day, the units (refunds carry them as a negative qty), the product. */
function itemLabel(entry: SettlementItem, withProduct: boolean): string {
  const parts: string[] = [slipDate(entry.businessDate).slice(0, 5)];
  if (withProduct && entry.name) parts.push(entry.qty ? `${formatNumber(Math.abs(entry.qty))} x ${entry.name}` : entry.name);
  else if (entry.note && cleanText(entry.note)) parts.push(entry.note);
  return parts.join(' ');
}

function addItems(doc: Doc, title: string, entries: readonly SettlementItem[], opts: { withProduct: boolean; plus?: boolean }): void {
  if (entries.length === 0) return;
  doc.separator();
  doc.text(title, { bold: true });
  for (const entry of entries) {
    doc.pair(itemLabel(entry, opts.withProduct), signed(entry.amount, opts.plus), { indent: 2 });
    // A product entry's note goes under it, so the amount stays beside the product (or alone).
    if (opts.withProduct && entry.name && entry.note && cleanText(entry.note)) doc.pair(entry.note, '', { indent: 4 });
  }
}

/** The slip as a document (blocks), before encoding. */
export function buildSettlementSlip(data: SettlementSlipData, opts: SettlementSlipOptions): Doc {
  const doc = new Doc(opts.columns);
  const s = data.settlement;
  const b = s.breakdown;

  // Header
  doc.center(data.shop.name, { bold: true, size: 'tall' });
  if (data.shop.address && cleanText(data.shop.address)) doc.center(data.shop.address);
  if (data.shop.phone && cleanText(data.shop.phone)) doc.center(`Telp. ${data.shop.phone}`);
  doc.blank();
  doc.center(SLIP_TITLE, { bold: true });
  if (opts.copy) doc.center(COPY_MARK, { bold: true });
  if (s.status === 'voided') {
    doc.center(VOID_MARK, { bold: true });
    if (s.voidReason) doc.center(`Alasan: ${s.voidReason}`);
  }
  doc.separator();

  // Settlement and supplier
  doc.pairOrStack(`No: ${s.number}`, formatReceiptDateTime(s.createdAt, data.timeZone));
  doc.text(`Pemasok: ${s.supplier.code} ${s.supplier.name}`);
  if (s.supplier.ownerName && cleanText(s.supplier.ownerName)) doc.text(`Pemilik: ${s.supplier.ownerName}`);
  if (s.supplier.bankAccount) {
    doc.text(`Bank: ${[s.supplier.bankName, s.supplier.bankAccount].filter(Boolean).join(' ')}`);
    if (s.supplier.bankHolder && cleanText(s.supplier.bankHolder)) doc.text(`a.n. ${s.supplier.bankHolder}`);
  }
  doc.pairOrStack('Periode', `${slipDate(s.periodFrom)} - ${slipDate(s.cutoff)}`);

  // Goods sold
  doc.separator();
  doc.text('PENJUALAN', { bold: true });
  if (b.products.length === 0) doc.text('Tidak ada penjualan', {});
  else if (!(opts.columns >= 42 && addProductsWide(doc, b.products))) addProductsNarrow(doc, b.products);

  addItems(doc, 'RETUR PENJUALAN', b.refunds, { withProduct: true });
  addItems(doc, 'KEHILANGAN (TANGGUNGAN TOKO)', b.losses, { withProduct: true });
  addItems(doc, 'POTONGAN / BIAYA', b.fees, { withProduct: false });
  addItems(doc, 'PENYESUAIAN', b.adjustments, { withProduct: false, plus: true });

  // Totals
  doc.separator();
  doc.pair('Penjualan', signed(b.totals.sales));
  if (b.refunds.length) doc.pair('Retur', signed(b.totals.refunds));
  if (b.losses.length) doc.pair('Kehilangan', signed(b.totals.losses));
  if (b.fees.length) doc.pair('Potongan / biaya', signed(b.totals.fees));
  if (b.adjustments.length) doc.pair('Penyesuaian', signed(b.totals.adjustments, true));
  doc.separator('=');
  doc.pair('TOTAL DIBAYAR', formatRupiah(s.amount), { bold: true });
  doc.pair('Cara bayar', SETTLEMENT_METHOD_LABELS[s.method]);
  if (s.reference && cleanText(s.reference)) doc.pair(`Ref: ${s.reference}`, '', { indent: 2 });
  if (s.note && cleanText(s.note)) doc.text(`Catatan: ${s.note}`);

  // Stock still in the shop
  doc.separator();
  doc.text('SISA STOK DI TOKO', { bold: true });
  if (data.settlement.stock.length === 0) doc.text('Tidak ada');
  for (const line of data.settlement.stock) {
    doc.pair(line.name, `${formatNumber(line.qty)} ${line.unit}`);
    if (line.expiredQty > 0) doc.pair(`kedaluwarsa ${formatNumber(line.expiredQty)}`, '', { indent: 2 });
  }
  doc.separator();

  // Signatures
  doc.blank();
  addSignatures(doc, supplierSignature(s.supplier), { title: 'Manajer', name: s.createdByName });
  doc.cut(4);
  return doc;
}

/** The printed text lines, for previews and tests. */
export function settlementSlipLines(data: SettlementSlipData, opts: SettlementSlipOptions): string[] {
  return buildSettlementSlip(data, opts).lines();
}

/** ESC/POS bytes of the slip. */
export function renderSettlementSlip(data: SettlementSlipData, opts: SettlementSlipOptions): Uint8Array {
  return encodeBlocks(buildSettlementSlip(data, opts).blocks, { columns: opts.columns });
}
