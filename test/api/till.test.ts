import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedShop, snapshot, startTestApi, type Seeded, type TestApi } from '../support/api-harness';

let t: TestApi;
afterEach(async () => t?.close());

const cash = (amount: number) => [{ method: 'cash', amount }];
let req = 0;
const relogin = async (username: string, pin: string) => (await t.api('auth.login', { username, pin, tillCode: 'K1' })).body.token as string;
const rid = () => `req-${Date.now()}-${++req}`;

describe('setup and login', () => {
  beforeEach(async () => {
    t = await startTestApi();
  });

  it('sets the shop up once, then refuses a second setup with CONFLICT', async () => {
    expect((await t.api('setup.status')).body).toEqual({ initialized: false });
    const admin = { name: 'Admin', username: 'admin', pin: '123456' };
    const first = await t.api('setup.init', { shopName: 'PLUT Sultra', admin });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ username: 'admin', role: 'admin' });
    expect((await t.api('setup.status')).body).toEqual({ initialized: true });
    const again = await t.api('setup.init', { shopName: 'Toko Lain', admin: { ...admin, username: 'other' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    const settings = t.app.db.$client.prepare("SELECT value FROM settings WHERE key='shopName'").get() as { value: string };
    expect(JSON.parse(settings.value)).toBe('PLUT Sultra');
  });

  it('refuses PINs that are not 4–8 digits and stores only a scrypt hash', async () => {
    for (const pin of ['123', '123456789', '12ab', '']) {
      const r = await t.api('setup.init', { shopName: 'PLUT', admin: { name: 'A', username: 'admin', pin } });
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'admin.pin' } });
    }
    await t.api('setup.init', { shopName: 'PLUT', admin: { name: 'A', username: 'admin', pin: '4321' } });
    const row = t.app.db.$client.prepare('SELECT pin_hash FROM users').get() as { pin_hash: string };
    expect(row.pin_hash).toMatch(/^scrypt\$/);
    expect(row.pin_hash).not.toContain('4321');
  });

  it('locks a user for five minutes after five wrong PINs', async () => {
    await t.api('setup.init', { shopName: 'PLUT', admin: { name: 'A', username: 'admin', pin: '123456' } });
    for (let i = 0; i < 4; i++) {
      const r = await t.api('auth.login', { username: 'admin', pin: '000000' });
      expect(r.status).toBe(401);
      expect(r.body.error.details?.locked).toBeUndefined();
    }
    const fifth = await t.api('auth.login', { username: 'admin', pin: '000000' });
    expect(fifth.body.error).toMatchObject({ code: 'UNAUTHENTICATED', details: { locked: true } });
    // Even the right PIN is refused while locked.
    expect((await t.api('auth.login', { username: 'admin', pin: '123456' })).status).toBe(401);
    t.clock.advance(4 * 60_000);
    expect((await t.api('auth.login', { username: 'admin', pin: '123456' })).status).toBe(401);
    t.clock.advance(61_000);
    const ok = await t.api('auth.login', { username: 'admin', pin: '123456' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ user: { name: 'A', role: 'admin' }, tillCode: 'K1' });
    expect(ok.body.token).toMatch(/^[\w-]{40,}$/);
  });

  it('logout ends the session', async () => {
    await t.api('setup.init', { shopName: 'PLUT', admin: { name: 'A', username: 'admin', pin: '123456' } });
    const { token } = (await t.api('auth.login', { username: 'admin', pin: '123456' })).body;
    expect((await t.api('auth.me', {}, token)).status).toBe(200);
    expect((await t.api('auth.logout', {}, token)).status).toBe(200);
    const after = await t.api('auth.me', {}, token);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('API errors', () => {
  let s: Seeded;
  beforeEach(async () => {
    t = await startTestApi();
    s = await seedShop(t);
  });

  it('answers health without a token and everything else only with one', async () => {
    const health = await fetch(`${t.url}/api/health`);
    expect(await health.json()).toEqual({ ok: true });
    const none = await t.api('products.search', { query: 'mete' });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('UNAUTHENTICATED');
    const bogus = await t.api('products.search', { query: 'mete' }, 'not-a-token');
    expect(bogus.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a cashier what only a manager or admin may do, with FORBIDDEN', async () => {
    const before = snapshot(t.app);
    const r1 = await t.api('users.create', { name: 'X', username: 'x', role: 'admin', pin: '1234' }, s.cashier);
    expect(r1.status).toBe(403);
    expect(r1.body.error.code).toBe('FORBIDDEN');
    const r2 = await t.api('suppliers.create', { name: 'UD Baru' }, s.cashier);
    expect(r2.body.error.code).toBe('FORBIDDEN');
    const r3 = await t.api('users.create', { name: 'X', username: 'x', role: 'admin', pin: '1234' }, s.manager);
    expect(r3.body.error.code).toBe('FORBIDDEN');
    expect(snapshot(t.app)).toEqual(before);
  });

  it('names the field of bad input with VALIDATION', async () => {
    const cases: [unknown, string][] = [
      [{ name: 'X', supplierId: s.supplierId, sellPrice: -1, terms: { type: 'fixed', supplierPrice: 0 } }, 'sellPrice'],
      [{ name: 'X', supplierId: s.supplierId, sellPrice: 1500.5, terms: { type: 'fixed', supplierPrice: 0 } }, 'sellPrice'],
      [{ name: 'X', supplierId: s.supplierId, sellPrice: 'lima ribu', terms: { type: 'fixed', supplierPrice: 0 } }, 'sellPrice'],
      [{ name: 'X', supplierId: s.supplierId, sellPrice: 12345678901234567890, terms: { type: 'fixed', supplierPrice: 0 } }, 'sellPrice'],
      [{ name: '', supplierId: s.supplierId, sellPrice: 1000, terms: { type: 'fixed', supplierPrice: 0 } }, 'name'],
      [{ name: 'X', supplierId: s.supplierId, sellPrice: 1000, terms: { type: 'commission', commissionBps: 20000 } }, 'terms.commissionBps'],
      [{ name: 'X', supplierId: s.supplierId, sellPrice: 1000, terms: { type: 'fixed', supplierPrice: 2000 } }, 'terms.supplierPrice'],
      [{ name: 'X', supplierId: s.supplierId, sellPrice: 1000 }, 'terms'],
      [{ name: 'X', supplierId: s.supplierId, sellPrice: 1000, terms: { type: 'fixed', supplierPrice: 0 }, admin: true }, ''],
    ];
    const before = snapshot(t.app);
    for (const [input, field] of cases) {
      const r = await t.api('products.create', input, s.manager);
      expect(r.status, JSON.stringify(input)).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION');
      expect(r.body.error.details.field).toBe(field);
      expect(typeof r.body.error.message).toBe('string');
    }
    expect(snapshot(t.app)).toEqual(before);
  });

  it('answers NOT_FOUND for unknown ids, codes and procedures', async () => {
    expect((await t.api('products.lookup', { code: '0000000000000' }, s.cashier)).body.error).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('0000000000000'),
    });
    expect((await t.api('sales.get', { id: 999 }, s.cashier)).body.error.code).toBe('NOT_FOUND');
    expect((await t.api('products.create', { name: 'X', supplierId: 999, sellPrice: 1000, terms: { type: 'fixed', supplierPrice: 500 } }, s.manager)).body.error.code).toBe('NOT_FOUND');
    const unknown = await t.api('sales.destroyEverything', {}, s.admin);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
  });

  it('refuses malformed JSON and oversized bodies without a 500', async () => {
    const bad = await fetch(`${t.url}/api/auth.login`, { method: 'POST', body: '{"username":', headers: { 'Content-Type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.code).toBe('VALIDATION');
    const huge = await fetch(`${t.url}/api/auth.login`, { method: 'POST', body: JSON.stringify({ username: 'a'.repeat(400_000) }) });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as any).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('finds products by barcode, SKU and words of the name, with stock on hand', async () => {
    const byBarcode = await t.api('products.lookup', { code: '8991234500011' }, s.cashier);
    expect(byBarcode.body).toMatchObject({ id: s.meteId, stock: 15, nextExpiry: '2026-12-10', supplierName: 'UD Mete Muna', sellPrice: 50_000 });
    const bySku = await t.api('products.lookup', { code: byBarcode.body.sku.toLowerCase() }, s.cashier);
    expect(bySku.body.id).toBe(s.meteId);
    const search = await t.api('products.search', { query: 'tenun sarung' }, s.cashier);
    expect(search.body.map((p: { id: number }) => p.id)).toEqual([s.tenunId]);
    const wildcard = await t.api('products.search', { query: '%' }, s.cashier);
    expect(wildcard.body).toEqual([]);
  });
});

describe('sales.checkout', () => {
  let s: Seeded;
  beforeEach(async () => {
    t = await startTestApi();
    s = await seedShop(t);
  });

  it('prices lines from the database, allocates lots first-expiry-first and splits the money per lot portion', async () => {
    const r = await t.api(
      'sales.checkout',
      { clientRequestId: rid(), lines: [{ productId: s.meteId, qty: 7 }, { productId: s.tenunId, qty: 1 }], payments: cash(750_000) },
      s.cashier,
    );
    expect(r.status).toBe(200);
    // 7 × 50.000 + 350.000 = 700.000; paid 750.000 → change 50.000.
    expect(r.body).toMatchObject({ total: 700_000, paid: 750_000, change: 50_000 });
    expect(r.body.number).toBe('K1-20261129-0001');
    expect(r.body.lines).toEqual([
      { productId: s.meteId, name: 'Kacang Mete Original 250 g', qty: 7, unitPrice: 50_000, lineTotal: 350_000 },
      { productId: s.tenunId, name: 'Sarung Tenun Masalili', qty: 1, unitPrice: 350_000, lineTotal: 350_000 },
    ]);
    const sale = (await t.api('sales.get', { id: r.body.id }, s.manager)).body;
    // FEFO: all 5 of the December lot first, then 2 of the March lot.
    const meteLots = sale.lines[0].lots;
    expect(meteLots.map((l: { qty: number }) => l.qty)).toEqual([5, 2]);
    const lots = t.app.db.$client.prepare('SELECT expiry_date, remaining_qty FROM lots WHERE product_id = ? ORDER BY expiry_date').all(s.meteId);
    expect(lots).toEqual([
      { expiry_date: '2026-12-10', remaining_qty: 0 },
      { expiry_date: '2027-03-01', remaining_qty: 8 },
    ]);
    // Fixed terms: 40.000 a unit to the supplier. Commission 15% of 350.000 = 52.500 to the shop.
    expect(meteLots.map((l: { supplierShare: number }) => l.supplierShare)).toEqual([200_000, 80_000]);
    expect(sale.lines[1].lots[0]).toMatchObject({ netAmount: 350_000, supplierShare: 297_500, shopShare: 52_500 });
    const ledger = t.app.db.$client.prepare('SELECT supplier_id, kind, amount FROM ledger_entries ORDER BY id').all();
    expect(ledger).toEqual([
      { supplier_id: s.supplierId, kind: 'sale', amount: 200_000 },
      { supplier_id: s.supplierId, kind: 'sale', amount: 80_000 },
      { supplier_id: s.supplier2Id, kind: 'sale', amount: 297_500 },
    ]);
    const pays = t.app.db.$client.prepare('SELECT method, amount FROM payments WHERE sale_id = ?').all(r.body.id);
    expect(pays).toEqual([{ method: 'cash', amount: 750_000 }]);
  });

  it('numbers sales per till by the Kendari business day, not the UTC day', async () => {
    t.clock.set(Date.UTC(2026, 10, 29, 17, 30)); // 30 Nov 01:30 WITA
    s.cashier = await relogin('kasir', '1111'); // sessions end after 12 idle hours
    const r = await t.api('sales.checkout', { clientRequestId: rid(), lines: [{ productId: s.tenunId, qty: 1 }], payments: cash(350_000) }, s.cashier);
    expect(r.body.number).toBe('K1-20261130-0001');
    const r2 = await t.api('sales.checkout', { clientRequestId: rid(), lines: [{ productId: s.tenunId, qty: 1 }], payments: cash(350_000) }, s.cashier);
    expect(r2.body.number).toBe('K1-20261130-0002');
    const row = t.app.db.$client.prepare('SELECT business_date, created_at FROM sales WHERE id = ?').get(r.body.id);
    expect(row).toEqual({ business_date: '2026-11-30', created_at: Date.UTC(2026, 10, 29, 17, 30) });
  });

  it('returns the first sale for a repeated clientRequestId and changes nothing', async () => {
    const input = { clientRequestId: 'till-K1-retry-0001', lines: [{ productId: s.meteId, qty: 2 }], payments: cash(100_000) };
    const first = await t.api('sales.checkout', input, s.cashier);
    const before = snapshot(t.app);
    const again = await t.api('sales.checkout', input, s.cashier);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.number).toBe(first.body.number);
    expect(snapshot(t.app)).toEqual(before);
    // Even two at once make one sale. (In one process the synchronous checkout runs them one after
    // the other: this cannot race in the database; it proves the replay answer, not a lock.)
    const twin = { ...input, clientRequestId: 'till-K1-retry-0002' };
    const [a, b] = await Promise.all([t.api('sales.checkout', twin, s.cashier), t.api('sales.checkout', twin, s.cashier)]);
    expect(a.body.id).toBe(b.body.id);
    const count = t.app.db.$client.prepare('SELECT count(*) AS n FROM sales').get() as { n: number };
    expect(count.n).toBe(2);
    const stock = (await t.api('products.get', { id: s.meteId }, s.cashier)).body.stock;
    expect(stock).toBe(15 - 2 - 2);
  });

  it('refuses more than the stock with INSUFFICIENT_STOCK and leaves stock, lots and sales unchanged', async () => {
    const before = snapshot(t.app);
    const r = await t.api(
      'sales.checkout',
      { clientRequestId: rid(), lines: [{ productId: s.tenunId, qty: 1 }, { productId: s.meteId, qty: 16 }], payments: cash(2_000_000) },
      s.cashier,
    );
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'INSUFFICIENT_STOCK', details: { productId: s.meteId, available: 15, requested: 16 } });
    expect(snapshot(t.app)).toEqual(before);
  });

  it('counts a product repeated on two lines against the same stock', async () => {
    const before = snapshot(t.app);
    const r = await t.api(
      'sales.checkout',
      { clientRequestId: rid(), lines: [{ productId: s.tenunId, qty: 2 }, { productId: s.tenunId, qty: 2 }], payments: cash(1_400_000) },
      s.cashier,
    );
    expect(r.body.error.code).toBe('INSUFFICIENT_STOCK');
    expect(snapshot(t.app)).toEqual(before);
  });

  it('never sells an expired lot: EXPIRED when only expired stock remains', async () => {
    const ok = await t.api('sales.checkout', { clientRequestId: rid(), lines: [{ productId: s.abonId, qty: 1 }], payments: cash(35_000) }, s.cashier);
    expect(ok.status).toBe(200); // the lot's last day is 30 Nov
    t.clock.set(Date.UTC(2026, 10, 30, 16, 5)); // 1 Dec 00:05 WITA
    s.cashier = await relogin('kasir', '1111');
    const before = snapshot(t.app);
    const r = await t.api('sales.checkout', { clientRequestId: rid(), lines: [{ productId: s.abonId, qty: 1 }], payments: cash(35_000) }, s.cashier);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('EXPIRED');
    expect(snapshot(t.app)).toEqual(before);
    const product = (await t.api('products.lookup', { code: '8991234500028' }, s.cashier)).body;
    expect(product).toMatchObject({ stock: 0, expiredStock: 3 });
  });

  it('needs an open shift at the till: SHIFT_CLOSED', async () => {
    await t.api('shifts.close', { countedCash: 200_000 }, s.cashier);
    const before = snapshot(t.app);
    const r = await t.api('sales.checkout', { clientRequestId: rid(), lines: [{ productId: s.meteId, qty: 1 }], payments: cash(50_000) }, s.cashier);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('SHIFT_CLOSED');
    expect(snapshot(t.app)).toEqual(before);
    // Another till's open shift does not count.
    const k2 = (await t.api('auth.login', { username: 'manajer', pin: '2222', tillCode: 'K2' })).body.token;
    await t.api('shifts.open', { openingFloat: 0 }, k2);
    expect((await t.api('sales.checkout', { clientRequestId: rid(), lines: [{ productId: s.meteId, qty: 1 }], payments: cash(50_000) }, s.cashier)).body.error.code).toBe('SHIFT_CLOSED');
    const k2sale = await t.api('sales.checkout', { clientRequestId: rid(), lines: [{ productId: s.meteId, qty: 1 }], payments: cash(50_000) }, k2);
    expect(k2sale.body.number).toBe('K2-20261129-0001');
  });

  it('lets only cash exceed the total, and never accepts less than the total', async () => {
    const before = snapshot(t.app);
    const line = [{ productId: s.meteId, qty: 1 }];
    const over = await t.api('sales.checkout', { clientRequestId: rid(), lines: line, payments: [{ method: 'qris', amount: 60_000 }] }, s.cashier);
    expect(over.body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'payments' } });
    const short = await t.api('sales.checkout', { clientRequestId: rid(), lines: line, payments: cash(49_999) }, s.cashier);
    expect(short.body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'payments' } });
    const zero = await t.api('sales.checkout', { clientRequestId: rid(), lines: [{ productId: s.meteId, qty: 0 }], payments: cash(50_000) }, s.cashier);
    expect(zero.body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'lines.0.qty' } });
    const negative = await t.api('sales.checkout', { clientRequestId: rid(), lines: [{ productId: s.meteId, qty: -2 }], payments: cash(50_000) }, s.cashier);
    expect(negative.body.error.code).toBe('VALIDATION');
    const fraction = await t.api('sales.checkout', { clientRequestId: rid(), lines: line, payments: cash(50_000.5) }, s.cashier);
    expect(fraction.body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'payments.0.amount' } });
    const unknownProduct = await t.api('sales.checkout', { clientRequestId: rid(), lines: [{ productId: 4242, qty: 1 }], payments: cash(50_000) }, s.cashier);
    expect(unknownProduct.body.error.code).toBe('NOT_FOUND');
    expect(snapshot(t.app)).toEqual(before);

    const split = await t.api(
      'sales.checkout',
      { clientRequestId: rid(), lines: [{ productId: s.meteId, qty: 3 }], payments: [{ method: 'qris', amount: 100_000, reference: 'QR-778812' }, { method: 'cash', amount: 100_000 }] },
      s.cashier,
    );
    expect(split.body).toMatchObject({ total: 150_000, paid: 200_000, change: 50_000 });
    expect(split.body.payments).toEqual([
      { method: 'qris', amount: 100_000, reference: 'QR-778812' },
      { method: 'cash', amount: 100_000, reference: null },
    ]);
  });
});

