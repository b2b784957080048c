import { beforeAll, describe, expect, it } from 'vitest';
import { openDb, schema, type Db } from '../../src/db';
import { fixedClock } from '../../src/main/core/clock';
import type { Ctx } from '../../src/main/core/context';
import { login } from '../../src/main/core/users';
import { lookupProduct } from '../../src/main/core/catalog';
import { allocateFefo } from '../../src/main/core/stock';
import { getSettings } from '../../src/main/core/settings';
import { SULTRA_DISTRICTS } from '../../src/shared/districts';
import {
  DEMO_BARCODES,
  DEMO_LOGINS,
  DEMO_PRODUCT_NAMES,
  DEMO_SKUS,
  addDays,
  ean13CheckDigit,
  mulberry32,
  seedDemo,
} from '../../src/main/core/demo';

/** Independent EAN-13 check (not the seeder's own helper). */
function validEan13(code: string): boolean {
  if (!/^\d{13}$/.test(code)) return false;
  const sum = [...code].reduce((acc, ch, i) => acc + Number(ch) * (i % 2 === 0 ? 1 : 3), 0);
  return sum % 10 === 0;
}

const NOW = Date.UTC(2026, 10, 29, 2, 0); // 2026-11-29 10:00 WITA
const TODAY = '2026-11-29';

function newCtx(): Ctx {
  return { db: openDb(':memory:'), clock: fixedClock(NOW) };
}

