/**
 * Returns to supplier (retur): consigned goods given back, lot by lot. A
 * return takes units out of the lots it names and writes no ledger entry:
 * goods that were never sold are owed nothing.
 */
import { and, asc, desc, eq, gte, inArray, lte } from 'drizzle-orm';
import { intakes, lots, products, returnLines, returns, suppliers, users } from '../../db/schema';
import { fail } from '../../shared/errors';
import type { ReturnLineView, ReturnReason, ReturnSummary, ReturnView } from '../../shared/types-backoffice';
import type { Actor, Ctx } from './context';
import { audit } from './audit';
import { businessDate, compactDate } from './clock';
import { getSetting } from './settings';
import { nextSequence, pad } from './sequences';
import { requireSupplier } from './suppliers';
import { termsOf } from '../../shared/pricing';
import { valueAtTerms } from './stock-value';

export interface ReturnInput {
  supplierId: number;
  lines: { lotId: number; qty: number }[];
  reason: ReturnReason;
  note?: string;
}

/**
 * Give lots back to their supplier in one transaction. Every lot must be
 * the supplier's; the qty per lot (lines naming the same lot add up) can
 * never exceed what remains, expired or not.
 */
export function createReturn(ctx: Ctx, actor: Actor, input: ReturnInput): ReturnView {
  return ctx.db.transaction(() => {
    const supplier = requireSupplier(ctx, input.supplierId);
    const ids = [...new Set(input.lines.map((l) => l.lotId))];
    const found = ctx.db.select().from(lots).where(inArray(lots.id, ids)).all();
    const byId = new Map(found.map((l) => [l.id, l]));
    const wanted = new Map<number, number>();
    input.lines.forEach((line, i) => {
      const lot = byId.get(line.lotId);
      if (!lot) return fail('NOT_FOUND', `Lot #${line.lotId} tidak ditemukan.`, { field: `lines.${i}.lotId` });
      if (lot.supplierId !== supplier.id) {
        return fail('VALIDATION', `Lot #${lot.id} bukan titipan ${supplier.name}.`, { field: `lines.${i}.lotId`, lotId: lot.id });
      }
      const total = (wanted.get(lot.id) ?? 0) + line.qty;
      if (total > lot.remainingQty) {
        return fail('VALIDATION', `Lot #${lot.id}: sisa ${lot.remainingQty}, tidak bisa diretur ${total}.`, {
          field: `lines.${i}.qty`,
          lotId: lot.id,
          remaining: lot.remainingQty,
          requested: total,
        });
      }
      wanted.set(lot.id, total);
    });

    const now = ctx.clock.now();
    const tz = getSetting(ctx.db, 'timeZone');
    const day = compactDate(now, tz);
    const number = `RT-${day}-${pad(nextSequence(ctx.db, `return:${day}`), 3)}`;
    const row = ctx.db
      .insert(returns)
      .values({
        number,
        supplierId: supplier.id,
        reason: input.reason,
        note: input.note || null,
        createdBy: actor.userId,
        businessDate: businessDate(now, tz),
        createdAt: now,
      })
      .returning({ id: returns.id })
      .get();
    for (const [lotId, qty] of wanted) {
      const lot = byId.get(lotId)!;
      ctx.db.insert(returnLines).values({ returnId: row.id, lotId, productId: lot.productId, qty }).run();
      ctx.db.update(lots).set({ remainingQty: lot.remainingQty - qty }).where(eq(lots.id, lotId)).run();
    }
    audit(ctx, {
      userId: actor.userId,
      action: 'returns.create',
      entity: 'return',
      entityId: row.id,
      details: { number, reason: input.reason, lines: [...wanted].map(([lotId, qty]) => ({ lotId, qty })) },
    });
    return getReturn(ctx, row.id);
  });
}

export function getReturn(ctx: Ctx, id: number): ReturnView {
  const head = ctx.db
    .select({ ret: returns, supplierCode: suppliers.code, supplierName: suppliers.name, createdByName: users.name })
    .from(returns)
    .innerJoin(suppliers, eq(suppliers.id, returns.supplierId))
    .innerJoin(users, eq(users.id, returns.createdBy))
    .where(eq(returns.id, id))
    .get();
  if (!head) return fail('NOT_FOUND', `Retur #${id} tidak ditemukan.`, { field: 'id' });
  const rows = ctx.db
    .select({ line: returnLines, lot: lots, sku: products.sku, name: products.name, unit: products.unit, intakeNumber: intakes.number })
    .from(returnLines)
    .innerJoin(lots, eq(lots.id, returnLines.lotId))
    .innerJoin(products, eq(products.id, returnLines.productId))
    .leftJoin(intakes, eq(intakes.id, lots.intakeId))
    .where(eq(returnLines.returnId, id))
    .orderBy(asc(returnLines.id))
    .all();
  const lines: ReturnLineView[] = rows.map((r) => ({
    lotId: r.lot.id,
    productId: r.line.productId,
    sku: r.sku,
    name: r.name,
    unit: r.unit,
    qty: r.line.qty,
    expiryDate: r.lot.expiryDate,
    intakeNumber: r.intakeNumber,
    terms: termsOf(r.lot),
    sellPrice: r.lot.sellPrice,
    value: valueAtTerms(r.lot, r.line.qty),
  }));
  const r = head.ret;
  return {
    id: r.id,
    number: r.number,
    supplierId: r.supplierId,
    supplierCode: head.supplierCode,
    supplierName: head.supplierName,
    reason: r.reason,
    note: r.note,
    createdBy: r.createdBy,
    createdByName: head.createdByName,
    businessDate: r.businessDate,
    createdAt: r.createdAt,
    lines,
    totalQty: lines.reduce((n, l) => n + l.qty, 0),
    totalValue: lines.reduce((n, l) => n + l.value, 0),
  };
}

/** Returns newest first, by supplier and business-day range (inclusive). */
export function listReturns(ctx: Ctx, input: { supplierId?: number; from?: string; to?: string; limit?: number }): ReturnSummary[] {
  const heads = ctx.db
    .select({ ret: returns, supplierCode: suppliers.code, supplierName: suppliers.name, createdByName: users.name })
    .from(returns)
    .innerJoin(suppliers, eq(suppliers.id, returns.supplierId))
    .innerJoin(users, eq(users.id, returns.createdBy))
    .where(
      and(
        input.supplierId === undefined ? undefined : eq(returns.supplierId, input.supplierId),
        input.from ? gte(returns.businessDate, input.from) : undefined,
        input.to ? lte(returns.businessDate, input.to) : undefined,
      ),
    )
    .orderBy(desc(returns.createdAt), desc(returns.id))
    .limit(input.limit ?? 100)
    .all();
  if (heads.length === 0) return [];
  const lines = ctx.db
    .select({ returnId: returnLines.returnId, qty: returnLines.qty, lot: lots })
    .from(returnLines)
    .innerJoin(lots, eq(lots.id, returnLines.lotId))
    .where(inArray(returnLines.returnId, heads.map((h) => h.ret.id)))
    .all();
  return heads.map((h) => {
    const own = lines.filter((l) => l.returnId === h.ret.id);
    return {
      id: h.ret.id,
      number: h.ret.number,
      supplierId: h.ret.supplierId,
      supplierCode: h.supplierCode,
      supplierName: h.supplierName,
      reason: h.ret.reason,
      createdByName: h.createdByName,
      businessDate: h.ret.businessDate,
      createdAt: h.ret.createdAt,
      totalQty: own.reduce((n, l) => n + l.qty, 0),
      totalValue: own.reduce((n, l) => n + valueAtTerms(l.lot, l.qty), 0),
    };
  });
}
