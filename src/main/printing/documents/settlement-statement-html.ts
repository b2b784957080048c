/**
 * The settlement statement as one A4 page of HTML (print or save as PDF
 * from the browser), Bahasa Indonesia. A pure function: data → string.
 * Every value from the database is escaped, so a name can never become
 * markup or script.
 */
import { escapeHtml } from '../../../shared/html';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { id as idLocale } from 'date-fns/locale';
import { formatNumber, formatRupiah } from '../../../shared/money';
import type { SettlementItem, SettlementProductLine } from '../../../shared/types-settlement';
import { zoneAbbreviation } from './receipt';
import { SETTLEMENT_METHOD_LABELS, signed, SLIP_TITLE, type SettlementSlipData } from './settlement-slip';
import { formatBps } from './slip-parts';

export { escapeHtml };

/** `2026-11-29` → `29 November 2026`. */
function longDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return format(new Date(y!, m! - 1, d!), 'd MMMM yyyy', { locale: idLocale });
}

function longDateTime(utcMillis: number, timeZone: string): string {
  try {
    return `${format(new TZDate(utcMillis, timeZone), 'd MMMM yyyy HH:mm', { locale: idLocale })} ${zoneAbbreviation(timeZone)}`;
  } catch {
    return `${format(new TZDate(utcMillis, 'UTC'), 'd MMMM yyyy HH:mm', { locale: idLocale })} UTC`;
  }
}

const num = (n: number) => `<td class="num">${escapeHtml(formatNumber(n))}</td>`;
const amt = (n: number, plus = false) => `<td class="num">${escapeHtml(signed(n, plus))}</td>`;

function productRows(lines: readonly SettlementProductLine[]): string {
  if (lines.length === 0) return '<tr><td colspan="6" class="empty">Tidak ada penjualan</td></tr>';
  return lines
    .map((l) => {
      const terms = l.termsType === 'fixed' ? 'Harga titip' : `Komisi toko ${formatBps(l.commissionBps ?? 0)}`;
      return `<tr><td>${escapeHtml(l.name)}</td><td>${escapeHtml(terms)}</td>${num(l.qty)}${num(l.price)}${num(l.gross)}${num(l.supplierShare)}</tr>`;
    })
    .join('\n');
}

function itemSection(title: string, entries: readonly SettlementItem[], total: number, plus = false): string {
  if (entries.length === 0) return '';
  const rows = entries
    .map((e) => {
      const what = [e.name ? (e.qty ? `${e.name} (${formatNumber(Math.abs(e.qty))})` : e.name) : null, e.note].filter(Boolean).join(' — ');
      return `<tr><td>${escapeHtml(longDate(e.businessDate))}</td><td>${escapeHtml(what)}</td>${amt(e.amount, plus)}</tr>`;
    })
    .join('\n');
  return `
  <h2>${escapeHtml(title)}</h2>
  <table>
    <thead><tr><th>Tanggal</th><th>Keterangan</th><th class="num">Jumlah</th></tr></thead>
    <tbody>
${rows}
    </tbody>
    <tfoot><tr><td colspan="2">Jumlah</td>${amt(total, plus)}</tr></tfoot>
  </table>`;
}

