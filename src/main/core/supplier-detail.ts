/**
 * The supplier page and the supplier list of the back office: what the
 * shop owes each supplier (Σ of their ledger entries), what of theirs is on
 * the shelf valued at the terms of each lot, what sold, and their recent
 * intakes and returns.
 */
import { sql } from 'drizzle-orm';
import type { Rupiah } from '../../shared/money';
import type { StockSummary, SupplierDetail, SupplierOverview } from '../../shared/types-backoffice';
import type { Ctx } from './context';
import { businessDate } from './clock';
import { getSetting } from './settings';
import { listProducts } from './catalog';
import { listReturns } from './returns';
import { listIntakes } from './stock';
import { listSuppliers, requireSupplier } from './suppliers';
import { valueAtTerms, type LotStockRow } from './stock-value';

interface StockLot extends LotStockRow {
  supplier_id: number;
}

function stockLots(ctx: Ctx, supplierId: number | null): StockLot[] {
  return ctx.db.all<StockLot>(sql`
    SELECT supplier_id, remaining_qty, expiry_date, terms_type, supplier_price, commission_bps, sell_price
    FROM lots WHERE remaining_qty > 0 AND supplier_id IS NOT NULL
      AND (${supplierId} IS NULL OR supplier_id = ${supplierId})`);
}

function summarise(lots: StockLot[], today: string): StockSummary {
  const out: StockSummary = { qty: 0, expiredQty: 0, lots: 0, value: 0, sellValue: 0 };
  for (const l of lots) {
    const terms = { termsType: l.terms_type, supplierPrice: l.supplier_price, commissionBps: l.commission_bps, sellPrice: l.sell_price };
    out.qty += l.remaining_qty;
    if (l.expiry_date !== null && l.expiry_date < today) out.expiredQty += l.remaining_qty;
    out.lots += 1;
    out.value += valueAtTerms(terms, l.remaining_qty);
    out.sellValue += l.sell_price * l.remaining_qty;
  }
  return out;
}

export function supplierBalance(ctx: Ctx, supplierId: number): Rupiah {
  const row = ctx.db.get<{ balance: number }>(
    sql`SELECT coalesce(sum(amount), 0) AS balance FROM ledger_entries WHERE supplier_id = ${supplierId}`,
  );
  return row.balance;
}

export function supplierDetail(ctx: Ctx, id: number): SupplierDetail {
  const supplier = requireSupplier(ctx, id);
  const today = businessDate(ctx.clock.now(), getSetting(ctx.db, 'timeZone'));
  const sold = ctx.db.all<{ product_id: number; name: string; qty: number; net: number; share: number; last_sold_at: number }>(sql`
    SELECT l.product_id, p.name, sum(sll.qty) AS qty, sum(sll.net_amount) AS net, sum(sll.supplier_share) AS share,
      max(s.created_at) AS last_sold_at
    FROM sale_line_lots sll
    JOIN lots l ON l.id = sll.lot_id
    JOIN products p ON p.id = l.product_id
    JOIN sale_lines sl ON sl.id = sll.sale_line_id
    JOIN sales s ON s.id = sl.sale_id
    WHERE l.supplier_id = ${id}
    GROUP BY l.product_id, p.name
    ORDER BY qty DESC, p.name`);
  return {
    supplier,
    balance: supplierBalance(ctx, id),
    stock: summarise(stockLots(ctx, id), today),
    products: listProducts(ctx, { supplierId: id, includeInactive: true }),
    recentIntakes: listIntakes(ctx, { supplierId: id, limit: 10 }),
    recentReturns: listReturns(ctx, { supplierId: id, limit: 10 }),
    sold: {
      qty: sold.reduce((n, r) => n + r.qty, 0),
      netAmount: sold.reduce((n, r) => n + r.net, 0),
      supplierShare: sold.reduce((n, r) => n + r.share, 0),
      products: sold.map((r) => ({
        productId: r.product_id,
        name: r.name,
        qty: r.qty,
        netAmount: r.net,
        supplierShare: r.share,
        lastSoldAt: r.last_sold_at,
      })),
    },
  };
}

/** Every supplier with balance owed, product count and stock at their terms. */
export function supplierOverview(ctx: Ctx, input: { query?: string; includeInactive?: boolean }): SupplierOverview[] {
  const today = businessDate(ctx.clock.now(), getSetting(ctx.db, 'timeZone'));
  const balances = new Map(
    ctx.db
      .all<{ supplier_id: number; balance: number }>(sql`SELECT supplier_id, sum(amount) AS balance FROM ledger_entries GROUP BY supplier_id`)
      .map((r) => [r.supplier_id, r.balance]),
  );
  const productCounts = new Map(
    ctx.db
      .all<{ supplier_id: number; n: number }>(sql`SELECT supplier_id, count(*) AS n FROM products WHERE active = 1 AND supplier_id IS NOT NULL GROUP BY supplier_id`)
      .map((r) => [r.supplier_id, r.n]),
  );
  const lotsBySupplier = new Map<number, StockLot[]>();
  for (const l of stockLots(ctx, null)) {
    const list = lotsBySupplier.get(l.supplier_id) ?? [];
    list.push(l);
    lotsBySupplier.set(l.supplier_id, list);
  }
  return listSuppliers(ctx, input).map((s) => {
    const stock = summarise(lotsBySupplier.get(s.id) ?? [], today);
    return {
      ...s,
      balance: balances.get(s.id) ?? 0,
      productCount: productCounts.get(s.id) ?? 0,
      stockQty: stock.qty,
      stockValue: stock.value,
    };
  });
}
