/**
 * The app's transactions (src/db/index.ts, `writeTransactionsImmediate`):
 * all or nothing, a nested one undone alone, the write lock taken at BEGIN.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/db';

let dir: string;
let db: Db;
const keys = () => (db.$client.prepare(`SELECT key FROM settings WHERE key LIKE 't.%' ORDER BY key`).all() as { key: string }[]).map((r) => r.key);
const put = (key: string) => db.$client.prepare(`INSERT INTO settings (key, value) VALUES (?, '1')`).run(`t.${key}`);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kasir-tx-'));
  db = openDb(join(dir, 'shop.db'));
});
afterEach(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('transactions', () => {
  it('commits what the function wrote and returns its value', () => {
    expect(db.transaction(() => (put('a'), put('b'), 42))).toBe(42);
    expect(keys()).toEqual(['t.a', 't.b']);
    expect(db.$client.inTransaction).toBe(false);
  });

  it('writes nothing when the function throws, and throws the same error', () => {
    const boom = new Error('boom');
    expect(() => db.transaction(() => (put('a'), put('b'), (() => { throw boom; })()))).toThrow(boom);
    expect(keys()).toEqual([]);
    expect(db.$client.inTransaction).toBe(false);
  });

  it('undoes only the inner transaction that threw; the outer one goes on', () => {
    db.transaction(() => {
      put('outer');
      expect(() =>
        db.transaction(() => {
          put('inner');
          db.transaction(() => put('deepest'));
          throw new Error('inner fails');
        }),
      ).toThrow('inner fails');
      db.transaction(() => put('second'));
      put('after');
    });
    expect(keys()).toEqual(['t.after', 't.outer', 't.second']);
  });

  it('rolls everything back when the outer one throws after an inner one committed', () => {
    expect(() =>
      db.transaction(() => {
        db.transaction(() => put('inner'));
        throw new Error('outer fails');
      }),
    ).toThrow('outer fails');
    expect(keys()).toEqual([]);
  });

  it('refuses a function that returns a promise, and keeps nothing of it', () => {
    expect(() => db.transaction((() => (put('a'), Promise.resolve(1))) as never)).toThrow(/promise/);
    expect(keys()).toEqual([]);
    expect(db.$client.inTransaction).toBe(false);
  });

  it('takes the write lock at its start (IMMEDIATE): another writer waits for it', () => {
    const other = new Database(join(dir, 'shop.db'));
    other.pragma('busy_timeout = 0');
    try {
      db.transaction(() => {
        // Nothing written yet, and still another connection cannot begin a write.
        expect(() => other.prepare('BEGIN IMMEDIATE').run()).toThrow(/locked|busy/i);
      });
      other.prepare('BEGIN IMMEDIATE').run();
      other.prepare('ROLLBACK').run();
      // An explicit behavior still wins: a deferred transaction takes no lock until it writes.
      db.transaction(
        () => {
          other.prepare('BEGIN IMMEDIATE').run();
          other.prepare('ROLLBACK').run();
        },
        { behavior: 'deferred' },
      );
    } finally {
      other.close();
    }
  });
});
