/**
 * The desktop app as a till of a host, its Node side against a real host (the app on a real
 * SQLite file, served over real HTTP with pairing on): the start decides from `host.info`
 * (reachable? a Kasir PLUT host? the same contract?), asks once for a credential and keeps it
 * in desktop.json, and every request of the window carries it with this app's versions. The
 * setup pages' controller changes the mode (an admin only, on the main computer) and keeps the
 * credential when only the host's address changes.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../src/main/api/http';
import { readDesktopConfig, writeDesktopConfig } from '../../src/main/desktop/config';
import { chooserPage, planTillStart, SetupController } from '../../src/main/desktop/setup';
import { probeHost, tillRequestHeaders } from '../../src/main/desktop/till-link';
import { API_CONTRACT_VERSION, APP_VERSION } from '../../src/shared/version';
import { seedShop, startTestApi, type Seeded, type TestApi } from '../support/api-harness';

let t: TestApi;
let s: Seeded;
let lan: Server;
let hostUrl: string;
const dirs: string[] = [];
const dataDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'kasir-till-'));
  dirs.push(d);
  return d;
};
const listen = async (server: Server) => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
};
const close = async (server: Server) => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
};

beforeEach(async () => {
  t = await startTestApi();
  s = await seedShop(t);
  // The host in host mode: pairing on; loopback stands for the LAN here.
  lan = createHttpServer(t.app, { pairing: true, loopbackIsHost: false });
  hostUrl = await listen(lan);
});
afterEach(async () => {
  await close(lan);
  await t.close();
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const devices = () => t.app.ctx.db.$client.prepare('SELECT id, name, status FROM devices ORDER BY id').all() as { id: number; name: string; status: string }[];

/** A request as the till's window sends it, through the header rule the Electron session applies. */
async function fromWindow(name: string, body: unknown, credential: string | null, pageHeaders: Record<string, string> = {}) {
  const url = new URL(`api/${name}`, hostUrl).href;
  const { headers } = tillRequestHeaders(hostUrl, url, { 'Content-Type': 'application/json', ...pageHeaders }, credential);
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
}

