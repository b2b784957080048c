import type { backofficeContract } from '../../../shared/contract-backoffice';
import { AppError, fail } from '../../../shared/errors';
import type { PrintJobView } from '../../../shared/types';
import type { IntakeView, ReturnResult, ReturnView } from '../../../shared/types-backoffice';
import { afterCommit, audited, type AreaProcedures, type Call } from '../kit';
import { adjustLot } from '../../core/adjustments';
import { getProduct, listProducts, productDetail, setProductActive, updateProduct } from '../../core/catalog';
import { correctExpiry, implausibleExpiry, nearExpiry, returnNearExpiry, slowMoving } from '../../core/expiry';
import { stockMovements } from '../../core/movements';
import { createReturn, getReturn, listReturns } from '../../core/returns';
import { getPrinterConfig, getSettings } from '../../core/settings';
import { getIntake, listIntakes, lotExpiry } from '../../core/stock';
import { cancelCount, getCount, listCounts, postCount, recordCount, startCount } from '../../core/stock-count';
import { supplierDetail, supplierOverview } from '../../core/supplier-detail';
import { setSupplierActive, updateSupplier } from '../../core/suppliers';
import type { Ctx } from '../../core/context';
import { renderIntakeSlip, type IntakeSlipData, type SlipLine } from '../../printing/documents/intake-slip';
import { renderLabels, type LabelData } from '../../printing/documents/labels';
import { renderReturnSlip, type ReturnSlipData } from '../../printing/documents/return-slip';

/** Most labels one request may print. */
export const MAX_LABELS = 500;

function shopOf(ctx: Ctx) {
  const s = getSettings(ctx.db);
  return { shop: { name: s.shopName, address: s.shopAddress, phone: s.shopPhone }, timeZone: s.timeZone };
}

function slipLines(lines: IntakeView['lines'] | ReturnView['lines']): SlipLine[] {
  return lines.map((l) => ({ name: l.name, qty: l.qty, unit: l.unit, expiryDate: l.expiryDate, terms: l.terms, sellPrice: l.sellPrice, value: l.value }));
}

/** Everything the intake slip needs, from the stored intake and the shop settings. */
export function intakeSlipData(ctx: Ctx, intake: IntakeView): IntakeSlipData {
  return {
    ...shopOf(ctx),
    number: intake.number,
    createdAt: intake.createdAt,
    supplier: { code: intake.supplierCode, name: intake.supplierName },
    receivedByName: intake.receivedByName,
    note: intake.note,
    lines: slipLines(intake.lines),
    totalQty: intake.totalQty,
    totalValue: intake.totalValue,
  };
}

/** Everything the return slip needs, from the stored return and the shop settings. */
export function returnSlipData(ctx: Ctx, ret: ReturnView): ReturnSlipData {
  return {
    ...shopOf(ctx),
    number: ret.number,
    createdAt: ret.createdAt,
    supplier: { code: ret.supplierCode, name: ret.supplierName },
    createdByName: ret.createdByName,
    reason: ret.reason,
    note: ret.note,
    lines: slipLines(ret.lines),
    totalQty: ret.totalQty,
    totalValue: ret.totalValue,
  };
}

function enqueueIntakeSlip(call: Call, intake: IntakeView, copy: boolean): PrintJobView {
  const { columns } = getPrinterConfig(call.ctx.db, call.actor.tillCode);
  const bytes = renderIntakeSlip(intakeSlipData(call.ctx, intake), { columns, copy });
  return call.print.enqueue({ kind: 'intake', refId: intake.id, copy, tillCode: call.actor.tillCode, bytes });
}

function enqueueReturnSlip(call: Call, ret: ReturnView, copy: boolean): PrintJobView {
  const { columns } = getPrinterConfig(call.ctx.db, call.actor.tillCode);
  const bytes = renderReturnSlip(returnSlipData(call.ctx, ret), { columns, copy });
  return call.print.enqueue({ kind: 'return', refId: ret.id, copy, tillCode: call.actor.tillCode, bytes });
}

/**
 * Queue the intake slip of a committed intake on the caller's till printer.
 * Never throws: the intake is already saved, and a slip that cannot be
 * queued is logged and can be printed later with `intakes.reprint`.
 */
export function printIntakeSlip(call: Call, intakeId: number, copy = false): PrintJobView | undefined {
  try {
    return enqueueIntakeSlip(call, getIntake(call.ctx, intakeId), copy);
  } catch (err) {
    console.error('intake slip could not be queued for intake', intakeId, err);
    return undefined;
  }
}

/** The return as answered after it commits, with its slip queued. */
function withReturnSlip(call: Call, ret: ReturnView): ReturnResult {
  let printJob: PrintJobView | undefined;
  try {
    printJob = enqueueReturnSlip(call, ret, false);
  } catch (err) {
    console.error('return slip could not be queued for return', ret.number, err);
  }
  return { ...ret, printJob };
}

