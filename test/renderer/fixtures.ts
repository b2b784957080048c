import type { ProductView, ShiftView } from '../../src/shared/types';
import type { ProcedureOutput } from '../../src/shared/contract';

let nextId = 1;

/** A product as the API returns it, with sensible defaults. */
export function product(over: Partial<ProductView> = {}): ProductView {
  const id = over.id ?? nextId++;
  return {
    id,
    sku: `P${String(id).padStart(5, '0')}`,
    barcode: `89912345${String(id).padStart(5, '0')}`,
    name: `Barang ${id}`,
    category: 'Makanan',
    unit: 'pcs',
    sellPrice: 45_000,
    supplierId: 1,
    supplierCode: 'S0001',
    supplierName: 'UD Mete Jaya',
    terms: { type: 'fixed', supplierPrice: 40_000 },
    trackExpiry: false,
    minStock: 0,
    active: true,
    stock: 10,
    expiredStock: 0,
    nextExpiry: null,
    ...over,
  };
}

/** What `settings.get` answers for a shop with the default till settings. */
export function shopSettings(over: Partial<ProcedureOutput<'settings.get'>> = {}): ProcedureOutput<'settings.get'> {
  return {
    shopName: 'PLUT Sultra',
    shopAddress: null,
    shopPhone: null,
    receiptFooter: null,
    timeZone: 'Asia/Makassar',
    outletCode: 'KDI',
    defaultTillCode: 'K1',
    discountLimitBps: 1000,
    cashRounding: 'none',
    paymentMethods: ['cash', 'qris', 'debit', 'transfer'],
    qrisPayload: null,
    ...over,
  };
}

/** A promise and the functions that settle it, for answers the test releases itself. */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** An open shift at K1 with no sales yet (Rp 200.000 float), as `shifts.current` returns it. */
export function shiftView(over: Partial<ShiftView> = {}): ShiftView {
  return {
    id: 1,
    tillCode: 'K1',
    openedBy: 3,
    openedByName: 'Sitti Aisyah',
    openedAt: Date.UTC(2026, 10, 29, 0, 5),
    openingFloat: 200_000,
    closedAt: null,
    salesCount: 0,
    salesTotal: 0,
    cashSales: 0,
    changeGiven: 0,
    cashRefunds: 0,
    payIns: 0,
    payOuts: 0,
    expectedCash: 200_000,
    countedCash: null,
    variance: null,
    ...over,
  };
}
