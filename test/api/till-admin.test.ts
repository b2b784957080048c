/**
 * Users and the audit log over HTTP: an admin changes roles, deactivates
 * and resets PINs (rights enforced in the API, not only hidden in the UI);
 * a manager browses the audit log; the audit table itself refuses UPDATE
 * and DELETE.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedShop, snapshot, startTestApi, type Seeded, type TestApi } from '../support/api-harness';

let t: TestApi;
let s: Seeded;
const db = () => t.app.db.$client;
const userId = (username: string) => (db().prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: number }).id;
const usersTable = () => db().prepare('SELECT id, name, role, active, pin_hash, failed_attempts, locked_until FROM users ORDER BY id').all();

beforeEach(async () => {
  t = await startTestApi();
  s = await seedShop(t);
});
afterEach(async () => t.close());

describe('users.update and users.resetPin', () => {
  it('only an admin may change users', async () => {
    const before = usersTable();
    for (const token of [s.cashier, s.manager]) {
      expect((await t.api('users.update', { id: userId('kasir'), role: 'admin' }, token)).body.error.code).toBe('FORBIDDEN');
      expect((await t.api('users.resetPin', { id: userId('kasir'), pin: '7777' }, token)).body.error.code).toBe('FORBIDDEN');
    }
    expect(usersTable()).toEqual(before);
  });

  it('changes name and role, logged; the new role counts at once', async () => {
    expect((await t.api('drawer.open', { reason: 'x' }, s.cashier)).body.error.code).toBe('FORBIDDEN');
    const r = await t.api('users.update', { id: userId('kasir'), name: 'Wa Ode Sitti', role: 'manager' }, s.admin);
    expect(r.body).toEqual({ id: userId('kasir'), name: 'Wa Ode Sitti', username: 'kasir', role: 'manager', active: true });
    expect((await t.api('drawer.open', { reason: 'Tukar uang' }, s.cashier)).status).toBe(200);
    const log = db().prepare("SELECT user_id, entity_id, details FROM audit_log WHERE action = 'users.update'").all() as { user_id: number; entity_id: number; details: string }[];
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ user_id: userId('admin'), entity_id: userId('kasir') });
    expect(JSON.parse(log[0]!.details)).toEqual({ name: { from: 'Wa Ode Kasir', to: 'Wa Ode Sitti' }, role: { from: 'cashier', to: 'manager' } });
    expect((await t.api('users.update', { id: 4242, active: false }, s.admin)).body.error.code).toBe('NOT_FOUND');
  });

  it('deactivating a user ends the session and the logins; the last admin stays', async () => {
    const off = await t.api('users.update', { id: userId('kasir'), active: false }, s.admin);
    expect(off.body.active).toBe(false);
    expect((await t.api('auth.me', {}, s.cashier)).status).toBe(401);
    expect((await t.api('auth.login', { username: 'kasir', pin: '1111' })).status).toBe(401);
    // Business records stay: the user is deactivated, never deleted.
    expect(usersTable()).toHaveLength(3);

    const before = usersTable();
    const demote = await t.api('users.update', { id: userId('admin'), role: 'manager' }, s.admin);
    expect(demote.body.error).toMatchObject({ code: 'CONFLICT', details: { field: 'role' } });
    const deactivate = await t.api('users.update', { id: userId('admin'), active: false }, s.admin);
    expect(deactivate.body.error).toMatchObject({ code: 'CONFLICT', details: { field: 'active' } });
    expect(usersTable()).toEqual(before);
    // With a second admin the first may step down.
    await t.api('users.update', { id: userId('manajer'), role: 'admin' }, s.admin);
    expect((await t.api('users.update', { id: userId('admin'), role: 'manager' }, s.admin)).body.role).toBe('manager');
  });

  it('resets a PIN: the old one stops working, a lockout is lifted, the user is logged out, logged', async () => {
    for (let i = 0; i < 5; i++) await t.api('auth.login', { username: 'kasir', pin: '0000' });
    expect((await t.api('auth.login', { username: 'kasir', pin: '1111' })).body.error.details.locked).toBe(true);
    const r = await t.api('users.resetPin', { id: userId('kasir'), pin: '246810' }, s.admin);
    expect(r.body).toMatchObject({ username: 'kasir', active: true });
    expect((await t.api('auth.me', {}, s.cashier)).status).toBe(401);
    expect((await t.api('auth.login', { username: 'kasir', pin: '1111' })).status).toBe(401);
    expect((await t.api('auth.login', { username: 'kasir', pin: '246810' })).status).toBe(200);
    const row = db().prepare("SELECT pin_hash FROM users WHERE username = 'kasir'").get() as { pin_hash: string };
    expect(row.pin_hash).toMatch(/^scrypt\$/);
    expect(row.pin_hash).not.toContain('246810');
    expect(db().prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'users.reset_pin'").get()).toEqual({ n: 1 });
    expect((await t.api('users.resetPin', { id: userId('kasir'), pin: '12' }, s.admin)).body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'pin' } });
  });
});

describe('audit.list', () => {
  it('is for managers: filters by action (or its area), user and local day, newest first', async () => {
    expect((await t.api('audit.list', {}, s.cashier)).body.error.code).toBe('FORBIDDEN');
    await t.api('auth.login', { username: 'kasir', pin: '9999' });
    await t.api('sales.checkout', { clientRequestId: 'audit-0001', lines: [{ productId: s.meteId, qty: 1 }], payments: [{ method: 'cash', amount: 50_000 }] }, s.cashier);
    await t.api('sales.void', { saleId: 1, reason: 'Salah scan' }, s.manager);
    // The next day in Kendari (WITA) starts at 16:00 UTC.
    t.clock.set(Date.UTC(2026, 10, 29, 16, 0, 0));
    const nextDay = (await t.api('auth.login', { username: 'manajer', pin: '2222', tillCode: 'K1' })).body.token;

    const all = (await t.api('audit.list', {}, nextDay)).body as { id: number; action: string; userName: string | null; details: any }[];
    expect(all.length).toBeGreaterThan(10);
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => b - a));
    expect(all[0]).toMatchObject({ action: 'auth.login', userName: 'Bu Manajer' });

    const failed = (await t.api('audit.list', { action: 'auth.login_failed' }, nextDay)).body;
    expect(failed).toEqual([expect.objectContaining({ action: 'auth.login_failed', userName: 'Wa Ode Kasir', details: { attempts: 1 } })]);
    const sales = (await t.api('audit.list', { action: 'sales' }, nextDay)).body;
    expect(sales.map((e: { action: string }) => e.action)).toEqual(['sales.void']);
    expect(sales[0].details).toMatchObject({ reason: 'Salah scan', total: 50_000 });

    const managers = (await t.api('audit.list', { userId: userId('manajer') }, nextDay)).body as { userId: number }[];
    expect(managers.length).toBeGreaterThan(0);
    expect(managers.every((e) => e.userId === userId('manajer'))).toBe(true);

    const today = (await t.api('audit.list', { from: '2026-11-30', to: '2026-11-30' }, nextDay)).body;
    expect(today.map((e: { action: string }) => e.action)).toEqual(['auth.login']);
    const yesterday = (await t.api('audit.list', { to: '2026-11-29' }, nextDay)).body as unknown[];
    expect(yesterday.length).toBe(all.length - 1);
    const page = (await t.api('audit.list', { limit: 2 }, nextDay)).body as { id: number }[];
    const next = (await t.api('audit.list', { limit: 2, beforeId: page[1]!.id }, nextDay)).body as { id: number }[];
    expect(next.map((e) => e.id)).toEqual([all[2]!.id, all[3]!.id]);
    expect((await t.api('audit.list', { from: '2026-02-30' }, nextDay)).body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'from' } });
  });

  it('the audit table refuses UPDATE and DELETE', async () => {
    const before = db().prepare('SELECT * FROM audit_log ORDER BY id').all();
    expect(before.length).toBeGreaterThan(0);
    expect(() => db().prepare("UPDATE audit_log SET action = 'nothing'").run()).toThrow(/append-only/);
    expect(() => db().prepare('UPDATE audit_log SET details = NULL WHERE id = 1').run()).toThrow(/append-only/);
    expect(() => db().prepare('DELETE FROM audit_log WHERE id = 1').run()).toThrow(/append-only/);
    expect(() => db().prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(db().prepare('SELECT * FROM audit_log ORDER BY id').all()).toEqual(before);
    // Appending still works.
    const snap = snapshot(t.app);
    await t.api('drawer.open', { reason: 'cek' }, s.manager);
    expect(snapshot(t.app).sales).toEqual(snap.sales);
    expect((db().prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n).toBe(before.length + 1);
  });
});
