/**
 * The office's documents: report exports (CSV / XLSX, through the shop's own
 * writers) and the consolidated A4 statement of one UMKM (HTML to print).
 */
import { escapeHtml } from '../shared/html';
import { toCsv, toXlsx, CSV_MIME, XLSX_MIME, type ExportTable } from '../main/core/export';
import { formatDmy } from '../shared/dates';
import { formatRupiah } from '../shared/money';
import { officeNearExpiry, officePayouts, officeSales, officeStock, provinceUmkmReport, type Queryable, type SalesDimension, type UmkmStatement } from './reports';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const salesColumns = (keyHeader: string): ExportTable['columns'] => [
  { key: 'key', header: keyHeader, type: 'text' },
  { key: 'label', header: 'Nama', type: 'text' },
  { key: 'units', header: 'Unit', type: 'int' },
  { key: 'sales', header: 'Penjualan', type: 'rupiah' },
  { key: 'supplierShare', header: 'Hak pemasok', type: 'rupiah' },
  { key: 'shopShare', header: 'Bagian toko', type: 'rupiah' },
];
const DIM_HEADER: Record<SalesDimension, string> = { outlet: 'Outlet', district: 'Kabupaten/kota', supplier: 'UMKM', category: 'Kategori' };

/** One report as a file: `{ report, format, from, to, dimension?, days? }`. */
export async function exportReport(db: Queryable, input: any): Promise<{ filename: string; mimeType: string; base64: string }> {
  const format = input?.format === 'xlsx' ? 'xlsx' : input?.format === 'csv' ? 'csv' : null;
  if (!format) throw new Error('format: csv atau xlsx');
  const from = typeof input?.from === 'string' && DATE.test(input.from) ? input.from : null;
  const to = typeof input?.to === 'string' && DATE.test(input.to) ? input.to : null;
  const needPeriod = () => {
    if (!from || !to) throw new Error('from/to: tanggal tidak sah');
    return { from, to };
  };
  let table: ExportTable;
  let name: string;
  switch (input?.report) {
    case 'sales': {
      const dimension = input.dimension as SalesDimension;
      if (!DIM_HEADER[dimension]) throw new Error('dimension: tidak sah');
      const r = await officeSales(db, { dimension, ...needPeriod() });
      table = { title: `Penjualan per ${DIM_HEADER[dimension].toLowerCase()}`, columns: salesColumns(DIM_HEADER[dimension]), rows: r.rows };
      name = `penjualan-${dimension}-${from}-${to}`;
      break;
    }
    case 'payouts': {
      const rows = await officePayouts(db, needPeriod());
      table = {
        title: 'Pembayaran per pemasok per outlet',
        columns: [
          { key: 'outletCode', header: 'Outlet', type: 'text' },
          { key: 'umkmKey', header: 'UMKM', type: 'text' },
          { key: 'supplierName', header: 'Pemasok', type: 'text' },
          { key: 'settlements', header: 'Pembayaran', type: 'int' },
          { key: 'paid', header: 'Dibayar', type: 'rupiah' },
          { key: 'voided', header: 'Dibatalkan', type: 'rupiah' },
          { key: 'net', header: 'Bersih', type: 'rupiah' },
        ],
        rows,
      };
      name = `pembayaran-${from}-${to}`;
      break;
    }
    case 'province': {
      const r = await provinceUmkmReport(db, needPeriod());
      table = {
        title: 'Laporan UMKM provinsi',
        columns: [
          { key: 'district', header: 'Kabupaten/kota', type: 'text' },
          { key: 'activeUmkm', header: 'UMKM aktif', type: 'int' },
          { key: 'umkmWithSales', header: 'UMKM dengan penjualan', type: 'int' },
          { key: 'units', header: 'Unit', type: 'int' },
          { key: 'sales', header: 'Penjualan', type: 'rupiah' },
          { key: 'supplierShare', header: 'Hak pemasok', type: 'rupiah' },
          { key: 'paid', header: 'Dibayar', type: 'rupiah' },
        ],
        rows: r.districts,
      };
      name = `umkm-provinsi-${from}-${to}`;
      break;
    }
    case 'stock':
    case 'nearExpiry': {
      const rows =
        input.report === 'stock' ? await officeStock(db) : await officeNearExpiry(db, { today: to ?? new Date().toISOString().slice(0, 10), days: Number.isInteger(input.days) ? input.days : 30 });
      table = {
        title: input.report === 'stock' ? 'Stok per outlet' : 'Hampir kedaluwarsa',
        columns: [
          { key: 'outletCode', header: 'Outlet', type: 'text' },
          { key: 'productSku', header: 'SKU', type: 'text' },
          { key: 'productName', header: 'Barang', type: 'text' },
          { key: 'supplierName', header: 'Pemasok', type: 'text' },
          { key: 'onHand', header: 'Stok', type: 'int' },
          { key: 'expiryDate', header: 'Kedaluwarsa', type: 'date' },
        ],
        rows,
      };
      name = input.report === 'stock' ? 'stok' : 'hampir-kedaluwarsa';
      break;
    }
    default:
      throw new Error('report: tidak dikenal');
  }
  if (format === 'csv') return { filename: `${name}.csv`, mimeType: CSV_MIME, base64: Buffer.from(toCsv(table), 'utf8').toString('base64') };
  const period = from && to ? `${formatDmy(from)} – ${formatDmy(to)}` : '';
  const buf = await toXlsx(table, { title: table.title, shop: 'Kantor PLUT Sultra', period });
  return { filename: `${name}.xlsx`, mimeType: XLSX_MIME, base64: buf.toString('base64') };
}