describe('shifts', () => {
  let s: Seeded;
  beforeEach(async () => {
    t = await startTestApi();
    s = await seedShop(t, { openShift: false });
  });

  it('opens once per till and closes with expected cash, counted cash and variance', async () => {
    expect((await t.api('shifts.current', {}, s.cashier)).body).toBeNull();
    const opened = await t.api('shifts.open', { openingFloat: 300_000 }, s.cashier);
    expect(opened.body).toMatchObject({ tillCode: 'K1', openingFloat: 300_000, expectedCash: 300_000, openedByName: 'Wa Ode Kasir' });
    expect((await t.api('shifts.open', { openingFloat: 1 }, s.cashier)).body.error.code).toBe('CONFLICT');
    await t.api('sales.checkout', { clientRequestId: rid(), lines: [{ productId: s.meteId, qty: 1 }], payments: cash(100_000) }, s.cashier);
    await t.api('sales.checkout', { clientRequestId: rid(), lines: [{ productId: s.meteId, qty: 1 }], payments: [{ method: 'debit', amount: 50_000 }] }, s.cashier);
    const current = (await t.api('shifts.current', {}, s.cashier)).body;
    // 300.000 float + 100.000 cash in − 50.000 change = 350.000; the debit sale brings no cash.
    expect(current).toMatchObject({ salesCount: 2, salesTotal: 100_000, cashSales: 100_000, changeGiven: 50_000, expectedCash: 350_000 });
    const closed = await t.api('shifts.close', { countedCash: 345_000 }, s.cashier);
    expect(closed.body).toMatchObject({ expectedCash: 350_000, countedCash: 345_000, variance: -5_000 });
    expect(closed.body.closedAt).toBe(t.clock.now());
    expect((await t.api('shifts.close', { countedCash: 1 }, s.cashier)).body.error.code).toBe('SHIFT_CLOSED');
  });
});
