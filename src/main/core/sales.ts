import { asc, eq, inArray } from 'drizzle-orm';
import { ledgerEntries, payments, products, saleLineLots, saleLines, sales, users } from '../../db/schema';
import { fail } from '../../shared/errors';
import { MAX_RUPIAH, type Rupiah } from '../../shared/money';
import type { PaymentMethod } from '../../shared/printer';
import type { ReceiptData } from '../printing/types';
import type { Actor, Ctx } from './context';
import type { SaleView } from '../../shared/types';
import { businessDate, compactDate } from './clock';
import { getSetting, getSettings } from './settings';
import { nextSequence, pad } from './sequences';
import { openShiftRow } from './shifts';
import { allocateFefo } from './stock';
import { splitByWeights, supplierShare } from './shares';

export interface CheckoutInput {
  clientRequestId: string;
  lines: { productId: number; qty: number }[];
  payments: { method: PaymentMethod; amount: Rupiah; reference?: string }[];
}


/**
 * Ring up a sale in one transaction: price every line from the database,
 * allocate lots FEFO, split each portion's money between supplier and shop,
 * write the supplier ledger, record the payments. A repeated
 * clientRequestId returns the first sale and changes nothing.
 */
export function checkout(ctx: Ctx, actor: Actor, input: CheckoutInput): { sale: SaleView; replayed: boolean } {
  const replay = () => {
    const prior = ctx.db.select({ id: sales.id }).from(sales).where(eq(sales.clientRequestId, input.clientRequestId)).get();
    return prior ? { sale: getSale(ctx, prior.id), replayed: true } : undefined;
  };
  const result = ctx.db.transaction(() => {
    const prior = replay();
    if (prior) return prior;

    const shift = openShiftRow(ctx, actor.tillCode);
    if (!shift) fail('SHIFT_CLOSED', `Buka shift kasir ${actor.tillCode} dulu sebelum berjualan.`);

    const ids = [...new Set(input.lines.map((l) => l.productId))];
    const rows = ctx.db.select().from(products).where(inArray(products.id, ids)).all();
    const byId = new Map(rows.map((p) => [p.id, p]));
    const priced = input.lines.map((line, i) => {
      const p = byId.get(line.productId);
      if (!p) return fail('NOT_FOUND', `Produk #${line.productId} tidak ditemukan.`, { field: `lines.${i}.productId` });
      if (!p.active) return fail('VALIDATION', `"${p.name}" tidak dijual lagi.`, { field: `lines.${i}.productId` });
      return { product: p, qty: line.qty, unitPrice: p.sellPrice, gross: p.sellPrice * line.qty };
    });
    const subtotal = priced.reduce((n, l) => n + l.gross, 0);
    const discountTotal = 0;
    const total = subtotal - discountTotal;
    if (total > MAX_RUPIAH) fail('VALIDATION', 'Total penjualan terlalu besar.', { field: 'lines' });

    const paid = input.payments.reduce((n, p) => n + p.amount, 0);
    const nonCash = input.payments.filter((p) => p.method !== 'cash').reduce((n, p) => n + p.amount, 0);
    if (nonCash > total) {
      fail('VALIDATION', 'Pembayaran non-tunai tidak boleh melebihi total belanja.', { field: 'payments', total, nonCash });
    }
    if (paid < total) fail('VALIDATION', 'Pembayaran kurang dari total belanja.', { field: 'payments', total, paid });
    const change = paid - total;

    const now = ctx.clock.now();
    const tz = getSetting(ctx.db, 'timeZone');
    const today = businessDate(now, tz);
    const day = compactDate(now, tz);
    const number = `${actor.tillCode}-${day}-${pad(nextSequence(ctx.db, `sale:${actor.tillCode}:${day}`), 4)}`;

    const sale = ctx.db
      .insert(sales)
      .values({
        number,
        clientRequestId: input.clientRequestId,
        tillCode: actor.tillCode,
        shiftId: shift!.id,
        cashierId: actor.userId,
        subtotal,
        discountTotal,
        total,
        paid,
        change,
        businessDate: today,
        createdAt: now,
      })
      .returning({ id: sales.id })
      .get();

    priced.forEach((line, i) => {
      const discount = 0;
      const lineTotal = line.gross - discount;
      const saleLine = ctx.db
        .insert(saleLines)
        .values({
          saleId: sale.id,
          lineNo: i + 1,
          productId: line.product.id,
          name: line.product.name,
          qty: line.qty,
          unitPrice: line.unitPrice,
          discount,
          lineTotal,
        })
        .returning({ id: saleLines.id })
        .get();
      const portions = allocateFefo(ctx, line.product.id, line.qty, today, line.product.name);
      const nets = splitByWeights(lineTotal, portions.map((p) => p.qty));
      portions.forEach((portion, k) => {
        const net = nets[k];
        const share = portion.lot.supplierId === null ? 0 : supplierShare(portion.lot, portion.qty, net);
        const sll = ctx.db
          .insert(saleLineLots)
          .values({ saleLineId: saleLine.id, lotId: portion.lot.id, qty: portion.qty, netAmount: net, supplierShare: share, shopShare: net - share })
          .returning({ id: saleLineLots.id })
          .get();
        if (portion.lot.supplierId !== null) {
          ctx.db
            .insert(ledgerEntries)
            .values({
              supplierId: portion.lot.supplierId,
              kind: 'sale',
              amount: share,
              saleLineLotId: sll.id,
              lotId: portion.lot.id,
              qty: portion.qty,
              businessDate: today,
              createdAt: now,
            })
            .run();
        }
      });
    });

    for (const p of input.payments) {
      ctx.db.insert(payments).values({ saleId: sale.id, method: p.method, amount: p.amount, reference: p.reference ?? null }).run();
    }
    return { sale: getSale(ctx, sale.id), replayed: false };
  });
  return result;
}

