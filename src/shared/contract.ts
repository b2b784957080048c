/**
 * The API contract: every procedure's name, input schema and output type.
 * The main process attaches a role and a handler to each (src/main/api);
 * the renderer calls them by name through one client. Zod is platform
 * neutral, so both sides share these schemas.
 */
import { z } from 'zod';
import {
  barcode,
  date,
  def,
  empty,
  id,
  idempotencyKey,
  optionalText,
  paymentMethod,
  pin,
  pinAttempt,
  positiveRupiah,
  printerTransport,
  qty,
  role,
  rupiah,
  supplierCreate,
  terms,
  text,
  tillCode,
  username,
} from './contract-kit';
import { backofficeContract } from './contract-backoffice';
import { reportsContract } from './contract-reports';
import { settlementContract } from './contract-settlement';
import { systemContract } from './contract-system';
import { outletsContract } from './contract-outlets';
import { tillsContract } from './contract-tills';
import { dataContract } from './contract-data';
import { approval, cartLine, denominations, discount, tillContract } from './contract-till';
import type { ShiftReport, TillSettings } from './types-till';
import type {
  CheckoutResult,
  IntakeResult,
  LoginResult,
  PrintJobView,
  PrinterConfig,
  ProductView,
  SessionInfo,
  ShiftView,
  ShopInfo,
  Supplier,
  TillProductView,
  TillSaleView,
  UserView,
} from './types';

/** The first sale and what it needs: setup, sign-in, users, suppliers, products, intake, shift, checkout, printer. */
export const coreContract = {
  'setup.status': def<{ initialized: boolean }>()(empty),
  'setup.init': def<UserView>()(
    z.strictObject({
      shopName: text(120),
      address: optionalText(300),
      admin: z.strictObject({ name: text(80), username, pin }),
    }),
  ),
  'auth.login': def<LoginResult>()(
    z.strictObject({ username, pin: pinAttempt, tillCode: tillCode.optional() }),
  ),
  'auth.logout': def<{ ok: true }>()(empty),
  'auth.me': def<SessionInfo>()(empty),
  'settings.get': def<ShopInfo & TillSettings>()(empty),
  'users.create': def<UserView>()(z.strictObject({ name: text(80), username, role, pin })),
  'users.list': def<UserView[]>()(empty),
  'suppliers.create': def<Supplier>()(supplierCreate),
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
      generateBarcode: z.boolean().optional(),
      minStock: z.number().int().min(0).max(100_000).optional(),
    }),
  ),
  'products.lookup': def<TillProductView>()(z.strictObject({ code: text(64) })),
  'products.search': def<TillProductView[]>()(
    z.strictObject({ query: z.string().trim().max(100), limit: z.number().int().min(1).max(100).optional() }),
  ),
  'products.get': def<TillProductView>()(z.strictObject({ id })),
  'intakes.create': def<IntakeResult & { printJob?: PrintJobView }>()(
    z.strictObject({
      supplierId: id,
      lines: z.array(z.strictObject({ productId: id, qty, expiryDate: date.optional() })).min(1, 'Minimal satu barang').max(500),
      note: optionalText(500),
      idempotencyKey: idempotencyKey.optional(),
    }),
  ),
  'shifts.open': def<ShiftView>()(z.strictObject({ openingFloat: rupiah })),
  'shifts.current': def<ShiftView | null>()(empty),
  'shifts.close': def<ShiftView & { report: ShiftReport; printJob?: PrintJobView }>()(
    z.strictObject({ countedCash: rupiah.optional(), denominations: denominations.optional() }),
  ),
  'sales.checkout': def<CheckoutResult>()(
    z.strictObject({
      clientRequestId: z.string().trim().min(8, 'clientRequestId minimal 8 karakter').max(64),
      lines: z.array(cartLine).min(1, 'Keranjang kosong').max(200, 'Maksimal 200 baris'),
      discount: discount.optional(),
      approval: approval.optional(),
      payments: z
        .array(z.strictObject({ method: paymentMethod, amount: positiveRupiah, reference: optionalText(64) }))
        .min(1, 'Pilih cara bayar')
        .max(10),
    }),
  ),
  'sales.get': def<TillSaleView>()(z.strictObject({ id })),
  'sales.reprint': def<PrintJobView>()(z.strictObject({ id })),
  'printers.get': def<PrinterConfig>()(empty),
  'printers.set': def<PrinterConfig>()(
    z.strictObject({
      transport: printerTransport,
      columns: z.union([z.literal(32), z.literal(42), z.literal(48)]),
      /** `till`: the printer is at the till's own PC and its agent prints (issue 18); absent = `host`. */
      location: z.enum(['host', 'till']).optional(),
    }),
  ),
  'printers.test': def<PrintJobView>()(empty),
  'printing.jobs': def<PrintJobView[]>()(
    z.strictObject({
      status: z.enum(['pending', 'printed', 'failed', 'skipped']).optional(),
      limit: z.number().int().min(1).max(500).optional(),
      /** Another till's jobs: managers only (a cashier sees the jobs of the till of the session). */
      tillCode: tillCode.optional(),
    }),
  ),
  'printing.retry': def<PrintJobView>()(z.strictObject({ id })),
} as const;

export const contract = { ...coreContract, ...backofficeContract, ...settlementContract, ...systemContract, ...tillContract, ...reportsContract, ...dataContract, ...outletsContract, ...tillsContract } as const;

export type Contract = typeof contract;
export type ProcedureName = keyof Contract;
export type ProcedureInput<N extends ProcedureName> = z.input<Contract[N]['input']>;
export type ProcedureOutput<N extends ProcedureName> = Contract[N]['output'];
export type ParsedInput<N extends ProcedureName> = z.output<Contract[N]['input']>;
