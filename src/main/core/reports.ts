// Over 350 lines on purpose: one pure read per report over the same rows and helpers; a split by
// report family is possible but touches the report worker's registry (left for a later change).
/**
 * Reports (issue 8): pure reads over sales, refunds, lots and the supplier
 * ledger. Every figure is recomputed from the stored rows, so it agrees
 * with the ledger and the sales to the rupiah.
 *
 * Sales figures of a period = what was sold on the period's business days
 * (`sales.business_date`) less what was refunded on the period's business
 * days (`refunds.business_date`, voids included). A refund is attributed to
 * the refunded sale line's product, lot supplier (and district), the sale's
 * cashier and the sale's local hour. Money comes from the stored lot
 * portions (`sale_line_lots`, `refund_line_lots`): net amount, supplier
 * share, shop share. `transactions` counts completed (not voided) sales.
 *
 * The heavy queries are exported as SQL builders so
 * test/core/reports-plan.test.ts can EXPLAIN QUERY PLAN them.
 */
import { TZDate } from '@date-fns/tz';
import { sql, type SQL } from 'drizzle-orm';
import { divRoundHalfUp, type Rupiah } from '../../shared/money';
import { PAYMENT_METHODS, type PaymentMethod } from '../../shared/printer';
import type {
  AgingAmounts,
  AgingBucket,
  AgingRow,
  CashierKey,
  CategoryKey,
  ConsignmentAging,
  Dashboard,
  DistrictKey,
  HourKey,
  LowStockReport,
  OfficeDistrictRow,
  OfficeFigures,
  OfficeReport,
  OfficeSupplierRow,
  PayoutMonth,
  PayoutsByMonth,
  PeriodSummary,
  ProductKey,
  SalesFigures,
  SalesReport,
  SlowMoversReport,
  StockReport,
  StockReportRow,
  SupplierKey,
} from '../../shared/types-reports';
import { listProducts } from './catalog';
import { businessDate } from './clock';
import type { Ctx } from './context';
import { nearExpiry, slowMoving } from './expiry';
import { supplierBalances } from './ledger';
import { getSetting } from './settings';
import { addDaysToDate, daysBetween, valueAtTerms } from './stock-value';

export interface DateRange {
  from: string;
  to: string;
}

/** What a sales report groups by. `bucket` = 15-minute UTC bucket of the sale (mapped to the local hour in JS). */
export type SalesDimension = 'supplier' | 'product' | 'category' | 'district' | 'cashier' | 'bucket' | 'day' | 'total';

const BUCKET_MS = 900_000;

function keyOf(dim: SalesDimension, side: 'sale' | 'refund'): SQL {
  switch (dim) {
    case 'supplier':
      return sql`l.supplier_id`;
    case 'product':
      return sql`sl.product_id`;
    case 'category':
      return sql`p.category`;
    case 'district':
      return sql`s.district`;
    case 'cashier':
      return sql`x.cashier_id`;
    case 'bucket':
      return sql`x.created_at / ${BUCKET_MS}`;
    case 'day':
      return side === 'sale' ? sql`x.business_date` : sql`r.business_date`;
    case 'total':
      return sql`0`;
  }
}

const joinsOf = (dim: SalesDimension): SQL =>
  dim === 'category'
    ? sql` JOIN products p ON p.id = sl.product_id`
    : dim === 'district'
      ? sql` LEFT JOIN suppliers s ON s.id = l.supplier_id`
      : sql``;

/**
 * Units and money sold on the business days of `range`, grouped by `dim`:
 * sales by date (index `sales_date_idx`) → lines → lot portions → lots.
 */
