/**
 * Two outlets (browser-mode processes, built app) sell, receive, refund,
 * void and settle at the same time while each forwards to one central
 * PostgreSQL. Afterwards every central total — by outlet, supplier,
 * district and day — equals the total computed from each outlet's own
 * SQLite by the queries below (not the app's report code), to the rupiah,
 * and the facts are counted exactly.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentralDb, PG_HOST, PG_PORT, type CentralDb } from '../support/central';
import { apiClient, startServer, type RunningServer } from '../support/server';
import { login, prepareOutlet, runWorkload, type PreparedOutlet } from '../support/outlet-workload';
import { businessDate } from '../../src/main/core/clock';

const OUTLETS = [
  { code: 'KDI', district: 'Kota Kendari', seed: 11 },
  { code: 'WKT', district: 'Kabupaten Wakatobi', seed: 22 },
] as const;
const OPS = Number(process.env.KASIR_OUTLETS_OPS ?? 80);
const ENV = { KASIR_FORWARD_POLL_MS: '100', KASIR_FORWARD_BATCH: '40', KASIR_FORWARD_BACKOFF_MIN_MS: '100', KASIR_FORWARD_BACKOFF_MAX_MS: '500' };

type Totals = Record<string, string>;

/** Each measure: the central query (all outlets) and the outlet's own SQLite query, both keyed `OUTLET/dimension`. */
const sqliteSaleItems = `FROM sale_line_lots p JOIN sale_lines l ON l.id = p.sale_line_id JOIN sales x ON x.id = l.sale_id
  JOIN lots t ON t.id = p.lot_id LEFT JOIN suppliers s ON s.id = t.supplier_id`;
const sqliteRefundItems = `FROM refund_line_lots p JOIN refund_lines rl ON rl.id = p.refund_line_id JOIN refunds r ON r.id = rl.refund_id
  JOIN lots t ON t.id = p.lot_id LEFT JOIN suppliers s ON s.id = t.supplier_id`;
const MEASURES: { name: string; central: string; sqlite: (code: string) => string }[] = [
  ...(
    [
      ['outlet', "''", "''"],
      ['supplier', "coalesce(supplier_code, '-')", "coalesce(s.code, '-')"],
      ['district', "coalesce(district, '-')", "coalesce(s.district, '-')"],
      ['day', "to_char(business_day, 'YYYY-MM-DD')", 'x.business_date'],
    ] as const
  ).flatMap(([dim, c, q]) => [
    {
      name: `sales by ${dim} (net, supplier share, shop share, qty, portions)`,
      central: `SELECT outlet_code || '/' || ${c} AS k, concat_ws(' ', sum(amount), sum(supplier_share), sum(shop_share), sum(qty), count(*)) AS v
                FROM central.facts WHERE kind = 'sale_item' GROUP BY 1`,
      sqlite: (code: string) =>
        `SELECT '${code}/' || ${q} AS k, sum(p.net_amount) || ' ' || sum(p.supplier_share) || ' ' || sum(p.shop_share) || ' ' || sum(p.qty) || ' ' || count(*) AS v
         ${sqliteSaleItems} GROUP BY 1`,
    },
    {
      name: `refunds by ${dim} (net, supplier share, qty)`,
      central: `SELECT outlet_code || '/' || ${c} AS k, concat_ws(' ', sum(amount), sum(supplier_share), sum(qty)) AS v
                FROM central.facts WHERE kind = 'refund_item' GROUP BY 1`,
      sqlite: (code: string) =>
        `SELECT '${code}/' || ${q.replace('x.', 'r.')} AS k, sum(p.net_amount) || ' ' || sum(p.supplier_share) || ' ' || sum(p.qty) AS v ${sqliteRefundItems} GROUP BY 1`,
    },
  ]),
  ...(
    [
      ['outlet', "''", "''"],
      ['supplier', 'supplier_code', 's.code'],
      ['district', "coalesce(district, '-')", "coalesce(s.district, '-')"],
      ['day', "to_char(business_day, 'YYYY-MM-DD')", 'e.business_date'],
    ] as const
  ).map(([dim, c, q]) => ({
    name: `supplier ledger by ${dim} (Σ owed, entries)`,
    central: `SELECT outlet_code || '/' || ${c} AS k, concat_ws(' ', sum(amount), count(*)) AS v FROM central.facts WHERE kind = 'ledger_entry' GROUP BY 1`,
    sqlite: (code: string) => `SELECT '${code}/' || ${q} AS k, sum(e.amount) || ' ' || count(*) AS v FROM ledger_entries e JOIN suppliers s ON s.id = e.supplier_id GROUP BY 1`,
  })),
  {
    name: 'sales by day (count, Σ total, Σ rounding)',
    central: `SELECT outlet_code || '/' || to_char(business_day, 'YYYY-MM-DD') AS k, concat_ws(' ', count(*), sum(amount), sum((payload->>'rounding')::bigint)) AS v
              FROM central.facts WHERE kind = 'sale' GROUP BY 1`,
    sqlite: (code) => `SELECT '${code}/' || business_date AS k, count(*) || ' ' || sum(total) || ' ' || sum(rounding) AS v FROM sales GROUP BY 1`,
  },
  {
    name: 'payments by day and method',
    central: `SELECT outlet_code || '/' || to_char(business_day, 'YYYY-MM-DD') || '/' || method AS k, sum(amount)::text AS v FROM central.facts WHERE kind = 'payment' GROUP BY 1`,
    sqlite: (code) => `SELECT '${code}/' || x.business_date || '/' || p.method AS k, sum(p.amount) || '' AS v FROM payments p JOIN sales x ON x.id = p.sale_id GROUP BY 1`,
  },
  {
    name: 'voided sales by outlet',
    central: `SELECT outlet_code || '/' || (payload->>'saleNumber') AS k, 'void' AS v FROM central.facts WHERE kind = 'refund' AND payload->>'refundKind' = 'void'`,
    sqlite: (code) => `SELECT '${code}/' || number AS k, 'void' AS v FROM sales WHERE status = 'voided'`,
  },
  {
    name: 'settlements still paid, by supplier (paid − voided)',
    central: `SELECT outlet_code || '/' || supplier_code AS k, (sum(amount) FILTER (WHERE kind = 'settlement') - coalesce(sum(amount) FILTER (WHERE kind = 'settlement_voided'), 0))::text AS v
              FROM central.facts WHERE kind IN ('settlement', 'settlement_voided') GROUP BY 1`,
    sqlite: (code) => `SELECT '${code}/' || s.code AS k, sum(CASE WHEN st.voided_at IS NULL THEN st.amount ELSE 0 END) || '' AS v FROM settlements st JOIN suppliers s ON s.id = st.supplier_id GROUP BY 1`,
  },
  {
    name: 'facts by kind',
    central: `SELECT outlet_code || '/' || kind AS k, count(*)::text AS v FROM central.facts GROUP BY 1`,
    sqlite: (code) => `SELECT '${code}/' || kind AS k, count(*) || '' AS v FROM outbox GROUP BY 1`,
  },
];

