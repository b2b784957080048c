/**
 * Outlets for the forwarding tests: a shop with a few days of history made
 * in-process on a fixed clock (so the central database gets several business
 * days through the backfill), then a random but reproducible workload through
 * HTTP — sales, intakes, refunds, voids, fees, settlements, cash in — as the
 * shop would do while forwarding.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 } from '../../src/main/core/demo';
import { seedShop, startTestApi, T0, type Seeded, type TestApi } from './api-harness';
import type { apiClient } from './server';

type Api = ReturnType<typeof apiClient>;

export interface OutletTokens {
  admin: string;
  manager: string;
  cashier: string;
}

export interface PreparedOutlet {
  dbPath: string;
  /** Products with plenty of stock and no near expiry: [productId, sellPrice]. */
  sellable: [number, number][];
  supplierIds: number[];
}

const okFor =
  (api: Api) =>
  async <T = any>(name: string, input: unknown, token: string): Promise<T> => {
    const r = await api<T>(name, input, token);
    if (r.status !== 200) throw new Error(`${name} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

/**
 * A shop with `days` days of history from 29 Nov 2026: seeded, one more supplier
 * of `district` with two products, daily sales, a refund and a shift per day.
 * Returns a copy of its database file (the in-process server is closed).
 */
export async function prepareOutlet(options: { district: string; days: number; seed: number; salesPerDay?: number }): Promise<PreparedOutlet> {
  const perDay = options.salesPerDay ?? 6;
  // From 29 Nov 2026 (the seeded shop's dates), one day after another; the live phase is today.
  const t: TestApi = await startTestApi({ start: T0 });
  try {
    const s: Seeded = await seedShop(t);
    const ok = okFor(t.api);
    const sup = await ok<any>('suppliers.create', { name: `UMKM ${options.district}`, district: options.district, bankName: 'BNI', bankAccount: '0099887766', bankHolder: 'Wa Ode' }, s.manager);
    const fixed = await ok<any>('products.create', { name: `Bawang goreng ${options.district}`, supplierId: sup.id, sellPrice: 27_500, terms: { type: 'fixed', supplierPrice: 21_000 } }, s.manager);
    const comm = await ok<any>('products.create', { name: `Tenun ikat ${options.district}`, supplierId: sup.id, sellPrice: 412_000, terms: { type: 'commission', commissionBps: 1250 } }, s.manager);
    await ok('intakes.create', { supplierId: sup.id, lines: [{ productId: fixed.id, qty: 5000 }, { productId: comm.id, qty: 5000 }] }, s.manager);
    await ok('intakes.create', { supplierId: s.supplierId, lines: [{ productId: s.meteId, qty: 5000, expiryDate: '2030-12-31' }] }, s.manager);
    const sellable: [number, number][] = [
      [s.meteId, 50_000],
      [fixed.id, 27_500],
      [comm.id, 412_000],
    ];
    const rng = mulberry32(options.seed);
    let cashier = s.cashier;
    for (let d = 0; d < options.days; d++) {
      for (let i = 0; i < perDay; i++) {
        const [productId, price] = sellable[Math.floor(rng() * sellable.length)]!;
        const qty = 1 + Math.floor(rng() * 3);
        await ok('sales.checkout', { clientRequestId: `hist-${d}-${i}-${options.seed}`, lines: [{ productId, qty }], payments: [{ method: 'qris', amount: price * qty }] }, cashier);
        t.clock.advance(Math.floor((12 * 3_600_000) / perDay));
      }
      const shift = await ok<any>('shifts.current', {}, cashier);
      await ok('shifts.close', { countedCash: shift.expectedCash }, cashier);
      t.clock.advance(86_400_000 - perDay * Math.floor((12 * 3_600_000) / perDay));
      cashier = (await login(t.api)).cashier; // sessions end after 12 idle hours
      await ok('shifts.open', { openingFloat: 200_000 }, cashier);
    }
    const dir = mkdtempSync(join(tmpdir(), 'kasir-outlet-'));
    const dbPath = join(dir, 'kasir.db');
    await t.app.db.$client.backup(dbPath);
    return { dbPath, sellable, supplierIds: [s.supplierId, s.supplier2Id, sup.id] };
  } finally {
    await t.close();
  }
}

export async function login(api: Api): Promise<OutletTokens> {
  const ok = okFor(api);
  const as = async (username: string, pin: string) => (await ok<any>('auth.login', { username, pin, tillCode: 'K1' }, '')).token as string;
  return { admin: await as('admin', '123456'), manager: await as('manajer', '2222'), cashier: await as('kasir', '1111') };
}

/** `ops` random operations of a shop day, reproducible from `seed`. */
export async function runWorkload(api: Api, tokens: OutletTokens, outlet: PreparedOutlet, options: { ops: number; seed: number; today: string }): Promise<{ sales: number }> {
  const ok = okFor(api);
  const rng = mulberry32(options.seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)]!;
  const sales: { id: number }[] = [];
  for (let i = 0; i < options.ops; i++) {
    const r = rng();
    if (r < 0.55 || sales.length === 0) {
      const lines = Array.from({ length: 1 + Math.floor(rng() * 3) }, () => {
        const [productId] = pick(outlet.sellable);
        return { productId, qty: 1 + Math.floor(rng() * 2), ...(rng() < 0.1 ? { discount: { type: 'amount', value: 500 } } : {}) };
      });
      const merged = [...new Map(lines.map((l) => [l.productId, l])).values()];
      const total = merged.reduce((n, l) => n + outlet.sellable.find(([p]) => p === l.productId)![1] * l.qty - (l.discount ? 500 : 0), 0);
      const payments = rng() < 0.5 ? [{ method: 'cash', amount: Math.ceil(total / 50_000) * 50_000 }] : [{ method: pick(['qris', 'debit', 'transfer']), amount: total }];
      sales.push(await ok('sales.checkout', { clientRequestId: `work-${options.seed}-${i}`, lines: merged, payments }, tokens.cashier));
    } else if (r < 0.65) {
      const sale = await ok<any>('sales.get', { id: pick(sales).id }, tokens.manager);
      const line = sale.lines.find((l: any) => l.qty > l.refundedQty);
      if (!line || sale.status === 'voided') continue;
      const lines = [{ saleLineId: line.id, qty: 1, restock: rng() < 0.5 }];
      const preview = await ok<any>('sales.refundPreview', { saleId: sale.id, lines }, tokens.manager);
      await ok('sales.refund', { saleId: sale.id, lines, reason: 'Tidak jadi', payments: [{ method: 'qris', amount: preview.total }] }, tokens.manager);
    } else if (r < 0.7) {
      // The latest sale voided, if nothing of it was refunded yet (a void is for the same shift).
      const last = await ok<any>('sales.get', { id: sales.at(-1)!.id }, tokens.manager);
      if (last.status === 'voided' || last.refunds.length > 0) continue;
      await ok('sales.void', { saleId: last.id, reason: 'Pelanggan batal' }, tokens.manager);
    } else if (r < 0.78) {
      const [productId] = pick(outlet.sellable);
      const product = await ok<any>('products.get', { id: productId }, tokens.manager);
      await ok('intakes.create', { supplierId: product.supplierId, lines: [{ productId, qty: 5 + Math.floor(rng() * 20), ...(product.trackExpiry ? { expiryDate: '2030-12-31' } : {}) }] }, tokens.manager);
    } else if (r < 0.84) {
      await ok('ledger.fee', { supplierId: pick(outlet.supplierIds), amount: 1_000 * (1 + Math.floor(rng() * 10)), note: 'Biaya display' }, tokens.manager);
    } else if (r < 0.92) {
      const supplierId = pick(outlet.supplierIds);
      const pv = await ok<any>('settlements.preview', { supplierId, cutoff: options.today }, tokens.manager);
      if (!pv.payable) continue;
      const paid = await ok<any>('settlements.create', { supplierId, cutoff: options.today, method: 'cash', expectedAmount: pv.amount, throughEntryId: pv.throughEntryId }, tokens.manager);
      if (rng() < 0.3) await ok('settlements.void', { id: paid.id, reason: 'Salah pemasok' }, tokens.admin);
    } else {
      await ok('shifts.payIn', { amount: 10_000, reason: 'Uang kecil' }, tokens.cashier);
    }
  }
  return { sales: sales.length };
}