export function salesFactsSql(dim: SalesDimension, range: DateRange, supplierId?: number): SQL {
  const bySupplier = supplierId === undefined ? sql`` : sql` AND l.supplier_id = ${supplierId}`;
  return sql`
    SELECT ${keyOf(dim, 'sale')} AS k, sum(sll.qty) AS units, sum(sll.net_amount) AS gross,
      sum(sll.supplier_share) AS supplier_share, sum(sll.shop_share) AS shop_share,
      count(DISTINCT CASE WHEN x.status = 'completed' THEN x.id END) AS tx${dim === 'district' ? sql`, count(DISTINCT l.supplier_id) AS suppliers` : sql``}
    FROM sales x
    CROSS JOIN sale_lines sl ON sl.sale_id = x.id
    CROSS JOIN sale_line_lots sll ON sll.sale_line_id = sl.id
    CROSS JOIN lots l ON l.id = sll.lot_id${joinsOf(dim)}
    WHERE x.business_date BETWEEN ${range.from} AND ${range.to}${bySupplier}
    GROUP BY k`;
}

/** Units and money refunded on the business days of `range` (index `refunds_date_idx`), grouped like the sales. */
export function refundFactsSql(dim: SalesDimension, range: DateRange, supplierId?: number): SQL {
  const bySupplier = supplierId === undefined ? sql`` : sql` AND l.supplier_id = ${supplierId}`;
  return sql`
    SELECT ${keyOf(dim, 'refund')} AS k, sum(rll.qty) AS units, sum(rll.net_amount) AS gross,
      sum(rll.supplier_share) AS supplier_share, sum(rll.shop_share) AS shop_share, 0 AS tx
    FROM refunds r
    CROSS JOIN refund_lines rl ON rl.refund_id = r.id
    CROSS JOIN refund_line_lots rll ON rll.refund_line_id = rl.id
    CROSS JOIN sale_lines sl ON sl.id = rl.sale_line_id
    CROSS JOIN sales x ON x.id = sl.sale_id
    CROSS JOIN lots l ON l.id = rll.lot_id${joinsOf(dim)}
    WHERE r.business_date BETWEEN ${range.from} AND ${range.to}${bySupplier}
    GROUP BY k`;
}

interface FactRow {
  k: string | number | null;
  /** District facts only: suppliers with a sale line in the period. */
  suppliers?: number;
  units: number;
  gross: number;
  supplier_share: number;
  shop_share: number;
  tx: number;
}

const zeroFigures = (): SalesFigures => ({ units: 0, gross: 0, supplierShare: 0, shopShare: 0, transactions: 0, refunds: 0 });

function addFigures(a: SalesFigures, b: SalesFigures): SalesFigures {
  return {
    units: a.units + b.units,
    gross: a.gross + b.gross,
    supplierShare: a.supplierShare + b.supplierShare,
    shopShare: a.shopShare + b.shopShare,
    transactions: a.transactions + b.transactions,
    refunds: a.refunds + b.refunds,
  };
}

/** Sales less refunds per key (`null` keys kept); `transactions` (and `suppliers`) from the sales side only. */
export function salesFacts(
  ctx: Ctx,
  dim: SalesDimension,
  range: DateRange,
  supplierId?: number,
): Map<string | number | null, SalesFigures & { suppliers?: number }> {
  const out = new Map<string | number | null, SalesFigures & { suppliers?: number }>();
  for (const r of ctx.db.all<FactRow>(salesFactsSql(dim, range, supplierId))) {
    out.set(r.k, {
      units: r.units,
      gross: r.gross,
      supplierShare: r.supplier_share,
      shopShare: r.shop_share,
      transactions: r.tx,
      refunds: 0,
      ...(r.suppliers === undefined ? {} : { suppliers: r.suppliers }),
    });
  }
  for (const r of ctx.db.all<FactRow>(refundFactsSql(dim, range, supplierId))) {
    const f = out.get(r.k) ?? zeroFigures();
    out.set(r.k, {
      ...f,
      units: f.units - r.units,
      gross: f.gross - r.gross,
      supplierShare: f.supplierShare - r.supplier_share,
      shopShare: f.shopShare - r.shop_share,
      transactions: f.transactions,
      refunds: f.refunds + r.gross,
    });
  }
  return out;
}

/**
 * Transactions of the whole period: distinct completed sales (a sale with
 * lines of two suppliers is one transaction in the totals, one in each row).
 */
