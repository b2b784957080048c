/**
 * A test print (`printers.test`, job kind `test`) means something only at
 * the moment it was asked for: it says which printer it was sent to. A failed
 * one is never sent again, neither by the queue's auto-retry (also not after
 * a restart found it interrupted) nor by hand (`printing.retry` answers
 * CONFLICT: print a new test), and it does not keep the till's banner red.
 * Real app, real SQLite file, real TCP: a closed port, then the fake printer.
 */
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INTERRUPTED_REASON } from '../../src/main/services/print-queue';
import { renderTestPage } from '../../src/main/printing/documents/test-page';
import { seedShop, startTestApi, type Seeded, type TestApi } from '../support/api-harness';
import { decodeEscPos } from '../support/escpos-decode';
import { startFakePrinter, type FakePrinter } from '../support/fake-printer';

let t: TestApi;
let s: Seeded;
let printer: FakePrinter;
let stopRetry: () => void = () => {};

beforeEach(async () => {
  t = await startTestApi();
  s = await seedShop(t);
  printer = await startFakePrinter();
});
afterEach(async () => {
  stopRetry();
  await t.close();
  await printer.close();
});

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

const row = (id: number) =>
  t.app.db.$client.prepare('SELECT kind, status, attempts, copy, last_error AS lastError FROM print_jobs WHERE id = ?').get(id) as {
    kind: string;
    status: string;
    attempts: number;
    copy: number;
    lastError: string | null;
  };

async function jobWhen(id: number, ok: (job: ReturnType<typeof row>) => boolean) {
  for (let i = 0; i < 400; i++) {
    const job = row(id);
    if (job && ok(job)) return job;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`job ${id} never reached the wanted state: ${JSON.stringify(row(id))}`);
}

const lines = (bytes: Buffer) => decodeEscPos(bytes, { columns: 32 }).lines;
const isTestPage = (bytes: Buffer) => lines(bytes).some((l) => l.includes('TES CETAK'));

