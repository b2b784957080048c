/**
 * The read-only reports (`reports.*` procedures) as jobs that can run on any
 * connection to the database: the report worker's own read-only one, or the
 * main connection when no worker can be used. Each job reads everything it
 * needs synchronously (`read`, run inside one read transaction: one
 * consistent snapshot even while tills keep selling), then may finish
 * without the database (`finish`: building the CSV/XLSX bytes).
 */
import type { ParsedInput, ProcedureName, ProcedureOutput } from '../../shared/contract';
import type { Ctx } from '../core/context';
import { exportFile, exportTables } from '../core/export';
import { renderOfficeReportHtml } from '../core/office-report-html';
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
} from '../core/reports';
import { getSettings } from '../core/settings';

export type ReportName = Extract<ProcedureName, `reports.${string}`>;

export interface ReportJob<N extends ReportName, R> {
  read(ctx: Ctx, input: ParsedInput<N>): R;
  finish?(data: R, input: ParsedInput<N>): Promise<ProcedureOutput<N>>;
}

const job = <N extends ReportName, R = ProcedureOutput<N>>(j: ReportJob<N, R>) => j;

export const reportJobs = {
  'reports.dashboard': job<'reports.dashboard'>({ read: (ctx) => dashboard(ctx) }),
  'reports.salesBySupplier': job<'reports.salesBySupplier'>({ read: (ctx, input) => salesBySupplier(ctx, input) }),
  'reports.salesByProduct': job<'reports.salesByProduct'>({ read: (ctx, input) => salesByProduct(ctx, input) }),
  'reports.salesByCategory': job<'reports.salesByCategory'>({ read: (ctx, input) => salesByCategory(ctx, input) }),
  'reports.salesByDistrict': job<'reports.salesByDistrict'>({ read: (ctx, input) => salesByDistrict(ctx, input) }),
  'reports.salesByCashier': job<'reports.salesByCashier'>({ read: (ctx, input) => salesByCashier(ctx, input) }),
  'reports.salesByHour': job<'reports.salesByHour'>({ read: (ctx, input) => salesByHour(ctx, input) }),
  'reports.stock': job<'reports.stock'>({ read: (ctx, input) => stockReport(ctx, input) }),
  'reports.slowMovers': job<'reports.slowMovers'>({ read: (ctx, input) => slowMovers(ctx, input) }),
  'reports.lowStock': job<'reports.lowStock'>({ read: (ctx) => lowStock(ctx) }),
  'reports.consignmentAging': job<'reports.consignmentAging'>({ read: (ctx, input) => consignmentAging(ctx, input) }),
  'reports.payoutsByMonth': job<'reports.payoutsByMonth'>({ read: (ctx, input) => payoutsByMonth(ctx, input) }),
  'reports.office': job<'reports.office'>({ read: (ctx, input) => officeReport(ctx, input) }),
  'reports.officeHtml': job<'reports.officeHtml'>({
    read: (ctx, input) => {
      const s = getSettings(ctx.db);
      return {
        html: renderOfficeReportHtml({
          shop: { name: s.shopName, address: s.shopAddress, phone: s.shopPhone },
          timeZone: s.timeZone,
          printedAt: ctx.clock.now(),
          report: officeReport(ctx, input),
        }),
      };
    },
  }),
  'reports.export': job<'reports.export', ReturnType<typeof exportTables>>({
    read: (ctx, input) => exportTables(ctx, input),
    finish: (tables, input) => exportFile(tables, input.format),
  }),
} satisfies { [N in ReportName]: ReportJob<N, any> };

export const isReportName = (name: string): name is ReportName => Object.hasOwn(reportJobs, name);

/**
 * Run one report on `ctx`: its reads in one read transaction of `ctx.db`
 * (a consistent snapshot), then its finishing step.
 */
export async function runReportJob<N extends ReportName>(ctx: Ctx, name: N, input: ParsedInput<N>): Promise<ProcedureOutput<N>> {
  const j = reportJobs[name] as unknown as ReportJob<N, unknown>;
  const data = ctx.db.$client.transaction(() => j.read(ctx, input))();
  return (j.finish ? await j.finish(data, input) : data) as ProcedureOutput<N>;
}