describe('two outlets forwarding at the same time', () => {
  let central: CentralDb;
  const servers: RunningServer[] = [];
  const prepared: PreparedOutlet[] = [];

  beforeAll(async () => {
    central = await createCentralDb();
    for (const o of OUTLETS) prepared.push(await prepareOutlet({ district: o.district, days: 3, seed: o.seed }));
  }, 300_000);
  afterAll(async () => {
    for (const s of servers) await s.stop();
    await central?.drop();
  });

  it('central totals by outlet, supplier, district and day equal each outlet’s own, to the rupiah; facts counted exactly', async () => {
    const today = businessDate(Date.now(), 'Asia/Makassar');
    const runs = OUTLETS.map(async (o, i) => {
      const creds = await central.addOutlet(o.code);
      const server = await startServer({ dbPath: prepared[i]!.dbPath, env: ENV });
      servers.push(server);
      const api = apiClient(server.url);
      const tokens = await login(api);
      const configured = await api('central.configure', { outletCode: o.code, host: PG_HOST, port: PG_PORT, database: creds.database, user: creds.user, password: creds.password, tls: 'prefer' }, tokens.admin);
      expect(configured.status, JSON.stringify(configured.body)).toBe(200);
      // Sell, receive, refund, void and settle while the history and the new facts are forwarded.
      const { sales } = await runWorkload(api, tokens, prepared[i]!, { ops: OPS, seed: o.seed, today });
      expect(sales).toBeGreaterThan(OPS / 3);
      // Wait until everything is in the central database.
      const end = Date.now() + 120_000;
      for (;;) {
        const st = (await api('central.status', {}, tokens.manager)).body;
        if (st.waiting === 0 && st.historyToPrepare === 0 && st.state === 'idle') break;
        if (Date.now() > end) throw new Error(`${o.code} did not catch up: ${JSON.stringify(st)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      await server.stop();
    });
    // Both finish (or fail) before anything is checked or torn down: no server outlives the test.
    const settled = await Promise.allSettled(runs);
    for (const r of settled) if (r.status === 'rejected') throw r.reason;

    const expected: Record<string, Totals> = {};
    const actual: Record<string, Totals> = {};
    for (const m of MEASURES) {
      expected[m.name] = {};
      OUTLETS.forEach((o, i) => {
        const db = new Database(prepared[i]!.dbPath, { readonly: true });
        try {
          for (const r of db.prepare(m.sqlite(o.code)).all() as { k: string; v: string }[]) expected[m.name]![r.k] = String(r.v);
        } finally {
          db.close();
        }
      });
      actual[m.name] = Object.fromEntries((await central.query<{ k: string; v: string }>(m.central)).map((r) => [r.k, String(r.v)]));
    }
    expect(actual).toEqual(expected);
    // Not an empty comparison: both outlets, several days, every district, refunds, voids and settlements.
    const days = Object.keys(expected['sales by day (net, supplier share, shop share, qty, portions)']!);
    for (const o of OUTLETS) expect(days.filter((k) => k.startsWith(`${o.code}/`)).length).toBeGreaterThanOrEqual(4);
    expect(Object.keys(expected['sales by district (net, supplier share, shop share, qty, portions)']!).sort()).toEqual(
      ['KDI/Kabupaten Muna', 'KDI/Kota Kendari', 'WKT/Kabupaten Muna', 'WKT/Kabupaten Wakatobi'].sort(),
    );
    expect(Object.keys(expected['refunds by outlet (net, supplier share, qty)']!).length).toBe(2);
    expect(Object.keys(expected['voided sales by outlet']!).length).toBeGreaterThan(0);
    expect(Object.keys(expected['settlements still paid, by supplier (paid − voided)']!).length).toBeGreaterThan(0);
    // Every fact exactly once: the central count is the outbox count, outlet by outlet.
    const counts = await central.query<{ outlet_code: string; n: number; ids: number }>('SELECT outlet_code, count(*)::int AS n, count(DISTINCT id)::int AS ids FROM central.facts GROUP BY 1 ORDER BY 1');
    OUTLETS.forEach((o, i) => {
      const db = new Database(prepared[i]!.dbPath, { readonly: true });
      try {
        const n = db.prepare('SELECT count(*) FROM outbox').pluck().get() as number;
        expect(counts.find((c) => c.outlet_code === o.code)).toEqual({ outlet_code: o.code, n, ids: n });
      } finally {
        db.close();
      }
    });
  }, 600_000);
});
