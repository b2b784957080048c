import { and, asc, eq, or, sql } from 'drizzle-orm';
import { products, suppliers } from '../../db/schema';
import { fail } from '../../shared/errors';
import type { Rupiah } from '../../shared/money';
import type { Actor, Ctx } from './context';
import type { ProductView, Terms } from '../../shared/types';
import { audit } from './audit';
import { nextSequence, pad } from './sequences';
import { requireSupplier } from './suppliers';
import { contains } from './sql-helpers';
import { businessDate } from './clock';
import { getSetting } from './settings';


export interface ProductInput {
  name: string;
  supplierId: number;
  sellPrice: Rupiah;
  terms: Terms;
  barcode?: string;
  category?: string;
  unit?: string;
  trackExpiry?: boolean;
  minStock?: number;
}


export function termsOf(row: { termsType: 'fixed' | 'commission'; supplierPrice: number | null; commissionBps: number | null }): Terms {
  return row.termsType === 'fixed'
    ? { type: 'fixed', supplierPrice: row.supplierPrice ?? 0 }
    : { type: 'commission', commissionBps: row.commissionBps ?? 0 };
}

function checkTerms(sellPrice: Rupiah, terms: Terms): void {
  if (terms.type === 'fixed' && terms.supplierPrice > sellPrice) {
    fail('VALIDATION', 'Harga titip tidak boleh lebih besar dari harga jual.', { field: 'terms.supplierPrice' });
  }
}

export function createProduct(ctx: Ctx, actor: Actor | null, input: ProductInput): ProductView {
  return ctx.db.transaction(() => {
    requireSupplier(ctx, input.supplierId);
    checkTerms(input.sellPrice, input.terms);
    if (input.barcode) {
      const taken = ctx.db.select({ id: products.id, name: products.name }).from(products).where(eq(products.barcode, input.barcode)).get();
      if (taken) fail('CONFLICT', `Barcode ${input.barcode} sudah dipakai oleh "${taken.name}".`, { field: 'barcode' });
    }
    const now = ctx.clock.now();
    const sku = `P${pad(nextSequence(ctx.db, 'product'), 5)}`;
    const row = ctx.db
      .insert(products)
      .values({
        sku,
        barcode: input.barcode ?? null,
        name: input.name,
        category: input.category ?? null,
        unit: input.unit ?? 'pcs',
        sellPrice: input.sellPrice,
        supplierId: input.supplierId,
        termsType: input.terms.type,
        supplierPrice: input.terms.type === 'fixed' ? input.terms.supplierPrice : null,
        commissionBps: input.terms.type === 'commission' ? input.terms.commissionBps : null,
        trackExpiry: input.trackExpiry ?? false,
        minStock: input.minStock ?? 0,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: products.id })
      .get();
    audit(ctx, { userId: actor?.userId ?? null, action: 'products.create', entity: 'product', entityId: row.id });
    return getProduct(ctx, row.id);
  });
}

/** Stock columns computed from lots: sellable today vs expired. */
function stockColumns(today: string) {
  return {
    stock: sql<number>`coalesce((SELECT sum(l.remaining_qty) FROM lots l WHERE l.product_id = ${products.id}
      AND (l.expiry_date IS NULL OR l.expiry_date >= ${today})), 0)`,
    expiredStock: sql<number>`coalesce((SELECT sum(l.remaining_qty) FROM lots l WHERE l.product_id = ${products.id}
      AND l.expiry_date < ${today}), 0)`,
    nextExpiry: sql<string | null>`(SELECT min(l.expiry_date) FROM lots l WHERE l.product_id = ${products.id}
      AND l.remaining_qty > 0 AND l.expiry_date >= ${today})`,
  };
}

function selectProducts(ctx: Ctx) {
  const today = businessDate(ctx.clock.now(), getSetting(ctx.db, 'timeZone'));
  return ctx.db
    .select({
      product: products,
      supplierCode: suppliers.code,
      supplierName: suppliers.name,
      ...stockColumns(today),
    })
    .from(products)
    .leftJoin(suppliers, eq(suppliers.id, products.supplierId));
}

type SelectedRow = {
  product: typeof products.$inferSelect;
  supplierCode: string | null;
  supplierName: string | null;
  stock: number;
  expiredStock: number;
  nextExpiry: string | null;
};

function toView(r: SelectedRow): ProductView {
  const p = r.product;
  return {
    id: p.id,
    sku: p.sku,
    barcode: p.barcode,
    name: p.name,
    category: p.category,
    unit: p.unit,
    sellPrice: p.sellPrice,
    supplierId: p.supplierId,
    supplierCode: r.supplierCode,
    supplierName: r.supplierName,
    terms: termsOf(p),
    trackExpiry: p.trackExpiry,
    minStock: p.minStock,
    active: p.active,
    stock: Number(r.stock),
    expiredStock: Number(r.expiredStock),
    nextExpiry: r.nextExpiry,
  };
}

export function getProduct(ctx: Ctx, id: number): ProductView {
  const row = selectProducts(ctx).where(eq(products.id, id)).get();
  return row ? toView(row) : fail('NOT_FOUND', `Produk #${id} tidak ditemukan.`, { field: 'productId' });
}

/** Find an active product by barcode or SKU (what the scanner sends). */
export function lookupProduct(ctx: Ctx, code: string): ProductView {
  const trimmed = code.trim();
  const row = selectProducts(ctx)
    .where(and(or(eq(products.barcode, trimmed), eq(products.sku, trimmed.toUpperCase())), eq(products.active, true)))
    .get();
  return row ? toView(row) : fail('NOT_FOUND', `Barang dengan kode "${trimmed}" tidak ditemukan.`, { field: 'code', code: trimmed });
}

/** Active products whose name, SKU, barcode or supplier matches every word typed. */
export function searchProducts(ctx: Ctx, input: { query: string; limit?: number }): ProductView[] {
  const words = input.query.trim().split(/\s+/).filter(Boolean).slice(0, 5);
  const conditions = words.map((w) =>
    or(contains(products.name, w), contains(products.sku, w), contains(products.barcode, w), contains(suppliers.name, w)),
  );
  return selectProducts(ctx)
    .where(and(eq(products.active, true), ...conditions))
    .orderBy(asc(products.name))
    .limit(input.limit ?? 20)
    .all()
    .map(toView);
}
