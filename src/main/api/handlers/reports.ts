import type { reportsContract } from '../../../shared/contract-reports';
import { exportReport } from '../../core/export';
import { officeReportHtml } from '../../services/documents';
import {
  consignmentAging,
  dashboard,
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
} from '../../core/reports';
import type { AreaProcedures } from '../kit';

/** Handlers of the reports area (see src/shared/contract-reports.ts). Read-only. */
export const reportsProcedures: AreaProcedures<typeof reportsContract> = {
  'reports.dashboard': { role: 'manager', handler: ({ ctx }) => dashboard(ctx) },
  'reports.salesBySupplier': { role: 'manager', handler: ({ ctx }, input) => salesBySupplier(ctx, input) },
  'reports.salesByProduct': { role: 'manager', handler: ({ ctx }, input) => salesByProduct(ctx, input) },
  'reports.salesByCategory': { role: 'manager', handler: ({ ctx }, input) => salesByCategory(ctx, input) },
  'reports.salesByDistrict': { role: 'manager', handler: ({ ctx }, input) => salesByDistrict(ctx, input) },
  'reports.salesByCashier': { role: 'manager', handler: ({ ctx }, input) => salesByCashier(ctx, input) },
  'reports.salesByHour': { role: 'manager', handler: ({ ctx }, input) => salesByHour(ctx, input) },
  'reports.stock': { role: 'manager', handler: ({ ctx }, input) => stockReport(ctx, input) },
  'reports.slowMovers': { role: 'manager', handler: ({ ctx }, input) => slowMovers(ctx, input) },
  'reports.lowStock': { role: 'manager', handler: ({ ctx }) => lowStock(ctx) },
  'reports.consignmentAging': { role: 'manager', handler: ({ ctx }, input) => consignmentAging(ctx, input) },
  'reports.payoutsByMonth': { role: 'manager', handler: ({ ctx }, input) => payoutsByMonth(ctx, input) },
  'reports.office': { role: 'manager', handler: ({ ctx }, input) => officeReport(ctx, input) },
  'reports.officeHtml': {
    role: 'manager',
    handler: ({ ctx }, input) => ({ html: officeReportHtml(ctx, input) }),
  },
  'reports.export': { role: 'manager', handler: ({ ctx }, input) => exportReport(ctx, input) },
};
