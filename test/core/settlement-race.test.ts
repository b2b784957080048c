/**
 * The settlement's never-twice guard, at the level where a race could slip through.
 *
 * Inside one Node process the app's settlement code is synchronous (better-sqlite3), so two
 * "concurrent" requests in one process run one after the other and cannot race. A real race needs
 * two connections (two tills, two processes) that each read the open entries before either writes:
 * both pass the application's check on what they read. Here that interleaving is made by hand on
 * two connections to one database file, and the late writer goes straight through SQL, bypassing
 * the application. Only the database triggers (drizzle/0004_settlement_guards.sql) stand between
 * it and paying a supplier twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/db';
import { users } from '../../src/db/schema';
import { createProduct } from '../../src/main/core/catalog';
import { fixedClock } from '../../src/main/core/clock';
import type { Actor, Ctx } from '../../src/main/core/context';
import { checkout } from '../../src/main/core/sales';
import { createSettlement, voidSettlement } from '../../src/main/core/settlements';
import { openShift } from '../../src/main/core/shifts';
import { createIntake } from '../../src/main/core/stock';
import { createSupplier } from '../../src/main/core/suppliers';
import { AppError } from '../../src/shared/errors';

/** 2026-11-29 10:00 WITA. */
const T0 = Date.UTC(2026, 10, 29, 2, 0, 0);

let dir: string;
let tillA: Db;
let tillB: Db;
let ctx: Ctx;
let actor: Actor;
let supplierId: number;

/** The application's own question before it settles: which entries of this supplier are still open? */
const openEntries = (db: Db) =>
  (
    db.$client
      .prepare("SELECT id FROM ledger_entries WHERE supplier_id = ? AND settlement_id IS NULL AND kind <> 'payout' AND business_date <= ? ORDER BY id")
      .all(supplierId, '2026-11-29') as Array<{ id: number }>
  ).map((r) => r.id);

/** What a second till would write, straight through SQL, having decided from a stale read. */
function settleBySql(db: Db, entryIds: number[], number: string): number {
  const sqlite = db.$client;
  return sqlite.transaction(() => {
    const id = Number(
      sqlite
        .prepare(
          `INSERT INTO settlements (number, supplier_id, cutoff, period_from, amount, entry_count, method, stock_snapshot, till_code, created_by, business_date, created_at)
           VALUES (?, ?, '2026-11-29', '2026-11-01', 40000, ?, 'cash', '[]', 'K2', ?, '2026-11-29', ?)`,
        )
        .run(number, supplierId, entryIds.length, actor.userId, T0).lastInsertRowid,
    );
    for (const e of entryIds) sqlite.prepare('INSERT INTO settlement_entries (settlement_id, ledger_entry_id) VALUES (?, ?)').run(id, e);
    sqlite.prepare('UPDATE ledger_entries SET settlement_id = ? WHERE id IN (SELECT ledger_entry_id FROM settlement_entries WHERE settlement_id = ?)').run(id, id);
    sqlite
      .prepare("INSERT INTO ledger_entries (supplier_id, kind, amount, settlement_id, business_date, created_at) VALUES (?, 'payout', -40000, ?, '2026-11-29', ?)")
      .run(supplierId, id, T0);
    return id;
  })();
}

