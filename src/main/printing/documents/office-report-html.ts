/**
 * The office report (laporan UMKM) as one printable A4 HTML page with the
 * shop's header, Bahasa Indonesia. A pure function: data → string. Every
 * value from the database is escaped.
 */
import { escapeHtml } from '../../../shared/html';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { id as idLocale } from 'date-fns/locale';
import { formatNumber, formatRupiah } from '../../../shared/money';
import { formatDmy, monthLabel } from '../../../shared/dates';
import type { OfficeFigures, OfficeReport } from '../../../shared/types-reports';

export interface OfficeReportHtmlData {
  shop: { name: string; address: string | null; phone: string | null };
  timeZone: string;
  /** When it was printed (UTC ms). */
  printedAt: number;
  report: OfficeReport;
}


function printedLabel(utcMillis: number, timeZone: string): string {
  try {
    return format(new TZDate(utcMillis, timeZone), 'd MMMM yyyy HH:mm', { locale: idLocale });
  } catch {
    return format(new TZDate(utcMillis, 'UTC'), 'd MMMM yyyy HH:mm', { locale: idLocale });
  }
}

const num = (n: number) => `<td class="num">${escapeHtml(formatNumber(n))}</td>`;
const rp = (n: number) => `<td class="num">${escapeHtml(formatRupiah(n))}</td>`;
const txt = (s: string | null | undefined) => `<td>${escapeHtml(s ?? '')}</td>`;
const figures = (f: OfficeFigures) => `${num(f.units)}${rp(f.gross)}${rp(f.supplierShare)}${rp(f.paidOut)}${rp(f.shopShare)}`;
const FIGURE_HEADS = '<th>Unit terjual</th><th>Penjualan</th><th>Bagian UMKM</th><th>Dibayar ke UMKM</th><th>Bagian toko</th>';
const district = (d: string | null) => d ?? '(tanpa kabupaten)';

export function renderOfficeReportHtml(data: OfficeReportHtmlData): string {
  const { shop, report: r } = data;
  const contact = [shop.address, shop.phone ? `Telp. ${shop.phone}` : null].filter(Boolean).join(' · ');
  const districtRows =
    r.districts.length === 0
      ? '<tr><td colspan="8" class="empty">Tidak ada data</td></tr>'
      : r.districts
          .map((d) => `<tr>${txt(district(d.district))}${num(d.activeSuppliers)}${num(d.suppliersWithSales)}${figures(d)}</tr>`)
          .join('\n');
  const supplierRows =
    r.suppliers.length === 0
      ? '<tr><td colspan="9" class="empty">Tidak ada data</td></tr>'
      : r.suppliers
          .map((s) => `<tr>${txt(district(s.district))}${txt(s.supplierCode)}${txt(s.supplierName)}${txt(s.ownerName)}${figures(s)}</tr>`)
          .join('\n');
  const title = `Laporan UMKM — ${monthLabel(r.month)}`;
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)} — ${escapeHtml(shop.name)}</title>
<style>
  @page { size: A4 portrait; margin: 15mm 12mm; }
  * { box-sizing: border-box; }
  body { font-family: Arial, Helvetica, sans-serif; font-size: 9.5pt; color: #000; margin: 0; }
  header { border-bottom: 2px solid #000; padding-bottom: 4mm; margin-bottom: 5mm; }
  header h1 { font-size: 15pt; margin: 0; }
  header p { margin: 1mm 0 0; }
  h2 { font-size: 12pt; margin: 0 0 3mm; }
  h3 { font-size: 10.5pt; margin: 6mm 0 2mm; }
  table { width: 100%; border-collapse: collapse; page-break-inside: auto; }
  tr { page-break-inside: avoid; }
  thead { display: table-header-group; }
  th, td { border: 1px solid #444; padding: 1.2mm 1.5mm; vertical-align: top; }
  th { background: #eee; text-align: left; font-weight: bold; }
  td.num { text-align: right; white-space: nowrap; }
  tfoot td { font-weight: bold; }
  .empty { text-align: center; color: #555; }
  .meta { color: #333; margin-bottom: 4mm; }
  .signatures { display: flex; justify-content: space-between; margin-top: 14mm; page-break-inside: avoid; }
  .signatures div { width: 45%; text-align: center; }
  .signatures .line { margin-top: 20mm; border-top: 1px solid #000; }
</style>
</head>
<body>
<header>
  <h1>${escapeHtml(shop.name)}</h1>
  ${contact ? `<p>${escapeHtml(contact)}</p>` : ''}
</header>
<h2>${escapeHtml(title)}</h2>
<p class="meta">Periode ${escapeHtml(formatDmy(r.from))} s.d. ${escapeHtml(formatDmy(r.to))} · Dicetak ${escapeHtml(printedLabel(data.printedAt, data.timeZone))}</p>

<h3>Per kabupaten/kota</h3>
<table>
<thead><tr><th>Kabupaten/kota</th><th>UMKM aktif</th><th>UMKM dengan penjualan</th>${FIGURE_HEADS}</tr></thead>
<tbody>
${districtRows}
</tbody>
<tfoot><tr><td>Total</td>${num(r.totals.activeSuppliers)}${num(r.totals.suppliersWithSales)}${figures(r.totals)}</tr></tfoot>
</table>

<h3>Per UMKM</h3>
<table>
<thead><tr><th>Kabupaten/kota</th><th>Kode</th><th>UMKM</th><th>Pemilik</th>${FIGURE_HEADS}</tr></thead>
<tbody>
${supplierRows}
</tbody>
</table>

<div class="signatures">
  <div>Manajer ${escapeHtml(shop.name)}<div class="line"></div></div>
  <div>Dinas Koperasi dan UMKM<div class="line"></div></div>
</div>
</body>
</html>
`;
}