function periodTransactions(ctx: Ctx, range: DateRange, supplierId?: number): number {
  if (supplierId === undefined) {
    // The daily count kept beside the supplier summary (supplier_id -1, drizzle/0014), not a scan of the period's sales.
    return ctx.db.get<{ n: number }>(sql`
      SELECT coalesce(sum(transactions), 0) AS n FROM supplier_day_sales
      WHERE supplier_id = -1 AND business_date BETWEEN ${range.from} AND ${range.to}`)!.n;
  }
  return ctx.db.all<FactRow>(salesFactsSql('total', range, supplierId))[0]?.tx ?? 0;
}

function report<R>(ctx: Ctx, range: DateRange, rows: (R & SalesFigures)[], supplierId?: number): SalesReport<R> {
  const totals = rows.reduce<SalesFigures>((t, r) => addFigures(t, r), zeroFigures());
  totals.transactions = periodTransactions(ctx, range, supplierId);
  return { from: range.from, to: range.to, rows, totals };
}

const byGross = <T extends SalesFigures>(a: T, b: T) => b.gross - a.gross || b.units - a.units;
const nonEmpty = (f: SalesFigures) => f.units !== 0 || f.gross !== 0 || f.transactions !== 0 || f.refunds !== 0;

interface SupplierInfo {
  id: number;
  code: string;
  name: string;
  owner_name: string | null;
  district: string | null;
  active: number;
  created_at: number;
}