/** Handlers of the back office area (see src/shared/contract-backoffice.ts). */
export const backofficeProcedures: AreaProcedures<typeof backofficeContract> = {
  'suppliers.update': { role: 'manager', handler: ({ ctx, actor }, input) => updateSupplier(ctx, actor, input) },
  'suppliers.get': { role: 'manager', handler: ({ ctx }, input) => supplierDetail(ctx, input.id) },
  'suppliers.overview': { role: 'manager', handler: ({ ctx }, input) => supplierOverview(ctx, input) },
  'suppliers.deactivate': { role: 'manager', handler: ({ ctx, actor }, input) => setSupplierActive(ctx, actor, input.id, false) },
  'suppliers.reactivate': { role: 'manager', handler: ({ ctx, actor }, input) => setSupplierActive(ctx, actor, input.id, true) },

  'products.update': { role: 'manager', handler: ({ ctx, actor }, input) => updateProduct(ctx, actor, input) },
  // With consignment terms: the back office only (the till searches with products.search).
  'products.list': { role: 'manager', handler: ({ ctx }, input) => listProducts(ctx, input) },
  'products.detail': { role: 'manager', handler: ({ ctx }, input) => productDetail(ctx, input.id) },
  'products.deactivate': { role: 'manager', handler: ({ ctx, actor }, input) => setProductActive(ctx, actor, input.id, false) },
  'products.reactivate': { role: 'manager', handler: ({ ctx, actor }, input) => setProductActive(ctx, actor, input.id, true) },

  'intakes.get': { role: 'manager', handler: ({ ctx }, input) => getIntake(ctx, input.id) },
  'intakes.list': { role: 'manager', handler: ({ ctx }, input) => listIntakes(ctx, input) },
  'intakes.reprint': {
    role: 'manager',
    handler: afterCommit(
      audited('intakes.reprint', ({ ctx }, input: { id: number }) => getIntake(ctx, input.id), (intake) => ({ entity: 'intake', entityId: intake.id })),
      (call, intake) => enqueueIntakeSlip(call, intake, true),
    ),
  },

  'returns.create': { role: 'manager', handler: (call, input) => withReturnSlip(call, createReturn(call.ctx, call.actor, input)) },
  'returns.fromNearExpiry': {
    role: 'manager',
    handler: (call, input) => withReturnSlip(call, returnNearExpiry(call.ctx, call.actor, input)),
  },
  'returns.get': { role: 'manager', handler: ({ ctx }, input) => getReturn(ctx, input.id) },
  'returns.list': { role: 'manager', handler: ({ ctx }, input) => listReturns(ctx, input) },
  'returns.reprint': {
    role: 'manager',
    handler: afterCommit(
      audited('returns.reprint', ({ ctx }, input: { id: number }) => getReturn(ctx, input.id), (ret) => ({ entity: 'return', entityId: ret.id })),
      (call, ret) => enqueueReturnSlip(call, ret, true),
    ),
  },

  'stock.nearExpiry': { role: 'manager', handler: ({ ctx }, input) => nearExpiry(ctx, input) },
  'stock.implausibleExpiry': { role: 'manager', handler: ({ ctx }) => implausibleExpiry(ctx) },
  'stock.correctExpiry': { role: 'manager', handler: ({ ctx, actor }, input) => correctExpiry(ctx, actor, input) },
  'stock.slowMoving': { role: 'manager', handler: ({ ctx }, input) => slowMoving(ctx, input) },
  'stock.adjust': { role: 'manager', handler: ({ ctx, actor }, input) => adjustLot(ctx, actor, input) },
  'stock.movements': { role: 'manager', handler: ({ ctx }, input) => stockMovements(ctx, input) },

  'stock.count.start': { role: 'manager', handler: ({ ctx, actor }, input) => startCount(ctx, actor, input) },
  'stock.count.record': { role: 'manager', handler: ({ ctx, actor }, input) => recordCount(ctx, actor, input) },
  'stock.count.get': { role: 'manager', handler: ({ ctx }, input) => getCount(ctx, input.countId) },
  'stock.count.post': { role: 'manager', handler: ({ ctx, actor }, input) => postCount(ctx, actor, input) },
  'stock.count.cancel': { role: 'manager', handler: ({ ctx, actor }, input) => cancelCount(ctx, actor, input) },
  'stock.count.list': { role: 'manager', handler: ({ ctx }, input) => listCounts(ctx, input) },

  'labels.print': {
    role: 'cashier',
    handler: (call, input) => {
      const wanted: { productId: number; qty: number; lotId?: number; expiryDate?: string | null; field: string }[] = input.intakeId
        ? intakeOr404(call.ctx, input.intakeId).lines.map((l) => ({ productId: l.productId, qty: l.qty, expiryDate: l.expiryDate, field: 'intakeId' }))
        : input.items!.map((item, i) => ({ ...item, field: `items.${i}.productId` }));
      const total = wanted.reduce((n, w) => n + w.qty, 0);
      if (total > MAX_LABELS) fail('VALIDATION', `Maksimal ${MAX_LABELS} label sekali cetak (diminta ${total}).`, { field: 'items', total });
      const items = wanted.map((w, i) => {
        const p = getProductOr404(call.ctx, w.productId, w.field);
        // Food labels carry the expiry: the lot's, or for a product that tracks expiry, the lot sold next (FEFO).
        let expiryDate = w.expiryDate ?? null;
        if (w.lotId !== undefined) expiryDate = lotExpiry(call.ctx, w.lotId, p.id, `items.${i}.lotId`);
        else if (w.expiryDate === undefined && p.trackExpiry) expiryDate = p.nextExpiry;
        const label: LabelData = { name: p.name, sellPrice: p.sellPrice, sku: p.sku, barcode: p.barcode, expiryDate };
        return { label, qty: w.qty };
      });
      const { columns } = getPrinterConfig(call.ctx.db, call.actor.tillCode);
      const printJob = call.print.enqueue({ kind: 'labels', tillCode: call.actor.tillCode, bytes: renderLabels(items, { columns }) });
      return { labels: total, printJob };
    },
  },
};

function getProductOr404(ctx: Ctx, id: number, field: string) {
  try {
    return getProduct(ctx, id);
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') fail('NOT_FOUND', err.message, { field });
    throw err;
  }
}

function intakeOr404(ctx: Ctx, id: number): IntakeView {
  try {
    return getIntake(ctx, id);
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') fail('NOT_FOUND', err.message, { field: 'intakeId' });
    throw err;
  }
}
