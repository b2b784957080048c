/**
 * The demo shop and the benchmark generator write suppliers through the core (no contract in
 * between): their phones and bank details must still be what `suppliers.create` accepts, so a
 * demo supplier can be saved again from its edit form and its transfers go to a real account.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/db';
import { fixedClock } from '../../src/main/core/clock';
import { seedDemo } from '../../src/main/core/demo';
import { generate } from '../../bench/generate';
import { supplierCreate } from '../../src/shared/contract-kit';
import type { Supplier } from '../../src/shared/types';

/** The fields of a `suppliers` row a create takes. */
const asSupplier = (r: Record<string, unknown>) =>
  ({
    code: r.code,
    name: r.name,
    ownerName: r.owner_name,
    phone: r.phone,
    address: r.address,
    district: r.district,
    bankName: r.bank_name,
    bankAccount: r.bank_account,
    bankHolder: r.bank_holder,
    nib: r.nib,
  }) as Supplier;

/** A supplier row as `suppliers.create` input (absent where null), and what the contract says of it. */
function refusals(s: Supplier): string[] {
  const input = Object.fromEntries(
    (['name', 'ownerName', 'phone', 'address', 'district', 'bankName', 'bankAccount', 'bankHolder', 'nib'] as const)
      .filter((k) => s[k] !== null)
      .map((k) => [k, s[k]]),
  );
  const parsed = supplierCreate.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${s.code} ${i.path.join('.')}: ${i.message} (${JSON.stringify(input)})`);
}

describe('seeded suppliers pass the supplier rules', () => {
  it('the demo shop: every supplier has a good phone and all three bank details, the account in digits', () => {
    const ctx = { db: openDb(':memory:'), clock: fixedClock(Date.UTC(2026, 10, 29, 2, 0)) };
    seedDemo(ctx);
    const all = (ctx.db.$client.prepare('SELECT * FROM suppliers').all() as Record<string, unknown>[]).map(asSupplier);
    expect(all.length).toBeGreaterThan(10);
    expect(all.flatMap(refusals)).toEqual([]);
    for (const s of all) expect(s.bankAccount, s.code).toMatch(/^\d{5,20}$/);
  });

  it('the benchmark generator: the same for every generated supplier', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kasir-supplier-seed-'));
    try {
      const out = join(dir, 'bench.db');
      generate({ scale: { suppliers: 300, products: 300, days: 1, salesPerDay: 5 }, out, seed: 7 });
      const db = openDb(out, { readonly: true });
      try {
        const rows = db.$client.prepare('SELECT * FROM suppliers').all() as Record<string, unknown>[];
        expect(rows).toHaveLength(300);
        const all = rows.map(asSupplier);
        expect(all.flatMap(refusals)).toEqual([]);
        for (const s of all) expect(s.bankAccount, s.code).toMatch(/^\d{5,20}$/);
      } finally {
        db.$client.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