function supplierMap(ctx: Ctx): Map<number, SupplierInfo> {
  const rows = ctx.db.all<SupplierInfo>(sql`SELECT id, code, name, owner_name, district, active, created_at FROM suppliers`);
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Sales less refunds per supplier from the daily summary `supplier_day_sales`
 * (drizzle/0014: kept by triggers in the sale's, refund's and void's
 * transaction): the same figures as `salesFacts(ctx, 'supplier', range)`
 * (test/core/supplier-day-property.test.ts), read from one row per supplier
 * and day instead of every sale line of the period.
 */
export function supplierFactsFromSummary(ctx: Ctx, range: DateRange): Map<number | null, SalesFigures> {
  const rows = ctx.db.all<FactRow & { refunds: number }>(sql`
    SELECT nullif(supplier_id, 0) AS k, sum(units) AS units, sum(gross) AS gross, sum(supplier_share) AS supplier_share,
      sum(shop_share) AS shop_share, sum(transactions) AS tx, sum(refunds) AS refunds
    FROM supplier_day_sales WHERE business_date BETWEEN ${range.from} AND ${range.to} AND supplier_id >= 0
    GROUP BY supplier_id`);
  return new Map(
    rows.map((r) => [
      r.k === null ? null : Number(r.k),
      { units: r.units, gross: r.gross, supplierShare: r.supplier_share, shopShare: r.shop_share, transactions: r.tx, refunds: r.refunds },
    ]),
  );
}

function supplierRows(ctx: Ctx, range: DateRange): (SupplierKey & SalesFigures)[] {
  const suppliers = supplierMap(ctx);
  return [...supplierFactsFromSummary(ctx, range)]
    .filter(([, f]) => nonEmpty(f))
    .map(([k, f]) => {
      const s = k === null ? undefined : suppliers.get(Number(k));
      return {
        supplierId: s?.id ?? null,
        supplierCode: s?.code ?? null,
        supplierName: s?.name ?? null,
        district: s?.district ?? null,
        ...f,
      };
    })
    .sort((a, b) => byGross(a, b) || (a.supplierCode ?? '').localeCompare(b.supplierCode ?? ''));
}

export function salesBySupplier(ctx: Ctx, range: DateRange): SalesReport<SupplierKey> {
  return report(ctx, range, supplierRows(ctx, range));
}

function productRows(ctx: Ctx, range: DateRange, supplierId?: number): (ProductKey & SalesFigures)[] {
  const facts = salesFacts(ctx, 'product', range, supplierId);
  const products = new Map(
    ctx.db
      .all<{ id: number; sku: string; name: string; category: string | null; supplier_id: number | null; supplier_name: string | null }>(sql`
        SELECT p.id, p.sku, p.name, p.category, p.supplier_id, s.name AS supplier_name
        FROM products p LEFT JOIN suppliers s ON s.id = p.supplier_id`)
      .map((p) => [p.id, p]),
  );
  return [...facts]
    .filter(([, f]) => nonEmpty(f))
    .map(([k, f]) => {
      const p = products.get(Number(k))!;
      return { productId: p.id, sku: p.sku, name: p.name, category: p.category, supplierId: p.supplier_id, supplierName: p.supplier_name, ...f };
    })
    .sort((a, b) => byGross(a, b) || a.name.localeCompare(b.name) || a.productId - b.productId);
}

export function salesByProduct(ctx: Ctx, input: DateRange & { supplierId?: number }): SalesReport<ProductKey> {
  return report(ctx, input, productRows(ctx, input, input.supplierId), input.supplierId);
}

export function salesByCategory(ctx: Ctx, range: DateRange): SalesReport<CategoryKey> {
  const rows = [...salesFacts(ctx, 'category', range)]
    .filter(([, f]) => nonEmpty(f))
    .map(([k, f]) => ({ category: k === null ? null : String(k), ...f }))
    .sort((a, b) => byGross(a, b) || (a.category ?? '\uffff').localeCompare(b.category ?? '\uffff'));
  return report(ctx, range, rows);
}

/** `suppliers`: suppliers of the district with a sale line on the period's days. */
export function salesByDistrict(ctx: Ctx, range: DateRange): SalesReport<DistrictKey> {
  const rows = [...salesFacts(ctx, 'district', range)]
    .filter(([, f]) => nonEmpty(f))
    .map(([k, { suppliers, ...f }]) => ({ district: k === null ? null : String(k), suppliers: suppliers ?? 0, ...f }))
    .sort((a, b) => byGross(a, b) || (a.district ?? '\uffff').localeCompare(b.district ?? '\uffff'));
  return report(ctx, range, rows);
}

export function salesByCashier(ctx: Ctx, range: DateRange): SalesReport<CashierKey> {
  const names = new Map(ctx.db.all<{ id: number; name: string }>(sql`SELECT id, name FROM users`).map((u) => [u.id, u.name]));
  const rows = [...salesFacts(ctx, 'cashier', range)]
    .filter(([, f]) => nonEmpty(f))
    .map(([k, f]) => ({ cashierId: Number(k), cashierName: names.get(Number(k)) ?? `#${k}`, ...f }))
    .sort((a, b) => byGross(a, b) || a.cashierName.localeCompare(b.cashierName));
  return report(ctx, range, rows);
}

/** Local hour 0–23 of a UTC instant in the shop's zone. */
export function localHour(utcMillis: number, timeZone: string): number {
  return new TZDate(utcMillis, timeZone).getHours();
}

/** Every hour 0–23, in order, zeros included. */
export function salesByHour(ctx: Ctx, range: DateRange): SalesReport<HourKey> {
  const tz = getSetting(ctx.db, 'timeZone');
  const hours = Array.from({ length: 24 }, (_, hour) => ({ hour, ...zeroFigures() }));
  for (const [k, f] of salesFacts(ctx, 'bucket', range)) {
    const h = hours[localHour(Number(k) * BUCKET_MS, tz)]!;
    Object.assign(h, addFigures(h, f));
  }
  // A sale is in exactly one bucket, so per-hour transaction counts add up.
  return report(ctx, range, hours);
}

// --- dashboard ---

function today(ctx: Ctx): string {
  return businessDate(ctx.clock.now(), getSetting(ctx.db, 'timeZone'));
}

/** Last day of the month of `day`. */
export function monthEnd(day: string): string {
  const [y, m] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m!, 0)).toISOString().slice(0, 10);
}

