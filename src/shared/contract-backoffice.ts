/** Back office procedures: suppliers, products, intake, returns, expiry, stock counts, labels. */
import { z } from 'zod';
import { barcode, clearableBankAccount, clearableNib, clearablePhone, calendarDate, date, def, empty, id, idempotencyKey, optionalText, positiveRupiah, qty, terms, text } from './contract-kit';
import type { PrintJobView, ProductView, Supplier } from './types';
import type {
  ExpiryCorrection,
  ImplausibleExpiryRow,
  IntakeSummary,
  IntakeView,
  LabelsResult,
  ProductDetail,
  ReturnResult,
  ReturnSummary,
  ReturnView,
  StockAdjustmentView,
  StockCountSummary,
  StockCountView,
  StockLotRow,
  StockMovement,
  SupplierDetail,
  SupplierOverview,
} from './types-backoffice';

/** Optional text that `null` (or '') clears. */
const clearable = (max: number) => optionalText(max).nullable();
const returnReason = z.enum(['unsold', 'expired', 'damaged', 'other']);
const liability = z.enum(['shop', 'supplier']);
const days = (max: number) => z.number({ error: 'Harus berupa angka' }).int('Jumlah hari bilangan bulat').min(0).max(max);
const countedQty = z.number({ error: 'Harus berupa angka' }).int('Jumlah harus bilangan bulat').min(0, 'Tidak boleh negatif').max(100_000, 'Jumlah terlalu besar');
const limit = (max: number) => z.number().int().min(1).max(max).optional();
const byId = z.strictObject({ id });
const byCount = z.strictObject({ countId: id });

export const backofficeContract = {
  // Suppliers
  'suppliers.update': def<Supplier>()(
    z.strictObject({
      id,
      name: text(120).optional(),
      ownerName: clearable(120),
      phone: clearablePhone,
      address: clearable(300),
      district: clearable(80),
      bankName: clearable(80),
      bankAccount: clearableBankAccount,
      bankHolder: clearable(120),
      nib: clearableNib,
    }),
  ),
  'suppliers.get': def<SupplierDetail>()(byId),
  'suppliers.overview': def<SupplierOverview[]>()(
    z.strictObject({ query: z.string().trim().max(100).optional(), includeInactive: z.boolean().optional() }),
  ),
  'suppliers.deactivate': def<Supplier>()(byId),
  'suppliers.reactivate': def<Supplier>()(byId),

  // Products
  'products.update': def<ProductView>()(
    z.strictObject({
      id,
      name: text(120).optional(),
      sellPrice: positiveRupiah.optional(),
      terms: terms.optional(),
      barcode: barcode.nullable().optional(),
      generateBarcode: z.boolean().optional(),
      category: clearable(60),
      unit: text(20).optional(),
      trackExpiry: z.boolean().optional(),
      minStock: z.number().int().min(0).max(100_000).optional(),
    }),
  ),
  'products.list': def<ProductView[]>()(
    z.strictObject({
      supplierId: id.optional(),
      query: z.string().trim().max(100).optional(),
      category: optionalText(60),
      lowStock: z.boolean().optional(),
      includeInactive: z.boolean().optional(),
      limit: limit(1000),
    }),
  ),
  'products.detail': def<ProductDetail>()(byId),
  'products.deactivate': def<ProductView>()(byId),
  'products.reactivate': def<ProductView>()(byId),

  // Intakes (intakes.create is in the till contract)
  'intakes.get': def<IntakeView>()(byId),
  'intakes.list': def<IntakeSummary[]>()(
    z.strictObject({ supplierId: id.optional(), from: date.optional(), to: date.optional(), limit: limit(500) }),
  ),
  'intakes.reprint': def<PrintJobView>()(byId),

  // Returns to supplier
  'returns.create': def<ReturnResult>()(
    z.strictObject({
      supplierId: id,
      lines: z.array(z.strictObject({ lotId: id, qty })).min(1, 'Minimal satu barang').max(500),
      reason: returnReason,
      note: optionalText(500),
      idempotencyKey: idempotencyKey.optional(),
    }),
  ),
  'returns.fromNearExpiry': def<ReturnResult>()(
    z.strictObject({
      supplierId: id,
      days: days(365).optional(),
      reason: returnReason.optional(),
      note: optionalText(500),
      idempotencyKey: idempotencyKey.optional(),
    }),
  ),
  'returns.get': def<ReturnView>()(byId),
  'returns.list': def<ReturnSummary[]>()(
    z.strictObject({ supplierId: id.optional(), from: date.optional(), to: date.optional(), limit: limit(500) }),
  ),
  'returns.reprint': def<PrintJobView>()(byId),

  // Expiry, slow movers, corrections, history
  'stock.nearExpiry': def<StockLotRow[]>()(z.strictObject({ days: days(365).optional(), supplierId: id.optional() })),
  'stock.implausibleExpiry': def<ImplausibleExpiryRow[]>()(empty),
  'stock.correctExpiry': def<ExpiryCorrection>()(z.strictObject({ lotId: id, expiryDate: calendarDate, reason: text(200) })),
  'stock.slowMoving': def<StockLotRow[]>()(
    z.strictObject({ days: days(3650).refine((n) => n > 0, 'Minimal 1 hari'), supplierId: id.optional() }),
  ),
  'stock.adjust': def<StockAdjustmentView>()(
    z.strictObject({
      lotId: id,
      delta: z
        .number({ error: 'Harus berupa angka' })
        .int('Jumlah harus bilangan bulat')
        .min(-100_000)
        .max(100_000)
        .refine((n) => n !== 0, 'Selisih tidak boleh 0'),
      reason: text(200),
      liability,
    }),
  ),
  'stock.movements': def<StockMovement[]>()(
    z.strictObject({ productId: id.optional(), lotId: id.optional(), limit: limit(1000) }),
  ),

  // Stock count (opname)
  'stock.count.start': def<StockCountView>()(
    z.strictObject({ supplierId: id.optional(), category: optionalText(60), note: optionalText(500) }),
  ),
  'stock.count.record': def<StockCountView>()(
    z.strictObject({
      countId: id,
      lines: z
        .array(z.union([z.strictObject({ lotId: id, countedQty }), z.strictObject({ productId: id, countedQty })]))
        .min(1, 'Minimal satu baris')
        .max(2000),
    }),
  ),
  'stock.count.get': def<StockCountView>()(byCount),
  'stock.count.post': def<StockCountView>()(
    z.strictObject({
      countId: id,
      lines: z.array(z.strictObject({ lotId: id, reason: text(200), liability: liability.optional() })).max(2000),
    }),
  ),
  'stock.count.cancel': def<StockCountView>()(byCount),
  'stock.count.list': def<StockCountSummary[]>()(
    z.strictObject({ status: z.enum(['open', 'posted', 'cancelled']).optional(), limit: limit(200) }),
  ),

  // Labels
  'labels.print': def<LabelsResult>()(
    z
      .strictObject({
        items: z.array(z.strictObject({ productId: id, qty: z.number().int().min(1).max(200), lotId: id.optional() })).min(1).max(100).optional(),
        intakeId: id.optional(),
      })
      .refine((v) => (v.items === undefined) !== (v.intakeId === undefined), {
        message: 'Isi salah satu: items atau intakeId',
        path: ['items'],
      }),
  ),
} as const;

