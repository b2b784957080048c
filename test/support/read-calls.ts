/**
 * Every read of the API contract with inputs that reach real rows: used to
 * prove that no stored value (however large, however old) makes a read or
 * a report answer 500. `WRITES` names the procedures that change something;
 * `checkCatalogue` fails when a procedure is in neither list, so a new
 * procedure is covered (or consciously left out) automatically.
 */
import { procedures } from '../../src/main/api/procedures';

export interface KnownIds {
  supplierId: number;
  productId: number;
  productCode: string;
  lotId?: number;
  intakeId?: number;
  returnId?: number;
  saleId?: number;
  saleNumber?: string;
  saleLineId?: number;
  refundId?: number;
  settlementId?: number;
  countId?: number;
  shiftId?: number;
}

/** Procedures that write (or print, or sign in): not called by the read sweep. */
export const WRITES = new Set([
  'setup.init', 'auth.login', 'approvals.verify', 'auth.logout', 'users.create', 'users.update', 'users.resetPin', 'suppliers.create', 'suppliers.update',
  'suppliers.deactivate', 'suppliers.reactivate', 'products.create', 'products.update', 'products.deactivate', 'products.reactivate',
  'intakes.create', 'intakes.reprint', 'returns.create', 'returns.fromNearExpiry', 'returns.reprint', 'stock.adjust', 'stock.correctExpiry', 'stock.count.start',
  'stock.count.record', 'stock.count.post', 'stock.count.cancel', 'labels.print', 'shifts.open', 'shifts.close', 'shifts.payIn',
  'shifts.payOut', 'shifts.printReport', 'sales.checkout', 'sales.reprint', 'sales.hold', 'sales.resume', 'sales.discardHeld', 'sales.refund',
  'sales.void', 'refunds.reprint', 'drawer.open', 'printers.set', 'printers.test', 'printing.retry', 'settings.update', 'qris.print',
  'ledger.fee', 'ledger.adjust', 'settlements.create', 'settlements.void', 'settlements.reprint', 'settlements.transferCsv',
  'backup.configure', 'backup.run', 'backup.restore', 'lan.configure',
  'central.configure', 'central.pause', 'central.retry', 'central.dismissNotice',
  'pairing.request', 'devices.approve', 'devices.revoke', 'devices.moveTill', 'shifts.closeOrphan', 'hostMode.configure',
  'tillPrint.claim', 'tillPrint.report', 'tillPrint.status',
]);

const RANGE = { from: '2026-01-01', to: '2027-12-31' };
const EXPORTS = [
  ['salesBySupplier', RANGE], ['salesByProduct', RANGE], ['salesByCategory', RANGE], ['salesByDistrict', RANGE], ['salesByCashier', RANGE],
  ['salesByHour', RANGE], ['stock', {}], ['slowMovers', { days: 30 }], ['lowStock', {}], ['consignmentAging', { asOf: '2026-12-31' }],
  ['payoutsByMonth', { year: 2026 }], ['office', { month: '2026-11' }],
] as const;

