/**
 * A shop whose database was written before issue 11 tightened what is
 * accepted (test/fixtures/legacy-shop.db, made by make-legacy-shop.ts with
 * the code of that time). The current code must open it (migrations pass),
 * answer every read without a 500, and list what cannot be right.
 */
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { procedures } from '../../src/main/api/procedures';
import { startTestApi, type TestApi } from '../support/api-harness';
import { readCalls, type KnownIds } from '../support/read-calls';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/legacy-shop.db');
const LEGACY_PRINTER_FILE = '/tmp/kasir-plut-legacy-printer.bin';

let t: TestApi | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function login(api: TestApi['api'], username: string, pin: string, tillCode = 'K1'): Promise<string> {
  const r = await api('auth.login', { username, pin, tillCode });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.token;
}

function idsOf(t: TestApi, productSku: string): KnownIds {
  const q = <T>(sql: string, ...args: unknown[]) => t.app.db.$client.prepare(sql).get(...args) as T;
  const product = q<{ id: number; supplier_id: number; sku: string }>('SELECT id, supplier_id, sku FROM products WHERE sku = ?', productSku);
  const lot = q<{ id: number; intake_id: number } | undefined>('SELECT id, intake_id FROM lots WHERE product_id = ? ORDER BY id LIMIT 1', product.id);
  const sale = q<{ id: number; number: string; line: number } | undefined>(
    'SELECT s.id, s.number, l.id AS line FROM sales s JOIN sale_lines l ON l.sale_id = s.id WHERE l.product_id = ? ORDER BY s.id LIMIT 1',
    product.id,
  );
  const ret = q<{ id: number } | undefined>('SELECT r.id FROM returns r ORDER BY r.id LIMIT 1');
  const settlement = q<{ id: number } | undefined>('SELECT id FROM settlements ORDER BY id LIMIT 1');
  const shift = q<{ id: number } | undefined>('SELECT id FROM shifts ORDER BY id LIMIT 1');
  return {
    supplierId: product.supplier_id,
    productId: product.id,
    productCode: product.sku,
    lotId: lot?.id,
    intakeId: lot?.intake_id,
    returnId: ret?.id,
    saleId: sale?.id,
    saleNumber: sale?.number,
    saleLineId: sale?.line,
    settlementId: settlement?.id,
    shiftId: shift?.id,
  };
}

