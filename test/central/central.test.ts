import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createCentralDb, type CentralDb } from '../support/central';
import { addOutlet, migrateCentral, releaseOutlet } from '../../src/central/admin';
import { FACTS } from '../../src/main/outbox/facts';

const INSTALL_A = '0193a000-0000-7000-8000-00000000000a';
const INSTALL_B = '0193a000-0000-7000-8000-00000000000b';
let seq = 0;
const uuid = () => `0193b000-0000-7000-8000-${String(++seq).padStart(12, '0')}`;

/** One fact row as the forwarder sends it. */
async function insertFact(client: pg.Client, f: { outlet: string; kind?: string; version?: number; payload?: object; id?: string; plain?: boolean }) {
  return client.query(
    `INSERT INTO central.facts (id, outlet_code, outlet_seq, kind, schema_version, business_day, occurred_at, payload)
     VALUES ($1, $2, $3, $4, $5, '2026-12-07', now(), $6)${f.plain ? '' : ' ON CONFLICT (id) DO NOTHING'}`,
    [f.id ?? uuid(), f.outlet, ++seq, f.kind ?? 'sale', f.version ?? 1, JSON.stringify(f.payload ?? { amount: 45_000, number: 'K1-20261207-0001' })],
  );
}

const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return err as { code: string; message: string };
  }
  throw new Error('expected PostgreSQL to refuse');
};

