import type { ParsedInput } from '../../../shared/contract';
import type { tillContract } from '../../../shared/contract-till';
import { fail } from '../../../shared/errors';
import { dynamicQris, parseQris, QrisError } from '../../../shared/qris';
import { listAudit } from '../../core/audit-query';
import { recordCashMovement } from '../../core/cash';
import { discardHeldSale, holdSale, listHeldSales, resumeHeldSale } from '../../core/held-sales';
import { getRefund, previewRefund, refundSale, voidSale } from '../../core/refunds';
import { reportShiftId, shiftReport } from '../../core/reports-shift';
import { cartApprovalReasons, findSaleByNumber, getSale } from '../../core/sales';
import { verifyApproval } from '../../core/approvals';
import { getTillSettings, updateSettings } from '../../core/till-settings';
import { resetPin, updateUser } from '../../core/users';
import { afterCommit, audited, type AreaProcedures, type Call } from '../kit';
import { refundFor, saleFor } from '../projections';

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
  'sales.refund': { role: 'cashier', handler: (call, input) => refundFor(call.actor, call.documents.refund(call.actor, (inTx) => refundSale(call.ctx, call.actor, input, inTx))) },
  'sales.void': { role: 'cashier', handler: (call, input) => refundFor(call.actor, call.documents.refund(call.actor, (inTx) => voidSale(call.ctx, call.actor, input, inTx))) },
  'refunds.get': { role: 'cashier', handler: ({ ctx, actor }, input) => refundFor(actor, getRefund(ctx, input.id)) },
  'refunds.reprint': {
    role: 'cashier',
    handler: afterCommit(
      audited('refunds.reprint', ({ ctx }, input: { id: number }) => getRefund(ctx, input.id), (refund) => ({ entity: 'refund', entityId: refund.id })),
      (call, refund) => call.documents.refundSlipCopy(call.actor, refund.id),
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
      (call, report) => call.documents.shiftReport(call.actor, report, report.kind === 'Z')!,
    ),
  },
  'drawer.open': {
    role: 'manager',
    handler: afterCommit(
      audited('drawer.open', () => undefined, (_, input: ParsedInput<'drawer.open'>, { actor }) => ({ details: { tillCode: actor.tillCode, reason: input.reason } })),
      (call) => call.documents.drawerKick(call.actor),
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
      return call.documents.qrisSlip(call.actor, { merchantName: qris.merchantName, payload: qris.payload, amount: input.amount });
    },
  },
};
