/**
 * The host's rules for tills whose printer is at the till's own PC (issue
 * 18), on a real SQLite file and a real HTTP server with pairing on, the
 * fixed clock moved by hand: the host never sends such a till's jobs (even
 * to a printer it could reach), claims and reports are the claiming agent's,
 * a failed job comes back as a copy without the drawer pulse, a late report
 * of a claim that ran out is refused, and the in-process `startTillAgent`
 * prints on the fake printer and stops cleanly.
 * The till agent across real network boundaries: test/tills/till-printer.test.ts.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../src/main/api/http';
import { parsePrinter, startTillAgent } from '../../src/main/till-agent/agent';
import { deviceCall, seedShop, startTestApi, type Seeded, type TestApi } from '../support/api-harness';
import { decodeEscPos } from '../support/escpos-decode';
import { startFakePrinter, type FakePrinter } from '../support/fake-printer';

let t: TestApi;
let s: Seeded;
let lan: Server;
let lanUrl: string;
let printer: FakePrinter;
let k2 = '';
let k2Cashier = '';

/** A call as a till on the LAN makes it (see `deviceCall`). */
const lanCall = (name: string, input: unknown, credential: string, token?: string) => deviceCall(lanUrl, name, input, credential, token);

const row = (id: number) =>
  t.app.db.$client.prepare('SELECT status, copy, attempts, claimed_by AS claimedBy FROM print_jobs WHERE id = ?').get(id) as { status: string; copy: number; attempts: number; claimedBy: string | null };

