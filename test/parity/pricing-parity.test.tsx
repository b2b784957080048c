/**
 * Screen-vs-server parity of the money (issue 14): for random carts, line
 * discounts, price overrides, sale discounts and payments, what the real
 * till screen shows in jsdom — the total, the discount lines, the problem it
 * flags, the manager prompt and the cash it suggests — against what a real
 * HTTP `sales.checkout` on a real SQLite file charges or refuses. Both sides
 * price with `src/shared/pricing.ts`; this test reads the rendered screen, so
 * it fails if the screen computed or showed anything the server would not.
 */
import { afterAll, beforeAll, describe, expect, it, vi, type Mock } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import fc from 'fast-check';
import { ApiError, call } from '../../src/renderer/src/api';
import { I18nProvider, translate } from '../../src/renderer/src/i18n';
import { SessionProvider } from '../../src/renderer/src/app/session';
import { TillScreen } from '../../src/renderer/src/features/till/till-screen';
import { reasonTexts } from '../../src/renderer/src/features/till/approval-dialog';
import { toCartProduct, type CartLine, type CartState } from '../../src/renderer/src/features/till/cart';
import { bpsToPercent } from '../../src/renderer/src/lib/form';
import type { TillProductView } from '../../src/shared/types';
import type { Discount } from '../../src/shared/types-till';
import { seedShop, startTestApi, type Seeded, type TestApi } from '../support/api-harness';

vi.mock('../../src/renderer/src/api', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/renderer/src/api')>();
  return { ...actual, call: vi.fn() };
});

const RUNS = Number(process.env.PARITY_RUNS ?? 200);
const LIMIT_BPS = 1000;

let t: TestApi;
let seed: Seeded;
let products: TillProductView[] = [];
let requestSeq = 0;

/** The renderer's `call`, over real HTTP to the real server, as the cashier. */
async function viaHttp(name: string, input: unknown): Promise<unknown> {
  const r = await t.api(name, input, seed.cashier);
  if (r.status === 200) return r.body;
  const e = (r.body as { error: { code: ApiError['code']; message: string; details?: unknown } }).error;
  throw new ApiError(e.code, e.message, e.details);
}

