import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedShop, startTestApi, type TestApi } from '../support/api-harness';
import { startServer, type RunningServer } from '../support/server';
import { SESSION_IDLE_MS } from '../../src/main/core/users';

let t: TestApi | undefined;
let server: RunningServer | undefined;
afterEach(async () => {
  await t?.close();
  await server?.stop();
  t = server = undefined;
});

describe('browser mode on a LAN', () => {
  it('binds 127.0.0.1 unless --host is given', async () => {
    server = await startServer();
    expect(server.output()).toContain('listening on http://127.0.0.1:');
  });

  it('refuses a non-loopback host until the shop is set up', () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'kasir-lan-')), 'kasir.db');
    const run = spawnSync(process.execPath, [resolve('out/main/serve.js'), '--db', dbPath, '--port', '0', '--host', '0.0.0.0'], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Refusing to listen on 0.0.0.0 before the shop is set up');
  });

  it('serves the UI with a CSP and no framing, and sends no CORS headers', async () => {
    server = await startServer();
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const api = await fetch(`${server.url}/api/setup.status`, { method: 'POST', body: '{}', headers: { Origin: server.url } });
    expect(api.status).toBe(200);
    expect(api.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${server.url}/api/auth.login`, { method: 'OPTIONS', headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.status).toBeGreaterThanOrEqual(400);
  });
});

describe('sessions and logins', () => {
  it('refuses API calls from another origin', async () => {
    t = await startTestApi();
    const r = await fetch(`${t.url}/api/setup.init`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Origin: 'http://192.0.2.7:3000' },
      body: JSON.stringify({ shopName: 'Pwned', admin: { name: 'X', username: 'evil', pin: '1234' } }),
    });
    expect(r.status).toBe(403);
    expect((await t.api('setup.status')).body.initialized).toBe(false);
  });

  it('ends a session after 12 idle hours, and keeps one that is used', async () => {
    t = await startTestApi();
    const s = await seedShop(t);
    t.clock.advance(SESSION_IDLE_MS - 60_000);
    expect((await t.api('auth.me', {}, s.cashier)).status).toBe(200); // used: the idle clock restarts
    t.clock.advance(SESSION_IDLE_MS - 60_000);
    expect((await t.api('auth.me', {}, s.cashier)).status).toBe(200);
    expect((await t.api('auth.me', {}, s.manager)).body.error.code).toBe('UNAUTHENTICATED'); // idle all along
    t.clock.advance(SESSION_IDLE_MS + 1);
    expect((await t.api('auth.me', {}, s.cashier)).body.error.code).toBe('UNAUTHENTICATED');
  });

  it('rate-limits failed logins per address, across usernames', async () => {
    t = await startTestApi();
    await seedShop(t);
    const users = ['admin', 'manajer', 'kasir', 'nobody'];
    for (let i = 0; i < 20; i++) {
      const r = await t.api('auth.login', { username: users[i % users.length], pin: '9999' });
      expect(r.body.error.code).toBe('UNAUTHENTICATED');
    }
    const blocked = await t.api('auth.login', { username: 'kasir', pin: '1111' });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('RATE_LIMITED');
    t.clock.advance(5 * 60_000 + 1);
    expect((await t.api('auth.login', { username: 'kasir', pin: '1111' })).status).toBe(200);
  });
});
