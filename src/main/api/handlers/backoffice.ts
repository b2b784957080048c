import type { backofficeContract } from '../../../shared/contract-backoffice';
import { AppError, fail } from '../../../shared/errors';
import type { IntakeView, ReturnResult, ReturnView } from '../../../shared/types-backoffice';
import { afterCommit, audited, type AreaProcedures, type Call } from '../kit';
import { adjustLot } from '../../core/adjustments';
import { getProduct, listProducts, productDetail, setProductActive, updateProduct } from '../../core/catalog';
import { correctExpiry, implausibleExpiry, nearExpiry, returnNearExpiry, slowMoving } from '../../core/expiry';
import { stockMovements } from '../../core/movements';
import { createReturn, getReturn, listReturns } from '../../core/returns';
import { getIntake, listIntakes, lotExpiry } from '../../core/stock';
import { cancelCount, getCount, listCounts, postCount, recordCount, startCount } from '../../core/stock-count';
import { supplierDetail, supplierOverview } from '../../core/supplier-detail';
import { setSupplierActive, updateSupplier } from '../../core/suppliers';
import type { Ctx } from '../../core/context';
import type { LabelData } from '../../printing/documents/labels';

/** Most labels one request may print. */
export const MAX_LABELS = 500;

/** The return as answered after it commits, with its slip queued. */
function withReturnSlip(call: Call, ret: ReturnView): ReturnResult {
  return { ...ret, printJob: call.documents.returnSlip(call.actor, ret.id) };
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
      (call, intake) => call.documents.intakeSlip(call.actor, intake.id, true)!,
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
      (call, ret) => call.documents.returnSlip(call.actor, ret.id, true)!,
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
      return { labels: total, printJob: call.documents.labels(call.actor, items) };
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
