/**
 * Settlement invariants over generated shops: random products on both
 * terms, multi-lot sales through the real checkout, refunds before and after
 * settlement, shop-borne losses, fees, adjustments, settlements at random
 * cutoffs and voids, on a real SQLite database with the real migrations.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/db';
import { users } from '../../src/db/schema';
import { createProduct } from '../../src/main/core/catalog';
import { businessDate, fixedClock } from '../../src/main/core/clock';
import type { Actor, Ctx } from '../../src/main/core/context';
import { appendLedgerEntry, recordAdjustment, recordFee, supplierBalances } from '../../src/main/core/ledger';
import { checkout } from '../../src/main/core/sales';
import { createSettlement, getSettlement, previewSettlement, voidSettlement } from '../../src/main/core/settlements';
import { openShift } from '../../src/main/core/shifts';
import { createIntake } from '../../src/main/core/stock';
import { createSupplier } from '../../src/main/core/suppliers';
import { AppError } from '../../src/shared/errors';

/** 2026-11-29 10:00 WITA. */
const T0 = Date.UTC(2026, 10, 29, 2, 0, 0);
const TZ = 'Asia/Makassar';
const DAY = 86_400_000;

/** The test's own half-up rounding of n × bps / 10000 (n ≥ 0), not the app's helper. */
const commissionOf = (net: number, bps: number) => Number((BigInt(net) * BigInt(bps) * 2n + 10_000n) / 20_000n);

interface Shop {
  db: Db;
  ctx: Ctx;
  clock: ReturnType<typeof fixedClock>;
  actor: Actor;
  suppliers: number[];
  products: number[];
}

function openShop(): Shop {
  const db = openDb(':memory:');
  const clock = fixedClock(T0);
  const ctx: Ctx = { db, clock };
  const user = db.insert(users).values({ name: 'Bu Manajer', username: 'manajer', role: 'admin', pinHash: 'unused', createdAt: T0 }).returning().get();
  const actor: Actor = { userId: user.id, name: user.name, role: 'admin', tillCode: 'K1' };
  const suppliers = [
    createSupplier(ctx, actor, { name: 'UD Mete Muna', bankName: 'BRI', bankAccount: '1234', bankHolder: 'La Ode' }).id,
    createSupplier(ctx, actor, { name: 'Tenun Masalili', bankName: 'BNI', bankAccount: '5678', bankHolder: 'Wa Ode' }).id,
  ];
  openShift(ctx, actor, { openingFloat: 0 });
  return { db, ctx, clock, actor, suppliers, products: [] };
}

const productArb = fc.record({
  supplier: fc.integer({ min: 0, max: 1 }),
  sellPrice: fc.oneof(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1_000, max: 500_000 })),
  terms: fc.oneof(
    fc.record({ type: fc.constant('fixed' as const), per10k: fc.integer({ min: 0, max: 10_000 }) }),
    fc.record({ type: fc.constant('commission' as const), bps: fc.oneof(fc.constantFrom(0, 1000, 1500, 2000, 10_000), fc.integer({ min: 0, max: 10_000 })) }),
  ),
  lots: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 3 }),
});

