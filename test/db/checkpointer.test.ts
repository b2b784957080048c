/**
 * WAL checkpoints in a worker thread (src/main/services/checkpointer.ts):
 * the log is copied back by the worker once enough pages wait, the tills'
 * connection only keeps a far-off safety net, and nothing written is lost.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openApp, type App } from '../../src/main/app';
import { openDb } from '../../src/db';
import { Checkpointer, walFramesWaiting } from '../../src/main/services/checkpointer';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kasir-ckpt-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** `count` commits of ~5 log pages each (a 6 KB setting per commit). */
function write(app: App, count: number, from = 0): void {
  const put = app.db.$client.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
  for (let i = from; i < from + count; i++) put.run(`ckpt.${i}`, JSON.stringify('x'.repeat(6000) + i));
}

async function until(what: string, condition: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the checkpoint worker', () => {
  it('copies the log back once enough pages wait, off the writing connection, and loses nothing', async () => {
    const dir = tempDir();
    const path = join(dir, 'shop.db');
    const app = openApp(path, { checkpoints: { thresholdFrames: 200, checkMs: 20 } });
    cleanups.push(() => app.shutdown());
    expect(app.db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    app.start({ printRetryMs: 60_000 });
    // The writing connection only checkpoints far beyond the worker's threshold.
    expect(app.db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(800);
    expect(app.checkpoints.running()).toBe(true);

    // ~300 pages: over the worker's 200, under the safety net's 800.
    write(app, 60);
    await until('a checkpoint by the worker', () => app.checkpoints.snapshot().checkpoints > 0);
    const stats = app.checkpoints.snapshot();
    expect(stats.framesCopied).toBeGreaterThanOrEqual(200);
    expect(stats.lastError).toBeNull();
    expect(walFramesWaiting(path)).toBeLessThan(200);

    // However long the day, the pages waiting stay bounded. Each round's ~300 pages are copied back by
    // the worker (it looks every 20 ms, so it may copy part of a round with the rest of the one
    // before) or, when the writes go on without a pause, by the writing connection's safety net: the
    // log starts again from its beginning only when a write finds it all copied, so under a steady
    // stream of commits it grows until the safety net's 800 pages.
    for (let round = 1; round <= 4; round++) {
      write(app, 60, round * 1000);
      await until(`round ${round} copied back`, () => walFramesWaiting(path) < 200);
    }
    expect(app.checkpoints.snapshot().checkpoints).toBeGreaterThanOrEqual(2);
    expect(app.checkpoints.snapshot().lastError).toBeNull();
    const rows = (app.db.$client.prepare(`SELECT count(*) AS n FROM settings WHERE key LIKE 'ckpt.%'`).get() as { n: number }).n;
    expect(rows).toBe(300);
    await app.shutdown();

    // Everything is in the database file: a fresh connection sees every row.
    const again = new Database(path, { readonly: true });
    try {
      expect(again.pragma('integrity_check', { simple: true })).toBe('ok');
      expect((again.prepare(`SELECT count(*) AS n FROM settings WHERE key LIKE 'ckpt.%'`).get() as { n: number }).n).toBe(300);
    } finally {
      again.close();
    }
  });

  it('gives the writing connection its automatic checkpoints back when stopped', async () => {
    const db = openDb(join(tempDir(), 'shop.db'));
    cleanups.push(() => void db.$client.close());
    const checkpointer = new Checkpointer(db.$client, { thresholdFrames: 500 });
    const stop = checkpointer.start();
    expect(db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(2000);
    await stop();
    expect(checkpointer.running()).toBe(false);
    expect(db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });

  it('does nothing for an in-memory database', async () => {
    const db = openDb(':memory:');
    cleanups.push(() => void db.$client.close());
    const checkpointer = new Checkpointer(db.$client);
    await checkpointer.start()();
    expect(checkpointer.running()).toBe(false);
  });
});
