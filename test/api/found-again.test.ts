import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedShop, startTestApi, type Seeded, type TestApi } from '../support/api-harness';

let t: TestApi;
let s: Seeded;
beforeEach(async () => {
  t = await startTestApi();
  s = await seedShop(t);
});
afterEach(async () => t.close());

const lotOf = (productId: number) =>
  (t.app.db.$client.prepare('SELECT id FROM lots WHERE product_id = ? ORDER BY expiry_date DESC LIMIT 1').get(productId) as { id: number }).id;
const balance = async (supplierId: number) =>
  ((await t.api('ledger.balances', {}, s.manager)).body as { supplierId: number; balance: number }[]).find((b) => b.supplierId === supplierId)!.balance;

describe('goods found again after a shop-borne loss', () => {
  it('takes back exactly the loss still owed, so a found unit is never paid twice', async () => {
    const lot = lotOf(s.meteId); // fixed terms: 40.000 a unit to the supplier
    expect(await balance(s.supplierId)).toBe(0);
    const lost = await t.api('stock.adjust', { lotId: lot, delta: -3, reason: 'Hilang di rak', liability: 'shop' }, s.manager);
    expect(lost.status).toBe(200);
    expect(lost.body.lossAmount).toBe(120_000);
    expect(await balance(s.supplierId)).toBe(120_000);

    // Two of the three turn up: 80.000 is taken back.
    const found = await t.api('stock.adjust', { lotId: lot, delta: 2, reason: 'Ketemu di gudang', liability: 'shop' }, s.manager);
    expect(found.body.lossAmount).toBe(-80_000);
    expect(await balance(s.supplierId)).toBe(40_000);

    // Five more than expected turn up: only the one still counted as lost is taken back.
    const more = await t.api('stock.adjust', { lotId: lot, delta: 5, reason: 'Salah hitung', liability: 'shop' }, s.manager);
    expect(more.body.lossAmount).toBe(-40_000);
    expect(await balance(s.supplierId)).toBe(0);
    const entries = t.app.db.$client.prepare("SELECT amount, qty FROM ledger_entries WHERE kind = 'loss' ORDER BY id").all();
    expect(entries).toEqual([
      { amount: 120_000, qty: 3 },
      { amount: -80_000, qty: -2 },
      { amount: -40_000, qty: -1 },
    ]);

    // Selling the found units pays the supplier for them once, through the sale.
    const sale = await t.api(
      'sales.checkout',
      { clientRequestId: 'found-again-01', lines: [{ productId: s.meteId, qty: 1 }], payments: [{ method: 'cash', amount: 50_000 }] },
      s.cashier,
    );
    expect(sale.status).toBe(200);
    expect(await balance(s.supplierId)).toBe(40_000);
  });

  it('moves no money when the loss was the supplier’s', async () => {
    const lot = lotOf(s.meteId);
    await t.api('stock.adjust', { lotId: lot, delta: -2, reason: 'Rusak kemasan', liability: 'supplier' }, s.manager);
    const found = await t.api('stock.adjust', { lotId: lot, delta: 2, reason: 'Ketemu', liability: 'shop' }, s.manager);
    expect(found.body.lossAmount).toBe(0);
    expect(await balance(s.supplierId)).toBe(0);
    expect(t.app.db.$client.prepare("SELECT count(*) AS n FROM ledger_entries WHERE kind = 'loss'").get()).toEqual({ n: 0 });
  });
});
