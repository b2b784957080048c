/**
 * A manager's approval, checked when the PIN is typed (`approvals.verify`),
 * over HTTP: "PIN salah" at once, every try counted against the manager and
 * in the per-address limiter logins use, audited with the cashier and till;
 * the same answer for every wrong approval whatever else is wrong; the
 * short-lived, single-use token the checkout, refund and void accept; and
 * no raw PIN accepted by them any more.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedShop, snapshot, startTestApi, type Seeded, type TestApi } from '../support/api-harness';
import { APPROVAL_TTL_MS } from '../../src/main/core/approvals';

let t: TestApi;
let s: Seeded;
let req = 0;
const rid = () => `appr-${++req}-${Date.now()}`;
const db = () => t.app.db.$client;
const manager = { username: 'manajer', pin: '2222' };
const overLimit = [{ productId: 0, qty: 2, discount: { type: 'percent', bps: 2000 } }];
const cart = () => overLimit.map((l) => ({ ...l, productId: s.meteId }));

beforeEach(async () => {
  t = await startTestApi();
  s = await seedShop(t);
});
afterEach(async () => t.close());

const verify = (input: Record<string, unknown>, token = s.cashier) => t.api('approvals.verify', input, token);
const verifyCart = (who: { username: string; pin: string }, lines: unknown = cart(), token = s.cashier) =>
  verify({ action: 'sales.checkout', ...who, lines }, token);
const checkout = (input: Record<string, unknown>, token = s.cashier) =>
  t.api('sales.checkout', { clientRequestId: rid(), lines: cart(), payments: [{ method: 'cash', amount: 80_000 }], ...input }, token);
const failedAttempts = () => (db().prepare("SELECT failed_attempts AS n FROM users WHERE username = 'manajer'").get() as { n: number }).n;
const audits = (action: string) =>
  (db().prepare('SELECT user_id, entity_id, details FROM audit_log WHERE action = ? ORDER BY id').all(action) as { user_id: number; entity_id: number | null; details: string }[]).map(
    (r) => ({ ...r, details: JSON.parse(r.details) }),
  );
const userId = (username: string) => (db().prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: number }).id;

describe('approvals.verify', () => {
  it('checks the PIN at once: a wrong one is "PIN salah", counted against the manager and audited with who tried from which till', async () => {
    const wrong = await verifyCart({ username: 'manajer', pin: '9999' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error).toMatchObject({ code: 'FORBIDDEN', details: { approval: true, wrongPin: true } });
    expect(wrong.body.error.message).toMatch(/^PIN salah/);
    expect(failedAttempts()).toBe(1);
    expect(audits('approval.failed')).toEqual([
      {
        user_id: userId('kasir'),
        entity_id: userId('manajer'),
        details: { for: 'sales.checkout', username: 'manajer', tillCode: 'K1', reason: 'wrong_pin', attempts: 1 },
      },
    ]);

    const ok = await verifyCart(manager);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      action: 'sales.checkout',
      approvedBy: userId('manajer'),
      approvedByName: 'Bu Manajer',
      approvedByUsername: 'manajer',
      reasons: [{ kind: 'line_discount', line: 0, bps: 2000 }],
      saleId: null,
      expiresAt: t.clock.now() + APPROVAL_TTL_MS,
    });
    expect(ok.body.token).toMatch(/^[\w-]{40,}$/);
    // A right PIN clears the count, like a login.
    expect(failedAttempts()).toBe(0);
    expect(audits('approval.granted')).toEqual([
      expect.objectContaining({ user_id: userId('kasir'), entity_id: userId('manajer'), details: expect.objectContaining({ for: 'sales.checkout', tillCode: 'K1' }) }),
    ]);
    // Only the token's hash is stored.
    const stored = db().prepare('SELECT token_hash, issued_to, till_code, approved_by FROM approval_grants').all() as { token_hash: string }[];
    expect(stored).toEqual([{ token_hash: expect.not.stringContaining(ok.body.token), issued_to: userId('kasir'), till_code: 'K1', approved_by: userId('manajer') }]);
  });

  it('answers every wrong approval the same way: unknown user, not a manager, inactive manager, wrong PIN', async () => {
    const bodies = [];
    bodies.push((await verifyCart({ username: 'manajer', pin: '9999' })).body);
    bodies.push((await verifyCart({ username: 'tidakada', pin: '2222' })).body);
    bodies.push((await verifyCart({ username: 'kasir', pin: '1111' })).body); // a cashier's right PIN
    await t.api('users.create', { name: 'Pak Lama', username: 'lama', role: 'manager', pin: '4444' }, s.admin);
    const lama = userId('lama');
    await t.api('users.update', { id: lama, active: false }, s.admin);
    bodies.push((await verifyCart({ username: 'lama', pin: '4444' })).body); // right PIN, inactive
    for (const b of bodies) expect(b).toEqual(bodies[0]);
    expect(audits('approval.failed').map((a) => a.details.reason)).toEqual(['wrong_pin', 'not_a_manager', 'not_a_manager', 'not_a_manager']);
  });

  it('locks the manager after five wrong PINs, and then refuses even the right one', async () => {
    for (let i = 1; i <= 4; i++) expect((await verifyCart({ username: 'manajer', pin: '9999' })).body.error.details.wrongPin).toBe(true);
    const fifth = await verifyCart({ username: 'manajer', pin: '9999' });
    expect(fifth.body.error).toMatchObject({ code: 'FORBIDDEN', details: { approval: true, locked: true } });
    const right = await verifyCart(manager);
    expect(right.body.error).toMatchObject({ code: 'FORBIDDEN', details: { locked: true } });
    expect(audits('auth.locked')).toHaveLength(1);
    // The login of the manager is locked as well: it is one counter.
    expect((await t.api('auth.login', { ...manager, tillCode: 'K1' })).body.error.details.locked).toBe(true);
  });

  it('a right PIN with an otherwise-invalid request answers exactly as a wrong PIN does, and the PIN is never looked at', async () => {
    const cases: Record<string, unknown>[] = [
      { action: 'sales.checkout', lines: [{ productId: 999_999, qty: 1, discount: { type: 'percent', bps: 5000 } }] }, // no such product
      { action: 'sales.checkout', lines: [{ productId: s.meteId, qty: 1 }] }, // nothing to approve
      { action: 'sales.checkout', lines: [] },
      { action: 'sales.refund', saleId: 999_999 },
      { action: 'sales.void', saleId: 0 },
      { action: 'sales.refund' },
    ];
    for (const c of cases) {
      const right = await verify({ ...c, ...manager });
      const wrong = await verify({ ...c, username: 'manajer', pin: '9999' });
      expect(right.status, JSON.stringify(c)).toBeGreaterThanOrEqual(400);
      expect(right.status).toBe(wrong.status);
      expect(right.body).toEqual(wrong.body);
    }
    expect(failedAttempts()).toBe(0);
    expect(audits('approval.failed')).toEqual([]);
    expect(db().prepare('SELECT count(*) AS n FROM approval_grants').get()).toEqual({ n: 0 });
  });

  it('the checkout, refund and void take no PIN: a raw PIN answers the same whether it is right or wrong', async () => {
    const before = snapshot(t.app);
    const right = await checkout({ approval: manager });
    const wrong = await checkout({ approval: { username: 'manajer', pin: '9999' } });
    expect(right.body.error).toMatchObject({ code: 'VALIDATION' });
    expect(right.body).toEqual(wrong.body);
    const sale = await checkout({ lines: [{ productId: s.meteId, qty: 1 }], payments: [{ method: 'cash', amount: 50_000 }] });
    const line = (await t.api('sales.get', { id: sale.body.id }, s.cashier)).body.lines[0];
    const refund = { saleId: sale.body.id, lines: [{ saleLineId: line.id, qty: 1, restock: true }], reason: 'x', payments: [{ method: 'cash', amount: 50_000 }] };
    const r1 = await t.api('sales.refund', { ...refund, approval: manager }, s.cashier);
    const r2 = await t.api('sales.refund', { ...refund, approval: { username: 'manajer', pin: '0000' } }, s.cashier);
    expect(r1.body.error.code).toBe('VALIDATION');
    expect(r1.body).toEqual(r2.body);
    const v1 = await t.api('sales.void', { saleId: sale.body.id, reason: 'x', approval: manager }, s.cashier);
    expect(v1.body.error.code).toBe('VALIDATION');
    expect(failedAttempts()).toBe(0);
    expect(snapshot(t.app).refunds).toEqual(before.refunds);
  });

  it('counts wrong approvals in the same per-address limiter as logins: past the limit even the right PIN and logins are refused', async () => {
    // 10 wrong logins and 10 wrong approvals (unknown users: no manager is locked) fill the limit of 20.
    for (let i = 0; i < 10; i++) expect((await t.api('auth.login', { username: `x${i}`, pin: '9999' })).body.error.code).toBe('UNAUTHENTICATED');
    for (let i = 0; i < 10; i++) expect((await verifyCart({ username: `y${i}`, pin: '9999' })).body.error.code).toBe('FORBIDDEN');
    const blocked = await verifyCart(manager);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('RATE_LIMITED');
    expect((await t.api('auth.login', { ...manager, tillCode: 'K1' })).body.error.code).toBe('RATE_LIMITED');
    expect(db().prepare('SELECT count(*) AS n FROM approval_grants').get()).toEqual({ n: 0 });
    t.clock.advance(5 * 60_000 + 1);
    expect((await verifyCart(manager)).status).toBe(200);
  });

  it('right approvals do not fill the limiter', async () => {
    for (let i = 0; i < 25; i++) expect((await verifyCart(manager)).status).toBe(200);
  });
});

describe('the approval token', () => {
  it('is accepted once by the checkout it was given for: the sale records the manager', async () => {
    const grant = (await verifyCart(manager)).body;
    const r = await checkout({ approval: { token: grant.token } });
    expect(r.status).toBe(200);
    expect(db().prepare('SELECT approved_by FROM sales WHERE id = ?').get(r.body.id)).toEqual({ approved_by: userId('manajer') });
    expect(db().prepare('SELECT used_at FROM approval_grants').get()).toEqual({ used_at: t.clock.now() });
    const before = snapshot(t.app);
    const again = await checkout({ approval: { token: grant.token } });
    expect(again.body.error).toMatchObject({
      code: 'FORBIDDEN',
      details: { approvalRequired: true, grantRefused: 'used', reasons: [{ kind: 'line_discount', line: 0, bps: 2000 }] },
    });
    expect(snapshot(t.app)).toEqual(before);
  });

  it('stays unused when the sale is refused for another reason, so the retry goes through', async () => {
    const grant = (await verifyCart(manager)).body;
    const short = await checkout({ approval: { token: grant.token }, payments: [{ method: 'cash', amount: 1_000 }] });
    expect(short.body.error.code).toBe('VALIDATION');
    expect(db().prepare('SELECT used_at FROM approval_grants').get()).toEqual({ used_at: null });
    expect((await checkout({ approval: { token: grant.token } })).status).toBe(200);
  });

  it('expires after five minutes', async () => {
    const grant = (await verifyCart(manager)).body;
    t.clock.advance(APPROVAL_TTL_MS);
    const r = await checkout({ approval: { token: grant.token } });
    expect(r.body.error).toMatchObject({ code: 'FORBIDDEN', details: { grantRefused: 'expired', reasons: [{ kind: 'line_discount' }] } });
  });

  it('covers only what the manager saw: a larger discount, another product or another price asks again', async () => {
    const grant = (await verifyCart(manager)).body;
    const more = await checkout({ approval: { token: grant.token }, lines: [{ productId: s.meteId, qty: 2, discount: { type: 'percent', bps: 3000 } }], payments: [{ method: 'cash', amount: 70_000 }] });
    expect(more.body.error).toMatchObject({ code: 'FORBIDDEN', details: { grantRefused: 'changed', reasons: [{ kind: 'line_discount', bps: 3000 }] } });
    // Less than approved, and one more unit of the same line: still covered.
    const less = await checkout({ approval: { token: grant.token }, lines: [{ productId: s.meteId, qty: 3, discount: { type: 'percent', bps: 1500 } }], payments: [{ method: 'cash', amount: 127_500 }] });
    expect(less.status).toBe(200);

    const override = (await verifyCart(manager, [{ productId: s.meteId, qty: 1, priceOverride: 45_000 }])).body;
    const other = await checkout({ approval: { token: override.token }, lines: [{ productId: s.meteId, qty: 1, priceOverride: 40_000 }], payments: [{ method: 'cash', amount: 40_000 }] });
    expect(other.body.error.details).toMatchObject({ grantRefused: 'changed' });
  });

  it('belongs to the cashier and till it was given to, and to the action and sale it was for', async () => {
    const grant = (await verifyCart(manager)).body;
    await t.api('users.create', { name: 'La Ode Kasir', username: 'kasir2', role: 'cashier', pin: '3333' }, s.admin);
    const k2 = (await t.api('auth.login', { username: 'kasir2', pin: '3333', tillCode: 'K1' })).body.token;
    expect((await checkout({ approval: { token: grant.token } }, k2)).body.error.details).toMatchObject({ grantRefused: 'unknown' });
    const k1OtherTill = (await t.api('auth.login', { username: 'kasir', pin: '1111', tillCode: 'K2' })).body.token;
    expect((await t.api('shifts.open', { openingFloat: 0 }, k1OtherTill)).status).toBe(200);
    expect((await checkout({ approval: { token: grant.token } }, k1OtherTill)).body.error.details).toMatchObject({ grantRefused: 'unknown' });

    const a = await checkout({ lines: [{ productId: s.meteId, qty: 1 }], payments: [{ method: 'cash', amount: 50_000 }] });
    const b = await checkout({ lines: [{ productId: s.meteId, qty: 1 }], payments: [{ method: 'cash', amount: 50_000 }] });
    const lineOf = async (id: number) => (await t.api('sales.get', { id }, s.cashier)).body.lines[0].id;
    const forA = (await verify({ action: 'sales.refund', ...manager, saleId: a.body.id })).body;
    const refundB = { saleId: b.body.id, lines: [{ saleLineId: await lineOf(b.body.id), qty: 1, restock: true }], reason: 'x', payments: [{ method: 'cash', amount: 50_000 }] };
    expect((await t.api('sales.refund', { ...refundB, approval: { token: forA.token } }, s.cashier)).body.error.details).toMatchObject({ grantRefused: 'unknown' });
    expect((await t.api('sales.void', { saleId: a.body.id, reason: 'x', approval: { token: forA.token } }, s.cashier)).body.error.details).toMatchObject({
      grantRefused: 'unknown',
    });
    expect((await checkout({ approval: { token: forA.token } })).body.error.details).toMatchObject({ grantRefused: 'unknown' });
    const refundA = { ...refundB, saleId: a.body.id, lines: [{ saleLineId: await lineOf(a.body.id), qty: 1, restock: true }] };
    const done = await t.api('sales.refund', { ...refundA, approval: { token: forA.token } }, s.cashier);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ approvedByName: 'Bu Manajer', createdByName: 'Wa Ode Kasir' });
  });
});
