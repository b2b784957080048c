/**
 * Invariant 3 of DESIGN.md per lot, over random sequences of intakes,
 * sales, refunds (restocked or not), returns, single adjustments and stock
 * counts run through the real services on a real (in-memory) SQLite with
 * the real migrations:
 *
 *   received + restocked refunds + Σ adjustments = remaining + sold + returned,
 *   never below zero,
 *
 * every refusal is exactly the one the rules predict, and a refused
 * operation changes nothing at all.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/db';
import { users } from '../../src/db/schema';
import { fixedClock } from '../../src/main/core/clock';
import type { Actor, Ctx } from '../../src/main/core/context';
import { createProduct } from '../../src/main/core/catalog';
import { createSupplier } from '../../src/main/core/suppliers';
import { createIntake } from '../../src/main/core/stock';
import { openShift } from '../../src/main/core/shifts';
import { checkout } from '../../src/main/core/sales';
import { previewRefund, refundSale } from '../../src/main/core/refunds';
import { createReturn } from '../../src/main/core/returns';
import { adjustLot } from '../../src/main/core/adjustments';
import { postCount, recordCount, startCount } from '../../src/main/core/stock-count';
import { lotInvariantViolations } from '../../src/main/core/invariants';
import { addDaysToDate, valueAtTerms } from '../../src/main/core/stock-value';
import { businessDate } from '../../src/main/core/clock';
import { AppError } from '../../src/shared/errors';

const T0 = Date.UTC(2026, 10, 29, 2, 0, 0); // 2026-11-29 10:00 WITA
const DAY = 86_400_000;

const TABLES = [
  'lots', 'sales', 'sale_lines', 'sale_line_lots', 'payments', 'ledger_entries', 'intakes', 'returns', 'return_lines',
  'stock_counts', 'stock_count_lines', 'stock_adjustments', 'doc_sequences', 'audit_log', 'products', 'suppliers',
];

type Op =
  | { kind: 'intake'; product: number; qty: number; expiryInDays: number }
  | { kind: 'sale'; product: number; qty: number }
  | { kind: 'refund'; line: number; qty: number; restock: boolean }
  | { kind: 'return'; lot: number; qty: number; wrongSupplier: boolean }
  | { kind: 'adjust'; lot: number; delta: number; shop: boolean }
  | { kind: 'count'; supplier: number | null; offsets: number[]; byProduct: boolean; saleBetween: number | null; shop: boolean }
  | { kind: 'days'; n: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('intake' as const), product: fc.nat(2), qty: fc.integer({ min: 1, max: 20 }), expiryInDays: fc.integer({ min: 0, max: 40 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('sale' as const), product: fc.nat(2), qty: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('refund' as const), line: fc.nat(50), qty: fc.integer({ min: 1, max: 6 }), restock: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('return' as const), lot: fc.nat(50), qty: fc.integer({ min: 1, max: 15 }), wrongSupplier: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('adjust' as const), lot: fc.nat(50), delta: fc.integer({ min: -12, max: 6 }).filter((n) => n !== 0), shop: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('count' as const),
      supplier: fc.option(fc.nat(1), { nil: null }),
      offsets: fc.array(fc.integer({ min: -6, max: 3 }), { minLength: 1, maxLength: 8 }),
      byProduct: fc.boolean(),
      saleBetween: fc.option(fc.nat(2), { nil: null }),
      shop: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('days' as const), n: fc.integer({ min: 1, max: 15 }) }) },
);

function setup() {
  const clock = fixedClock(T0);
  const ctx: Ctx = { db: openDb(':memory:'), clock };
  const user = ctx.db
    .insert(users)
    .values({ name: 'Bu Manajer', username: 'manajer', role: 'manager', pinHash: 'x', createdAt: T0 })
    .returning()
    .get();
  const actor: Actor = { userId: user.id, name: user.name, role: 'manager', tillCode: 'K1' };
  const s1 = createSupplier(ctx, actor, { name: 'UD Mete Muna' });
  const s2 = createSupplier(ctx, actor, { name: 'Tenun Masalili' });
  const products = [
    createProduct(ctx, actor, { name: 'Kacang Mete', supplierId: s1.id, sellPrice: 50_000, terms: { type: 'fixed', supplierPrice: 40_000 }, trackExpiry: true }),
    createProduct(ctx, actor, { name: 'Abon Ikan', supplierId: s1.id, sellPrice: 35_001, terms: { type: 'commission', commissionBps: 1250 }, trackExpiry: true }),
    createProduct(ctx, actor, { name: 'Sarung Tenun', supplierId: s2.id, sellPrice: 350_000, terms: { type: 'commission', commissionBps: 1500 } }),
  ];
  openShift(ctx, actor, { openingFloat: 0 });
  // Some stock to start from: two lots of the tracked goods, one of the cloth.
  createIntake(ctx, actor, { supplierId: s1.id, lines: [{ productId: products[0].id, qty: 8, expiryDate: '2026-12-05' }, { productId: products[1].id, qty: 6, expiryDate: '2026-12-20' }] });
  createIntake(ctx, actor, { supplierId: s2.id, lines: [{ productId: products[2].id, qty: 4 }] });
  return { ctx, clock, actor, suppliers: [s1.id, s2.id], products };
}

type World = ReturnType<typeof setup>;

function snapshotAll(w: World): Record<string, unknown[]> {
  return Object.fromEntries(TABLES.map((t) => [t, w.ctx.db.$client.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));
}

function lotsNow(w: World) {
  return w.ctx.db.$client.prepare('SELECT * FROM lots ORDER BY id').all() as {
    id: number;
    product_id: number;
    supplier_id: number;
    remaining_qty: number;
    expiry_date: string | null;
    terms_type: 'fixed' | 'commission';
    supplier_price: number | null;
    commission_bps: number | null;
    sell_price: number;
  }[];
}

/** Run `fn`; when `refusalExpected` it must throw an AppError and change nothing. */
function attempt(w: World, refusalExpected: boolean | 'maybe', fn: () => void): boolean {
  const before = snapshotAll(w);
  try {
    fn();
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    expect(refusalExpected, `unexpected refusal: ${err.code} ${err.message}`).not.toBe(false);
    expect(snapshotAll(w)).toEqual(before);
    return false;
  }
  expect(refusalExpected, 'expected a refusal').not.toBe(true);
  return true;
}

