/**
 * The heavy report queries use indexes: EXPLAIN QUERY PLAN of each on a
 * migrated database (empty, and again after ANALYZE over a few thousand
 * rows) must search sales, refunds and the ledger by index, never scan
 * them whole.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/db';
import {
  dayEndsAt,
  payoutsSql,
  refundFactsSql,
  salesFactsSql,
  summarySql,
  unsettledEntriesSql,
  type SalesDimension,
} from '../../src/main/core/reports';
import { unsettledRowsSql } from '../../src/main/core/settlements';

let dir: string;
let db: Db;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kasir-plan-'));
  db = openDb(join(dir, 'kasir.db'));
});
afterAll(() => {
  db?.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

function plan(query: SQL): string {
  return db
    .all<{ detail: string }>(sql`EXPLAIN QUERY PLAN ${query}`)
    .map((r) => r.detail)
    .join('\n');
}

const year = { from: '2026-01-01', to: '2026-12-31' };
const month = { from: '2026-11-01', to: '2026-11-30' };
const dims: SalesDimension[] = ['supplier', 'product', 'category', 'district', 'cashier', 'bucket', 'day', 'total'];

/** A full scan of a big table without an index (`SCAN t` but not `SCAN t USING [COVERING] INDEX`). */
const fullScan = (text: string, alias: string) => new RegExp(`SCAN ${alias}(?! USING)( |$)`, 'm').test(text);