/** Inputs for every read procedure (procedure → list of inputs). */
export function readCalls(ids: KnownIds): Record<string, unknown[]> {
  const opt = <T>(v: T | undefined, f: (v: T) => unknown): unknown[] => (v === undefined ? [] : [f(v)]);
  return {
    'setup.status': [{}],
    'auth.me': [{}],
    'settings.get': [{}],
    'users.list': [{}],
    'suppliers.list': [{}, { query: 'a' }],
    'suppliers.get': [{ id: ids.supplierId }],
    'suppliers.overview': [{}, { includeInactive: true }],
    'products.lookup': [{ code: ids.productCode }],
    'products.search': [{ query: '' }, { query: 'a', limit: 100 }],
    'products.get': [{ id: ids.productId }],
    'products.list': [{}, { includeInactive: true, lowStock: true }, { supplierId: ids.supplierId, limit: 1000 }],
    'products.detail': [{ id: ids.productId }],
    'intakes.get': opt(ids.intakeId, (id) => ({ id })),
    'intakes.list': [{}, { supplierId: ids.supplierId, ...RANGE }],
    'returns.get': opt(ids.returnId, (id) => ({ id })),
    'returns.list': [{}, { supplierId: ids.supplierId }],
    'stock.nearExpiry': [{}, { days: 365 }],
    'stock.implausibleExpiry': [{}],
    'stock.slowMoving': [{ days: 30 }, { days: 3650, supplierId: ids.supplierId }],
    'stock.movements': [{ productId: ids.productId }, ...opt(ids.lotId, (lotId) => ({ lotId, limit: 1000 }))],
    'stock.count.get': opt(ids.countId, (countId) => ({ countId })),
    'stock.count.list': [{}],
    'shifts.current': [{}],
    'shifts.report': [{}, ...opt(ids.shiftId, (shiftId) => ({ shiftId }))],
    'sales.get': opt(ids.saleId, (id) => ({ id })),
    'sales.lookup': opt(ids.saleNumber, (number) => ({ number })),
    'sales.held': [{}],
    'sales.refundPreview': ids.saleId && ids.saleLineId ? [{ saleId: ids.saleId, lines: [{ saleLineId: ids.saleLineId, qty: 1, restock: true }] }] : [],
    'refunds.get': opt(ids.refundId, (id) => ({ id })),
    'printers.get': [{}],
    'printers.status': [{}],
    'printing.jobs': [{}, { status: 'failed', limit: 500 }],
    'audit.list': [{}, { limit: 1000 }],
    'qris.dynamic': [],
    'ledger.balances': [{}, { asOf: '2026-12-31' }],
    'ledger.entries': [{ supplierId: ids.supplierId }, { supplierId: ids.supplierId, unsettledOnly: true }],
    'settlements.preview': [{ supplierId: ids.supplierId, cutoff: '2027-12-31' }],
    'settlements.list': [{}, { supplierId: ids.supplierId }],
    'settlements.get': opt(ids.settlementId, (id) => ({ id })),
    'settlements.statementHtml': opt(ids.settlementId, (id) => ({ id })),
    'settlements.bulkPreview': [{ cutoff: '2027-12-31' }],
    'backup.status': [{}],
    'reports.dashboard': [{}],
    'reports.salesBySupplier': [RANGE],
    'reports.salesByProduct': [RANGE, { ...RANGE, supplierId: ids.supplierId }],
    'reports.salesByCategory': [RANGE],
    'reports.salesByDistrict': [RANGE],
    'reports.salesByCashier': [RANGE],
    'reports.salesByHour': [RANGE],
    'reports.stock': [{}, { supplierId: ids.supplierId }],
    'reports.slowMovers': [{ days: 30 }],
    'reports.lowStock': [{}],
    'reports.consignmentAging': [{}, { asOf: '2026-12-31' }],
    'reports.payoutsByMonth': [{ year: 2026 }],
    'reports.office': [{ month: '2026-11' }, { month: '2026-12' }],
    'reports.officeHtml': [{ month: '2026-11' }],
    'reports.export': EXPORTS.flatMap(([report, params]) => ['csv', 'xlsx'].map((format) => ({ report, params, format }))),
    'data.corrections': [{}],
    'lan.status': [{}],
    'central.status': [{}],
    'pairing.status': [{}],
    'host.info': [{}],
    'devices.list': [{}],
    'shifts.orphans': [{}],
    'hostMode.status': [{}],
  };
}

/** Every procedure is either a write or has read inputs here; throws naming the ones that are neither. */
export function checkCatalogue(): void {
  const reads = readCalls({ supplierId: 1, productId: 1, productCode: 'P00001' });
  const missing = Object.keys(procedures).filter((n) => !WRITES.has(n) && !(n in reads));
  if (missing.length) throw new Error(`procedures neither in WRITES nor in readCalls: ${missing.join(', ')}`);
}
