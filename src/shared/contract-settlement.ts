/** Supplier ledger and settlement procedures. */
import { z } from 'zod';
import { calendarDate, def, id, idempotencyKey, optionalText, positiveRupiah, signedRupiah, text } from './contract-kit';
import type { PrintJobView } from './types';
import type {
  BulkSettlementRow,
  LedgerEntryView,
  SettlementCreateResult,
  SettlementDetail,
  SettlementPreview,
  SettlementView,
  SupplierBalance,
  TransferCsv,
} from './types-settlement';

const settlementMethod = z.enum(['cash', 'transfer']);

export const settlementContract = {
  'ledger.balances': def<SupplierBalance[]>()(z.strictObject({ asOf: calendarDate.optional() })),
  'ledger.entries': def<LedgerEntryView[]>()(
    z.strictObject({
      supplierId: id,
      from: calendarDate.optional(),
      to: calendarDate.optional(),
      unsettledOnly: z.boolean().optional(),
    }),
  ),
  'ledger.fee': def<LedgerEntryView>()(z.strictObject({ supplierId: id, amount: positiveRupiah, note: text(200) })),
  'ledger.adjust': def<LedgerEntryView>()(z.strictObject({ supplierId: id, amount: signedRupiah, reason: text(200) })),
  'settlements.preview': def<SettlementPreview>()(z.strictObject({ supplierId: id, cutoff: calendarDate })),
  'settlements.create': def<SettlementCreateResult>()(
    z.strictObject({
      supplierId: id,
      cutoff: calendarDate,
      method: settlementMethod,
      reference: optionalText(64),
      note: optionalText(300),
      /** From the preview: refuse with CONFLICT when the amount changed since. */
      expectedAmount: positiveRupiah.optional(),
      /** From the preview: cover no entry written after it. */
      throughEntryId: id.optional(),
      idempotencyKey: idempotencyKey.optional(),
    }),
  ),
  'settlements.void': def<SettlementView>()(z.strictObject({ id, reason: text(200), idempotencyKey: idempotencyKey.optional() })),
  'settlements.list': def<SettlementView[]>()(
    z.strictObject({ supplierId: id.optional(), from: calendarDate.optional(), to: calendarDate.optional() }),
  ),
  'settlements.get': def<SettlementDetail>()(z.strictObject({ id })),
  'settlements.reprint': def<PrintJobView>()(z.strictObject({ id })),
  'settlements.statementHtml': def<{ html: string }>()(z.strictObject({ id })),
  'settlements.bulkPreview': def<BulkSettlementRow[]>()(z.strictObject({ cutoff: calendarDate })),
  'settlements.transferCsv': def<TransferCsv>()(
    z.strictObject({ settlementIds: z.array(id).min(1, 'Pilih minimal satu pembayaran').max(500) }),
  ),
} as const;
