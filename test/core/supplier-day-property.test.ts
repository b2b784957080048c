/**
 * The daily summary behind "sales by supplier" (drizzle/0014, issue 16)
 * equals a recount from the sale lines, over generated histories run
 * through the real services on a real SQLite (in memory, real migrations):
 * random sales over several business days (lines spread over several small
 * lots, three suppliers), refunds of random units of earlier sales (other
 * days included), voids in the same shift. Then:
 * - every row of `supplier_day_sales` equals the recount of the migration's
 *   own fill statement (read from the migration file) over the same rows;
 * - for random date ranges, the per-supplier figures read from the summary
 *   equal `salesFacts(ctx, 'supplier', range)`, the query over every sale
 *   and refund line that `salesBySupplier` ran before the summary.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/db';
import { users } from '../../src/db/schema';
import { createProduct } from '../../src/main/core/catalog';
import { businessDate, fixedClock } from '../../src/main/core/clock';
import type { Actor, Ctx } from '../../src/main/core/context';
import { previewRefund, refundSale, voidSale } from '../../src/main/core/refunds';
import { salesBySupplier, salesFacts, supplierFactsFromSummary } from '../../src/main/core/reports';
import { checkout, getSale } from '../../src/main/core/sales';
import { closeShift, openShift, shiftView } from '../../src/main/core/shifts';
import { createIntake } from '../../src/main/core/stock';
import { createSupplier } from '../../src/main/core/suppliers';
import type { SalesFigures } from '../../src/shared/types-reports';

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), '../../drizzle');
const T0 = Date.UTC(2026, 10, 29, 2, 0, 0);
const DAY = 86_400_000;
const TZ = 'Asia/Makassar';

/** The migration's fill statement, pointed at another table (the recount). */
function recountSql(): string {
  const file = readdirSync(MIGRATIONS).find((f) => /^\d{4}_.*supplier_day_sales\.sql$/.test(f))!;
  const fill = readFileSync(join(MIGRATIONS, file), 'utf8')
    .split('--> statement-breakpoint')
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .find((s) => s.startsWith('INSERT INTO supplier_day_sales'))!;
  return fill.replace('INSERT INTO supplier_day_sales', 'INSERT INTO recount');
}

const saleArb = fc.record({ op: fc.constant('sale' as const), lines: fc.array(fc.record({ p: fc.nat(), qty: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 4 }) });
const opArb = fc.oneof(
  { weight: 6, arbitrary: saleArb },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('refund' as const), sale: fc.nat(), picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), restock: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('void' as const), sale: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('nextDay' as const), days: fc.integer({ min: 1, max: 3 }) }) },
);

const nonEmpty = (f: SalesFigures) => f.units !== 0 || f.gross !== 0 || f.transactions !== 0 || f.refunds !== 0;
const sorted = (m: Map<number | string | null, SalesFigures>) =>
  [...m]
    .filter(([, f]) => nonEmpty(f))
    .map(([k, f]) => [k === null ? null : Number(k), { units: f.units, gross: f.gross, supplierShare: f.supplierShare, shopShare: f.shopShare, transactions: f.transactions, refunds: f.refunds }] as const)
    .sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));

