/**
 * Stock count (opname): start → record counted quantities → post. Each lot
 * is compared with the system qty at the moment it was counted, so the
 * shop can keep selling during a count. Posting turns every difference into
 * an adjustment with a reason and who bears it (see adjustments.ts).
 */
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { intakes, lots, products, stockCountLines, stockCounts, suppliers, users } from '../../db/schema';
import { fail } from '../../shared/errors';
import type { Liability, StockCountStatus, StockCountSummary, StockCountView } from '../../shared/types-backoffice';
import type { Actor, Ctx } from './context';
import { adjustmentsOfCount, applyAdjustment } from './adjustments';
import { audit } from './audit';
import { businessDate, compactDate } from './clock';
import { getSetting } from './settings';
import { nextSequence, pad } from './sequences';
import { requireSupplier } from './suppliers';
import { valueAtTerms } from './stock-value';

type CountRow = typeof stockCounts.$inferSelect;

function requireCount(ctx: Ctx, id: number, openOnly: boolean): CountRow {
  const row = ctx.db.select().from(stockCounts).where(eq(stockCounts.id, id)).get();
  if (!row) return fail('NOT_FOUND', `Stok opname #${id} tidak ditemukan.`, { field: 'countId' });
  if (openOnly && row.status !== 'open') {
    fail('CONFLICT', `Stok opname ${row.number} sudah ${row.status === 'posted' ? 'diposting' : 'dibatalkan'}.`, {
      field: 'countId',
      status: row.status,
    });
  }
  return row;
}

/**
 * Start a count of every lot in stock, or of one supplier's, or of one
 * category's. A lot can be in one open count at a time.
 */
export function startCount(ctx: Ctx, actor: Actor, input: { supplierId?: number; category?: string; note?: string }): StockCountView {
  return ctx.db.transaction(() => {
    if (input.supplierId !== undefined) requireSupplier(ctx, input.supplierId);
    const inScope = ctx.db
      .select({ lot: lots })
      .from(lots)
      .innerJoin(products, eq(products.id, lots.productId))
      .where(
        and(
          gt(lots.remainingQty, 0),
          input.supplierId === undefined ? undefined : eq(lots.supplierId, input.supplierId),
          input.category ? eq(products.category, input.category) : undefined,
        ),
      )
      .orderBy(asc(products.name), asc(lots.expiryDate), asc(lots.id))
      .all()
      .map((r) => r.lot);
    if (inScope.length === 0) {
      fail('VALIDATION', 'Tidak ada stok untuk dihitung.', { field: input.category ? 'category' : 'supplierId' });
    }
    const busy = ctx.db
      .select({ countId: stockCounts.id, number: stockCounts.number })
      .from(stockCountLines)
      .innerJoin(stockCounts, eq(stockCounts.id, stockCountLines.countId))
      .where(and(eq(stockCounts.status, 'open'), inArray(stockCountLines.lotId, inScope.map((l) => l.id))))
      .get();
    if (busy) {
      fail('CONFLICT', `Stok opname ${busy.number} masih berjalan untuk barang yang sama. Posting atau batalkan dulu.`, {
        countId: busy.countId,
      });
    }
    const now = ctx.clock.now();
    const tz = getSetting(ctx.db, 'timeZone');
    const day = compactDate(now, tz);
    const number = `SO-${day}-${pad(nextSequence(ctx.db, `count:${day}`), 3)}`;
    const count = ctx.db
      .insert(stockCounts)
      .values({
        number,
        supplierId: input.supplierId ?? null,
        category: input.category || null,
        note: input.note || null,
        status: 'open',
        startedBy: actor.userId,
        startedAt: now,
        businessDate: businessDate(now, tz),
      })
      .returning({ id: stockCounts.id })
      .get();
    for (const lot of inScope) {
      ctx.db.insert(stockCountLines).values({ countId: count.id, lotId: lot.id, productId: lot.productId, expectedQty: lot.remainingQty }).run();
    }
    audit(ctx, { userId: actor.userId, action: 'stock.count.start', entity: 'stock_count', entityId: count.id, details: { number, lots: inScope.length } });
    return getCount(ctx, count.id);
  });
}

/**
 * Record counted quantities, by lot or by product. A product's count is
 * spread over its lots in this count latest expiry first (FEFO sells the
 * earliest first, so what is left is most likely the latest), each up to its
 * system qty, any surplus on the latest. Counting a lot again replaces the
 * earlier figure.
 */
