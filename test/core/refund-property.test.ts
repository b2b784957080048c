/**
 * Refunds add up, over generated data, through the real services on a real
 * (in-memory) SQLite with the real migrations: random carts with line and
 * sale discounts, cash rounding on or off, cash, non-cash and split
 * payments, refunded whole or in several refunds of random units in random
 * order, each given back as paid or all by one method. Then:
 * - the money given back over all refunds equals what the customer paid
 *   (total + rounding), and never exceeds it along the way;
 * - with cash rounding on, every refund's cash is on the Rp 100 grid;
 * - a refund that leaves units gives back their value (its cash rounded),
 *   and the last one gives back exactly what was left;
 * - the drawer's expected cash is float + cash taken − change − cash given back;
 * - every supplier's ledger entries of the sale net to zero.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/db';
import { users } from '../../src/db/schema';
import { createProduct } from '../../src/main/core/catalog';
import { fixedClock } from '../../src/main/core/clock';
import type { Actor, Ctx } from '../../src/main/core/context';
import { previewRefund, refundSale, type PayBack } from '../../src/main/core/refunds';
import { checkout, getSale } from '../../src/main/core/sales';
import { openShift, shiftView } from '../../src/main/core/shifts';
import { createIntake } from '../../src/main/core/stock';
import { createSupplier } from '../../src/main/core/suppliers';
import { updateSettings } from '../../src/main/core/till-settings';
import { AppError } from '../../src/shared/errors';
import type { PaymentMethod } from '../../src/shared/printer';

const T0 = Date.UTC(2026, 10, 29, 2, 0, 0);
const FLOAT = 100_000_000;

const productArb = fc.record({
  sellPrice: fc.integer({ min: 1, max: 500_000 }),
  fixed: fc.boolean(),
  supplierPriceFrac: fc.double({ min: 0, max: 1, noNaN: true }),
  bps: fc.integer({ min: 0, max: 10_000 }),
});

const lineArb = fc.record({
  product: fc.nat(),
  qty: fc.integer({ min: 1, max: 5 }),
  discountBps: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5_000 })),
});

const payArb = fc.record({
  kind: fc.constantFrom('cash' as const, 'qris' as const, 'split' as const),
  nonCashFrac: fc.double({ min: 0, max: 1, noNaN: true }),
  extra: fc.integer({ min: 0, max: 60_000 }),
  method: fc.constantFrom('qris' as const, 'debit' as const, 'transfer' as const),
});

/** Which refund each unit goes back in, and how each refund pays back. */
const refundsArb = fc.record({
  count: fc.integer({ min: 1, max: 4 }),
  unitTo: fc.array(fc.nat(), { minLength: 60, maxLength: 60 }),
  payBack: fc.array(fc.constantFrom<PayBack>('asPaid', 'asPaid', 'cash', 'qris', 'transfer'), { minLength: 4, maxLength: 4 }),
  restock: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
});

const sum = (ps: readonly { amount: number }[]) => ps.reduce((n, p) => n + p.amount, 0);
const cashOf = (ps: readonly { method: PaymentMethod; amount: number }[]) => sum(ps.filter((p) => p.method === 'cash'));