describe('a failed test print', () => {
  it('is not re-sent by the auto-retry to the printer set after it, nor after a restart; the banner does not count it', async () => {
    // The manager's test print to a LAN printer on a wrong port fails.
    const wrongPort = await closedPort();
    expect((await t.api('printers.set', { transport: { type: 'network', host: '127.0.0.1', port: wrongPort }, columns: 32 }, s.admin)).status).toBe(200);
    const test = (await t.api('printers.test', {}, s.manager)).body;
    expect(test.kind).toBe('test');
    await jobWhen(test.id, (j) => j.status === 'failed');
    // A receipt fails on the same printer: the auto-retry must send this one (it shows the tick ran).
    const sale = await t.api('sales.checkout', { clientRequestId: 'test-print-0001', lines: [{ productId: s.meteId, qty: 1 }], payments: [{ method: 'cash', amount: 50_000 }] }, s.cashier);
    expect(sale.status).toBe(200);
    await jobWhen(sale.body.printJob.id, (j) => j.status === 'failed');
    // A test print a previous run left unfinished (the app stopped while it was on its way).
    const interrupted = t.app.print.record({
      kind: 'test',
      tillCode: 'K1',
      bytes: renderTestPage({ shopName: 'PLUT Sultra', tillCode: 'K1', config: { transport: { type: 'network', host: '127.0.0.1', port: wrongPort }, columns: 32 }, at: t.clock.now() }),
    });
    // The queue starts (as at start-up: what was left unfinished fails first) and retries by itself.
    stopRetry = t.app.print.startAutoRetry(50);
    expect(row(interrupted.id)).toMatchObject({ status: 'failed', lastError: INTERRUPTED_REASON });
    const bannerBefore = (await t.api('printers.status', {}, s.cashier)).body.failedJobs;

    // The port is corrected to the real printer and saved.
    expect((await t.api('printers.set', { transport: { type: 'network', host: '127.0.0.1', port: printer.port }, columns: 32 }, s.admin)).status).toBe(200);
    await printer.waitForJob((job) => lines(job).join('\n').includes(sale.body.number), 'the failed receipt, sent again by the auto-retry', 8000);
    await jobWhen(sale.body.printJob.id, (j) => j.status === 'printed');
    // A few more ticks.
    await new Promise((r) => setTimeout(r, 400));
    await t.app.print.idle();

    const printed = printer.jobs();
    for (const job of printed) expect(lines(job).every((l) => l.length <= 32)).toBe(true);
    expect(printed.filter(isTestPage).map((job) => lines(job).join("\n"))).toEqual([]);
    expect(printed.some((job) => lines(job).join('\n').includes(`127.0.0.1:${wrongPort}`))).toBe(false);
    expect(row(test.id)).toMatchObject({ status: 'failed', copy: 0 });
    expect(row(interrupted.id)).toMatchObject({ status: 'failed', attempts: 1, lastError: INTERRUPTED_REASON });
    // The till's banner: the failed receipt counted, the test print never; now nothing is left to retry.
    expect(bannerBefore).toBe(1);
    expect((await t.api('printers.status', {}, s.cashier)).body).toMatchObject({ state: 'ok', failedJobs: 0 });
  });

  it('cannot be retried by hand (CONFLICT, in Indonesian); a new test print goes to the printer now set', async () => {
    const wrongPort = await closedPort();
    await t.api('printers.set', { transport: { type: 'network', host: '127.0.0.1', port: wrongPort }, columns: 32 }, s.admin);
    const test = (await t.api('printers.test', {}, s.manager)).body;
    await jobWhen(test.id, (j) => j.status === 'failed');
    await t.api('printers.set', { transport: { type: 'network', host: '127.0.0.1', port: printer.port }, columns: 32 }, s.admin);

    for (const token of [s.manager, s.cashier]) {
      const retried = await t.api('printing.retry', { id: test.id }, token);
      expect(retried.status).toBe(409);
      expect(retried.body.error).toMatchObject({
        code: 'CONFLICT',
        message: 'Tes cetak tidak diulang: hasilnya hanya berlaku saat diminta. Cetak tes baru dari layar Printer.',
        details: { field: 'id', kind: 'test' },
      });
    }
    await t.app.print.idle();
    expect(printer.connectionCount()).toBe(0);
    expect(row(test.id)).toMatchObject({ status: 'failed', attempts: 1 });

    // What to do instead: a new test print, which names the printer set now and is no copy.
    const fresh = (await t.api('printers.test', {}, s.manager)).body;
    await jobWhen(fresh.id, (j) => j.status === 'printed');
    const [page] = await printer.waitForJobs(1);
    const decoded = decodeEscPos(page!, { columns: 32 });
    for (const line of decoded.styled) expect(line.width, line.text).toBeLessThanOrEqual(32);
    expect(decoded.lines.join('\n')).toContain(`Jaringan 127.0.0.1:${printer.port}`);
    expect(decoded.lines.join('\n')).not.toContain('SALINAN');
  });

  it('a skipped test print (no printer set yet) is not sent once a printer is set', async () => {
    const k2 = (await t.api('auth.login', { username: 'manajer', pin: '2222', tillCode: 'K2' })).body.token;
    const test = (await t.api('printers.test', {}, k2)).body;
    await jobWhen(test.id, (j) => j.status === 'skipped');
    const admin = (await t.api('auth.login', { username: 'admin', pin: '123456', tillCode: 'K2' })).body.token;
    await t.api('printers.set', { transport: { type: 'network', host: '127.0.0.1', port: printer.port }, columns: 32 }, admin);
    const retried = await t.api('printing.retry', { id: test.id }, k2);
    expect(retried.status).toBe(409);
    expect(retried.body.error.code).toBe('CONFLICT');
    await t.app.print.idle();
    expect(printer.connectionCount()).toBe(0);
  });
});
