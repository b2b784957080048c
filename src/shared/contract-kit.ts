/**
 * Building blocks of the API contract: field schemas every area shares and
 * `def`, which pairs an input schema with its output type.
 */
import { z } from 'zod';
import { MAX_QTY, MAX_RUPIAH } from './money';
import { isPrinterFileName, isSerialDevicePath } from './printer';

export const text = (max: number) => z.string().trim().min(1, 'Wajib diisi').max(max, `Maksimal ${max} karakter`);
export const optionalText = (max: number) => z.string().trim().max(max, `Maksimal ${max} karakter`).optional();
export const rupiah = z
  .number({ error: 'Harus berupa angka rupiah' })
  .int('Rupiah tidak boleh pecahan')
  .min(0, 'Tidak boleh negatif')
  .max(MAX_RUPIAH, 'Jumlah terlalu besar');
export const positiveRupiah = rupiah.refine((n) => n > 0, 'Harus lebih dari 0');
export const id = z.number({ error: 'Harus berupa angka' }).int().positive().max(Number.MAX_SAFE_INTEGER);
export const qty = z.number({ error: 'Harus berupa angka' }).int('Jumlah harus bilangan bulat').min(1, 'Jumlah minimal 1').max(MAX_QTY, 'Jumlah terlalu besar');
export const pin = z.string().regex(/^\d{4,8}$/, 'PIN harus 4–8 angka');
/**
 * A PIN as typed at a login or a manager's approval. Control and format
 * characters (NUL, line breaks, zero-width marks…) are refused, never cut
 * off: scrypt ends a string at a NUL, so "1111\0" would otherwise open "1111".
 */
export const pinAttempt = z
  .string()
  .min(1, 'PIN wajib diisi')
  .max(16)
  .regex(/^[^\p{Cc}\p{Cf}]*$/u, 'PIN tidak boleh berisi karakter kontrol');
export const username = z
  .string()
  .trim()
  .min(2, 'Minimal 2 karakter')
  .max(32)
  .regex(/^[a-zA-Z0-9._-]+$/, 'Hanya huruf, angka, titik, garis bawah atau minus');
export const tillCode = z.string().trim().regex(/^[A-Z0-9]{1,6}$/, 'Kode mesin 1–6 huruf besar/angka');
/** A retry-safe request's key (issue 17): scoped to the till, bound to the request's content. */
export const idempotencyKey = z.string().trim().min(8, 'idempotencyKey minimal 8 karakter').max(64, 'idempotencyKey maksimal 64 karakter');
export const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Format tanggal YYYY-MM-DD');
export const barcode = z.string().trim().regex(/^[0-9A-Za-z-]{3,32}$/, 'Barcode 3–32 huruf/angka');
export const paymentMethod = z.enum(['cash', 'qris', 'debit', 'transfer', 'ewallet']);
export const role = z.enum(['cashier', 'manager', 'admin']);

export const terms = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('fixed'), supplierPrice: rupiah }),
  z.strictObject({
    type: z.literal('commission'),
    commissionBps: z.number().int('Basis poin bilangan bulat').min(0).max(10_000, 'Komisi maksimal 100%'),
  }),
]);

export const printerTransport = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('network'), host: z.string().trim().min(1).max(253), port: z.number().int().min(1).max(65535) }),
  z.strictObject({
    type: z.literal('serial'),
    path: z.string().trim().refine(isSerialDevicePath, 'Port serial harus nama perangkat, mis. COM3 atau /dev/ttyUSB0'),
    baudRate: z.number().int().positive().max(1_000_000).optional(),
  }),
  z.strictObject({ type: z.literal('usb'), vendorId: z.number().int().min(0).max(0xffff), productId: z.number().int().min(0).max(0xffff) }),
  z.strictObject({
    type: z.literal('file'),
    name: z.string().trim().refine(isPrinterFileName, 'Nama file saja (huruf, angka, titik, - atau _), tanpa folder'),
  }),
  z.strictObject({ type: z.literal('none') }),
]);

export const empty = z.strictObject({});

/** NIB (Nomor Induk Berusaha, OSS): exactly 13 digits. */
export const NIB_PATTERN = /^\d{13}$/;
export const nib = z.string().trim().regex(NIB_PATTERN, 'NIB harus 13 angka');
/** An edit's NIB: 13 digits, or '' / null to clear it. */
export const clearableNib = z
  .string()
  .trim()
  .refine((s) => s === '' || NIB_PATTERN.test(s), 'NIB harus 13 angka')
  .nullable()
  .optional();

/**
 * A supplier's phone as people write it (`0813 7828 7889`, `+62 813-7828-7889`, `(0401) 3121234`):
 * digits, spaces, `+`, `-` and parentheses only, 8–15 digits in all. Stored as typed.
 */
export const isSupplierPhone = (s: string): boolean => {
  if (!/^[0-9 +()-]+$/.test(s)) return false;
  const digits = s.replace(/\D/g, '').length;
  return digits >= 8 && digits <= 15;
};
/** A bank account number as stored and paid to: the typed text without spaces and dashes. */
export const bankAccountDigits = (s: string): string => s.replace(/[\s-]/g, '');
/** A bank account number: 5–20 digits once spaces and dashes are taken out. */
export const isBankAccount = (s: string): boolean => /^\d{5,20}$/.test(bankAccountDigits(s));

