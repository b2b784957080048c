/**
 * Office mode's server (issue 20) over a real central PostgreSQL fed by a real
 * forwarding outlet: office users log in with their central accounts; a viewer
 * reaches every read procedure and no write procedure (refused before it runs,
 * nothing changes, with an admin as the positive control); shop procedures do
 * not exist here; office mode refuses to open a shop database.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createCentralDb, PG_HOST, PG_PORT, type CentralDb } from '../support/central';
import { seedShop, startTestApi, T0, type Seeded, type TestApi } from '../support/api-harness';
import { OFFICE_PROCEDURES, startOfficeServer, type OfficeServer } from '../../src/central/office-server';
import { createOfficeUser } from '../../src/central/office-users';

const run = promisify(execFile);
const TODAY = '2026-11-29';

describe('office mode server', () => {
  let central: CentralDb;
  let outlet: TestApi;
  let s: Seeded;
  let office: OfficeServer;
  let pool: pg.Pool;

  const post = async (name: string, input: unknown, token?: string) => {
    const r = await fetch(`${office.url}/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ input }),
    });
    return { status: r.status, body: (await r.json()) as any };
  };
  const login = async (username: string, password: string) => (await post('auth.login', { username, password })).body.result.token as string;
  const centralState = async () => ({
    audit: await central.query('SELECT id, actor, action FROM central.office_audit ORDER BY id'),
    links: await central.query('SELECT * FROM central.umkm_links ORDER BY 1, 2'),
    users: await central.query('SELECT username, role FROM central.office_users ORDER BY 1'),
    facts: (await central.query('SELECT count(*)::int AS n FROM central.facts'))[0].n,
  });

  beforeAll(async () => {
    central = await createCentralDb();
    const creds = await central.addOutlet('KDI');
    outlet = await startTestApi({ start: T0, forwarder: { pollMs: 30, backoffMinMs: 30, backoffMaxMs: 150, batchSize: 100, connectTimeoutMs: 3000 } });
    s = await seedShop(outlet);
    await outlet.api('suppliers.update', { id: s.supplierId, nib: '9120301234567' }, s.manager);
    await outlet.api('sales.checkout', { clientRequestId: 'office-srv-1', lines: [{ productId: s.meteId, qty: 2 }], payments: [{ method: 'qris', amount: 100_000 }] }, s.cashier);
    const conf = await outlet.api('central.configure', { outletCode: 'KDI', host: PG_HOST, port: PG_PORT, database: creds.database, user: creds.user, password: creds.password, tls: 'prefer' }, s.admin);
    expect(conf.status).toBe(200);
    outlet.app.central.start();
    const end = Date.now() + 60_000;
    for (;;) {
      const st = (await outlet.api<any>('central.status', {}, s.manager)).body;
      if (st.waiting === 0 && st.historyToPrepare === 0 && st.state === 'idle') break;
      if (Date.now() > end) throw new Error('outlet did not forward');
      await new Promise((r) => setTimeout(r, 50));
    }
    pool = new pg.Pool({ connectionString: central.url, max: 1 });
    await createOfficeUser(pool, { username: 'kepala', name: 'Kepala Dinas', role: 'admin', password: 'rahasia-admin', actor: 'test' });
    await createOfficeUser(pool, { username: 'staf', name: 'Staf Kantor', role: 'viewer', password: 'rahasia-staf', actor: 'test' });
    office = await startOfficeServer({ pgUrl: central.url });
  }, 180_000);

  afterAll(async () => {
    await office?.close();
    await outlet?.close();
    await pool?.end();
    await central?.drop();
  });

  it('office users log in with their central accounts; passwords are stored hashed; a wrong one is refused in words', async () => {
    const rows = await central.query('SELECT password_hash FROM central.office_users');
    for (const r of rows) expect(r.password_hash).toMatch(/^scrypt\$16384\$/);
    expect(JSON.stringify(rows)).not.toContain('rahasia');
    const wrong = await post('auth.login', { username: 'staf', password: 'salah-sekali' });
    expect(wrong).toEqual({ status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'Nama pengguna atau kata sandi salah' } } });
    const nobody = await post('auth.login', { username: 'siapa', password: 'rahasia-staf' });
    expect(nobody.status).toBe(401);
    expect((await post('office.dashboard', {})).status).toBe(401);
    const token = await login('staf', 'rahasia-staf');
    expect((await post('office.me', {}, token)).body.result).toEqual({ username: 'staf', name: 'Staf Kantor', role: 'viewer' });
  });

  it('a viewer reads every report but reaches no write procedure; an admin can (positive control), audited', async () => {
    const viewer = await login('staf', 'rahasia-staf');
    const reads: Record<string, unknown> = {
      'office.me': {},
      'office.dashboard': { today: TODAY },
      'office.sales': { dimension: 'supplier', from: TODAY, to: TODAY },
      'office.stock': {},
      'office.nearExpiry': { today: TODAY, days: 30 },
      'office.payouts': { from: TODAY, to: TODAY },
      'office.province': { from: TODAY, to: TODAY },
      'office.umkm.list': {},
      'office.statement': { umkmKey: 'NIB 9120301234567', from: TODAY, to: TODAY },
      'office.statementHtml': { umkmKey: 'NIB 9120301234567', from: TODAY, to: TODAY },
      'office.export': { report: 'sales', format: 'csv', dimension: 'outlet', from: TODAY, to: TODAY },
    };
    const writes: Record<string, unknown> = {
      'office.umkm.link': { outletCode: 'KDI', supplierId: s.supplier2Id, umkmKey: 'NIB 9120301234567' },
      'office.users.create': { username: 'baru', name: 'Baru', role: 'admin', password: 'rahasia-baru' },
    };
    // The catalogue is exactly these: a new procedure must be classified here.
    expect(Object.keys(OFFICE_PROCEDURES).sort()).toEqual([...Object.keys(reads), ...Object.keys(writes)].sort());
    for (const [name, p] of Object.entries(OFFICE_PROCEDURES)) expect(p.write, name).toBe(name in writes);
    for (const [name, input] of Object.entries(reads)) {
      const r = await post(name, input, viewer);
      expect(r.status, `${name} ${JSON.stringify(r.body)}`).toBe(200);
    }
    const sales = (await post('office.sales', reads['office.sales'], viewer)).body.result;
    expect(sales.rows).toEqual([expect.objectContaining({ key: 'NIB 9120301234567', label: 'UD Mete Muna', units: 2, sales: 100_000, supplierShare: 80_000 })]);
    const before = await centralState();
    for (const [name, input] of Object.entries(writes)) {
      const r = await post(name, input, viewer);
      expect(r, name).toEqual({ status: 403, body: { error: { code: 'FORBIDDEN', message: 'Hanya admin kantor yang boleh mengubah data' } } });
    }
    expect(await centralState()).toEqual(before);
    const admin = await login('kepala', 'rahasia-admin');
    for (const [name, input] of Object.entries(writes)) expect((await post(name, input, admin)).status, name).toBe(200);
    const after = await centralState();
    expect(after.links).toEqual([expect.objectContaining({ outlet_code: 'KDI', supplier_id: s.supplier2Id, umkm_key: 'NIB 9120301234567', linked_by: 'kepala' })]);
    expect(after.audit.slice(before.audit.length).map((a: any) => [a.actor, a.action])).toEqual([
      ['kepala', 'umkm.link'],
      ['kepala', 'user.create'],
    ]);
    expect(after.facts).toBe(before.facts);
  });

  it('shop procedures do not exist in office mode; bad input is refused in words', async () => {
    const admin = await login('kepala', 'rahasia-admin');
    for (const name of ['sales.checkout', 'suppliers.update', 'settlements.create', 'central.configure', 'backup.restore']) {
      const r = await post(name, {}, admin);
      expect(r.status, name).toBe(404);
      expect(r.body.error.code).toBe('NOT_FOUND');
    }
    const bad = await post('office.sales', { dimension: 'kota', from: TODAY, to: TODAY }, admin);
    expect(bad).toEqual({ status: 400, body: { error: { code: 'VALIDATION', message: 'dimension: tidak sah' } } });
    expect((await post('office.payouts', { from: '2026-12-31', to: TODAY }, admin)).body.error.message).toBe('from: tanggal awal setelah tanggal akhir');
  });

  it('prints the consolidated statement as an A4 page and exports reports as CSV and XLSX', async () => {
    const viewer = await login('staf', 'rahasia-staf');
    const html = (await post('office.statementHtml', { umkmKey: 'NIB 9120301234567', from: TODAY, to: TODAY }, viewer)).body.result.html as string;
    expect(html).toContain('size: A4');
    expect(html).toContain('NIB 9120301234567');
    expect(html).toContain('Rp 80.000');
    expect(html).toContain('29/11/2026');
    const csv = (await post('office.export', { report: 'sales', format: 'csv', dimension: 'outlet', from: TODAY, to: TODAY }, viewer)).body.result;
    expect(csv.filename).toBe('penjualan-outlet-2026-11-29-2026-11-29.csv');
    expect(Buffer.from(csv.base64, 'base64').toString('utf8')).toBe('\uFEFFOutlet,Nama,Unit,Penjualan,Hak pemasok,Bagian toko\r\nKDI,,2,100000,80000,20000\r\n');
    const xlsx = (await post('office.export', { report: 'province', format: 'xlsx', from: TODAY, to: TODAY }, viewer)).body.result;
    expect(Buffer.from(xlsx.base64, 'base64').subarray(0, 2).toString()).toBe('PK');
  });

  it('docs/outlets.md lists every office procedure with its role', () => {
    const doc = readFileSync(new URL('../../docs/outlets.md', import.meta.url), 'utf8').split('\n');
    for (const [name, p] of Object.entries(OFFICE_PROCEDURES)) {
      if (name === 'office.me') continue;
      const row = doc.find((l) => l.startsWith('| `') && l.split('|')[1]!.includes(`\`${name}\``));
      expect(row, name).toBeDefined();
      expect(row!.split('|')[2]!.trim(), name).toBe(p.write ? '**admin**' : 'viewer');
    }
  });

  it('office mode cannot open a shop database', async () => {
    // A copy of the shop's database, so that its bytes can be checked afterwards.
    const shopFile = join(mkdtempSync(join(tmpdir(), 'kasir-office-')), 'kasir.db');
    await outlet.app.db.$client.backup(shopFile);
    const bytes = readFileSync(shopFile);
    await expect(startOfficeServer({ pgUrl: shopFile })).rejects.toThrow('Mode kantor hanya membuka database pusat PostgreSQL');
    await expect(startOfficeServer({ pgUrl: `sqlite://${shopFile}` })).rejects.toThrow('bukan database toko');
    // A PostgreSQL database that is not a migrated central one is refused too.
    await expect(startOfficeServer({ pgUrl: `postgres://postgres@${PG_HOST}:${PG_PORT}/postgres` })).rejects.toThrow('bukan database pusat');
    // The command line refuses a shop database as well, before anything is opened.
    const cli = async (args: string[]) => run('npx', ['tsx', 'src/central/office-cli.ts', ...args], { cwd: process.cwd() }).then(
      () => ({ code: 0, stderr: '' }),
      (e: any) => ({ code: e.code as number, stderr: String(e.stderr) }),
    );
    expect(await cli(['--db', shopFile])).toMatchObject({ code: 2, stderr: expect.stringContaining('tidak membuka database toko') });
    expect(await cli(['--pg', shopFile])).toMatchObject({ code: 1, stderr: expect.stringContaining('bukan database toko') });
    expect(readFileSync(shopFile).equals(bytes)).toBe(true);
  }, 60_000);
});
