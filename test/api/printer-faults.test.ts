import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedShop, startTestApi, type Seeded, type TestApi } from '../support/api-harness';
import { startFakePrinter, type FakePrinter } from '../support/fake-printer';
import { decodeEscPos } from '../support/escpos-decode';

let t: TestApi;
let s: Seeded;
let printer: FakePrinter;
let stopRetry: () => void;

beforeEach(async () => {
  t = await startTestApi();
  s = await seedShop(t);
  printer = await startFakePrinter();
  await t.api('printers.set', { transport: { type: 'network', host: '127.0.0.1', port: printer.port }, columns: 32 }, s.admin);
  stopRetry = t.app.print.startAutoRetry(150);
});
afterEach(async () => {
  stopRetry();
  await t.close();
  await printer.close();
});

let n = 0;
const sell = () =>
  t.api('sales.checkout', { clientRequestId: `fault-${++n}-${Date.now()}`, lines: [{ productId: s.tenunId, qty: 1 }], payments: [{ method: 'cash', amount: 350_000 }] }, s.cashier);

async function jobWhen(id: number, predicate: (job: any) => boolean, timeoutMs = 8000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const job = (await t.api('printing.jobs', {}, s.cashier)).body.find((j: { id: number }) => j.id === id);
    if (job && predicate(job)) return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${id} did not reach the expected state`);
}

describe('printer faults never block selling', () => {
  it('paper out: nothing is sent, the job fails with a clear message, and prints by itself when paper is back', async () => {
    await printer.setState('paperOut');
    expect((await t.api('printers.status', {}, s.cashier)).body).toMatchObject({ state: 'paperOut', message: expect.stringContaining('Kertas printer habis') });
    const sale = await sell();
    expect(sale.status).toBe(200);
    const failed = await jobWhen(sale.body.printJob.id, (j) => j.status === 'failed');
    expect(failed.lastError).toContain('Kertas printer habis');
    expect(printer.jobs()).toHaveLength(0);
    expect((await t.api('printers.status', {}, s.cashier)).body.failedJobs).toBe(1);
    // Selling continues.
    expect((await sell()).status).toBe(200);

    await printer.setState('online');
    await jobWhen(sale.body.printJob.id, (j) => j.status === 'printed');
    const texts = (await printer.waitForJobs(2, 8000)).map((b) => decodeEscPos(b).lines.join('\n'));
    expect(texts.some((x) => x.includes(sale.body.number))).toBe(true);
    expect((await t.api('printers.status', {}, s.cashier)).body).toMatchObject({ state: 'ok', failedJobs: 0 });
  });

  it('offline and refused connections fail the job; it is retried automatically when the printer answers', async () => {
    await printer.setState('offline');
    const a = await sell();
    expect((await jobWhen(a.body.printJob.id, (j) => j.status === 'failed')).lastError).toContain('offline');
    await printer.setState('refused');
    expect((await t.api('printers.status', {}, s.cashier)).body.state).toBe('unknown');
    const b = await sell();
    await jobWhen(b.body.printJob.id, (j) => j.status === 'failed');
    expect(printer.jobs()).toHaveLength(0);
    await printer.setState('online');
    await jobWhen(a.body.printJob.id, (j) => j.status === 'printed');
    await jobWhen(b.body.printJob.id, (j) => j.status === 'printed');
    const numbers = (await printer.waitForJobs(2, 8000)).map((bytes) => decodeEscPos(bytes).lines.join('\n'));
    expect(numbers[0]).toContain(a.body.number); // in order
    expect(numbers[1]).toContain(b.body.number);
  });

  it('a silent printer (no status replies) still gets the job', async () => {
    await printer.setState('silent');
    const sale = await sell();
    await jobWhen(sale.body.printJob.id, (j) => j.status === 'printed');
    expect(decodeEscPos((await printer.waitForJobs(1, 8000))[0]).lines.join('\n')).toContain(sale.body.number);
  });

  it('a job cannot be sent twice while it is still being sent', async () => {
    await printer.setState('silent'); // status waits for its timeout: the job stays pending a while
    const sale = await sell();
    const again = await t.api('printing.retry', { id: sale.body.printJob.id }, s.cashier);
    expect(again.body.error.code).toBe('CONFLICT');
    await jobWhen(sale.body.printJob.id, (j) => j.status === 'printed');
    await t.app.print.idle();
    expect(printer.jobs()).toHaveLength(1);
  });
});
