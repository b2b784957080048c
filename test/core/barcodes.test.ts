import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/db';
import { products, users } from '../../src/db/schema';
import { fixedClock } from '../../src/main/core/clock';
import type { Actor, Ctx } from '../../src/main/core/context';
import { ean13CheckDigit, internalEan13, isValidEan13, nextInternalBarcode } from '../../src/main/core/barcodes';
import { createProduct, updateProduct } from '../../src/main/core/catalog';
import { createSupplier } from '../../src/main/core/suppliers';

/** Published, valid EAN-13s (GS1 examples, an ISBN-13, a UPC-A as EAN-13, the demo's Indonesian code). */
const KNOWN_VALID = ['4006381333931', '5901234123457', '9780306406157', '0012345678905', '8991234500010', '9781234567897'];

describe('EAN-13 check digit', () => {
  it('matches known valid codes', () => {
    for (const code of KNOWN_VALID) {
      expect(ean13CheckDigit(code.slice(0, 12)), code).toBe(Number(code[12]));
      expect(isValidEan13(code), code).toBe(true);
    }
  });

  it('rejects a wrong check digit, a changed digit, and anything not 13 digits', () => {
    expect(isValidEan13('4006381333932')).toBe(false);
    expect(isValidEan13('4006381339331')).toBe(false); // 33 → 39: single-digit error
    expect(isValidEan13('0400638133393')).toBe(false);
    expect(isValidEan13('400638133393')).toBe(false);
    expect(isValidEan13('400638133393a')).toBe(false);
    expect(() => ean13CheckDigit('12345')).toThrow(RangeError);
  });

  it('detects every single-digit error (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), fc.nat(12), fc.integer({ min: 1, max: 9 }), (first12, pos, bump) => {
        const code = first12 + String(ean13CheckDigit(first12));
        expect(isValidEan13(code)).toBe(true);
        const changed = code.slice(0, pos) + String((Number(code[pos]) + bump) % 10) + code.slice(pos + 1);
        expect(isValidEan13(changed)).toBe(false);
      }),
    );
  });
});

describe('internal barcodes', () => {
  it('are 20 + a 10-digit serial + check digit', () => {
    expect(internalEan13(1)).toBe('2000000000015');
    expect(internalEan13(1234567890)).toMatch(/^201234567890\d$/);
    expect(isValidEan13(internalEan13(1234567890))).toBe(true);
    expect(() => internalEan13(10_000_000_000)).toThrow(RangeError);
  });

  function world() {
    const ctx: Ctx = { db: openDb(':memory:'), clock: fixedClock(Date.UTC(2026, 10, 29, 2)) };
    const u = ctx.db.insert(users).values({ name: 'M', username: 'm', role: 'manager', pinHash: 'x', createdAt: 0 }).returning().get();
    const actor: Actor = { userId: u.id, name: 'M', role: 'manager', tillCode: 'K1' };
    const supplier = createSupplier(ctx, actor, { name: 'UD Bagea' });
    return { ctx, actor, supplier };
  }

  it('are given on create and on update, never twice the same, skipping codes already in use', () => {
    const { ctx, actor, supplier } = world();
    const base = { supplierId: supplier.id, sellPrice: 20_000, terms: { type: 'fixed' as const, supplierPrice: 15_000 } };
    const a = createProduct(ctx, actor, { ...base, name: 'Bagea Kenari', generateBarcode: true });
    expect(a.barcode).toBe('2000000000015');
    // Someone typed in the next internal code by hand: the generator skips it.
    createProduct(ctx, actor, { ...base, name: 'Kambuse', barcode: internalEan13(2) });
    const b = createProduct(ctx, actor, { ...base, name: 'Kasuami' });
    const updated = updateProduct(ctx, actor, { id: b.id, generateBarcode: true });
    expect(updated.barcode).toBe(internalEan13(3));
    expect(nextInternalBarcode(ctx)).toBe(internalEan13(4));
    const codes = ctx.db.select({ barcode: products.barcode }).from(products).all().map((r) => r.barcode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(isValidEan13(code!)).toBe(true);
    ctx.db.$client.close();
  });
});