/** What can be wrong with a supplier's phone or bank details, with the server's words for it. */
export const SUPPLIER_PROBLEMS = {
  phoneInvalid: 'Nomor telepon hanya boleh berisi angka, spasi, +, - dan tanda kurung, 8–15 angka (mis. 0813 7828 7889)',
  bankAccountInvalid: 'Nomor rekening harus 5–20 angka (spasi dan tanda - boleh)',
  bankAccountRequired: 'Nomor rekening wajib diisi bila bank atau atas nama diisi',
  bankNameRequired: 'Nama bank wajib diisi bila ada nomor rekening',
  bankHolderRequired: 'Atas nama rekening wajib diisi bila ada nomor rekening',
} as const;
export type SupplierProblem = keyof typeof SUPPLIER_PROBLEMS;
export type SupplierBankField = 'bankName' | 'bankAccount' | 'bankHolder';

const filled = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/**
 * The bank details a transfer is paid to are all three or none (a supplier paid in cash): an
 * account needs its bank and holder, a bank or holder needs the account, and the account is
 * 5–20 digits. The contract checks a new supplier with it, the core an edit's resulting details
 * (src/main/core/suppliers.ts), the form both before sending.
 */
export function supplierBankProblems(v: { bankName?: unknown; bankAccount?: unknown; bankHolder?: unknown }): { field: SupplierBankField; problem: SupplierProblem }[] {
  const out: { field: SupplierBankField; problem: SupplierProblem }[] = [];
  if (filled(v.bankAccount)) {
    if (!isBankAccount(v.bankAccount.trim())) out.push({ field: 'bankAccount', problem: 'bankAccountInvalid' });
    if (!filled(v.bankName)) out.push({ field: 'bankName', problem: 'bankNameRequired' });
    if (!filled(v.bankHolder)) out.push({ field: 'bankHolder', problem: 'bankHolderRequired' });
  } else if (filled(v.bankName) || filled(v.bankHolder)) {
    out.push({ field: 'bankAccount', problem: 'bankAccountRequired' });
  }
  return out;
}

export const supplierPhone = z.string().trim().max(40, 'Maksimal 40 karakter').refine(isSupplierPhone, SUPPLIER_PROBLEMS.phoneInvalid);
/** An account number, kept as digits only (what the transfer list sends to the bank). */
export const bankAccount = z
  .string()
  .trim()
  .max(40, 'Maksimal 40 karakter')
  .refine(isBankAccount, SUPPLIER_PROBLEMS.bankAccountInvalid)
  .transform(bankAccountDigits);
/** An edit's phone: a phone, or '' / null to clear it. */
export const clearablePhone = z
  .string()
  .trim()
  .max(40, 'Maksimal 40 karakter')
  .refine((s) => s === '' || isSupplierPhone(s), SUPPLIER_PROBLEMS.phoneInvalid)
  .nullable()
  .optional();
/** An edit's account number (digits only), or '' / null to clear it. */
export const clearableBankAccount = z
  .string()
  .trim()
  .max(40, 'Maksimal 40 karakter')
  .refine((s) => s === '' || isBankAccount(s), SUPPLIER_PROBLEMS.bankAccountInvalid)
  .transform(bankAccountDigits)
  .nullable()
  .optional();

export const supplierFields = {
  name: text(120),
  ownerName: optionalText(120),
  phone: supplierPhone.optional(),
  address: optionalText(300),
  district: optionalText(80),
  bankName: optionalText(80),
  bankAccount: bankAccount.optional(),
  bankHolder: optionalText(120),
  nib: nib.optional(),
};

/** `suppliers.create`: the fields, and bank details that are all three or none. */
export const supplierCreate = z.strictObject(supplierFields).superRefine((v, ctx) => {
  for (const p of supplierBankProblems(v)) ctx.addIssue({ code: 'custom', path: [p.field], message: SUPPLIER_PROBLEMS[p.problem] });
});

/** A procedure's input schema, with its output type carried along for the client. */
export interface Def<I extends z.ZodType, O> {
  input: I;
  /** Type-level only: never read at run time. */
  readonly output: O;
}
export const def =
  <O,>() =>
  <I extends z.ZodType>(input: I): Def<I, O> => ({ input, output: undefined as O });


/** Years the shop's reports, ledger and documents can be about (no year 0000). */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2999;

/** A real calendar day `YYYY-MM-DD` (no 2026-02-30) of a year from FIRST_YEAR to LAST_YEAR. */
export const calendarDate = date
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'Tanggal tidak valid')
  .refine((s) => Number(s.slice(0, 4)) >= FIRST_YEAR && Number(s.slice(0, 4)) <= LAST_YEAR, `Tahun harus ${FIRST_YEAR}–${LAST_YEAR}`);

/** A signed, non-zero rupiah amount (corrections). */
export const signedRupiah = z
  .number({ error: 'Harus berupa angka rupiah' })
  .int('Rupiah tidak boleh pecahan')
  .min(-MAX_RUPIAH, 'Jumlah terlalu besar')
  .max(MAX_RUPIAH, 'Jumlah terlalu besar')
  .refine((n) => n !== 0, 'Tidak boleh 0');
