import type { settlementContract } from '../../../shared/contract-settlement';
import { listLedgerEntries, recordAdjustment, recordFee, supplierBalances } from '../../core/ledger';
import {
  bulkPreview,
  createSettlement,
  getSettlement,
  listSettlements,
  previewSettlement,
  transferCsv,
  voidSettlement,
} from '../../core/settlements';
import { afterCommit, audited, type AreaProcedures } from '../kit';

/** Handlers of the ledger and settlement area (see src/shared/contract-settlement.ts). */
export const settlementProcedures: AreaProcedures<typeof settlementContract> = {
  'ledger.balances': { role: 'manager', handler: ({ ctx }, input) => supplierBalances(ctx, input) },
  'ledger.entries': { role: 'manager', handler: ({ ctx }, input) => listLedgerEntries(ctx, input) },
  'ledger.fee': { role: 'manager', handler: ({ ctx, actor }, input) => recordFee(ctx, actor, input) },
  'ledger.adjust': { role: 'manager', handler: ({ ctx, actor }, input) => recordAdjustment(ctx, actor, input) },
  'settlements.preview': { role: 'manager', handler: ({ ctx }, input) => previewSettlement(ctx, input) },
  'settlements.create': {
    role: 'manager',
    handler: (call, input) => {
      const settlement = createSettlement(call.ctx, call.actor, input);
      // The payout is committed. Printing can only fail on its own from here.
      return { ...settlement, printJob: call.documents.settlementSlip(call.actor, settlement.id) };
    },
  },
  'settlements.void': { role: 'admin', handler: ({ ctx, actor }, input) => voidSettlement(ctx, actor, input) },
  'settlements.list': { role: 'manager', handler: ({ ctx }, input) => listSettlements(ctx, input) },
  'settlements.get': { role: 'manager', handler: ({ ctx }, input) => getSettlement(ctx, input.id) },
  'settlements.reprint': {
    role: 'manager',
    handler: afterCommit(
      audited('settlements.reprint', ({ ctx }, input: { id: number }) => getSettlement(ctx, input.id), (s) => ({ entity: 'settlement', entityId: s.id })),
      (call, settlement) => call.documents.settlementSlip(call.actor, settlement.id, true)!,
    ),
  },
  'settlements.statementHtml': {
    role: 'manager',
    handler: ({ documents }, input) => ({ html: documents.settlementStatementHtml(input.id) }),
  },
  'settlements.bulkPreview': { role: 'manager', handler: ({ ctx }, input) => bulkPreview(ctx, input) },
  'settlements.transferCsv': { role: 'manager', handler: ({ ctx, actor }, input) => transferCsv(ctx, actor, input) },
};
