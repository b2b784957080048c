/**
 * The office's reports over the central PostgreSQL (issue 20) equal sums made
 * by hand from each outlet's own SQLite. Two real outlets (the app on real
 * SQLite files behind real HTTP, on a fixed clock) sell, refund, settle and
 * charge fees, and forward to a real PostgreSQL through their own forwarders.
 * The data set: one supplier with the same NIB at both outlets, a supplier
 * linked by hand to the other outlet's, a refund after a settlement that
 * covered the sale, and an outlet that has not forwarded for two days.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import pg from 'pg';
import { createCentralDb, PG_HOST, PG_PORT, type CentralDb } from '../support/central';
import { seedShop, startTestApi, T0, type Seeded, type TestApi } from '../support/api-harness';
import { until } from '../support/wait';
import {
  linkSupplier,
  officeDashboard,
  officeNearExpiry,
  officePayouts,
  officeSales,
  officeStock,
  provinceUmkmReport,
  umkmStatement,
  umkmSuppliers,
  type SalesDimension,
} from '../../src/central/reports';

const FAST = { pollMs: 30, backoffMinMs: 30, backoffMaxMs: 150, batchSize: 50, connectTimeoutMs: 3000 };
const NIB = '9120301234567';
const DAY = 86_400_000;
const FROM = '2026-11-29';
const TO = '2026-12-01';

interface Outlet {
  code: string;
  t: TestApi;
  s: Seeded;
  db: Database.Database;
}

describe('office reports over two outlets', () => {
  let central: CentralDb;
  let pool: pg.Pool;
  const outlets: Outlet[] = [];
  let kdiSlip: { amount: number; number: string };

  const ok = async <T = any>(o: Outlet, name: string, input: unknown, token: string): Promise<T> => {
    const r = await o.t.api<T>(name, input, token);
    if (r.status !== 200) throw new Error(`${o.code} ${name}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  let n = 0;
  const sell = (o: Outlet, productId: number, qty: number, price: number) =>
    ok<any>(o, 'sales.checkout', { clientRequestId: `office-${o.code}-${++n}`, lines: [{ productId, qty }], payments: [{ method: 'qris', amount: price * qty }] }, o.s.cashier);
  const nextDay = async (o: Outlet) => {
    const shift = await ok<any>(o, 'shifts.current', {}, o.s.cashier);
    await ok(o, 'shifts.close', { countedCash: shift.expectedCash }, o.s.cashier);
    o.t.clock.advance(DAY);
    const login = async (username: string, pin: string) => (await ok<any>(o, 'auth.login', { username, pin, tillCode: 'K1' }, '')).token as string;
    o.s = { ...o.s, admin: await login('admin', '123456'), manager: await login('manajer', '2222'), cashier: await login('kasir', '1111') };
    await ok(o, 'shifts.open', { openingFloat: 200_000 }, o.s.cashier);
  };
  const refundOne = async (o: Outlet, saleId: number, restock: boolean) => {
    const sale = await ok<any>(o, 'sales.get', { id: saleId }, o.s.manager);
    const lines = [{ saleLineId: sale.lines[0].id, qty: 1, restock }];
    const preview = await ok<any>(o, 'sales.refundPreview', { saleId, lines }, o.s.manager);
    return ok<any>(o, 'sales.refund', { saleId, lines, reason: 'Rusak', payments: [{ method: 'qris', amount: preview.total }] }, o.s.manager);
  };

  beforeAll(async () => {
    central = await createCentralDb();
    pool = new pg.Pool({ connectionString: central.url, max: 2 });
    for (const code of ['KDI', 'WKT']) {
      const creds = await central.addOutlet(code);
      const t = await startTestApi({ start: T0, forwarder: FAST });
      const s = await seedShop(t);
      const o: Outlet = { code, t, s, db: t.app.db.$client };
      outlets.push(o);
      // The mete producer is the same UMKM at both outlets: same NIB.
      await ok(o, 'suppliers.update', { id: s.supplierId, nib: NIB, ...(code === 'WKT' ? { district: 'Kabupaten Muna Barat' } : {}) }, s.manager);
      const conf = await t.api('central.configure', { outletCode: code, host: PG_HOST, port: PG_PORT, database: creds.database, user: creds.user, password: creds.password, tls: 'prefer' }, s.admin);
      expect(conf.status, JSON.stringify(conf.body)).toBe(200);
      t.app.central.start();
    }
    const [kdi, wkt] = outlets as [Outlet, Outlet];
    // Day 1 (29 Nov): both sell; KDI settles the mete UMKM; WKT refunds.
    const k1 = await sell(kdi, kdi.s.meteId, 3, 50_000);
    await sell(kdi, kdi.s.tenunId, 1, 350_000);
    const w1 = await sell(wkt, wkt.s.meteId, 2, 50_000);
    await sell(wkt, wkt.s.tenunId, 2, 350_000);
    await refundOne(wkt, w1.id, true);
    const pv = await ok<any>(kdi, 'settlements.preview', { supplierId: kdi.s.supplierId, cutoff: FROM }, kdi.s.manager);
    const paid = await ok<any>(kdi, 'settlements.create', { supplierId: kdi.s.supplierId, cutoff: FROM, method: 'cash', expectedAmount: pv.amount, throughEntryId: pv.throughEntryId }, kdi.s.manager);
    kdiSlip = { amount: paid.settlement?.amount ?? paid.amount, number: paid.settlement?.number ?? paid.number };
    // Day 2 (30 Nov): KDI refunds one unit of the settled sale (a refund across a settlement), charges a fee, sells.
    await nextDay(kdi);
    await refundOne(kdi, k1.id, false);
    await ok(kdi, 'ledger.fee', { supplierId: kdi.s.supplierId, amount: 5_000, note: 'Biaya display' }, kdi.s.manager);
    await sell(kdi, kdi.s.abonId, 1, 35_000).catch(() => undefined); // expired lot first: may be refused; either way the sums follow the outlet
    await sell(kdi, kdi.s.meteId, 2, 50_000);
    // Day 3 (1 Dec): KDI sells again; WKT stays on day 1.
    await nextDay(kdi);
    await sell(kdi, kdi.s.meteId, 1, 50_000);
    // Everything forwarded.
    for (const o of outlets) {
      await until(`${o.code} forwarded`, async () => {
        const st = (await o.t.api<any>('central.status', {}, o.s.manager)).body;
        return st.waiting === 0 && st.historyToPrepare === 0 && st.state === 'idle';
      });
    }
    // WKT has not forwarded for two days: PostgreSQL's clock cannot be moved, so its received times are aged
    // (as the superuser, with the append-only triggers off for this one statement's session).
    const c = new pg.Client({ connectionString: central.url });
    await c.connect();
    try {
      await c.query('SET session_replication_role = replica');
      await c.query("UPDATE central.facts SET received_at = received_at - interval '2 days' WHERE outlet_code = 'WKT'");
    } finally {
      await c.end();
    }
    // WKT's tenun supplier has no NIB: the office links it by hand to KDI's.
    await linkSupplier(pool, { outletCode: 'WKT', supplierId: wkt.s.supplier2Id, umkmKey: 'KDI S0002', actor: 'kantor.admin' });
  }, 300_000);

  afterAll(async () => {
    for (const o of outlets) await o.t.close();
    await pool?.end();
    await central?.drop();
  });

  // ---- hand sums from the outlets' own SQLite ----
  const umkmOf = (o: Outlet, supplierId: number | null): string => {
    if (supplierId === null) return '';
    if (o.code === 'WKT' && supplierId === o.s.supplier2Id) return 'KDI S0002';
    const s = o.db.prepare('SELECT code, nib FROM suppliers WHERE id = ?').get(supplierId) as { code: string; nib: string | null };
    return s.nib ? `NIB ${s.nib}` : `${o.code} ${s.code}`;
  };
  /** Every sold or refunded portion in the period: [outlet, supplier, district, category, qty, amount, supplierShare, shopShare] signed. */
  const portions = (o: Outlet) => {
    const sold = o.db
      .prepare(
        `SELECT t.supplier_id AS sid, s.district, p.category, n.qty, n.net_amount AS amount, n.supplier_share AS ss, n.shop_share AS sh
         FROM sale_line_lots n JOIN sale_lines l ON l.id = n.sale_line_id JOIN sales x ON x.id = l.sale_id JOIN lots t ON t.id = n.lot_id
         JOIN products p ON p.id = l.product_id LEFT JOIN suppliers s ON s.id = t.supplier_id WHERE x.business_date BETWEEN ? AND ?`,
      )
      .all(FROM, TO) as any[];
    const back = o.db
      .prepare(
        `SELECT t.supplier_id AS sid, s.district, p.category, -n.qty AS qty, -n.net_amount AS amount, -n.supplier_share AS ss, -n.shop_share AS sh
         FROM refund_line_lots n JOIN refund_lines rl ON rl.id = n.refund_line_id JOIN refunds r ON r.id = rl.refund_id JOIN lots t ON t.id = n.lot_id
         JOIN products p ON p.id = rl.product_id LEFT JOIN suppliers s ON s.id = t.supplier_id WHERE r.business_date BETWEEN ? AND ?`,
      )
      .all(FROM, TO) as any[];
    return [...sold, ...back].map((r) => ({ ...r, outlet: o.code, umkm: umkmOf(o, r.sid) }));
  };
  const handSales = (dimension: SalesDimension) => {
    const out = new Map<string, { units: number; sales: number; supplierShare: number; shopShare: number }>();
    for (const o of outlets)
      for (const r of portions(o)) {
        const key = dimension === 'outlet' ? r.outlet : dimension === 'district' ? (r.district ?? '') : dimension === 'supplier' ? r.umkm : (r.category ?? '');
        const v = out.get(key) ?? { units: 0, sales: 0, supplierShare: 0, shopShare: 0 };
        v.units += r.qty;
        v.sales += r.amount;
        v.supplierShare += r.ss;
        v.shopShare += r.sh;
        out.set(key, v);
      }
    return Object.fromEntries([...out].sort());
  };

  it('sales by outlet, district, supplier (UMKM across outlets) and category equal the outlets’ own sums', async () => {
    for (const dimension of ['outlet', 'district', 'supplier', 'category'] as const) {
      const report = await officeSales(pool, { dimension, from: FROM, to: TO });
      const got = Object.fromEntries(report.rows.map((r) => [r.key, { units: r.units, sales: r.sales, supplierShare: r.supplierShare, shopShare: r.shopShare }]).sort());
      expect(got, dimension).toEqual(handSales(dimension));
    }
    // Not an empty comparison: the NIB UMKM sold at both outlets, the hand-linked one too.
    const bySupplier = await officeSales(pool, { dimension: 'supplier', from: FROM, to: TO });
    expect(bySupplier.rows.map((r) => r.key).sort()).toEqual([`NIB ${NIB}`, 'KDI S0002'].sort());
    const mete = portions(outlets[0]!).concat(portions(outlets[1]!)).filter((p) => p.umkm === `NIB ${NIB}`);
    expect(new Set(mete.map((p) => p.outlet))).toEqual(new Set(['KDI', 'WKT']));
    expect(bySupplier.rows.find((r) => r.key === `NIB ${NIB}`)!.label).toBe('UD Mete Muna');
    // One day only: 30 Nov at KDI is the refund (−1 mete, after its settlement) and the new sales.
    const day2 = await officeSales(pool, { dimension: 'outlet', from: '2026-11-30', to: '2026-11-30' });
    expect(day2.rows.map((r) => r.key)).toEqual(['KDI']);
  });

  it('dashboard: sales today and this month per outlet, last forwarded, the outlet silent for two days flagged', async () => {
    const d = await officeDashboard(pool, { today: TO });
    const byCode = Object.fromEntries(d.outlets.map((o) => [o.outletCode, o]));
    const handDay = (o: Outlet, from: string, to: string) =>
      (o.db.prepare('SELECT coalesce(sum(n.net_amount), 0) FROM sale_line_lots n JOIN sale_lines l ON l.id = n.sale_line_id JOIN sales x ON x.id = l.sale_id WHERE x.business_date BETWEEN ? AND ?').pluck().get(from, to) as number) -
      (o.db.prepare('SELECT coalesce(sum(n.net_amount), 0) FROM refund_line_lots n JOIN refund_lines rl ON rl.id = n.refund_line_id JOIN refunds r ON r.id = rl.refund_id WHERE r.business_date BETWEEN ? AND ?').pluck().get(from, to) as number);
    const [kdi, wkt] = outlets as [Outlet, Outlet];
    expect(byCode.KDI).toMatchObject({ salesToday: handDay(kdi, TO, TO), salesMonth: handDay(kdi, '2026-12-01', TO), salesCountToday: 1, silent: false, lastBusinessDay: TO });
    expect(byCode.KDI!.salesToday).toBe(50_000);
    expect(byCode.WKT).toMatchObject({ salesToday: 0, salesMonth: 0, salesCountToday: 0, silent: true, lastBusinessDay: FROM });
    expect(Date.now() - Date.parse(byCode.WKT!.lastForwardedAt!)).toBeGreaterThan(2 * DAY - 60_000);
    expect(d.totals.silentOutlets).toBe(1);
    // November's dashboard counts November: both outlets' sales of the month.
    const nov = await officeDashboard(pool, { today: '2026-11-30' });
    expect(nov.outlets.map((o) => [o.outletCode, o.salesMonth])).toEqual([
      ['KDI', handDay(kdi, '2026-11-01', '2026-11-30')],
      ['WKT', handDay(wkt, '2026-11-01', '2026-11-30')],
    ]);
  });

  it('stock on hand and near expiry per outlet equal the outlets’ lots', async () => {
    const stock = await officeStock(pool);
    const got = stock.map((l) => `${l.outletCode}/${l.lotId}/${l.onHand}/${l.expiryDate}`).sort();
    const want = outlets
      .flatMap((o) => (o.db.prepare('SELECT id, remaining_qty AS q, expiry_date AS e FROM lots WHERE remaining_qty <> 0').all() as any[]).map((l) => `${o.code}/${l.id}/${l.q}/${l.e}`))
      .sort();
    expect(got).toEqual(want);
    expect(got.length).toBeGreaterThanOrEqual(6);
    const near = await officeNearExpiry(pool, { today: TO, days: 30 });
    const wantNear = outlets
      .flatMap((o) =>
        (o.db.prepare("SELECT id FROM lots WHERE remaining_qty > 0 AND expiry_date IS NOT NULL AND expiry_date <= '2026-12-31'").pluck().all() as number[]).map((id) => `${o.code}/${id}`),
      )
      .sort();
    expect(near.map((l) => `${l.outletCode}/${l.lotId}`).sort()).toEqual(wantNear);
    expect(wantNear.length).toBeGreaterThan(0);
  });

  it('payouts per supplier per outlet equal the outlets’ settlements', async () => {
    const rows = await officePayouts(pool, { from: FROM, to: TO });
    const want = outlets.flatMap((o) =>
      (o.db.prepare('SELECT s.code, sum(st.amount) AS paid, count(*) AS n FROM settlements st JOIN suppliers s ON s.id = st.supplier_id WHERE st.business_date BETWEEN ? AND ? GROUP BY 1').all(FROM, TO) as any[]).map(
        (r) => ({ outletCode: o.code, supplierCode: r.code, settlements: r.n, paid: r.paid, voided: 0, net: r.paid }),
      ),
    );
    expect(rows.map(({ outletCode, supplierCode, settlements, paid, voided, net }) => ({ outletCode, supplierCode, settlements, paid, voided, net }))).toEqual(want);
    expect(rows).toEqual([expect.objectContaining({ outletCode: 'KDI', umkmKey: `NIB ${NIB}`, paid: kdiSlip.amount })]);
  });

  it('the province UMKM report per district counts a UMKM once across outlets and equals the hand sums', async () => {
    const r = await provinceUmkmReport(pool, { from: FROM, to: TO });
    // Districts: the NIB UMKM is named Kabupaten Muna at KDI (first outlet), Muna Barat at WKT: one UMKM, in Muna.
    const all = handSales('supplier');
    const muna = r.districts.find((d) => d.district === 'Kabupaten Muna')!;
    expect(muna).toMatchObject({
      activeUmkm: 2,
      umkmWithSales: 2,
      units: all[`NIB ${NIB}`]!.units + all['KDI S0002']!.units,
      sales: all[`NIB ${NIB}`]!.sales + all['KDI S0002']!.sales,
      supplierShare: all[`NIB ${NIB}`]!.supplierShare + all['KDI S0002']!.supplierShare,
      paid: kdiSlip.amount,
    });
    expect(r.districts.map((d) => d.district)).toEqual(['Kabupaten Muna']);
    expect(r.totals.activeUmkm).toBe(2);
  });

  it('the consolidated statement of the NIB UMKM: per outlet sales, share, fees, payouts, balance; the total is the sum of the outlets’ own', async () => {
    const st = await umkmStatement(pool, { umkmKey: `NIB ${NIB}`, from: FROM, to: TO });
    expect(st).toMatchObject({ nib: NIB, name: 'UD Mete Muna' });
    expect(st.outlets.map((o) => o.outletCode)).toEqual(['KDI', 'WKT']);
    for (const o of outlets) {
      const row = st.outlets.find((x) => x.outletCode === o.code)!;
      const sum = (where: string) =>
        o.db.prepare(`SELECT coalesce(sum(amount), 0) FROM ledger_entries WHERE supplier_id = ? AND business_date BETWEEN ? AND ? AND ${where}`).pluck().get(o.s.supplierId, FROM, TO) as number;
      const sales = portions(o).filter((p) => p.sid === o.s.supplierId).reduce((n, p) => n + p.amount, 0);
      expect(row).toMatchObject({
        opening: 0,
        sales,
        supplierShare: sum("kind IN ('sale', 'refund')"),
        fees: -sum("kind = 'fee'") || 0,
        adjustments: sum("kind IN ('loss', 'adjustment')"),
        payouts: -sum("kind = 'payout'") || 0,
      });
      // The balance is the outlet's own: what its supplier page says is owed.
      const page = await ok<any>(o, 'suppliers.get', { id: o.s.supplierId }, o.s.manager);
      expect(row.balance, o.code).toBe(page.balance);
    }
    // KDI: the slip of the period is the statement's payout; the refund after it and the fee are in the balance.
    const kdi = st.outlets[0]!;
    expect(kdi.payouts).toBe(kdiSlip.amount);
    expect(kdi.fees).toBe(5_000);
    expect(kdi.balance).toBeLessThan(kdi.supplierShare - kdi.payouts);
    for (const k of ['opening', 'sales', 'supplierShare', 'fees', 'adjustments', 'payouts', 'balance'] as const) {
      expect(st.total[k], k).toBe(st.outlets.reduce((n, o) => n + o[k], 0));
    }
  });

  it('linking by hand is audited; a link to an unknown UMKM or supplier is refused', async () => {
    const list = await umkmSuppliers(pool);
    expect(list.filter((s) => s.umkmKey === 'KDI S0002').map((s) => [s.outletCode, s.linked])).toEqual([
      ['KDI', false],
      ['WKT', true],
    ]);
    const audit = await central.query("SELECT actor, action, details FROM central.office_audit WHERE action = 'umkm.link'");
    expect(audit).toEqual([{ actor: 'kantor.admin', action: 'umkm.link', details: { outlet: 'WKT', supplierId: outlets[1]!.s.supplier2Id, from: null, to: 'KDI S0002' } }]);
    await expect(linkSupplier(pool, { outletCode: 'WKT', supplierId: 1, umkmKey: 'NIB 0000000000000', actor: 'x' })).rejects.toThrow(/no UMKM/);
    await expect(linkSupplier(pool, { outletCode: 'WKT', supplierId: 999, umkmKey: `NIB ${NIB}`, actor: 'x' })).rejects.toThrow(/no supplier/);
    await expect(central.query('DELETE FROM central.office_audit')).rejects.toThrow(/append-only/);
    expect((await central.query('SELECT count(*)::int AS n FROM central.office_audit'))[0].n).toBe(1);
  });
});
