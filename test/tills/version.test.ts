/**
 * Versions (issue 18), over real HTTP: the host names its release and API contract on every
 * answer and in `host.info`; a desktop till of another contract (`X-Kasir-Contract`) is refused
 * with VERSION_MISMATCH before anything runs; a browser till (no header) and a till of the same
 * contract are served. The till-side verdict and its Indonesian words are checked too.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_CONTRACT_VERSION, APP_VERSION, compareWithHost, versionMessage } from '../../src/shared/version';
import { seedShop, startLanServer, startTestApi, type Seeded, type TestApi } from '../support/api-harness';

let t: TestApi;
let s: Seeded;
let lan: Awaited<ReturnType<typeof startLanServer>>;
let lanUrl: string;
beforeEach(async () => {
  t = await startTestApi();
  s = await seedShop(t);
  lan = await startLanServer(t.app);
  lanUrl = lan.url;
});
afterEach(async () => {
  await lan.close();
  await t.close();
});

const post = (base: string, name: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('host version and API contract', () => {
  it('APP_VERSION is package.json\'s version', () => {
    const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
    expect(APP_VERSION).toBe(pkg.version);
  });

  it('every API answer names the version; host.info answers an unpaired device', async () => {
    const info = await post(lanUrl, 'host.info', {});
    expect(info.status).toBe(200);
    expect(await info.json()).toEqual({ app: 'kasir-plut', appVersion: APP_VERSION, contractVersion: API_CONTRACT_VERSION });
    expect(info.headers.get('X-Kasir-Version')).toBe(APP_VERSION);
    expect(info.headers.get('X-Kasir-Contract')).toBe(String(API_CONTRACT_VERSION));
    // Even a refused call says which version refused it.
    const refused = await post(lanUrl, 'setup.status', {});
    expect(refused.status).toBe(401);
    expect(refused.headers.get('X-Kasir-Version')).toBe(APP_VERSION);
  });

  it('a desktop till of another contract is refused before anything runs; the same contract and browsers are served', async () => {
    const other = { 'X-Kasir-Contract': String(API_CONTRACT_VERSION + 1), 'X-Kasir-App-Version': '9.4.0' };
    const before = t.app.ctx.db.$client.prepare('SELECT count(*) AS n FROM devices').get() as { n: number };
    const pairing = await post(lanUrl, 'pairing.request', { deviceName: 'Kasir lama' }, other);
    expect(pairing.status).toBe(409);
    const body = (await pairing.json()) as { error: { code: string; message: string; details: unknown } };
    expect(body.error.code).toBe('VERSION_MISMATCH');
    expect(body.error.message).toBe(`Versi aplikasi di komputer ini 9.4.0, komputer utama ${APP_VERSION} — perbarui aplikasi di komputer ini ke versi yang sama dengan komputer utama.`);
    expect(body.error.details).toEqual({ hostVersion: APP_VERSION, hostContract: API_CONTRACT_VERSION, clientVersion: '9.4.0', clientContract: String(API_CONTRACT_VERSION + 1) });
    // Nothing was written: no pending device.
    expect(t.app.ctx.db.$client.prepare('SELECT count(*) AS n FROM devices').get()).toEqual(before);
    // A logged-in session of the till's contract is refused as well (before the token is even looked at).
    const sale = await post(t.url, 'shifts.current', {}, { ...other, Authorization: `Bearer ${s.cashier}` });
    expect(sale.status).toBe(409);
    expect(((await sale.json()) as { error: { code: string } }).error.code).toBe('VERSION_MISMATCH');
    // The till can still learn the host's version, and the health check answers.
    expect((await post(lanUrl, 'host.info', {}, other)).status).toBe(200);
    expect((await fetch(`${lanUrl}/api/health`, { headers: other })).status).toBe(200);

    // The same contract (another release) works; a browser till sends no header and works.
    const same = await post(lanUrl, 'pairing.request', { deviceName: 'Kasir baru' }, { 'X-Kasir-Contract': String(API_CONTRACT_VERSION), 'X-Kasir-App-Version': '0.0.9' });
    expect(same.status).toBe(200);
    expect((await post(lanUrl, 'pairing.request', { deviceName: 'Browser' })).status).toBe(200);
    expect((await post(t.url, 'shifts.current', {}, { Authorization: `Bearer ${s.cashier}` })).status).toBe(200);
  });

  it('tells the till plainly which versions differ', () => {
    const local = { app: 'kasir-plut' as const, appVersion: '1.2.0', contractVersion: 3 };
    expect(compareWithHost({ appVersion: '1.2.0', contractVersion: 3 }, local)).toBe('same');
    expect(versionMessage({ appVersion: '1.2.0', contractVersion: 3 }, local)).toBeNull();
    expect(compareWithHost({ appVersion: '1.3.0', contractVersion: 3 }, local)).toBe('app-differs');
    expect(versionMessage({ appVersion: '1.3.0', contractVersion: 3 }, local)).toMatch(/^Versi aplikasi di komputer ini 1\.2\.0, komputer utama 1\.3\.0 — perbarui .*Penjualan tetap dapat dilakukan/);
    expect(compareWithHost({ appVersion: '1.3.0', contractVersion: 4 }, local)).toBe('contract-differs');
    expect(versionMessage({ appVersion: '1.3.0', contractVersion: 4 }, local)).toMatch(/^Versi aplikasi di komputer ini 1\.2\.0, komputer utama 1\.3\.0 — perbarui .*tidak dapat dipakai untuk berjualan/);
  });
});