const opArb = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('sale' as const), lines: fc.array(fc.record({ p: fc.nat(), qty: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('refund' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('loss' as const), p: fc.nat(), qty: fc.integer({ min: 1, max: 2 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('fee' as const), s: fc.integer({ min: 0, max: 1 }), amount: fc.integer({ min: 1, max: 60_000 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('adjust' as const), s: fc.integer({ min: 0, max: 1 }), amount: fc.integer({ min: -100_000, max: 100_000 }).filter((n) => n !== 0) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('settle' as const), s: fc.integer({ min: 0, max: 1 }), daysBack: fc.integer({ min: 0, max: 3 }), transfer: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('void' as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('advance' as const), hours: fc.integer({ min: 1, max: 40 }) }) },
);

type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;
type ProductSpec = typeof productArb extends fc.Arbitrary<infer T> ? T : never;

/** What the generated scenarios exercised, so the property cannot pass vacuously. */
const seen = { settled: 0, carriedForward: 0, alreadyPaid: 0, voided: 0, refundsAfterSettlement: 0, refundsBefore: 0, multiLotLines: 0, roundedCommissions: 0, losses: 0 };

const q = <T,>(db: Db, sqlText: string, ...params: unknown[]) => db.$client.prepare(sqlText).all(...params) as T[];
const q1 = <T,>(db: Db, sqlText: string, ...params: unknown[]) => db.$client.prepare(sqlText).get(...params) as T;

function checkInvariants(shop: Shop, model: Map<number, number>): void {
  const { db } = shop;
  // Invariant 1: every lot portion splits its net amount exactly; the sales add up.
  const bad = q(db, 'SELECT id FROM sale_line_lots WHERE net_amount <> supplier_share + shop_share');
  expect(bad).toEqual([]);
  const sums = q1<{ net: number | null; sup: number | null; shop: number | null }>(db, 'SELECT SUM(net_amount) AS net, SUM(supplier_share) AS sup, SUM(shop_share) AS shop FROM sale_line_lots');
  expect(sums.net ?? 0).toBe((sums.sup ?? 0) + (sums.shop ?? 0));
  const totals = q1<{ t: number | null }>(db, "SELECT SUM(total) AS t FROM sales WHERE status = 'completed'");
  expect(sums.net ?? 0).toBe(totals.t ?? 0);

  // Invariant 2: no entry held by two live settlements; every covered entry is the
  // settlement's supplier's, dated up to its cutoff, and locked to it.
  expect(q(db, `SELECT se.ledger_entry_id FROM settlement_entries se JOIN settlements s ON s.id = se.settlement_id
                WHERE s.voided_at IS NULL GROUP BY se.ledger_entry_id HAVING COUNT(*) > 1`)).toEqual([]);
  const outOfScope = q(db, `SELECT se.id FROM settlement_entries se JOIN settlements s ON s.id = se.settlement_id
                            JOIN ledger_entries e ON e.id = se.ledger_entry_id
                            WHERE s.voided_at IS NULL AND (e.business_date > s.cutoff OR e.created_at > s.created_at
                              OR e.supplier_id <> s.supplier_id OR e.kind = 'payout' OR e.settlement_id IS NOT s.id)`);
  expect(outOfScope).toEqual([]);
  // An entry locked to a settlement (other than its payouts) is listed by that live settlement.
  const strayLocks = q(db, `SELECT e.id FROM ledger_entries e LEFT JOIN settlements s ON s.id = e.settlement_id
                            WHERE e.settlement_id IS NOT NULL AND e.kind <> 'payout' AND (s.voided_at IS NOT NULL
                              OR NOT EXISTS (SELECT 1 FROM settlement_entries se WHERE se.settlement_id = s.id AND se.ledger_entry_id = e.id))`);
  expect(strayLocks).toEqual([]);

  const settlementsRows = q<{ id: number; supplier_id: number; amount: number; voided_at: number | null }>(db, 'SELECT id, supplier_id, amount, voided_at FROM settlements');
  for (const s of settlementsRows) {
    const covered = q1<{ n: number; sum: number | null }>(db, 'SELECT COUNT(*) AS n, SUM(e.amount) AS sum FROM settlement_entries se JOIN ledger_entries e ON e.id = se.ledger_entry_id WHERE se.settlement_id = ?', s.id);
    expect(covered.sum).toBe(s.amount);
    expect(s.amount).toBeGreaterThan(0);
    const payouts = q<{ amount: number }>(db, "SELECT amount FROM ledger_entries WHERE settlement_id = ? AND kind = 'payout' ORDER BY id", s.id);
    expect(payouts.map((p) => p.amount)).toEqual(s.voided_at === null ? [-s.amount] : [-s.amount, s.amount]);
  }

  // Σ payouts + carried balances = Σ entries, per supplier; and the balance matches the test's own model.
  const balances = new Map(supplierBalances(shop.ctx, {}).map((b) => [b.supplierId, b.balance]));
  for (const supplierId of shop.suppliers) {
    const r = q1<{ owed: number | null; payouts: number | null; carried: number | null }>(
      db,
      `SELECT SUM(CASE WHEN kind <> 'payout' THEN amount END) AS owed,
              SUM(CASE WHEN kind = 'payout' THEN amount END) AS payouts,
              SUM(CASE WHEN settlement_id IS NULL THEN amount END) AS carried
       FROM ledger_entries WHERE supplier_id = ?`,
      supplierId,
    );
    const paidLive = q1<{ p: number | null }>(db, 'SELECT SUM(amount) AS p FROM settlements WHERE supplier_id = ? AND voided_at IS NULL', supplierId).p ?? 0;
    expect(0 - (r.payouts ?? 0)).toBe(paidLive);
    expect(paidLive + (r.carried ?? 0)).toBe(r.owed ?? 0);
    expect(balances.get(supplierId)).toBe(r.carried ?? 0);
    expect(balances.get(supplierId)).toBe(model.get(supplierId));
  }
}

function runScenario(products: ProductSpec[], ops: Op[]): void {
  const shop = openShop();
  const { ctx, actor, db, clock } = shop;
  const model = new Map(shop.suppliers.map((id) => [id, 0]));
  const add = (supplierId: number, amount: number) => model.set(supplierId, model.get(supplierId)! + amount);
  for (const [i, p] of products.entries()) {
    const supplierId = shop.suppliers[p.supplier]!;
    const terms =
      p.terms.type === 'fixed'
        ? { type: 'fixed' as const, supplierPrice: Math.floor((p.sellPrice * p.terms.per10k) / 10_000) }
        : { type: 'commission' as const, commissionBps: p.terms.bps };
    const product = createProduct(ctx, actor, { name: `Barang ${i + 1}`, supplierId, sellPrice: p.sellPrice, terms });
    shop.products.push(product.id);
    createIntake(ctx, actor, { supplierId, lines: p.lots.map((qty) => ({ productId: product.id, qty })) });
  }
  let seq = 0;
  for (const op of ops) {
    switch (op.op) {
      case 'sale': {
        const lines = op.lines.map((l) => ({ productId: shop.products[l.p % shop.products.length]!, qty: l.qty }));
        let sale;
        try {
          const total = lines.reduce((n, l) => n + l.qty * 750_000, 0);
          sale = checkout(ctx, actor, { clientRequestId: `prop-${++seq}`, lines, payments: [{ method: 'cash', amount: total }] }).sale;
        } catch (err) {
          if (err instanceof AppError && err.code === 'INSUFFICIENT_STOCK') break;
          throw err;
        }
        for (const line of sale.lines) {
          if (line.lots.length > 1) seen.multiLotLines++;
          expect(line.lots.reduce((n, x) => n + x.netAmount, 0)).toBe(line.lineTotal);
          expect(line.lineTotal).toBe(line.qty * line.unitPrice);
          for (const portion of line.lots) {
            const lot = q1<{ supplier_id: number; terms_type: string; supplier_price: number | null; commission_bps: number | null }>(
              db, 'SELECT supplier_id, terms_type, supplier_price, commission_bps FROM lots WHERE id = ?', portion.lotId);
            const expected = lot.terms_type === 'fixed' ? lot.supplier_price! * portion.qty : portion.netAmount - commissionOf(portion.netAmount, lot.commission_bps!);
            expect(portion.supplierShare).toBe(expected);
            if (lot.terms_type === 'commission' && (portion.netAmount * lot.commission_bps!) % 10_000 !== 0) seen.roundedCommissions++;
            add(lot.supplier_id, expected);
          }
        }
        break;
      }
      case 'refund': {
        // What a refund of one whole sold lot portion writes (as src/main/core/refunds.ts does), without the rest of the refund.
        const open = q<{ id: number; supplier_id: number; amount: number; sale_line_lot_id: number; lot_id: number; qty: number; settlement_id: number | null }>(
          db,
          `SELECT e.id, e.supplier_id, e.amount, e.sale_line_lot_id, e.lot_id, e.qty, e.settlement_id FROM ledger_entries e
           WHERE e.kind = 'sale' AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.kind = 'refund' AND r.sale_line_lot_id = e.sale_line_lot_id)
           ORDER BY e.id`,
        );
        if (open.length === 0) break;
        const e = open[op.pick % open.length]!;
        db.transaction(() =>
          appendLedgerEntry(ctx, { supplierId: e.supplier_id, kind: 'refund', amount: -e.amount, saleLineLotId: e.sale_line_lot_id, lotId: e.lot_id, qty: -e.qty, note: 'Retur', createdBy: actor.userId }),
        );
        add(e.supplier_id, -e.amount);
        if (e.settlement_id === null) seen.refundsBefore++;
        else seen.refundsAfterSettlement++;
        break;
      }
      case 'loss': {
        const productId = shop.products[op.p % shop.products.length]!;
        const lot = q1<{ id: number; supplier_id: number; remaining_qty: number; terms_type: string; supplier_price: number | null; commission_bps: number | null; sell_price: number } | undefined>(
          db, 'SELECT * FROM lots WHERE product_id = ? AND remaining_qty >= ? ORDER BY id LIMIT 1', productId, op.qty);
        if (!lot) break;
        const gross = lot.sell_price * op.qty;
        const amount = lot.terms_type === 'fixed' ? lot.supplier_price! * op.qty : gross - commissionOf(gross, lot.commission_bps!);
        db.transaction(() => {
          db.$client.prepare('UPDATE lots SET remaining_qty = remaining_qty - ? WHERE id = ?').run(op.qty, lot.id);
          appendLedgerEntry(ctx, { supplierId: lot.supplier_id, kind: 'loss', amount, lotId: lot.id, qty: op.qty, note: 'Opname', createdBy: actor.userId });
        });
        add(lot.supplier_id, amount);
        seen.losses++;
        break;
      }
      case 'fee':
        recordFee(ctx, actor, { supplierId: shop.suppliers[op.s]!, amount: op.amount, note: 'Sewa rak' });
        add(shop.suppliers[op.s]!, -op.amount);
        break;
      case 'adjust':
        recordAdjustment(ctx, actor, { supplierId: shop.suppliers[op.s]!, amount: op.amount, reason: 'Koreksi' });
        add(shop.suppliers[op.s]!, op.amount);
        break;
      case 'settle': {
        const supplierId = shop.suppliers[op.s]!;
        const cutoff = businessDate(clock.now() - op.daysBack * DAY, TZ);
        // The oracle: plain SQL over the ledger, not the service.
        const due = q1<{ n: number; sum: number | null }>(
          db,
          "SELECT COUNT(*) AS n, SUM(amount) AS sum FROM ledger_entries WHERE supplier_id = ? AND settlement_id IS NULL AND kind <> 'payout' AND business_date <= ?",
          supplierId,
          cutoff,
        );
        const preview = previewSettlement(ctx, { supplierId, cutoff });
        expect(preview.amount).toBe(due.sum ?? 0);
        expect(preview.entryCount).toBe(due.n);
        expect(preview.totals.sales + preview.totals.refunds + preview.totals.losses + preview.totals.fees + preview.totals.adjustments).toBe(preview.amount);
        expect(preview.products.reduce((n, l) => n + l.supplierShare, 0)).toBe(preview.totals.sales);
        const before = q1<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM settlements').n;
        const livePaid = q1<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM settlements WHERE supplier_id = ? AND voided_at IS NULL', supplierId).n;
        try {
          const s = createSettlement(ctx, actor, { supplierId, cutoff, method: op.transfer ? 'transfer' : 'cash', expectedAmount: due.sum ?? undefined });
          expect(due.sum ?? 0).toBeGreaterThan(0);
          expect(s.amount).toBe(due.sum);
          expect(s.entryCount).toBe(due.n);
          expect(getSettlement(ctx, s.id).breakdown.amount).toBe(s.amount);
          add(supplierId, -s.amount);
          seen.settled++;
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          // Nothing to pay (zero or negative: carried forward), or everything already paid.
          expect(due.sum ?? 0).toBeLessThanOrEqual(0);
          expect(err.code).toBe(due.n === 0 && livePaid > 0 ? 'CONFLICT' : 'VALIDATION');
          if (err.code === 'CONFLICT') seen.alreadyPaid++;
          else if (due.n > 0) seen.carriedForward++;
          expect(q1<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM settlements').n).toBe(before);
        }
        break;
      }
      case 'void': {
        const live = q<{ id: number; supplier_id: number; amount: number }>(db, 'SELECT id, supplier_id, amount FROM settlements WHERE voided_at IS NULL ORDER BY id');
        if (live.length === 0) break;
        const s = live[op.pick % live.length]!;
        voidSettlement(ctx, actor, { id: s.id, reason: 'Salah hitung' });
        add(s.supplier_id, s.amount);
        seen.voided++;
        expect(() => voidSettlement(ctx, actor, { id: s.id, reason: 'lagi' })).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
        break;
      }
      case 'advance':
        clock.advance(op.hours * 3_600_000);
        break;
    }
    checkInvariants(shop, model);
  }
  // Finally pay everyone what is still owed today, and check it lands on zero.
  const today = businessDate(clock.now(), TZ);
  for (const supplierId of shop.suppliers) {
    const owed = model.get(supplierId)!;
    if (owed > 0) {
      createSettlement(ctx, actor, { supplierId, cutoff: today, method: 'cash', expectedAmount: owed });
      add(supplierId, -owed);
    }
    expect(model.get(supplierId)!).toBeLessThanOrEqual(0);
  }
  checkInvariants(shop, model);
  db.$client.close();
}

describe('settlement invariants (generated shops)', () => {
  it('invariants 1 and 2 hold to the rupiah, and Σ payouts + carried balances = Σ entries', () => {
    fc.assert(
      fc.property(fc.array(productArb, { minLength: 1, maxLength: 5 }), fc.array(opArb, { minLength: 5, maxLength: 40, size: 'medium' }), (products, ops) => {
        runScenario(products, ops);
      }),
      { numRuns: 60 },
    );
    for (const [what, n] of Object.entries(seen)) expect(n, what).toBeGreaterThan(0);
  });
});

describe('the database refuses to cover an entry twice', () => {
  function paidShop() {
    const shop = openShop();
    const { ctx, actor } = shop;
    const p = createProduct(ctx, actor, { name: 'Kacang Mete', supplierId: shop.suppliers[0]!, sellPrice: 50_000, terms: { type: 'fixed', supplierPrice: 40_000 } });
    createIntake(ctx, actor, { supplierId: shop.suppliers[0]!, lines: [{ productId: p.id, qty: 10 }] });
    const sell = () => checkout(ctx, actor, { clientRequestId: `g-${Math.random()}`, lines: [{ productId: p.id, qty: 1 }], payments: [{ method: 'cash', amount: 50_000 }] });
    sell();
    const first = createSettlement(ctx, actor, { supplierId: shop.suppliers[0]!, cutoff: '2026-11-29', method: 'cash' });
    sell();
    const second = createSettlement(ctx, actor, { supplierId: shop.suppliers[0]!, cutoff: '2026-11-29', method: 'cash' });
    const entry = (s: number) => q1<{ id: number }>(shop.db, "SELECT id FROM ledger_entries WHERE settlement_id = ? AND kind <> 'payout'", s).id;
    return { shop, first, second, e1: entry(first.id), e2: entry(second.id) };
  }

  it('by triggers, whatever path writes', () => {
    const { shop, first, second, e1, e2 } = paidShop();
    const run = (sqlText: string) => () => shop.db.$client.prepare(sqlText).run();
    // Listing an entry already held by a live settlement in another one.
    expect(run(`INSERT INTO settlement_entries (settlement_id, ledger_entry_id) VALUES (${second.id}, ${e1})`)).toThrow(/already covered/);
    // Moving the lock from one settlement to another.
    expect(run(`UPDATE ledger_entries SET settlement_id = ${second.id} WHERE id = ${e1}`)).toThrow(/already covered/);
    // Releasing an entry of a live settlement.
    expect(run(`UPDATE ledger_entries SET settlement_id = NULL WHERE id = ${e2}`)).toThrow(/only voiding/);
    // Locking an entry to a settlement that does not list it.
    const fee = recordFee(shop.ctx, shop.actor, { supplierId: shop.suppliers[0]!, amount: 1_000, note: 'x' });
    expect(run(`UPDATE ledger_entries SET settlement_id = ${second.id} WHERE id = ${fee.id}`)).toThrow(/not listed/);
    // An entry born settled, a payout without a settlement, a settlement rewritten or deleted.
    expect(run(`INSERT INTO ledger_entries (supplier_id, kind, amount, settlement_id, business_date, created_at) VALUES (${shop.suppliers[0]}, 'sale', 5, ${second.id}, '2026-11-29', 0)`)).toThrow(/payout/);
    expect(run(`INSERT INTO ledger_entries (supplier_id, kind, amount, business_date, created_at) VALUES (${shop.suppliers[0]}, 'payout', -5, '2026-11-29', 0)`)).toThrow(/payout/);
    expect(run(`UPDATE settlements SET amount = 1 WHERE id = ${first.id}`)).toThrow(/never rewritten/);
    expect(run(`DELETE FROM settlements WHERE id = ${first.id}`)).toThrow(/never deleted/);
    expect(run(`DELETE FROM settlement_entries`)).toThrow(/append-only/);
    // A void happens once; after it the entry may be covered again.
    voidSettlement(shop.ctx, shop.actor, { id: first.id, reason: 'uji' });
    expect(run(`UPDATE settlements SET voided_at = 1 WHERE id = ${first.id}`)).toThrow(/voided once/);
    expect(q1<{ settlement_id: number | null }>(shop.db, 'SELECT settlement_id FROM ledger_entries WHERE id = ?', e1).settlement_id).toBeNull();
    const third = createSettlement(shop.ctx, shop.actor, { supplierId: shop.suppliers[0]!, cutoff: '2026-11-29', method: 'cash' });
    expect(third.amount).toBe(40_000 - 1_000);
    // An entry dated after the cutoff cannot be listed.
    shop.clock.advance(DAY);
    const late = recordFee(shop.ctx, shop.actor, { supplierId: shop.suppliers[0]!, amount: 1_000, note: 'besok' });
    expect(run(`INSERT INTO settlement_entries (settlement_id, ledger_entry_id) VALUES (${third.id}, ${late.id})`)).toThrow(/outside/);
    shop.db.$client.close();
  });
});