describe('seedDemo', () => {
  let ctx: Ctx;
  let db: Db;
  let result: ReturnType<typeof seedDemo>;
  let elapsed: number;

  beforeAll(() => {
    ctx = newCtx();
    db = ctx.db;
    const t0 = performance.now();
    result = seedDemo(ctx);
    elapsed = performance.now() - t0;
  });

  it('seeds quickly', () => {
    // Four scrypt PIN hashes plus ~300 products and lots in one transaction.
    expect(elapsed).toBeLessThan(5_000);
  });

  it('creates the shop settings', () => {
    const s = getSettings(db);
    expect(s.shopName).toBe('PLUT KUMKM Sulawesi Tenggara');
    expect(s.shopAddress).toBe('Jl. Abdullah Silondae No. 5, Kendari');
    expect(s.shopPhone).toBe('0401-3121234');
    expect(s.receiptFooter).toBe('Terima kasih! Oleh-oleh khas Sultra');
  });

  it('creates at least 40 suppliers over at least 10 districts, with bank details', () => {
    const suppliers = db.select().from(schema.suppliers).all();
    expect(result.suppliers).toBe(suppliers.length);
    expect(suppliers.length).toBeGreaterThanOrEqual(40);
    const districts = new Set(suppliers.map((s) => s.district));
    expect(districts.size).toBeGreaterThanOrEqual(10);
    for (const s of suppliers) {
      expect((SULTRA_DISTRICTS as readonly (string | null)[]).includes(s.district)).toBe(true);
      expect(s.phone).toMatch(/^08\d{8,11}$/);
      expect(['BRI', 'BNI', 'Mandiri', 'BSI', 'Bank Sultra']).toContain(s.bankName);
      expect(s.bankAccount).toMatch(/^\d{10,16}$/);
      expect(s.bankHolder).toBeTruthy();
      expect(s.ownerName).toBeTruthy();
      expect(s.address).toBeTruthy();
    }
    expect(new Set(suppliers.map((s) => s.name)).size).toBe(suppliers.length);
  });

  it('creates at least 300 products with realistic prices and terms', () => {
    const products = db.select().from(schema.products).all();
    expect(result.products).toBe(products.length);
    expect(products.length).toBeGreaterThanOrEqual(300);
    expect(new Set(products.map((p) => p.name)).size).toBe(products.length);
    const categories = new Set(products.map((p) => p.category));
    for (const c of ['Makanan', 'Minuman', 'Kain & Tenun', 'Kerajinan', 'Bumbu']) expect(categories).toContain(c);
    for (const p of products) {
      expect(p.sellPrice).toBeGreaterThanOrEqual(10_000);
      expect(p.sellPrice).toBeLessThanOrEqual(750_000);
      expect(p.sellPrice % 500).toBe(0);
      expect(['pcs', 'bungkus', 'toples', 'botol', 'lembar']).toContain(p.unit);
      expect(p.supplierId).not.toBeNull();
      if (p.termsType === 'fixed') {
        expect(p.supplierPrice! % 500).toBe(0);
        expect(p.supplierPrice! / p.sellPrice).toBeGreaterThanOrEqual(0.74);
        expect(p.supplierPrice! / p.sellPrice).toBeLessThanOrEqual(0.86);
      } else {
        expect(p.commissionBps).toBeGreaterThanOrEqual(1000);
        expect(p.commissionBps).toBeLessThanOrEqual(2500);
      }
      expect(p.trackExpiry).toBe(['Makanan', 'Minuman', 'Bumbu'].includes(p.category!));
    }
    const fixed = products.filter((p) => p.termsType === 'fixed').length / products.length;
    expect(fixed).toBeGreaterThan(0.45);
    expect(fixed).toBeLessThan(0.75);
    const food = products.filter((p) => p.category === 'Makanan');
    const typicalFood = food.filter((p) => p.sellPrice >= 15_000 && p.sellPrice <= 85_000).length;
    expect(typicalFood / food.length).toBeGreaterThan(0.7);
  });

  it('gives about 70% of products a valid, unique EAN-13 barcode with the 899 prefix', () => {
    const products = db.select().from(schema.products).all();
    const barcodes = products.flatMap((p) => (p.barcode ? [p.barcode] : []));
    for (const b of barcodes) {
      expect(validEan13(b), b).toBe(true);
      expect(b.startsWith('899')).toBe(true);
    }
    expect(new Set(barcodes).size).toBe(barcodes.length);
    const share = barcodes.length / products.length;
    expect(share).toBeGreaterThan(0.6);
    expect(share).toBeLessThan(0.8);
  });

  it('receives stock with plausible quantities and expiry dates', () => {
    const lots = db.select().from(schema.lots).all();
    const products = db.select().from(schema.products).all();
    expect(result.lots).toBe(lots.length);
    const byProduct = new Map<number, typeof lots>();
    for (const l of lots) byProduct.set(l.productId, [...(byProduct.get(l.productId) ?? []), l]);
    const twoLots = [...byProduct.values()].filter((ls) => ls.length > 1);
    expect(twoLots.length).toBeGreaterThanOrEqual(2);
    for (const ls of twoLots) expect(new Set(ls.map((l) => l.expiryDate)).size).toBe(ls.length);

    const expiredIds = new Set<number>();
    for (const p of products) {
      const ls = byProduct.get(p.id) ?? [];
      if (p.name === DEMO_PRODUCT_NAMES.outOfStock) {
        expect(ls).toHaveLength(0);
        continue;
      }
      expect(ls.length, p.name).toBeGreaterThan(0);
      for (const l of ls) {
        expect(l.receivedQty).toBeGreaterThanOrEqual(5);
        expect(l.receivedQty).toBeLessThanOrEqual(60);
        expect(l.remainingQty).toBe(l.receivedQty);
        if (!p.trackExpiry) expect(l.expiryDate).toBeNull();
        else if (l.expiryDate! < TODAY) expiredIds.add(p.id);
        else {
          expect(l.expiryDate! >= addDays(TODAY, 20)).toBe(true);
          expect(l.expiryDate! <= addDays(TODAY, 300)).toBe(true);
        }
      }
    }
    expect(expiredIds.size).toBeGreaterThanOrEqual(2);
    expect(expiredIds.size).toBeLessThanOrEqual(3);
    const withoutLots = products.filter((p) => !byProduct.has(p.id));
    expect(withoutLots.map((p) => p.name)).toEqual([DEMO_PRODUCT_NAMES.outOfStock]);
  });

  it('never receives expired goods, and its history reads in time order', () => {
    const intakes = new Map(db.select().from(schema.intakes).all().map((i) => [i.id, i]));
    const products = new Map(db.select().from(schema.products).all().map((p) => [p.id, p]));
    for (const l of db.select().from(schema.lots).all()) {
      const intake = intakes.get(l.intakeId!)!;
      expect(intake.receivedBy).toBe(db.select().from(schema.users).all().find((u) => u.username === 'manajer')!.id);
      expect(intake.createdAt).toBeLessThanOrEqual(NOW);
      expect(products.get(l.productId)!.createdAt).toBeLessThanOrEqual(intake.createdAt);
      if (l.expiryDate !== null) expect(l.expiryDate >= intake.businessDate).toBe(true);
    }
    const audit = db.select().from(schema.auditLog).all();
    for (let i = 1; i < audit.length; i++) expect(audit[i].at).toBeGreaterThanOrEqual(audit[i - 1].at);
  });

  it('lets every demo user log in with their PIN', () => {
    for (const u of DEMO_LOGINS) {
      const res = login(ctx, { username: u.username, pin: u.pin });
      expect(res.user.role).toBe(u.role);
      expect(res.user.name).toBe(u.name);
    }
    expect(DEMO_LOGINS.map((u) => [u.username, u.pin])).toEqual([
      ['admin', '123456'],
      ['manajer', '2222'],
      ['kasir', '1111'],
      ['kasir2', '3333'],
    ]);
  });

  it('resolves the known barcodes with stock', () => {
    expect(DEMO_BARCODES.meteOriginal).toBe('8991234500010');
    for (const [key, code] of Object.entries(DEMO_BARCODES)) {
      expect(validEan13(code), key).toBe(true);
      const p = lookupProduct(ctx, code);
      expect(p.name).toBe(DEMO_PRODUCT_NAMES[key as keyof typeof DEMO_PRODUCT_NAMES]);
      if (key === 'expired' || key === 'expired2') {
        expect(p.stock, key).toBe(0);
        expect(p.expiredStock, key).toBeGreaterThan(0);
      } else if (key === 'outOfStock') {
        expect(p.stock).toBe(0);
        expect(p.expiredStock).toBe(0);
      } else {
        expect(p.stock, key).toBeGreaterThan(0);
        expect(p.expiredStock, key).toBe(0);
      }
    }
    const twoLots = lookupProduct(ctx, DEMO_BARCODES.twoLots);
    expect(twoLots.stock).toBe(36);
    expect(twoLots.nextExpiry).toBe(addDays(TODAY, 25));
    const kasuami = lookupProduct(ctx, DEMO_SKUS.kasuami);
    expect(kasuami.name).toBe(DEMO_PRODUCT_NAMES.kasuami);
    expect(kasuami.barcode).toBeNull();
    expect(kasuami.stock).toBeGreaterThan(0);
  });

  it('lets the till demonstrate the expired and out-of-stock errors', () => {
    const codeOf = (barcode: string) => {
      const p = lookupProduct(ctx, barcode);
      try {
        ctx.db.transaction(() => allocateFefo(ctx, p.id, 1, TODAY, p.name));
      } catch (e) {
        return (e as { code?: unknown }).code;
      }
      return 'sold';
    };
    expect(codeOf(DEMO_BARCODES.expired)).toBe('EXPIRED');
    expect(codeOf(DEMO_BARCODES.expired2)).toBe('EXPIRED');
    expect(codeOf(DEMO_BARCODES.outOfStock)).toBe('INSUFFICIENT_STOCK');
  });

  it('refuses to seed twice and changes nothing', () => {
    const before = db.select().from(schema.products).all().length;
    let code: unknown;
    try {
      seedDemo(ctx);
    } catch (e) {
      code = (e as { code?: unknown }).code;
    }
    expect(code).toBe('CONFLICT');
    expect(db.select().from(schema.products).all().length).toBe(before);
    expect(db.select().from(schema.users).all()).toHaveLength(DEMO_LOGINS.length);
  });
});

describe('seedDemo determinism', () => {
  it('produces the same catalogue on two fresh databases', () => {
    const snapshot = (c: Ctx) => {
      seedDemo(c);
      const products = c.db.select().from(schema.products).all().map((p) => [p.sku, p.barcode, p.name, p.sellPrice, p.termsType]);
      const lots = c.db.select().from(schema.lots).all().map((l) => [l.productId, l.receivedQty, l.expiryDate]);
      const suppliers = c.db.select().from(schema.suppliers).all().map((s) => [s.code, s.name, s.phone, s.bankAccount]);
      return { products, lots, suppliers };
    };
    expect(snapshot(newCtx())).toEqual(snapshot(newCtx()));
  });
});

describe('demo helpers', () => {
  it('computes EAN-13 check digits', () => {
    expect(ean13CheckDigit('899123450001')).toBe(0);
    expect(ean13CheckDigit('400638133393')).toBe(1); // 4006381333931, a textbook example
  });

  it('mulberry32 is deterministic and in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    for (let i = 0; i < 100; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-11-29', 3)).toBe('2026-12-02');
    expect(addDays('2026-12-30', 5)).toBe('2027-01-04');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
