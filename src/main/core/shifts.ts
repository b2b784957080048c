import { and, eq, isNull, sql } from 'drizzle-orm';
import { shifts } from '../../db/schema';
import { fail } from '../../shared/errors';
import type { Rupiah } from '../../shared/money';
import type { Actor, Ctx } from './context';
import type { ShiftView } from '../../shared/types';
import { audit } from './audit';

export type ShiftRow = typeof shifts.$inferSelect;


export function openShiftRow(ctx: Ctx, tillCode: string): ShiftRow | undefined {
  return ctx.db.select().from(shifts).where(and(eq(shifts.tillCode, tillCode), isNull(shifts.closedAt))).get();
}

export function openShift(ctx: Ctx, actor: Actor, input: { openingFloat: Rupiah }): ShiftView {
  return ctx.db.transaction(() => {
    const existing = openShiftRow(ctx, actor.tillCode);
    if (existing) fail('CONFLICT', `Shift kasir ${actor.tillCode} sudah dibuka.`, { shiftId: existing.id });
    const row = ctx.db
      .insert(shifts)
      .values({ tillCode: actor.tillCode, openedBy: actor.userId, openedAt: ctx.clock.now(), openingFloat: input.openingFloat })
      .returning()
      .get();
    audit(ctx, { userId: actor.userId, action: 'shifts.open', entity: 'shift', entityId: row.id, details: { openingFloat: input.openingFloat } });
    return shiftView(ctx, row.id);
  });
}

export function currentShift(ctx: Ctx, actor: Actor): ShiftView | null {
  const row = openShiftRow(ctx, actor.tillCode);
  return row ? shiftView(ctx, row.id) : null;
}

export function closeShift(ctx: Ctx, actor: Actor, input: { countedCash: Rupiah }): ShiftView {
  return ctx.db.transaction(() => {
    const row = openShiftRow(ctx, actor.tillCode);
    if (!row) fail('SHIFT_CLOSED', `Tidak ada shift yang terbuka di kasir ${actor.tillCode}.`);
    const view = shiftView(ctx, row!.id);
    const variance = input.countedCash - view.expectedCash;
    ctx.db
      .update(shifts)
      .set({ closedAt: ctx.clock.now(), closedBy: actor.userId, expectedCash: view.expectedCash, countedCash: input.countedCash, variance })
      .where(eq(shifts.id, row!.id))
      .run();
    audit(ctx, {
      userId: actor.userId,
      action: 'shifts.close',
      entity: 'shift',
      entityId: row!.id,
      details: { expectedCash: view.expectedCash, countedCash: input.countedCash, variance },
    });
    return shiftView(ctx, row!.id);
  });
}

export function shiftView(ctx: Ctx, id: number): ShiftView {
  const row = ctx.db.get<{
    id: number;
    till_code: string;
    opened_by: number;
    opened_by_name: string;
    opened_at: number;
    opening_float: number;
    closed_at: number | null;
    counted_cash: number | null;
    sales_count: number;
    sales_total: number;
    cash_sales: number;
    change_given: number;
  }>(sql`
    SELECT s.id, s.till_code, s.opened_by, u.name AS opened_by_name, s.opened_at, s.opening_float, s.closed_at, s.counted_cash,
      (SELECT count(*) FROM sales WHERE shift_id = s.id) AS sales_count,
      (SELECT coalesce(sum(total), 0) FROM sales WHERE shift_id = s.id) AS sales_total,
      (SELECT coalesce(sum(p.amount), 0) FROM payments p JOIN sales x ON x.id = p.sale_id
        WHERE x.shift_id = s.id AND p.method = 'cash') AS cash_sales,
      (SELECT coalesce(sum(change), 0) FROM sales WHERE shift_id = s.id) AS change_given
    FROM shifts s JOIN users u ON u.id = s.opened_by WHERE s.id = ${id}`);
  if (!row) fail('NOT_FOUND', `Shift #${id} tidak ditemukan.`);
  const expectedCash = row.opening_float + row.cash_sales - row.change_given;
  return {
    id: row.id,
    tillCode: row.till_code,
    openedBy: row.opened_by,
    openedByName: row.opened_by_name,
    openedAt: row.opened_at,
    openingFloat: row.opening_float,
    closedAt: row.closed_at,
    salesCount: row.sales_count,
    salesTotal: row.sales_total,
    cashSales: row.cash_sales,
    changeGiven: row.change_given,
    expectedCash,
    countedCash: row.counted_cash,
    variance: row.counted_cash === null ? null : row.counted_cash - expectedCash,
  };
}