beforeAll(async () => {
  t = await startTestApi();
  seed = await seedShop(t);
  const ok = async (name: string, input: unknown, token = seed.manager) => {
    const r = await t.api(name, input, token);
    if (r.status !== 200) throw new Error(`${name}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  await ok('settings.update', { discountLimitBps: LIMIT_BPS, cashRounding: '100' }, seed.admin);
  // Odd prices, so percentages, largest remainders and the Rp 100 rounding all have work to do.
  const made = [];
  for (const [name, sellPrice, terms] of [
    ['Kopi Kolaka 200 g', 12_345, { type: 'fixed', supplierPrice: 9_000 }],
    ['Kain Tenun Buton', 349_999, { type: 'commission', commissionBps: 1500 }],
    ['Bagea Kenari', 7_850, { type: 'commission', commissionBps: 2250 }],
    ['Madu Hutan Konawe', 50_000, { type: 'fixed', supplierPrice: 41_500 }],
  ] as const) {
    made.push(await ok('products.create', { name, supplierId: seed.supplierId, sellPrice, terms }));
  }
  await ok('intakes.create', { supplierId: seed.supplierId, lines: made.map((p: { id: number }) => ({ productId: p.id, qty: 20_000 })) });
  products = await Promise.all(made.map(async (p: { id: number }) => (await t.api('products.get', { id: p.id }, seed.cashier)).body as TillProductView));
  (call as unknown as Mock).mockImplementation(viaHttp);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

// ---- random cases ---------------------------------------------------------------------------

const lineArb = fc.record({
  qty: fc.integer({ min: 1, max: 5 }),
  discount: fc.option(
    fc.oneof(
      fc.record({ type: fc.constant('percent' as const), bps: fc.integer({ min: 1, max: 10_000 }) }),
      // Per mille of the line's gross: past 1000 the server refuses it.
      fc.record({ type: fc.constant('amount' as const), permille: fc.integer({ min: 1, max: 1_150 }) }),
    ),
    { freq: 2 },
  ),
  override: fc.option(fc.integer({ min: 500, max: 400_000 }), { freq: 4 }),
});

const caseArb = fc.record({
  lines: fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 3 }), lineArb), { minLength: 1, maxLength: 4, selector: ([i]) => i }),
  sale: fc.option(
    fc.oneof(
      fc.record({ type: fc.constant('percent' as const), bps: fc.integer({ min: 1, max: 3_000 }) }),
      fc.record({ type: fc.constant('amount' as const), permille: fc.integer({ min: 1, max: 1_050 }) }),
    ),
    { freq: 3 },
  ),
  payment: fc.oneof(
    fc.record({ kind: fc.constant('short' as const), by: fc.integer({ min: 1, max: 5_000 }) }),
    fc.record({ kind: fc.constant('over' as const), by: fc.integer({ min: 1, max: 100_000 }) }),
    fc.record({ kind: fc.constant('qris' as const) }),
  ),
});

type Case = typeof caseArb extends fc.Arbitrary<infer C> ? C : never;

const toDiscount = (d: { type: 'percent'; bps: number } | { type: 'amount'; permille: number }, base: number): Discount =>
  d.type === 'percent' ? { type: 'percent', bps: d.bps } : { type: 'amount', value: Math.max(1, Math.floor((base * d.permille) / 1000)) };

function cartOf(c: Case): CartState {
  const lines: CartLine[] = c.lines.map(([i, l]) => {
    const p = products[i]!;
    const unit = l.override ?? p.sellPrice;
    return {
      product: toCartProduct(p),
      qty: l.qty,
      ...(l.override !== null && l.override !== p.sellPrice ? { priceOverride: l.override } : {}),
      ...(l.discount ? { discount: toDiscount(l.discount, unit * l.qty) } : {}),
    };
  });
  // The sale discount's amount relative to the subtotal: sometimes more than what the line discounts leave.
  const subtotal = lines.reduce((n, l) => n + (l.priceOverride ?? l.product.sellPrice) * l.qty, 0);
  return { lines, requestId: `parity-${requestSeq++}`, lastTouched: null, ...(c.sale ? { discount: toDiscount(c.sale, subtotal) } : {}) };
}

// ---- reading the screen ---------------------------------------------------------------------

const rupiah = (text: string | null | undefined): number => {
  const all = [...(text ?? '').matchAll(/Rp\s?([\d.]+)/g)];
  if (all.length === 0) throw new Error(`no rupiah in "${text}"`);
  return Number(all.at(-1)![1]!.replace(/\./g, ''));
};

interface Shown {
  total: number | null;
  problem: string | null;
  lines: { net: number; discount: number | null; saleShare: number }[];
  saleDiscount: number | null;
}

function readCart(): Shown {
  const totalText = screen.getByTestId('cart-total').textContent ?? '';
  return {
    total: totalText.includes('Rp') ? rupiah(totalText) : null,
    problem: screen.queryByTestId('cart-pricing-problem')?.textContent ?? null,
    lines: screen.getAllByTestId('cart-line').map((row) => {
      const chips = row.querySelectorAll('.term-chip:not(.term-override):not(.term-sale)');
      const own = [...chips].find((c) => !c.classList.contains('term-sale'));
      const share = row.querySelector('.term-sale');
      return {
        net: rupiah(within(row).getByTestId('cart-line-net').textContent),
        discount: own && (own.textContent ?? '').includes('−') ? rupiah((own.textContent ?? '').split('−')[1]) : null,
        saleShare: share ? rupiah(share.textContent) : 0,
      };
    }),
    saleDiscount: (() => {
      const row = screen.queryByTestId('cart-sale-discount');
      const amount = row?.lastElementChild?.textContent ?? '';
      return amount.includes('Rp') ? rupiah(amount) : null;
    })(),
  };
}

async function key(k: string, target: Element | Window = window) {
  await act(async () => {
    fireEvent.keyDown(target, { key: k });
  });
}

const tId = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('id', key, params);

// ---- the property ---------------------------------------------------------------------------

describe('the till screen shows exactly what the HTTP checkout charges or refuses', () => {
  it(`${RUNS} random carts, discounts, overrides and payments`, async () => {
    let charged = 0;
    let refused = 0;
    let prompted = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const cart = cartOf(c);
        sessionStorage.clear();
        sessionStorage.setItem('kasir.cart.K1', JSON.stringify(cart));
        try {
          render(
            <I18nProvider initial="id">
              <SessionProvider session={{ user: { id: 3, name: 'Wa Ode Kasir', role: 'cashier' }, tillCode: 'K1' }} onLogout={() => undefined}>
                <TillScreen />
              </SessionProvider>
            </I18nProvider>,
          );
          await screen.findByTestId('scan-input');
          await waitFor(() => expect(screen.getAllByTestId('cart-line')).toHaveLength(cart.lines.length));
          const shown = readCart();

          // What the screen suggests as cash (F2), and whether it lets the sale be paid at all.
          let suggested: number | null = null;
          await key('F2');
          const pay = (shown.problem ? screen.queryByTestId('pay-amount') : await screen.findByTestId('pay-amount')) as HTMLInputElement | null;
          if (pay) {
            suggested = Number(pay.value.replace(/\D/g, ''));
            await key('Escape', screen.getByRole('dialog'));
            await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
          }

          // What the screen asks a manager for when the sale discount is applied again (F7, Enter).
          let prompt: string[] | null = null;
          if (cart.discount && !shown.problem) {
            await key('F7');
            const dialog = await screen.findByTestId('discount-dialog');
            await act(async () => {
              fireEvent.submit(dialog);
            });
            const reasons = screen.queryByTestId('approval-reasons');
            prompt = reasons ? [...reasons.querySelectorAll('li')].map((li) => li.textContent ?? '') : [];
            if (reasons) await key('Escape', screen.getAllByRole('dialog').at(-1)!);
            await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
          }

          const lines = cart.lines.map((l) => ({
            productId: l.product.id,
            qty: l.qty,
            ...(l.discount ? { discount: l.discount } : {}),
            ...(l.priceOverride !== undefined ? { priceOverride: l.priceOverride } : {}),
          }));
          const base = { lines, ...(cart.discount ? { discount: cart.discount } : {}) };
          const checkout = (token: string, payments: unknown) =>
            t.api('sales.checkout', { ...base, clientRequestId: `parity-${requestSeq++}`, payments }, token);

          // 1. The cashier pays exactly the cash the screen suggested.
          // A cart that rounds to Rp 0 suggests nothing; it is paid with a Rp 100 coin then.
          const payWith = suggested === null ? 1_000 : suggested > 0 ? suggested : 100;
          const first = await checkout(seed.cashier, [{ method: 'cash', amount: payWith }]);
          if (shown.problem !== null) {
            // The screen flagged it, offered no payment, and the server refuses it the same way.
            refused += 1;
            expect(suggested).toBeNull();
            expect(shown.total).toBeNull();
            expect(first.status).toBe(400);
            expect(first.body.error.code).toBe('VALIDATION');
            expect(String(first.body.error.details?.field)).toMatch(/discount\.value$|^lines/);
            return;
          }
          expect(first.body.error?.details?.field === undefined || !/discount/.test(first.body.error.details.field)).toBe(true);
          expect(suggested).not.toBeNull();

          const needsManager = first.status === 403 && first.body.error.details?.approvalRequired === true;
          if (prompt !== null) {
            if (needsManager) {
              prompted += 1;
              const names = cart.lines.map((l) => l.product.name);
              const asked = (first.body.error.details.reasons as { kind: 'line_discount'; line?: number }[]).map((r) => ({ kind: r.kind, line: r.line }));
              expect(prompt).toEqual(reasonTexts(tId, asked, names, bpsToPercent(LIMIT_BPS)));
            } else {
              expect(prompt).toEqual([]);
            }
          }
          let sale = first.body;
          if (needsManager) {
            const again = await checkout(seed.manager, [{ method: 'cash', amount: payWith }]);
            expect(again.status, JSON.stringify(again.body)).toBe(200);
            sale = again.body;
          } else {
            expect(first.status, JSON.stringify(first.body)).toBe(200);
          }

          // What was charged is what was shown, line by line, and the suggested cash is the payable to the rupiah.
          charged += 1;
          expect(shown.total).toBe(sale.total);
          expect(suggested).toBe(sale.payable);
          expect(sale.change).toBe(payWith - suggested!);
          const stored = (await t.api('sales.get', { id: sale.id }, seed.manager)).body;
          expect(stored.total).toBe(sale.total);
          expect(shown.lines.map((l) => l.net)).toEqual(stored.lines.map((l: { lineTotal: number }) => l.lineTotal));
          stored.lines.forEach((l: { discount: number; saleDiscount: number }, i: number) => {
            if (cart.lines[i]!.discount) expect(shown.lines[i]!.discount).toBe(l.discount);
            expect(shown.lines[i]!.saleShare).toBe(l.saleDiscount);
          });
          if (cart.discount) expect(shown.saleDiscount).toBe(stored.saleDiscount);

          // 2. Other payments of the same cart (as the manager, so no approval is in the way).
          const payable = sale.payable as number;
          if (c.payment.kind === 'short' && payable > 1) {
            const r = await checkout(seed.manager, [{ method: 'cash', amount: Math.max(1, payable - c.payment.by) }]);
            expect(r.status).toBe(400);
            expect(r.body.error.details?.field).toBe('payments');
          } else if (c.payment.kind === 'over') {
            const r = await checkout(seed.manager, [{ method: 'cash', amount: payable + c.payment.by }]);
            expect(r.status).toBe(200);
            expect(r.body.change).toBe(c.payment.by);
            expect(r.body.total).toBe(shown.total);
          } else if (c.payment.kind === 'qris' && (shown.total ?? 0) > 0) {
            // No cash, no rounding: the screen's total is charged as it is.
            const r = await checkout(seed.manager, [{ method: 'qris', amount: shown.total, reference: 'QR1' }]);
            expect(r.status, JSON.stringify(r.body)).toBe(200);
            expect(r.body.payable).toBe(shown.total);
          }
        } finally {
          cleanup();
        }
      }),
      { numRuns: RUNS, seed: 1414, endOnFailure: true },
    );
    // The generators reached every kind of outcome.
    expect(charged).toBeGreaterThan(RUNS / 4);
    expect(refused).toBeGreaterThan(Math.min(5, RUNS / 10));
    expect(prompted).toBeGreaterThan(Math.min(5, RUNS / 10));
  }, 1_200_000);
});