function checkAll(range: { from: string; to: string }) {
  for (const dim of dims) {
    const s = plan(salesFactsSql(dim, range));
    expect(s, `sales facts by ${dim}:\n${s}`).toMatch(/SEARCH x USING (COVERING )?INDEX sales_date_idx \(business_date>\? AND business_date<\?\)/);
    expect(s).toMatch(/SEARCH sl USING (COVERING )?INDEX sale_lines_sale_idx \(sale_id=\?\)/);
    expect(s).toMatch(/SEARCH sll USING (COVERING )?INDEX sale_line_lots_line_idx \(sale_line_id=\?\)/);
    expect(s).toMatch(/SEARCH l USING INTEGER PRIMARY KEY/);
    for (const t of ['x', 'sl', 'sll', 'l']) expect(fullScan(s, t), `${dim}: full scan of ${t}\n${s}`).toBe(false);

    const r = plan(refundFactsSql(dim, range));
    expect(r, `refund facts by ${dim}:\n${r}`).toMatch(/SEARCH r USING (COVERING )?INDEX refunds_date_idx \(business_date>\? AND business_date<\?\)/);
    expect(r).toMatch(/SEARCH rl USING (COVERING )?INDEX refund_lines_refund_idx \(refund_id=\?\)/);
    expect(r).toMatch(/SEARCH rll USING (COVERING )?INDEX refund_line_lots_line_idx \(refund_line_id=\?\)/);
    for (const t of ['r', 'rl', 'rll', 'sl', 'x', 'l']) expect(fullScan(r, t), `${dim}: full scan of ${t}\n${r}`).toBe(false);
  }
  const bySupplier = plan(salesFactsSql('product', range, 1));
  expect(bySupplier).toMatch(/SEARCH x USING (COVERING )?INDEX sales_date_idx/);

  for (const groupBy of ['month', 'supplier'] as const) {
    const p = plan(payoutsSql(range, groupBy));
    expect(p, p).toMatch(/SEARCH e USING (COVERING )?INDEX ledger_kind_date_idx \(kind=\? AND business_date>\? AND business_date<\?\)/);
    expect(fullScan(p, 'e')).toBe(false);
  }

  for (const [name, build] of Object.entries(summarySql)) {
    const p = plan(build(range));
    const table = /refund/i.test(name) || name === 'paymentsOut' ? 'r' : 'x';
    const index = table === 'r' ? 'refunds_date_idx' : 'sales_date_idx';
    expect(p, `${name}:\n${p}`).toMatch(new RegExp(`SEARCH ${table} USING (COVERING )?INDEX ${index} \\(business_date>\\? AND business_date<\\?\\)`));
    for (const t of ['x', 'r', 'p', 'rp']) expect(fullScan(p, t), `${name}: full scan of ${t}\n${p}`).toBe(false);
  }

  const a = plan(unsettledEntriesSql('2026-11-30', Date.UTC(2026, 10, 30, 16)));
  expect(a, a).toMatch(/SEARCH e USING (COVERING )?INDEX ledger_unsettled_idx \(settlement_id=\? AND business_date<\?\)/);
  expect(a).toMatch(/SEARCH st USING (COVERING )?INDEX settlements_date_idx \(business_date>\?\)/);
  expect(a).toMatch(/SEARCH e USING (COVERING )?INDEX ledger_unsettled_idx \(settlement_id=\?/);
  expect(a).toMatch(/SEARCH se USING (COVERING )?INDEX settlement_entries_entry_idx \(ledger_entry_id=\?\)/);
  for (const t of ['e', 'st', 'se', 'v']) expect(fullScan(a, t), `aging: full scan of ${t}\n${a}`).toBe(false);
}

describe('report query plans', () => {
  it('(the end of a business day is the next local midnight)', () => {
    expect(dayEndsAt('2026-11-30', 'Asia/Makassar')).toBe(Date.UTC(2026, 10, 30, 16));
    expect(dayEndsAt('2026-12-31', 'Asia/Jayapura')).toBe(Date.UTC(2026, 11, 31, 15));
  });

  it('use the indexes on an empty database', () => {
    checkAll(year);
    checkAll(month);
  });

  it('still use them once ANALYZE has statistics of a filled database', () => {
    const c = db.$client;
    c.exec(`
      INSERT INTO users (id, name, username, role, pin_hash, created_at) VALUES (1, 'K', 'k', 'cashier', 'x', 0);
      INSERT INTO suppliers (id, code, name, created_at, updated_at) VALUES (1, 'S0001', 'S', 0, 0);
      INSERT INTO products (id, sku, name, sell_price, supplier_id, terms_type, supplier_price, created_at, updated_at)
        VALUES (1, 'P1', 'P', 1000, 1, 'fixed', 800, 0, 0);
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
      INSERT INTO lots (id, product_id, supplier_id, received_qty, remaining_qty, terms_type, supplier_price, sell_price, created_at)
        SELECT i, 1, 1, 1000, 1000, 'fixed', 800, 1000, 0 FROM n;
      INSERT INTO shifts (id, till_code, opened_by, opened_at, opening_float) VALUES (1, 'K1', 1, 0, 0);
    `);
    const sale = c.prepare(`INSERT INTO sales (id, number, till_code, shift_id, cashier_id, subtotal, total, paid, change, business_date, created_at, client_request_id)
      VALUES (?, ?, 'K1', 1, 1, 1000, 1000, 1000, 0, ?, ?, ?)`);
    const cols = c.prepare(`PRAGMA table_info(sales)`).all() as { name: string; notnull: number; dflt_value: unknown }[];
    const hasRequestId = cols.some((col) => col.name === 'client_request_id');
    const saleNoReq = c.prepare(`INSERT INTO sales (id, number, till_code, shift_id, cashier_id, subtotal, total, paid, change, business_date, created_at)
      VALUES (?, ?, 'K1', 1, 1, 1000, 1000, 1000, 0, ?, ?)`);
    const line = c.prepare(`INSERT INTO sale_lines (id, sale_id, line_no, product_id, name, qty, unit_price, line_total) VALUES (?, ?, 1, 1, 'P', 1, 1000, 1000)`);
    const portion = c.prepare(`INSERT INTO sale_line_lots (id, sale_line_id, lot_id, qty, net_amount, supplier_share, shop_share) VALUES (?, ?, ?, 1, 1000, 800, 200)`);
    const refund = c.prepare(`INSERT INTO refunds (id, number, kind, sale_id, till_code, shift_id, reason, total, created_by, approved_by, business_date, created_at)
      VALUES (?, ?, 'refund', ?, 'K1', 1, 'x', 1000, 1, 1, ?, ?)`);
    const entry = c.prepare(`INSERT INTO ledger_entries (supplier_id, kind, amount, business_date, created_at, settlement_id) VALUES (1, ?, ?, ?, ?, ?)`);
    const settlement = c.prepare(`INSERT INTO settlements (id, number, supplier_id, cutoff, period_from, amount, entry_count, method, stock_snapshot, till_code, created_by, business_date, created_at)
      VALUES (?, ?, 1, ?, ?, 24000, 30, 'cash', '[]', 'K1', 1, ?, ?)`);
    c.transaction(() => {
      // Three years of sales, a few refunds, sale entries and payouts every day.
      for (let i = 1; i <= 3000; i++) {
        const day = new Date(Date.UTC(2024, 0, 1) + (i % 1095) * 86_400_000).toISOString().slice(0, 10);
        if (hasRequestId) sale.run(i, `K1-${i}`, day, i * 1000, `req-${i}`);
        else saleNoReq.run(i, `K1-${i}`, day, i * 1000);
        line.run(i, i);
        portion.run(i, i, 1 + (i % 300));
        if (i % 10 === 0) refund.run(i / 10, `RF-${i}`, i, day, i * 1000);
        entry.run('sale', 800, day, i * 1000, null);
        if (i % 30 === 0) {
          settlement.run(i / 30, `PB-${i}`, day, day, day, i * 1000);
          entry.run('payout', -24_000, day, i * 1000, i / 30);
        }
      }
    })();
    c.exec('ANALYZE');
    checkAll(month);
  });
});

describe("a settlement's unsettled entries", () => {
  const unsettled = () => plan(unsettledRowsSql(7, '2026-10-31'));
  const bySupplier = /SEARCH e USING INDEX ledger_supplier_idx \(supplier_id=\? AND settlement_id=\?\)/;

  it('are read by the supplier index in a shop never analyzed', () => {
    expect(unsettled()).toMatch(bySupplier);
  });

  it("are read by the supplier index whatever the table statistics say (the bench's large shop, without per-value samples)", () => {
    const c = db.$client;
    c.exec('ANALYZE');
    // The statistics ANALYZE wrote for `large`: ~300 entries per settlement id, averaged over the
    // settled ones. On `large` they made SQLite read every supplier's unsettled month by
    // ledger_unsettled_idx (EXPLAIN there, docs/performance.md); this small shop cannot make SQLite
    // choose that, so this only shows the hint holds under them.
    c.exec(`DELETE FROM sqlite_stat1 WHERE tbl = 'ledger_entries'`);
    c.exec(`INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
      ('ledger_entries', 'ledger_supplier_balance_idx', '995338 3318 10 2'),
      ('ledger_entries', 'ledger_unsettled_idx', '995338 302 10'),
      ('ledger_entries', 'ledger_kind_date_idx', '995338 497669 2648'),
      ('ledger_entries', 'ledger_line_lot_idx', '995338 1'),
      ('ledger_entries', 'ledger_supplier_idx', '995338 3318 277 1')`);
    c.exec('ANALYZE sqlite_schema');
    try {
      expect(unsettled()).toMatch(bySupplier);
    } finally {
      c.exec('DELETE FROM sqlite_stat1');
      c.exec('ANALYZE sqlite_schema');
    }
  });
});