export function getSale(ctx: Ctx, id: number): SaleView {
  const sale = ctx.db
    .select({ sale: sales, cashierName: users.name })
    .from(sales)
    .innerJoin(users, eq(users.id, sales.cashierId))
    .where(eq(sales.id, id))
    .get();
  if (!sale) return fail('NOT_FOUND', `Penjualan #${id} tidak ditemukan.`, { field: 'id' });
  const lines = ctx.db.select().from(saleLines).where(eq(saleLines.saleId, id)).orderBy(asc(saleLines.lineNo)).all();
  const portions = lines.length
    ? ctx.db.select().from(saleLineLots).where(inArray(saleLineLots.saleLineId, lines.map((l) => l.id))).orderBy(asc(saleLineLots.id)).all()
    : [];
  const pays = ctx.db.select().from(payments).where(eq(payments.saleId, id)).orderBy(asc(payments.id)).all();
  const s = sale.sale;
  return {
    id: s.id,
    number: s.number,
    tillCode: s.tillCode,
    shiftId: s.shiftId,
    cashierId: s.cashierId,
    cashierName: sale.cashierName,
    createdAt: s.createdAt,
    businessDate: s.businessDate,
    subtotal: s.subtotal,
    discountTotal: s.discountTotal,
    total: s.total,
    paid: s.paid,
    change: s.change,
    lines: lines.map((l) => ({
      id: l.id,
      productId: l.productId,
      name: l.name,
      qty: l.qty,
      unitPrice: l.unitPrice,
      discount: l.discount,
      lineTotal: l.lineTotal,
      lots: portions
        .filter((p) => p.saleLineId === l.id)
        .map((p) => ({ lotId: p.lotId, qty: p.qty, netAmount: p.netAmount, supplierShare: p.supplierShare, shopShare: p.shopShare })),
    })),
    payments: pays.map((p) => ({ method: p.method, amount: p.amount, reference: p.reference })),
  };
}

/** Everything the receipt needs, from the stored sale and the shop settings. */
export function receiptData(ctx: Ctx, sale: SaleView): ReceiptData {
  const s = getSettings(ctx.db);
  return {
    shop: { name: s.shopName, address: s.shopAddress, phone: s.shopPhone, footer: s.receiptFooter },
    number: sale.number,
    tillCode: sale.tillCode,
    cashierName: sale.cashierName,
    createdAt: sale.createdAt,
    timeZone: s.timeZone,
    lines: sale.lines.map((l) => ({ name: l.name, qty: l.qty, unitPrice: l.unitPrice, discount: l.discount, lineTotal: l.lineTotal })),
    subtotal: sale.subtotal,
    discountTotal: sale.discountTotal,
    total: sale.total,
    payments: sale.payments,
    change: sale.change,
  };
}