/** The dashboard's queries over a date range (sales by `sales_date_idx`, refunds by `refunds_date_idx`). */
export const summarySql = {
  sales: (range: DateRange) => sql`
    SELECT coalesce(sum(x.total), 0) AS total, count(CASE WHEN x.status = 'completed' THEN 1 END) AS n, coalesce(sum(x.change), 0) AS change
    FROM sales x WHERE x.business_date BETWEEN ${range.from} AND ${range.to}`,
  refunds: (range: DateRange) => sql`
    SELECT coalesce(sum(r.total), 0) AS total FROM refunds r WHERE r.business_date BETWEEN ${range.from} AND ${range.to}`,
  paymentsIn: (range: DateRange) => sql`
    SELECT p.method, sum(p.amount) AS amount FROM sales x CROSS JOIN payments p ON p.sale_id = x.id
    WHERE x.business_date BETWEEN ${range.from} AND ${range.to} GROUP BY p.method`,
  paymentsOut: (range: DateRange) => sql`
    SELECT rp.method, sum(rp.amount) AS amount FROM refunds r CROSS JOIN refund_payments rp ON rp.refund_id = r.id
    WHERE r.business_date BETWEEN ${range.from} AND ${range.to} GROUP BY rp.method`,
  salesByDay: (range: DateRange) => sql`
    SELECT x.business_date AS d, sum(x.total) AS total, count(CASE WHEN x.status = 'completed' THEN 1 END) AS n
    FROM sales x WHERE x.business_date BETWEEN ${range.from} AND ${range.to} GROUP BY x.business_date`,
  refundsByDay: (range: DateRange) => sql`
    SELECT r.business_date AS d, sum(r.total) AS total FROM refunds r
    WHERE r.business_date BETWEEN ${range.from} AND ${range.to} GROUP BY r.business_date`,
};

export function periodSummary(ctx: Ctx, range: DateRange): PeriodSummary {
  const s = ctx.db.get<{ total: number; n: number; change: number }>(summarySql.sales(range))!;
  const r = ctx.db.get<{ total: number }>(summarySql.refunds(range))!;
  const taken = ctx.db.all<{ method: PaymentMethod; amount: number }>(summarySql.paymentsIn(range));
  const given = ctx.db.all<{ method: PaymentMethod; amount: number }>(summarySql.paymentsOut(range));
  const byMethod = PAYMENT_METHODS.map((method) => {
    const inn = taken.find((t) => t.method === method)?.amount ?? 0;
    const out = given.find((t) => t.method === method)?.amount ?? 0;
    return { method, amount: inn - (method === 'cash' ? s.change : 0) - out, seen: inn > 0 || out > 0 };
  })
    .filter((m) => m.seen)
    .map(({ method, amount }) => ({ method, amount }));
  const sales = s.total - r.total;
  return {
    from: range.from,
    to: range.to,
    sales,
    transactions: s.n,
    averageBasket: s.n === 0 ? 0 : divRoundHalfUp(sales, s.n),
    byMethod,
  };
}

export function dailySeries(ctx: Ctx, range: DateRange): Dashboard['daily'] {
  const sold = new Map(ctx.db.all<{ d: string; total: number; n: number }>(summarySql.salesByDay(range)).map((x) => [x.d, x]));
  const back = new Map(ctx.db.all<{ d: string; total: number }>(summarySql.refundsByDay(range)).map((x) => [x.d, x]));
  const out: Dashboard['daily'] = [];
  for (let d = range.from; d <= range.to; d = addDaysToDate(d, 1)) {
    out.push({ date: d, sales: (sold.get(d)?.total ?? 0) - (back.get(d)?.total ?? 0), transactions: sold.get(d)?.n ?? 0 });
  }
  return out;
}

export function dashboard(ctx: Ctx): Dashboard {
  const day = today(ctx);
  const month = { from: `${day.slice(0, 7)}-01`, to: monthEnd(day) };
  const balances = supplierBalances(ctx, {}).filter((b) => b.balance > 0);
  return {
    today: periodSummary(ctx, { from: day, to: day }),
    month: periodSummary(ctx, month),
    daily: dailySeries(ctx, { from: addDaysToDate(day, -29), to: day }),
    // Best sellers: what sold at least one unit net (a sale refunded in full is no best seller).
    topProducts: productRows(ctx, month).filter((r) => r.units > 0).slice(0, 10),
    topSuppliers: supplierRows(ctx, month).filter((r) => r.units > 0).slice(0, 10),
    nearExpiryCount: nearExpiry(ctx, { days: 30 }).length,
    suppliersOwed: balances.length,
    totalOwed: balances.reduce((n, b) => n + b.balance, 0),
  };
}

