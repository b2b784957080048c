// Over 350 lines on purpose: everything that writes or reads the products table (create, update,
// search, barcode, labels) in one module, so its rules live in one place.
import { and, asc, desc, eq, inArray, or, sql, type Placeholder } from 'drizzle-orm';
import { termsOf } from '../../shared/pricing';
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
import { nextInternalBarcode } from './barcodes';
import { valueAtTerms, type LotStockRow } from './stock-value';
import { lotTotals } from './invariants';
import type { LotView, ProductDetail } from '../../shared/types-backoffice';


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
  /** Give the product an internal EAN-13 (prefix 20) instead of a scanned barcode. */
  generateBarcode?: boolean;
}



/**
 * Barcodes and SKUs are one lookup namespace (the scanner and the keyboard
 * send either to `products.lookup`): a barcode may not equal, ignoring
 * case, another product's SKU or barcode. CONFLICT names the holder.
 */
function checkCodeFree(ctx: Ctx, barcode: string, exceptId: number | null): void {
  const taken = ctx.db
    .select({ id: products.id, name: products.name, sku: products.sku })
    .from(products)
    .where(
      and(
        // SKUs are generated upper case (`P00001`), so this is "ignoring case", on the unique index.
        or(eq(products.barcode, barcode), eq(products.sku, barcode.toUpperCase())),
        exceptId === null ? undefined : sql`${products.id} <> ${exceptId}`,
      ),
    )
    .get();
  if (!taken) return;
  const isSku = taken.sku.toUpperCase() === barcode.toUpperCase();
  fail('CONFLICT', isSku ? `Barcode ${barcode} sama dengan SKU "${taken.name}".` : `Barcode ${barcode} sudah dipakai oleh "${taken.name}".`, {
    field: 'barcode',
    productId: taken.id,
  });
}

/**
 * The next product SKU (`P00001`…). A code that some product already
 * carries as its barcode is skipped, so a new SKU never equals a barcode
 * (one lookup namespace, see checkCodeFree).
 */
