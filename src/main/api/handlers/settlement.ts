import type { settlementContract } from '../../../shared/contract-settlement';
import type { PrintJobView } from '../../../shared/types';
import type { SettlementDetail } from '../../../shared/types-settlement';
import type { Ctx } from '../../core/context';
import { listLedgerEntries, recordAdjustment, recordFee, supplierBalances } from '../../core/ledger';
import { getPrinterConfig, getSettings } from '../../core/settings';
import {
  bulkPreview,
  createSettlement,
  getSettlement,
  listSettlements,
  previewSettlement,
  transferCsv,
  voidSettlement,
} from '../../core/settlements';
import { renderSettlementSlip, type SettlementSlipData } from '../../printing/documents/settlement-slip';
import { renderSettlementStatementHtml } from '../../printing/documents/settlement-statement-html';
import { afterCommit, audited, type AreaProcedures, type Call } from '../kit';

function slipData(ctx: Ctx, settlement: SettlementDetail): SettlementSlipData {
  const s = getSettings(ctx.db);
  return { shop: { name: s.shopName, address: s.shopAddress, phone: s.shopPhone }, timeZone: s.timeZone, settlement };
}

/** Queue the slip on the caller's till printer (after the commit). */
function printSlip(call: Call, id: number, copy: boolean): PrintJobView {
  const { columns } = getPrinterConfig(call.ctx.db, call.actor.tillCode);
  const bytes = renderSettlementSlip(slipData(call.ctx, getSettlement(call.ctx, id)), { columns, copy });
  return call.print.enqueue({ kind: 'settlement', refId: id, copy, tillCode: call.actor.tillCode, bytes });
}

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
      let printJob: PrintJobView | undefined;
      try {
        printJob = printSlip(call, settlement.id, false);
      } catch (err) {
        console.error('settlement slip could not be queued for', settlement.number, err);
      }
      return { ...settlement, printJob };
    },
  },
  'settlements.void': { role: 'admin', handler: ({ ctx, actor }, input) => voidSettlement(ctx, actor, input) },
  'settlements.list': { role: 'manager', handler: ({ ctx }, input) => listSettlements(ctx, input) },
  'settlements.get': { role: 'manager', handler: ({ ctx }, input) => getSettlement(ctx, input.id) },
  'settlements.reprint': {
    role: 'manager',
    handler: afterCommit(
      audited('settlements.reprint', ({ ctx }, input: { id: number }) => getSettlement(ctx, input.id), (s) => ({ entity: 'settlement', entityId: s.id })),
      (call, settlement) => printSlip(call, settlement.id, true),
    ),
  },
  'settlements.statementHtml': {
    role: 'manager',
    handler: ({ ctx }, input) => ({ html: renderSettlementStatementHtml(slipData(ctx, getSettlement(ctx, input.id))) }),
  },
  'settlements.bulkPreview': { role: 'manager', handler: ({ ctx }, input) => bulkPreview(ctx, input) },
  'settlements.transferCsv': { role: 'manager', handler: ({ ctx, actor }, input) => transferCsv(ctx, actor, input) },
};
