/**
 * Properties of the till over generated data, through the real services on
 * a real (in-memory) SQLite with the real migrations:
 *
 * - with random line discounts, sale discounts and price overrides, the net
 *   line amounts add up to the sale total, every lot portion's net amount is
 *   its supplier share plus the shop share (invariant 1), the shares follow
 *   the lot terms, and the discounts match a reference computed here;
 * - over random shifts of sales, refunds, voids, pay-ins and pay-outs the
 *   shift's expected cash is float + cash taken − change − cash refunds +
 *   pay-ins − pay-outs (invariant 4), refunds of every unit take back exactly
 *   what was sold, lots balance (invariant 3) and a refused step changes nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/db';
import { users } from '../../src/db/schema';
import { createProduct } from '../../src/main/core/catalog';
import { recordCashMovement } from '../../src/main/core/cash';
import { fixedClock } from '../../src/main/core/clock';
import type { Actor, Ctx } from '../../src/main/core/context';
import { previewRefund, refundSale, voidSale } from '../../src/main/core/refunds';
import { shiftReport } from '../../src/main/core/reports-shift';
import { checkout, getSale } from '../../src/main/core/sales';
import { closeShift, openShift, shiftView } from '../../src/main/core/shifts';
import { createIntake } from '../../src/main/core/stock';
import { createSupplier } from '../../src/main/core/suppliers';
import { updateSettings } from '../../src/main/core/till-settings';
import { AppError } from '../../src/shared/errors';
import { MAX_RUPIAH } from '../../src/shared/money';
import type { Discount } from '../../src/shared/types-till';
import type { SaleView } from '../../src/shared/types';

const T0 = Date.UTC(2026, 10, 29, 2, 0, 0);

// ---------------------------------------------------------------------------
// Reference arithmetic, written apart from the code under test.

/** round_half_up(a / b) for a, b ≥ 0, in BigInt. */
const halfUp = (a: bigint, b: bigint): bigint => (2n * a + b) / (2n * b);
const percentOf = (amount: number, bps: number): number => Number(halfUp(BigInt(amount) * BigInt(bps), 10_000n));

/** Largest remainder: floors, then one rupiah each to the largest remainders, earlier first on ties. */
function referenceSplit(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const exact = weights.map((w, i) => ({ i, floor: Math.floor((total * w) / sum), rem: (total * w) % sum }));
  let left = total - exact.reduce((n, e) => n + e.floor, 0);
  const order = [...exact].sort((a, b) => b.rem - a.rem || a.i - b.i);
  const out = exact.map((e) => e.floor);
  for (const e of order) {
    if (left === 0) break;
    out[e.i]! += 1;
    left--;
  }
  return out;
}

// ---------------------------------------------------------------------------

interface Shop {
  ctx: Ctx;
  clock: ReturnType<typeof fixedClock>;
  manager: Actor;
  products: { id: number; sellPrice: number; terms: { type: 'fixed'; supplierPrice: number } | { type: 'commission'; commissionBps: number } }[];
}

function setup(productSpecs: { sellPrice: number; fixed: boolean; supplierPriceFrac: number; bps: number; lots: number[] }[]): Shop {
  const clock = fixedClock(T0);
  const ctx: Ctx = { db: openDb(':memory:'), clock };
  const user = ctx.db.insert(users).values({ name: 'Bu Manajer', username: 'manajer', role: 'manager', pinHash: 'x', createdAt: T0 }).returning().get();
  const manager: Actor = { userId: user.id, name: user.name, role: 'manager', tillCode: 'K1' };
  const supplier = createSupplier(ctx, manager, { name: 'UD Mete Muna' });
  const products = productSpecs.map((p, i) => {
    const terms = p.fixed
      ? { type: 'fixed' as const, supplierPrice: Math.floor(p.sellPrice * p.supplierPriceFrac) }
      : { type: 'commission' as const, commissionBps: p.bps };
    const product = createProduct(ctx, manager, { name: `Produk ${i}`, supplierId: supplier.id, sellPrice: p.sellPrice, terms });
    createIntake(ctx, manager, { supplierId: supplier.id, lines: p.lots.map((qty) => ({ productId: product.id, qty })) });
    return { id: product.id, sellPrice: p.sellPrice, terms };
  });
  return { ctx, clock, manager, products };
}

