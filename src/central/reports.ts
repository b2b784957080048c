/**
 * The province office's reports over the central PostgreSQL (issue 20): read
 * only, from central.facts and the views of drizzle-central/0005_office.sql,
 * each query made for one of its indexes. Money is integer rupiah; periods are
 * business days `YYYY-MM-DD` (inclusive); "sales" are goods sold net of
 * refunds (sale_item − refund_item net amounts), as the shop's own reports.
 *
 * Period figures of sales read central.sales_daily (kept up to date by a
 * trigger on every forwarded batch); the category is the product's when the
 * sale arrived.
 *
 * A supplier is counted across outlets by its UMKM key (central.outlet_suppliers):
 * a hand link made by the office, else `NIB <nib>`, else `<outlet> <supplier code>`.
 */
import type pg from 'pg';

export type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.Client, 'query'>;

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

async function rows<T>(db: Queryable, text: string, params: unknown[] = []): Promise<T[]> {
  return (await db.query(text, params)).rows as T[];
}

// ---------------------------------------------------------------------------
// Dashboard

export interface OutletDashboardRow {
  outletCode: string;
  outletName: string | null;
  salesToday: number;
  salesCountToday: number;
  salesMonth: number;
  /** When the central database last received a fact of the outlet (null: never). */
  lastForwardedAt: string | null;
  /** The business day of the outlet's newest fact. */
  lastBusinessDay: string | null;
  /** No fact received for more than a day before `asOf` (or never). */
  silent: boolean;
  /**
   * Facts recorded at the outlet and not yet forwarded, as the outlet last reported
   * (central.outlet_status); null: it never reported (an outlet of an older version).
   */
  factsWaiting: number | null;
  /** When the oldest of them was recorded at the outlet (null: none waits). */
  oldestWaitingAt: string | null;
  /** When the outlet last reported its backlog. */
  waitingReportedAt: string | null;
}

export interface OfficeDashboard {
  today: string;
  asOf: string;
  outlets: OutletDashboardRow[];
  totals: { salesToday: number; salesCountToday: number; salesMonth: number; silentOutlets: number; factsWaiting: number };
}

/** Sales today and this month by outlet, each outlet's last forwarded time and facts waiting, silent outlets flagged. */
export async function officeDashboard(db: Queryable, input: { today: string; asOf?: Date }): Promise<OfficeDashboard> {
  const asOf = input.asOf ?? new Date();
  const monthStart = `${input.today.slice(0, 7)}-01`;
  const list = await rows<any>(
    db,
    `SELECT o.code, o.name,
       coalesce(s.today, 0) AS sales_today, coalesce(s.month, 0) AS sales_month, coalesce(c.n, 0) AS count_today,
       last.received_at, to_char(last.business_day, 'YYYY-MM-DD') AS last_day,
       (last.received_at IS NULL OR last.received_at < $3::timestamptz - interval '1 day') AS silent,
       st.backlog, st.oldest_waiting_at, st.reported_at
     FROM central.outlets o
     LEFT JOIN central.outlet_status st ON st.outlet_code = o.code
     LEFT JOIN (
       SELECT outlet_code, sum(sales) FILTER (WHERE business_day = $2::date) AS today, sum(sales) AS month
       FROM central.sales_daily
       WHERE business_day BETWEEN $1::date AND $2::date
       GROUP BY outlet_code
     ) s ON s.outlet_code = o.code
     LEFT JOIN (
       SELECT outlet_code, count(*) AS n FROM central.facts WHERE kind = 'sale' AND business_day = $2::date GROUP BY outlet_code
     ) c ON c.outlet_code = o.code
     LEFT JOIN LATERAL (
       SELECT f.received_at, f.business_day FROM central.facts f WHERE f.outlet_code = o.code ORDER BY f.outlet_seq DESC LIMIT 1
     ) last ON true
     ORDER BY o.code`,
    [monthStart, input.today, asOf.toISOString()],
  );
  const outlets: OutletDashboardRow[] = list.map((r) => ({
    outletCode: r.code,
    outletName: r.name,
    salesToday: num(r.sales_today),
    salesCountToday: num(r.count_today),
    salesMonth: num(r.sales_month),
    lastForwardedAt: r.received_at ? new Date(r.received_at).toISOString() : null,
    lastBusinessDay: r.last_day,
    silent: r.silent === true,
    factsWaiting: r.backlog === null || r.backlog === undefined ? null : Number(r.backlog),
    oldestWaitingAt: r.oldest_waiting_at ? new Date(r.oldest_waiting_at).toISOString() : null,
    waitingReportedAt: r.reported_at ? new Date(r.reported_at).toISOString() : null,
  }));
  return {
    today: input.today,
    asOf: asOf.toISOString(),
    outlets,
    totals: {
      salesToday: outlets.reduce((n, o) => n + o.salesToday, 0),
      salesCountToday: outlets.reduce((n, o) => n + o.salesCountToday, 0),
      salesMonth: outlets.reduce((n, o) => n + o.salesMonth, 0),
      silentOutlets: outlets.filter((o) => o.silent).length,
      factsWaiting: outlets.reduce((n, o) => n + (o.factsWaiting ?? 0), 0),
    },
  };
}

