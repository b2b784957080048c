/**
 * Issue 11 items 7, 9, 10 and 11, over HTTP: what a device on the shop's
 * LAN can send and the host must refuse (and how it answers logins).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_RUPIAH } from '../../src/shared/money';
import { pinKdf } from '../../src/main/core/users';
import { seedShop, snapshot, startTestApi, type Seeded, type TestApi } from '../support/api-harness';

let t: TestApi;
let s: Seeded;

beforeEach(async () => {
  t = await startTestApi();
  s = await seedShop(t);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await t.close();
});

/** POST a raw body (bytes or text exactly as given). */
async function raw(name: string, body: string | Uint8Array, token?: string) {
  const res = await fetch(`${t.url}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body,
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe('logins (item 7)', () => {
  it('runs the same key derivation for an unknown or inactive username as for a wrong PIN', async () => {
    const derive = vi.spyOn(pinKdf, 'derive');
    const attempt = async (username: string, pin: string) => {
      derive.mockClear();
      const r = await t.api('auth.login', { username, pin });
      expect(r.status).toBe(401);
      expect(r.body.error.message).toBe('Nama pengguna atau PIN salah.');
      return derive.mock.calls.length;
    };
    expect(await attempt('kasir', '9999')).toBe(1); // known user, wrong PIN
    expect(await attempt('tidakada', '9999')).toBe(1); // unknown user: the same one derivation
    expect(await attempt('zz', '1')).toBe(1);
    const kasirId = (t.app.db.$client.prepare("SELECT id FROM users WHERE username = 'kasir'").get() as { id: number }).id;
    expect((await t.api('users.update', { id: kasirId, active: false }, s.admin)).status).toBe(200);
    expect(await attempt('kasir', '1111')).toBe(1); // inactive user, even with the right PIN
    // The derivation is scrypt with the stored parameters, not a no-op.
    derive.mockClear();
    expect((await t.api('auth.login', { username: 'manajer', pin: '2222' })).status).toBe(200);
    expect(derive).toHaveBeenCalledTimes(1);
    expect(derive.mock.calls[0]![3]).toBe(16384);
  });

  it('refuses control characters in a PIN (a trailing NUL does not log in), at login and in an approval', async () => {
    const sessions = () => (t.app.db.$client.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n;
    const before = sessions();
    for (const pin of ['1111\u0000', '1111\u0000\u0000', '\u00001111', '1111\n', '11\t11', '1111\u200b', '\ufeff1111', '1111\u007f']) {
      const r = await t.api('auth.login', { username: 'kasir', pin });
      expect(r.status, JSON.stringify(pin)).toBe(400);
      expect(r.body.error, JSON.stringify(pin)).toMatchObject({ code: 'VALIDATION', details: { field: 'pin' } });
    }
    expect(sessions()).toBe(before);
    // The same PIN without the NUL still logs in.
    expect((await t.api('auth.login', { username: 'kasir', pin: '1111' })).status).toBe(200);

    const snap = snapshot(t.app);
    const approval = await t.api(
      'approvals.verify',
      {
        action: 'sales.checkout',
        username: 'manajer',
        pin: '2222\u0000',
        lines: [{ productId: s.meteId, qty: 1, discount: { type: 'percent', bps: 5000 } }],
      },
      s.cashier,
    );
    expect(approval.status).toBe(400);
    expect(approval.body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'pin' } });
    expect(snapshot(t.app)).toEqual(snap);
  });
});

describe('barcodes and SKUs share one namespace (item 9)', () => {
  const product = (barcode: string | undefined, name = 'Bagea Kenari') => ({
    name,
    supplierId: s.supplierId,
    sellPrice: 15_000,
    terms: { type: 'fixed', supplierPrice: 12_000 },
    ...(barcode ? { barcode } : {}),
  });

  it("refuses a barcode equal to another product's SKU (any case), on create and on update, with CONFLICT", async () => {
    const mete = (await t.api('products.get', { id: s.meteId }, s.manager)).body;
    const before = snapshot(t.app);
    for (const code of [mete.sku, mete.sku.toLowerCase()]) {
      const r = await t.api('products.create', product(code), s.manager);
      expect(r.status, code).toBe(409);
      expect(r.body.error, code).toMatchObject({ code: 'CONFLICT', details: { field: 'barcode', productId: s.meteId } });
    }
    expect(snapshot(t.app)).toEqual(before);
    const upd = await t.api('products.update', { id: s.tenunId, barcode: mete.sku }, s.manager);
    expect(upd.status).toBe(409);
    expect(upd.body.error).toMatchObject({ code: 'CONFLICT', details: { field: 'barcode' } });
    expect(snapshot(t.app)).toEqual(before);
    // The scanner still finds the right product by its SKU.
    expect((await t.api('products.lookup', { code: mete.sku.toLowerCase() }, s.cashier)).body.id).toBe(s.meteId);
    // A product's barcode may equal its own SKU (it finds itself).
    expect((await t.api('products.update', { id: s.meteId, barcode: mete.sku }, s.manager)).status).toBe(200);
  });

  it('a new SKU is never one that is already some product’s barcode', async () => {
    const next = (await t.api('products.create', product(undefined, 'Probe'), s.manager)).body.sku as string; // P00004
    const n = Number(next.slice(1));
    const sku = (k: number) => `P${String(k).padStart(5, '0')}`;
    // A packaging code that happens to look like the SKU after the next one.
    const taken = sku(n + 2);
    const holder = await t.api('products.create', product(taken.toLowerCase(), 'Kemasan berkode P'), s.manager);
    expect(holder.status).toBe(200);
    expect(holder.body.sku).toBe(sku(n + 1));
    const after = await t.api('products.create', product(undefined, 'Sesudahnya'), s.manager);
    expect(after.body.sku).toBe(sku(n + 3)); // P(n+2) is a barcode already: skipped
    const last = await t.api('products.create', product(undefined, 'Berikutnya'), s.manager);
    expect(last.body.sku).toBe(sku(n + 4)); // nothing else skipped
    const all = t.app.db.$client.prepare('SELECT sku FROM products').all() as { sku: string }[];
    expect(all.map((p) => p.sku)).not.toContain(taken);
    expect((await t.api('products.lookup', { code: taken.toLowerCase() }, s.cashier)).body.id).toBe(holder.body.id);
  });
});

describe('one maximum for every amount and total (item 10)', () => {
  it('refuses a held cart, a payment total, a cash count, an intake and a lot beyond the maximum; changes nothing', async () => {
    const before = snapshot(t.app);
    const expectRefused = async (name: string, input: unknown, field: string, token = s.cashier) => {
      const r = await t.api(name, input, token);
      expect(r.status, `${name} ${JSON.stringify(r.body)}`).toBe(400);
      expect(r.body.error, name).toMatchObject({ code: 'VALIDATION', details: { field } });
    };
    // A held cart of 200 lines of 100 000 × the maximum price (~2 × 10^19 before).
    const huge = Array.from({ length: 200 }, () => ({ productId: s.meteId, qty: 100_000, priceOverride: MAX_RUPIAH }));
    await expectRefused('sales.hold', { lines: huge }, 'lines.0.qty');
    // Each line within the maximum, the cart over it.
    await expectRefused('sales.hold', { lines: [{ productId: s.meteId, qty: 1, priceOverride: MAX_RUPIAH }, { productId: s.meteId, qty: 1 }] }, 'lines');
    // Cash far beyond the sale: ten payments of the maximum.
    await expectRefused(
      'sales.checkout',
      { clientRequestId: 'cash-max-0001', lines: [{ productId: s.meteId, qty: 1 }], payments: Array.from({ length: 10 }, () => ({ method: 'cash', amount: MAX_RUPIAH })) },
      'payments',
    );
    // One amount over the maximum, field by field.
    await expectRefused('sales.checkout', { clientRequestId: 'cash-max-0002', lines: [{ productId: s.meteId, qty: 1 }], payments: [{ method: 'cash', amount: MAX_RUPIAH + 1 }] }, 'payments.0.amount');
    await expectRefused('shifts.payIn', { amount: MAX_RUPIAH + 1, reason: 'x' }, 'amount');
    await expectRefused('shifts.close', { denominations: { '100000': 100_000, '50000': 100_000 } }, 'denominations');
    await expectRefused('products.create', { name: 'Mahal', supplierId: s.supplierId, sellPrice: MAX_RUPIAH + 1, terms: { type: 'commission', commissionBps: 0 } }, 'sellPrice', s.manager);
    await expectRefused('ledger.fee', { supplierId: s.supplierId, amount: MAX_RUPIAH + 1, note: 'x' }, 'amount', s.manager);
    expect(snapshot(t.app)).toEqual(before);

    // An intake whose line (sell price × qty) or total passes the maximum.
    const pricey = (await t.api('products.create', { name: 'Ukiran Jati', supplierId: s.supplierId, sellPrice: MAX_RUPIAH, terms: { type: 'commission', commissionBps: 1500 } }, s.manager)).body;
    const cheap = (await t.api('products.create', { name: 'Gantungan Kunci', supplierId: s.supplierId, sellPrice: 1_000, terms: { type: 'fixed', supplierPrice: 700 } }, s.manager)).body;
    const mid = snapshot(t.app);
    await expectRefused('intakes.create', { supplierId: s.supplierId, lines: [{ productId: pricey.id, qty: 2 }] }, 'lines.0.qty', s.manager);
    await expectRefused('intakes.create', { supplierId: s.supplierId, lines: [{ productId: pricey.id, qty: 1 }, { productId: cheap.id, qty: 1 }] }, 'lines', s.manager);
    expect(snapshot(t.app)).toEqual(mid);
    // At the maximum it is accepted, and every read of it is exact.
    const intake = await t.api('intakes.create', { supplierId: s.supplierId, lines: [{ productId: pricey.id, qty: 1 }] }, s.manager);
    expect(intake.status).toBe(200);
    expect((await t.api('intakes.get', { id: intake.body.id }, s.manager)).body.totalValue).toBe(MAX_RUPIAH - 1_500_000_000);
    // A found-again correction may not push the lot past the maximum either.
    await expectRefused('stock.adjust', { lotId: intake.body.lots[0].id, delta: 1, reason: 'Ketemu', liability: 'shop' }, 'delta', s.manager);
  });

  it('refuses impossible months and years in the office report and date ranges', async () => {
    for (const month of ['0000-01', '1999-12', '3000-01', '2026-13', '2026-00']) {
      const r = await t.api('reports.office', { month }, s.manager);
      expect(r.status, month).toBe(400);
      expect(r.body.error, month).toMatchObject({ code: 'VALIDATION', details: { field: 'month' } });
      expect((await t.api('reports.officeHtml', { month }, s.manager)).status, month).toBe(400);
      expect((await t.api('reports.export', { report: 'office', params: { month }, format: 'csv' }, s.manager)).status, month).toBe(400);
    }
    const r = await t.api('reports.salesBySupplier', { from: '0000-01-01', to: '0000-12-31' }, s.manager);
    expect(r.body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'from' } });
    expect((await t.api('reports.office', { month: '2026-11' }, s.manager)).status).toBe(200);
  });
});

describe('text must be valid Unicode (item 11)', () => {
  it('refuses a lone surrogate in any string or key with VALIDATION naming the field, and stores nothing', async () => {
    const before = snapshot(t.app);
    const cases: [string, string, string, string][] = [
      ['suppliers.create', '{"name":"Tenun \\ud800 Buton"}', 'name', s.manager],
      ['suppliers.create', '{"name":"Tenun \\udfff"}', 'name', s.manager],
      ['suppliers.create', '{"name":"A\\udc00\\ud800"}', 'name', s.manager],
      ['suppliers.create', '{"name":"Ok","address":"Jl. \\ud83d"}', 'address', s.manager],
      ['sales.hold', `{"lines":[{"productId":${1},"qty":1}],"note":"\\ud800"}`, 'note', s.cashier],
      ['suppliers.create', '{"name":"Ok","\\ud800":"x"}', '\ud800', s.manager],
      ['auth.login', '{"username":"kasir","pin":"1111\\udc00"}', 'pin', ''],
    ];
    for (const [name, body, field, token] of cases) {
      const r = await raw(name, body, token || undefined);
      expect(r.status, body).toBe(400);
      expect(r.body.error, body).toMatchObject({ code: 'VALIDATION', details: { field } });
    }
    expect(snapshot(t.app)).toEqual(before);
    // A real surrogate pair (an emoji) and other scripts are fine.
    const ok = await raw('suppliers.create', JSON.stringify({ name: 'Kopi \ud83d\ude00 Kolaka — 咖啡' }), s.manager);
    expect(ok.status).toBe(200);
    expect(ok.body.name).toBe('Kopi 😀 Kolaka — 咖啡');
  });

  it('refuses a body that is not valid UTF-8 instead of storing replacement characters', async () => {
    const before = snapshot(t.app);
    const bad = [
      Buffer.concat([Buffer.from('{"name":"Tenun '), Buffer.from([0xff, 0xfe]), Buffer.from(' Buton"}')]),
      Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]), // a surrogate as UTF-8 (CESU)
      Buffer.concat([Buffer.from('{"name":"Madu'), Buffer.from([0xc3]), Buffer.from('"}')]), // truncated sequence
      Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]), // overlong
    ];
    for (const body of bad) {
      const r = await raw('suppliers.create', body, s.manager);
      expect(r.status, body.toString('hex')).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION');
    }
    expect(snapshot(t.app)).toEqual(before);
  });
});