// --- stock ---

export function stockReport(ctx: Ctx, input: { supplierId?: number }): StockReport {
  const supplierId = input.supplierId ?? null;
  const lots = ctx.db.all<{
    product_id: number;
    supplier_id: number | null;
    code: string | null;
    name: string | null;
    district: string | null;
    remaining_qty: number;
    terms_type: 'fixed' | 'commission';
    supplier_price: number | null;
    commission_bps: number | null;
    sell_price: number;
  }>(sql`
    SELECT l.product_id, l.supplier_id, s.code, s.name, s.district, l.remaining_qty, l.terms_type, l.supplier_price,
      l.commission_bps, l.sell_price
    FROM lots l LEFT JOIN suppliers s ON s.id = l.supplier_id
    WHERE l.remaining_qty > 0 AND (${supplierId} IS NULL OR l.supplier_id = ${supplierId})`);
  const rows = new Map<number | null, StockReportRow & { productIds: Set<number> }>();
  for (const l of lots) {
    let row = rows.get(l.supplier_id);
    if (!row) {
      row = {
        supplierId: l.supplier_id,
        supplierCode: l.code,
        supplierName: l.name,
        district: l.district,
        products: 0,
        lots: 0,
        qty: 0,
        valueAtTerms: 0,
        valueAtSell: 0,
        productIds: new Set(),
      };
      rows.set(l.supplier_id, row);
    }
    row.productIds.add(l.product_id);
    row.lots += 1;
    row.qty += l.remaining_qty;
    row.valueAtTerms += valueAtTerms(
      { termsType: l.terms_type, supplierPrice: l.supplier_price, commissionBps: l.commission_bps, sellPrice: l.sell_price },
      l.remaining_qty,
    );
    row.valueAtSell += l.sell_price * l.remaining_qty;
  }
  const out = [...rows.values()]
    .map(({ productIds, ...r }) => ({ ...r, products: productIds.size }))
    .sort((a, b) => (a.supplierCode ?? '\uffff').localeCompare(b.supplierCode ?? '\uffff'));
  const totals = out.reduce(
    (t, r) => ({
      products: t.products + r.products,
      lots: t.lots + r.lots,
      qty: t.qty + r.qty,
      valueAtTerms: t.valueAtTerms + r.valueAtTerms,
      valueAtSell: t.valueAtSell + r.valueAtSell,
    }),
    { products: 0, lots: 0, qty: 0, valueAtTerms: 0, valueAtSell: 0 },
  );
  return { rows: out, totals };
}

export function slowMovers(ctx: Ctx, input: { days: number }): SlowMoversReport {
  return slowMoving(ctx, { days: input.days });
}

/** Active products with a minimum stock set and sellable stock at or below it (as `products.list {lowStock}`). */
export function lowStock(ctx: Ctx): LowStockReport {
  return listProducts(ctx, { lowStock: true, limit: 100_000 });
}

// --- consignment ---

/**
 * Ledger entries unsettled at the end of `asOf`, per supplier and day. Only
 * entries not held by a settlement now (index `ledger_unsettled_idx`) or
 * held by a live settlement paid after `asOf` (via `settlements_date_idx`)
 * can be; of those, the ones a settlement paid by `asOf` and voided only
 * after it (`voided_at ≥ asOfEndsAt`, the next local midnight) held at the
 * time are left out. So the sum is `ledger.balances {asOf}` exactly.
 */
export function unsettledEntriesSql(asOf: string, asOfEndsAt: number): SQL {
  const heldThen = sql`NOT EXISTS (
      SELECT 1 FROM settlement_entries se CROSS JOIN settlements v ON v.id = se.settlement_id
      WHERE se.ledger_entry_id = e.id AND v.business_date <= ${asOf} AND v.voided_at >= ${asOfEndsAt})`;
  return sql`
    SELECT e.supplier_id AS supplier_id, e.business_date AS d, sum(e.amount) AS amount
    FROM ledger_entries e
    WHERE e.settlement_id IS NULL AND e.business_date <= ${asOf} AND e.kind <> 'payout' AND ${heldThen}
    GROUP BY e.supplier_id, e.business_date
    UNION ALL
    SELECT e.supplier_id AS supplier_id, e.business_date AS d, sum(e.amount) AS amount
    FROM settlements st CROSS JOIN ledger_entries e ON e.settlement_id = st.id
    WHERE st.business_date > ${asOf} AND st.voided_at IS NULL AND e.business_date <= ${asOf} AND e.kind <> 'payout' AND ${heldThen}
    GROUP BY e.supplier_id, e.business_date`;
}