describe('a database written before issue 11', () => {
  it('opens (migrations pass) and answers every read for every stored row without a 500', async () => {
    t = await startTestApi({ fromDb: FIXTURE });
    const manager = await login(t.api, 'manajer', '2222');
    const cashier = await login(t.api, 'kasir', '1111');
    const admin = await login(t.api, 'admin', '123456');
    const failures: string[] = [];
    // P00002: commission lot of 100 000 at Rp 10^12; P00003: fixed, ditto; P00004/5: barcode = another SKU; P00006: lone surrogate.
    for (const sku of ['P00001', 'P00002', 'P00003', 'P00004', 'P00005', 'P00006']) {
      const calls = readCalls(idsOf(t, sku));
      for (const [name, inputs] of Object.entries(calls)) {
        if (!(name in procedures)) continue;
        const role = procedures[name as keyof typeof procedures].role;
        const token = role === 'admin' ? admin : role === 'cashier' ? cashier : manager;
        for (const input of inputs) {
          const r = await t.api(name, input, token);
          if (r.status >= 500) failures.push(`${sku} ${name} ${JSON.stringify(input)} → ${r.status} ${JSON.stringify(r.body)}`);
          // A read of a stored row answers 200 (or an honest 4xx such as NOT_FOUND for an empty shift), never 500.
        }
        if (role === 'cashier' || role === 'public') {
          for (const input of inputs) {
            const r = await t.api(name, input, manager);
            if (r.status >= 500) failures.push(`${sku} ${name} as manager → ${r.status}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('lists for correction what cannot be right, and the list shrinks as it is corrected', async () => {
    t = await startTestApi({ fromDb: FIXTURE });
    const manager = await login(t.api, 'manajer', '2222');
    const admin = await login(t.api, 'admin', '123456');
    const list = async () => (await t!.api('data.corrections', {}, manager)).body as { kind: string; entity: string; entityId: number | null; label: string; field: string; value: string }[];
    const rows = await list();
    const brief = rows.map((r) => `${r.kind} ${r.entity}:${r.entityId ?? r.label} ${r.field}=${r.value}`);
    expect(brief).toEqual([
      'price_over_max product:2 sellPrice=1000000000000',
      'price_over_max product:3 sellPrice=1000000000000',
      'lot_value_over_max lot:2 remainingQty=199989000000000000',
      'lot_value_over_max lot:6 remainingQty=99999000000000000',
      'barcode_is_sku product:4 barcode=P00001',
      'barcode_is_sku product:5 barcode=p00003',
      'held_cart_over_max held_sale:1 lines=20000000000000000000',
      `printer_setting printer:Kasir K1 transport.name=${LEGACY_PRINTER_FILE}`,
      'printer_setting printer:Kasir K2 transport.path=/etc/hostname',
      'invalid_text supplier:2 name=Tenun \ufffd\ufffd\ufffd Rusak',
      'invalid_text supplier:2 address=Jl. \ufffd\ufffd\ufffd Poros',
      'invalid_text product:6 name=Madu \ufffd\ufffd\ufffd Hutan',
    ]);
    // A cashier has no business with it.
    const cashier = await login(t.api, 'kasir', '1111');
    expect((await t.api('data.corrections', {}, cashier)).status).toBe(403);

    // Correcting: a new price, a new barcode, a discarded cart, the printers set again, the names typed again.
    const ok = async (name: string, input: unknown, token = manager) => {
      const r = await t!.api(name, input, token);
      expect(r.status, `${name} ${JSON.stringify(r.body)}`).toBe(200);
      return r.body;
    };
    await ok('products.update', { id: 2, sellPrice: 2_500_000 });
    await ok('products.update', { id: 3, sellPrice: 4_000_000, terms: { type: 'fixed', supplierPrice: 3_000_000 } });
    await ok('products.update', { id: 4, barcode: '8991234500042' });
    await ok('products.update', { id: 5, barcode: null });
    await ok('sales.discardHeld', { id: 1 }, cashier);
    await ok('printers.set', { transport: { type: 'file', name: 'struk-k1.bin' }, columns: 42 }, admin);
    const adminK2 = await login(t.api, 'admin', '123456', 'K2');
    await ok('printers.set', { transport: { type: 'serial', path: '/dev/ttyUSB0' }, columns: 32 }, adminK2);
    await ok('suppliers.update', { id: 2, name: 'Tenun Rusak', address: 'Jl. Poros' });
    await ok('products.update', { id: 6, name: 'Madu Hutan' });
    // What remains: the lots received before the limits (their price is a snapshot); returned or corrected in the stock screens.
    expect((await list()).map((r) => r.kind)).toEqual(['lot_value_over_max', 'lot_value_over_max']);
  });

  it('refuses to write where an old printer setting points, and never resends an old drawer pulse', async () => {
    rmSync(LEGACY_PRINTER_FILE, { force: true });
    t = await startTestApi({ fromDb: FIXTURE });
    const cashier = await login(t.api, 'kasir', '1111');
    const manager = await login(t.api, 'manajer', '2222', 'K2');
    expect((await t.api('printers.get', {}, cashier)).body.transport).toEqual({ type: 'file', name: LEGACY_PRINTER_FILE });
    const job = (await t.api('printers.test', {}, cashier)).body;
    await t.app.print.idle();
    const after = ((await t.api('printing.jobs', {}, cashier)).body as any[]).find((j) => j.id === job.id);
    expect(after.status).toBe('failed');
    expect(after.lastError).toMatch(/hanya nama berkas di dalam folder printer-output/);
    expect(existsSync(LEGACY_PRINTER_FILE)).toBe(false);
    // A receipt skipped before (cash sale, with its pulse) can be retried: it fails the same way, and its pulse is gone.
    const retried = await t.api('printing.retry', { id: 2 }, cashier);
    expect(retried.status).toBe(200);
    await t.app.print.idle();
    expect(existsSync(LEGACY_PRINTER_FILE)).toBe(false);
    const bytes = (t.app.db.$client.prepare('SELECT bytes FROM print_jobs WHERE id = 2').get() as { bytes: Buffer }).bytes;
    expect(bytes.includes(Buffer.from([0x1b, 0x70]))).toBe(false);
    // The K2 drawer pulse a manager queued under the old rules stays unsent.
    const drawer = await t.api('printing.retry', { id: 8 }, manager);
    expect(drawer.body.error.code).toBe('CONFLICT');
  });

  it('finds the SKU owner for an old barcode that equals a SKU, and goes on selling', async () => {
    t = await startTestApi({ fromDb: FIXTURE });
    const cashier = await login(t.api, 'kasir', '1111');
    expect((await t.api('products.lookup', { code: 'P00001' }, cashier)).body.id).toBe(1);
    expect((await t.api('products.lookup', { code: 'p00003' }, cashier)).body.id).toBe(3);
    expect((await t.api('products.lookup', { code: 'P00004' }, cashier)).body.id).toBe(4);
    const sale = await t.api('sales.checkout', { clientRequestId: 'after-upgrade-01', lines: [{ productId: 1, qty: 1 }], payments: [{ method: 'cash', amount: 50_000 }] }, cashier);
    expect(sale.status).toBe(200);
    // The old open shift with its huge float still closes.
    const close = await t.api('shifts.close', { countedCash: 0 }, cashier);
    expect(close.status).toBe(200);
    expect(close.body.report.kind).toBe('Z');
  });
});
