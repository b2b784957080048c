/**
 * A till whose printer is plugged into the till's own PC (issue 18): the
 * host keeps the till's jobs, the till agent (a separate process, the CLI of
 * src/main/till-agent) claims them with the paired device's credential,
 * prints them on a printer only it reaches, and reports results and the
 * printer's status back.
 *
 * Where the printer is (test/support/till-printer-place.ts): inside a
 * network namespace made by this test where `ip netns` is allowed, otherwise
 * a printer that resets every peer but the agent's own source address. The
 * mode that ran is printed and checked below.
 *
 * A real host: the app on a SQLite file, a running clock, its LAN server with
 * pairing on, a short claim timeout (1.5 s) so a vanished agent's claim runs
 * out within the test.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../src/main/api/http';
import { createTransport } from '../../src/main/printing/transports';
import { ABANDONED_REASON } from '../../src/main/services/till-agents';
import { deviceCall, seedShop, startTestApi, T0, type Seeded, type TestApi } from '../support/api-harness';
import { decodeEscPos } from '../support/escpos-decode';
import { canMakeNetns, startTillPrinterPlace, type AgentProcess, type TillPrinterPlace } from '../support/till-printer-place';

let t: TestApi;
let s: Seeded;
let place: TillPrinterPlace;
let lan: Server;
let lanUrl: string;
const agents: AgentProcess[] = [];
const device: Record<'K2' | 'K3', string> = { K2: '', K3: '' };
const session: Record<'K2' | 'K3' | 'admin2', string> = { K2: '', K3: '', admin2: '' };
let credentialFile = '';

/** A call as a till on the LAN makes it (see `deviceCall`). */
const lanCall = (name: string, input: unknown, credential: string, token?: string) => deviceCall(lanUrl, name, input, credential, token);

async function pair(tillCode: 'K2' | 'K3'): Promise<string> {
  const request = await lanCall('pairing.request', { deviceName: `PC ${tillCode}` }, '');
  expect((await t.api('devices.approve', { code: request.body.code, tillCode }, s.manager)).status).toBe(200);
  return request.body.credential as string;
}

const row = (id: number) =>
  t.app.db.$client.prepare('SELECT status, copy, attempts, claimed_by AS claimedBy, last_error AS lastError FROM print_jobs WHERE id = ?').get(id) as {
    status: string;
    copy: number;
    attempts: number;
    claimedBy: string | null;
    lastError: string | null;
  };

/** Poll `check` until it returns a value (not undefined); fail after `ms`. */
async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function startAgent(extra: string[] = []): Promise<AgentProcess> {
  const args = ['--host', lanUrl, '--credential-file', credentialFile, '--printer', `tcp://${place.printer.host}:${place.printer.port}`, '--poll-ms', '200', '--status-ms', '300', ...extra];
  const agent = await place.startAgent(args);
  agents.push(agent);
  return agent;
}