// ---------------------------------------------------------------------------
// Sales by outlet, district, supplier (UMKM) or category

export type SalesDimension = 'outlet' | 'district' | 'supplier' | 'category';

export interface SalesFigures {
  units: number;
  sales: number;
  supplierShare: number;
  shopShare: number;
}
export interface OfficeSalesRow extends SalesFigures {
  /** Outlet code, district, UMKM key or category ('' = none: shop-owned goods, no district, no category). */
  key: string;
  label: string | null;
}
export interface OfficeSalesReport {
  dimension: SalesDimension;
  from: string;
  to: string;
  rows: OfficeSalesRow[];
  totals: SalesFigures;
}

export async function officeSales(db: Queryable, input: { dimension: SalesDimension; from: string; to: string }): Promise<OfficeSalesReport> {
  const dims: Record<SalesDimension, { key: string; label: string; join: string }> = {
    outlet: { key: 'i.outlet_code', label: 'max(o.name)', join: 'LEFT JOIN central.outlets o ON o.code = i.outlet_code' },
    district: { key: 'i.district', label: 'NULL', join: '' },
    supplier: {
      key: "coalesce(s.umkm_key, '')",
      label: 'max(s.name)',
      join: 'LEFT JOIN s ON s.outlet_code = i.outlet_code AND s.supplier_id = i.supplier_id',
    },
    category: { key: 'i.category', label: 'NULL', join: '' },
  };
  const d = dims[input.dimension];
  const list = await rows<any>(
    db,
    // The period first summed per outlet supplier, district and category; then the (few) names joined once.
    `WITH i AS (
       SELECT outlet_code, supplier_id, district, category, sum(units) AS units, sum(sales) AS sales,
         sum(supplier_share) AS supplier_share, sum(shop_share) AS shop_share
       FROM central.sales_daily WHERE business_day BETWEEN $1::date AND $2::date
       GROUP BY 1, 2, 3, 4
     ), s AS MATERIALIZED (SELECT outlet_code, supplier_id, umkm_key, name FROM central.outlet_suppliers)
     SELECT ${d.key} AS key, ${d.label} AS label, sum(i.units) AS units, sum(i.sales) AS sales,
       sum(i.supplier_share) AS supplier_share, sum(i.shop_share) AS shop_share
     FROM i ${d.join}
     GROUP BY 1 ORDER BY 4 DESC, 1`,
    [input.from, input.to],
  );
  const out: OfficeSalesRow[] = list.map((r) => ({
    key: r.key,
    label: r.label,
    units: num(r.units),
    sales: num(r.sales),
    supplierShare: num(r.supplier_share),
    shopShare: num(r.shop_share),
  }));
  const totals = { units: 0, sales: 0, supplierShare: 0, shopShare: 0 };
  for (const r of out) for (const k of Object.keys(totals) as (keyof SalesFigures)[]) totals[k] += r[k];
  return { dimension: input.dimension, from: input.from, to: input.to, rows: out, totals };
}