const productArb = fc.record({
  sellPrice: fc.integer({ min: 1, max: 2_000_000 }),
  fixed: fc.boolean(),
  supplierPriceFrac: fc.double({ min: 0, max: 1, noNaN: true }),
  bps: fc.integer({ min: 0, max: 10_000 }),
  lots: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 3 }),
});

const discountArb = fc.option(
  fc.oneof(
    fc.record({ type: fc.constant('amount' as const), frac: fc.double({ min: 0, max: 1, noNaN: true }) }),
    fc.record({ type: fc.constant('percent' as const), bps: fc.integer({ min: 1, max: 10_000 }) }),
  ),
  { nil: undefined },
);

type GenDiscount = { type: 'amount'; frac: number } | { type: 'percent'; bps: number } | undefined;

/** A generated discount on `base`, or undefined when an amount would be 0. */
function toDiscount(d: GenDiscount, base: number): Discount | undefined {
  if (!d) return undefined;
  if (d.type === 'percent') return { type: 'percent', bps: d.bps };
  const value = Math.floor(base * d.frac);
  return value >= 1 ? { type: 'amount', value } : undefined;
}
const amountOf = (d: Discount | undefined, base: number) => (!d ? 0 : d.type === 'amount' ? d.value : percentOf(base, d.bps));

function stateOf(ctx: Ctx): string {
  const db = ctx.db.$client;
  const tables = ['sales', 'sale_lines', 'sale_line_lots', 'payments', 'lots', 'ledger_entries', 'refunds', 'refund_lines', 'refund_line_lots', 'refund_payments', 'cash_movements', 'shifts', 'doc_sequences'];
  return JSON.stringify(tables.map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()));
}

function checkSaleMoney(shop: Shop, sale: SaleView): void {
  expect(sale.lines.reduce((n, l) => n + l.lineTotal, 0)).toBe(sale.total);
  expect(sale.subtotal - sale.discountTotal).toBe(sale.total);
  for (const line of sale.lines) {
    expect(line.qty * line.unitPrice - line.discount - line.saleDiscount).toBe(line.lineTotal);
    expect(line.lots.reduce((n, p) => n + p.netAmount, 0)).toBe(line.lineTotal);
    const product = shop.products.find((p) => p.id === line.productId)!;
    for (const portion of line.lots) {
      // Invariant 1, per lot portion.
      expect(portion.supplierShare + portion.shopShare).toBe(portion.netAmount);
      const expected =
        product.terms.type === 'fixed'
          ? product.terms.supplierPrice * portion.qty
          : portion.netAmount - percentOf(portion.netAmount, product.terms.commissionBps);
      expect(portion.supplierShare).toBe(expected);
    }
  }
}