let req = 0;
function sell(w: World, product: number, qty: number): boolean {
  return attempt(w, 'maybe', () => {
    const p = w.products[product];
    checkout(w.ctx, w.actor, {
      clientRequestId: `prop-${++req}-${Date.now()}`,
      lines: [{ productId: p.id, qty }],
      payments: [{ method: 'cash', amount: p.sellPrice * qty }],
    });
  });
}

function run(w: World, op: Op): void {
  const today = businessDate(w.clock.now(), 'Asia/Makassar');
  const lots = lotsNow(w);
  switch (op.kind) {
    case 'intake': {
      const p = w.products[op.product];
      attempt(w, false, () =>
        createIntake(w.ctx, w.actor, {
          supplierId: p.supplierId!,
          lines: [{ productId: p.id, qty: op.qty, expiryDate: p.trackExpiry ? addDaysToDate(today, op.expiryInDays) : undefined }],
        }),
      );
      break;
    }
    case 'sale': {
      const p = w.products[op.product];
      const sellable = lots
        .filter((l) => l.product_id === p.id && (l.expiry_date === null || l.expiry_date >= today))
        .reduce((n, l) => n + l.remaining_qty, 0);
      const done = sell(w, op.product, op.qty);
      expect(done).toBe(sellable >= op.qty);
      break;
    }
    case 'refund': {
      const lines = w.ctx.db.$client
        .prepare(
          `SELECT sl.id, sl.sale_id, sl.qty - coalesce((SELECT sum(rl.qty) FROM refund_lines rl WHERE rl.sale_line_id = sl.id), 0) AS refundable
           FROM sale_lines sl ORDER BY sl.id`,
        )
        .all() as { id: number; sale_id: number; refundable: number }[];
      if (lines.length === 0) return;
      const line = lines[op.line % lines.length];
      const refundLines = [{ saleLineId: line.id, qty: op.qty, restock: op.restock }];
      const total = op.qty <= line.refundable ? previewRefund(w.ctx, { saleId: line.sale_id, lines: refundLines }).total : 1;
      attempt(w, op.qty > line.refundable, () =>
        refundSale(w.ctx, w.actor, { saleId: line.sale_id, lines: refundLines, reason: 'tidak jadi', payments: [{ method: 'cash', amount: total }] }),
      );
      break;
    }
    case 'return': {
      if (lots.length === 0) return;
      const lot = lots[op.lot % lots.length];
      const supplierId = op.wrongSupplier ? w.suppliers.find((s) => s !== lot.supplier_id)! : lot.supplier_id;
      const refuse = op.wrongSupplier || op.qty > lot.remaining_qty;
      attempt(w, refuse, () => createReturn(w.ctx, w.actor, { supplierId, lines: [{ lotId: lot.id, qty: op.qty }], reason: 'unsold' }));
      break;
    }
    case 'adjust': {
      if (lots.length === 0) return;
      const lot = lots[op.lot % lots.length];
      const ledgerBefore = w.ctx.db.$client.prepare("SELECT count(*) AS n FROM ledger_entries WHERE kind = 'loss'").get() as { n: number };
      const lostBefore = (w.ctx.db.$client.prepare("SELECT coalesce(sum(qty), 0) AS n FROM ledger_entries WHERE kind = 'loss' AND lot_id = ?").get(lot.id) as { n: number }).n;
      const ok = attempt(w, lot.remaining_qty + op.delta < 0, () =>
        adjustLot(w.ctx, w.actor, { lotId: lot.id, delta: op.delta, reason: 'koreksi', liability: op.shop ? 'shop' : 'supplier' }),
      );
      if (ok) {
        const loss = w.ctx.db.$client.prepare("SELECT * FROM ledger_entries WHERE kind = 'loss' ORDER BY id DESC LIMIT 1").get() as { amount: number; lot_id: number } | undefined;
        const after = w.ctx.db.$client.prepare("SELECT count(*) AS n FROM ledger_entries WHERE kind = 'loss'").get() as { n: number };
        const owes = op.delta < 0 && op.shop;
        // Units found again take back what the shop still owes as lost on this lot, no more.
        const takesBack = op.delta > 0 ? Math.min(op.delta, Math.max(0, lostBefore)) : 0;
        const terms = { termsType: lot.terms_type, supplierPrice: lot.supplier_price, commissionBps: lot.commission_bps, sellPrice: lot.sell_price };
        expect(after.n - ledgerBefore.n).toBe(owes || takesBack > 0 ? 1 : 0);
        if (owes) expect(loss).toMatchObject({ lot_id: lot.id, amount: valueAtTerms(terms, -op.delta) });
        if (takesBack > 0) expect(loss).toMatchObject({ lot_id: lot.id, qty: -takesBack, amount: -valueAtTerms(terms, takesBack) });
      }
      break;
    }
    case 'count': {
      const supplierId = op.supplier === null ? undefined : w.suppliers[op.supplier];
      const inScope = lots.filter((l) => l.remaining_qty > 0 && (supplierId === undefined || l.supplier_id === supplierId));
      let countId = 0;
      const started = attempt(w, inScope.length === 0, () => {
        countId = startCount(w.ctx, w.actor, { supplierId }).id;
      });
      if (!started) return;
      const counted = inScope.slice(0, op.offsets.length);
      const lines = op.byProduct
        ? [...new Set(counted.map((l) => l.product_id))].map((productId, i) => ({
            productId,
            countedQty: Math.max(0, inScope.filter((l) => l.product_id === productId).reduce((n, l) => n + l.remaining_qty, 0) + op.offsets[i % op.offsets.length]),
          }))
        : counted.map((l, i) => ({ lotId: l.id, countedQty: Math.max(0, l.remaining_qty + op.offsets[i]) }));
      attempt(w, false, () => recordCount(w.ctx, w.actor, { countId, lines }));
      // The shop keeps selling between counting and posting.
      if (op.saleBetween !== null) sell(w, op.saleBetween, 1);
      const countRow = w.ctx.db.$client.prepare('SELECT lot_id, expected_qty, counted_qty FROM stock_count_lines WHERE count_id = ?').all(countId) as {
        lot_id: number;
        expected_qty: number;
        counted_qty: number | null;
      }[];
      const current = new Map(lotsNow(w).map((l) => [l.id, l.remaining_qty]));
      const differing = countRow.filter((r) => r.counted_qty !== null && r.counted_qty !== r.expected_qty);
      const wouldGoNegative = differing.some((r) => current.get(r.lot_id)! + (r.counted_qty! - r.expected_qty) < 0);
      attempt(w, wouldGoNegative, () =>
        postCount(w.ctx, w.actor, {
          countId,
          lines: differing.map((r) => ({ lotId: r.lot_id, reason: 'selisih opname', liability: op.shop ? 'shop' : 'supplier' })),
        }),
      );
      if (wouldGoNegative) {
        // Leave no count open behind us: recount the offending lots as they are now, then post.
        attempt(w, false, () => {
          recordCount(w.ctx, w.actor, { countId, lines: differing.map((r) => ({ lotId: r.lot_id, countedQty: current.get(r.lot_id)! })) });
          postCount(w.ctx, w.actor, { countId, lines: [] });
        });
      }
      break;
    }
    case 'days':
      w.clock.advance(op.n * DAY);
      break;
  }
}

