/**
 * The till beyond the first sale: discounts and approvals, held sales,
 * refunds and voids, cash in and out, shift reports, the drawer, users,
 * the audit log, shop settings and QRIS.
 */
import { z } from 'zod';
import { calendarDate, def, empty, id, idempotencyKey, optionalText, paymentMethod, pin, pinAttempt, positiveRupiah, qty, role, text, username } from './contract-kit';
import { DENOMINATIONS } from './types-till';
import type { PrintJobView, ShopInfo, TillSaleView, UserView } from './types';
import type {
  ApprovalGrant,
  AuditEntryView,
  CashMovementView,
  HeldSaleSummary,
  RefundPreview,
  TillRefundResult,
  TillRefundView,
  ResumedSale,
  ShiftReport,
  TillSettings,
} from './types-till';

export const discount = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('amount'), value: positiveRupiah }),
  z.strictObject({
    type: z.literal('percent'),
    bps: z.number({ error: 'Harus berupa angka' }).int('Basis poin bilangan bulat').min(1, 'Minimal 1').max(10_000, 'Maksimal 100%'),
  }),
]);

/** A manager's approval, as `approvals.verify` gave it (never a PIN). */
export const approval = z.strictObject({
  token: z.string({ error: 'Token persetujuan wajib diisi' }).min(16, 'Token persetujuan tidak sah').max(128, 'Token persetujuan tidak sah'),
});

export const cartLine = z.strictObject({ productId: id, qty, discount: discount.optional(), priceOverride: positiveRupiah.optional() });

/** A PIN as typed: any wrong one is a wrong PIN (counted), not a validation error; control characters are refused. */
const typedPin = pinAttempt;

/** The manager's username and PIN, and what they approve. */
export const approvalRequest = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('sales.checkout'),
    username,
    pin: typedPin,
    lines: z.array(cartLine).min(1, 'Keranjang kosong').max(200, 'Maksimal 200 baris'),
    discount: discount.optional(),
  }),
  z.strictObject({ action: z.literal('sales.refund'), username, pin: typedPin, saleId: id }),
  z.strictObject({ action: z.literal('sales.void'), username, pin: typedPin, saleId: id }),
]);

const denominationCount = z.number({ error: 'Harus berupa angka' }).int('Jumlah harus bilangan bulat').min(0, 'Tidak boleh negatif').max(100_000);

/** `{"100000": 3, "500": 4}`: how many of each note and coin. */
export const denominations = z.strictObject(
  Object.fromEntries(DENOMINATIONS.map((d) => [String(d), denominationCount.optional()])) as Record<`${(typeof DENOMINATIONS)[number]}`, z.ZodOptional<typeof denominationCount>>,
);

const refundLine = z.strictObject({ saleLineId: id, qty, restock: z.boolean({ error: 'Pilih kembali ke stok atau tidak' }) });
const refundLines = z.array(refundLine).min(1, 'Pilih minimal satu barang').max(200);
const moneyOut = z.strictObject({ method: paymentMethod, amount: positiveRupiah, reference: optionalText(64) });

export const tillContract = {
  'approvals.verify': def<ApprovalGrant>()(approvalRequest),
  'sales.hold': def<HeldSaleSummary>()(
    z.strictObject({
      lines: z.array(cartLine).min(1, 'Keranjang kosong').max(200, 'Maksimal 200 baris'),
      discount: discount.optional(),
      note: optionalText(120),
    }),
  ),
  'sales.held': def<HeldSaleSummary[]>()(empty),
  'sales.resume': def<ResumedSale>()(z.strictObject({ id })),
  'sales.discardHeld': def<{ ok: true }>()(z.strictObject({ id })),
  'sales.lookup': def<TillSaleView>()(z.strictObject({ number: text(40) })),
  'sales.refundPreview': def<RefundPreview>()(
    z.strictObject({ saleId: id, lines: refundLines, payBack: z.union([z.literal('asPaid'), paymentMethod]).optional() }),
  ),
  'sales.refund': def<TillRefundResult>()(
    z.strictObject({
      saleId: id,
      lines: refundLines,
      reason: text(200),
      payments: z.array(moneyOut).max(10),
      approval: approval.optional(),
      idempotencyKey: idempotencyKey.optional(),
    }),
  ),
  'sales.void': def<TillRefundResult>()(
    z.strictObject({ saleId: id, reason: text(200), approval: approval.optional(), idempotencyKey: idempotencyKey.optional() }),
  ),
  'refunds.get': def<TillRefundView>()(z.strictObject({ id })),
  'refunds.reprint': def<PrintJobView>()(z.strictObject({ id })),
  'shifts.payIn': def<CashMovementView>()(z.strictObject({ amount: positiveRupiah, reason: text(200) })),
  'shifts.payOut': def<CashMovementView>()(z.strictObject({ amount: positiveRupiah, reason: text(200) })),
  'shifts.report': def<ShiftReport>()(z.strictObject({ shiftId: id.optional() })),
  'shifts.printReport': def<PrintJobView>()(z.strictObject({ shiftId: id.optional(), kind: z.enum(['X', 'Z']) })),
  'drawer.open': def<PrintJobView>()(z.strictObject({ reason: text(200) })),
  'users.update': def<UserView>()(
    z.strictObject({ id, name: text(80).optional(), role: role.optional(), active: z.boolean().optional() }),
  ),
  'users.resetPin': def<UserView>()(z.strictObject({ id, pin })),
  'audit.list': def<AuditEntryView[]>()(
    z.strictObject({
      from: calendarDate.optional(),
      to: calendarDate.optional(),
      action: z.string().trim().regex(/^[A-Za-z_.]{1,64}$/, 'Aksi: huruf, titik atau garis bawah').optional(),
      userId: id.optional(),
      beforeId: id.optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    }),
  ),
  'settings.update': def<ShopInfo & TillSettings>()(
    z.strictObject({
      shopName: text(120).optional(),
      shopAddress: optionalText(300),
      shopPhone: optionalText(40),
      receiptFooter: optionalText(300),
      timeZone: z.string().trim().min(1, 'Wajib diisi').max(64).optional(),
      discountLimitBps: z.number({ error: 'Harus berupa angka' }).int().min(0).max(10_000, 'Maksimal 100%').optional(),
      cashRounding: z.enum(['none', '100']).optional(),
      paymentMethods: z.array(paymentMethod).min(1, 'Minimal satu cara bayar').max(5).optional(),
      /** The static QRIS text; an empty string clears it. */
      qrisPayload: z.string().trim().max(512, 'Maksimal 512 karakter').optional(),
    }),
  ),
  'qris.dynamic': def<{ payload: string; amount: number; merchantName: string }>()(z.strictObject({ amount: positiveRupiah })),
  'qris.print': def<PrintJobView>()(z.strictObject({ amount: positiveRupiah })),
} as const;