/** The full A4 statement as an HTML document. */
export function renderSettlementStatementHtml(data: SettlementSlipData, opts: { copy?: boolean } = {}): string {
  const s = data.settlement;
  const b = s.breakdown;
  const shopLines = [data.shop.address, data.shop.phone ? `Telp. ${data.shop.phone}` : null].filter(Boolean);
  const bank = s.supplier.bankAccount
    ? `${[s.supplier.bankName, s.supplier.bankAccount].filter(Boolean).join(' ')}${s.supplier.bankHolder ? ` a.n. ${s.supplier.bankHolder}` : ''}`
    : '—';
  const marks = [
    opts.copy ? '<p class="mark">SALINAN</p>' : '',
    s.status === 'voided'
      ? `<p class="mark">DIBATALKAN${s.voidReason ? ` — ${escapeHtml(s.voidReason)}` : ''}</p>`
      : '',
  ].join('');
  const summary: [string, number, boolean][] = [['Penjualan (bagian pemasok)', b.totals.sales, false]];
  if (b.refunds.length) summary.push(['Retur penjualan', b.totals.refunds, false]);
  if (b.losses.length) summary.push(['Kehilangan (tanggungan toko)', b.totals.losses, false]);
  if (b.fees.length) summary.push(['Potongan / biaya', b.totals.fees, false]);
  if (b.adjustments.length) summary.push(['Penyesuaian', b.totals.adjustments, true]);
  const stockRows = s.stock.length
    ? s.stock
        .map((l) => `<tr><td>${escapeHtml(l.name)}</td>${num(l.qty)}<td>${escapeHtml(l.unit)}</td>${num(l.expiredQty)}</tr>`)
        .join('\n')
    : '<tr><td colspan="4" class="empty">Tidak ada</td></tr>';

  return `<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(`${SLIP_TITLE} ${s.number}`)}</title>
<style>
  @page { size: A4; margin: 15mm; }
  body { font-family: Arial, Helvetica, sans-serif; font-size: 10.5pt; color: #000; margin: 0; }
  header { text-align: center; border-bottom: 2px solid #000; padding-bottom: 6px; margin-bottom: 10px; }
  header .shop { font-size: 15pt; font-weight: bold; }
  h1 { font-size: 13pt; text-align: center; margin: 10px 0 4px; }
  h2 { font-size: 11pt; margin: 14px 0 4px; }
  .mark { text-align: center; font-weight: bold; border: 2px solid #000; padding: 2px; margin: 4px auto; width: 60%; }
  table { width: 100%; border-collapse: collapse; }
  th, td { border: 1px solid #777; padding: 3px 5px; vertical-align: top; text-align: left; }
  th { background: #eee; }
  td.num, th.num { text-align: right; white-space: nowrap; }
  .meta td { border: none; padding: 1px 5px; }
  .empty { text-align: center; color: #555; }
  tfoot td { font-weight: bold; }
  .total td { font-size: 12pt; font-weight: bold; border-top: 2px solid #000; }
  .signatures { display: flex; justify-content: space-around; margin-top: 30px; text-align: center; }
  .signatures div { width: 40%; }
  .signatures .space { height: 60px; }
  .signatures .name { border-top: 1px solid #000; padding-top: 2px; }
</style>
</head>
<body>
<header>
  <div class="shop">${escapeHtml(data.shop.name)}</div>
  ${shopLines.map((l) => `<div>${escapeHtml(l)}</div>`).join('\n  ')}
</header>
<h1>${escapeHtml(SLIP_TITLE)}</h1>
${marks}
<table class="meta">
  <tr><td>Nomor</td><td>${escapeHtml(s.number)}</td><td>Tanggal</td><td>${escapeHtml(longDateTime(s.createdAt, data.timeZone))}</td></tr>
  <tr><td>Pemasok</td><td>${escapeHtml(`${s.supplier.code} ${s.supplier.name}`)}</td><td>Periode</td><td>${escapeHtml(`${longDate(s.periodFrom)} s.d. ${longDate(s.cutoff)}`)}</td></tr>
  <tr><td>Pemilik</td><td>${escapeHtml(s.supplier.ownerName ?? '—')}</td><td>Wilayah</td><td>${escapeHtml(s.supplier.district ?? '—')}</td></tr>
  <tr><td>Rekening</td><td colspan="3">${escapeHtml(bank)}</td></tr>
</table>

<h2>Penjualan</h2>
<table>
  <thead><tr><th>Barang</th><th>Ketentuan</th><th class="num">Qty</th><th class="num">Harga</th><th class="num">Nilai jual</th><th class="num">Bagian pemasok</th></tr></thead>
  <tbody>
${productRows(b.products)}
  </tbody>
  <tfoot><tr><td colspan="2">Jumlah</td>${num(b.products.reduce((n, l) => n + l.qty, 0))}<td></td>${num(b.products.reduce((n, l) => n + l.gross, 0))}${num(b.totals.sales)}</tr></tfoot>
</table>
${itemSection('Retur penjualan', b.refunds, b.totals.refunds)}
${itemSection('Kehilangan (tanggungan toko)', b.losses, b.totals.losses)}
${itemSection('Potongan / biaya', b.fees, b.totals.fees)}
${itemSection('Penyesuaian', b.adjustments, b.totals.adjustments, true)}

<h2>Ringkasan</h2>
<table>
  <tbody>
${summary.map(([label, n, plus]) => `    <tr><td>${escapeHtml(label)}</td>${amt(n, plus)}</tr>`).join('\n')}
    <tr class="total"><td>TOTAL DIBAYAR</td><td class="num">${escapeHtml(formatRupiah(s.amount))}</td></tr>
    <tr><td>Cara bayar</td><td class="num">${escapeHtml(SETTLEMENT_METHOD_LABELS[s.method])}${s.reference ? ` — Ref: ${escapeHtml(s.reference)}` : ''}</td></tr>
${s.note ? `    <tr><td>Catatan</td><td>${escapeHtml(s.note)}</td></tr>\n` : ''}  </tbody>
</table>

<h2>Sisa stok di toko</h2>
<table>
  <thead><tr><th>Barang</th><th class="num">Qty</th><th>Satuan</th><th class="num">Kedaluwarsa</th></tr></thead>
  <tbody>
${stockRows}
  </tbody>
</table>

<section class="signatures">
  <div><div>Pemasok</div><div class="space"></div><div class="name">${escapeHtml(s.supplier.ownerName || s.supplier.name)}</div></div>
  <div><div>Manajer</div><div class="space"></div><div class="name">${escapeHtml(s.createdByName)}</div></div>
</section>
</body>
</html>
`;
}
