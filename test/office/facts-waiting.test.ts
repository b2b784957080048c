/**
 * "Facts waiting" on the office dashboard (issue 20), with a real outlet (the app on a real
 * SQLite file behind real HTTP) forwarding to a real PostgreSQL of the test's own. The central
 * side only knows what arrived; the outlet's forwarder reports its own backlog through
 * central.report_outlet_status(): after batches, while idle, and when the central database
 * refuses its facts. Also: an outlet can write only its own status row, and forwarding goes on
 * against a central database that has no such function yet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createCentralDb, PG_HOST, PG_PORT, type CentralDb } from '../support/central';
import { seedShop, startTestApi, T0, type Seeded, type TestApi } from '../support/api-harness';
import type { OutletCredentials } from '../../src/central/admin';
import { officeDashboard } from '../../src/central/reports';
import type { CentralStatus } from '../../src/shared/types-outlets';
import { until } from '../support/wait';

const FAST = { pollMs: 30, backoffMinMs: 30, backoffMaxMs: 150, batchSize: 20, connectTimeoutMs: 3000, statusEveryMs: 100 };

// On a loaded CI machine the PostgreSQL of many parallel test files answers slowly: room for that, and
// for a refused batch's one-minute backoff should a retry land at the wrong moment.
describe('facts waiting at each outlet', { timeout: 180_000 }, () => {
  let central: CentralDb;
  let pool: pg.Pool;
  let t: TestApi;
  let s: Seeded;
  let kdi: OutletCredentials;
  let wkt: OutletCredentials;
  let saleKind: { kind: string; schema_version: number; description: string | null }[];
  let n = 0;

  const status = async () => (await t.api<CentralStatus>('central.status', {}, s.manager)).body;
  const row = async (code: string) => (await officeDashboard(pool, { today: '2026-12-01' })).outlets.find((o) => o.outletCode === code)!;
  const sell = async () => {
    const r = await t.api<any>('sales.checkout', { clientRequestId: `waiting-${++n}`, lines: [{ productId: s.meteId, qty: 1 }], payments: [{ method: 'cash', amount: 50_000 }] }, s.cashier);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };
  /** The outlet's own oldest unforwarded fact, read from its SQLite. */
  const oldestLocal = () =>
    t.app.db.$client.prepare('SELECT occurred_at AS at FROM outbox WHERE seq > (SELECT forwarded_seq FROM outbox_state WHERE id = 1) ORDER BY seq LIMIT 1').get() as { at: number } | undefined;

  beforeAll(async () => {
    central = await createCentralDb();
    pool = new pg.Pool({ connectionString: central.url, max: 2 });
    kdi = await central.addOutlet('KDI');
    wkt = await central.addOutlet('WKT');
    t = await startTestApi({ start: T0, forwarder: FAST });
    s = await seedShop(t);
    const conf = await t.api('central.configure', { outletCode: 'KDI', host: PG_HOST, port: PG_PORT, database: kdi.database, user: kdi.user, password: kdi.password, tls: 'prefer' }, s.admin);
    expect(conf.status, JSON.stringify(conf.body)).toBe(200);
  });

  afterAll(async () => {
    await t?.close();
    await pool?.end();
    await central?.drop();
  });

  it('an outlet that never reported shows no number; an idle outlet reports 0', async () => {
    const before = await row('KDI');
    expect(before).toMatchObject({ factsWaiting: null, oldestWaitingAt: null, waitingReportedAt: null });
    t.app.central.start();
    await until('KDI forwarded its history', async () => {
      const st = await status();
      return st.waiting === 0 && st.historyToPrepare === 0 && st.state === 'idle';
    });
    const after = await until('KDI reported 0', async () => {
      const r = await row('KDI');
      return r.factsWaiting === 0 && r;
    });
    expect(after.oldestWaitingAt).toBeNull();
    expect(Date.parse(after.waitingReportedAt!)).toBeGreaterThan(Date.now() - 60_000);
    // WKT never forwarded nor reported.
    expect(await row('WKT')).toMatchObject({ factsWaiting: null, lastForwardedAt: null, silent: true });
  });

  it('facts the central database refuses pile up at the outlet, and the office sees how many and since when', async () => {
    // A central database that does not know sales yet (as after an outlet upgraded first): KS001.
    saleKind = await central.query("SELECT kind, schema_version, description FROM central.fact_kinds WHERE kind = 'sale'");
    expect(saleKind.length).toBeGreaterThan(0);
    await central.query("DELETE FROM central.fact_kinds WHERE kind = 'sale'");
    await sell();
    await sell();
    await until('KDI refused', async () => (await status()).state === 'retrying');
    // The report made at the refusal is complete once the sales are in the outbox (they are: both acknowledged).
    await t.api('central.retry', {}, s.manager);
    const local = await status();
    expect(local.waiting).toBeGreaterThan(0);
    const r = await until('the dashboard shows the waiting facts', async () => {
      const x = await row('KDI');
      return x.factsWaiting === local.waiting && x;
    });
    expect(r.oldestWaitingAt).toBe(new Date(oldestLocal()!.at).toISOString());
    const d = await officeDashboard(pool, { today: '2026-12-01' });
    expect(d.totals.factsWaiting).toBe(local.waiting);
    // Nothing of the refused sales arrived.
    expect(await central.query("SELECT 1 FROM central.facts WHERE outlet_code = 'KDI' AND kind = 'sale'")).toEqual([]);

    // The central database learns the kind again: the facts go, and the office sees 0.
    for (const k of saleKind) await central.query('INSERT INTO central.fact_kinds (kind, schema_version, description) VALUES ($1, $2, $3)', [k.kind, k.schema_version, k.description]);
    // A retry pressed while a refused batch is still being answered is kept (Forwarder.nudge); press until it goes.
    await until('KDI forwarded the sales', async () => (await t.api<CentralStatus>('central.retry', {}, s.manager)).body.waiting === 0);
    const done = await until('the dashboard shows 0 again', async () => {
      const x = await row('KDI');
      return x.factsWaiting === 0 && x;
    });
    expect(done.oldestWaitingAt).toBeNull();
    expect((await central.query("SELECT count(*)::int AS n FROM central.facts WHERE outlet_code = 'KDI' AND kind = 'sale'"))[0].n).toBe(2);
  });

  it('an outlet writes only its own status row, and reads none', async () => {
    const before = await central.query("SELECT backlog FROM central.outlet_status WHERE outlet_code = 'KDI'");
    expect(before).toHaveLength(1);
    const c = await central.connectAs(wkt);
    try {
      await expect(c.query("INSERT INTO central.outlet_status (outlet_code, backlog, reported_at) VALUES ('KDI', 999, now())")).rejects.toMatchObject({ code: '42501' });
      await expect(c.query("UPDATE central.outlet_status SET backlog = 999 WHERE outlet_code = 'KDI'")).rejects.toMatchObject({ code: '42501' });
      await expect(c.query('SELECT * FROM central.outlet_status')).rejects.toMatchObject({ code: '42501' });
      await expect(c.query('SELECT central.report_outlet_status(-1, NULL)')).rejects.toMatchObject({ code: '22023' });
      expect((await c.query('SELECT central.report_outlet_status(7, $1) AS code', ['2026-11-30T01:00:00Z'])).rows[0].code).toBe('WKT');
    } finally {
      await c.end();
    }
    // KDI's own row as it was: WKT's writes (999) never landed. KDI itself reports every 100 ms here,
    // so only its time of report may have moved on.
    expect((await central.query("SELECT backlog FROM central.outlet_status WHERE outlet_code = 'KDI'")).map((r: { backlog: string }) => r.backlog)).toEqual(
      before.map((r: { backlog: string }) => r.backlog),
    );
    expect(await row('WKT')).toMatchObject({ factsWaiting: 7, oldestWaitingAt: '2026-11-30T01:00:00.000Z' });
    // A role that is not an outlet's may not report at all.
    const stranger = `${central.name}_stranger`;
    central.trackRole(stranger);
    await central.query(`CREATE ROLE ${stranger} LOGIN PASSWORD 'x'`);
    await central.query(`GRANT CONNECT ON DATABASE ${central.name} TO ${stranger}`);
    await central.query(`GRANT USAGE ON SCHEMA central TO ${stranger}`);
    const other = new pg.Client({ host: PG_HOST, port: PG_PORT, database: central.name, user: stranger, password: 'x' });
    await other.connect();
    try {
      await expect(other.query('SELECT central.report_outlet_status(1, NULL)')).rejects.toMatchObject({ code: '42501' });
    } finally {
      await other.end();
    }
  });

  it('forwarding goes on against a central database without report_outlet_status (not migrated yet)', async () => {
    await central.query('DROP FUNCTION central.report_outlet_status(bigint, timestamptz)');
    await sell();
    await until('KDI forwarded the sale', async () => {
      const st = await status();
      return st.waiting === 0 && st.state === 'idle' && st.lastError === null;
    });
    expect((await central.query("SELECT count(*)::int AS n FROM central.facts WHERE outlet_code = 'KDI' AND kind = 'sale'"))[0].n).toBe(3);
  });
});
