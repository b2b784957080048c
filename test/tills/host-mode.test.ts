/**
 * Host mode (issue 17): nothing listens for the LAN until the admin turns it
 * on; then the same app (same database connection) answers on the chosen
 * port, and every LAN caller must be a paired device; off again, it stops.
 * Runs on 127.0.0.1 (no network namespaces).
 */
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HostMode } from '../../src/main/host-mode';
import { seedShop, startTestApi, type Seeded, type TestApi } from '../support/api-harness';

let t: TestApi;
let s: Seeded;
let hostMode: HostMode;
beforeEach(async () => {
  t = await startTestApi();
  s = await seedShop(t);
});
afterEach(async () => {
  await hostMode?.stop();
  await t.close();
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const port = (probe.address() as { port: number }).port;
      probe.close(() => resolve(port));
    });
  });
const reachable = (port: number) =>
  fetch(`http://127.0.0.1:${port}/api/health`).then(
    (r) => r.status,
    () => 'refused' as const,
  );

describe('host mode', () => {
  it('is off by default; the admin turns it on and off; LAN callers must be paired', async () => {
    hostMode = new HostMode(t.app, { listenHost: '127.0.0.1', loopbackIsHost: false });
    t.app.hostMode = hostMode;
    await hostMode.apply();
    const port = await freePort();
    const before = await t.api('hostMode.status', {}, s.admin);
    expect(before.body).toMatchObject({ available: true, enabled: false, listening: false, urls: [] });
    expect(await reachable(port)).toBe('refused');

    expect((await t.api('hostMode.status', {}, s.manager)).status).toBe(403);
    expect((await t.api('hostMode.configure', { enabled: true, port }, s.manager)).status).toBe(403);
    expect((await t.api('hostMode.configure', { enabled: true, port: 80 }, s.admin)).status).toBe(400);

    const on = await t.api('hostMode.configure', { enabled: true, port }, s.admin);
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ enabled: true, port, listening: true, error: null });
    expect(await reachable(port)).toBe(200);
    // The same app and database: a LAN caller without a paired credential reaches only pairing.
    const lan = await fetch(`http://127.0.0.1:${port}/api/auth.login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'kasir', pin: '1111', tillCode: 'K2' }),
    });
    expect(lan.status).toBe(401);
    expect(((await lan.json()) as any).error.details).toEqual({ pairing: 'unpaired' });
    const pairing = await fetch(`http://127.0.0.1:${port}/api/pairing.request`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ deviceName: 'Kasir 2' }),
    });
    const code = ((await pairing.json()) as { code: string }).code;
    const listed = (await t.api('devices.list', {}, s.manager)).body;
    expect(listed.map((d: any) => d.pairingCode)).toEqual([code]);

    const audited = t.app.db.$client.prepare("SELECT details FROM audit_log WHERE action = 'hostMode.configure'").all() as { details: string }[];
    expect(audited.map((a) => JSON.parse(a.details))).toEqual([{ enabled: true, port }]);

    const off = await t.api('hostMode.configure', { enabled: false, port }, s.admin);
    expect(off.body).toMatchObject({ enabled: false, listening: false });
    expect(await reachable(port)).toBe('refused');
  });

  it('says why when the port is taken, and stays off', async () => {
    hostMode = new HostMode(t.app, { listenHost: '127.0.0.1' });
    t.app.hostMode = hostMode;
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as { port: number }).port;
    try {
      const r = await t.api('hostMode.configure', { enabled: true, port }, s.admin);
      expect(r.status).toBe(200);
      expect(r.body.listening).toBe(false);
      expect(r.body.error).toContain('EADDRINUSE');
    } finally {
      busy.close();
    }
  });

  it('in browser mode there is no switch (serve --host decides)', async () => {
    expect((await t.api('hostMode.status', {}, s.admin)).body).toMatchObject({ available: false, listening: false });
    const r = await t.api('hostMode.configure', { enabled: true, port: 8090 }, s.admin);
    expect(r.status).toBe(409);
    expect(r.body.error.message).toContain('--host');
  });
});
