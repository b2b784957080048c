// Over 350 lines on purpose: mostly a table, one column list per exported report; the logic is short.
/**
 * Every table report as CSV or XLSX. Rupiah and counts are numbers (plain
 * integers in CSV; numeric cells with a rupiah number format in XLSX),
 * never formatted text. Text that a spreadsheet would run as a formula
 * (starting with = + - @, tab or CR) is prefixed with `'`.
 */
import { fail } from '../../shared/errors';
import type { ExportInput } from '../../shared/contract-reports';
import type { ExportFile } from '../../shared/types-reports';
import type { Ctx } from './context';
import { formatDmy, monthLabel } from '../../shared/dates';
import { businessDate, compactDate } from './clock';
import { getSetting } from './settings';
import {
  consignmentAging,
  lowStock,
  officeReport,
  payoutsByMonth,
  salesByCashier,
  salesByCategory,
  salesByDistrict,
  salesByHour,
  salesByProduct,
  salesBySupplier,
  slowMovers,
  stockReport,
} from './reports';

export type CellValue = string | number | boolean | null | undefined;
/** `date`: a `YYYY-MM-DD` day, written `dd/mm/yyyy` in XLSX (for people) and kept ISO in CSV (for machines). */
export type ColumnType = 'text' | 'int' | 'rupiah' | 'date';

export interface ExportColumn {
  key: string;
  header: string;
  type: ColumnType;
}

export interface ExportTable {
  /** Sheet name (XLSX) and section title (CSV with several tables). */
  title: string;
  columns: ExportColumn[];
  /** Plain objects; each column reads `row[column.key]`. */
  rows: object[];
}

const cell = (row: object, key: string): CellValue => (row as Record<string, CellValue>)[key];

export const RUPIAH_FORMAT = '"Rp "#,##0';
export const CSV_MIME = 'text/csv;charset=utf-8';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Text a spreadsheet would treat as a formula gets a leading `'`. */
export function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * One CSV field, the one writer of every CSV the app makes (exports, the
 * bank transfer list): RFC 4180 quoting when the text holds a quote, a comma,
 * a semicolon (the list separator of Indonesian Excel) or a line break, or
 * starts or ends with spaces; text a spreadsheet would run as a formula gets
 * a leading `'`. Numbers of non-text columns are written as integers.
 */
export function csvField(value: CellValue, type: ColumnType = 'text'): string {
  if (type === 'date') type = 'text';
  if (value === null || value === undefined) return '';
  if (type !== 'text' && typeof value === 'number') return String(Math.trunc(value));
  const text = guardFormula(typeof value === 'boolean' ? (value ? 'ya' : 'tidak') : String(value));
  return /[",;\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvTable(table: ExportTable): string[] {
  return [
    table.columns.map((c) => csvField(c.header, 'text')).join(','),
    ...table.rows.map((r) => table.columns.map((c) => csvField(cell(r, c.key), c.type)).join(',')),
  ];
}

/**
 * RFC 4180 CSV: comma separated, CRLF, quoted when needed, UTF-8 with a BOM
 * (so Excel reads Indonesian names right). Several tables are separated by
 * an empty line, each under its title.
 */
export function toCsv(tables: ExportTable | ExportTable[]): string {
  const list = Array.isArray(tables) ? tables : [tables];
  const lines =
    list.length === 1
      ? csvTable(list[0]!)
      : list.flatMap((t, i) => [...(i > 0 ? [''] : []), csvField(t.title, 'text'), ...csvTable(t)]);
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

// --- XLSX through exceljs (loaded on demand, so CSV never pays for it) ---

type ExcelModule = typeof import('exceljs');

/** exceljs (a CommonJS package: its API may sit on `default`), or null when it is not installed. */
export async function loadExcel(): Promise<ExcelModule | null> {
  try {
    const mod = (await import('exceljs')) as ExcelModule & { default?: ExcelModule };
    return typeof mod.Workbook === 'function' ? mod : (mod.default ?? null);
  } catch {
    return null;
  }
}

/** A sheet name Excel accepts: ≤ 31 characters, none of []:*?/\, unique in the workbook. */
function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 28) || 'Sheet';
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base} ${i}`;
  used.add(name.toLowerCase());
  return name;
}

/** What a printed-out sheet says above its table: the report and the shop, then the period. */
export interface ExportCaption {
  /** The report, e.g. "Penjualan per pemasok". */
  title: string;
  shop: string;
  period: string;
}

/**
 * A workbook with one sheet per table; rupiah cells are numbers formatted
 * `"Rp "#,##0`, days `dd/mm/yyyy`. With a caption, each sheet starts with a
 * title row and a period row, then a blank row, then the table.
 */
