import { and, eq } from 'drizzle-orm';
import { printJobs } from '../../db/schema';
import type { ProcedureName } from '../../shared/contract';
import type { ApiEnv, Call, Procedure } from './procedure';
import { backofficeProcedures, printIntakeSlip } from './procedures-backoffice';
import { reportsProcedures } from './procedures-reports';
import { outletsProcedures } from './procedures-outlets';
import { tillsProcedures } from './procedures-tills';
import { settlementProcedures } from './procedures-settlement';
import { backupInBackground, systemProcedures } from './procedures-system';
import { printShiftReport, tillAreaProcedures } from './procedures-till';
import { dataProcedures } from './procedures-data';
import { shiftReport } from '../core/reports-shift';
import { getTillSettings } from '../core/till-settings';
import type { CheckoutResult, PrintJobView, SaleView } from '../../shared/types';
import { createProduct, getProduct, lookupProduct, searchProducts } from '../core/catalog';
import { checkout, getSale, receiptData } from '../core/sales';
import { getPrinterConfig, getSettings, setPrinterConfig } from '../core/settings';
import { closeShift, currentShift, openShift } from '../core/shifts';
import { createIntake } from '../core/stock';
import { createSupplier, listSuppliers } from '../core/suppliers';
import { createUser, isInitialized, listUsers, login, logout, setupInit } from '../core/users';
import { audit } from '../core/audit';
import { hasRole } from '../core/context';
import { productFor, saleFor } from './projections';
import { fail } from '../../shared/errors';
import { renderReceipt } from '../printing/documents/receipt';
import { renderTestPage } from '../printing/documents/test-page';

export type Procedures = { [N in ProcedureName]: Procedure<N> };

export type { ApiEnv, Call, Procedure };

function printReceipt(call: Call, sale: SaleView, copy: boolean): PrintJobView {
  const { columns } = getPrinterConfig(call.ctx.db, call.actor.tillCode);
  const bytes = renderReceipt(receiptData(call.ctx, sale), {
    columns,
    copy,
    openDrawer: !copy && sale.payments.some((p) => p.method === 'cash'),
  });
  return call.print.enqueue({ kind: 'receipt', refId: sale.id, copy, tillCode: call.actor.tillCode, bytes });
}

/**
 * Job kinds a cashier's own work prints at the till. A cashier may send
 * again only these, and only on the till of the session; slips with
 * supplier data (intake, return, settlement) and drawer pulses are a
 * manager's.
 */
export const CASHIER_RETRYABLE_KINDS: ReadonlySet<string> = new Set(['receipt', 'refund', 'qris', 'x-report', 'z-report', 'test', 'labels']);

/** `printing.retry`: who may send which job again; every retry is audited. */
function retryPrintJob(call: Call, id: number): PrintJobView {
  const job = call.print.get(id);
  if (!hasRole(call.actor.role, 'manager')) {
    // Another till's jobs do not exist for a cashier.
    if (job.tillCode !== call.actor.tillCode) fail('NOT_FOUND', `Cetakan #${id} tidak ditemukan.`, { field: 'id' });
    if (!CASHIER_RETRYABLE_KINDS.has(job.kind)) fail('FORBIDDEN', 'Cetakan ini hanya dapat diulang oleh manajer.', { field: 'id', kind: job.kind });
  }
  return call.ctx.db.transaction(() => {
    const { drawerPulsesRemoved, ...view } = call.print.retry(id);
    audit(call.ctx, {
      userId: call.actor.userId,
      action: 'printing.retry',
      entity: 'print_job',
      entityId: id,
      details: { kind: job.kind, refId: job.refId, tillCode: job.tillCode, fromTill: call.actor.tillCode, drawerPulsesRemoved },
    });
    return view;
  });
}

function toCheckoutResult(sale: SaleView, printJob: PrintJobView | undefined): CheckoutResult {
  return {
    id: sale.id,
    number: sale.number,
    subtotal: sale.subtotal,
    discountTotal: sale.discountTotal,
    total: sale.total,
    rounding: sale.rounding,
    payable: sale.payable,
    paid: sale.paid,
    change: sale.change,
    createdAt: sale.createdAt,
    lines: sale.lines.map((l) => ({ productId: l.productId, name: l.name, qty: l.qty, unitPrice: l.unitPrice, lineTotal: l.lineTotal })),
    payments: sale.payments,
    printJob,
  };
}

