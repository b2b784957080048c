/**
 * Hostile input to every procedure over HTTP: wrong types, negative and huge
 * numbers, fractions of a rupiah, 10 KB strings, extra fields, malformed
 * JSON, oversized bodies. Every one must get a 4xx with a stable code (never
 * a 500) and leave the database content exactly as it was.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract } from '../../src/shared/contract';
import { ERROR_CODES } from '../../src/shared/errors';
import { seedShop, startTestApi, type Seeded, type TestApi } from '../support/api-harness';

let t: TestApi;
let s: Seeded;

beforeAll(async () => {
  t = await startTestApi();
  s = await seedShop(t);
});
afterAll(async () => t.close());

function contentHash(): string {
  const db = t.app.db.$client;
  const tables = db
    .prepare("SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual') AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string; wr: number }[];
  const hash = createHash('sha256');
  // WITHOUT ROWID tables (the search index's shadow tables) come in primary-key order.
  for (const { name, wr } of tables) {
    hash.update(name);
    for (const row of db.prepare(`SELECT * FROM "${name}"${wr ? '' : ' ORDER BY rowid'}`).raw().all()) {
      hash.update(JSON.stringify(row, (_k, v) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
    }
  }
  return hash.digest('hex');
}

/** Valid inputs, so each hostile field is the only thing wrong. */
function validInputs(): Record<string, Record<string, unknown>> {
  return {
    'setup.init': { shopName: 'X', admin: { name: 'A', username: 'aa', pin: '1234' } },
    'auth.login': { username: 'kasir', pin: '1111' },
    'users.create': { name: 'Baru', username: 'baru', role: 'cashier', pin: '1234' },
    'suppliers.create': { name: 'UD Baru' },
    'suppliers.list': { query: 'mete' },
    'products.create': { name: 'Baru', supplierId: s.supplierId, sellPrice: 1000, terms: { type: 'fixed', supplierPrice: 500 } },
    'products.lookup': { code: '8991234500011' },
    'products.search': { query: 'mete', limit: 5 },
    'products.get': { id: s.meteId },
    'intakes.create': { supplierId: s.supplierId, lines: [{ productId: s.meteId, qty: 1, expiryDate: '2027-01-01' }] },
    'shifts.open': { openingFloat: 1000 },
    'shifts.close': { countedCash: 1000 },
    'sales.checkout': { clientRequestId: 'hostile-000001', lines: [{ productId: s.meteId, qty: 1 }], payments: [{ method: 'cash', amount: 50_000 }] },
    'sales.get': { id: 1 },
    'sales.reprint': { id: 1 },
    'printers.set': { transport: { type: 'none' }, columns: 32 },
    'printing.jobs': { limit: 5 },
    'printing.retry': { id: 1 },
  };
}

/** Fields whose negative values are legitimate (signed amounts). */
const SIGNED_FIELDS = new Set(['delta', 'amount']);
/** List fields where an empty list is a legitimate value (`lan.configure {names: []}` clears the admin's names). */
const EMPTY_LIST_FIELDS = new Set(['names']);

const BAD_VALUES: { label: string; value: unknown; skip?: (kind: string, field: string) => boolean }[] = [
  { label: 'negative', value: -1, skip: (_k, f) => SIGNED_FIELDS.has(f) },
  { label: 'fraction of a rupiah', value: 1500.5 },
  { label: 'beyond 2^53', value: 2 ** 53 + 2 },
  { label: 'beyond 10^15 rupiah', value: 1e16 },
  { label: '10 KB string', value: 'x'.repeat(10_240) },
  { label: 'object', value: { $gt: '' } },
  { label: 'array', value: [], skip: (_k, f) => EMPTY_LIST_FIELDS.has(f) },
  { label: 'null', value: null },
  { label: 'boolean', value: true, skip: (kind) => kind === 'boolean' },
  { label: 'invalid date', value: '2026-02-30', skip: (kind) => kind === 'string' },
];

function shapeOf(schema: z.ZodType): Record<string, z.ZodType> {
  const def = (schema as unknown as { def?: { shape?: Record<string, z.ZodType> } }).def;
  return def?.shape ?? {};
}

