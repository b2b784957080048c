import type { ParsedInput } from '../../../shared/contract';
import type { tillContract } from '../../../shared/contract-till';
import { fail } from '../../../shared/errors';
import { dynamicQris, parseQris, QrisError } from '../../../shared/qris';
import type { PrintJobView } from '../../../shared/types';
import type { RefundResult, RefundView, ShiftReport } from '../../../shared/types-till';
import { listAudit } from '../../core/audit-query';
import { recordCashMovement } from '../../core/cash';
import { discardHeldSale, holdSale, listHeldSales, resumeHeldSale } from '../../core/held-sales';
import { getRefund, previewRefund, refundSale, voidSale } from '../../core/refunds';
import { reportShiftId, shiftReport } from '../../core/reports-shift';
import { cartApprovalReasons, findSaleByNumber, getSale } from '../../core/sales';
import { verifyApproval } from '../../core/approvals';
import { getPrinterConfig, getSettings } from '../../core/settings';
import { getTillSettings, updateSettings } from '../../core/till-settings';
import { resetPin, updateUser } from '../../core/users';
import { renderDrawerKick, renderQrisSlip } from '../../printing/documents/qris-slip';
import { renderRefundSlip } from '../../printing/documents/refund-slip';
import { renderShiftReport } from '../../printing/documents/shift-report';
import { afterCommit, audited, type AreaProcedures, type Call } from '../kit';
import { refundFor, saleFor } from '../projections';

/** Queue the refund (or void) slip after the refund committed; cash going out opens the drawer. */
export function printRefundSlip(call: Call, refund: RefundView, copy: boolean): PrintJobView {
  const { columns } = getPrinterConfig(call.ctx.db, call.actor.tillCode);
  const s = getSettings(call.ctx.db);
  const bytes = renderRefundSlip(
    {
      shop: { name: s.shopName, address: s.shopAddress, phone: s.shopPhone },
      kind: refund.kind,
      number: refund.number,
      saleNumber: refund.saleNumber,
      tillCode: refund.tillCode,
      cashierName: refund.createdByName,
      approvedByName: refund.approvedByName,
      createdAt: refund.createdAt,
      timeZone: s.timeZone,
      reason: refund.reason,
      lines: refund.lines.map((l) => ({ name: l.name, qty: l.qty, amount: l.amount, restock: l.restock })),
      total: refund.total,
      rounding: refund.rounding,
      payments: refund.payments,
    },
    { columns, copy, openDrawer: !copy && refund.payments.some((p) => p.method === 'cash') },
  );
  return call.print.enqueue({ kind: 'refund', refId: refund.id, copy, tillCode: call.actor.tillCode, bytes });
}

/** Queue an X or Z report of a shift. */
export function printShiftReport(call: Call, report: ShiftReport, copy = false): PrintJobView {
  const { columns } = getPrinterConfig(call.ctx.db, call.actor.tillCode);
  const s = getSettings(call.ctx.db);
  const bytes = renderShiftReport(
    { shop: { name: s.shopName, address: s.shopAddress }, report, printedAt: call.ctx.clock.now(), timeZone: s.timeZone },
    { columns, copy },
  );
  return call.print.enqueue({ kind: report.kind === 'Z' ? 'z-report' : 'x-report', refId: report.shiftId, copy, tillCode: call.actor.tillCode, bytes });
}

function refundResult(call: Call, refund: RefundView): RefundResult {
  try {
    return { ...refund, printJob: printRefundSlip(call, refund, false) };
  } catch (err) {
    // The refund is committed; a slip that cannot be queued never undoes it.
    console.error('refund slip could not be queued', refund.number, err);
    return refund;
  }
}

function shopQris(call: Call) {
  const payload = getTillSettings(call.ctx.db).qrisPayload;
  if (!payload) return fail('CONFLICT', 'QRIS toko belum diatur (Pengaturan → QRIS).', { setting: 'qrisPayload' });
  return payload;
}

function qrisFor(call: Call, amount: number) {
  try {
    const payload = dynamicQris(shopQris(call), amount);
    return { payload, amount, merchantName: parseQris(payload).merchantName };
  } catch (err) {
    if (err instanceof QrisError) return fail('VALIDATION', err.message, { field: 'amount' });
    throw err;
  }
}

