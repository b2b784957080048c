/** The report screens (issue 8), addressed by their routes. */
import type { Route } from '../../app/routes';
import { DashboardScreen } from './dashboard-screen';
import { SalesScreen } from './sales-screen';
import { StockScreen } from './stock-screen';
import { ConsignmentScreen } from './consignment-screen';
import { OfficeScreen } from './office-screen';
import './reports.css';

export const REPORT_ROUTES = ['dashboard', 'salesReport', 'stockReport', 'consignmentReport', 'officeReport'] as const satisfies readonly Route[];
export type ReportRoute = (typeof REPORT_ROUTES)[number];
export const isReportRoute = (route: Route): route is ReportRoute => (REPORT_ROUTES as readonly Route[]).includes(route);

export function ReportScreen({ route }: { route: ReportRoute }) {
  switch (route) {
    case 'dashboard':
      return <DashboardScreen />;
    case 'salesReport':
      return <SalesScreen />;
    case 'stockReport':
      return <StockScreen />;
    case 'consignmentReport':
      return <ConsignmentScreen />;
    case 'officeReport':
      return <OfficeScreen />;
  }
}
