/**
 * Issue 11 item 8: every computation on stored values is exact for every
 * value the validators accept. Random in-range values (prices up to
 * MAX_RUPIAH, intake quantities up to what the maximum allows, any terms,
 * discounts, fees and adjustments up to the maximum) go through the real
 * writes over HTTP; then every read and report of the contract runs on
 * what they stored (test/support/read-calls.ts): none answers 5xx, and no
 * number in any answer leaves the range where JSON numbers are exact.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_RUPIAH } from '../../src/shared/money';
import { seedShop, startTestApi, type Seeded, type TestApi } from '../support/api-harness';
import { checkCatalogue, readCalls, type KnownIds } from '../support/read-calls';

let t: TestApi;
let s: Seeded;
let run = 0;

beforeAll(async () => {
  t = await startTestApi();
  s = await seedShop(t);
});
afterAll(async () => {
  await t.close();
});

/** Numbers in a JSON answer that are not exact (beyond 2^53, or fractional where money is). */
function inexact(value: unknown, path = ''): string[] {
  if (typeof value === 'number') return Number.isSafeInteger(value) || (Number.isFinite(value) && Math.abs(value) < 2 ** 53 && !Number.isInteger(value)) ? [] : [`${path}=${value}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => inexact(v, `${path}.${i}`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => inexact(v, `${path}.${k}`));
  return [];
}

const per10k = fc.integer({ min: 0, max: 10_000 });
const scenario = fc.record({
  sellPrice: fc.oneof(fc.integer({ min: 1, max: MAX_RUPIAH }), fc.constantFrom(1, 7, 99_999, MAX_RUPIAH, MAX_RUPIAH - 1, 3_333_333_333)),
  terms: fc.oneof(fc.record({ type: fc.constant('fixed' as const), per10k }), fc.record({ type: fc.constant('commission' as const), bps: per10k })),
  /** Share of the largest intake the maximum allows. */
  qtyShare: fc.oneof(per10k, fc.constant(10_000)),
  sellShare: per10k,
  discountBps: fc.oneof(fc.constant(0), per10k),
  refundShare: per10k,
  restock: fc.boolean(),
  lossShare: per10k,
  fee: fc.integer({ min: 1, max: MAX_RUPIAH }),
  adjust: fc.integer({ min: -MAX_RUPIAH, max: MAX_RUPIAH }).filter((n) => n !== 0),
  settle: fc.boolean(),
});

const part = (n: number, share: number) => Math.floor((n * share) / 10_000);

describe('random in-range values through writes, then every read (item 8)', () => {
  it('covers every read procedure of the contract', () => {
    expect(() => checkCatalogue()).not.toThrow();
  });

  it('no read or report answers 5xx, and every number stays exact', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (sc) => {
        run += 1;
        const problems: string[] = [];
        const call = async (name: string, input: unknown, token = s.manager) => {
          const r = await t.api(name, input, token);
          if (r.status >= 500) problems.push(`${name} ${JSON.stringify(input)} → ${r.status}`);
          problems.push(...inexact(r.body).map((p) => `${name} ${p}`));
          return r;
        };
        const supplier = (await call('suppliers.create', { name: `UMKM Acak ${run}`, district: 'Kota Kendari', bankName: 'BRI', bankAccount: `1234${run}`, bankHolder: 'Wa Ode' })).body;
        const terms =
          sc.terms.type === 'fixed'
            ? { type: 'fixed', supplierPrice: Number((BigInt(sc.sellPrice) * BigInt(sc.terms.per10k)) / 10_000n) }
            : { type: 'commission', commissionBps: sc.terms.bps };
        const product = await call('products.create', { name: `Barang Acak ${run}`, supplierId: supplier.id, sellPrice: sc.sellPrice, terms, category: 'Acak' });
        expect(product.status).toBe(200);
        const maxQty = Math.min(100_000, Math.floor(MAX_RUPIAH / sc.sellPrice));
        const qty = Math.max(1, part(maxQty, sc.qtyShare));
        // One unit more than the maximum allows is refused with VALIDATION (never a 5xx).
        if (maxQty < 100_000) {
          const over = await call('intakes.create', { supplierId: supplier.id, lines: [{ productId: product.body.id, qty: maxQty + 1 }] });
          expect(over.status).toBe(400);
        }
        const intake = await call('intakes.create', { supplierId: supplier.id, lines: [{ productId: product.body.id, qty }] });
        expect(intake.status, JSON.stringify(intake.body)).toBe(200);
        const lotId = intake.body.lots[0].id as number;
        // The intake's value at terms, computed here independently in BigInt.
        const gross = BigInt(sc.sellPrice) * BigInt(qty);
        const expected =
          terms.type === 'fixed'
            ? BigInt(terms.supplierPrice as number) * BigInt(qty)
            : gross - (gross * BigInt(terms.commissionBps as number) * 2n + 10_000n) / 20_000n;
        const stored = await call('intakes.get', { id: intake.body.id });
        expect(BigInt(stored.body.totalValue)).toBe(expected);

        const sellQty = Math.max(1, part(qty, sc.sellShare));
        const sale = await call('sales.checkout', {
          clientRequestId: `money-property-${run}`,
          lines: [{ productId: product.body.id, qty: sellQty, ...(sc.discountBps > 0 ? { discount: { type: 'percent', bps: sc.discountBps } } : {}) }],
          payments: [{ method: 'cash', amount: MAX_RUPIAH }],
        });
        expect(sale.status, JSON.stringify(sale.body)).toBe(200);
        const saleLineId = (await call('sales.get', { id: sale.body.id })).body.lines[0].id as number;
        let refundId: number | undefined;
        const refundQty = part(sellQty, sc.refundShare);
        if (refundQty > 0) {
          const lines = [{ saleLineId, qty: refundQty, restock: sc.restock }];
          const preview = await call('sales.refundPreview', { saleId: sale.body.id, lines });
          const total = preview.body.total as number;
          const refund = await call('sales.refund', { saleId: sale.body.id, lines, reason: 'Acak', payments: total > 0 ? [{ method: 'transfer', amount: total }] : [] });
          expect(refund.status, JSON.stringify(refund.body)).toBe(200);
          refundId = refund.body.id;
        }
        const remaining = (await call('products.get', { id: product.body.id })).body.stock as number;
        const loss = part(remaining, sc.lossShare);
        if (loss > 0) await call('stock.adjust', { lotId, delta: -loss, reason: 'Hilang', liability: 'shop' });
        await call('ledger.fee', { supplierId: supplier.id, amount: sc.fee, note: 'Sewa rak' });
        await call('ledger.adjust', { supplierId: supplier.id, amount: sc.adjust, reason: 'Koreksi' });
        let settlementId: number | undefined;
        if (sc.settle) {
          const settlement = await call('settlements.create', { supplierId: supplier.id, cutoff: '2026-11-29', method: 'cash' });
          if (settlement.status === 200) settlementId = settlement.body.id;
        }

        const ids: KnownIds = {
          supplierId: supplier.id,
          productId: product.body.id,
          productCode: product.body.sku,
          lotId,
          intakeId: intake.body.id,
          saleId: sale.body.id,
          saleNumber: sale.body.number,
          saleLineId,
          refundId,
          settlementId,
        };
        for (const [name, inputs] of Object.entries(readCalls(ids))) {
          for (const input of inputs) await call(name, input, name.startsWith('users.') ? s.admin : s.manager);
        }
        expect(problems).toEqual([]);
      }),
      {
        numRuns: 14,
        examples: [
          // The largest price and the largest intake it allows, on commission: the basis-point product passes 2^53.
          [{ sellPrice: MAX_RUPIAH, terms: { type: 'commission', bps: 1500 }, qtyShare: 10_000, sellShare: 10_000, discountBps: 0, refundShare: 5_000, restock: true, lossShare: 0, fee: MAX_RUPIAH, adjust: MAX_RUPIAH, settle: true }],
          // Price 1, the largest quantity; fixed terms at the sell price.
          [{ sellPrice: 1, terms: { type: 'fixed', per10k: 10_000 }, qtyShare: 10_000, sellShare: 10_000, discountBps: 9_999, refundShare: 10_000, restock: false, lossShare: 10_000, fee: 1, adjust: -MAX_RUPIAH, settle: true }],
          // A price for which MAX / price is not whole.
          [{ sellPrice: 3_333_333_333, terms: { type: 'commission', bps: 10_000 }, qtyShare: 10_000, sellShare: 10_000, discountBps: 1, refundShare: 10_000, restock: true, lossShare: 10_000, fee: MAX_RUPIAH, adjust: 1, settle: false }],
        ],
      },
    );
  }, 600_000);
});