// ---------------------------------------------------------------------------
// Stock on hand and near expiry per outlet

export interface OfficeStockLot {
  outletCode: string;
  lotId: number;
  productId: number;
  productSku: string | null;
  productName: string | null;
  umkmKey: string | null;
  supplierName: string | null;
  onHand: number;
  expiryDate: string | null;
}

/** Every lot with stock at each outlet, from its facts: received − sold + restocked − returned ± adjusted. */
export async function officeStock(db: Queryable, input: { outletCode?: string } = {}): Promise<OfficeStockLot[]> {
  const list = await rows<any>(
    db,
    `WITH moves AS (
       SELECT outlet_code, (payload ->> 'lotId')::integer AS lot_id,
         sum(CASE kind WHEN 'lot' THEN qty WHEN 'sale_item' THEN -qty WHEN 'return_item' THEN -qty WHEN 'stock_adjustment' THEN qty
           WHEN 'refund_item' THEN CASE WHEN (payload ->> 'restocked')::boolean THEN qty ELSE 0 END ELSE 0 END) AS on_hand
       FROM central.facts
       WHERE kind IN ('lot', 'sale_item', 'refund_item', 'return_item', 'stock_adjustment') AND ($1::text IS NULL OR outlet_code = $1)
       GROUP BY 1, 2
     )
     SELECT m.outlet_code, m.lot_id, m.on_hand, l.product_id, l.product_sku, p.name AS product_name, s.umkm_key, s.name AS supplier_name,
       coalesce(x.payload ->> 'expiryDate', l.payload ->> 'expiryDate') AS expiry_date
     FROM moves m
     JOIN central.facts l ON l.kind = 'lot' AND l.outlet_code = m.outlet_code AND (l.payload ->> 'lotId')::integer = m.lot_id
     LEFT JOIN LATERAL (
       SELECT c.payload FROM central.facts c
       WHERE c.kind = 'lot_expiry_corrected' AND c.outlet_code = m.outlet_code AND (c.payload ->> 'lotId')::integer = m.lot_id
       ORDER BY c.outlet_seq DESC LIMIT 1
     ) x ON true
     LEFT JOIN central.outlet_products p ON p.outlet_code = m.outlet_code AND p.product_id = l.product_id
     LEFT JOIN central.outlet_suppliers s ON s.outlet_code = m.outlet_code AND s.supplier_id = l.supplier_id
     WHERE m.on_hand <> 0
     ORDER BY m.outlet_code, p.name, m.lot_id`,
    [input.outletCode ?? null],
  );
  return list.map((r) => ({
    outletCode: r.outlet_code,
    lotId: r.lot_id,
    productId: r.product_id,
    productSku: r.product_sku,
    productName: r.product_name,
    umkmKey: r.umkm_key,
    supplierName: r.supplier_name,
    onHand: num(r.on_hand),
    expiryDate: r.expiry_date,
  }));
}

/** Lots with stock whose expiry is on or before `today + days`. */
export async function officeNearExpiry(db: Queryable, input: { today: string; days: number; outletCode?: string }): Promise<OfficeStockLot[]> {
  const limit = new Date(`${input.today}T00:00:00Z`);
  limit.setUTCDate(limit.getUTCDate() + input.days);
  const until = limit.toISOString().slice(0, 10);
  const lots = await officeStock(db, { outletCode: input.outletCode });
  return lots.filter((l) => l.onHand > 0 && l.expiryDate !== null && l.expiryDate <= until).sort((a, b) => (a.expiryDate! < b.expiryDate! ? -1 : a.expiryDate! > b.expiryDate! ? 1 : 0));
}

