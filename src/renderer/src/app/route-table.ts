/** Pure data (no DOM): also read by the end-to-end tests that visit every screen. */
import type { Role } from '../../../shared/types';

/** Screens, addressed by the location hash (`#/till`, `#/suppliers`, …). */
export const ROUTES = {
  till: '#/till',
  shiftClose: '#/shift/close',
  refund: '#/refund',
  audit: '#/audit',
  shopSettings: '#/settings',
  suppliers: '#/suppliers',
  products: '#/products',
  intake: '#/intake',
  expiry: '#/expiry',
  returns: '#/returns',
  stockCount: '#/stock-count',
  printer: '#/printer',
  backup: '#/backup',
  central: '#/central',
  corrections: '#/corrections',
  lan: '#/lan',
  tills: '#/tills',
  users: '#/users',
  balances: '#/balances',
  settlements: '#/settlements',
  bulkSettlement: '#/settlements/bulk',
  dashboard: '#/dashboard',
  salesReport: '#/reports/sales',
  stockReport: '#/reports/stock',
  consignmentReport: '#/reports/consignment',
  officeReport: '#/reports/office',
} as const;

export type Route = keyof typeof ROUTES;

/** The least role that may open a screen. */
export const ROUTE_ROLE: Record<Route, Role> = {
  till: 'cashier',
  shiftClose: 'cashier',
  refund: 'cashier',
  audit: 'manager',
  shopSettings: 'admin',
  suppliers: 'manager',
  products: 'manager',
  intake: 'manager',
  expiry: 'manager',
  returns: 'manager',
  stockCount: 'manager',
  printer: 'manager',
  backup: 'manager',
  central: 'manager',
  corrections: 'manager',
  lan: 'admin',
  tills: 'manager',
  users: 'admin',
  balances: 'manager',
  settlements: 'manager',
  bulkSettlement: 'manager',
  dashboard: 'manager',
  salesReport: 'manager',
  stockReport: 'manager',
  consignmentReport: 'manager',
  officeReport: 'manager',
};