describe('per-lot stock invariant (property)', () => {
  it('holds after every operation; refusals are exactly the predicted ones and change nothing', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 5, maxLength: 35, size: 'medium' }), (ops) => {
        const w = setup();
        try {
          for (const op of ops) {
            run(w, op);
            expect(lotInvariantViolations(w.ctx.db)).toEqual([]);
            const negative = w.ctx.db.$client.prepare('SELECT count(*) AS n FROM lots WHERE remaining_qty < 0').get() as { n: number };
            expect(negative.n).toBe(0);
          }
          // Every shop-borne shortfall owes the supplier exactly its value at the lot's terms; units found again only take back a loss; nothing else writes one.
          const mismatched = w.ctx.db.$client
            .prepare(
              `SELECT count(*) AS n FROM stock_adjustments a LEFT JOIN ledger_entries e ON e.id = a.ledger_entry_id
               WHERE (a.delta < 0 AND (a.liability = 'shop') <> (e.id IS NOT NULL))
                  OR (e.id IS NOT NULL AND (e.kind <> 'loss' OR e.lot_id <> a.lot_id
                      OR (a.delta < 0 AND e.qty <> -a.delta)
                      OR (a.delta > 0 AND (e.qty >= 0 OR -e.qty > a.delta))))`,
            )
            .get() as { n: number };
          expect(mismatched.n).toBe(0);
          const strayLosses = w.ctx.db.$client
            .prepare("SELECT count(*) AS n FROM ledger_entries WHERE kind = 'loss' AND id NOT IN (SELECT ledger_entry_id FROM stock_adjustments WHERE ledger_entry_id IS NOT NULL)")
            .get() as { n: number };
          expect(strayLosses.n).toBe(0);
          // Never more taken back than was lost, lot by lot.
          const overTaken = w.ctx.db.$client
            .prepare("SELECT count(*) AS n FROM (SELECT lot_id FROM ledger_entries WHERE kind = 'loss' GROUP BY lot_id HAVING sum(qty) < 0)")
            .get() as { n: number };
          expect(overTaken.n).toBe(0);
        } finally {
          w.ctx.db.$client.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('reports a lot whose numbers do not add up', () => {
    const w = setup();
    const p = w.products[0];
    const intake = createIntake(w.ctx, w.actor, { supplierId: p.supplierId!, lines: [{ productId: p.id, qty: 5, expiryDate: '2027-01-01' }] });
    expect(lotInvariantViolations(w.ctx.db)).toEqual([]);
    // A write that bypasses the services breaks the books.
    w.ctx.db.$client.prepare('UPDATE lots SET remaining_qty = 3 WHERE id = ?').run(intake.lots[0].id);
    expect(lotInvariantViolations(w.ctx.db)).toEqual([
      expect.objectContaining({ lotId: intake.lots[0].id, receivedQty: 5, remainingQty: 3, soldQty: 0, returnedQty: 0, adjustedQty: 0, discrepancy: 2 }),
    ]);
    w.ctx.db.$client.close();
  });
});