// ---------------------------------------------------------------------------
// Payouts per supplier per outlet

export interface OfficePayoutRow {
  outletCode: string;
  umkmKey: string;
  supplierCode: string | null;
  supplierName: string | null;
  settlements: number;
  paid: number;
  voided: number;
  net: number;
}

/** Settlements paid in the period, less settlements voided in the period, per outlet supplier. */
export async function officePayouts(db: Queryable, input: { from: string; to: string }): Promise<OfficePayoutRow[]> {
  const list = await rows<any>(
    db,
    `WITH f AS (
       SELECT outlet_code, supplier_id, count(*) FILTER (WHERE kind = 'settlement') AS settlements,
         coalesce(sum(amount) FILTER (WHERE kind = 'settlement'), 0) AS paid,
         coalesce(sum(amount) FILTER (WHERE kind = 'settlement_voided'), 0) AS voided
       FROM central.facts
       WHERE kind IN ('settlement', 'settlement_voided') AND business_day BETWEEN $1::date AND $2::date
       GROUP BY 1, 2
     ), s AS MATERIALIZED (SELECT outlet_code, supplier_id, umkm_key, supplier_code, name FROM central.outlet_suppliers)
     SELECT f.outlet_code, s.umkm_key, s.supplier_code, s.name, f.settlements, f.paid, f.voided
     FROM f LEFT JOIN s ON s.outlet_code = f.outlet_code AND s.supplier_id = f.supplier_id
     ORDER BY 1, 4`,
    [input.from, input.to],
  );
  return list.map((r) => ({
    outletCode: r.outlet_code,
    umkmKey: r.umkm_key,
    supplierCode: r.supplier_code,
    supplierName: r.name,
    settlements: num(r.settlements),
    paid: num(r.paid),
    voided: num(r.voided),
    net: num(r.paid) - num(r.voided),
  }));
}

// ---------------------------------------------------------------------------
// The province UMKM report per district

export interface ProvinceDistrictRow extends SalesFigures {
  district: string | null;
  activeUmkm: number;
  umkmWithSales: number;
  paid: number;
}
export interface ProvinceUmkmReport {
  from: string;
  to: string;
  districts: ProvinceDistrictRow[];
  totals: Omit<ProvinceDistrictRow, 'district'>;
}

/**
 * Per district, across all outlets: active UMKM (a UMKM with an active supplier
 * at any outlet, counted once), UMKM with sales, units, sales, supplier share,
 * shop share and paid (settlements net of voids) in the period. A UMKM's
 * district is its suppliers' (the first one named, by outlet code).
 */
