import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedShop, snapshot, startTestApi, type Seeded, type TestApi } from '../support/api-harness';
import { startFakePrinter, type FakePrinter } from '../support/fake-printer';
import { decodeEscPos } from '../support/escpos-decode';

let t: TestApi;
let s: Seeded;
let printer: FakePrinter;

beforeEach(async () => {
  t = await startTestApi();
  s = await seedShop(t);
  printer = await startFakePrinter();
  const set = await t.api('printers.set', { transport: { type: 'network', host: '127.0.0.1', port: printer.port }, columns: 32 }, s.admin);
  expect(set.status).toBe(200);
});
afterEach(async () => {
  await t.close();
  await printer.close();
});

const sell = (clientRequestId: string, payments = [{ method: 'cash', amount: 200_000 }]) =>
  t.api('sales.checkout', { clientRequestId, lines: [{ productId: s.meteId, qty: 2 }], payments }, s.cashier);

async function waitForJob(id: number, status: string) {
  for (let i = 0; i < 100; i++) {
    const jobs = (await t.api('printing.jobs', {}, s.cashier)).body as any[];
    const job = jobs.find((j) => j.id === id);
    if (job?.status === status) return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${id} never reached ${status}`);
}

describe('receipts on a network printer', () => {
  it('prints the receipt after the sale commits, with the drawer pulse for cash', async () => {
    const sale = await sell('print-0001');
    expect(sale.status).toBe(200);
    expect(sale.body.printJob).toMatchObject({ kind: 'receipt', refId: sale.body.id, copy: false });
    const [bytes] = await printer.waitForJobs(1, 5000);
    const decoded = decodeEscPos(bytes);
    const text = decoded.lines.join('\n');
    expect(text).toContain('PLUT Sultra');
    expect(text).toContain(sale.body.number);
    expect(text).toContain('Kacang Mete Original 250 g');
    expect(text).toMatch(/TOTAL\s+Rp 100\.000/);
    expect(text).toMatch(/Tunai\s+200\.000/);
    expect(text).toMatch(/Kembali\s+100\.000/);
    expect(text).toContain('29/11/2026 10:00 WITA');
    expect(decoded.drawerPulses).toBe(1);
    expect(decoded.cuts).toBe(1);
    for (const line of decoded.lines) expect(line.length).toBeLessThanOrEqual(32);
    await waitForJob(sale.body.printJob.id, 'printed');
  });

  it('does not pulse the drawer for a card payment, and marks reprints as copies', async () => {
    const sale = await sell('print-0002', [{ method: 'debit', amount: 100_000 }]);
    const [first] = await printer.waitForJobs(1, 5000);
    expect(decodeEscPos(first).drawerPulses).toBe(0);
    const reprint = await t.api('sales.reprint', { id: sale.body.id }, s.cashier);
    expect(reprint.body).toMatchObject({ kind: 'receipt', copy: true });
    const jobs = await printer.waitForJobs(2, 5000);
    const copy = decodeEscPos(jobs[1]);
    expect(copy.lines.join('\n')).toContain('SALINAN');
    expect(copy.lines.join('\n')).toContain(sale.body.number);
    expect(copy.drawerPulses).toBe(0);
  });

  it('keeps the sale when the printer is down, records the failed job, and prints it on retry', async () => {
    await printer.setState('refused');
    const sale = await sell('print-0003');
    expect(sale.status).toBe(200);
    const failed = await waitForJob(sale.body.printJob.id, 'failed');
    expect(failed).toMatchObject({ attempts: 1, lastError: expect.any(String) });
    // The sale is there, whole.
    const stored = await t.api('sales.get', { id: sale.body.id }, s.cashier);
    expect(stored.body.lines).toHaveLength(1);
    expect((await t.api('products.get', { id: s.meteId }, s.cashier)).body.stock).toBe(13);
    // Selling goes on while the printer is down.
    const next = await sell('print-0004');
    expect(next.status).toBe(200);
    await waitForJob(next.body.printJob.id, 'failed');

    await printer.setState('online');
    const retry = await t.api('printing.retry', { id: sale.body.printJob.id }, s.cashier);
    expect(retry.status).toBe(200);
    const [bytes] = await printer.waitForJobs(1, 5000);
    expect(decodeEscPos(bytes).lines.join('\n')).toContain(sale.body.number);
    const printed = await waitForJob(sale.body.printJob.id, 'printed');
    expect(printed.attempts).toBe(2);
    // A printed job is not printed twice by a stray retry.
    expect((await t.api('printing.retry', { id: sale.body.printJob.id }, s.cashier)).body.error.code).toBe('CONFLICT');
  });

  it('a retried checkout does not print a second receipt', async () => {
    const first = await sell('print-0005');
    await printer.waitForJobs(1, 5000);
    await t.app.print.idle();
    const before = snapshot(t.app);
    const again = await sell('print-0005');
    expect(again.body.printJob.id).toBe(first.body.printJob.id);
    await t.app.print.idle();
    expect(printer.jobs()).toHaveLength(1);
    expect(snapshot(t.app)).toEqual(before);
  });

  it('prints the sale as the checkout answered it: the same bytes as a render read back from the database', async () => {
    const sale = await sell('print-0006');
    const [bytes] = await printer.waitForJobs(1, 5000);
    await t.app.print.idle();
    // The checkout's own sale was used for this first render; now it is gone, and a render reads the sale back.
    const readBack = t.app.documents.render({ kind: 'receipt', refId: sale.body.id, tillCode: 'K1', copy: false }, { columns: 32, firstSend: true });
    expect(Buffer.from(readBack!).equals(bytes!)).toBe(true);
  });

  it('a sale refunded before its receipt is rendered prints the refund on that receipt', async () => {
    // A silent printer holds the till's queue (each status question waits its timeout) while the next sale is refunded.
    await printer.setState('silent');
    await sell('print-0007');
    const sale = await sell('print-0008');
    const line = (await t.api('sales.get', { id: sale.body.id }, s.cashier)).body.lines[0];
    const approval = { token: (await t.api('approvals.verify', { action: 'sales.refund', username: 'manajer', pin: '2222', saleId: sale.body.id }, s.cashier)).body.token as string };
    const refund = await t.api(
      'sales.refund',
      { saleId: sale.body.id, lines: [{ saleLineId: line.id, qty: 1, restock: true }], reason: 'Rusak', payments: [{ method: 'cash', amount: line.unitPrice }], approval },
      s.cashier,
    );
    expect(refund.body.error).toBeUndefined();
    expect(t.app.db.$client.prepare('SELECT count(*) AS n FROM print_jobs WHERE ref_id = ? AND kind = ? AND bytes IS NOT NULL AND length(bytes) > 0').get(sale.body.id, 'receipt')).toEqual({ n: 0 });
    await printer.setState('online');
    await t.app.print.idle();
    // The receipt as it went to the printer (its first render is kept with the job).
    const row = t.app.db.$client.prepare("SELECT bytes FROM print_jobs WHERE kind = 'receipt' AND ref_id = ?").get(sale.body.id) as { bytes: Buffer };
    expect(printer.jobs().some((b) => b.equals(row.bytes))).toBe(true);
    const receipt = decodeEscPos(row.bytes).lines.join('\n');
    expect(receipt).toContain(sale.body.number);
    expect(receipt).toContain('RETUR');
    expect(receipt).toContain(refund.body.number);
  }, 30_000);

  it('prints a test page on request', async () => {
    const job = await t.api('printers.test', {}, s.cashier);
    expect(job.body.kind).toBe('test');
    const [bytes] = await printer.waitForJobs(1, 5000);
    const text = decodeEscPos(bytes).lines.join('\n');
    expect(text).toContain('TES CETAK');
    expect(text).toContain(`127.0.0.1:${printer.port}`);
  });
});