/** UTC ms of the local midnight that ends business day `day`. */
export function dayEndsAt(day: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new TZDate(y!, m! - 1, d! + 1, timeZone).getTime();
}

export function agingBucket(days: number): AgingBucket {
  return days <= 30 ? 'd0_30' : days <= 60 ? 'd31_60' : days <= 90 ? 'd61_90' : 'd90plus';
}

const zeroAging = (): AgingAmounts => ({ d0_30: 0, d31_60: 0, d61_90: 0, d90plus: 0 });

/** Balance owed per supplier at the end of `asOf` (= `ledger.balances {asOf}`), with aging. */
export function consignmentAging(ctx: Ctx, input: { asOf?: string }): ConsignmentAging {
  const asOf = input.asOf ?? today(ctx);
  const suppliers = supplierMap(ctx);
  const bySupplier = new Map<number, AgingRow>();
  const endsAt = dayEndsAt(asOf, getSetting(ctx.db, 'timeZone'));
  const rows = ctx.db.all<{ supplier_id: number; d: string; amount: number }>(unsettledEntriesSql(asOf, endsAt));
  for (const r of rows) {
    const s = suppliers.get(r.supplier_id)!;
    let row = bySupplier.get(r.supplier_id);
    if (!row) {
      row = {
        supplierId: s.id,
        supplierCode: s.code,
        supplierName: s.name,
        district: s.district,
        balance: 0,
        oldestEntryDate: r.d,
        ageDays: 0,
        bucket: 'd0_30',
        amounts: zeroAging(),
      };
      bySupplier.set(r.supplier_id, row);
    }
    row.balance += r.amount;
    if (r.d < row.oldestEntryDate) row.oldestEntryDate = r.d;
    row.amounts[agingBucket(daysBetween(r.d, asOf))] += r.amount;
  }
  const out = [...bySupplier.values()]
    .filter((r) => r.balance !== 0 || Object.values(r.amounts).some((a) => a !== 0))
    .map((r) => {
      const ageDays = daysBetween(r.oldestEntryDate, asOf);
      return { ...r, ageDays, bucket: agingBucket(ageDays) };
    })
    .sort((a, b) => b.ageDays - a.ageDays || a.supplierCode.localeCompare(b.supplierCode));
  const totals = { balance: 0, byOldest: zeroAging(), amounts: zeroAging() };
  for (const r of out) {
    totals.balance += r.balance;
    totals.byOldest[r.bucket] += r.balance;
    for (const k of Object.keys(r.amounts) as AgingBucket[]) totals.amounts[k] += r.amounts[k];
  }
  return { asOf, rows: out, totals };
}

/** Payout entries (−paid, +reversal when voided) of business days in `range` (index `ledger_kind_date_idx`). */
export function payoutsSql(range: DateRange, groupBy: 'month' | 'supplier'): SQL {
  const key = groupBy === 'month' ? sql`substr(e.business_date, 1, 7)` : sql`e.supplier_id`;
  return sql`
    SELECT ${key} AS k, count(CASE WHEN e.amount < 0 THEN 1 END) AS n,
      count(DISTINCT CASE WHEN e.amount < 0 THEN e.supplier_id END) AS suppliers,
      coalesce(sum(CASE WHEN e.amount < 0 THEN -e.amount ELSE 0 END), 0) AS paid,
      coalesce(sum(CASE WHEN e.amount > 0 THEN e.amount ELSE 0 END), 0) AS voided
    FROM ledger_entries e
    WHERE e.kind = 'payout' AND e.business_date BETWEEN ${range.from} AND ${range.to}
    GROUP BY k`;
}