export function recordCount(
  ctx: Ctx,
  actor: Actor,
  input: { countId: number; lines: ({ lotId: number; countedQty: number } | { productId: number; countedQty: number })[] },
): StockCountView {
  return ctx.db.transaction(() => {
    const count = requireCount(ctx, input.countId, true);
    const lines = ctx.db
      .select({ line: stockCountLines, lot: lots })
      .from(stockCountLines)
      .innerJoin(lots, eq(lots.id, stockCountLines.lotId))
      .where(eq(stockCountLines.countId, count.id))
      .all();
    const now = ctx.clock.now();
    const set = (lineId: number, expectedQty: number, countedQty: number) =>
      ctx.db
        .update(stockCountLines)
        .set({ expectedQty, countedQty, countedBy: actor.userId, countedAt: now })
        .where(eq(stockCountLines.id, lineId))
        .run();
    input.lines.forEach((entry, i) => {
      if ('lotId' in entry) {
        const found = lines.find((l) => l.lot.id === entry.lotId);
        if (!found) return fail('VALIDATION', `Lot #${entry.lotId} tidak termasuk stok opname ${count.number}.`, { field: `lines.${i}.lotId` });
        set(found.line.id, found.lot.remainingQty, entry.countedQty);
        return;
      }
      const own = lines
        .filter((l) => l.lot.productId === entry.productId)
        .sort((a, b) => {
          const ea = a.lot.expiryDate ?? '9999-12-31';
          const eb = b.lot.expiryDate ?? '9999-12-31';
          return ea === eb ? b.lot.id - a.lot.id : ea < eb ? 1 : -1;
        });
      if (own.length === 0) {
        return fail('VALIDATION', `Produk #${entry.productId} tidak termasuk stok opname ${count.number}.`, { field: `lines.${i}.productId` });
      }
      let left = entry.countedQty;
      // Fill each lot up to its system qty, latest expiry first.
      const counted = own.map((l) => {
        const take = Math.min(left, l.lot.remainingQty);
        left -= take;
        return take;
      });
      counted[0] += left; // surplus goes on the latest lot
      own.forEach((l, k) => set(l.line.id, l.lot.remainingQty, counted[k]));
    });
    audit(ctx, {
      userId: actor.userId,
      action: 'stock.count.record',
      entity: 'stock_count',
      entityId: count.id,
      details: { lines: input.lines.length },
    });
    return getCount(ctx, count.id);
  });
}

export function getCount(ctx: Ctx, id: number): StockCountView {
  const head = ctx.db
    .select({ count: stockCounts, supplierName: suppliers.name, startedByName: users.name })
    .from(stockCounts)
    .leftJoin(suppliers, eq(suppliers.id, stockCounts.supplierId))
    .innerJoin(users, eq(users.id, stockCounts.startedBy))
    .where(eq(stockCounts.id, id))
    .get();
  if (!head) return fail('NOT_FOUND', `Stok opname #${id} tidak ditemukan.`, { field: 'countId' });
  const rows = ctx.db
    .select({ line: stockCountLines, lot: lots, sku: products.sku, barcode: products.barcode, name: products.name, intakeNumber: intakes.number })
    .from(stockCountLines)
    .innerJoin(lots, eq(lots.id, stockCountLines.lotId))
    .innerJoin(products, eq(products.id, stockCountLines.productId))
    .leftJoin(intakes, eq(intakes.id, lots.intakeId))
    .where(eq(stockCountLines.countId, id))
    .orderBy(asc(products.name), asc(lots.expiryDate), asc(lots.id))
    .all();
  const lines = rows.map(({ line, lot, sku, barcode, name, intakeNumber }) => {
    const difference = line.countedQty === null ? null : line.countedQty - line.expectedQty;
    return {
      lotId: lot.id,
      intakeNumber,
      productId: lot.productId,
      sku,
      barcode,
      name,
      supplierId: lot.supplierId,
      expiryDate: lot.expiryDate,
      expectedQty: line.expectedQty,
      countedQty: line.countedQty,
      difference,
      currentQty: lot.remainingQty,
      lossValue: difference !== null && difference < 0 ? valueAtTerms(lot, -difference) : 0,
      countedAt: line.countedAt,
    };
  });
  const c = head.count;
  return {
    id: c.id,
    number: c.number,
    status: c.status,
    supplierId: c.supplierId,
    supplierName: head.supplierName,
    category: c.category,
    note: c.note,
    startedBy: c.startedBy,
    startedByName: head.startedByName,
    startedAt: c.startedAt,
    closedAt: c.closedAt,
    businessDate: c.businessDate,
    lines,
    totals: {
      lines: lines.length,
      counted: lines.filter((l) => l.countedQty !== null).length,
      uncounted: lines.filter((l) => l.countedQty === null).length,
      withDifference: lines.filter((l) => l.difference !== null && l.difference !== 0).length,
      shortQty: lines.reduce((n, l) => n + (l.difference !== null && l.difference < 0 ? -l.difference : 0), 0),
      surplusQty: lines.reduce((n, l) => n + (l.difference !== null && l.difference > 0 ? l.difference : 0), 0),
      shortValue: lines.reduce((n, l) => n + l.lossValue, 0),
    },
    adjustments: c.status === 'posted' ? adjustmentsOfCount(ctx, c.id) : [],
  };
}

