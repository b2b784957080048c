/**
 * The API contract: every procedure's name, input schema and output type.
 * The main process attaches a role and a handler to each (src/main/api);
 * the renderer calls them by name through one client. Zod is platform
 * neutral, so both sides share these schemas.
 */
import { z } from 'zod';
import { MAX_RUPIAH } from './money';
import type {
  CheckoutResult,
  IntakeResult,
  LoginResult,
  PrintJobView,
  PrinterConfig,
  ProductView,
  SaleView,
  SessionInfo,
  ShiftView,
  ShopInfo,
  Supplier,
  UserView,
} from './types';

const text = (max: number) => z.string().trim().min(1, 'Wajib diisi').max(max, `Maksimal ${max} karakter`);
const optionalText = (max: number) => z.string().trim().max(max, `Maksimal ${max} karakter`).optional();
export const rupiah = z
  .number({ error: 'Harus berupa angka rupiah' })
  .int('Rupiah tidak boleh pecahan')
  .min(0, 'Tidak boleh negatif')
  .max(MAX_RUPIAH, 'Jumlah terlalu besar');
const positiveRupiah = rupiah.refine((n) => n > 0, 'Harus lebih dari 0');
const id = z.number({ error: 'Harus berupa angka' }).int().positive().max(Number.MAX_SAFE_INTEGER);
const qty = z.number({ error: 'Harus berupa angka' }).int('Jumlah harus bilangan bulat').min(1, 'Jumlah minimal 1').max(100_000, 'Jumlah terlalu besar');
const pin = z.string().regex(/^\d{4,8}$/, 'PIN harus 4–8 angka');
const username = z
  .string()
  .trim()
  .min(2, 'Minimal 2 karakter')
  .max(32)
  .regex(/^[a-zA-Z0-9._-]+$/, 'Hanya huruf, angka, titik, garis bawah atau minus');
export const tillCode = z.string().trim().regex(/^[A-Z0-9]{1,6}$/, 'Kode kasir 1–6 huruf besar/angka');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Format tanggal YYYY-MM-DD');
const barcode = z.string().trim().regex(/^[0-9A-Za-z-]{3,32}$/, 'Barcode 3–32 huruf/angka');
export const paymentMethod = z.enum(['cash', 'qris', 'debit', 'transfer']);
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
  z.strictObject({ type: z.literal('serial'), path: z.string().min(1).max(260), baudRate: z.number().int().positive().max(1_000_000).optional() }),
  z.strictObject({ type: z.literal('usb'), vendorId: z.number().int().min(0).max(0xffff), productId: z.number().int().min(0).max(0xffff) }),
  z.strictObject({ type: z.literal('file'), path: z.string().min(1).max(260) }),
  z.strictObject({ type: z.literal('none') }),
]);

const empty = z.strictObject({});

const supplierFields = {
  name: text(120),
  ownerName: optionalText(120),
  phone: optionalText(40),
  address: optionalText(300),
  district: optionalText(80),
  bankName: optionalText(80),
  bankAccount: optionalText(40),
  bankHolder: optionalText(120),
};

/** A procedure's input schema, with its output type carried along for the client. */
export interface Def<I extends z.ZodType, O> {
  input: I;
  /** Type-level only: never read at run time. */
  readonly output: O;
}
const def =
  <O,>() =>
  <I extends z.ZodType>(input: I): Def<I, O> => ({ input, output: undefined as O });

export const contract = {
  'setup.status': def<{ initialized: boolean }>()(empty),
  'setup.init': def<UserView>()(
    z.strictObject({
      shopName: text(120),
      address: optionalText(300),
      admin: z.strictObject({ name: text(80), username, pin }),
    }),
  ),
  'auth.login': def<LoginResult>()(
    z.strictObject({ username, pin: z.string().min(1, 'PIN wajib diisi').max(16), tillCode: tillCode.optional() }),
  ),
  'auth.logout': def<{ ok: true }>()(empty),
  'auth.me': def<SessionInfo>()(empty),
  'settings.get': def<ShopInfo>()(empty),
  'users.create': def<UserView>()(z.strictObject({ name: text(80), username, role, pin })),
  'users.list': def<UserView[]>()(empty),
  'suppliers.create': def<Supplier>()(z.strictObject(supplierFields)),
  'suppliers.list': def<Supplier[]>()(z.strictObject({ query: z.string().max(100).optional() })),
  'products.create': def<ProductView>()(
    z.strictObject({
      name: text(120),
      supplierId: id,
      sellPrice: positiveRupiah,
      terms,
      barcode: barcode.optional(),
      category: optionalText(60),
      unit: optionalText(20),
      trackExpiry: z.boolean().optional(),
      minStock: z.number().int().min(0).max(100_000).optional(),
    }),
  ),
  'products.lookup': def<ProductView>()(z.strictObject({ code: text(64) })),
  'products.search': def<ProductView[]>()(
    z.strictObject({ query: z.string().trim().max(100), limit: z.number().int().min(1).max(100).optional() }),
  ),
  'products.get': def<ProductView>()(z.strictObject({ id })),
  'intakes.create': def<IntakeResult & { printJob?: PrintJobView }>()(
    z.strictObject({
      supplierId: id,
      lines: z.array(z.strictObject({ productId: id, qty, expiryDate: date.optional() })).min(1, 'Minimal satu barang').max(500),
      note: optionalText(500),
    }),
  ),
  'shifts.open': def<ShiftView>()(z.strictObject({ openingFloat: rupiah })),
  'shifts.current': def<ShiftView | null>()(empty),
  'shifts.close': def<ShiftView>()(z.strictObject({ countedCash: rupiah })),
  'sales.checkout': def<CheckoutResult>()(
    z.strictObject({
      clientRequestId: z.string().trim().min(8, 'clientRequestId minimal 8 karakter').max(64),
      lines: z.array(z.strictObject({ productId: id, qty })).min(1, 'Keranjang kosong').max(200, 'Maksimal 200 baris'),
      payments: z
        .array(z.strictObject({ method: paymentMethod, amount: positiveRupiah, reference: optionalText(64) }))
        .min(1, 'Pilih cara bayar')
        .max(10),
    }),
  ),
  'sales.get': def<SaleView>()(z.strictObject({ id })),
  'sales.reprint': def<PrintJobView>()(z.strictObject({ id })),
  'printers.get': def<PrinterConfig>()(empty),
  'printers.set': def<PrinterConfig>()(
    z.strictObject({ transport: printerTransport, columns: z.union([z.literal(32), z.literal(42), z.literal(48)]) }),
  ),
  'printers.test': def<PrintJobView>()(empty),
  'printing.jobs': def<PrintJobView[]>()(
    z.strictObject({ status: z.enum(['pending', 'printed', 'failed', 'skipped']).optional(), limit: z.number().int().min(1).max(500).optional() }),
  ),
  'printing.retry': def<PrintJobView>()(z.strictObject({ id })),
} as const;

export type Contract = typeof contract;
export type ProcedureName = keyof Contract;
export type ProcedureInput<N extends ProcedureName> = z.input<Contract[N]['input']>;
export type ProcedureOutput<N extends ProcedureName> = Contract[N]['output'];
export type ParsedInput<N extends ProcedureName> = z.output<Contract[N]['input']>;
