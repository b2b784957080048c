import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createCentralDb, startTcpProxy, PG_HOST, PG_PORT, type CentralDb, type TcpProxy } from '../support/central';
import { seedShop, startTestApi, type Seeded, type TestApi } from '../support/api-harness';
import type { OutletCredentials } from '../../src/central/admin';
import { describeError } from '../../src/main/outbox/forwarder';
import { outboxState, pruneForwarded, waitingCount } from '../../src/main/outbox/outbox';
import { runBackup } from '../../src/main/core/backup';
import type { CentralStatus } from '../../src/shared/types-outlets';

const FAST = { pollMs: 30, backoffMinMs: 30, backoffMaxMs: 150, batchSize: 7, connectTimeoutMs: 3000 };

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false | ''> | T | null, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v as T;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

type LocalFact = { seq: number; id: string; kind: string; schema_version: number; outlet_code: string; business_day: string; payload: string };

describe('forwarding to the central PostgreSQL', () => {
  let central: CentralDb;
  let wkt: OutletCredentials;
  let t: TestApi;
  let s: Seeded;
  let proxy: TcpProxy | undefined;
  let saleNo = 0;

  const api = async <T = any>(name: string, input: unknown, token: string): Promise<T> => {
    const r = await t.api<T>(name, input, token);
    if (r.status !== 200) throw new Error(`${name}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const status = () => api<CentralStatus>('central.status', {}, s.manager);
  const sell = () => api('sales.checkout', { clientRequestId: `fwd-sale-${++saleNo}`, lines: [{ productId: s.meteId, qty: 1 }], payments: [{ method: 'cash', amount: 50_000 }] }, s.cashier);
  const configure = (extra: Record<string, unknown> = {}) =>
    t.api<any>('central.configure', { outletCode: 'WKT', host: PG_HOST, port: PG_PORT, database: wkt.database, user: wkt.user, password: wkt.password, tls: 'prefer', ...extra }, s.admin);
  const local = () => t.app.db.$client.prepare('SELECT seq, id, kind, schema_version, outlet_code, business_day, payload FROM outbox ORDER BY seq').all() as LocalFact[];
  const centralFacts = () =>
    central.query<{ id: string; outlet_seq: string; kind: string; schema_version: number; outlet_code: string; business_day: string; payload: unknown; received_at: Date }>(
      "SELECT id::text, outlet_seq, kind, schema_version, outlet_code, to_char(business_day, 'YYYY-MM-DD') AS business_day, payload, received_at FROM central.facts ORDER BY outlet_seq, id",
    );
  const allForwarded = async () => {
    const st = await status();
    return st.waiting === 0 && st.historyToPrepare === 0 && st.state === 'idle' ? st : null;
  };

  beforeEach(async () => {
    central = await createCentralDb();
    wkt = await central.addOutlet('WKT');
    t = await startTestApi({ forwarder: FAST });
    s = await seedShop(t);
    saleNo = 0;
    t.app.central.start();
  });
  afterEach(async () => {
    await t.close();
    await proxy?.close();
    proxy = undefined;
    await central.drop();
  });

  it('is off until an admin configures it; configuring proves the credentials, freezes the code and sends the whole history', async () => {
    await sell();
    expect(await status()).toMatchObject({ state: 'off', outletCode: null, codeFrozen: false, waiting: 0, connection: null });
    expect((await t.api('central.configure', {}, s.manager)).status).toBe(403);
    // Credentials of WKT with another code, a wrong password's user, an unreachable server: refused in words, nothing changes.
    const wrongCode = await configure({ outletCode: 'KDI' });
    expect(wrongCode.body.error).toMatchObject({ code: 'VALIDATION', message: 'Kode outlet tidak cocok dengan login ini (these credentials belong to outlet WKT, not KDI).' });
    const unknownUser = await configure({ user: `${central.name}_nobody` });
    expect(unknownUser.body.error.message).toMatch(/login|tidak/i);
    const closed = await startTcpProxy();
    await closed.cut();
    const unreachable = await configure({ port: closed.port });
    expect(unreachable.body.error.message).toBe(`Kantor pusat tidak dapat dihubungi: koneksi ke ${PG_HOST}:${closed.port} ditolak.`);
    expect(outboxState(t.app.db)).toMatchObject({ enabled: false, outletCode: null });
    expect(await status()).toMatchObject({ state: 'off', codeFrozen: false });

    const ok = await configure({ pruneDays: 14 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ outletCode: 'WKT', codeFrozen: true, pruneDays: 14, connection: { host: PG_HOST, user: wkt.user, hasPassword: true, tls: 'prefer' } });
    expect(JSON.stringify(ok.body)).not.toContain(wkt.password);
    expect((await api('settings.get', {}, s.cashier)).outletCode).toBe('WKT');
    const done = await until('history forwarded', allForwarded);
    expect(done.lastForwardedAt).not.toBeNull();
    expect(done.tlsInUse).toBe(false); // the test server offers no TLS: "prefer" falls back to plain

    // Live sales after the history; the central rows are the outbox, fact for fact.
    await sell();
    await sell();
    await until('live facts forwarded', allForwarded);
    const mine = local();
    const theirs = await centralFacts();
    expect(theirs.map((f) => [f.id, Number(f.outlet_seq), f.kind, f.schema_version, f.outlet_code, f.business_day, f.payload])).toEqual(
      mine.map((f) => [f.id, f.seq, f.kind, f.schema_version, f.outlet_code, f.business_day, JSON.parse(f.payload)]),
    );
    expect(mine.filter((f) => f.kind === 'sale').length).toBe(3);

    // The code is frozen; the connection can change (same user: the saved password is kept).
    const other = await configure({ outletCode: 'KDI' });
    expect(other.body.error).toMatchObject({ code: 'CONFLICT', message: 'Kode outlet sudah dikunci sebagai WKT sejak pengiriman ke kantor pusat dimulai.' });
    const again = await configure({ password: undefined, tls: 'disable' });
    expect(again.status).toBe(200);
    expect(again.body.connection.tls).toBe('disable');
  });

  it('an outage through a proxy: the outlet keeps selling, says why in the back office, and catches up in order', async () => {
    proxy = await startTcpProxy();
    expect((await configure({ port: proxy.port })).status).toBe(200);
    await until('history forwarded', allForwarded);
    await proxy.cut();
    for (let i = 0; i < 12; i++) await sell(); // the till does not wait for the island's link
    const down = await until('the outage noticed', async () => {
      const st = await status();
      return st.lastError && st.state === 'retrying' ? st : null;
    });
    expect(down.lastError).toMatch(/^(Kantor pusat tidak dapat dihubungi|Koneksi ke kantor pusat)/);
    expect(down.waiting).toBe(12 * 4);
    expect(down.nextAttemptAt).not.toBeNull();
    const before = await centralFacts();
    await proxy.restore();
    const back = await until('caught up', allForwarded);
    expect(back.lastError).toBeNull();
    const after = await centralFacts();
    expect(after.length).toBe(before.length + 12 * 4);
    expect(after.map((f) => f.id).sort()).toEqual(local().map((f) => f.id).sort());
    // In order: what arrived later has the later seqs (received_at is per committed batch).
    for (let i = 1; i < after.length; i++) expect(after[i]!.received_at.getTime()).toBeGreaterThanOrEqual(after[i - 1]!.received_at.getTime());
  });

  it('facts of a schema version the central database does not know stay at the outlet until it is migrated', async () => {
    expect((await configure()).status).toBe(200);
    await until('history forwarded', allForwarded);
    // A newer outlet version writes kind "sale" version 2 (simulated), then a normal sale.
    t.app.db.$client
      .prepare(
        `INSERT INTO outbox (id, kind, schema_version, outlet_code, business_day, occurred_at, payload)
         VALUES (uuidv7(), 'sale', 2, 'WKT', '2026-11-29', 0, '{"amount": 1}')`,
      )
      .run();
    await sell();
    const stuck = await until('refusal', async () => ((await status()).lastError ? status() : null));
    expect(stuck.lastError).toMatch(/^Kantor pusat belum mengenal jenis data ini \(unknown fact schema: kind "sale" version 2/);
    expect(stuck.lastError).toMatch(/Data tetap tersimpan di outlet/);
    expect(stuck.waiting).toBe(5);
    expect((await centralFacts()).some((f) => f.kind === 'sale' && f.schema_version === 2)).toBe(false);
    // The central database is migrated to know it; the outlet sends everything, in order.
    await central.query("INSERT INTO central.fact_kinds (kind, schema_version) VALUES ('sale', 2)");
    await api('central.retry', {}, s.manager);
    await until('forwarded after migration', allForwarded);
    expect((await centralFacts()).map((f) => f.id)).toEqual(local().map((f) => f.id));
  });

  it('a crash after PostgreSQL committed but before the cursor was saved: the batch is not sent twice, no restore is claimed', async () => {
    expect((await configure()).status).toBe(200);
    await until('history forwarded', allForwarded);
    await api('central.pause', { paused: true }, s.admin);
    await sell();
    await sell();
    // What the forwarder does up to COMMIT, then "dies" before saving the cursor.
    const pending = local().filter((f) => f.seq > outboxState(t.app.db).forwardedSeq);
    const client = await central.connectAs(wkt);
    await client.query('BEGIN');
    for (const f of pending.slice(0, 5)) {
      await client.query(
        `INSERT INTO central.facts (id, outlet_code, outlet_seq, kind, schema_version, business_day, occurred_at, payload) VALUES ($1, $2, $3, $4, $5, $6, now(), $7)`,
        [f.id, f.outlet_code, f.seq, f.kind, f.schema_version, f.business_day, f.payload],
      );
    }
    await client.query('COMMIT');
    await client.end();
    await api('central.pause', { paused: false }, s.admin);
    const done = await until('forwarded', allForwarded);
    expect(done.restoreNotice).toBeNull();
    const theirs = await centralFacts();
    expect(theirs.map((f) => f.id)).toEqual(local().map((f) => f.id));
    expect(new Set(theirs.map((f) => f.id)).size).toBe(theirs.length);
  });

  it('a restore from an older backup, then new sales: central keeps what it had, gets the new facts, no id collides', async () => {
    expect((await configure()).status).toBe(200);
    await sell();
    await until('forwarded', allForwarded);
    const folder = mkdtempSync(join(tmpdir(), 'kasir-backup-'));
    const backup = await runBackup(t.app.ctx, { folder });
    // After the backup: four more sales reach the central database...
    for (let i = 0; i < 4; i++) await sell();
    await until('forwarded', allForwarded);
    const beforeRestore = await centralFacts();
    const lostSales = beforeRestore.filter((f) => f.kind === 'sale').slice(-4);
    // ...then the PC's disk dies and the older backup is restored.
    expect((await t.api('backup.restore', { file: backup.file }, s.admin)).status).toBe(200);
    expect(local().filter((f) => f.kind === 'sale').length).toBe(1);
    for (let i = 0; i < 3; i++) await sell();
    const done = await until('forwarded after restore', allForwarded);
    expect(done.restoreNotice).toMatchObject({ localSeq: expect.any(Number), centralSeq: Number(beforeRestore.at(-1)!.outlet_seq) });
    expect(done.restoreNotice!.centralSeq).toBeGreaterThan(done.restoreNotice!.localSeq);

    const after = await centralFacts();
    const ids = after.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Everything central had is still there, untouched.
    for (const f of beforeRestore) expect(after.find((x) => x.id === f.id)?.payload, f.id).toEqual(f.payload);
    // Every fact of the restored database is there too; the new sales reuse the lost sales' numbers under new ids.
    for (const f of local()) expect(ids).toContain(f.id);
    expect(after.length).toBe(beforeRestore.length + 3 * 4);
    const newSales = local().filter((f) => f.kind === 'sale').slice(-3);
    expect(newSales.map((f) => JSON.parse(f.payload).number)).toEqual(lostSales.slice(0, 3).map((f) => (f.payload as { number: string }).number));
    expect(newSales.every((f) => !lostSales.some((l) => l.id === f.id))).toBe(true);
    // The back office can acknowledge the notice.
    expect((await api<CentralStatus>('central.dismissNotice', {}, s.admin)).restoreNotice).toBeNull();
  });

  it('a database that never forwarded cannot start while the central one already holds its outlet (no history counted twice)', async () => {
    expect((await configure()).status).toBe(200);
    await until('forwarded', allForwarded);
    const second = await startTestApi({ forwarder: FAST });
    try {
      const s2 = await seedShop(second);
      await central.query("UPDATE central.outlets SET installation_id = NULL WHERE code = 'WKT'"); // as if released for a replacement PC
      const r = await second.api<any>('central.configure', { outletCode: 'WKT', host: PG_HOST, port: PG_PORT, database: wkt.database, user: wkt.user, password: wkt.password, tls: 'prefer' }, s2.admin);
      expect(r.body.error).toMatchObject({ code: 'CONFLICT' });
      expect(r.body.error.message).toMatch(/^Kantor pusat sudah menyimpan \d+ data outlet WKT, tetapi database ini belum pernah mengirim/);
      expect(outboxState(second.app.db).enabled).toBe(false);
    } finally {
      await second.close();
    }
  });

  it('paused forwards nothing; forwarded facts older than the set days are pruned, unsent ones never', async () => {
    expect((await configure({ pruneDays: 30 })).status).toBe(200);
    await until('forwarded', allForwarded);
    const forwarded = local().length;
    await api('central.pause', { paused: true }, s.admin);
    await sell();
    await new Promise((r) => setTimeout(r, 300));
    expect(await status()).toMatchObject({ state: 'paused', waiting: 4 });
    const cursor = outboxState(t.app.db).forwardedSeq;
    // 31 days later: every forwarded fact goes, the 4 unsent stay, the cursor stays.
    const later = Date.now() + 31 * 86_400_000;
    let pruned = 0;
    for (let n; (n = pruneForwarded(t.app.db, 30, later, 50)) > 0; ) pruned += n;
    expect(pruned).toBe(forwarded);
    expect(local().length).toBe(4);
    expect(outboxState(t.app.db).forwardedSeq).toBe(cursor);
    expect(waitingCount(t.app.db)).toBe(4);
    // Not old enough: nothing is pruned.
    await api('central.pause', { paused: false }, s.admin);
    await until('forwarded', allForwarded);
    expect(pruneForwarded(t.app.db, 30, Date.now())).toBe(0);
    expect((await centralFacts()).length).toBe(forwarded + 4);
  });
});

describe('the last error in words', () => {
  it('names the usual failures in Bahasa Indonesia', () => {
    const conn = { host: 'pusat.example', port: 5432, database: 'kasir_pusat', user: 'x', tls: 'prefer' as const };
    expect(describeError({ code: 'ENOTFOUND' }, conn)).toBe('Alamat kantor pusat pusat.example tidak ditemukan. Periksa alamat server atau koneksi internet.');
    expect(describeError({ code: '28P01' }, conn)).toBe('Kantor pusat menolak login: nama pengguna atau kata sandi salah.');
    expect(describeError({ code: '3D000' }, conn)).toBe('Database kasir_pusat tidak ada di server kantor pusat.');
    expect(describeError(new Error('Connection terminated unexpectedly'), conn)).toBe('Koneksi ke kantor pusat (pusat.example:5432) terputus.');
    expect(describeError(new Error('Query read timeout'), conn)).toBe('Kantor pusat (pusat.example:5432) tidak menjawab (waktu habis).');
  });

  it('says so when TLS is required and the server offers none', async () => {
    const central = await createCentralDb();
    const t = await startTestApi({ forwarder: FAST });
    try {
      const s = await seedShop(t);
      const c = await central.addOutlet('WKT');
      const r = await t.api<any>('central.configure', { outletCode: 'WKT', host: PG_HOST, port: PG_PORT, database: c.database, user: c.user, password: c.password, tls: 'require' }, s.admin);
      expect(r.body.error.message).toBe('Server kantor pusat tidak menawarkan TLS, padahal TLS diwajibkan.');
      // pg itself, for the record: the same client with TLS refused.
      const client = new pg.Client({ host: PG_HOST, port: PG_PORT, user: c.user, database: c.database, ssl: { rejectUnauthorized: false } });
      await expect(client.connect()).rejects.toThrow(/does not support SSL/);
    } finally {
      await t.close();
      await central.drop();
    }
  });
});