/** Handlers of the till area (see src/shared/contract-till.ts). */
export const tillProcedures: AreaProcedures<typeof tillContract> = {
  'approvals.verify': {
    role: 'cashier',
    handler: ({ ctx, actor }, input) =>
      verifyApproval(
        ctx,
        actor,
        input,
        (lines, discount) => cartApprovalReasons(ctx, lines, discount),
        (saleId) => void getSale(ctx, saleId),
      ),
  },
  'sales.hold': { role: 'cashier', handler: ({ ctx, actor }, input) => holdSale(ctx, actor, input) },
  'sales.held': { role: 'cashier', handler: ({ ctx, actor }) => listHeldSales(ctx, actor) },
  'sales.resume': { role: 'cashier', handler: ({ ctx, actor }, input) => resumeHeldSale(ctx, actor, input.id) },
  'sales.discardHeld': { role: 'cashier', handler: ({ ctx, actor }, input) => discardHeldSale(ctx, actor, input.id) },
  'sales.lookup': { role: 'cashier', handler: ({ ctx, actor }, input) => saleFor(actor, findSaleByNumber(ctx, input.number)) },
  'sales.refundPreview': { role: 'cashier', handler: ({ ctx }, input) => previewRefund(ctx, input) },
  'sales.refund': { role: 'cashier', handler: (call, input) => refundFor(call.actor, refundResult(call, refundSale(call.ctx, call.actor, input))) },
  'sales.void': { role: 'cashier', handler: (call, input) => refundFor(call.actor, refundResult(call, voidSale(call.ctx, call.actor, input))) },
  'refunds.get': { role: 'cashier', handler: ({ ctx, actor }, input) => refundFor(actor, getRefund(ctx, input.id)) },
  'refunds.reprint': {
    role: 'cashier',
    handler: afterCommit(
      audited('refunds.reprint', ({ ctx }, input: { id: number }) => getRefund(ctx, input.id), (refund) => ({ entity: 'refund', entityId: refund.id })),
      (call, refund) => printRefundSlip(call, refund, true),
    ),
  },
  'shifts.payIn': { role: 'cashier', handler: ({ ctx, actor }, input) => recordCashMovement(ctx, actor, 'pay_in', input) },
  'shifts.payOut': { role: 'cashier', handler: ({ ctx, actor }, input) => recordCashMovement(ctx, actor, 'pay_out', input) },
  'shifts.report': { role: 'cashier', handler: ({ ctx, actor }, input) => shiftReport(ctx, reportShiftId(ctx, actor, input.shiftId)) },
  'shifts.printReport': {
    role: 'cashier',
    handler: afterCommit(
      audited(
        'shifts.print_report',
        ({ ctx, actor }, input: ParsedInput<'shifts.printReport'>) => {
          const report = shiftReport(ctx, reportShiftId(ctx, actor, input.shiftId, input.kind));
          if (report.kind !== input.kind) {
            fail('CONFLICT', input.kind === 'Z' ? 'Laporan Z hanya untuk shift yang sudah ditutup.' : 'Laporan X hanya untuk shift yang masih buka.', {
              field: 'kind',
            });
          }
          return report;
        },
        (report) => ({ entity: 'shift', entityId: report.shiftId, details: { kind: report.kind } }),
      ),
      // A Z report printed again is a copy: the first one came out at close.
      (call, report) => printShiftReport(call, report, report.kind === 'Z'),
    ),
  },
  'drawer.open': {
    role: 'manager',
    handler: afterCommit(
      audited('drawer.open', () => undefined, (_, input: ParsedInput<'drawer.open'>, { actor }) => ({ details: { tillCode: actor.tillCode, reason: input.reason } })),
      (call) => {
        const { columns } = getPrinterConfig(call.ctx.db, call.actor.tillCode);
        return call.print.enqueue({ kind: 'drawer', tillCode: call.actor.tillCode, bytes: renderDrawerKick(columns) });
      },
    ),
  },
  'users.update': { role: 'admin', handler: ({ ctx, actor }, input) => updateUser(ctx, actor, input) },
  'users.resetPin': { role: 'admin', handler: ({ ctx, actor }, input) => resetPin(ctx, actor, input) },
  'audit.list': { role: 'manager', handler: ({ ctx }, input) => listAudit(ctx, input) },
  'settings.update': { role: 'admin', handler: ({ ctx, actor }, input) => updateSettings(ctx, actor, input) },
  'qris.dynamic': { role: 'cashier', handler: (call, input) => qrisFor(call, input.amount) },
  'qris.print': {
    role: 'cashier',
    handler: (call, input) => {
      const qris = qrisFor(call, input.amount);
      const { columns } = getPrinterConfig(call.ctx.db, call.actor.tillCode);
      const s = getSettings(call.ctx.db);
      const bytes = renderQrisSlip(
        { shopName: s.shopName, merchantName: qris.merchantName, payload: qris.payload, amount: input.amount, createdAt: call.ctx.clock.now(), timeZone: s.timeZone },
        columns,
      );
      return call.print.enqueue({ kind: 'qris', tillCode: call.actor.tillCode, bytes });
    },
  },
};
