/**
 * Paired tills (issue 17) over real HTTP: an unpaired device reaches only the
 * pairing procedures; logins are on the device's till; one device per till
 * code; revoked devices are logged out at their next call; shifts left open
 * under a typed code are closed from the back office or taken over.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../src/main/api/http';
import { seedShop, startLanServer, startTestApi, type Seeded, type TestApi } from '../support/api-harness';

let t: TestApi;
let s: Seeded;
let lan: Awaited<ReturnType<typeof startLanServer>>;
let lanUrl: string;
beforeEach(async () => {
  t = await startTestApi();
  s = await seedShop(t);
  // The host in host mode: the same app, with pairing on; loopback is not the host here (it stands for the LAN).
  lan = await startLanServer(t.app);
  lanUrl = lan.url;
});
afterEach(async () => {
  await lan.close();
  await t.close();
});

/** A device on the LAN: keeps its credential like the browser's localStorage does. */
function device(url = () => lanUrl) {
  let credential: string | undefined;
  const call = async (name: string, input: unknown = {}, token?: string) => {
    const res = await fetch(`${url()}/api/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(credential ? { 'X-Kasir-Device': credential } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(input),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  return {
    call,
    async pair(name: string): Promise<string> {
      const r = await call('pairing.request', { deviceName: name });
      expect(r.status).toBe(200);
      credential = r.body.credential;
      return r.body.code as string;
    },
    login: (username: string, pin: string, tillCode?: string) => call('auth.login', { username, pin, ...(tillCode ? { tillCode } : {}) }),
  };
}

const approve = (code: string, tillCode: string, token = s.manager) => t.api('devices.approve', { code, tillCode }, token);

describe('pairing', () => {
  it('an unpaired device reaches nothing but the pairing procedures', async () => {
    const d = device();
    for (const [name, input, token] of [
      ['auth.login', { username: 'kasir', pin: '1111', tillCode: 'K1' }, undefined],
      ['setup.status', {}, undefined],
      ['products.search', { query: 'mete' }, s.cashier],
      ['shifts.current', {}, s.cashier],
    ] as const) {
      const r = await d.call(name, input, token);
      expect(r.status, name).toBe(401);
      expect(r.body.error.details).toEqual({ pairing: 'unpaired' });
      expect(r.body.error.message).toContain('belum dipasangkan');
    }
    // A cashier token from elsewhere was ended by the refused call (it came from an unpaired device).
    expect((await t.api('auth.me', {}, s.cashier)).status).toBe(401);
    const code = await d.pair('Kasir dekat pintu');
    expect(code).toMatch(/^[A-Z2-9]{6}$/);
    expect((await d.call('pairing.status')).body).toEqual({ status: 'pending', code, deviceName: 'Kasir dekat pintu' });
    // Still pending: nothing else.
    expect((await d.login('kasir', '1111')).body.error.details).toEqual({ pairing: 'pending' });
  });

  it('after approval the device logs in on its till; a typed till code is ignored', async () => {
    const d = device();
    const code = await d.pair('Kasir 2');
    const approved = await approve(code.toLowerCase(), 'K2');
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'paired', tillCode: 'K2', pairingCode: null });
    expect((await d.call('pairing.status')).body).toEqual({ status: 'paired', tillCode: 'K2', deviceName: 'Kasir 2' });
    const login = await d.login('kasir', '1111', 'K1');
    expect(login.status).toBe(200);
    expect(login.body.tillCode).toBe('K2');
    expect((await d.call('auth.me', {}, login.body.token)).body.tillCode).toBe('K2');
    // A K1 session carried to this device is not this device's.
    const carried = await d.call('auth.me', {}, s.cashier);
    expect(carried.status).toBe(401);
    // The host's list shows the device, its user and its (not yet open) shift.
    const list = (await t.api('devices.list', {}, s.manager)).body;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ name: 'Kasir 2', tillCode: 'K2', lastUserName: 'Wa Ode Kasir', openShift: null, lastAddress: expect.stringContaining('127.0.0.1') });
    // The audit log has the approval.
    const audited = t.app.db.$client.prepare("SELECT details FROM audit_log WHERE action = 'devices.approve'").all() as { details: string }[];
    expect(audited.map((a) => JSON.parse(a.details))).toEqual([{ name: 'Kasir 2', tillCode: 'K2' }]);
  });

  it('two devices cannot hold K2, and no device can take the host\'s K1', async () => {
    const a = device();
    const b = device();
    expect((await approve(await a.pair('A'), 'K2')).status).toBe(200);
    const codeB = await b.pair('B');
    const second = await approve(codeB, 'K2');
    expect(second.status).toBe(409);
    expect(second.body.error.message).toContain('sudah dipakai perangkat "A"');
    const host = await approve(codeB, 'K1');
    expect(host.status).toBe(409);
    expect((await b.call('pairing.status')).body.status).toBe('pending');
    // The database itself refuses a second paired K2.
    expect(() => t.app.db.$client.prepare("UPDATE devices SET status = 'paired', till_code = 'K2' WHERE name = 'B'").run()).toThrow(/UNIQUE/);
    expect((await approve(codeB, 'K3')).status).toBe(200);
    // A cashier cannot approve.
    const c = device();
    expect((await approve(await c.pair('C'), 'K4', s.cashier)).status).toBe(403);
  });

  it('a revoked device is logged out at its next call', async () => {
    const d = device();
    expect((await approve(await d.pair('Kasir 2'), 'K2')).status).toBe(200);
    const token = (await d.login('kasir', '1111')).body.token;
    expect((await d.call('auth.me', {}, token)).status).toBe(200);
    const id = (await t.api('devices.list', {}, s.manager)).body[0].id;
    expect((await t.api('devices.revoke', { id }, s.manager)).status).toBe(200);
    const next = await d.call('products.search', { query: 'mete' }, token);
    expect(next.status).toBe(401);
    expect(next.body.error.details).toEqual({ pairing: 'revoked' });
    // The session is over everywhere, not only on this device.
    expect((await t.api('auth.me', {}, token)).status).toBe(401);
    expect((await d.call('pairing.status')).body.status).toBe('revoked');
  });

  it('moving a till code to another PC is an admin action, audited; the old PC is revoked', async () => {
    const old = device();
    const fresh = device();
    expect((await approve(await old.pair('PC lama'), 'K2')).status).toBe(200);
    const oldToken = (await old.login('kasir', '1111')).body.token;
    await fresh.pair('PC baru');
    const freshId = (await t.api('devices.list', {}, s.manager)).body.find((x: any) => x.name === 'PC baru').id;
    expect((await t.api('devices.moveTill', { tillCode: 'K2', toDeviceId: freshId }, s.manager)).status).toBe(403);
    const moved = await t.api('devices.moveTill', { tillCode: 'K2', toDeviceId: freshId }, s.admin);
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ name: 'PC baru', status: 'paired', tillCode: 'K2' });
    expect((await old.call('auth.me', {}, oldToken)).body.error.details).toEqual({ pairing: 'revoked' });
    expect((await fresh.login('kasir', '1111')).body.tillCode).toBe('K2');
    const log = t.app.db.$client.prepare("SELECT details FROM audit_log WHERE action = 'devices.moveTill'").get() as { details: string };
    expect(JSON.parse(log.details)).toMatchObject({ tillCode: 'K2', from: { name: 'PC lama' }, to: { name: 'PC baru' } });
  });

  it('keeps at most 20 pending requests: anyone may ask, nobody may fill the list', async () => {
    for (let i = 0; i < 20; i++) expect((await device().call('pairing.request', { deviceName: `PC ${i}` })).status).toBe(200);
    const over = await device().call('pairing.request', { deviceName: 'PC 21' });
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('RATE_LIMITED');
    const first = (await t.api('devices.list', {}, s.manager)).body[0];
    expect((await t.api('devices.revoke', { id: first.id }, s.manager)).status).toBe(200);
    expect((await device().call('pairing.request', { deviceName: 'PC 21' })).status).toBe(200);
  });

  it('the host PC itself (loopback, no credential) is the host till K1 whatever is typed', async () => {
    const host = createHttpServer(t.app, { pairing: true });
    await new Promise<void>((r) => host.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
      const r = await device(() => url).login('kasir', '1111', 'K5');
      expect(r.status).toBe(200);
      expect(r.body.tillCode).toBe('K1');
    } finally {
      await new Promise<void>((r) => host.close(() => r()));
    }
  });
});

describe('shifts left open under a typed till code (upgrade)', () => {
  it('are listed, can be closed from the back office with their Z report, or taken over by the device paired to the code', async () => {
    await t.api('users.create', { name: 'Kasir Lama', username: 'lama', role: 'cashier', pin: '5555' }, s.admin);
    const typedK7 = (await t.api('auth.login', { username: 'lama', pin: '5555', tillCode: 'K7' })).body.token;
    const typedK8 = (await t.api('auth.login', { username: 'lama', pin: '5555', tillCode: 'K8' })).body.token;
    const k7 = (await t.api('shifts.open', { openingFloat: 100_000 }, typedK7)).body;
    const k8 = (await t.api('shifts.open', { openingFloat: 50_000 }, typedK8)).body;
    const orphans = (await t.api('shifts.orphans', {}, s.manager)).body;
    expect(orphans.map((o: any) => o.tillCode).sort()).toEqual(['K7', 'K8']);

    const closed = await t.api('shifts.closeOrphan', { shiftId: k8.id, countedCash: 50_000 }, s.manager);
    expect(closed.status).toBe(200);
    expect(closed.body.closedAt).not.toBeNull();
    expect(closed.body.report).toMatchObject({ kind: 'Z', tillCode: 'K8' });

    const d = device();
    expect((await approve(await d.pair('Kasir 7'), 'K7')).status).toBe(200);
    const token = (await d.login('kasir', '1111')).body.token;
    const current = await d.call('shifts.current', {}, token);
    expect(current.body?.id).toBe(k7.id);
    expect((await t.api('shifts.orphans', {}, s.manager)).body).toEqual([]);
    // A paired till's shift is not closed from the back office.
    expect((await t.api('shifts.closeOrphan', { shiftId: k7.id, countedCash: 100_000 }, s.manager)).status).toBe(409);
  });
});
