import type { coreContract, ParsedInput } from '../../../shared/contract';
import type { AreaProcedures, Call } from '../kit';
import { afterCommit, audited } from '../kit';
import { backupInBackground } from '../../services/daily-backup';
import { shiftReport } from '../../core/reports-shift';
import { getTillSettings } from '../../core/till-settings';
import type { CheckoutResult, PrintJobView, SaleView } from '../../../shared/types';
import { createProduct, getProduct, lookupProduct, searchProducts } from '../../core/catalog';
import { getSale } from '../../core/sales';
import { getPrinterConfig, getSettings, setPrinterConfig } from '../../core/settings';
import { closeShift, currentShift, openShift } from '../../core/shifts';
import { createIntake } from '../../core/stock';
import { createSupplier, listSuppliers } from '../../core/suppliers';
import { createUser, isInitialized, listUsers, login, logout, setupInit } from '../../core/users';
import { hasRole } from '../../core/context';
import { productFor, saleFor } from '../projections';
import { fail } from '../../../shared/errors';
import { printerLocation } from '../../../shared/printer';

/**
 * Job kinds a cashier's own work prints at the till. A cashier may send
 * again only these, and only on the till of the session; slips with
 * supplier data (intake, return, settlement) and drawer pulses are a
 * manager's.
 */
export const CASHIER_RETRYABLE_KINDS: ReadonlySet<string> = new Set(['receipt', 'refund', 'qris', 'x-report', 'z-report', 'test', 'labels']);

/** `printing.retry`: who may send which job again; every retry is audited with the job's send. */
const retryPrintJob = audited(
  'printing.retry',
  (call: Call, id: number) => {
    const job = call.print.get(id);
    if (!hasRole(call.actor.role, 'manager')) {
      // Another till's jobs do not exist for a cashier.
      if (job.tillCode !== call.actor.tillCode) fail('NOT_FOUND', `Cetakan #${id} tidak ditemukan.`, { field: 'id' });
      if (!CASHIER_RETRYABLE_KINDS.has(job.kind)) fail('FORBIDDEN', 'Cetakan ini hanya dapat diulang oleh manajer.', { field: 'id', kind: job.kind });
    }
    return { job, ...call.print.retry(id) };
  },
  ({ job, drawerPulsesRemoved }, id, call) => ({
    entity: 'print_job',
    entityId: id,
    details: { kind: job.kind, refId: job.refId, tillCode: job.tillCode, fromTill: call.actor.tillCode, drawerPulsesRemoved },
  }),
);

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

/** Handlers of the core area (see `coreContract` in src/shared/contract.ts). */
export const coreProcedures: AreaProcedures<typeof coreContract> = {
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
      return { ...intake, printJob: call.documents.intakeSlip(call.actor, intake.id) };
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
      return { ...shift, report, printJob: call.documents.shiftReport(actor, report) };
    },
  },
  'sales.checkout': {
    role: 'cashier',
    handler: (call, input) => {
      // One durable transaction: the sale and its receipt job; the receipt is rendered and sent after the answer.
      const { sale, printJob } = call.documents.checkout(call.actor, input);
      return toCheckoutResult(sale, printJob);
    },
  },
  'sales.get': { role: 'cashier', handler: ({ ctx, actor }, input) => saleFor(actor, getSale(ctx, input.id)) },
  'sales.reprint': {
    role: 'cashier',
    handler: afterCommit(
      audited('sales.reprint', ({ ctx }, input: { id: number }) => getSale(ctx, input.id), (sale) => ({ entity: 'sale', entityId: sale.id })),
      (call, sale) => call.documents.receiptCopy(call.actor, sale.id),
    ),
  },
  'printers.get': { role: 'cashier', handler: ({ ctx, actor }) => getPrinterConfig(ctx.db, actor.tillCode) },
  'printers.set': {
    // Where the host sends bytes (a network address, a device, a file) is the admin's to decide.
    role: 'admin',
    handler: afterCommit(
      audited(
        'printers.set',
        ({ ctx, actor }, input: ParsedInput<'printers.set'>) => {
          setPrinterConfig(ctx.db, actor.tillCode, input);
          return getPrinterConfig(ctx.db, actor.tillCode);
        },
        (_, input, { actor }) => ({ details: { tillCode: actor.tillCode, ...input } }),
      ),
      // Jobs left waiting for the till's agent go out from the host once the printer is the host's again.
      ({ print, actor }, config) => {
        if (printerLocation(config) === 'host') print.sendWaiting(actor.tillCode);
        return config;
      },
    ),
  },
  'printers.test': {
    role: 'cashier',
    handler: ({ documents, actor }) => documents.testPage(actor),
  },
  'printing.jobs': {
    role: 'cashier',
    handler: ({ print, actor }, input) => {
      // Jobs are per till: a cashier sees the session's till only; a manager may look at any till.
      if (input.tillCode && input.tillCode !== actor.tillCode && !hasRole(actor.role, 'manager')) {
        fail('FORBIDDEN', 'Kasir hanya dapat melihat cetakan kasirnya sendiri.', { field: 'tillCode' });
      }
      return print.list({ ...input, tillCode: input.tillCode ?? actor.tillCode });
    },
  },
  'printing.retry': {
    role: 'cashier',
    handler: (call, input) => {
      const { job, drawerPulsesRemoved, ...view } = retryPrintJob(call, input.id);
      return view;
    },
  },
};

