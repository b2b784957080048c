import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/db';

describe('prepared statement cache', () => {
  it('reuses a statement for the same SQL and hands it back in its default mode', () => {
    const db = openDb(':memory:');
    const sqlite = db.$client;
    const a = sqlite.prepare('SELECT 1 AS one, 2 AS two');
    expect(sqlite.prepare('SELECT 1 AS one, 2 AS two')).toBe(a);
    a.raw(true);
    expect(sqlite.prepare('SELECT 1 AS one, 2 AS two').get()).toEqual({ one: 1, two: 2 });
    a.pluck(true);
    expect(sqlite.prepare('SELECT 1 AS one, 2 AS two').get()).toEqual({ one: 1, two: 2 });
    // Writes through the cache still work, and drizzle keeps working on top of it.
    sqlite.prepare('CREATE TABLE t (x INTEGER)').run();
    for (let i = 0; i < 3; i++) sqlite.prepare('INSERT INTO t (x) VALUES (?)').run(i);
    expect(sqlite.prepare('SELECT sum(x) AS s FROM t').get()).toEqual({ s: 3 });
    sqlite.close();
  });

  it('keeps at most its limit of statements', () => {
    const db = openDb(':memory:');
    const first = db.$client.prepare('SELECT 0');
    for (let i = 1; i <= 1100; i++) db.$client.prepare(`SELECT ${i}`);
    expect(db.$client.prepare('SELECT 0')).not.toBe(first);
    db.$client.close();
  });
});