describe('refunds of any sale (property)', () => {
  it('give back exactly what was paid, on the cash grid, and leave the drawer and the suppliers square', () => {
    fc.assert(
      fc.property(
        fc.array(productArb, { minLength: 1, maxLength: 3 }),
        fc.array(lineArb, { minLength: 1, maxLength: 4 }),
        fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3_000 })),
        fc.boolean(),
        payArb,
        refundsArb,
        (specs, genLines, saleBps, rounding, pay, plan) => {
          const clock = fixedClock(T0);
          const ctx: Ctx = { db: openDb(':memory:'), clock };
          try {
            const user = ctx.db.insert(users).values({ name: 'Bu Manajer', username: 'manajer', role: 'manager', pinHash: 'x', createdAt: T0 }).returning().get();
            const manager: Actor = { userId: user.id, name: user.name, role: 'manager', tillCode: 'K1' };
            updateSettings(ctx, manager, { cashRounding: rounding ? '100' : 'none', paymentMethods: ['cash', 'qris', 'debit', 'transfer'] });
            const supplier = createSupplier(ctx, manager, { name: 'UD Mete Muna' });
            const supplier2 = createSupplier(ctx, manager, { name: 'Tenun Masalili' });
            const products = specs.map((p, i) =>
              createProduct(ctx, manager, {
                name: `Produk ${i}`,
                supplierId: i % 2 === 0 ? supplier.id : supplier2.id,
                sellPrice: p.sellPrice,
                terms: p.fixed ? { type: 'fixed', supplierPrice: Math.floor(p.sellPrice * p.supplierPriceFrac) } : { type: 'commission', commissionBps: p.bps },
              }),
            );
            for (const [i, p] of products.entries()) {
              createIntake(ctx, manager, { supplierId: i % 2 === 0 ? supplier.id : supplier2.id, lines: [{ productId: p.id, qty: 6 }, { productId: p.id, qty: 30 }] });
            }
            const shift = openShift(ctx, manager, { openingFloat: FLOAT });

            // The cart: one line per product (merged), a line discount each, maybe a sale discount.
            const merged = new Map<number, { qty: number; bps: number }>();
            for (const l of genLines) {
              const p = products[l.product % products.length]!;
              const m = merged.get(p.id);
              merged.set(p.id, { qty: (m?.qty ?? 0) + l.qty, bps: m?.bps ?? l.discountBps });
            }
            const lines = [...merged].map(([productId, l]) => ({ productId, qty: l.qty, ...(l.bps ? { discount: { type: 'percent' as const, bps: l.bps } } : {}) }));
            const discount = saleBps ? { type: 'percent' as const, bps: saleBps } : undefined;

            // Price it once without paying, to know the total.
            let total: number;
            try {
              checkout(ctx, manager, { clientRequestId: 'probe-000', lines, ...(discount ? { discount } : {}), payments: [{ method: 'cash', amount: 1 }] });
              throw new Error('a sale paid Rp 1 must be refused');
            } catch (err) {
              const d = (err as AppError).details as { total?: number };
              fc.pre(err instanceof AppError && typeof d?.total === 'number');
              total = d.total!;
            }
            fc.pre(total > 0);
            const nonCash = pay.kind === 'qris' ? total : pay.kind === 'split' ? Math.min(total - 1, Math.max(1, Math.floor(total * pay.nonCashFrac))) : 0;
            const payments =
              pay.kind === 'qris'
                ? [{ method: pay.method, amount: total }]
                : [...(nonCash > 0 ? [{ method: pay.method, amount: nonCash, reference: 'REF-1' }] : []), { method: 'cash' as const, amount: total - nonCash + 100 + pay.extra }];
            const { sale } = checkout(ctx, manager, { clientRequestId: 'sale-000001', lines, ...(discount ? { discount } : {}), payments });
            const paid = sale.total + sale.rounding;
            expect(sale.paid - sale.change).toBe(paid);
            const cashTaken = cashOf(payments) - sale.change;

            // Every unit to one of `count` refunds, refunds in the order of their first unit.
            const units = sale.lines.flatMap((l) => Array.from({ length: l.qty }, () => l.id));
            const groups = Array.from({ length: plan.count }, () => new Map<number, number>());
            units.forEach((lineId, u) => {
              const g = groups[plan.unitTo[u % plan.unitTo.length]! % plan.count]!;
              g.set(lineId, (g.get(lineId) ?? 0) + 1);
            });
            const refunds = groups.filter((g) => g.size > 0);

            let returned = 0;
            let cashBack = 0;
            refunds.forEach((g, k) => {
              const refundLines = [...g].map(([saleLineId, qty]) => ({ saleLineId, qty, restock: plan.restock[k]! }));
              const last = k === refunds.length - 1;
              const preview = previewRefund(ctx, { saleId: sale.id, lines: refundLines, payBack: plan.payBack[k]! });
              expect(preview.final).toBe(last);
              expect(preview.left).toBe(paid - returned);
              expect(preview.payable).toBe(sum(preview.payments));
              expect(preview.rounding).toBe(preview.payable - preview.total);
              if (last) expect(preview.payable).toBe(paid - returned);
              else {
                // Its value, but for the cash rounding (at most Rp 50 either way, never past what is left).
                expect(Math.abs(preview.payable - Math.min(preview.total, preview.left))).toBeLessThanOrEqual(rounding ? 99 : 0);
                expect(preview.payable).toBeLessThanOrEqual(preview.left);
              }
              if (rounding) expect(cashOf(preview.payments) % 100).toBe(0);

              const refund = refundSale(ctx, manager, { saleId: sale.id, lines: refundLines, reason: 'acak', payments: preview.payments });
              expect(refund.payable).toBe(preview.payable);
              expect(refund.total).toBe(preview.total);
              returned += refund.payable;
              cashBack += cashOf(refund.payments);
              expect(returned).toBeLessThanOrEqual(paid);
              expect(shiftView(ctx, shift.id).expectedCash).toBe(FLOAT + cashTaken - cashBack);
            });

            // Σ returned = paid.
            expect(returned).toBe(paid);
            const stored = getSale(ctx, sale.id);
            expect(stored.lines.every((l) => l.refundedQty === l.qty)).toBe(true);
            const db = ctx.db.$client;
            const back = db.prepare('SELECT sum(total) AS total, sum(rounding) AS rounding FROM refunds WHERE sale_id = ?').get(sale.id) as { total: number; rounding: number };
            expect(back.total).toBe(sale.total);
            expect(back.total + back.rounding).toBe(paid);
            // The drawer.
            expect(shiftView(ctx, shift.id).expectedCash).toBe(FLOAT + cashTaken - cashBack);
            // The suppliers: every ledger entry of the sale is taken back.
            const ledger = db.prepare('SELECT supplier_id, sum(amount) AS amount, sum(qty) AS qty FROM ledger_entries GROUP BY supplier_id').all() as { amount: number; qty: number }[];
            for (const row of ledger) expect(row).toMatchObject({ amount: 0, qty: 0 });
          } finally {
            ctx.db.$client.close();
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses payments that break the rule and changes nothing', () => {
    const clock = fixedClock(T0);
    const ctx: Ctx = { db: openDb(':memory:'), clock };
    const user = ctx.db.insert(users).values({ name: 'Bu Manajer', username: 'manajer', role: 'manager', pinHash: 'x', createdAt: T0 }).returning().get();
    const manager: Actor = { userId: user.id, name: user.name, role: 'manager', tillCode: 'K1' };
    updateSettings(ctx, manager, { cashRounding: '100' });
    const supplier = createSupplier(ctx, manager, { name: 'UD Bagea' });
    const bagea = createProduct(ctx, manager, { name: 'Bagea Sagu', supplierId: supplier.id, sellPrice: 6_170, terms: { type: 'fixed', supplierPrice: 5_000 } });
    createIntake(ctx, manager, { supplierId: supplier.id, lines: [{ productId: bagea.id, qty: 10 }] });
    openShift(ctx, manager, { openingFloat: 500_000 });
    // 2 × 6.170 = 12.340, paid 12.300 in cash (rounding −40).
    const { sale } = checkout(ctx, manager, { clientRequestId: 'bagea-0001', lines: [{ productId: bagea.id, qty: 2 }], payments: [{ method: 'cash', amount: 20_000 }] });
    expect(sale).toMatchObject({ total: 12_340, rounding: -40, change: 7_700 });
    const line = sale.lines[0]!.id;
    const state = () => JSON.stringify(['refunds', 'refund_payments', 'ledger_entries', 'lots'].map((t) => ctx.db.$client.prepare(`SELECT * FROM ${t}`).all()));
    const refused = (payments: { method: PaymentMethod; amount: number }[], qty: number, payable: number) => {
      const before = state();
      expect(() => refundSale(ctx, manager, { saleId: sale.id, lines: [{ saleLineId: line, qty, restock: true }], reason: 'x', payments })).toThrow(
        expect.objectContaining({ code: 'VALIDATION', details: expect.objectContaining({ payable }) }),
      );
      expect(state()).toBe(before);
    };
    // The whole sale at once: 12.300 back, not the 12.340 the lines are worth.
    refused([{ method: 'cash', amount: 12_340 }], 2, 12_300);
    // One unit: 6.170 rounds to 6.200 in cash.
    refused([{ method: 'cash', amount: 6_170 }], 1, 6_200);
    const first = refundSale(ctx, manager, { saleId: sale.id, lines: [{ saleLineId: line, qty: 1, restock: true }], reason: 'x', payments: [{ method: 'cash', amount: 6_200 }] });
    expect(first).toMatchObject({ total: 6_170, rounding: 30, payable: 6_200 });
    // The last unit settles what is left: 12.300 − 6.200.
    refused([{ method: 'cash', amount: 6_200 }], 1, 6_100);
    const last = refundSale(ctx, manager, { saleId: sale.id, lines: [{ saleLineId: line, qty: 1, restock: true }], reason: 'x', payments: [{ method: 'cash', amount: 6_100 }] });
    expect(last).toMatchObject({ total: 6_170, rounding: -70, payable: 6_100 });
    ctx.db.$client.close();
  });
});