function nextSku(ctx: Ctx): string {
  for (;;) {
    const sku = `P${pad(nextSequence(ctx.db, 'product'), 5)}`;
    // `P` + digits: the only case variants are `P…` and `p…` (both on the unique barcode index).
    const clash = ctx.db.select({ id: products.id }).from(products).where(inArray(products.barcode, [sku, sku.toLowerCase()])).get();
    if (!clash) return sku;
  }
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
    if (input.generateBarcode && input.barcode) {
      fail('VALIDATION', 'Pilih salah satu: barcode dari kemasan atau barcode internal.', { field: 'generateBarcode' });
    }
    const barcode = input.generateBarcode ? nextInternalBarcode(ctx) : input.barcode;
    if (input.barcode) checkCodeFree(ctx, input.barcode, null);
    const now = ctx.clock.now();
    const sku = nextSku(ctx);
    const row = ctx.db
      .insert(products)
      .values({
        sku,
        barcode: barcode ?? null,
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
function stockColumns(today: string | Placeholder) {
  return {
    // `remaining_qty > 0` lets lots_product_stock_idx skip a year of sold-out lots.
    stock: sql<number>`coalesce((SELECT sum(l.remaining_qty) FROM lots l WHERE l.product_id = ${products.id}
      AND l.remaining_qty > 0 AND (l.expiry_date IS NULL OR l.expiry_date >= ${today})), 0)`,
    expiredStock: sql<number>`coalesce((SELECT sum(l.remaining_qty) FROM lots l WHERE l.product_id = ${products.id}
      AND l.remaining_qty > 0 AND l.expiry_date < ${today}), 0)`,
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

/**
 * The scanner's lookup, built once per connection (drizzle prepared query
 * with placeholders): every scan skips the query building. Two unique-index
 * probes (barcode, SKU: `MULTI-INDEX OR`), then the stock subqueries.
 */
const lookupStatements = new WeakMap<Ctx['db'], ReturnType<typeof buildLookup>>();

function buildLookup(db: Ctx['db']) {
  const sku = sql.placeholder('sku');
  return db
    .select({ product: products, supplierCode: suppliers.code, supplierName: suppliers.name, ...stockColumns(sql.placeholder('today')) })
    .from(products)
    .leftJoin(suppliers, eq(suppliers.id, products.supplierId))
    .where(and(or(eq(products.barcode, sql.placeholder('code')), eq(products.sku, sku)), eq(products.active, true)))
    .orderBy(desc(sql`${products.sku} = ${sku}`), asc(products.id))
    .limit(1)
    .prepare();
}

function lookupStatement(ctx: Ctx) {
  let st = lookupStatements.get(ctx.db);
  if (!st) {
    st = buildLookup(ctx.db);
    lookupStatements.set(ctx.db, st);
  }
  return st;
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

/**
 * Find an active product by barcode or SKU (what the scanner sends). New
 * codes can no longer collide (checkCodeFree); where a database from
 * before that rule holds a barcode equal to another product's SKU, the
 * SKU wins (the shop's own code) and `data.corrections` lists the pair.
 */
export function lookupProduct(ctx: Ctx, code: string): ProductView {
  const trimmed = code.trim();
  const sku = trimmed.toUpperCase();
  const today = businessDate(ctx.clock.now(), getSetting(ctx.db, 'timeZone'));
  const row = lookupStatement(ctx).get({ code: trimmed, sku, today });
  return row ? toView(row) : fail('NOT_FOUND', `Barang dengan kode "${trimmed}" tidak ditemukan.`, { field: 'code', code: trimmed });
}

/** The words of a search (at most five), and each word's exact condition: name, SKU, barcode or supplier contains it. */
export function searchWords(query: string): string[] {
  return query.trim().split(/\s+/).filter(Boolean).slice(0, 5);
}

export function searchWordConditions(words: string[]) {
  return words.map((w) => or(contains(products.name, w), contains(products.sku, w), contains(products.barcode, w), contains(suppliers.name, w)));
}

/**
 * The FTS5 query (trigram tokenizer, table `products_fts`) for the words of
 * three characters or more, each as a quoted string: a product matches when
 * every such word is a substring of one of its columns, ignoring case. This
 * only narrows the candidates (it matches everything LIKE matches, and
 * more: it folds non-ASCII case too); the LIKE conditions stay the exact
 * filter. Null when no word is long enough (trigrams of a 1–2 character
 * word match nothing): the search then scans, as before.
 */
export function ftsQuery(words: string[]): string | null {
  const long = words.filter((w) => [...w].length >= 3);
  return long.length === 0 ? null : long.map((w) => `"${w.replaceAll('"', '""')}"`).join(' ');
}

/**
 * Active products whose name, SKU, barcode or supplier contains every word
 * typed (ignoring ASCII case), by name (then id). Candidates come from the
 * trigram index when a word has three characters or more.
 */
export function searchProducts(ctx: Ctx, input: { query: string; limit?: number }): ProductView[] {
  const words = searchWords(input.query);
  const match = ftsQuery(words);
  const candidates = match === null ? undefined : sql`${products.id} IN (SELECT rowid FROM products_fts WHERE products_fts MATCH ${match})`;
  // Ids first (the stock columns' subqueries would otherwise run for every match before the sort), then the views.
  const ids = ctx.db
    .select({ id: products.id })
    .from(products)
    .leftJoin(suppliers, eq(suppliers.id, products.supplierId))
    .where(and(eq(products.active, true), candidates, ...searchWordConditions(words)))
    .orderBy(asc(products.name), asc(products.id))
    .limit(input.limit ?? 20)
    .all()
    .map((r) => r.id);
  if (ids.length === 0) return [];
  const rows = new Map(selectProducts(ctx).where(inArray(products.id, ids)).all().map((r) => [r.product.id, r]));
  return ids.map((id) => toView(rows.get(id)!));
}

// ---------------------------------------------------------------------------
// Back office: edit, deactivate, list, product page

export interface ProductUpdate {
  id: number;
  name?: string;
  sellPrice?: Rupiah;
  terms?: Terms;
  /** null removes the barcode. */
  barcode?: string | null;
  /** Replace the barcode with a new internal EAN-13. */
  generateBarcode?: boolean;
  category?: string | null;
  unit?: string;
  trackExpiry?: boolean;
  minStock?: number;
}

type ProductRow = typeof products.$inferSelect;

function requireProductRow(ctx: Ctx, id: number): ProductRow {
  const row = ctx.db.select().from(products).where(eq(products.id, id)).get();
  return row ?? fail('NOT_FOUND', `Produk #${id} tidak ditemukan.`, { field: 'id' });
}

/**
 * Change a product. A new price or new terms apply to intakes from now on:
 * the lots already in the shop keep the terms they were received under.
 * Every changed field is audit-logged with its old and new value.
 */
export function updateProduct(ctx: Ctx, actor: Actor, input: ProductUpdate): ProductView {
  return ctx.db.transaction(() => {
    const old = requireProductRow(ctx, input.id);
    if (input.generateBarcode && input.barcode !== undefined) {
      fail('VALIDATION', 'Pilih salah satu: barcode dari kemasan atau barcode internal.', { field: 'generateBarcode' });
    }
    const sellPrice = input.sellPrice ?? old.sellPrice;
    const terms = input.terms ?? termsOf(old);
    if (input.sellPrice !== undefined || input.terms !== undefined) checkTerms(sellPrice, terms);
    let barcode = input.barcode === undefined ? old.barcode : input.barcode;
    if (input.barcode && input.barcode !== old.barcode) checkCodeFree(ctx, input.barcode, old.id);
    if (input.generateBarcode) barcode = nextInternalBarcode(ctx);

    const next = {
      name: input.name ?? old.name,
      sellPrice,
      termsType: terms.type,
      supplierPrice: terms.type === 'fixed' ? terms.supplierPrice : null,
      commissionBps: terms.type === 'commission' ? terms.commissionBps : null,
      barcode,
      category: input.category === undefined ? old.category : input.category,
      unit: input.unit ?? old.unit,
      trackExpiry: input.trackExpiry ?? old.trackExpiry,
      minStock: input.minStock ?? old.minStock,
    };
    const changes: Record<string, { old: unknown; new: unknown }> = {};
    for (const key of Object.keys(next) as (keyof typeof next)[]) {
      if (next[key] !== old[key]) changes[key] = { old: old[key], new: next[key] };
    }
    if (Object.keys(changes).length === 0) return getProduct(ctx, old.id);
    ctx.db.update(products).set({ ...next, updatedAt: ctx.clock.now() }).where(eq(products.id, old.id)).run();
    const termsChanged = 'termsType' in changes || 'supplierPrice' in changes || 'commissionBps' in changes;
    audit(ctx, {
      userId: actor.userId,
      action: 'products.update',
      entity: 'product',
      entityId: old.id,
      details: {
        changes,
        ...('sellPrice' in changes ? { price: { old: old.sellPrice, new: sellPrice } } : {}),
        ...(termsChanged ? { terms: { old: termsOf(old), new: terms } } : {}),
      },
    });
    return getProduct(ctx, old.id);
  });
}

/** Deactivate (or reactivate) a product: it disappears from the till, its lots stay. */
export function setProductActive(ctx: Ctx, actor: Actor, id: number, active: boolean): ProductView {
  return ctx.db.transaction(() => {
    const row = requireProductRow(ctx, id);
    if (row.active === active) {
      fail('CONFLICT', active ? `"${row.name}" sudah aktif.` : `"${row.name}" sudah tidak aktif.`, { field: 'id' });
    }
    ctx.db.update(products).set({ active, updatedAt: ctx.clock.now() }).where(eq(products.id, id)).run();
    audit(ctx, { userId: actor.userId, action: active ? 'products.reactivate' : 'products.deactivate', entity: 'product', entityId: id });
    return getProduct(ctx, id);
  });
}

export interface ProductListInput {
  supplierId?: number;
  query?: string;
  category?: string;
  /** Only products with a minimum stock set and sellable stock at or below it. */
  lowStock?: boolean;
  includeInactive?: boolean;
  limit?: number;
}

/** The back office product list, by name. */
export function listProducts(ctx: Ctx, input: ProductListInput): ProductView[] {
  const words = (input.query ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 5);
  const conditions = [
    input.includeInactive ? undefined : eq(products.active, true),
    input.supplierId === undefined ? undefined : eq(products.supplierId, input.supplierId),
    input.category ? eq(products.category, input.category) : undefined,
    ...words.map((w) =>
      or(contains(products.name, w), contains(products.sku, w), contains(products.barcode, w), contains(suppliers.name, w)),
    ),
  ];
  const rows = selectProducts(ctx).where(and(...conditions)).orderBy(asc(products.name), asc(products.id)).all().map(toView);
  const filtered = input.lowStock ? rows.filter((p) => p.minStock > 0 && p.stock <= p.minStock) : rows;
  return filtered.slice(0, input.limit ?? 500);
}

/** The product page: the product and every lot with its own terms snapshot. */
export function productDetail(ctx: Ctx, id: number): ProductDetail {
  const product = getProduct(ctx, id);
  return { ...product, lots: lotViews(ctx, { productId: id }) };
}

/** Lots with their history totals; newest first. */
export function lotViews(ctx: Ctx, where: { productId?: number; supplierId?: number; onlyInStock?: boolean }): LotView[] {
  const today = businessDate(ctx.clock.now(), getSetting(ctx.db, 'timeZone'));
  const rows = ctx.db.all<LotStockRow & {
    id: number;
    product_id: number;
    intake_id: number | null;
    intake_number: string | null;
    supplier_id: number | null;
    received_qty: number;
    created_at: number;
    p_terms_type: 'fixed' | 'commission';
    p_supplier_price: number | null;
    p_commission_bps: number | null;
    p_sell_price: number;
    sold: number;
    restocked: number;
    returned: number;
    adjusted: number;
  }>(sql`
    SELECT l.id, l.product_id, l.intake_id, i.number AS intake_number, l.supplier_id, l.received_qty, l.remaining_qty,
      l.expiry_date, l.terms_type, l.supplier_price, l.commission_bps, l.sell_price, l.created_at,
      p.terms_type AS p_terms_type, p.supplier_price AS p_supplier_price, p.commission_bps AS p_commission_bps,
      p.sell_price AS p_sell_price,
      coalesce((SELECT sum(qty) FROM sale_line_lots WHERE lot_id = l.id), 0) AS sold,
      coalesce((SELECT sum(qty) FROM refund_line_lots WHERE lot_id = l.id AND restocked = 1), 0) AS restocked,
      coalesce((SELECT sum(qty) FROM return_lines WHERE lot_id = l.id), 0) AS returned,
      coalesce((SELECT sum(delta) FROM stock_adjustments WHERE lot_id = l.id), 0) AS adjusted
    FROM lots l
    JOIN products p ON p.id = l.product_id
    LEFT JOIN intakes i ON i.id = l.intake_id
    WHERE (${where.productId ?? null} IS NULL OR l.product_id = ${where.productId ?? null})
      AND (${where.supplierId ?? null} IS NULL OR l.supplier_id = ${where.supplierId ?? null})
      AND (${where.onlyInStock ? 1 : 0} = 0 OR l.remaining_qty > 0)
    ORDER BY l.id DESC`);
  return rows.map((r) => {
    const lot = { termsType: r.terms_type, supplierPrice: r.supplier_price, commissionBps: r.commission_bps, sellPrice: r.sell_price };
    return {
      id: r.id,
      productId: r.product_id,
      intakeId: r.intake_id,
      intakeNumber: r.intake_number,
      supplierId: r.supplier_id,
      ...lotTotals(r),
      expiryDate: r.expiry_date,
      expired: r.expiry_date !== null && r.expiry_date < today,
      terms: termsOf(lot),
      sellPrice: r.sell_price,
      termsDiffer:
        r.terms_type !== r.p_terms_type ||
        r.supplier_price !== r.p_supplier_price ||
        r.commission_bps !== r.p_commission_bps ||
        r.sell_price !== r.p_sell_price,
      value: valueAtTerms(lot, r.remaining_qty),
      createdAt: r.created_at,
    };
  });
}
