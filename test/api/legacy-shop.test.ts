/**
 * A shop whose database was written before issue 11 tightened what is
 * accepted (test/fixtures/legacy-shop.db, made by make-legacy-shop.ts with
 * the code of that time). The current code must open it (migrations pass),
 * answer every read without a 500, and list what cannot be right.
 */
import { existsSync } from 'node:fs';
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
});

export { existsSync, LEGACY_PRINTER_FILE };