describe('discounts (property)', () => {
  it('net line amounts add up to the total and every rupiah is the supplier’s or the shop’s', () => {
    fc.assert(
      fc.property(
        fc.array(productArb, { minLength: 1, maxLength: 3 }),
        fc.array(
          fc.record({ product: fc.nat(), qty: fc.integer({ min: 1, max: 6 }), discount: discountArb, override: fc.option(fc.integer({ min: 1, max: 3_000_000 }), { nil: undefined }) }),
          { minLength: 1, maxLength: 5 },
        ),
        discountArb,
        (specs, genLines, genSaleDiscount) => {
          const shop = setup(specs);
          openShift(shop.ctx, shop.manager, { openingFloat: 0 });
          const stock = new Map(shop.products.map((p, i) => [p.id, specs[i]!.lots.reduce((a, b) => a + b, 0)]));
          const lines = genLines
            .map((l) => ({ ...l, product: shop.products[l.product % shop.products.length]! }))
            .filter((l) => {
              const left = stock.get(l.product.id)!;
              if (left < l.qty) return false;
              stock.set(l.product.id, left - l.qty);
              return true;
            })
            .map((l) => {
              const unitPrice = l.override ?? l.product.sellPrice;
              const gross = unitPrice * l.qty;
              return { productId: l.product.id, qty: l.qty, gross, priceOverride: l.override, discount: toDiscount(l.discount, gross) };
            });
          fc.pre(lines.length > 0);
          // Reference: each line less its discount, the sale discount split by largest remainder.
          const afterLine = lines.map((l) => l.gross - amountOf(l.discount, l.gross));
          const base = afterLine.reduce((a, b) => a + b, 0);
          const saleDiscount = toDiscount(genSaleDiscount, base);
          const saleAmount = amountOf(saleDiscount, base);
          const shares = referenceSplit(saleAmount, afterLine);
          const expectedNets = afterLine.map((a, i) => a - shares[i]!);

          const { sale } = checkout(shop.ctx, shop.manager, {
            clientRequestId: 'property-sale-1',
            lines: lines.map(({ productId, qty, discount, priceOverride }) => ({
              productId,
              qty,
              ...(discount ? { discount } : {}),
              ...(priceOverride !== undefined ? { priceOverride } : {}),
            })),
            ...(saleDiscount ? { discount: saleDiscount } : {}),
            payments: [{ method: 'cash', amount: MAX_RUPIAH }],
          });
          expect(sale.lines.map((l) => l.lineTotal)).toEqual(expectedNets);
          expect(sale.saleDiscount).toBe(saleAmount);
          expect(sale.total).toBe(base - saleAmount);
          checkSaleMoney(shop, sale);
          const ledger = shop.ctx.db.$client.prepare("SELECT coalesce(sum(amount), 0) AS n FROM ledger_entries WHERE kind = 'sale'").get() as { n: number };
          expect(ledger.n).toBe(sale.lines.flatMap((l) => l.lots).reduce((n, p) => n + p.supplierShare, 0));
          shop.ctx.db.$client.close();
        },
      ),
      { numRuns: 120 },
    );
  });
});

