/**
 * Shift report (laporan shift), X mid-shift or Z at close, Bahasa
 * Indonesia, 32/42/48 columns: sales, discounts, refunds, money per payment
 * method and per cashier, and the drawer: expected, counted, variance, and
 * the count by denomination.
 */
import { formatNumber, formatRupiah, type Rupiah } from '../../../shared/money';
import type { ShiftReport } from '../../../shared/types-till';
import { encodeBlocks } from '../encode';
import { cleanText, Doc } from '../layout';
import type { DocumentOptions, ShopHeader } from '../types';
import { addSignatures } from './slip-parts';
import { COPY_MARK, formatReceiptDateTime, PAYMENT_LABELS } from './receipt';

export interface ShiftReportData {
  shop: ShopHeader;
  report: ShiftReport;
  /** When it was printed (UTC ms). */
  printedAt: number;
  timeZone: string;
}

const minus = (n: Rupiah) => (n === 0 ? '0' : `-${formatNumber(n)}`);
const signed = (n: Rupiah) => (n > 0 ? `+${formatNumber(n)}` : n < 0 ? `-${formatNumber(-n)}` : '0');

export function buildShiftReport(data: ShiftReportData, opts: DocumentOptions): Doc {
  const r = data.report;
  const doc = new Doc(opts.columns);
  const when = (t: number) => formatReceiptDateTime(t, data.timeZone);
  doc.center(data.shop.name, { bold: true, size: 'tall' });
  if (data.shop.address && cleanText(data.shop.address)) doc.center(data.shop.address);
  doc.blank();
  doc.center(r.kind === 'Z' ? 'LAPORAN Z - TUTUP SHIFT' : 'LAPORAN X - SEMENTARA', { bold: true });
  if (opts.copy) doc.center(COPY_MARK, { bold: true });
  doc.separator();
  doc.pairOrStack(`Mesin: ${r.tillCode}`, `Shift #${r.shiftId}`);
  doc.pairOrStack('Buka', when(r.openedAt));
  doc.pairOrStack('Oleh', r.openedByName);
  if (r.closedAt !== null) {
    doc.pairOrStack('Tutup', when(r.closedAt));
    if (r.closedByName) doc.pairOrStack('Oleh', r.closedByName);
  }
  doc.pairOrStack('Dicetak', when(data.printedAt));
  doc.separator();

  doc.text('PENJUALAN', { bold: true });
  doc.pair('Jumlah transaksi', formatNumber(r.salesCount));
  if (r.voidCount > 0) doc.pair('di antaranya batal', formatNumber(r.voidCount), { indent: 2 });
  doc.pair('Jumlah barang', formatNumber(r.itemsSold));
  doc.pair('Penjualan kotor', formatNumber(r.gross));
  doc.pair('Diskon', minus(r.discounts));
  doc.pair('Penjualan bersih', formatNumber(r.netSales));
  doc.pair(`Retur/batal (${formatNumber(r.refundCount)})`, minus(r.refunds));
  doc.pair('NETTO', formatRupiah(r.net), { bold: true });
  if (r.rounding !== 0) doc.pair('Pembulatan tunai', signed(r.rounding));
  doc.separator();

  doc.text('PER CARA BAYAR', { bold: true });
  if (r.byMethod.length === 0) doc.text('-');
  for (const m of r.byMethod) {
    doc.pair(PAYMENT_LABELS[m.method] ?? m.method, formatNumber(m.sales));
    if (m.refunds !== 0) {
      doc.pair('Retur', minus(m.refunds), { indent: 2 });
      doc.pair('Bersih', formatNumber(m.net), { indent: 2 });
    }
  }
  doc.separator();

  doc.text('PER KASIR', { bold: true });
  if (r.byCashier.length === 0) doc.text('-');
  for (const c of r.byCashier) {
    doc.pair(c.name, formatNumber(c.total));
    doc.pair(`${formatNumber(c.salesCount)} transaksi`, '', { indent: 2 });
  }
  doc.separator();

  doc.text('KAS DI LACI', { bold: true });
  doc.pair('Modal awal', formatNumber(r.cash.openingFloat));
  doc.pair('Tunai diterima', formatNumber(r.cash.cashSales));
  doc.pair('Kembalian', minus(r.cash.changeGiven));
  doc.pair('Retur tunai', minus(r.cash.cashRefunds));
  doc.pair('Kas masuk', formatNumber(r.cash.payIns));
  doc.pair('Kas keluar', minus(r.cash.payOuts));
  doc.pair('Kas seharusnya', formatRupiah(r.cash.expected), { bold: true });
  if (r.cash.counted !== null) {
    doc.pair('Kas dihitung', formatRupiah(r.cash.counted));
    doc.pair('Selisih', signed(r.cash.variance ?? 0), { bold: true });
  }
  if (r.movements.length > 0) {
    doc.separator();
    doc.text('KAS MASUK/KELUAR', { bold: true });
    for (const m of r.movements) {
      doc.pair(`${m.kind === 'pay_in' ? 'Masuk' : 'Keluar'}: ${m.reason}`, m.kind === 'pay_in' ? formatNumber(m.amount) : minus(m.amount));
    }
  }
  if (r.denominations.length > 0) {
    doc.separator();
    doc.text('RINCIAN PECAHAN', { bold: true });
    for (const d of r.denominations) doc.pair(`${formatNumber(d.value)} x ${formatNumber(d.count)}`, formatNumber(d.amount));
  }
  doc.separator();
  if (r.kind === 'Z') {
    doc.blank();
    addSignatures(doc, { title: 'Kasir', name: r.closedByName }, { title: 'Manajer' });
  }
  doc.cut(4);
  return doc;
}

export function shiftReportLines(data: ShiftReportData, opts: DocumentOptions): string[] {
  return buildShiftReport(data, opts).lines();
}

export function renderShiftReport(data: ShiftReportData, opts: DocumentOptions): Uint8Array {
  return encodeBlocks(buildShiftReport(data, opts).blocks, { columns: opts.columns });
}