interface PayoutRow {
  k: string | number;
  n: number;
  suppliers: number;
  paid: number;
  voided: number;
}

export function payoutsByMonth(ctx: Ctx, input: { year: number }): PayoutsByMonth {
  const rows = ctx.db.all<PayoutRow>(payoutsSql({ from: `${input.year}-01-01`, to: `${input.year}-12-31` }, 'month'));
  const months: PayoutMonth[] = Array.from({ length: 12 }, (_, i) => {
    const month = `${input.year}-${String(i + 1).padStart(2, '0')}`;
    const r = rows.find((x) => x.k === month);
    const paid = r?.paid ?? 0;
    const voided = r?.voided ?? 0;
    return { month, settlements: r?.n ?? 0, suppliers: r?.suppliers ?? 0, paid, voided, net: paid - voided };
  });
  const totals = months.reduce(
    (t, m) => ({ settlements: t.settlements + m.settlements, paid: t.paid + m.paid, voided: t.voided + m.voided, net: t.net + m.net }),
    { settlements: 0, paid: 0, voided: 0, net: 0 },
  );
  return { year: input.year, months, totals };
}

// --- the office report (laporan UMKM) ---

const zeroOffice = (): OfficeFigures => ({ units: 0, gross: 0, supplierShare: 0, shopShare: 0, paidOut: 0 });

function addOffice<T extends OfficeFigures>(t: T, r: OfficeFigures): void {
  t.units += r.units;
  t.gross += r.gross;
  t.supplierShare += r.supplierShare;
  t.shopShare += r.shopShare;
  t.paidOut += r.paidOut;
}

/**
 * Per month, per supplier and per district: consigned goods only (shop-owned
 * goods have no supplier). A supplier is active in the month when it is
 * active now and was registered before the month ended; it has sales when
 * its units sold (net of refunds) are above zero. Paid out = payouts of the
 * month less payouts voided in the month.
 */
export function officeReport(ctx: Ctx, input: { month: string }): OfficeReport {
  const from = `${input.month}-01`;
  const to = monthEnd(from);
  const tz = getSetting(ctx.db, 'timeZone');
  const [y, m] = input.month.split('-').map(Number);
  const monthEndsAt = new TZDate(y!, m!, 1, tz).getTime();
  const facts = salesFacts(ctx, 'supplier', { from, to });
  const paid = new Map(ctx.db.all<PayoutRow>(payoutsSql({ from, to }, 'supplier')).map((r) => [Number(r.k), r.paid - r.voided]));
  const suppliers: OfficeSupplierRow[] = [];
  for (const s of supplierMap(ctx).values()) {
    const f = facts.get(s.id) ?? zeroFigures();
    const active = s.active === 1 && s.created_at < monthEndsAt;
    const paidOut = paid.get(s.id) ?? 0;
    if (!active && !nonEmpty(f) && paidOut === 0) continue;
    suppliers.push({
      supplierId: s.id,
      supplierCode: s.code,
      supplierName: s.name,
      ownerName: s.owner_name,
      district: s.district,
      active,
      hasSales: f.units > 0,
      units: f.units,
      gross: f.gross,
      supplierShare: f.supplierShare,
      shopShare: f.shopShare,
      paidOut,
    });
  }
  const districtOrder = (d: string | null) => d ?? '\uffff';
  suppliers.sort((a, b) => districtOrder(a.district).localeCompare(districtOrder(b.district)) || a.supplierName.localeCompare(b.supplierName));
  const districts = new Map<string | null, OfficeDistrictRow>();
  const totals = { ...zeroOffice(), activeSuppliers: 0, suppliersWithSales: 0 };
  for (const s of suppliers) {
    let d = districts.get(s.district);
    if (!d) {
      d = { district: s.district, activeSuppliers: 0, suppliersWithSales: 0, ...zeroOffice() };
      districts.set(s.district, d);
    }
    for (const t of [d, totals]) {
      if (s.active) t.activeSuppliers += 1;
      if (s.hasSales) t.suppliersWithSales += 1;
      addOffice(t, s);
    }
  }
  return { month: input.month, from, to, districts: [...districts.values()], suppliers, totals };
}