export function listCounts(ctx: Ctx, input: { status?: StockCountStatus; limit?: number }): StockCountSummary[] {
  const rows = ctx.db.all<{
    id: number;
    number: string;
    status: StockCountStatus;
    supplier_id: number | null;
    supplier_name: string | null;
    category: string | null;
    started_by_name: string;
    started_at: number;
    closed_at: number | null;
    lines: number;
    counted: number;
  }>(sql`
    SELECT c.id, c.number, c.status, c.supplier_id, s.name AS supplier_name, c.category, u.name AS started_by_name,
      c.started_at, c.closed_at,
      (SELECT count(*) FROM stock_count_lines WHERE count_id = c.id) AS lines,
      (SELECT count(*) FROM stock_count_lines WHERE count_id = c.id AND counted_qty IS NOT NULL) AS counted
    FROM stock_counts c
    LEFT JOIN suppliers s ON s.id = c.supplier_id
    JOIN users u ON u.id = c.started_by
    WHERE (${input.status ?? null} IS NULL OR c.status = ${input.status ?? null})
    ORDER BY c.id DESC
    LIMIT ${input.limit ?? 50}`);
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    status: r.status,
    supplierId: r.supplier_id,
    supplierName: r.supplier_name,
    category: r.category,
    startedByName: r.started_by_name,
    startedAt: r.started_at,
    closedAt: r.closed_at,
    lines: r.lines,
    counted: r.counted,
  }));
}

/**
 * Post a count: every counted lot whose qty differs becomes an adjustment
 * of (counted − expected), with the reason and, for a shortfall, who bears
 * it. Every difference needs an entry in `lines`; lots never counted are
 * left as they are. All or nothing.
 */
export function postCount(
  ctx: Ctx,
  actor: Actor,
  input: { countId: number; lines: { lotId: number; reason: string; liability?: Liability }[] },
): StockCountView {
  return ctx.db.transaction(() => {
    const count = requireCount(ctx, input.countId, true);
    const view = getCount(ctx, count.id);
    const differing = view.lines.filter((l) => l.difference !== null && l.difference !== 0);
    const reasons = new Map<number, { reason: string; liability?: Liability; index: number }>();
    input.lines.forEach((entry, i) => {
      if (!view.lines.some((l) => l.lotId === entry.lotId)) {
        fail('VALIDATION', `Lot #${entry.lotId} tidak termasuk stok opname ${count.number}.`, { field: `lines.${i}.lotId` });
      }
      reasons.set(entry.lotId, { reason: entry.reason, liability: entry.liability, index: i });
    });
    const missing = differing.filter((l) => !reasons.has(l.lotId)).map((l) => l.lotId);
    if (missing.length > 0) {
      fail('VALIDATION', `Isi alasan selisih untuk ${missing.length} lot.`, { field: 'lines', missing });
    }
    for (const line of differing) {
      const r = reasons.get(line.lotId)!;
      if (line.difference! < 0 && !r.liability) {
        fail('VALIDATION', `Lot #${line.lotId} kurang ${-line.difference!}: pilih siapa yang menanggung.`, {
          field: `lines.${r.index}.liability`,
          lotId: line.lotId,
        });
      }
    }
    for (const line of differing) {
      const r = reasons.get(line.lotId)!;
      const lot = ctx.db.select().from(lots).where(eq(lots.id, line.lotId)).get()!;
      if (lot.remainingQty + line.difference! < 0) {
        fail('VALIDATION', `Lot #${lot.id} tinggal ${lot.remainingQty} di sistem; selisih ${line.difference} tidak bisa diposting. Hitung ulang lot ini.`, {
          field: `lines.${r.index}.lotId`,
          lotId: lot.id,
          remaining: lot.remainingQty,
          difference: line.difference,
        });
      }
      applyAdjustment(ctx, actor, lot, { delta: line.difference!, reason: r.reason, liability: r.liability ?? null, countId: count.id });
    }
    ctx.db
      .update(stockCounts)
      .set({ status: 'posted', closedBy: actor.userId, closedAt: ctx.clock.now() })
      .where(eq(stockCounts.id, count.id))
      .run();
    audit(ctx, {
      userId: actor.userId,
      action: 'stock.count.post',
      entity: 'stock_count',
      entityId: count.id,
      details: { number: count.number, adjustments: differing.length, shortQty: view.totals.shortQty, surplusQty: view.totals.surplusQty },
    });
    return getCount(ctx, count.id);
  });
}

export function cancelCount(ctx: Ctx, actor: Actor, input: { countId: number }): StockCountView {
  return ctx.db.transaction(() => {
    const count = requireCount(ctx, input.countId, true);
    ctx.db
      .update(stockCounts)
      .set({ status: 'cancelled', closedBy: actor.userId, closedAt: ctx.clock.now() })
      .where(eq(stockCounts.id, count.id))
      .run();
    audit(ctx, { userId: actor.userId, action: 'stock.count.cancel', entity: 'stock_count', entityId: count.id, details: { number: count.number } });
    return getCount(ctx, count.id);
  });
}