const tillProcedures = {
  'setup.status': { role: 'public', handler: ({ ctx }) => ({ initialized: isInitialized(ctx) }) },
  'setup.init': { role: 'public', handler: ({ ctx }, input) => setupInit(ctx, input) },
  'auth.login': { role: 'public', handler: ({ ctx }, input) => login(ctx, input) },
  'auth.logout': {
    role: 'cashier',
    handler: ({ ctx, token }) => {
      if (token) logout(ctx, token);
      return { ok: true as const };
    },
  },
  'auth.me': {
    role: 'cashier',
    handler: ({ actor }) => ({ user: { id: actor.userId, name: actor.name, role: actor.role }, tillCode: actor.tillCode }),
  },
  'settings.get': { role: 'cashier', handler: ({ ctx }) => ({ ...getSettings(ctx.db), ...getTillSettings(ctx.db) }) },
  'users.create': { role: 'admin', handler: ({ ctx, actor }, input) => createUser(ctx, actor, input) },
  'users.list': { role: 'admin', handler: ({ ctx }) => listUsers(ctx) },
  'suppliers.create': { role: 'manager', handler: ({ ctx, actor }, input) => createSupplier(ctx, actor, input) },
  // Contact and bank details: the back office only (no till screen lists suppliers).
  'suppliers.list': { role: 'manager', handler: ({ ctx }, input) => listSuppliers(ctx, input) },
  'products.create': { role: 'manager', handler: ({ ctx, actor }, input) => createProduct(ctx, actor, input) },
  'products.lookup': { role: 'cashier', handler: ({ ctx, actor }, input) => productFor(actor, lookupProduct(ctx, input.code)) },
  'products.search': { role: 'cashier', handler: ({ ctx, actor }, input) => searchProducts(ctx, input).map((p) => productFor(actor, p)) },
  'products.get': { role: 'cashier', handler: ({ ctx, actor }, input) => productFor(actor, getProduct(ctx, input.id)) },
  'intakes.create': {
    role: 'manager',
    handler: (call, input) => {
      const intake = createIntake(call.ctx, call.actor, input);
      // Committed; the slip (tanda terima) prints after, and can be reprinted.
      return { ...intake, printJob: printIntakeSlip(call, intake.id) };
    },
  },
  'shifts.open': { role: 'cashier', handler: ({ ctx, actor }, input) => openShift(ctx, actor, input) },
  'shifts.current': { role: 'cashier', handler: ({ ctx, actor }) => currentShift(ctx, actor) },
  'shifts.close': {
    role: 'cashier',
    handler: (call, input) => {
      const { ctx, actor } = call;
      const shift = closeShift(ctx, actor, input);
      backupInBackground(ctx, 'shift close');
      // The shift is closed; the Z report prints after the commit and never undoes it.
      const report = shiftReport(ctx, shift.id);
      let printJob: PrintJobView | undefined;
      try {
        printJob = printShiftReport(call, report);
      } catch (err) {
        console.error('Z report could not be queued for shift', shift.id, err);
      }
      return { ...shift, report, printJob };
    },
  },
  'sales.checkout': {
    role: 'cashier',
    handler: (call, input) => {
      const { sale, replayed } = checkout(call.ctx, call.actor, input);
      // The sale is committed. Printing can only fail on its own from here.
      let printJob: PrintJobView | undefined;
      if (replayed) {
        const prior = call.ctx.db
          .select({ id: printJobs.id })
          .from(printJobs)
          .where(and(eq(printJobs.kind, 'receipt'), eq(printJobs.refId, sale.id), eq(printJobs.copy, false)))
          .get();
        printJob = prior ? call.print.get(prior.id) : undefined;
      } else {
        try {
          printJob = printReceipt(call, sale, false);
        } catch (err) {
          console.error('receipt could not be queued for sale', sale.number, err);
        }
      }
      return toCheckoutResult(sale, printJob);
    },
  },
  'sales.get': { role: 'cashier', handler: ({ ctx, actor }, input) => saleFor(actor, getSale(ctx, input.id)) },
  'sales.reprint': {
    role: 'cashier',
    handler: (call, input) => {
      const sale = getSale(call.ctx, input.id);
      call.ctx.db.transaction(() => audit(call.ctx, { userId: call.actor.userId, action: 'sales.reprint', entity: 'sale', entityId: sale.id }));
      return printReceipt(call, sale, true);
    },
  },
  'printers.get': { role: 'cashier', handler: ({ ctx, actor }) => getPrinterConfig(ctx.db, actor.tillCode) },
  'printers.set': {
    // Where the host sends bytes (a network address, a device, a file) is the admin's to decide.
    role: 'admin',
    handler: ({ ctx, actor }, input) =>
      ctx.db.transaction(() => {
        setPrinterConfig(ctx.db, actor.tillCode, input);
        audit(ctx, { userId: actor.userId, action: 'printers.set', details: { tillCode: actor.tillCode, ...input } });
        return getPrinterConfig(ctx.db, actor.tillCode);
      }),
  },
  'printers.test': {
    role: 'cashier',
    handler: ({ ctx, actor, print }) => {
      const config = getPrinterConfig(ctx.db, actor.tillCode);
      const shop = getSettings(ctx.db);
      const bytes = renderTestPage({ shopName: shop.shopName, tillCode: actor.tillCode, config, at: ctx.clock.now(), timeZone: shop.timeZone });
      return print.enqueue({ kind: 'test', tillCode: actor.tillCode, bytes });
    },
  },
  'printing.jobs': { role: 'cashier', handler: ({ print, actor }, input) => print.list({ ...input, tillCode: actor.tillCode }) },
  'printing.retry': { role: 'cashier', handler: (call, input) => retryPrintJob(call, input.id) },
} satisfies Partial<Procedures>;

const allProcedures: Procedures = { ...tillProcedures, ...backofficeProcedures, ...settlementProcedures, ...systemProcedures, ...tillAreaProcedures, ...reportsProcedures, ...dataProcedures, ...outletsProcedures, ...tillsProcedures };

/**
 * Read-only procedures heavy enough on a year of data to hold up every till's
 * scan and checkout (seconds on `bench/data/large.db`): made in the report
 * worker (see `Procedure.offMainThread`). Every report and export, and the
 * long back-office lists.
 */
export const OFF_MAIN_THREAD: readonly ProcedureName[] = [
  ...(Object.keys(reportsProcedures) as ProcedureName[]),
  'stock.nearExpiry',
  'stock.slowMoving',
  'stock.movements',
  'suppliers.overview',
  'suppliers.get',
  'products.list',
  'products.detail',
  'intakes.list',
  'ledger.balances',
  'ledger.entries',
  'settlements.list',
  'settlements.bulkPreview',
];

export const procedures: Procedures = Object.fromEntries(
  Object.entries(allProcedures).map(([name, p]) => [name, OFF_MAIN_THREAD.includes(name as ProcedureName) ? { ...p, offMainThread: true } : p]),
) as Procedures;