const WORDS = {
  id: {
    title: 'Laporan gabungan UMKM',
    period: 'Periode',
    outlet: 'Outlet',
    supplier: 'Kode pemasok',
    opening: 'Saldo awal',
    sales: 'Penjualan',
    share: 'Hak pemasok',
    fees: 'Biaya',
    adjustments: 'Koreksi',
    payouts: 'Dibayar',
    balance: 'Saldo',
    total: 'Jumlah',
    note: 'Saldo = saldo awal + hak pemasok − biaya + koreksi − dibayar. Angka tiap outlet sama dengan buku pemasok di outlet itu.',
  },
  en: {
    title: 'Consolidated UMKM statement',
    period: 'Period',
    outlet: 'Outlet',
    supplier: 'Supplier code',
    opening: 'Opening balance',
    sales: 'Sales',
    share: 'Supplier share',
    fees: 'Fees',
    adjustments: 'Corrections',
    payouts: 'Paid',
    balance: 'Balance',
    total: 'Total',
    note: 'Balance = opening + supplier share − fees + corrections − paid. Each outlet’s figures equal that outlet’s supplier ledger.',
  },
} as const;

/** The consolidated statement as an A4 page (print from the browser). */
export function statementHtml(s: UmkmStatement, lang: 'id' | 'en' = 'id'): string {
  const w = WORDS[lang];
  const money = (n: number) => `<td class="num">${escapeHtml(formatRupiah(n))}</td>`;
  const row = (label: string, code: string, r: UmkmStatement['total']) =>
    `<tr><td>${label}</td><td>${escapeHtml(code)}</td>${money(r.opening)}${money(r.sales)}${money(r.supplierShare)}${money(r.fees)}${money(r.adjustments)}${money(r.payouts)}${money(r.balance)}</tr>`;
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(w.title)} — ${escapeHtml(s.name ?? s.umkmKey)}</title>
<style>
  @page { size: A4 landscape; margin: 14mm; }
  body { font: 11pt/1.4 system-ui, sans-serif; color: #12201c; margin: 0; }
  h1 { font-size: 16pt; margin: 0 0 2mm; color: #0c6b5d; }
  .meta { margin: 0 0 6mm; color: #3c4d48; }
  table { width: 100%; border-collapse: collapse; }
  th, td { border-bottom: 1px solid #d6dfdc; padding: 2mm 1.5mm; text-align: left; }
  th { background: #e8f4f1; font-size: 9.5pt; }
  .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
  tfoot td { font-weight: 700; border-top: 2px solid #12201c; }
  .note { margin-top: 6mm; font-size: 9pt; color: #63746f; }
</style></head>
<body>
<h1>${escapeHtml(w.title)}</h1>
<p class="meta"><strong>${escapeHtml(s.name ?? '')}</strong>${s.nib ? ` · NIB ${escapeHtml(s.nib)}` : ''} · ${escapeHtml(s.umkmKey)}<br>${escapeHtml(w.period)}: ${escapeHtml(formatDmy(s.from))} – ${escapeHtml(formatDmy(s.to))}</p>
<table>
<thead><tr><th>${w.outlet}</th><th>${w.supplier}</th><th class="num">${w.opening}</th><th class="num">${w.sales}</th><th class="num">${w.share}</th><th class="num">${w.fees}</th><th class="num">${w.adjustments}</th><th class="num">${w.payouts}</th><th class="num">${w.balance}</th></tr></thead>
<tbody>${s.outlets.map((o) => row(escapeHtml(o.outletName ? `${o.outletCode} — ${o.outletName}` : o.outletCode), o.supplierCode, o)).join('')}</tbody>
<tfoot>${row(w.total, '', s.total)}</tfoot>
</table>
<p class="note">${escapeHtml(w.note)}</p>
</body></html>`;
}
