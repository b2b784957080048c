/**
 * DNS rebinding: a web page on a name that resolves to the till's address
 * sends `Host: <that name>` and, to the old Origin-equals-Host check, looked
 * same-origin. The host now serves only its own names: loopback, its
 * network interfaces' addresses and the names the admin adds.
 */
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { seedShop, startTestApi, type TestApi } from '../support/api-harness';
import { startServer, type RunningServer } from '../support/server';
import { ServedHosts } from '../../src/main/api/hosts';
import { hostOfHeader, normalizeHostName } from '../../src/shared/host-names';

let t: TestApi | undefined;
let server: RunningServer | undefined;
afterEach(async () => {
  await t?.close();
  await server?.stop();
  t = server = undefined;
});

interface Sent {
  status: number;
  body: string;
  json(): any;
}

/** A request with a Host header of our choosing (fetch does not let us set one). */
function send(base: string, path: string, options: { host?: string; origin?: string; method?: string; body?: unknown; token?: string } = {}): Promise<Sent> {
  const url = new URL(base);
  const data = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: url.port,
        path,
        method: options.method ?? (data === undefined ? 'GET' : 'POST'),
        headers: {
          Host: options.host ?? url.host,
          ...(options.origin ? { Origin: options.origin } : {}),
          ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
          ...(data !== undefined ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } : {}),
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, json: () => JSON.parse(body) }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

const lanAddresses = Object.values(networkInterfaces())
  .flat()
  .filter((i) => i && !i.internal)
  .map((i) => (i!.family === 'IPv6' ? `[${i!.address}]` : i!.address));

