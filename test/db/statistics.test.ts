/**
 * A shop's database opened by the app keeps its table statistics
 * (`sqlite_stat1`) and loses per-value samples (`sqlite_stat4`): with samples,
 * better-sqlite3's SQLite (built with SQLITE_ENABLE_STAT4) compiles the
 * checkout's statements again on every new bound value (issue 16,
 * docs/performance.md).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function analyzedShop(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kasir-stats-'));
  dirs.push(dir);
  const file = join(dir, 'shop.db');
  const db = openDb(file);
  const sqlite = db.$client;
  // Enough rows in an indexed table of the real schema for ANALYZE to keep samples of.
  sqlite.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
               INSERT INTO settings (key, value) SELECT 'bench.' || i, '"x' || (i % 7) || '"' FROM n`);
  sqlite.exec('ANALYZE');
  expect((sqlite.prepare('SELECT count(*) AS n FROM sqlite_stat4').get() as { n: number }).n).toBeGreaterThan(0);
  db.$client.close();
  return file;
}

describe('statistics of an opened shop', () => {
  it('drops the per-value samples and keeps the table statistics', () => {
    const file = analyzedShop();
    const db = openDb(file);
    try {
      const count = (table: string) => (db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      expect(count('sqlite_stat4')).toBe(0);
      expect(count('sqlite_stat1')).toBeGreaterThan(0);
      // The rows themselves are untouched.
      expect((db.$client.prepare(`SELECT count(*) AS n FROM settings WHERE key LIKE 'bench.%'`).get() as { n: number }).n).toBe(400);
    } finally {
      db.$client.close();
    }
  });

  it('opens a shop that was never analyzed without creating statistics', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kasir-stats-'));
    dirs.push(dir);
    const db = openDb(join(dir, 'shop.db'));
    try {
      const tables = db.$client.prepare(`SELECT name FROM sqlite_schema WHERE name LIKE 'sqlite_stat%'`).all();
      expect(tables).toEqual([]);
    } finally {
      db.$client.close();
    }
  });
});