describe('central PostgreSQL: schema, row-level security, append-only', () => {
  let central: CentralDb;
  let wkt: Awaited<ReturnType<CentralDb['addOutlet']>>;
  let kdi: Awaited<ReturnType<CentralDb['addOutlet']>>;
  beforeAll(async () => {
    central = await createCentralDb();
    wkt = await central.addOutlet('WKT');
    kdi = await central.addOutlet('KDI');
  });
  afterAll(async () => {
    await central?.drop();
  });

  it('migrates idempotently and knows every fact kind and version this outlet version writes', async () => {
    await migrateCentral(central.url);
    const known = await central.query<{ kind: string; schema_version: number }>('SELECT kind, schema_version FROM central.fact_kinds');
    for (const f of FACTS) expect(known, f.kind).toContainEqual({ kind: f.kind, schema_version: f.version });
    const forced = await central.query<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relnamespace = 'central'::regnamespace AND relname IN ('facts', 'outlets') ORDER BY relname",
    );
    expect(forced).toEqual([
      { relname: 'facts', relrowsecurity: true, relforcerowsecurity: true },
      { relname: 'outlets', relrowsecurity: true, relforcerowsecurity: true },
    ]);
  });

  it('as outlet WKT: its own row goes in; a KDI row, an UPDATE and a DELETE are refused by PostgreSQL; it reads only its own', async () => {
    const asKdi = await central.connectAs(kdi);
    await insertFact(asKdi, { outlet: 'KDI', payload: { amount: 99_000 } });
    await asKdi.end();

    const asWkt = await central.connectAs(wkt);
    try {
      // Positive control: the same statement with its own code works.
      const own = await insertFact(asWkt, { outlet: 'WKT' });
      expect(own.rowCount).toBe(1);
      // Refused by the INSERT policy (a plain INSERT) and, with ON CONFLICT, by the SELECT policy too.
      const foreign = await refusal(insertFact(asWkt, { outlet: 'KDI', plain: true }));
      expect(foreign.message).toMatch(/row-level security/);
      expect((await refusal(insertFact(asWkt, { outlet: 'KDI' }))).message).toMatch(/row-level security/);
      const update = await refusal(asWkt.query("UPDATE central.facts SET payload = '{}' WHERE outlet_code = 'WKT'"));
      expect(update.message).toMatch(/permission denied/);
      const del = await refusal(asWkt.query("DELETE FROM central.facts WHERE outlet_code = 'WKT'"));
      expect(del.message).toMatch(/permission denied/);
      const truncate = await refusal(asWkt.query('TRUNCATE central.facts'));
      expect(truncate.message).toMatch(/permission denied/);
      // Reads: only WKT, though KDI's row is there.
      expect((await asWkt.query('SELECT DISTINCT outlet_code FROM central.facts')).rows).toEqual([{ outlet_code: 'WKT' }]);
      expect((await asWkt.query('SELECT code FROM central.outlets')).rows).toEqual([{ code: 'WKT' }]);
      const roleChange = await refusal(asWkt.query(`SET ROLE "${kdi.user}"`));
      expect(roleChange.message).toMatch(/permission denied/);
      expect((await refusal(asWkt.query('CREATE TEMP TABLE scratch (a int)'))).message).toMatch(/permission denied/);
      expect((await refusal(asWkt.query('CREATE TABLE public.scratch (a int)'))).message).toMatch(/permission denied/);
    } finally {
      await asWkt.end();
    }
    const all = await central.query('SELECT outlet_code, amount FROM central.facts ORDER BY outlet_code');
    expect(all).toEqual([
      { outlet_code: 'KDI', amount: '99000' },
      { outlet_code: 'WKT', amount: '45000' },
    ]);
  });

  it('is append-only for the owner too, and FORCE keeps a non-superuser owner inside the policies', async () => {
    const upd = await refusal(central.query("UPDATE central.facts SET payload = '{}'"));
    expect(upd.message).toMatch(/append-only: UPDATE refused/);
    expect((await refusal(central.query('DELETE FROM central.facts'))).message).toMatch(/append-only: DELETE refused/);
    expect((await refusal(central.query('TRUNCATE central.facts'))).message).toMatch(/append-only: TRUNCATE refused/);
    // A non-superuser owning the table is not exempt from row-level security (FORCE): it may not insert an outlet's row.
    const owner = `${central.name}_owner`;
    await central.query(`CREATE ROLE ${owner} LOGIN NOSUPERUSER`);
    central.trackRole(owner);
    await central.query(`GRANT CONNECT ON DATABASE ${central.name} TO ${owner}`);
    await central.query(`GRANT USAGE ON SCHEMA central TO ${owner}`);
    await central.query(`GRANT SELECT ON central.outlets TO ${owner}`);
    await central.query(`ALTER TABLE central.facts OWNER TO ${owner}`);
    const client = new pg.Client({ connectionString: central.url.replace('postgres@', `${owner}@`) });
    await client.connect();
    try {
      expect((await refusal(insertFact(client, { outlet: 'WKT' }))).message).toMatch(/row-level security/);
    } finally {
      await client.end();
      await central.query('ALTER TABLE central.facts OWNER TO postgres');
    }
  });

  it('refuses facts of a kind or schema version it does not know, with a clear error, and keeps nothing of that INSERT', async () => {
    const asWkt = await central.connectAs(wkt);
    try {
      const before = (await asWkt.query('SELECT count(*)::int AS n FROM central.facts')).rows[0].n;
      const ok = uuid();
      const err = await refusal(
        asWkt.query(
          `INSERT INTO central.facts (id, outlet_code, outlet_seq, kind, schema_version, business_day, occurred_at, payload)
           VALUES ($1, 'WKT', 900, 'sale', 1, '2026-12-07', now(), '{}'), ($2, 'WKT', 901, 'sale', 2, '2026-12-07', now(), '{}')`,
          [ok, uuid()],
        ),
      );
      expect(err.code).toBe('KS001');
      expect(err.message).toMatch(/unknown fact schema: kind "sale" version 2/);
      expect((await asWkt.query('SELECT count(*)::int AS n FROM central.facts')).rows[0].n).toBe(before);
      // Once the central database knows the version (a migration), the same facts go in.
      await central.query("INSERT INTO central.fact_kinds (kind, schema_version) VALUES ('sale', 2)");
      await insertFact(asWkt, { outlet: 'WKT', version: 2 });
    } finally {
      await asWkt.end();
    }
  });

  it('typed columns come from the payload and cannot disagree with it', async () => {
    const asWkt = await central.connectAs(wkt);
    try {
      const id = uuid();
      await insertFact(asWkt, {
        id,
        outlet: 'WKT',
        kind: 'sale_item',
        payload: { number: 'W1-20261207-0001', tillCode: 'W1', supplierId: 7, supplierCode: 'S007', district: 'Kabupaten Wakatobi', productId: 3, productSku: 'P003', qty: 2, amount: 90_000, supplierShare: 72_000, shopShare: 18_000 },
      });
      const err = await refusal(
        asWkt.query(
          `INSERT INTO central.facts (id, outlet_code, outlet_seq, kind, schema_version, business_day, occurred_at, payload, amount)
           VALUES ($1, 'WKT', 1, 'sale', 1, '2026-12-07', now(), '{}', 5)`,
          [uuid()],
        ),
      );
      expect(err.message).toMatch(/cannot insert a non-DEFAULT value into column "amount"/);
      const [row] = (await asWkt.query('SELECT number, till_code, supplier_id, supplier_code, district, product_id, product_sku, qty, amount, supplier_share, shop_share FROM central.facts WHERE id = $1', [id])).rows;
      expect(row).toEqual({ number: 'W1-20261207-0001', till_code: 'W1', supplier_id: 7, supplier_code: 'S007', district: 'Kabupaten Wakatobi', product_id: 3, product_sku: 'P003', qty: 2, amount: '90000', supplier_share: '72000', shop_share: '18000' });
      // The same id again: nothing happens (the forwarder's retries).
      expect((await insertFact(asWkt, { id, outlet: 'WKT', kind: 'sale_item' })).rowCount).toBe(0);
    } finally {
      await asWkt.end();
    }
  });

  it('an outlet code is claimed by one outlet database: wrong code, second installation and duplicate code are refused', async () => {
    await expect(addOutlet(central.url, 'WKT')).rejects.toThrow(/already exists/);
    const asWkt = await central.connectAs(wkt);
    try {
      expect((await asWkt.query('SELECT central.claim_outlet($1, $2) AS code', ['WKT', INSTALL_A])).rows[0].code).toBe('WKT');
      expect((await asWkt.query('SELECT central.claim_outlet($1, $2) AS code', ['WKT', INSTALL_A])).rows[0].code).toBe('WKT');
      const wrong = await refusal(asWkt.query('SELECT central.claim_outlet($1, $2)', ['KDI', INSTALL_A]));
      expect([wrong.code, wrong.message]).toEqual(['KS003', 'these credentials belong to outlet WKT, not KDI']);
      const second = await refusal(asWkt.query('SELECT central.claim_outlet($1, $2)', ['WKT', INSTALL_B]));
      expect(second.code).toBe('KS004');
      await releaseOutlet(central.url, 'WKT');
      expect((await asWkt.query('SELECT central.claim_outlet($1, $2) AS code', ['WKT', INSTALL_B])).rows[0].code).toBe('WKT');
    } finally {
      await asWkt.end();
    }
  });

  it('npm run central -- add-outlet creates the role and prints its credentials once', async () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/central/cli.ts', 'add-outlet', 'bbu', '--pg', central.url, '--name', 'PLUT Baubau'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const user = /user:\s+(\S+)/.exec(run.stdout)![1]!;
    const password = /password:\s+(\S+)/.exec(run.stdout)![1]!;
    central.trackRole(user);
    expect(user).toBe(`${central.name}_bbu`);
    expect(password.length).toBeGreaterThanOrEqual(20);
    const [row] = await central.query('SELECT code, name, role_name FROM central.outlets WHERE code = $1', ['BBU']);
    expect(row).toEqual({ code: 'BBU', name: 'PLUT Baubau', role_name: user });
    // The password is nowhere in the central tables.
    expect(JSON.stringify(await central.query('SELECT * FROM central.outlets'))).not.toContain(password);
    const asBbu = await central.connectAs({ code: 'BBU', user, password, database: central.name });
    try {
      expect((await insertFact(asBbu, { outlet: 'BBU' })).rowCount).toBe(1);
    } finally {
      await asBbu.end();
    }
    const again = spawnSync(process.execPath, ['--import', 'tsx', 'src/central/cli.ts', 'add-outlet', 'BBU', '--pg', central.url], { encoding: 'utf8' });
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  });
});