function kindOf(field: z.ZodType): string {
  let def = (field as unknown as { def: { type: string; innerType?: z.ZodType } }).def;
  while (def.type === 'optional' || def.type === 'default' || def.type === 'nullable') {
    def = (def.innerType as unknown as { def: typeof def }).def;
  }
  return def.type;
}

async function expectRefused(name: string, body: string | undefined, label: string, hashCheck = true) {
  const before = hashCheck ? contentHash() : '';
  const res = await fetch(`${t.url}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${s.admin}` },
    body,
  });
  const json = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  expect(res.status, `${name} ${label}: ${JSON.stringify(json)}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${name} ${label}`).toBeLessThan(500);
  expect(ERROR_CODES).toContain(json?.error?.code);
  expect(json?.error?.message.length).toBeGreaterThan(0);
  if (hashCheck) expect(contentHash(), `${name} ${label} changed the database`).toBe(before);
}

describe('hostile input to every procedure', () => {
  const names = Object.keys(contract);

  it('covers every procedure in the contract', () => {
    expect(names.length).toBeGreaterThan(20);
  });

  it('refuses wrong types, bad numbers and huge strings field by field', async () => {
    const valid = validInputs();
    let sent = 0;
    for (const name of names) {
      const shape = shapeOf(contract[name as keyof typeof contract].input as z.ZodType);
      const base = valid[name] ?? {};
      for (const [field, schema] of Object.entries(shape)) {
        const kind = kindOf(schema);
        for (const bad of BAD_VALUES) {
          if (bad.skip?.(kind, field)) continue;
          // Logins count failures by design; their content is checked elsewhere.
          await expectRefused(name, JSON.stringify({ ...base, [field]: bad.value }), `${field}=${bad.label}`, name !== 'auth.login');
          sent++;
        }
      }
    }
    expect(sent).toBeGreaterThan(200);
  });

  it('refuses extra fields, non-object bodies and malformed JSON', async () => {
    const valid = validInputs();
    for (const name of names) {
      const base = valid[name] ?? {};
      const hash = name !== 'auth.login';
      await expectRefused(name, JSON.stringify({ ...base, isAdmin: true }), 'extra field', hash);
      await expectRefused(name, JSON.stringify({ ...base, __proto__: { role: 'admin' }, constructor: {} }), 'prototype keys', hash);
      await expectRefused(name, '[1,2,3]', 'array body', hash);
      await expectRefused(name, '"hello"', 'string body', hash);
      await expectRefused(name, '{"a":', 'malformed JSON', hash);
      await expectRefused(name, '{"a":1}}', 'trailing garbage', hash);
    }
  });

  it('refuses oversized bodies with 413 before reading them all', async () => {
    await expectRefused('suppliers.create', JSON.stringify({ name: 'x'.repeat(300 * 1024) }), 'oversized body');
  });

  it('refuses every procedure but the public ones without a token', async () => {
    const before = contentHash();
    for (const name of names) {
      if (name.startsWith('setup.') || name.startsWith('pairing.') || name === 'auth.login' || name === 'host.info') continue;
      const res = await fetch(`${t.url}/api/${name}`, { method: 'POST', body: JSON.stringify(validInputs()[name] ?? {}) });
      expect(res.status, name).toBe(401);
    }
    expect(contentHash()).toBe(before);
  });

  it('stores SQL and HTML in names as plain text', async () => {
    const nasty = `'); DROP TABLE sales; -- <script>alert("x")</script>`;
    const r = await t.api('suppliers.create', { name: nasty, ownerName: '<img src=x onerror=alert(1)>' }, s.manager);
    expect(r.status).toBe(200);
    const list = await t.api('suppliers.list', { query: 'DROP TABLE' }, s.manager);
    expect(list.body.map((x: { name: string }) => x.name)).toEqual([nasty]);
    const tables = t.app.db.$client.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'sales'").get() as { n: number };
    expect(tables.n).toBe(1);
  });
});
