/**
 * The host and a till on real, different addresses (issue 17): a network
 * namespace made by the test, joined to this one by a veth pair with
 * addresses of the test's choosing (10.217.x.1 here, 10.217.x.2 there). The
 * till in the namespace is a separate process. Skipped, saying so, where the
 * machine does not allow `ip netns` (then test/e2e/host-tills.spec.ts and
 * test/tills/host-mode.test.ts cover the same on 127.0.0.1).
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostMode } from '../../src/main/host-mode';
import { seedShop, startTestApi, type Seeded, type TestApi } from '../support/api-harness';

const NS = `kasir-t${process.pid}`;
const SUBNET = 10 + (process.pid % 200);
const HOST_IP = `10.217.${SUBNET}.1`;
const TILL_IP = `10.217.${SUBNET}.2`;
const VETH = `kt${process.pid % 100000}`;

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: 'pipe' });
}

let netnsOk = false;
try {
  ip('netns', 'add', NS);
  netnsOk = true;
} catch (err) {
  console.warn(`lan-netns: ip netns not allowed here, skipped: ${String(err).split('\n')[0]}`);
}

/** An HTTP call made from inside the namespace, by another process: what a till PC on the LAN does. */
async function fromTill(url: string, body: unknown = {}, headers: Record<string, string> = {}): Promise<{ status: number | 'refused' | 'timeout'; body: any }> {
  const script = `
    fetch(${JSON.stringify(url)}, { method: 'POST', signal: AbortSignal.timeout(5000), headers: ${JSON.stringify({ 'Content-Type': 'application/json', ...headers })}, body: ${JSON.stringify(JSON.stringify(body))} })
      .then(async (r) => console.log(JSON.stringify({ status: r.status, body: await r.json().catch(() => null) })))
      .catch((e) => console.log(JSON.stringify({ status: e.name === 'TimeoutError' ? 'timeout' : 'refused', body: String(e.cause ?? e) })));`;
  // Asynchronous: the host answering is this very process.
  const run = await promisify(execFile)('ip', ['netns', 'exec', NS, process.execPath, '-e', script], { encoding: 'utf8', timeout: 20_000 });
  return JSON.parse(run.stdout.trim());
}

let t: TestApi;
let s: Seeded;
let hostMode: HostMode;

describe.skipIf(!netnsOk)('host mode across real addresses (network namespace)', () => {
  beforeAll(async () => {
    ip('link', 'add', VETH, 'type', 'veth', 'peer', 'name', `${VETH}p`);
    ip('link', 'set', `${VETH}p`, 'netns', NS);
    ip('addr', 'add', `${HOST_IP}/24`, 'dev', VETH);
    ip('link', 'set', VETH, 'up');
    ip('netns', 'exec', NS, 'ip', 'addr', 'add', `${TILL_IP}/24`, 'dev', `${VETH}p`);
    ip('netns', 'exec', NS, 'ip', 'link', 'set', `${VETH}p`, 'up');
    ip('netns', 'exec', NS, 'ip', 'link', 'set', 'lo', 'up');
    t = await startTestApi();
    s = await seedShop(t);
    // The new link takes a moment to carry packets: wait until the till's side gets an answer (here: refused).
    for (let i = 0; i < 10 && (await fromTill(`http://${HOST_IP}:${new URL(t.url).port}/`)).status === 'timeout'; i++);
  });
  afterAll(async () => {
    await hostMode?.stop();
    await t?.close();
    try {
      ip('link', 'del', VETH);
    } catch {
      /* gone with the namespace */
    }
    ip('netns', 'del', NS);
  });

  it('nothing answers the LAN until host mode is on; then a till there must pair, and logs in on its own till', async () => {
    // The harness's own server is on 127.0.0.1 only: the till's address cannot reach it.
    const harnessPort = new URL(t.url).port;
    expect((await fromTill(`http://${HOST_IP}:${harnessPort}/api/setup.status`)).status).toBe('refused');

    hostMode = new HostMode(t.app); // all interfaces, as in the desktop app
    t.app.hostMode = hostMode;
    const port = 20_000 + (process.pid % 20_000);
    expect((await fromTill(`http://${HOST_IP}:${port}/api/setup.status`)).status).toBe('refused');
    const on = await t.api('hostMode.configure', { enabled: true, port }, s.admin);
    expect(on.body).toMatchObject({ listening: true, error: null });
    expect(on.body.urls).toContain(`http://${HOST_IP}:${port}/`);

    // From the till's address: an unpaired device reaches nothing but pairing.
    const base = `http://${HOST_IP}:${port}/api`;
    const refused = await fromTill(`${base}/auth.login`, { username: 'kasir', pin: '1111', tillCode: 'K1' });
    expect(refused).toMatchObject({ status: 401, body: { error: { details: { pairing: 'unpaired' } } } });
    const pairing = await fromTill(`${base}/pairing.request`, { deviceName: 'Kasir pintu' });
    expect(pairing.status).toBe(200);
    const device = { 'X-Kasir-Device': pairing.body.credential as string };
    expect((await t.api('devices.approve', { code: pairing.body.code, tillCode: 'K2' }, s.manager)).status).toBe(200);
    const login = await fromTill(`${base}/auth.login`, { username: 'kasir', pin: '1111', tillCode: 'K1' }, device);
    expect(login).toMatchObject({ status: 200, body: { tillCode: 'K2' } });
    const list = (await t.api('devices.list', {}, s.manager)).body;
    expect(list[0]).toMatchObject({ tillCode: 'K2', lastAddress: expect.stringContaining(TILL_IP) });

    // On the host PC itself (loopback, no credential) the caller is the host's till K1.
    const local = await fetch(`http://127.0.0.1:${port}/api/auth.login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'kasir', pin: '1111', tillCode: 'K5' }),
    });
    expect(((await local.json()) as { tillCode: string }).tillCode).toBe('K1');

    // Off again: the till's address gets nothing.
    await t.api('hostMode.configure', { enabled: false, port }, s.admin);
    expect((await fromTill(`${base}/pairing.status`)).status).toBe('refused');
  });
});

