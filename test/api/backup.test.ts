import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, copyFileSync, openSync, writeSync, closeSync, statSync, unlinkSync } from 'node:fs';
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

  it('refuses a folder no backup can be written to, and changes nothing', async () => {
    await t.api('backup.configure', { folder, keep: 5 }, s.admin);
    const blocker = join(mkdtempSync(join(tmpdir(), 'kasir-bad-')), 'a-file');
    writeFileSync(blocker, 'not a folder');
    for (const [bad, said] of [
      [join(blocker, 'sub'), 'Folder cadangan tidak bisa dipakai: foldernya tidak ada dan tidak bisa dibuat'],
      ['/proc/nonexistent/x', 'Folder cadangan tidak bisa dipakai:'],
      ['cadangan', 'Tulis folder lengkap'],
    ] as const) {
      const r = await t.api('backup.configure', { folder: bad, keep: 9 }, s.admin);
      expect(r.status, bad).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION');
      expect(JSON.stringify(r.body.error)).toContain('"field":"folder"');
      expect(r.body.error.message).toContain(said);
    }
    expect((await t.api('backup.status', {}, s.manager)).body).toMatchObject({ folder, keep: 5 });
  });

  it('shows a failed backup instead of failing silently', async () => {
    // The folder was fine when set; the drive is gone now (here: a file where the folder was).
    const gone = join(mkdtempSync(join(tmpdir(), 'kasir-bad-')), 'usb');
    await t.api('backup.configure', { folder: gone, keep: 5 }, s.admin);
    rmSync(gone, { recursive: true });
    writeFileSync(gone, 'not a folder');
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

describe('keeping the newest N backups', () => {
  it('keeps the newer of two backups taken in the same second, and neither run fails (keep 1)', async () => {
    await t.api('backup.configure', { folder, keep: 1 }, s.admin);
    await sell('same-second-01');
    const first = await t.api('backup.run', {}, s.manager);
    expect(first.status).toBe(200);
    await sell('same-second-02');
    const second = await t.api('backup.run', {}, s.manager);
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.body.file).toMatch(/kasir-plut-20261129-100000-2\.db$/);
    expect(readdirSync(folder)).toEqual(['kasir-plut-20261129-100000-2.db']);
    expect(countSales(second.body.file)).toBe(2);
    const status = (await t.api('backup.status', {}, s.manager)).body;
    expect(status).toMatchObject({ lastError: null, pruneError: null });
    expect(status.files.map((f: { file: string }) => f.file)).toEqual([second.body.file]);
  });

  it('orders by time, then by the same-second sequence as a number (-10 after -9)', async () => {
    await t.api('backup.configure', { folder, keep: 3 }, s.admin);
    t.clock.advance(-60_000); // 09:59:00
    for (let i = 0; i < 2; i++) expect((await t.api('backup.run', {}, s.manager)).status).toBe(200);
    t.clock.advance(60_000); // 10:00:00, eleven in the same second
    const made: string[] = [];
    for (let i = 0; i < 11; i++) {
      const r = await t.api('backup.run', {}, s.manager);
      expect(r.status).toBe(200);
      made.push(r.body.file);
    }
    expect(readdirSync(folder).sort()).toEqual(['kasir-plut-20261129-100000-10.db', 'kasir-plut-20261129-100000-11.db', 'kasir-plut-20261129-100000-9.db']);
    const status = (await t.api('backup.status', {}, s.manager)).body;
    expect(status.files.map((f: { file: string }) => f.file)).toEqual([made[10], made[9], made[8]]);
  });

  // Both requests are served by this one process: they are queued, not raced.
  it('runs two backups asked for at once one after the other, under two names', async () => {
    await t.api('backup.configure', { folder, keep: 5 }, s.admin);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'kasir-plut-20261129-095959.db.partial'), 'left by a power cut');
    const [a, b] = await Promise.all([t.api('backup.run', {}, s.manager), t.api('backup.run', {}, s.manager)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(readdirSync(folder).sort()).toEqual(['kasir-plut-20261129-100000-2.db', 'kasir-plut-20261129-100000.db']);
    for (const file of readdirSync(folder)) expect(countSales(join(folder, file))).toBe(0);
  });

  it('never deletes the backup just made, even when the clock was set back', async () => {
    await t.api('backup.configure', { folder, keep: 1 }, s.admin);
    await t.api('backup.run', {}, s.manager);
    t.clock.advance(-24 * 3_600_000);
    const r = await t.api('backup.run', {}, s.manager);
    expect(r.status).toBe(200);
    expect(readdirSync(folder)).toEqual(['kasir-plut-20261128-100000.db']);
  });

  it('does not fail a backup when an old one cannot be deleted, and says so', async () => {
    const { pruneBackups } = await import('../../src/main/core/backup');
    for (const name of ['kasir-plut-20261127-100000.db', 'kasir-plut-20261128-100000.db', 'kasir-plut-20261128-100000-2.db', 'kasir-plut-20261129-100000.db', 'notes.txt']) {
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, name), 'x');
    }
    const newest = join(folder, 'kasir-plut-20261129-100000.db');
    const tried: string[] = [];
    const result = pruneBackups(folder, 2, newest, (file) => {
      tried.push(file);
      if (file.endsWith('20261128-100000.db')) throw new Error('EPERM: read-only');
      unlinkSync(file);
    });
    // keep 2 = the new one and the newest other (…-2); the two older are tried, one fails.
    expect(tried.map((f) => f.slice(folder.length + 1))).toEqual(['kasir-plut-20261128-100000.db', 'kasir-plut-20261127-100000.db']);
    expect(result.deleted).toEqual([join(folder, 'kasir-plut-20261127-100000.db')]);
    expect(result.failed).toEqual([{ file: join(folder, 'kasir-plut-20261128-100000.db'), error: 'EPERM: read-only' }]);
    expect(readdirSync(folder).sort()).toEqual(['kasir-plut-20261128-100000-2.db', 'kasir-plut-20261128-100000.db', 'kasir-plut-20261129-100000.db', 'notes.txt']);
    // A folder that cannot be listed is reported, not thrown.
    expect(pruneBackups(join(folder, 'notes.txt'), 1, newest).failed).toHaveLength(1);
  });
});
