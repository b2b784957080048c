/**
 * A scripted day of a shop through the API, touching every write path that
 * makes facts: sales (split payments, a discount), a refund and a void,
 * a lot's expiry corrected,
 * cash in and out, an intake, a return, a single stock correction, a stock
 * count posted with differences, a fee and an adjustment, a settlement, its
 * void and a new one, supplier and product edits, a shift closed and a new
 * one opened. Deterministic for a fixed clock and the same starting shop.
 */
import type { apiClient } from './server';
import type { Seeded } from './api-harness';

type Api = ReturnType<typeof apiClient>;

export async function shopDay(api: Api, s: Seeded, options: { day: string; idPrefix?: string }): Promise<void> {
  const prefix = options.idPrefix ?? 'day';
  let n = 0;
  const ok = async <T = any>(name: string, input: unknown, token: string): Promise<T> => {
    const r = await api<T>(name, input, token);
    if (r.status !== 200) throw new Error(`${name} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const sell = (lines: unknown[], payments: unknown[], extra: Record<string, unknown> = {}) =>
    ok<any>('sales.checkout', { clientRequestId: `${prefix}-sale-${++n}`, lines, payments, ...extra }, s.cashier);

  const a = await sell([{ productId: s.meteId, qty: 2 }, { productId: s.tenunId, qty: 1 }], [{ method: 'cash', amount: 500_000 }]);
  const b = await sell([{ productId: s.abonId, qty: 1 }], [{ method: 'qris', amount: 35_000, reference: 'QR-1' }]);
  await sell(
    [{ productId: s.meteId, qty: 1, discount: { type: 'amount', value: 2_000 } }],
    [
      { method: 'debit', amount: 20_000 },
      { method: 'cash', amount: 50_000 },
    ],
  );

  // A refund of one tenun (restocked) and the void of sale b.
  const saleA = await ok<any>('sales.get', { id: a.id }, s.manager);
  const tenunLine = saleA.lines.find((l: any) => l.productId === s.tenunId);
  const refundLines = [{ saleLineId: tenunLine.id, qty: 1, restock: true }];
  const preview = await ok<any>('sales.refundPreview', { saleId: a.id, lines: refundLines }, s.manager);
  await ok('sales.refund', { saleId: a.id, lines: refundLines, reason: 'Salah warna', payments: [{ method: 'cash', amount: preview.total }] }, s.manager);
  await ok('sales.void', { saleId: b.id, reason: 'Salah scan' }, s.manager);

  await ok('shifts.payIn', { amount: 100_000, reason: 'Tambah uang kecil' }, s.cashier);
  await ok('shifts.payOut', { amount: 20_000, reason: 'Beli kantong plastik' }, s.cashier);

  await ok('intakes.create', { supplierId: s.supplier2Id, lines: [{ productId: s.tenunId, qty: 4 }] }, s.manager);

  const mete = await ok<any>('products.detail', { id: s.meteId }, s.manager);
  const meteLot = mete.lots.find((l: any) => l.remainingQty >= 2);
  await ok('returns.create', { supplierId: s.supplierId, lines: [{ lotId: meteLot.id, qty: 1 }], reason: 'unsold' }, s.manager);
  // A lot's expiry date corrected (saved wrong by the old date field): its own fact.
  const dated = mete.lots.find((l: any) => l.expiryDate);
  if (dated) await ok('stock.correctExpiry', { lotId: dated.id, expiryDate: dated.expiryDate === '2027-06-05' ? '2027-06-30' : '2027-06-05', reason: 'Tanggal dan bulan tertukar' }, s.manager);

  const tenun = await ok<any>('products.detail', { id: s.tenunId }, s.manager);
  const tenunLot = tenun.lots.find((l: any) => l.remainingQty >= 1);
  await ok('stock.adjust', { lotId: tenunLot.id, delta: -1, reason: 'Rusak kena air', liability: 'shop' }, s.manager);

  const count = await ok<any>('stock.count.start', { supplierId: s.supplierId }, s.manager);
  const lines = count.lines.map((l: any, i: number) => ({ lotId: l.lotId, countedQty: i === 0 ? Math.max(0, l.expectedQty - 1) : l.expectedQty }));
  await ok('stock.count.record', { countId: count.id, lines }, s.manager);
  const differing = lines.filter((l: any, i: number) => l.countedQty !== count.lines[i].expectedQty);
  await ok('stock.count.post', { countId: count.id, lines: differing.map((l: any) => ({ lotId: l.lotId, reason: 'Hilang', liability: 'shop' })) }, s.manager);
  const cancelled = await ok<any>('stock.count.start', { supplierId: s.supplier2Id }, s.manager);
  await ok('stock.count.cancel', { countId: cancelled.id }, s.manager);

  await ok('ledger.fee', { supplierId: s.supplierId, amount: 5_000, note: 'Biaya display' }, s.manager);
  await ok('ledger.adjust', { supplierId: s.supplier2Id, amount: -2_000, reason: 'Koreksi' }, s.manager);

  const pv = await ok<any>('settlements.preview', { supplierId: s.supplierId, cutoff: options.day }, s.manager);
  const paid = await ok<any>('settlements.create', { supplierId: s.supplierId, cutoff: options.day, method: 'cash', expectedAmount: pv.amount, throughEntryId: pv.throughEntryId }, s.manager);
  await ok('settlements.void', { id: paid.id, reason: 'Salah jumlah' }, s.admin);
  const pv2 = await ok<any>('settlements.preview', { supplierId: s.supplierId, cutoff: options.day }, s.manager);
  await ok('settlements.create', { supplierId: s.supplierId, cutoff: options.day, method: 'transfer', reference: 'TRF-1', expectedAmount: pv2.amount }, s.manager);

  await ok('suppliers.update', { id: s.supplierId, phone: '0812 3456 7890' }, s.manager);
  await ok('products.update', { id: s.meteId, sellPrice: 52_000 }, s.manager);
  await ok('products.create', { name: 'Kopi Kolaka 200 g', supplierId: s.supplier2Id, sellPrice: 45_000, terms: { type: 'fixed', supplierPrice: 36_000 } }, s.manager);
  await ok('suppliers.create', { name: 'Madu Hutan Konawe', district: 'Kabupaten Konawe' }, s.manager);

  await sell([{ productId: s.meteId, qty: 1 }], [{ method: 'transfer', amount: 52_000, reference: 'TRF-9' }]);
  const shift = await ok<any>('shifts.current', {}, s.cashier);
  await ok('shifts.close', { countedCash: shift.expectedCash }, s.cashier);
  await ok('shifts.open', { openingFloat: 150_000 }, s.cashier);
}
