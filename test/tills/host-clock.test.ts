/**
 * The host's clock (issue 18), over real HTTP: every API answer carries the host's time in
 * `X-Kasir-Time` (the till compares its own clock with it), and a sale's time is the host's,
 * whatever the till's clock says (the till never sends one).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedShop, startTestApi, T0, type Seeded, type TestApi } from '../support/api-harness';

let t: TestApi;
let s: Seeded;
beforeEach(async () => {
  t = await startTestApi();
  s = await seedShop(t);
});
afterEach(async () => t.close());

describe('host time', () => {
  it('answers carry the host clock; a sale is stamped with it', async () => {
    const res = await fetch(`${t.url}/api/setup.status`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(200);
    const hostTime = Number(res.headers.get('X-Kasir-Time'));
    expect(hostTime).toBe(t.clock.now());
    // The test host's clock is days away from this machine's: the header is the host's clock, not Date.now().
    expect(Math.abs(hostTime - Date.now())).toBeGreaterThan(60_000);
    expect(hostTime).toBeGreaterThanOrEqual(T0);

    const refused = await fetch(`${t.url}/api/sales.checkout`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(refused.status).toBe(401);
    expect(Number(refused.headers.get('X-Kasir-Time'))).toBe(t.clock.now());

    const sold = await t.api('sales.checkout', { clientRequestId: 'clock-sale-0001', lines: [{ productId: s.meteId, qty: 1 }], payments: [{ method: 'cash', amount: 50_000 }] }, s.cashier);
    expect(sold.status).toBe(200);
    expect(sold.body.createdAt).toBe(t.clock.now());
  });
});