export async function toXlsx(tables: ExportTable | ExportTable[], caption?: ExportCaption): Promise<Buffer> {
  const excel = await loadExcel();
  if (!excel) return fail('VALIDATION', 'Ekspor XLSX belum tersedia: pustaka exceljs belum terpasang. Gunakan CSV.', { field: 'format' });
  const wb = new excel.Workbook();
  wb.creator = 'Kasir PLUT';
  wb.created = new Date(0);
  const used = new Set<string>();
  for (const table of Array.isArray(tables) ? tables : [tables]) {
    const ws = wb.addWorksheet(sheetName(table.title, used));
    ws.columns = table.columns.map((c) => ({ key: c.key, width: c.type === 'text' ? 28 : 16 }));
    if (caption) {
      const title = table.title === caption.title ? caption.title : `${caption.title}: ${table.title}`;
      ws.addRow([guardFormula(`${title} — ${caption.shop}`)]).font = { bold: true, size: 14 };
      ws.addRow([guardFormula(caption.period)]).font = { italic: true };
      ws.addRow([]);
    }
    const header = ws.addRow(table.columns.map((c) => c.header));
    header.font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: header.number }];
    for (const r of table.rows) {
      const row = ws.addRow(
        table.columns.map((c) => {
          const v = cell(r, c.key);
          if (v === null || v === undefined) return null;
          if (c.type === 'text') return guardFormula(typeof v === 'boolean' ? (v ? 'ya' : 'tidak') : String(v));
          if (c.type === 'date') return formatDmy(String(v));
          return typeof v === 'number' ? v : Number(v);
        }),
      );
      table.columns.forEach((c, i) => {
        if (c.type === 'rupiah') row.getCell(i + 1).numFmt = RUPIAH_FORMAT;
        else if (c.type === 'int') row.getCell(i + 1).numFmt = '#,##0';
      });
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// --- report → tables ---

const T = (key: string, header: string): ExportColumn => ({ key, header, type: 'text' });
const I = (key: string, header: string): ExportColumn => ({ key, header, type: 'int' });
const R = (key: string, header: string): ExportColumn => ({ key, header, type: 'rupiah' });
const D = (key: string, header: string): ExportColumn => ({ key, header, type: 'date' });

const salesColumns: ExportColumn[] = [
  I('units', 'Unit'),
  R('gross', 'Penjualan bersih'),
  R('supplierShare', 'Bagian pemasok'),
  R('shopShare', 'Bagian toko'),
  I('transactions', 'Transaksi'),
  R('refunds', 'Retur'),
];

function salesTable<R>(title: string, keys: ExportColumn[], report: { rows: (R & object)[]; totals: object }): ExportTable {
  const first = keys[0]!.key;
  return {
    title,
    columns: [...keys, ...salesColumns],
    rows: [...report.rows, { [first]: 'TOTAL', ...report.totals }],
  };
}

const noDistrict = (d: string | null) => d ?? '(tanpa kabupaten)';

/** The title and period rows above an XLSX sheet. */
export function exportCaption(ctx: Ctx, input: ExportInput): ExportCaption {
  const shop = getSetting(ctx.db, 'shopName');
  const today = businessDate(ctx.clock.now(), getSetting(ctx.db, 'timeZone'));
  const range = (p: { from: string; to: string }) => `Periode ${formatDmy(p.from)} s.d. ${formatDmy(p.to)}`;
  const asOf = (day: string) => `Per ${formatDmy(day)}`;
  const titled = (title: string, period: string): ExportCaption => ({ title, shop, period });
  switch (input.report) {
    case 'salesBySupplier':
      return titled('Penjualan per pemasok', range(input.params));
    case 'salesByProduct':
      return titled('Penjualan per produk', range(input.params));
    case 'salesByCategory':
      return titled('Penjualan per kategori', range(input.params));
    case 'salesByDistrict':
      return titled('Penjualan per kabupaten', range(input.params));
    case 'salesByCashier':
      return titled('Penjualan per kasir', range(input.params));
    case 'salesByHour':
      return titled('Penjualan per jam', range(input.params));
    case 'stock':
      return titled('Stok per pemasok', asOf(today));
    case 'slowMovers':
      return titled('Barang lambat laku', `${asOf(today)}, tidak terjual ${input.params.days} hari`);
    case 'lowStock':
      return titled('Stok menipis', asOf(today));
    case 'consignmentAging':
      return titled('Utang ke pemasok', asOf(input.params.asOf ?? today));
    case 'payoutsByMonth':
      return titled('Pembayaran pemasok', `Tahun ${input.params.year}`);
    case 'office':
      return titled('Laporan UMKM', `${monthLabel(input.params.month)} (Periode ${formatDmy(`${input.params.month}-01`)} s.d. ${formatDmy(lastDayOfMonth(input.params.month))})`);
  }
}

function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/** The tables of one report, and the part of the file name that says which. */
export function exportTables(ctx: Ctx, input: ExportInput): { tables: ExportTable[]; name: string } {
  /** The shop's day, for the name of a report of stock as it is now (the file of another day is another file). */
  const today = () => compactDate(ctx.clock.now(), getSetting(ctx.db, 'timeZone'));
  switch (input.report) {
    case 'salesBySupplier': {
      const r = salesBySupplier(ctx, input.params);
      return {
        name: `penjualan-pemasok-${input.params.from}_${input.params.to}`,
        tables: [
          salesTable('Penjualan per pemasok', [T('supplierCode', 'Kode'), T('supplierName', 'Pemasok'), T('district', 'Kabupaten/kota')], {
            rows: r.rows.map((x) => ({ ...x, supplierName: x.supplierName ?? '(milik toko)' })),
            totals: r.totals,
          }),
        ],
      };
    }
    case 'salesByProduct': {
      const r = salesByProduct(ctx, input.params);
      return {
        name: `penjualan-produk-${input.params.from}_${input.params.to}`,
        tables: [
          salesTable('Penjualan per produk', [T('sku', 'SKU'), T('name', 'Produk'), T('category', 'Kategori'), T('supplierName', 'Pemasok')], r),
        ],
      };
    }
    case 'salesByCategory': {
      const r = salesByCategory(ctx, input.params);
      return {
        name: `penjualan-kategori-${input.params.from}_${input.params.to}`,
        tables: [
          salesTable('Penjualan per kategori', [T('category', 'Kategori')], {
            rows: r.rows.map((x) => ({ ...x, category: x.category ?? '(tanpa kategori)' })),
            totals: r.totals,
          }),
        ],
      };
    }
    case 'salesByDistrict': {
      const r = salesByDistrict(ctx, input.params);
      return {
        name: `penjualan-kabupaten-${input.params.from}_${input.params.to}`,
        tables: [
          salesTable('Penjualan per kabupaten', [T('district', 'Kabupaten/kota'), I('suppliers', 'Pemasok')], {
            rows: r.rows.map((x) => ({ ...x, district: noDistrict(x.district) })),
            totals: r.totals,
          }),
        ],
      };
    }
    case 'salesByCashier': {
      const r = salesByCashier(ctx, input.params);
      return {
        name: `penjualan-kasir-${input.params.from}_${input.params.to}`,
        tables: [salesTable('Penjualan per kasir', [T('cashierName', 'Kasir')], r)],
      };
    }
    case 'salesByHour': {
      const r = salesByHour(ctx, input.params);
      return {
        name: `penjualan-jam-${input.params.from}_${input.params.to}`,
        tables: [
          salesTable('Penjualan per jam', [T('hour', 'Jam')], {
            rows: r.rows.map((x) => ({ ...x, hour: `${String(x.hour).padStart(2, '0')}:00` })),
            totals: r.totals,
          }),
        ],
      };
    }
    case 'stock': {
      const r = stockReport(ctx, input.params);
      return {
        name: `stok${input.params.supplierId ? `-pemasok-${input.params.supplierId}` : ''}-${today()}`,
        tables: [
          {
            title: 'Stok per pemasok',
            columns: [
              T('supplierCode', 'Kode'),
              T('supplierName', 'Pemasok'),
              T('district', 'Kabupaten/kota'),
              I('products', 'Produk'),
              I('lots', 'Lot'),
              I('qty', 'Unit'),
              R('valueAtTerms', 'Nilai titipan'),
              R('valueAtSell', 'Nilai jual'),
            ],
            rows: [...r.rows, { supplierCode: 'TOTAL', ...r.totals }],
          },
        ],
      };
    }
    case 'slowMovers':
      return {
        name: `barang-lambat-${input.params.days}-hari-${today()}`,
        tables: [
          {
            title: 'Barang lambat laku',
            columns: [
              T('sku', 'SKU'),
              T('name', 'Produk'),
              T('supplierName', 'Pemasok'),
              T('intakeNumber', 'Penerimaan'),
              I('remainingQty', 'Sisa'),
              D('expiryDate', 'Kedaluwarsa'),
              R('value', 'Nilai titipan'),
            ],
            rows: slowMovers(ctx, input.params).map((x) => ({ ...x })),
          },
        ],
      };
    case 'lowStock':
      return {
        name: `stok-menipis-${today()}`,
        tables: [
          {
            title: 'Stok menipis',
            columns: [T('sku', 'SKU'), T('name', 'Produk'), T('supplierName', 'Pemasok'), I('stock', 'Stok'), I('minStock', 'Stok minimum'), R('sellPrice', 'Harga jual')],
            rows: lowStock(ctx).map((x) => ({ sku: x.sku, name: x.name, supplierName: x.supplierName, stock: x.stock, minStock: x.minStock, sellPrice: x.sellPrice })),
          },
        ],
      };
    case 'consignmentAging': {
      const r = consignmentAging(ctx, input.params);
      return {
        name: `umur-utang-pemasok-${r.asOf}`,
        tables: [
          {
            title: 'Utang ke pemasok',
            columns: [
              T('supplierCode', 'Kode'),
              T('supplierName', 'Pemasok'),
              T('district', 'Kabupaten/kota'),
              D('oldestEntryDate', 'Catatan tertua'),
              I('ageDays', 'Umur (hari)'),
              R('balance', 'Saldo'),
              R('d0_30', '0–30 hari'),
              R('d31_60', '31–60 hari'),
              R('d61_90', '61–90 hari'),
              R('d90plus', '> 90 hari'),
            ],
            rows: [
              ...r.rows.map((x) => ({ ...x, ...x.amounts, amounts: undefined })),
              { supplierCode: 'TOTAL', balance: r.totals.balance, ...r.totals.amounts },
            ],
          },
        ],
      };
    }
    case 'payoutsByMonth': {
      const r = payoutsByMonth(ctx, input.params);
      return {
        name: `pembayaran-pemasok-${r.year}`,
        tables: [
          {
            title: `Pembayaran pemasok ${r.year}`,
            columns: [T('month', 'Bulan'), I('settlements', 'Pembayaran'), I('suppliers', 'Pemasok'), R('paid', 'Dibayar'), R('voided', 'Dibatalkan'), R('net', 'Bersih')],
            rows: [...r.months, { month: 'TOTAL', ...r.totals }],
          },
        ],
      };
    }
    case 'office': {
      const r = officeReport(ctx, input.params);
      const figures = [I('units', 'Unit terjual'), R('gross', 'Penjualan'), R('supplierShare', 'Bagian UMKM'), R('paidOut', 'Dibayar ke UMKM'), R('shopShare', 'Bagian toko')];
      return {
        name: `laporan-umkm-${r.month}`,
        tables: [
          {
            title: 'Per kabupaten',
            columns: [T('district', 'Kabupaten/kota'), I('activeSuppliers', 'UMKM aktif'), I('suppliersWithSales', 'UMKM dengan penjualan'), ...figures],
            rows: [...r.districts.map((d) => ({ ...d, district: noDistrict(d.district) })), { district: 'TOTAL', ...r.totals }],
          },
          {
            title: 'Per UMKM',
            columns: [T('district', 'Kabupaten/kota'), T('supplierCode', 'Kode'), T('supplierName', 'UMKM'), T('ownerName', 'Pemilik'), ...figures],
            rows: r.suppliers.map((s) => ({ ...s, district: noDistrict(s.district) })),
          },
        ],
      };
    }
  }
}

/** The report as a file to download: `{filename, mimeType, base64}`. */
export async function exportReport(ctx: Ctx, input: ExportInput): Promise<ExportFile> {
  const { tables, name } = exportTables(ctx, input);
  if (input.format === 'csv') {
    return { filename: `${name}.csv`, mimeType: CSV_MIME, base64: Buffer.from(toCsv(tables), 'utf8').toString('base64') };
  }
  const bytes = await toXlsx(tables, exportCaption(ctx, input));
  return { filename: `${name}.xlsx`, mimeType: XLSX_MIME, base64: bytes.toString('base64') };
}
