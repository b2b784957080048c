import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync, copyFileSync, openSync, writeSync, closeSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedShop, startTestApi, type Seeded, type TestApi } from '../support/api-harness';

let t: TestApi;
let s: Seeded;
let folder: string;

beforeEach(async () => {
  t = await startTestApi();
  s = await seedShop(t);
  folder = join(mkdtempSync(join(tmpdir(), 'kasir-usb-')), 'cadangan');
});
afterEach(async () => t.close());

const sell = (id: string) =>
  t.api('sales.checkout', { clientRequestId: id, lines: [{ productId: s.meteId, qty: 1 }], payments: [{ method: 'cash', amount: 50_000 }] }, s.cashier);
const countSales = (file: string) => {
  const db = new Database(file, { readonly: true });
  const n = (db.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n;
  db.close();
  return n;
};

describe('backups', () => {
  it('backs up with the online backup API into the folder, keeping the newest N', async () => {
    expect((await t.api('backup.configure', { folder, keep: 2 }, s.manager)).body.error.code).toBe('FORBIDDEN');
    expect((await t.api('backup.configure', { folder, keep: 2 }, s.admin)).status).toBe(200);
    await sell('backup-sale-01');
    const first = await t.api('backup.run', {}, s.manager);
    expect(first.status).toBe(200);
    expect(first.body.file).toMatch(/kasir-plut-20261129-100000\.db$/);
    expect(countSales(first.body.file)).toBe(1);
    t.clock.advance(60_000);
    await t.api('backup.run', {}, s.manager);
    t.clock.advance(60_000);
    await t.api('backup.run', {}, s.manager);
    const files = readdirSync(folder).sort();
    expect(files).toEqual(['kasir-plut-20261129-100100.db', 'kasir-plut-20261129-100200.db']);
    const status = (await t.api('backup.status', {}, s.manager)).body;
    expect(status).toMatchObject({ folder, keep: 2, lastError: null, lastBackupAt: t.clock.now() });
    expect(status.files).toHaveLength(2);
  });

  it('backs up automatically when a shift closes', async () => {
    await t.api('backup.configure', { folder, keep: 30 }, s.admin);
    await sell('backup-sale-02');
    await t.api('shifts.close', { countedCash: 250_000 }, s.cashier);
    for (let i = 0; i < 50 && !existsSync(folder); i++) await new Promise((r) => setTimeout(r, 20));
    for (let i = 0; i < 50 && readdirSync(folder).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    const [file] = readdirSync(folder);
    expect(countSales(join(folder, file))).toBe(1);
  });

  it('shows a failed backup instead of failing silently', async () => {
    const blocker = join(mkdtempSync(join(tmpdir(), 'kasir-bad-')), 'a-file');
    writeFileSync(blocker, 'not a folder');
    await t.api('backup.configure', { folder: join(blocker, 'sub'), keep: 5 }, s.admin);
    const r = await t.api('backup.run', {}, s.manager);
    expect(r.status).toBe(409);
    expect(r.body.error.message).toContain('Cadangan gagal');
    const status = (await t.api('backup.status', {}, s.manager)).body;
    expect(status.lastError).toEqual(expect.any(String));
    expect(status.lastBackupAt).toBeNull();
  });
});

describe('restore', () => {
  it('restores a backup into the running app, keeping a safety copy of the current data', async () => {
    await t.api('backup.configure', { folder, keep: 5 }, s.admin);
    await sell('restore-sale-01');
    const backup = (await t.api('backup.run', {}, s.manager)).body.file as string;
    await sell('restore-sale-02');
    await sell('restore-sale-03');
    expect(countSales(t.dbPath)).toBe(3);
    const r = await t.api('backup.restore', { file: backup }, s.admin);
    expect(r.status).toBe(200);
    expect(countSales(t.dbPath)).toBe(1);
    expect(countSales(r.body.safetyCopy)).toBe(3);
    // The running app sees the restored data and keeps selling from it.
    const stock = (await t.api('products.get', { id: s.meteId }, s.cashier)).body.stock;
    expect(stock).toBe(14);
    expect((await sell('restore-sale-04')).status).toBe(200);
  });

  it('refuses files that are not healthy Kasir PLUT databases of this version, changing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kasir-restore-'));
    const text = join(dir, 'catatan.db');
    writeFileSync(text, 'ini bukan database');
    const other = join(dir, 'other.db');
    new Database(other).exec('CREATE TABLE x (a); INSERT INTO x VALUES (1);');
    const newer = join(dir, 'newer.db');
    await t.app.db.$client.backup(newer);
    new Database(newer).prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('future', 9_999_999_999_999);
    const corrupt = join(dir, 'corrupt.db');
    await t.app.db.$client.backup(corrupt);
    const fd = openSync(corrupt, 'r+');
    const size = statSync(corrupt).size;
    for (let off = 4096; off < size; off += 4096) writeSync(fd, Buffer.alloc(64, 0xab), 0, 64, off + 8);
    closeSync(fd);

    const before = countSales(t.dbPath);
    await sell('restore-guard-01');
    for (const [file, message] of [
      [text, 'bukan'],
      [other, 'bukan database Kasir PLUT'],
      [newer, 'versi Kasir PLUT yang lebih baru'],
      [corrupt, 'rusak'],
      [join(dir, 'missing.db'), 'tidak ditemukan'],
    ] as const) {
      const r = await t.api('backup.restore', { file }, s.admin);
      expect(r.status, file).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(r.body.error.message).toContain(message);
    }
    expect(countSales(t.dbPath)).toBe(before + 1);
    expect((await t.api('backup.restore', { file: text }, s.manager)).body.error.code).toBe('FORBIDDEN');
  });

  it('backs up and restores from the command line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kasir-cli-'));
    const db = join(dir, 'kasir.db');
    copyFileSync(t.dbPath, db); // WAL is checkpointed by the backup below anyway
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [resolve('node_modules/tsx/dist/cli.mjs'), 'src/main/cli.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
    const source = join(dir, 'source.db');
    // A consistent copy of the test database to work on.
    const live = new Database(t.dbPath, { readonly: true });
    live.exec(`VACUUM INTO '${source}'`);
    live.close();
    const backup = cli('backup', '--db', source, '--to', join(dir, 'usb'));
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toContain('Backup written');
    const [file] = readdirSync(join(dir, 'usb'));
    const restore = cli('restore', '--db', db, '--from', join(dir, 'usb', file));
    expect(restore.status, restore.stderr).toBe(0);
    expect(restore.stdout).toContain('previous database was kept');
    const bad = cli('restore', '--db', db, '--from', join(dir, 'nope.db'));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('tidak ditemukan');
  });
});