describe('sales by supplier from the daily summary (property)', () => {
  it('equals a recount from the sale and refund lines after random sales, refunds and voids', () => {
    const recount = recountSql();
    let voids = 0;
    let refunds = 0;
    fc.assert(
      // Every history starts with a sale, so there is always something to recount.
      fc.property(fc.tuple(saleArb, fc.array(opArb, { minLength: 4, maxLength: 39 })).map(([first, rest]) => [first, ...rest]), fc.array(fc.tuple(fc.nat(12), fc.nat(12)), { minLength: 3, maxLength: 3 }), (ops, ranges) => {
        const clock = fixedClock(T0);
        const ctx: Ctx = { db: openDb(':memory:'), clock };
        try {
          const user = ctx.db.insert(users).values({ name: 'Bu Manajer', username: 'manajer', role: 'manager', pinHash: 'x', createdAt: T0 }).returning().get();
          const manager: Actor = { userId: user.id, name: user.name, role: 'manager', tillCode: 'K1' };
          const supplierIds = ['UD Mete Muna', 'Tenun Masalili', 'Madu Hutan Kolaka'].map((name) => createSupplier(ctx, manager, { name }).id);
          const products = supplierIds.flatMap((supplierId, s) =>
            [0, 1].map((i) =>
              createProduct(ctx, manager, {
                name: `Produk ${s}-${i}`,
                supplierId,
                sellPrice: 7_000 + 1_000 * s + 333 * i,
                terms: i === 0 ? { type: 'fixed', supplierPrice: 5_000 } : { type: 'commission', commissionBps: 2_500 },
              }),
            ),
          );
          // Small lots, so a line's units often come from two or three lots.
          for (let k = 0; k < 30; k++) {
            for (const p of products) createIntake(ctx, manager, { supplierId: p.supplierId!, lines: [{ productId: p.id, qty: 2 }] });
          }
          let shift = openShift(ctx, manager, { openingFloat: 10_000_000 });
          const saleIds: number[] = [];
          for (const op of ops) {
            if (op.op === 'sale') {
              const merged = new Map<number, number>();
              for (const l of op.lines) {
                const p = products[l.p % products.length]!;
                merged.set(p.id, (merged.get(p.id) ?? 0) + l.qty);
              }
              const { sale } = checkout(ctx, manager, {
                clientRequestId: `sale-${String(saleIds.length + 1).padStart(6, '0')}`,
                lines: [...merged].map(([productId, qty]) => ({ productId, qty })),
                payments: [{ method: 'cash', amount: 2_000_000 }],
              });
              saleIds.push(sale.id);
            } else if (op.op === 'refund' && saleIds.length > 0) {
              const sale = getSale(ctx, saleIds[op.sale % saleIds.length]!);
              if (sale.status === 'voided') continue;
              const left = sale.lines.filter((l) => l.qty > l.refundedQty);
              if (left.length === 0) continue;
              const want = new Map<number, number>();
              for (const pick of op.picks) {
                const l = left[pick % left.length]!;
                want.set(l.id, Math.min(l.qty - l.refundedQty, (want.get(l.id) ?? 0) + 1 + (pick % 2)));
              }
              const lines = [...want].map(([saleLineId, qty]) => ({ saleLineId, qty, restock: op.restock }));
              const preview = previewRefund(ctx, { saleId: sale.id, lines });
              refundSale(ctx, manager, { saleId: sale.id, lines, reason: 'acak', payments: preview.payments });
              refunds++;
            } else if (op.op === 'void' && saleIds.length > 0) {
              const sale = getSale(ctx, saleIds[op.sale % saleIds.length]!);
              if (sale.status === 'voided' || sale.refunds.length > 0 || sale.shiftId !== shift.id) continue;
              voidSale(ctx, manager, { saleId: sale.id, reason: 'salah input' });
              voids++;
            } else if (op.op === 'nextDay') {
              closeShift(ctx, manager, { countedCash: shiftView(ctx, shift.id).expectedCash });
              clock.advance(op.days * DAY);
              shift = openShift(ctx, manager, { openingFloat: 10_000_000 });
            }
          }

          // 1. The summary equals the migration's recount, row by row.
          const db = ctx.db.$client;
          db.exec(`CREATE TEMP TABLE recount AS SELECT * FROM supplier_day_sales WHERE 0`);
          db.exec(recount);
          const rows = (t: string) => db.prepare(`SELECT * FROM ${t} WHERE units <> 0 OR gross <> 0 OR transactions <> 0 OR refunds <> 0 ORDER BY business_date, supplier_id`).all();
          expect(rows('supplier_day_sales')).toEqual(rows('recount'));
          expect(db.prepare('SELECT count(*) FROM recount').pluck().get()).toBeGreaterThan(0);

          // 2. Per supplier over random ranges: the summary equals the query over every line.
          const first = businessDate(T0, TZ);
          const day = (n: number) => businessDate(T0 + n * DAY, TZ);
          for (const [a, b] of [[0, 60] as const, ...ranges]) {
            const range = { from: day(Math.min(a, b)), to: day(Math.max(a, b)) };
            expect(sorted(supplierFactsFromSummary(ctx, range)), `${range.from}..${range.to}`).toEqual(sorted(salesFacts(ctx, 'supplier', range)));
          }
          // The period's transactions (every report's total) from the daily count equal the count of completed sales.
          for (const [a, b] of ranges) {
            const range = { from: day(Math.min(a, b)), to: day(Math.max(a, b)) };
            const completed = db.prepare(`SELECT count(*) FROM sales WHERE business_date BETWEEN ? AND ? AND status = 'completed'`).pluck().get(range.from, range.to);
            expect(salesBySupplier(ctx, range).totals.transactions).toBe(completed);
          }
          const report = salesBySupplier(ctx, { from: first, to: day(60) });
          expect(report.rows.reduce((n, r) => n + r.gross, 0)).toBe(sorted(salesFacts(ctx, 'supplier', { from: first, to: day(60) })).reduce((n, [, f]) => n + f.gross, 0));
        } finally {
          ctx.db.$client.close();
        }
      }),
      { numRuns: 60 },
    );
    // The generator really exercised refunds and voids.
    expect(refunds).toBeGreaterThan(20);
    expect(voids).toBeGreaterThan(5);
  });
});
