import type { ProductView } from '../../src/shared/types';

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