export async function provinceUmkmReport(db: Queryable, input: { from: string; to: string }): Promise<ProvinceUmkmReport> {
  const list = await rows<any>(
    db,
    `WITH s AS MATERIALIZED (SELECT outlet_code, supplier_id, umkm_key, district, active FROM central.outlet_suppliers),
     umkm AS (
       SELECT umkm_key, (array_agg(district ORDER BY district IS NULL, outlet_code, supplier_id))[1] AS district, bool_or(active) AS active
       FROM s GROUP BY umkm_key
     ), per_supplier AS (
       SELECT outlet_code, supplier_id, sum(units) AS units, sum(sales) AS sales, sum(supplier_share) AS supplier_share,
         sum(shop_share) AS shop_share, sum(sold_units) AS sold
       FROM central.sales_daily WHERE business_day BETWEEN $1::date AND $2::date
       GROUP BY 1, 2
     ), sales AS (
       SELECT s.umkm_key, sum(i.units) AS units, sum(i.sales) AS sales, sum(i.supplier_share) AS supplier_share,
         sum(i.shop_share) AS shop_share, sum(i.sold) AS sold
       FROM per_supplier i JOIN s ON s.outlet_code = i.outlet_code AND s.supplier_id = i.supplier_id
       GROUP BY 1
     ), per_paid AS (
       SELECT outlet_code, supplier_id, sum(CASE WHEN kind = 'settlement' THEN amount ELSE -amount END) AS paid
       FROM central.facts
       WHERE kind IN ('settlement', 'settlement_voided') AND business_day BETWEEN $1::date AND $2::date
       GROUP BY 1, 2
     ), paid AS (
       SELECT s.umkm_key, sum(p.paid) AS paid FROM per_paid p JOIN s ON s.outlet_code = p.outlet_code AND s.supplier_id = p.supplier_id GROUP BY 1
     )
     SELECT u.district, count(*) FILTER (WHERE u.active) AS active_umkm, count(*) FILTER (WHERE coalesce(x.sold, 0) > 0) AS with_sales,
       coalesce(sum(x.units), 0) AS units, coalesce(sum(x.sales), 0) AS sales, coalesce(sum(x.supplier_share), 0) AS supplier_share,
       coalesce(sum(x.shop_share), 0) AS shop_share, coalesce(sum(p.paid), 0) AS paid
     FROM umkm u LEFT JOIN sales x USING (umkm_key) LEFT JOIN paid p USING (umkm_key)
     WHERE u.active OR x.umkm_key IS NOT NULL OR p.umkm_key IS NOT NULL
     GROUP BY 1 ORDER BY u.district IS NULL, 1`,
    [input.from, input.to],
  );
  const districts: ProvinceDistrictRow[] = list.map((r) => ({
    district: r.district,
    activeUmkm: num(r.active_umkm),
    umkmWithSales: num(r.with_sales),
    units: num(r.units),
    sales: num(r.sales),
    supplierShare: num(r.supplier_share),
    shopShare: num(r.shop_share),
    paid: num(r.paid),
  }));
  const totals = { activeUmkm: 0, umkmWithSales: 0, units: 0, sales: 0, supplierShare: 0, shopShare: 0, paid: 0 };
  for (const d of districts) for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += d[k];
  return { from: input.from, to: input.to, districts, totals };
}

// ---------------------------------------------------------------------------
// The consolidated statement of one UMKM

export interface StatementOutletRow {
  outletCode: string;
  outletName: string | null;
  supplierCode: string;
  supplierName: string | null;
  /** Supplier's balance before the period (Σ ledger before `from`). */
  opening: number;
  /** Goods sold net of refunds in the period. */
  sales: number;
  /** The supplier's share of them (sale and refund ledger entries). */
  supplierShare: number;
  /** Fees charged (positive = deducted). */
  fees: number;
  /** Losses owed and corrections (signed). */
  adjustments: number;
  /** Paid out in the period net of voided payouts (positive = paid). */
  payouts: number;
  /** Owed at the end of the period: opening + share − fees + adjustments − payouts. */
  balance: number;
}
export interface UmkmStatement {
  umkmKey: string;
  name: string | null;
  nib: string | null;
  from: string;
  to: string;
  outlets: StatementOutletRow[];
  total: Omit<StatementOutletRow, 'outletCode' | 'outletName' | 'supplierCode' | 'supplierName'>;
}

