import type { backofficeContract } from '../../../shared/contract-backoffice';
import type { ReturnResult, ReturnView } from '../../../shared/types-backoffice';
import { afterCommit, audited, type AreaProcedures, type Call } from '../kit';
import { adjustLot } from '../../core/adjustments';
import { listProducts, productDetail, setProductActive, updateProduct } from '../../core/catalog';
import { correctExpiry, implausibleExpiry, nearExpiry, returnNearExpiry, slowMoving } from '../../core/expiry';
import { stockMovements } from '../../core/movements';
import { createReturn, getReturn, listReturns } from '../../core/returns';
import { getIntake, listIntakes } from '../../core/stock';
import { cancelCount, getCount, listCounts, postCount, recordCount, startCount } from '../../core/stock-count';
import { supplierDetail, supplierOverview } from '../../core/supplier-detail';
import { setSupplierActive, updateSupplier } from '../../core/suppliers';


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

  'labels.print': { role: 'cashier', handler: (call, input) => call.documents.labels(call.actor, input) },
};