const counts = (db: Db) =>
  db.$client
    .prepare(
      "SELECT (SELECT count(*) FROM settlements) AS settlements, (SELECT count(*) FROM ledger_entries WHERE kind = 'payout') AS payouts, (SELECT count(*) FROM settlement_entries) AS links",
    )
    .get();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kasir-settle-race-'));
  const file = join(dir, 'kasir.db');
  tillA = openDb(file);
  ctx = { db: tillA, clock: fixedClock(T0) };
  const user = tillA.insert(users).values({ name: 'Bu Manajer', username: 'manajer', role: 'admin', pinHash: 'unused', createdAt: T0 }).returning().get();
  actor = { userId: user.id, name: user.name, role: 'admin', tillCode: 'K1' };
  supplierId = createSupplier(ctx, actor, { name: 'UD Mete Muna', bankName: 'BRI', bankAccount: '1234', bankHolder: 'La Ode' }).id;
  const product = createProduct(ctx, actor, { name: 'Kacang Mete', supplierId, sellPrice: 50_000, terms: { type: 'fixed', supplierPrice: 40_000 } });
  createIntake(ctx, actor, { supplierId, lines: [{ productId: product.id, qty: 5 }] });
  openShift(ctx, actor, { openingFloat: 0 });
  checkout(ctx, actor, { clientRequestId: 'race-1', lines: [{ productId: product.id, qty: 1 }], payments: [{ method: 'cash', amount: 50_000 }] });
  // A second connection to the same file: another till.
  tillB = openDb(file);
});

afterEach(() => {
  tillB.$client.close();
  tillA.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('two tills settle the same supplier from the same read', () => {
  it('both pass the application check; the database refuses the second cover of the entry', () => {
    // Both tills read before either writes: each sees the sale's entry open.
    const seenByA = openEntries(tillA);
    const seenByB = openEntries(tillB);
    expect(seenByA).toHaveLength(1);
    expect(seenByB).toEqual(seenByA);

    // Till A settles through the application.
    const paid = createSettlement(ctx, actor, { supplierId, cutoff: '2026-11-29', method: 'cash' });
    expect(paid.amount).toBe(40_000);
    expect(counts(tillB)).toEqual({ settlements: 1, payouts: 1, links: 1 });

    // Till B acts on what it read, through SQL: refused, and its whole transaction is undone.
    expect(() => settleBySql(tillB, seenByB, 'PB-RACE-B')).toThrow(/already covered by a live settlement/);
    expect(counts(tillB)).toEqual({ settlements: 1, payouts: 1, links: 1 });
    const entry = tillB.$client.prepare('SELECT settlement_id FROM ledger_entries WHERE id = ?').get(seenByB[0]) as { settlement_id: number };
    expect(entry.settlement_id).toBe(paid.id);

    // Skipping the list and taking the lock directly is refused too.
    const other = Number(
      tillB.$client
        .prepare(
          `INSERT INTO settlements (number, supplier_id, cutoff, period_from, amount, entry_count, method, stock_snapshot, till_code, created_by, business_date, created_at)
           VALUES ('PB-RACE-C', ?, '2026-11-29', '2026-11-01', 0, 0, 'cash', '[]', 'K2', ?, '2026-11-29', ?)`,
        )
        .run(supplierId, actor.userId, T0).lastInsertRowid,
    );
    expect(() => tillB.$client.prepare('UPDATE ledger_entries SET settlement_id = ? WHERE id = ?').run(other, seenByB[0])).toThrow(/already covered by another settlement/);
  });

  it('the order does not matter: when the SQL writer is first, the application finds nothing left to pay', () => {
    const seenByB = openEntries(tillB);
    expect(openEntries(tillA)).toEqual(seenByB);
    settleBySql(tillB, seenByB, 'PB-RACE-B');
    let refused: unknown;
    try {
      createSettlement(ctx, actor, { supplierId, cutoff: '2026-11-29', method: 'cash' });
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('CONFLICT');
    expect(counts(tillA)).toEqual({ settlements: 1, payouts: 1, links: 1 });
  });

  it('after a void the entry may be covered again, once', () => {
    const seenByB = openEntries(tillB);
    const paid = createSettlement(ctx, actor, { supplierId, cutoff: '2026-11-29', method: 'cash' });
    voidSettlement(ctx, actor, { id: paid.id, reason: 'salah metode' });
    expect(openEntries(tillB)).toEqual(seenByB);
    settleBySql(tillB, seenByB, 'PB-RACE-B');
    expect(() => settleBySql(tillA, seenByB, 'PB-RACE-A')).toThrow(/already covered by a live settlement/);
  });
});
