/**
 * Every raw statement declared in src/db/statements.ts runs against the
 * migrated schema, and the columns SQLite says it returns are exactly the
 * keys its row type declares: a renamed column or a stale `AS` alias fails
 * here instead of hiding behind a cast.
 */
import type Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/db';
import { all, get, prepare, query, rawStatements, type RawStatement } from '../../src/db/statements';
// The registry holds what the imported modules declared: import all the handlers (and so every core module).
import '../../src/main/api/procedures';
import '../../src/main/api/dispatch';
import '../../src/main/outbox/outbox';

/** Where the statement and its declaration disagree; empty when they agree. */
function disagreement(sqlite: Database.Database, s: RawStatement<unknown[], unknown>): string[] {
  const stmt = sqlite.prepare(s.sql);
  if (s.columns === null) return stmt.reader ? [`${s.name}: declared a write but returns rows`] : [];
  if (!stmt.reader) return [`${s.name}: declared a read but returns no rows`];
  const actual = stmt.columns().map((c) => c.name);
  const declared = [...s.columns];
  const missing = declared.filter((c) => !actual.includes(c)).map((c) => `${s.name}: declared ${c}, not returned`);
  const extra = actual.filter((c) => !declared.includes(c)).map((c) => `${s.name}: returns ${c}, not declared`);
  const twice = actual.filter((c, i) => actual.indexOf(c) !== i).map((c) => `${s.name}: returns ${c} twice`);
  return [...missing, ...extra, ...twice];
}

const placeholders = (sql: string) => (sql.match(/\?/g) ?? []).length;

let db: Db;
beforeAll(() => {
  db = openDb(join(mkdtempSync(join(tmpdir(), 'kasir-raw-')), 'kasir.db'));
});
afterAll(() => db.$client.close());

describe('raw statements', () => {
  it('are declared for the hot paths (stock, sales, shifts, settings, every request, the settlement) and the outbox', () => {
    const names = rawStatements().map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['stock.sellableLots', 'stock.setLotRemaining', 'sales.head', 'sales.lines', 'sales.insert', 'sales.insertLine', 'sequences.next', 'shifts.openOfTill', 'settings.value']));
    expect(names).toEqual(expect.arrayContaining(['users.sessionByToken', 'devices.byCredentialHash', 'requestKeys.get', 'requestKeys.keep', 'settlements.coverEntries']));
    expect(names).toEqual(expect.arrayContaining(['outbox.state', 'outbox.lastSeq', 'outbox.enable', 'outbox.backfillPending', 'outbox.forwarded', 'outbox.restored', 'outbox.prune']));
  });

  it('each returns exactly the columns of its declared row type on the migrated schema', () => {
    const problems = rawStatements().flatMap((s) => disagreement(db.$client, s));
    expect(problems).toEqual([]);
  });

  it('each query runs on the migrated schema', () => {
    // Writes (with or without RETURNING) are checked by preparing them above; queries also run.
    for (const s of rawStatements().filter((x) => /^\s*SELECT\b/i.test(x.sql))) {
      expect(() => db.$client.prepare(s.sql).all(...Array(placeholders(s.sql)).fill(1)), s.name).not.toThrow();
    }
  });

  it('finds a statement whose alias drifted from its row type', () => {
    const drifted = { name: 'test.drift', sql: 'SELECT id, till_code AS till FROM shifts', columns: ['id', 'tillCode'] };
    expect(disagreement(db.$client, drifted)).toEqual(['test.drift: declared tillCode, not returned', 'test.drift: returns till, not declared']);
    const renamed = { name: 'test.gone', sql: 'SELECT id, till AS tillCode FROM shifts', columns: ['id', 'tillCode'] };
    expect(() => disagreement(db.$client, renamed)).toThrow(/no such column/);
  });

  it('refuses a second declaration of one name', () => {
    expect(() => query<{ value: string }>()('settings.value', 'SELECT value FROM settings', { value: true })).toThrow(/declared twice/);
  });

  it('give rows equal to better-sqlite3\'s own, key order and values included', () => {
    const sqlite = db.$client;
    sqlite.exec(`INSERT INTO settings (key, value) VALUES ('raw.a', '"x"'), ('raw.b', '1')`);
    const every = query<{ key: string; value: string }>()('test.rawRows', 'SELECT key, value FROM settings WHERE key LIKE ? ORDER BY key', { key: true, value: true });
    const own = sqlite.prepare(every.sql).all('raw.%');
    expect(own).toHaveLength(2);
    expect(all(sqlite, every, 'raw.%')).toEqual(own);
    expect(all(sqlite, every, 'raw.%').map((r) => Object.keys(r))).toEqual(own.map((r) => Object.keys(r as object)));
    expect(get(sqlite, every, 'raw.%')).toEqual(own[0]);
    expect(get(sqlite, every, 'none.%')).toBeUndefined();
    expect(all(sqlite, every, 'none.%')).toEqual([]);
    // Every declared query of the shop's own: the same rows both ways (one parameter value for all).
    for (const s of rawStatements().filter((x) => x.columns && /^\s*SELECT\b/i.test(x.sql))) {
      const args = Array(placeholders(s.sql)).fill(1);
      expect(all(sqlite, s as RawStatement<unknown[], unknown>, ...args), s.name).toEqual(sqlite.prepare(s.sql).all(...args));
    }
  });

  it('are prepared once per connection, without patching better-sqlite3', () => {
    const [first] = rawStatements();
    const a = prepare(db.$client, first!);
    expect(prepare(db.$client, first!)).toBe(a);
    const other = openDb(':memory:');
    expect(prepare(other.$client, first!)).not.toBe(a);
    // Each prepare of better-sqlite3's own is a new statement: no global cache on the connection.
    expect(Object.hasOwn(db.$client, 'prepare')).toBe(false);
    expect(db.$client.prepare('SELECT 1')).not.toBe(db.$client.prepare('SELECT 1'));
    other.$client.close();
  });
});
