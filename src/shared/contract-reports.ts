/** Reports (issue 8): dashboard, sales, stock, consignment, the office report and exports. */
import { z } from 'zod';
import { calendarDate, def, empty, FIRST_YEAR, id, LAST_YEAR } from './contract-kit';
import type {
  CashierKey,
  CategoryKey,
  ConsignmentAging,
  Dashboard,
  DistrictKey,
  ExportFile,
  HourKey,
  LowStockReport,
  OfficeReport,
  PayoutsByMonth,
  ProductKey,
  SalesReport,
  SlowMoversReport,
  StockReport,
  SupplierKey,
} from './types-reports';

const LONGEST_RANGE_DAYS = 3_700;

const daysApart = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

/** `from ≤ to`, at most ~10 years apart. */
const checkedRange = <T extends z.ZodType<{ from: string; to: string }>>(schema: T) =>
  schema
    .refine((r) => r.from <= r.to, { message: 'Tanggal awal setelah tanggal akhir', path: ['from'] })
    .refine((r) => daysApart(r.from, r.to) <= LONGEST_RANGE_DAYS, { message: 'Rentang tanggal terlalu panjang', path: ['to'] });

/** `{from, to}` local business days, inclusive. */
export const dateRange = checkedRange(z.strictObject({ from: calendarDate, to: calendarDate }));
const productRange = checkedRange(z.strictObject({ from: calendarDate, to: calendarDate, supplierId: id.optional() }));

/** `YYYY-MM`, a real month of a year the shop can have records in. */
export const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Format bulan YYYY-MM')
  .refine((m) => Number(m.slice(0, 4)) >= FIRST_YEAR && Number(m.slice(0, 4)) <= LAST_YEAR, `Tahun harus ${FIRST_YEAR}–${LAST_YEAR}`);
const year = z.number({ error: 'Harus berupa angka' }).int().min(FIRST_YEAR).max(LAST_YEAR);

const stockInput = z.strictObject({ supplierId: id.optional() });
const slowInput = z.strictObject({ days: z.number({ error: 'Harus berupa angka' }).int().min(1).max(3_650) });
const agingInput = z.strictObject({ asOf: calendarDate.optional() });
const yearInput = z.strictObject({ year });
const monthInput = z.strictObject({ month });

const format = z.enum(['csv', 'xlsx']);
const exportOf = <N extends string, P extends z.ZodType>(report: N, params: P) =>
  z.strictObject({ report: z.literal(report), params, format });

/** Every table report, with its own parameters. */
export const exportInput = z.discriminatedUnion('report', [
  exportOf('salesBySupplier', dateRange),
  exportOf('salesByProduct', productRange),
  exportOf('salesByCategory', dateRange),
  exportOf('salesByDistrict', dateRange),
  exportOf('salesByCashier', dateRange),
  exportOf('salesByHour', dateRange),
  exportOf('stock', stockInput),
  exportOf('slowMovers', slowInput),
  exportOf('lowStock', empty),
  exportOf('consignmentAging', agingInput),
  exportOf('payoutsByMonth', yearInput),
  exportOf('office', monthInput),
]);
export type ExportInput = z.output<typeof exportInput>;

export const reportsContract = {
  'reports.dashboard': def<Dashboard>()(empty),
  'reports.salesBySupplier': def<SalesReport<SupplierKey>>()(dateRange),
  'reports.salesByProduct': def<SalesReport<ProductKey>>()(productRange),
  'reports.salesByCategory': def<SalesReport<CategoryKey>>()(dateRange),
  'reports.salesByDistrict': def<SalesReport<DistrictKey>>()(dateRange),
  'reports.salesByCashier': def<SalesReport<CashierKey>>()(dateRange),
  'reports.salesByHour': def<SalesReport<HourKey>>()(dateRange),
  'reports.stock': def<StockReport>()(stockInput),
  'reports.slowMovers': def<SlowMoversReport>()(slowInput),
  'reports.lowStock': def<LowStockReport>()(empty),
  'reports.consignmentAging': def<ConsignmentAging>()(agingInput),
  'reports.payoutsByMonth': def<PayoutsByMonth>()(yearInput),
  'reports.office': def<OfficeReport>()(monthInput),
  'reports.officeHtml': def<{ html: string }>()(monthInput),
  'reports.export': def<ExportFile>()(exportInput),
} as const;
