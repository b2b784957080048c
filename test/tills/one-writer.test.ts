/**
 * One writer per database file (issue 17): an OS-released lock refuses a
 * second process, a SIGKILLed one leaves nothing to clean up, every write
 * transaction takes the write lock up front, and readers (the backup CLI)
 * still work while the app runs.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp } from '../../src/main/app';
import { acquireWriterLock, WriterLockHeld, writerLockHeld } from '../../src/db/writer-lock';
import { startServer, apiClient, type RunningServer } from '../support/server';
import { seedShop, startTestApi, type TestApi } from '../support/api-harness';

const ROOT = resolve(import.meta.dirname, '../..');
const servers: RunningServer[] = [];
let t: TestApi | undefined;
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop('SIGKILL');
  await t?.close();
  t = undefined;
});

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'kasir-writer-')), 'kasir.db');
const setUp = (url: string) =>
  apiClient(url)('setup.init', { shopName: 'PLUT Sultra', address: 'Kendari', admin: { name: 'Admin', username: 'admin', pin: '123456' } });

describe('the writer lock', () => {
  it('is refused to a second holder and free again once released', () => {
    const dbPath = tempDb();
    const first = acquireWriterLock(dbPath);
    expect(() => acquireWriterLock(dbPath)).toThrow(WriterLockHeld);
    expect(writerLockHeld(dbPath)).toBe(true);
    first.release();
    expect(writerLockHeld(dbPath)).toBe(false);
    acquireWriterLock(dbPath).release();
  });

  it('refuses a second app on the same file with a clear message, and leaves the first one working', () => {
    const dbPath = tempDb();
    const app = openApp(dbPath);
    try {
      expect(() => openApp(dbPath)).toThrow(/sedang dipakai oleh proses Kasir PLUT lain/);
      // The refused open changed nothing for the first: it still writes.
      app.db.$client.exec('CREATE TABLE writer_probe (x INTEGER)');
    } finally {
      app.close();
    }
    openApp(dbPath).close();
  });
});

describe('two serve processes on one file', () => {
  it('the second exits with the message; after SIGKILL of the first a new one starts at once', async () => {
    const dbPath = tempDb();
    const first = await startServer({ dbPath });
    servers.push(first);
    expect((await setUp(first.url)).status).toBe(200);

    const second = spawnSync(process.execPath, [join(ROOT, 'out/main/serve.js'), '--db', dbPath, '--port', '0'], { encoding: 'utf8', timeout: 20_000 });
    expect(second.status).toBe(3);
    expect(second.stderr).toContain('sedang dipakai oleh proses Kasir PLUT lain');
    expect(second.stdout).not.toContain('listening on');
    // The first one is untouched.
    expect((await apiClient(first.url)('auth.login', { username: 'admin', pin: '123456', tillCode: 'K1' })).status).toBe(200);

    await first.stop('SIGKILL');
    // Nobody deletes anything: the lock file is still there, its lock died with the process.
    expect(existsSync(`${dbPath}.writer-lock`)).toBe(true);
    const third = await startServer({ dbPath });
    servers.push(third);
    const login = await apiClient(third.url)('auth.login', { username: 'admin', pin: '123456', tillCode: 'K1' });
    expect(login.status).toBe(200);
  });

  it('the backup CLI copies the database while the app runs', async () => {
    const dbPath = tempDb();
    const server = await startServer({ dbPath });
    servers.push(server);
    expect((await setUp(server.url)).status).toBe(200);
    const folder = mkdtempSync(join(tmpdir(), 'kasir-backup-'));
    const run = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'src/main/cli.ts'), 'backup', '--db', dbPath, '--to', folder], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Backup written while the app runs');
    const files = readdirSync(folder).filter((f) => f.endsWith('.db'));
    expect(files).toHaveLength(1);
    const copy = new Database(join(folder, files[0]!), { readonly: true });
    try {
      expect(copy.prepare("SELECT username FROM users WHERE username = 'admin'").get()).toEqual({ username: 'admin' });
    } finally {
      copy.close();
    }
    // …and a restore is refused while the app runs.
    const restore = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'src/main/cli.ts'), 'restore', '--db', dbPath, '--from', join(folder, files[0]!)], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(restore.status).toBe(1);
    expect(restore.stderr).toContain('sedang dipakai oleh proses Kasir PLUT lain');
  });
});

describe('write transactions', () => {
  it('take the write lock at BEGIN, before their first write', async () => {
    t = await startTestApi();
    const other = new Database(t.dbPath, { timeout: 0 });
    try {
      let refused: unknown = null;
      t.app.db.transaction(() => {
        // Nothing written yet: a deferred transaction would hold no lock here.
        try {
          other.exec('BEGIN IMMEDIATE');
          other.exec('ROLLBACK');
        } catch (err) {
          refused = (err as { code?: string }).code;
        }
      });
      expect(refused).toBe('SQLITE_BUSY');
    } finally {
      other.close();
    }
  });

  it('wait for another connection that holds the write lock instead of failing INTERNAL', async () => {
    t = await startTestApi();
    const s = await seedShop(t);
    // Another process (a maintenance script, a restore check) holds the write lock for a moment.
    const script = `
      const Database = require(${JSON.stringify(join(ROOT, 'node_modules/better-sqlite3'))});
      const db = new Database(${JSON.stringify(t.dbPath)});
      db.exec('BEGIN IMMEDIATE');
      process.stdout.write('locked\\n');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 700);
      db.exec('COMMIT');
      db.close();
    `;
    const holder = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((r) => holder.stdout!.on('data', (d: Buffer) => d.toString().includes('locked') && r()));
    const sale = await t.api('sales.checkout', {
      clientRequestId: 'busy-request-1',
      lines: [{ productId: s.tenunId, qty: 1 }],
      payments: [{ method: 'cash', amount: 350_000 }],
    }, s.cashier);
    await new Promise((r) => holder.on('exit', r));
    expect(sale.status).toBe(200);
    expect(sale.body.total).toBe(350_000);
  });
});