describe('Host header (DNS rebinding)', () => {
  it('refuses a page on another name that resolves here, for the API and the UI, even when Origin matches Host', async () => {
    server = await startServer();
    const port = server.port;
    const evil = `rebind.evil.example:${port}`;
    // The attack: the page's origin is http://rebind.evil.example:<port>, so Origin and Host agree.
    const api = await send(server.url, '/api/setup.init', {
      host: evil,
      origin: `http://${evil}`,
      body: { shopName: 'Pwned', admin: { name: 'X', username: 'evil', pin: '1234' } },
    });
    expect(api.status).toBe(403);
    expect(api.json().error.code).toBe('FORBIDDEN');
    expect((await send(server.url, '/api/setup.status', { host: evil, origin: `http://${evil}`, body: {} })).status).toBe(403);
    expect((await send(server.url, '/api/health', { host: evil })).status).toBe(403);
    const page = await send(server.url, '/', { host: evil });
    expect(page.status).toBe(403);
    expect(page.body).not.toContain('<script');
    expect((await send(server.url, '/', { host: `evil.example` })).status).toBe(403);
    // Nothing was set up by the refused call.
    expect((await send(server.url, '/api/setup.status', { body: {} })).json()).toEqual({ initialized: false });
  });

  it('serves the loopback names and addresses, with or without the port', async () => {
    server = await startServer();
    const port = server.port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, 'localhost', '127.0.0.1', `LOCALHOST:${port}`, `localhost.:${port}`]) {
      expect((await send(server.url, '/', { host })).status, host).toBe(200);
      expect((await send(server.url, '/api/setup.status', { host, origin: `http://${host}`, body: {} })).status, host).toBe(200);
    }
    // A missing or malformed Host is no name of ours.
    for (const host of [`127.0.0.1:${port}@evil.example`, '127.0.0.1:99999', '[::1', 'localhost:abc', '2130706433', '127.1', 'evil.example.']) {
      expect((await send(server.url, '/api/health', { host })).status, JSON.stringify(host)).toBe(403);
    }
  });

  it.skipIf(lanAddresses.length === 0)("serves this machine's own LAN addresses", async () => {
    server = await startServer();
    for (const address of lanAddresses) {
      const host = `${address}:${server.port}`;
      expect((await send(server.url, '/', { host })).status, host).toBe(200);
      expect((await send(server.url, '/api/setup.status', { host, origin: `http://${host}`, body: {} })).status, host).toBe(200);
    }
  });

  it('keeps refusing another origin when the Host is ours', async () => {
    t = await startTestApi();
    const r = await send(t.url, '/api/setup.status', { origin: 'http://localhost:1', body: {} });
    expect(r.status).toBe(403);
    expect((await send(t.url, '/api/setup.status', { origin: t.url, body: {} })).status).toBe(200);
  });

  it('lets the admin add names (audited), and serves them at once', async () => {
    t = await startTestApi();
    const s = await seedShop(t);
    const port = new URL(t.url).port;
    const kasir = `kasir.lan:${port}`;
    expect((await send(t.url, '/api/health', { host: kasir })).status).toBe(403);

    // Only the admin configures names.
    for (const token of [s.cashier, s.manager]) {
      expect((await t.api('lan.configure', { names: ['kasir.lan'] }, token)).body.error.code).toBe('FORBIDDEN');
      expect((await t.api('lan.status', {}, token)).body.error.code).toBe('FORBIDDEN');
    }
    // Not names: refused, nothing stored.
    for (const bad of ['http://kasir.lan', 'kasir.lan:8080', 'a b', '*.lan', '', 'kasir_lan', '-kasir', '127.1', 'x'.repeat(64)]) {
      const r = await t.api('lan.configure', { names: [bad] }, s.admin);
      expect(r.status, bad).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION');
    }
    expect((await t.api('lan.status', {}, s.admin)).body.names).toEqual([]);

    const r = await t.api('lan.configure', { names: ['Kasir.LAN.', 'kasir.lan', 'PC-Kasir', '192.168.1.50', 'FE80:0::1'] }, s.admin);
    expect(r.status).toBe(200);
    expect(r.body.names).toEqual(['kasir.lan', 'pc-kasir', '192.168.1.50', '[fe80::1]']);
    expect(r.body.loopback).toEqual(['localhost', '127.0.0.1', '[::1]']);
    expect(r.body.addresses).toEqual(lanAddresses.map((a) => normalizeHostName(a)));

    for (const host of [kasir, 'kasir.lan', `pc-kasir:${port}`, `192.168.1.50:${port}`, `[fe80::1]:${port}`]) {
      expect((await send(t.url, '/api/health', { host })).status, host).toBe(200);
    }
    const fromName = await send(t.url, '/api/auth.me', { host: kasir, origin: `http://${kasir}`, body: {}, token: s.cashier });
    expect(fromName.status).toBe(200);

    const audit = t.app.db.$client.prepare("SELECT user_id AS userId, details FROM audit_log WHERE action = 'lan.configure'").all() as { userId: number; details: string }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details)).toEqual({ before: [], after: ['kasir.lan', 'pc-kasir', '192.168.1.50', '[fe80::1]'] });

    // Removing a name refuses it again.
    await t.api('lan.configure', { names: ['pc-kasir'] }, s.admin);
    expect((await send(t.url, '/api/health', { host: kasir })).status).toBe(403);
    expect((await send(t.url, '/api/health', { host: `pc-kasir:${port}` })).status).toBe(200);
  });
});

describe('host names', () => {
  it('reads the name out of Host headers', () => {
    expect(hostOfHeader('Kasir.LAN:8080')).toBe('kasir.lan');
    expect(hostOfHeader('[0:0::1]:80')).toBe('[::1]');
    expect(hostOfHeader('127.0.0.1')).toBe('127.0.0.1');
    for (const bad of [undefined, '', 'a b', 'x:99999', 'x:', 'user@x', '[::1', '::1:80', 'x/y', '127.1']) expect(hostOfHeader(bad), String(bad)).toBeNull();
  });

  it('reads the network interfaces again when an unknown name arrives (a new DHCP address)', () => {
    let interfaces: ReturnType<typeof networkInterfaces> = { lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }] };
    let now = 0;
    const hosts = new ServedHosts(() => [], () => interfaces, () => now);
    expect(hosts.allows('10.1.2.3:8080')).toBe(false);
    interfaces = { ...interfaces, eth0: [{ address: '10.1.2.3', netmask: '255.0.0.0', family: 'IPv4', mac: '02:00:00:00:00:01', internal: false, cidr: '10.1.2.3/8' }] };
    expect(hosts.allows('10.1.2.3:8080')).toBe(false); // read at most once a second
    now = 1_000;
    expect(hosts.allows('10.1.2.3:8080')).toBe(true);
    interfaces = { lo: interfaces.lo };
    now = 1_500;
    expect(hosts.allows('10.1.2.4')).toBe(false);
  });
});