async function cashSale(key: string): Promise<{ id: number; number: string; total: number; printJob: { id: number } }> {
  const r = await lanCall('sales.checkout', { clientRequestId: key, lines: [{ productId: s.meteId, qty: 1 }], payments: [{ method: 'cash', amount: 100_000 }] }, device.K2, session.K2);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

beforeAll(async () => {
  place = await startTillPrinterPlace();
  console.info(`till-printer: the till's printer is placed by ${place.mode}`);
  // The shop's usual day (T0), with time running: claims and reports age in real time.
  const started = Date.now();
  t = await startTestApi({ appClock: { now: () => T0 + (Date.now() - started) }, tillAgents: { claimTimeoutMs: 1500, reportStaleMs: 2500 } });
  s = await seedShop(t);
  // The host's LAN side, as host mode serves it: pairing on.
  lan = createHttpServer(t.app, { pairing: true });
  await new Promise<void>((r) => lan.listen(0, place.hostIp, r));
  lanUrl = `http://${place.hostIp}:${(lan.address() as AddressInfo).port}`;
  device.K2 = await pair('K2');
  device.K3 = await pair('K3');
  credentialFile = join(mkdtempSync(join(tmpdir(), 'kasir-agent-')), 'credential.txt');
  writeFileSync(credentialFile, `${device.K2}\n`);
  session.K2 = (await lanCall('auth.login', { username: 'kasir', pin: '1111', tillCode: 'K1' }, device.K2)).body.token;
  session.admin2 = (await lanCall('auth.login', { username: 'admin', pin: '123456', tillCode: 'K1' }, device.K2)).body.token;
  await t.api('users.create', { name: 'La Ode Kasir', username: 'kasir3', role: 'cashier', pin: '3333' }, s.admin);
  session.K3 = (await lanCall('auth.login', { username: 'kasir3', pin: '3333', tillCode: 'K1' }, device.K3)).body.token;
  expect((await lanCall('shifts.open', { openingFloat: 100_000 }, device.K2, session.K2)).status).toBe(200);
}, 60_000);

afterAll(async () => {
  for (const agent of agents) await agent.kill('SIGKILL');
  await new Promise<void>((r) => (lan ? lan.close(() => r()) : r()));
  lan?.closeAllConnections();
  await t?.close();
  await place?.close();
});

describe(`a till with its own printer`, () => {
  it('runs with the printer placed where only the till reaches it', () => {
    // Which one ran is printed above ("placed by netns" / "placed by source-address").
    expect(['netns', 'source-address']).toContain(place.mode);
    if (place.mode === 'source-address') expect(process.env.KASIR_TILL_PRINTER_PLACE === 'source-address' || !canMakeNetns()).toBe(true);
  });

  it("is set on K2 as at the till's PC; the host cannot reach that printer and never sends K2's jobs", async () => {
    const transport = { type: 'network' as const, host: place.printer.host, port: place.printer.port };
    const set = await lanCall('printers.set', { transport, columns: 32, location: 'till' }, device.K2, session.admin2);
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toEqual({ transport, columns: 32, location: 'till' });

    // The host's own transport attempt at the same address fails, and nothing reaches the printer.
    const fromHost = createTransport(transport, { connectTimeoutMs: 1000, statusTimeoutMs: 500 });
    await expect(fromHost.send(Uint8Array.of(0x1b, 0x40, 0x41, 0x0a))).rejects.toThrow(/Printer 127\.0\.0\.1/);
    expect(await fromHost.status()).toBeNull();
    expect(await place.connections()).toBe(0);

    // With no agent running, a sale's receipt waits on the host: pending, unclaimed, not failed.
    const sale = await cashSale('k2-sale-000001');
    await t.app.print.idle();
    expect(row(sale.printJob.id)).toMatchObject({ status: 'pending', attempts: 0, claimedBy: null });
    expect(await place.connections()).toBe(0);
    // The banner says the till's printer is not reporting.
    expect((await lanCall('printers.status', {}, device.K2, session.K2)).body).toMatchObject({ state: 'offline', message: expect.stringContaining('tidak melapor') });
  });

  it("the till agent prints the sale's receipt (with the drawer pulse of a first send) and reports it", async () => {
    const jobId = (t.app.db.$client.prepare("SELECT id FROM print_jobs WHERE till_code = 'K2' ORDER BY id DESC").get() as { id: number }).id;
    const sale = t.app.db.$client.prepare('SELECT number, total FROM sales ORDER BY id DESC').get() as { number: string; total: number };
    await startAgent();
    const [job] = await until('the receipt on the till printer', async () => ((await place.jobs()).length > 0 ? place.jobs() : undefined));
    const decoded = decodeEscPos(job!, { columns: 32 });
    const text = decoded.lines.join('\n');
    expect(text).toContain(sale.number);
    expect(text).toMatch(/TOTAL\s+Rp\s50\.000/);
    expect(text).not.toContain('SALINAN');
    expect(decoded.drawerPulses).toBe(1);
    await until('printed on the host', () => (row(jobId).status === 'printed' ? true : undefined));
    expect(row(jobId)).toMatchObject({ status: 'printed', copy: 0, attempts: 1, claimedBy: null });
    const jobs = await lanCall('printing.jobs', {}, device.K2, session.K2);
    expect(jobs.body.find((j: { id: number }) => j.id === jobId)).toMatchObject({ status: 'printed', tillCode: 'K2' });
  });

  it("shows the till printer's paper-out in the host's banner within 2 s, and its return", async () => {
    const banner = async () => (await lanCall('printers.status', {}, device.K2, session.K2)).body as { state: string };
    await until('banner ok', async () => ((await banner()).state === 'ok' ? true : undefined));
    await place.setState('paperOut');
    const since = Date.now();
    const seen = await until('paper-out in the banner', async () => ((await banner()).state === 'paperOut' ? Date.now() - since : undefined), 5000);
    expect(seen).toBeLessThan(2000);
    expect((await banner()).state).toBe('paperOut');
    await place.setState('online');
    await until('banner ok again', async () => ((await banner()).state === 'ok' ? true : undefined));
  });

  it("keeps K2's jobs K2's: another till's cashier and device cannot see, claim, report or retry them; a manager sees them", async () => {
    const jobId = (t.app.db.$client.prepare("SELECT id FROM print_jobs WHERE till_code = 'K2' ORDER BY id DESC").get() as { id: number }).id;
    const k3Jobs = await lanCall('printing.jobs', {}, device.K3, session.K3);
    expect(k3Jobs.status).toBe(200);
    expect(k3Jobs.body.every((j: { tillCode: string }) => j.tillCode === 'K3')).toBe(true);
    expect((await lanCall('printing.jobs', { tillCode: 'K2' }, device.K3, session.K3)).status).toBe(403);
    expect((await lanCall('printing.retry', { id: jobId }, device.K3, session.K3)).status).toBe(404);
    // K3's device, even with its printer at its own PC too, claims only K3's jobs.
    const k3Admin = (await lanCall('auth.login', { username: 'admin', pin: '123456', tillCode: 'K1' }, device.K3)).body.token;
    await lanCall('printers.set', { transport: { type: 'none' }, columns: 32, location: 'till' }, device.K3, k3Admin);
    const before = await lanCall('sales.checkout', { clientRequestId: 'k2-sale-000002', lines: [{ productId: s.meteId, qty: 1 }], payments: [{ method: 'qris', amount: 50_000 }] }, device.K2, session.K2);
    const claim = await lanCall('tillPrint.claim', { agentId: 'till-k3-agent' }, device.K3);
    expect(claim).toMatchObject({ status: 200, body: { location: 'till', jobs: [] } });
    expect((await lanCall('tillPrint.report', { agentId: 'till-k3-agent', id: jobId, printed: true }, device.K3)).status).toBe(404);
    // Without a paired device's credential: no claim at all, whatever the session.
    const noDevice = await fetch(`${t.url}/api/tillPrint.claim`, { method: 'POST', headers: { Authorization: `Bearer ${s.manager}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ agentId: 'someone-else' }) });
    expect(noDevice.status).toBe(401);
    // A manager sees K2's jobs from any till.
    const managerView = await t.api('printing.jobs', { tillCode: 'K2' }, s.manager);
    expect(managerView.body.map((j: { id: number }) => j.id)).toContain(jobId);
    // K2's agent prints the new sale's receipt (the K3 claim did not take it).
    await until('second receipt printed', () => (row(before.body.printJob.id).status === 'printed' ? true : undefined));
  });

  it('a job claimed by an agent that is killed goes back to the queue after the timeout and reprints as a copy, without the drawer pulse', async () => {
    for (const agent of agents.splice(0)) await agent.kill('SIGTERM');
    // A printer that stopped answering: the next agent claims the job and waits for the printer's status.
    await place.setState('silent');
    const printedBefore = (await place.jobs()).length;
    const stuck = await startAgent(['--status-timeout-ms', '60000']);
    const sale = await cashSale('k2-sale-000003');
    const jobId = sale.printJob.id;
    await until('claimed by the agent', () => (row(jobId).claimedBy === stuck.agentId ? true : undefined));
    await stuck.kill('SIGKILL');
    expect(row(jobId)).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await place.jobs()).length).toBe(printedBefore);
    // After the claim timeout the job is back in the queue, marked as a copy (the manager's list runs the check).
    await until('back in the queue', async () => {
      await t.api('printing.jobs', { tillCode: 'K2' }, s.manager);
      return row(jobId).claimedBy === null ? true : undefined;
    });
    expect(row(jobId)).toMatchObject({ status: 'pending', copy: 1, lastError: ABANDONED_REASON });

    await place.setState('online');
    await startAgent();
    const jobs = await until('the reprint', async () => {
      const all = await place.jobs();
      return all.length > printedBefore ? all : undefined;
    });
    const reprint = decodeEscPos(jobs[jobs.length - 1]!, { columns: 32 });
    const text = reprint.lines.join('\n');
    expect(text).toContain(sale.number);
    expect(text).toContain('SALINAN');
    expect(reprint.drawerPulses).toBe(0);
    await until('reprint reported', () => (row(jobId).status === 'printed' ? true : undefined));
    expect(row(jobId)).toMatchObject({ status: 'printed', copy: 1, attempts: 2, claimedBy: null });
  });

  it('says the till printer is not reporting once its agent is gone', async () => {
    for (const agent of agents.splice(0)) await agent.kill('SIGKILL');
    const state = await until('banner offline', async () => {
      const body = (await lanCall('printers.status', {}, device.K2, session.K2)).body as { state: string };
      return body.state === 'offline' ? body : undefined;
    });
    expect(state).toMatchObject({ state: 'offline', message: expect.stringContaining('tidak melapor') });
  });
});