type Op =
  | { kind: 'sale'; product: number; qty: number; discountBps: number; pay: 'cash' | 'qris' | 'mixed'; extra: number }
  | { kind: 'refund'; sale: number; line: number; qtyFrac: number; restock: boolean; cash: boolean }
  | { kind: 'void'; sale: number }
  | { kind: 'payIn'; amount: number }
  | { kind: 'payOut'; amount: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('sale' as const),
      product: fc.nat(1),
      qty: fc.integer({ min: 1, max: 4 }),
      discountBps: fc.integer({ min: 0, max: 3000 }),
      pay: fc.constantFrom('cash' as const, 'qris' as const, 'mixed' as const),
      extra: fc.integer({ min: 0, max: 60_000 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('refund' as const),
      sale: fc.nat(),
      line: fc.nat(),
      qtyFrac: fc.double({ min: 0, max: 1, noNaN: true }),
      restock: fc.boolean(),
      cash: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('void' as const), sale: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('payIn' as const), amount: fc.integer({ min: 1, max: 200_000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('payOut' as const), amount: fc.integer({ min: 1, max: 300_000 }) }) },
);

describe('shift cash (property)', () => {
  it('expected cash = float + cash taken − change − cash refunds + pay-ins − pay-outs, over any shift', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500_000 }),
        fc.boolean(),
        fc.tuple(productArb, productArb),
        fc.array(opArb, { minLength: 1, maxLength: 25 }),
        (float, rounding, specs, ops) => {
          const shop = setup(specs.map((p) => ({ ...p, lots: [40, 40] })));
          const { ctx, manager } = shop;
          if (rounding) updateSettings(ctx, manager, { cashRounding: '100' });
          const shift = openShift(ctx, manager, { openingFloat: float });
          let cash = float;
          let taken = 0;
          let change = 0;
          let cashRefunds = 0;
          let payIns = 0;
          let payOuts = 0;
          const sales: SaleView[] = [];
          let n = 0;
          const refused = (fn: () => void, why: RegExp) => {
            const before = stateOf(ctx);
            try {
              fn();
            } catch (err) {
              expect(err).toBeInstanceOf(AppError);
              expect((err as AppError).message).toMatch(why);
              expect(stateOf(ctx)).toBe(before);
              return true;
            }
            return false;
          };

          for (const op of ops) {
            shop.clock.advance(60_000);
            if (op.kind === 'sale') {
              const product = shop.products[op.product]!;
              const left = (ctx.db.$client.prepare('SELECT sum(remaining_qty) AS n FROM lots WHERE product_id = ?').get(product.id) as { n: number }).n;
              if (left < op.qty) continue;
              const discount = op.discountBps > 0 ? { type: 'percent' as const, bps: op.discountBps } : undefined;
              const gross = product.sellPrice * op.qty;
              const total = gross - (discount ? percentOf(gross, discount.bps) : 0);
              const payments =
                op.pay === 'qris'
                  ? total > 0 ? [{ method: 'qris' as const, amount: total }] : [{ method: 'cash' as const, amount: op.extra + 1 }]
                  : op.pay === 'mixed' && total > 1
                    ? [{ method: 'qris' as const, amount: Math.floor(total / 2) }, { method: 'cash' as const, amount: total - Math.floor(total / 2) + op.extra + 100 }]
                    : [{ method: 'cash' as const, amount: total + op.extra + 100 }];
              const { sale } = checkout(ctx, manager, { clientRequestId: `shift-sale-${++n}`, lines: [{ productId: product.id, qty: op.qty, ...(discount ? { discount } : {}) }], payments });
              checkSaleMoney(shop, sale);
              const cashIn = payments.filter((p) => p.method === 'cash').reduce((a, p) => a + p.amount, 0);
              taken += cashIn;
              change += sale.change;
              cash += cashIn - sale.change;
              expect(sale.paid - sale.change).toBe(sale.total + sale.rounding);
              sales.push(sale);
            } else if (op.kind === 'refund' || op.kind === 'void') {
              if (sales.length === 0) continue;
              const target = sales[op.sale % sales.length]!;
              if (op.kind === 'void') {
                const cashBack = target.payments.filter((p) => p.method === 'cash').reduce((a, p) => a + p.amount, 0) - target.change;
                const fresh = getSale(ctx, target.id);
                const allowed = fresh.status === 'completed' && fresh.refunds.length === 0 && cashBack <= cash;
                const done = !refused(() => voidSale(ctx, manager, { saleId: target.id, reason: 'acak' }), /dibatalkan|refund|laci/);
                expect(done).toBe(allowed);
                if (done) {
                  cash -= Math.max(0, cashBack);
                  cashRefunds += Math.max(0, cashBack);
                }
                continue;
              }
              const fresh = getSale(ctx, target.id);
              if (fresh.status === 'voided') continue;
              const line = fresh.lines[op.line % fresh.lines.length]!;
              const refundable = line.qty - line.refundedQty;
              if (refundable === 0) {
                expect(refused(() => previewRefund(ctx, { saleId: fresh.id, lines: [{ saleLineId: line.id, qty: 1, restock: op.restock }] }), /sisa/)).toBe(true);
                continue;
              }
              const qty = Math.max(1, Math.round(refundable * op.qtyFrac));
              const refundLines = [{ saleLineId: line.id, qty, restock: op.restock }];
              const inCash = previewRefund(ctx, { saleId: fresh.id, lines: refundLines, payBack: 'cash' });
              const preview = op.cash && inCash.payable <= cash ? inCash : previewRefund(ctx, { saleId: fresh.id, lines: refundLines, payBack: 'transfer' });
              const refund = refundSale(ctx, manager, { saleId: fresh.id, lines: refundLines, reason: 'acak', payments: preview.payments });
              expect(refund.total).toBe(preview.total);
              expect(refund.payable).toBe(preview.payable);
              const cashOut = preview.payments.filter((p) => p.method === 'cash').reduce((a, p) => a + p.amount, 0);
              cash -= cashOut;
              cashRefunds += cashOut;
            } else if (op.kind === 'payIn') {
              recordCashMovement(ctx, manager, 'pay_in', { amount: op.amount, reason: 'uang kecil' });
              cash += op.amount;
              payIns += op.amount;
            } else {
              const ok = !refused(() => recordCashMovement(ctx, manager, 'pay_out', { amount: op.amount, reason: 'setor' }), /laci/);
              expect(ok).toBe(op.amount <= cash);
              if (ok) {
                cash -= op.amount;
                payOuts += op.amount;
              }
            }
            const view = shiftView(ctx, shift.id);
            expect(view.expectedCash).toBe(cash);
            expect(view.expectedCash).toBe(float + taken - change - cashRefunds + payIns - payOuts);
            expect(view.expectedCash).toBeGreaterThanOrEqual(0);
          }

          const db = ctx.db.$client;
          // Refunding every unit of a portion takes back exactly its net amount and supplier share.
          const portions = db
            .prepare(
              `SELECT p.id, p.qty, p.net_amount, p.supplier_share,
                 coalesce(sum(r.qty), 0) AS rqty, coalesce(sum(r.net_amount), 0) AS rnet, coalesce(sum(r.supplier_share), 0) AS rsup,
                 (SELECT coalesce(sum(amount), 0) FROM ledger_entries e WHERE e.sale_line_lot_id = p.id) AS owed
               FROM sale_line_lots p LEFT JOIN refund_line_lots r ON r.sale_line_lot_id = p.id GROUP BY p.id`,
            )
            .all() as { qty: number; net_amount: number; supplier_share: number; rqty: number; rnet: number; rsup: number; owed: number }[];
          for (const p of portions) {
            expect(p.rqty).toBeLessThanOrEqual(p.qty);
            expect(p.owed).toBe(p.supplier_share - p.rsup);
            if (p.rqty === p.qty) {
              expect(p.rnet).toBe(p.net_amount);
              expect(p.rsup).toBe(p.supplier_share);
              expect(p.owed).toBe(0);
            }
          }
          // Invariant 3 per lot: received = remaining + sold − restocked refunds.
          const lots = db
            .prepare(
              `SELECT l.received_qty, l.remaining_qty,
                 (SELECT coalesce(sum(qty), 0) FROM sale_line_lots WHERE lot_id = l.id) AS sold,
                 (SELECT coalesce(sum(qty), 0) FROM refund_line_lots WHERE lot_id = l.id AND restocked = 1) AS restocked
               FROM lots l`,
            )
            .all() as { received_qty: number; remaining_qty: number; sold: number; restocked: number }[];
          for (const l of lots) expect(l.received_qty).toBe(l.remaining_qty + l.sold - l.restocked);

          // The Z report agrees with the model and with itself.
          const closed = closeShift(ctx, manager, { countedCash: cash });
          expect(closed).toMatchObject({ expectedCash: cash, variance: 0 });
          const z = shiftReport(ctx, shift.id);
          expect(z.cash).toMatchObject({ cashSales: taken, changeGiven: change, cashRefunds, payIns, payOuts, expected: cash, counted: cash, variance: 0 });
          expect(z.net).toBe(z.gross - z.discounts - z.refunds);
          expect(z.byMethod.reduce((a, m) => a + m.sales, 0)).toBe(z.netSales + sales.reduce((a, s) => a + s.rounding, 0));
          db.close();
        },
      ),
      { numRuns: 60 },
    );
  });
});