async function sale(key: string): Promise<{ number: string; printJob: { id: number } }> {
  const r = await lanCall('sales.checkout', { clientRequestId: key, lines: [{ productId: s.meteId, qty: 1 }], payments: [{ method: 'cash', amount: 50_000 }] }, k2, k2Cashier);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

beforeEach(async () => {
  t = await startTestApi({ tillAgents: { claimTimeoutMs: 60_000, reportStaleMs: 5_000 } });
  s = await seedShop(t);
  printer = await startFakePrinter();
  lan = createHttpServer(t.app, { pairing: true });
  await new Promise<void>((r) => lan.listen(0, '127.0.0.1', r));
  lanUrl = `http://127.0.0.1:${(lan.address() as AddressInfo).port}`;
  const request = await lanCall('pairing.request', { deviceName: 'PC K2' }, '');
  await t.api('devices.approve', { code: request.body.code, tillCode: 'K2' }, s.manager);
  k2 = request.body.credential;
  k2Cashier = (await lanCall('auth.login', { username: 'kasir', pin: '1111', tillCode: 'K1' }, k2)).body.token;
  const admin = (await lanCall('auth.login', { username: 'admin', pin: '123456', tillCode: 'K1' }, k2)).body.token;
  // The host could reach this printer; the setting says it is at the till's PC all the same.
  const set = await lanCall('printers.set', { transport: { type: 'network', host: '127.0.0.1', port: printer.port }, columns: 32, location: 'till' }, k2, admin);
  expect(set.body.location).toBe('till');
  await lanCall('shifts.open', { openingFloat: 100_000 }, k2, k2Cashier);
});

afterEach(async () => {
  lan.closeAllConnections();
  await new Promise<void>((r) => lan.close(() => r()));
  await printer.close();
  await t.close();
});

describe('the host and the till agents', () => {
  it('never sends such a till\'s jobs itself, also not on retry or at start-up; the job waits for a claim', async () => {
    const { printJob } = await sale('k2-sale-000001');
    await t.app.print.idle();
    expect(row(printJob.id)).toMatchObject({ status: 'pending', attempts: 0, claimedBy: null });
    // A restart's recovery leaves it waiting (it was never sent), unlike a host printer's job.
    expect(t.app.print.recoverInterrupted()).toBe(0);
    expect(row(printJob.id).status).toBe('pending');
    expect(printer.connectionCount()).toBe(0);
    expect((await lanCall('printers.status', {}, k2, k2Cashier)).body).toMatchObject({ state: 'offline', message: expect.stringContaining('tidak melapor') });
  });

  it('gives the claim to one agent; a failed job comes back, after retry, as a copy without the pulse', async () => {
    const { number, printJob } = await sale('k2-sale-000002');
    const first = await lanCall('tillPrint.claim', { agentId: 'agent-one-1' }, k2);
    expect(first.body.location).toBe('till');
    expect(first.body.jobs.map((j: { id: number }) => j.id)).toEqual([printJob.id]);
    const firstBytes = decodeEscPos(Buffer.from(first.body.jobs[0].bytes, 'base64'), { columns: 32 });
    expect(firstBytes.lines.join('\n')).toContain(number);
    expect(firstBytes.drawerPulses).toBe(1);
    expect(first.body.jobs[0].copy).toBe(false);
    // Nobody else gets it, nor may report it.
    expect((await lanCall('tillPrint.claim', { agentId: 'agent-two-2' }, k2)).body.jobs).toEqual([]);
    expect((await lanCall('tillPrint.report', { agentId: 'agent-two-2', id: printJob.id, printed: true }, k2)).body).toEqual({ accepted: false });
    // The owner reports paper out: failed, with the reason; the cashier retries it.
    const failed = await lanCall('tillPrint.report', { agentId: 'agent-one-1', id: printJob.id, printed: false, message: 'Kertas printer habis. Ganti gulungan kertas.' }, k2);
    expect(failed.body).toEqual({ accepted: true });
    expect(row(printJob.id)).toMatchObject({ status: 'failed', attempts: 1, claimedBy: null });
    expect((await lanCall('printing.retry', { id: printJob.id }, k2, k2Cashier)).status).toBe(200);
    await t.app.print.idle();
    expect(printer.connectionCount()).toBe(0);
    const again = await lanCall('tillPrint.claim', { agentId: 'agent-two-2' }, k2);
    const copy = decodeEscPos(Buffer.from(again.body.jobs[0].bytes, 'base64'), { columns: 32 });
    expect(again.body.jobs[0]).toMatchObject({ id: printJob.id, copy: true });
    expect(copy.lines.join('\n')).toContain('SALINAN');
    expect(copy.drawerPulses).toBe(0);
    expect((await lanCall('tillPrint.report', { agentId: 'agent-two-2', id: printJob.id, printed: true }, k2)).body).toEqual({ accepted: true });
    expect(row(printJob.id)).toMatchObject({ status: 'printed', copy: 1, attempts: 2 });
  });

  it("refuses the late report of a claim that ran out; the claim's agent kept calling keeps it", async () => {
    const { printJob } = await sale('k2-sale-000003');
    await lanCall('tillPrint.claim', { agentId: 'agent-slow-1' }, k2);
    // Still reporting: the claim holds however long the job takes.
    t.clock.advance(50_000);
    await lanCall('tillPrint.status', { agentId: 'agent-slow-1', status: { online: true, coverOpen: false, paperNearEnd: false, paperOut: false } }, k2);
    t.clock.advance(50_000);
    await t.api('printing.jobs', { tillCode: 'K2' }, s.manager);
    expect(row(printJob.id).claimedBy).toBe('agent-slow-1');
    // Silent for longer than the timeout: back in the queue, as a copy.
    t.clock.advance(60_001);
    await t.api('printing.jobs', { tillCode: 'K2' }, s.manager);
    expect(row(printJob.id)).toMatchObject({ status: 'pending', claimedBy: null, copy: 1 });
    expect((await lanCall('tillPrint.report', { agentId: 'agent-slow-1', id: printJob.id, printed: true }, k2)).body).toEqual({ accepted: false });
    expect(row(printJob.id).status).toBe('pending');
  });

  it.each(['its own transport', 'the host-setting transport'])('startTillAgent with %s prints the receipt, reports it and the printer state, and stops', async (which) => {
    const events: string[] = [];
    const transport = which === 'its own transport' ? parsePrinter(`tcp://127.0.0.1:${printer.port}`) : 'host-setting';
    const agent = startTillAgent({ hostUrl: lanUrl, credential: k2, transport, pollMs: 100, statusMs: 100, onEvent: (e) => events.push(e.type) });
    try {
      const { number, printJob } = await sale(`k2-sale-${which.length}-0004`);
      const [job] = await printer.waitForJobs(1, 10_000);
      expect(decodeEscPos(job!, { columns: 32 }).lines.join('\n')).toContain(number);
      await expect.poll(() => row(printJob.id).status, { timeout: 10_000 }).toBe('printed');
      await expect.poll(async () => (await lanCall('printers.status', {}, k2, k2Cashier)).body.state, { timeout: 10_000 }).toBe('ok');
      expect(agent.status()).toMatchObject({ running: true, location: 'till', hostReachable: true, printed: 1, failed: 0, printer: { state: 'ok' } });
      expect(events).toContain('printed');
    } finally {
      await agent.stop();
    }
    expect(agent.status().running).toBe(false);
  });

  it('keeps a result the host did not take and sends it before the next claim: printed once', async () => {
    let dropped = 0;
    // The network drops the first report on its way (the host never sees it).
    const flaky: typeof fetch = async (url, init) => {
      if (String(url).endsWith('/tillPrint.report') && dropped++ === 0) throw new TypeError('fetch failed');
      return fetch(url, init);
    };
    const agent = startTillAgent({ hostUrl: lanUrl, credential: k2, transport: 'host-setting', pollMs: 100, statusMs: 100, fetch: flaky });
    try {
      const { printJob } = await sale('k2-sale-000005');
      await expect.poll(() => row(printJob.id).status, { timeout: 10_000 }).toBe('printed');
      expect(dropped).toBeGreaterThanOrEqual(2);
      expect(row(printJob.id)).toMatchObject({ attempts: 1, copy: 0 });
      expect(printer.jobs()).toHaveLength(1);
    } finally {
      await agent.stop();
    }
  });

  it('a claimed drawer pulse that runs out fails (never sent again); moving the printer back to the host sends the waiting receipt', async () => {
    const drawer = await lanCall('drawer.open', { reason: 'tukar uang' }, k2, (await lanCall('auth.login', { username: 'manajer', pin: '2222', tillCode: 'K1' }, k2)).body.token);
    expect(drawer.status, JSON.stringify(drawer.body)).toBe(200);
    const claim = await lanCall('tillPrint.claim', { agentId: 'agent-gone-1' }, k2);
    const drawerJob = claim.body.jobs.find((j: { kind: string }) => j.kind === 'drawer');
    expect(decodeEscPos(Buffer.from(drawerJob.bytes, 'base64')).drawerPulses).toBe(1);
    t.clock.advance(60_001);
    await t.api('printing.jobs', { tillCode: 'K2' }, s.manager);
    expect(row(drawerJob.id)).toMatchObject({ status: 'failed', claimedBy: null });

    const { number, printJob } = await sale('k2-sale-000006');
    expect(row(printJob.id).status).toBe('pending');
    const admin = (await lanCall('auth.login', { username: 'admin', pin: '123456', tillCode: 'K1' }, k2)).body.token;
    await lanCall('printers.set', { transport: { type: 'network', host: '127.0.0.1', port: printer.port }, columns: 32, location: 'host' }, k2, admin);
    const [job] = await printer.waitForJobs(1, 10_000);
    const first = decodeEscPos(job!, { columns: 32 });
    expect(first.lines.join('\n')).toContain(number);
    expect(first.drawerPulses).toBe(1);
    await t.app.print.idle();
    expect(row(printJob.id)).toMatchObject({ status: 'printed', copy: 0 });
  });

  it('an agent without a paired credential gets nothing', async () => {
    const refused = await lanCall('tillPrint.claim', { agentId: 'agent-nobody' }, 'not-a-credential');
    expect(refused.status).toBe(401);
    expect(parsePrinter('usb:04b8:0202')).toEqual({ type: 'usb', vendorId: 0x04b8, productId: 0x0202 });
    expect(parsePrinter('serial:COM3@19200')).toEqual({ type: 'serial', path: 'COM3', baudRate: 19200 });
    expect(() => parsePrinter('lpt1')).toThrow(/--printer/);
  });
});