/** One UMKM across outlets: per outlet its sales, share, fees, payouts and balance, and the total. */
export async function umkmStatement(db: Queryable, input: { umkmKey: string; from: string; to: string }): Promise<UmkmStatement> {
  const list = await rows<any>(
    db,
    `SELECT s.outlet_code, o.name AS outlet_name, s.supplier_code, s.name, s.nib,
       coalesce((SELECT sum(amount) FROM central.facts e WHERE e.kind = 'ledger_entry' AND e.outlet_code = s.outlet_code AND e.supplier_id = s.supplier_id AND e.business_day < $2::date), 0) AS opening,
       coalesce(l.share, 0) AS share, coalesce(l.fees, 0) AS fees, coalesce(l.adjustments, 0) AS adjustments, coalesce(l.payouts, 0) AS payouts,
       coalesce(x.sales, 0) AS sales
     FROM central.outlet_suppliers s
     LEFT JOIN central.outlets o ON o.code = s.outlet_code
     LEFT JOIN LATERAL (
       SELECT sum(amount) FILTER (WHERE payload ->> 'entryKind' IN ('sale', 'refund')) AS share,
         -sum(amount) FILTER (WHERE payload ->> 'entryKind' = 'fee') AS fees,
         sum(amount) FILTER (WHERE payload ->> 'entryKind' IN ('loss', 'adjustment')) AS adjustments,
         -sum(amount) FILTER (WHERE payload ->> 'entryKind' = 'payout') AS payouts
       FROM central.facts e
       WHERE e.kind = 'ledger_entry' AND e.outlet_code = s.outlet_code AND e.supplier_id = s.supplier_id AND e.business_day BETWEEN $2::date AND $3::date
     ) l ON true
     LEFT JOIN LATERAL (
       SELECT sum(i.sales) AS sales
       FROM central.sales_daily i
       WHERE i.outlet_code = s.outlet_code AND i.supplier_id = s.supplier_id AND i.business_day BETWEEN $2::date AND $3::date
     ) x ON true
     WHERE s.umkm_key = $1
     ORDER BY s.outlet_code, s.supplier_code`,
    [input.umkmKey, input.from, input.to],
  );
  const outlets: StatementOutletRow[] = list.map((r) => {
    const row = {
      outletCode: r.outlet_code,
      outletName: r.outlet_name,
      supplierCode: r.supplier_code,
      supplierName: r.name,
      opening: num(r.opening),
      sales: num(r.sales),
      supplierShare: num(r.share),
      fees: num(r.fees),
      adjustments: num(r.adjustments),
      payouts: num(r.payouts),
      balance: 0,
    };
    row.balance = row.opening + row.supplierShare - row.fees + row.adjustments - row.payouts;
    return row;
  });
  const total = { opening: 0, sales: 0, supplierShare: 0, fees: 0, adjustments: 0, payouts: 0, balance: 0 };
  for (const o of outlets) for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += o[k];
  return {
    umkmKey: input.umkmKey,
    name: list.find((r) => r.nib)?.name ?? list[0]?.name ?? null,
    nib: list.find((r) => r.nib)?.nib ?? null,
    from: input.from,
    to: input.to,
    outlets,
    total,
  };
}

// ---------------------------------------------------------------------------
// Linking outlet suppliers to one UMKM (office admins only; audited)

export interface UmkmSupplierRow {
  outletCode: string;
  supplierId: number;
  supplierCode: string;
  name: string | null;
  district: string | null;
  nib: string | null;
  umkmKey: string;
  linked: boolean;
}

export async function umkmSuppliers(db: Queryable): Promise<UmkmSupplierRow[]> {
  const list = await rows<any>(db, 'SELECT * FROM central.outlet_suppliers ORDER BY umkm_key, outlet_code, supplier_code');
  return list.map((r) => ({
    outletCode: r.outlet_code,
    supplierId: r.supplier_id,
    supplierCode: r.supplier_code,
    name: r.name,
    district: r.district,
    nib: r.nib,
    umkmKey: r.umkm_key,
    linked: r.linked,
  }));
}

/** Link (or with `umkmKey` null, unlink) an outlet supplier to a UMKM; written to central.office_audit with the actor. */
export async function linkSupplier(db: Queryable, input: { outletCode: string; supplierId: number; umkmKey: string | null; actor: string }): Promise<void> {
  await db.query('SELECT central.link_supplier($1, $2, $3, $4)', [input.outletCode, input.supplierId, input.umkmKey, input.actor]);
}