describe('a till of a host starts', () => {
  it('pairs through the host: one credential asked once, kept across restarts, approved on the host\'s screen', async () => {
    const dir = dataDir();
    writeDesktopConfig(dir, { mode: 'till', hostUrl, credential: null, printer: null });
    const first = await planTillStart(dir, readDesktopConfig(dir) as any);
    expect(first.kind).toBe('show');
    const saved = readDesktopConfig(dir) as any;
    expect(saved.credential).toMatch(/^[\w-]{40,}$/);
    expect(first).toEqual({ kind: 'show', hostUrl, credential: saved.credential });
    expect(devices()).toMatchObject([{ status: 'pending' }]);
    expect(devices()[0]!.name).toMatch(/^Kasir /);

    // The host's pairing screen (in the till's window) shows the code: the credential went with the request.
    const pending = await fromWindow('pairing.status', {}, saved.credential);
    expect(pending.body).toMatchObject({ status: 'pending' });
    const approved = await t.api('devices.approve', { code: pending.body.code, tillCode: 'K2' }, s.manager);
    expect(approved.status).toBe(200);

    // A restart: the same credential, no new device, straight to the host's UI, paired.
    const again = await planTillStart(dir, readDesktopConfig(dir) as any);
    expect(again).toEqual({ kind: 'show', hostUrl, credential: saved.credential });
    expect(devices()).toHaveLength(1);
    expect((await fromWindow('pairing.status', {}, saved.credential)).body).toMatchObject({ status: 'paired', tillCode: 'K2' });
    const login = await fromWindow('auth.login', { username: 'kasir', pin: '1111', tillCode: 'K9' }, saved.credential);
    expect(login.status).toBe(200);
    expect(login.body.tillCode).toBe('K2');
  });

  it('the host being off shows "not connected" and keeps the credential; a new address reaches it again', async () => {
    const dir = dataDir();
    const dead = createServer();
    const deadUrl = await listen(dead);
    await close(dead); // nothing listens there now
    writeDesktopConfig(dir, { mode: 'till', hostUrl: deadUrl, credential: 'kept-credential-123', printer: null });
    const down = await planTillStart(dir, readDesktopConfig(dir) as any);
    expect(down).toEqual({ kind: 'page', page: { page: 'till-down', hostUrl: deadUrl, reason: expect.any(String) } });
    expect((readDesktopConfig(dir) as any).credential).toBe('kept-credential-123');

    // The manager types the host's new address on that page: the credential stays.
    let retried = 0;
    const setup = new SetupController(dir, { restart: () => undefined, retry: () => retried++, continueToHost: () => undefined, close: () => undefined }, down.kind === 'page' ? down.page : (null as never));
    expect((await setup.call('state', {})) as any).toMatchObject({ ok: true, result: { page: 'till-down', hostUrl: deadUrl, appVersion: APP_VERSION, lang: 'id' } });
    expect(await setup.call('setHostUrl', { hostUrl: 'http://a b' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(retried).toBe(0);
    expect(await setup.call('setHostUrl', { hostUrl: hostUrl.replace('http://', '').replace(/\/$/, '') })).toEqual({ ok: true, result: { ok: true } });
    expect(retried).toBe(1);
    expect(readDesktopConfig(dir)).toEqual({ mode: 'till', hostUrl, credential: 'kept-credential-123', printer: null });
  });

  it('refuses a host of another contract and a server that is no Kasir PLUT host; tells of another release', async () => {
    const dir = dataDir();
    let answer: object = { app: 'kasir-plut', appVersion: '9.1.0', contractVersion: API_CONTRACT_VERSION + 1 };
    const other = createServer((req, res) => {
      if (req.url === '/api/host.info') res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer));
      else res.writeHead(404).end();
    });
    const otherUrl = await listen(other);
    try {
      writeDesktopConfig(dir, { mode: 'till', hostUrl: otherUrl, credential: null, printer: null });
      const refused = await planTillStart(dir, readDesktopConfig(dir) as any);
      expect(refused).toEqual({
        kind: 'page',
        page: { page: 'till-refused', hostUrl: otherUrl, message: expect.stringMatching(new RegExp(`^Versi aplikasi di komputer ini ${APP_VERSION.replace(/\./g, '\\.')}, komputer utama 9\\.1\\.0 — perbarui`)) },
      });
      // Nothing was asked of it: no credential.
      expect((readDesktopConfig(dir) as any).credential).toBeNull();

      answer = { app: 'kasir-plut', appVersion: '9.1.0', contractVersion: API_CONTRACT_VERSION };
      writeDesktopConfig(dir, { mode: 'till', hostUrl: otherUrl, credential: 'c-1', printer: null });
      const notice = await planTillStart(dir, readDesktopConfig(dir) as any);
      expect(notice).toMatchObject({ kind: 'page', page: { page: 'till-notice', message: expect.stringContaining('Penjualan tetap dapat dilakukan') } });
      expect(await planTillStart(dir, readDesktopConfig(dir) as any, { noticeSeen: true })).toEqual({ kind: 'show', hostUrl: otherUrl, credential: 'c-1' });

      answer = { hello: 'world' };
      expect(await probeHost(otherUrl)).toEqual({ reachable: true, kasir: false });
      expect(await planTillStart(dir, readDesktopConfig(dir) as any)).toMatchObject({ kind: 'page', page: { page: 'till-refused', message: expect.stringContaining('bukan komputer utama Kasir PLUT') } });
    } finally {
      await close(other);
    }
    // The real host: the same release, nothing to tell.
    expect(await probeHost(hostUrl)).toEqual({ reachable: true, kasir: true, info: { app: 'kasir-plut', appVersion: APP_VERSION, contractVersion: API_CONTRACT_VERSION }, verdict: 'same', message: null });
  });
});

describe('the headers of the till\'s window', () => {
  it('carry the credential and the versions to the host only; a credential the host\'s page got is adopted', async () => {
    const base = { Accept: 'application/json' };
    expect(tillRequestHeaders(hostUrl, 'https://fonts.example/x.css', base, 'cred')).toEqual({ headers: base, adopt: null });
    const same = tillRequestHeaders(hostUrl, new URL('api/x', hostUrl).href, { ...base, 'x-kasir-contract': '999' }, 'cred');
    expect(same).toEqual({ headers: { ...base, 'X-Kasir-Contract': String(API_CONTRACT_VERSION), 'X-Kasir-App-Version': APP_VERSION, 'X-Kasir-Device': 'cred' }, adopt: null });
    const page = tillRequestHeaders(hostUrl, new URL('api/x', hostUrl).href, { ...base, 'X-Kasir-Device': 'new-cred' }, 'cred');
    expect(page.adopt).toBe('new-cred');
    expect(page.headers['X-Kasir-Device']).toBe('new-cred');
    expect(tillRequestHeaders(hostUrl, new URL('api/x', hostUrl).href, { 'X-Kasir-Device': 'cred' }, 'cred').adopt).toBeNull();

    // Against the real host: a revoked till's page asks for a new credential, and keeps working with it.
    const r = await fromWindow('pairing.request', { deviceName: 'Kasir 2' }, 'old-unknown');
    expect(r.status).toBe(200);
    const adopted = tillRequestHeaders(hostUrl, new URL('api/pairing.status', hostUrl).href, { 'X-Kasir-Device': r.body.credential }, 'old-unknown');
    expect(adopted.adopt).toBe(r.body.credential);
    expect((await fromWindow('pairing.status', {}, adopted.adopt)).body).toMatchObject({ status: 'pending', code: r.body.code });
  });
});

describe('changing what this PC is', () => {
  const actions = () => {
    const done = { restart: 0, close: 0 };
    return { done, actions: { restart: () => done.restart++, retry: () => undefined, continueToHost: () => undefined, close: () => done.close++ } };
  };

  it('on the main computer only an admin may, and it is audited; bad input changes nothing', async () => {
    const dir = dataDir();
    writeDesktopConfig(dir, { mode: 'host' });
    const { done, actions: a } = actions();
    const setup = new SetupController(dir, a, chooserPage({ mode: 'host' }, true, true), () => t.app);
    const choose = { mode: 'till', hostUrl: '192.168.1.10' };
    expect(await setup.call('choose', choose)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await setup.call('choose', { ...choose, username: 'kasir', pin: '1111' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('Hanya admin') } });
    expect(await setup.call('choose', { ...choose, username: 'admin', pin: '000000' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await setup.call('choose', { mode: 'till', hostUrl: 'ftp://x', username: 'admin', pin: '123456' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await setup.call('choose', { mode: 'cloud', username: 'admin', pin: '123456' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'mode' } } });
    expect(readDesktopConfig(dir)).toEqual({ mode: 'host' });
    expect(done.restart).toBe(0);

    expect(await setup.call('choose', { ...choose, username: 'admin', pin: '123456' })).toEqual({ ok: true, result: { ok: true } });
    expect(readDesktopConfig(dir)).toEqual({ mode: 'till', hostUrl: 'http://192.168.1.10:8080/', credential: null, printer: null });
    expect(done.restart).toBe(1);
    const line = t.app.ctx.db.$client.prepare("SELECT details FROM audit_log WHERE action = 'desktop.mode'").get() as { details: string };
    expect(JSON.parse(line.details)).toEqual({ from: 'host', to: 'till' });
    // No session was left behind by the PIN check.
    expect(t.app.ctx.db.$client.prepare("SELECT count(*) AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'admin' AND s.revoked_at IS NULL").get()).toEqual({ n: 1 });
    expect(await setup.call('cancel', {})).toEqual({ ok: true, result: { ok: true } });
    expect(done.close).toBe(1);
  });

  it('a till or the office changes without a PIN (no shop database there); the first start cannot be cancelled', async () => {
    const dir = dataDir();
    const { done, actions: a } = actions();
    const setup = new SetupController(dir, a, chooserPage(null, false, false));
    expect(await setup.call('cancel', {})).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await setup.call('choose', { mode: 'office', pgUrl: './kasir.db' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'pgUrl' } } });
    expect(readDesktopConfig(dir)).toBeNull();
    expect(await setup.call('choose', { mode: 'till', hostUrl: '10.0.0.5:8080' })).toEqual({ ok: true, result: { ok: true } });
    writeDesktopConfig(dir, { mode: 'till', hostUrl: 'http://10.0.0.5:8080/', credential: 'paired-cred', printer: { type: 'usb', vendorId: 1208, productId: 3605 } });
    // Only the address changes: the credential and the printer stay.
    expect(await setup.call('choose', { mode: 'till', hostUrl: '10.0.0.9' })).toEqual({ ok: true, result: { ok: true } });
    expect(readDesktopConfig(dir)).toEqual({ mode: 'till', hostUrl: 'http://10.0.0.9:8080/', credential: 'paired-cred', printer: { type: 'usb', vendorId: 1208, productId: 3605 } });
    expect(await setup.call('showChooser', {})).toMatchObject({ ok: true, result: { page: 'choose', current: 'till', hostUrl: 'http://10.0.0.9:8080/', printer: { kind: 'usb', value: '04b8:0e15' } } });
    // The till PC's own printer, as typed on the page; a bad one changes nothing.
    for (const [kind, value] of [['serial', '/etc/passwd'], ['network', 'printer:99999'], ['usb', '1208'], ['file', 'x.bin']]) {
      expect(await setup.call('choose', { mode: 'till', hostUrl: '10.0.0.9', printerKind: kind, printer: value }), `${kind} ${value}`).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'printer' } } });
    }
    expect((readDesktopConfig(dir) as any).printer).toEqual({ type: 'usb', vendorId: 1208, productId: 3605 });
    expect(await setup.call('choose', { mode: 'till', hostUrl: '10.0.0.9', printerKind: 'network', printer: '192.168.1.50' })).toMatchObject({ ok: true });
    expect((readDesktopConfig(dir) as any).printer).toEqual({ type: 'network', host: '192.168.1.50', port: 9100 });
    expect(await setup.call('choose', { mode: 'till', hostUrl: '10.0.0.9', printerKind: 'serial', printer: 'COM3' })).toMatchObject({ ok: true });
    expect((readDesktopConfig(dir) as any).printer).toEqual({ type: 'serial', path: 'COM3' });
    expect(await setup.call('choose', { mode: 'till', hostUrl: '10.0.0.9', printerKind: 'none', printer: '' })).toMatchObject({ ok: true });
    expect(readDesktopConfig(dir)).toEqual({ mode: 'till', hostUrl: 'http://10.0.0.9:8080/', credential: 'paired-cred', printer: null });
    expect(await setup.call('choose', { mode: 'office', pgUrl: 'postgres://kantor@pusat/kasir_pusat' })).toEqual({ ok: true, result: { ok: true } });
    expect(readDesktopConfig(dir)).toEqual({ mode: 'office', pgUrl: 'postgres://kantor@pusat/kasir_pusat' });
    expect(done.restart).toBe(6);
    expect(await setup.call('language', { lang: 'en' })).toEqual({ ok: true, result: { lang: 'en' } });
    expect(await setup.call('state', {})).toMatchObject({ ok: true, result: { page: 'choose', lang: 'en' } });
    expect(await setup.call('rm -rf', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
