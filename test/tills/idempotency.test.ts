/**
 * Keys that mean one request (issue 17), over real HTTP: scoped to the till,
 * bound to a hash of the request.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedShop, snapshot, startTestApi, type Seeded, type TestApi } from '../support/api-harness';
import { requestHash } from '../../src/main/api/idempotency';

let t: TestApi;
let s: Seeded;
let k2: string;
beforeEach(async () => {
  t = await startTestApi();
  s = await seedShop(t);
  // A second till with its own cashier session and shift.
  await t.api('users.create', { name: 'La Ode Kasir', username: 'kasir2', role: 'cashier', pin: '3333' }, s.admin);
  k2 = (await t.api('auth.login', { username: 'kasir2', pin: '3333', tillCode: 'K2' })).body.token;
  expect((await t.api('shifts.open', { openingFloat: 100_000 }, k2)).status).toBe(200);
});
afterEach(async () => t.close());

const count = (table: string) => (t.app.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const lineId = (saleId: number) => (t.app.db.$client.prepare('SELECT id FROM sale_lines WHERE sale_id = ?').get(saleId) as { id: number }).id;
const sale = (key: string, qty = 1) => ({ clientRequestId: key, lines: [{ productId: s.meteId, qty }], payments: [{ method: 'cash', amount: 50_000 * qty }] });

describe('checkout keys', () => {
  it('same key and body: the first sale again, sold once; another body: CONFLICT, nothing changes', async () => {
    const first = await t.api('sales.checkout', sale('k1-sale-0001'), s.cashier);
    expect(first.status).toBe(200);
    const again = await t.api('sales.checkout', sale('k1-sale-0001'), s.cashier);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.number).toBe(first.body.number);
    expect(count('sales')).toBe(1);

    const before = snapshot(t.app);
    const other = await t.api('sales.checkout', sale('k1-sale-0001', 2), s.cashier);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('CONFLICT');
    expect(other.body.error.message).toContain('sudah dipakai untuk permintaan lain');
    expect(snapshot(t.app)).toEqual(before);
  });

  it('a checkout key keeps no copy of the answer: a replay answers from the sale, the same answer, also after a refund or a void', async () => {
    const first = await t.api('sales.checkout', sale('k1-sale-0010', 2), s.cashier);
    expect(first.status).toBe(200);
    const row = t.app.db.$client.prepare("SELECT result FROM request_keys WHERE till_code = 'K1' AND key = 'k1-sale-0010'").get() as { result: string };
    expect(row.result).toBe('');
    const sameAnswer = (body: any) => {
      const { printJob, ...rest } = body;
      const { printJob: firstJob, ...firstRest } = first.body;
      expect(rest).toEqual(firstRest);
      expect(printJob?.id).toBe(firstJob?.id);
    };
    sameAnswer((await t.api('sales.checkout', sale('k1-sale-0010', 2), s.cashier)).body);

    const refund = { saleId: first.body.id, lines: [{ saleLineId: lineId(first.body.id), qty: 1, restock: true }], reason: 'Rusak', payments: [{ method: 'cash', amount: 50_000 }] };
    expect((await t.api('sales.refund', refund, s.manager)).status).toBe(200);
    const before = snapshot(t.app);
    const late = await t.api('sales.checkout', sale('k1-sale-0010', 2), s.cashier);
    expect(late.status).toBe(200);
    sameAnswer(late.body);
    expect(snapshot(t.app)).toEqual(before);
    expect(count('sales')).toBe(1);

    const voided = await t.api('sales.checkout', sale('k1-sale-0012'), s.cashier);
    expect((await t.api('sales.void', { saleId: voided.body.id, reason: 'Salah input' }, s.manager)).status).toBe(200);
    const replayed = await t.api('sales.checkout', sale('k1-sale-0012'), s.cashier);
    const { printJob: _a, ...rest } = replayed.body;
    const { printJob: _b, ...firstRest } = voided.body;
    expect(rest).toEqual(firstRest);
    expect(count('sales')).toBe(2);
  });

  it('a key row kept with an answer (before answers were left out) still replays the sale', async () => {
    const first = await t.api('sales.checkout', sale('k1-sale-0011'), s.cashier);
    t.app.db.$client.prepare("UPDATE request_keys SET result = ? WHERE key = 'k1-sale-0011'").run(JSON.stringify(first.body));
    const again = await t.api('sales.checkout', sale('k1-sale-0011'), s.cashier);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(count('sales')).toBe(1);
  });

  it('a replay that would write (a key without its sale) is rolled back: no second sale under an answered key', async () => {
    // Cannot happen by the app (the key and the sale commit together): a damaged database.
    const input = sale('k1-orphan-0001');
    const hash = requestHash('sales.checkout', input, 'clientRequestId');
    t.app.db.$client
      .prepare("INSERT INTO request_keys (till_code, key, procedure, request_hash, result, user_id, created_at) VALUES ('K1', 'k1-orphan-0001', 'sales.checkout', ?, '', NULL, 0)")
      .run(hash);
    const before = snapshot(t.app);
    const r = await t.api('sales.checkout', input, s.cashier);
    expect(r.status).toBe(500);
    expect(snapshot(t.app)).toEqual(before);
    expect(count('sales')).toBe(0);
  });

  it('another till cannot replay a till\'s key: K2 gets CONFLICT, never K1\'s sale', async () => {
    const first = await t.api('sales.checkout', sale('shared-key-0001'), s.cashier);
    expect(first.status).toBe(200);
    const before = snapshot(t.app);
    const k2try = await t.api('sales.checkout', sale('shared-key-0001'), k2);
    expect(k2try.status).toBe(409);
    expect(JSON.stringify(k2try.body)).not.toContain(first.body.number);
    expect(snapshot(t.app)).toEqual(before);
    // K2's own key sells on K2.
    const own = await t.api('sales.checkout', sale('k2-sale-0001'), k2);
    expect(own.status).toBe(200);
    expect(own.body.number).toContain('K2');
  });

  it('a key used for a refund cannot be used for a checkout', async () => {
    const sold = (await t.api('sales.checkout', sale('k1-sale-0002'), s.cashier)).body;
    const refund = { saleId: sold.id, lines: [{ saleLineId: lineId(sold.id), qty: 1, restock: true }], reason: 'Rusak', payments: [{ method: 'cash', amount: 50_000 }] };
    expect((await t.api('sales.refund', { ...refund, idempotencyKey: 'k1-mixed-0001' }, s.manager)).status).toBe(200);
    const r = await t.api('sales.checkout', sale('k1-mixed-0001'), s.cashier);
    expect(r.status).toBe(409);
  });
});

describe('refunds, voids, intakes, returns and settlements take a key too', () => {
  it('refund: replay answers the first refund once; another body is CONFLICT', async () => {
    const sold = (await t.api('sales.checkout', sale('k1-sale-0003', 2), s.cashier)).body;
    const refund = { saleId: sold.id, lines: [{ saleLineId: lineId(sold.id), qty: 1, restock: true }], reason: 'Rusak', payments: [{ method: 'cash', amount: 50_000 }], idempotencyKey: 'refund-key-0001' };
    const first = await t.api('sales.refund', refund, s.manager);
    expect(first.status).toBe(200);
    const again = await t.api('sales.refund', refund, s.manager);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.printJob?.id).toBe(first.body.printJob?.id);
    expect(count('refunds')).toBe(1);
    const other = await t.api('sales.refund', { ...refund, reason: 'Salah ukuran' }, s.manager);
    expect(other.status).toBe(409);
    expect(count('refunds')).toBe(1);
    // Without a key, the same body is a second refund (the old behaviour): the key is what makes it one.
    const second = await t.api('sales.refund', { ...refund, idempotencyKey: undefined }, s.manager);
    expect(second.status).toBe(200);
    expect(count('refunds')).toBe(2);
  });

  it('void: replayed once', async () => {
    const sold = (await t.api('sales.checkout', sale('k1-sale-0004'), s.cashier)).body;
    const input = { saleId: sold.id, reason: 'Salah input', idempotencyKey: 'void-key-0001' };
    const first = await t.api('sales.void', input, s.manager);
    expect(first.status).toBe(200);
    const again = await t.api('sales.void', input, s.manager);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(count('refunds')).toBe(1);
  });

  it('intake: one intake per key and till; the same key on another till is that till\'s own request', async () => {
    const before = count('intakes');
    const input = { supplierId: s.supplierId, lines: [{ productId: s.meteId, qty: 3, expiryDate: '2027-06-01' }], idempotencyKey: 'intake-key-0001' };
    const first = await t.api('intakes.create', input, s.manager);
    expect(first.status).toBe(200);
    const again = await t.api('intakes.create', input, s.manager);
    expect(again.body.id).toBe(first.body.id);
    expect(count('intakes')).toBe(before + 1);
    expect((await t.api('intakes.create', { ...input, lines: [{ productId: s.meteId, qty: 4, expiryDate: '2027-06-01' }] }, s.manager)).status).toBe(409);
    // A manager on K2 with the same key: K2's own request, not K1's answer.
    await t.api('users.create', { name: 'Pak Manajer', username: 'manajer2', role: 'manager', pin: '4444' }, s.admin);
    const m2 = (await t.api('auth.login', { username: 'manajer2', pin: '4444', tillCode: 'K2' })).body.token;
    const onK2 = await t.api('intakes.create', input, m2);
    expect(onK2.status).toBe(200);
    expect(onK2.body.id).not.toBe(first.body.id);
    expect(count('intakes')).toBe(before + 2);
  });

  it('return and settlement: replayed once', async () => {
    const lots = t.app.db.$client.prepare('SELECT id FROM lots WHERE product_id = ? ORDER BY id').all(s.meteId) as { id: number }[];
    const ret = { supplierId: s.supplierId, lines: [{ lotId: lots[0]!.id, qty: 1 }], reason: 'damaged', idempotencyKey: 'return-key-0001' };
    const r1 = await t.api('returns.create', ret, s.manager);
    expect(r1.status).toBe(200);
    const r2 = await t.api('returns.create', ret, s.manager);
    expect(r2.body.id).toBe(r1.body.id);
    expect(count('returns')).toBe(1);

    await t.api('sales.checkout', sale('k1-sale-0005'), s.cashier);
    const settle = { supplierId: s.supplierId, cutoff: '2026-11-29', method: 'cash', idempotencyKey: 'settle-key-0001' };
    const s1 = await t.api('settlements.create', settle, s.manager);
    expect(s1.status).toBe(200);
    const s2 = await t.api('settlements.create', settle, s.manager);
    expect(s2.status).toBe(200);
    expect(s2.body.id).toBe(s1.body.id);
    expect(count('settlements')).toBe(1);
    expect((await t.api('settlements.create', { ...settle, method: 'transfer', reference: 'TRF-1' }, s.manager)).status).toBe(409);
    expect(count('settlements')).toBe(1);
  });
});
