import { and, eq, isNull, sql } from 'drizzle-orm';
import { shiftCounts, shifts } from '../../db/schema';
import { fail } from '../../shared/errors';
import { formatRupiah, MAX_RUPIAH, type Rupiah } from '../../shared/money';
import type { Actor, Ctx } from './context';
import type { ShiftView } from '../../shared/types';
import { DENOMINATIONS, type Denomination } from '../../shared/types-till';
import { audit } from './audit';
import { get, query } from '../../db/statements';

export type ShiftRow = typeof shifts.$inferSelect;


/** Read on every checkout: a plain prepared statement (see src/db/statements.ts). */
const openShiftOfTill = query<ShiftRow>()<[tillCode: string]>(
  'shifts.openOfTill',
  `SELECT id, till_code AS tillCode, opened_by AS openedBy, opened_at AS openedAt, opening_float AS openingFloat,
          closed_by AS closedBy, closed_at AS closedAt, expected_cash AS expectedCash, counted_cash AS countedCash, variance
   FROM shifts WHERE till_code = ? AND closed_at IS NULL`,
  {
    id: true,
    tillCode: true,
    openedBy: true,
    openedAt: true,
    openingFloat: true,
    closedBy: true,
    closedAt: true,
    expectedCash: true,
    countedCash: true,
    variance: true,
  },
);

export function openShiftRow(ctx: Ctx, tillCode: string): ShiftRow | undefined {
  return get(ctx.db.$client, openShiftOfTill, tillCode);
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

export interface CloseShiftInput {
  countedCash?: Rupiah;
  /** Count per denomination, e.g. `{"100000": 3, "500": 4}`; the counted cash is their sum. */
  denominations?: Partial<Record<`${Denomination}`, number>>;
}

/** Counted cash from a count by denomination, largest first (zero counts left out). */
export function countRows(denominations: CloseShiftInput['denominations']): { value: number; count: number; amount: Rupiah }[] {
  return DENOMINATIONS.map((value) => {
    const count = denominations?.[`${value}`] ?? 0;
    return { value, count, amount: value * count };
  }).filter((r) => r.count > 0);
}

/**
 * Close the till's open shift with the drawer count: counted cash given as a
 * total, or computed from the count by denomination (both must then agree).
 * Stores expected cash (invariant 4), counted cash and the variance.
 */
export function closeShift(ctx: Ctx, actor: Actor, input: CloseShiftInput): ShiftView {
  const rows = input.denominations ? countRows(input.denominations) : null;
  const fromCount = rows ? rows.reduce((n, r) => n + r.amount, 0) : null;
  if (fromCount === null && input.countedCash === undefined) {
    fail('VALIDATION', 'Isi uang yang dihitung: jumlah total atau rincian pecahan.', { field: 'countedCash' });
  }
  if (fromCount !== null && input.countedCash !== undefined && fromCount !== input.countedCash) {
    fail('VALIDATION', `Jumlah rincian pecahan (${formatRupiah(fromCount)}) tidak sama dengan uang yang dihitung (${formatRupiah(input.countedCash)}).`, {
      field: 'countedCash',
      fromDenominations: fromCount,
    });
  }
  const countedCash = (fromCount ?? input.countedCash)!;
  if (countedCash > MAX_RUPIAH) {
    fail('VALIDATION', 'Jumlah uang yang dihitung terlalu besar.', { field: input.denominations ? 'denominations' : 'countedCash', max: MAX_RUPIAH });
  }
  return ctx.db.transaction(() => {
    const row = openShiftRow(ctx, actor.tillCode);
    if (!row) fail('SHIFT_CLOSED', `Tidak ada shift yang terbuka di kasir ${actor.tillCode}.`);
    const view = shiftView(ctx, row!.id);
    const variance = countedCash - view.expectedCash;
    ctx.db
      .update(shifts)
      .set({ closedAt: ctx.clock.now(), closedBy: actor.userId, expectedCash: view.expectedCash, countedCash, variance })
      .where(eq(shifts.id, row!.id))
      .run();
    for (const r of rows ?? []) {
      ctx.db.insert(shiftCounts).values({ shiftId: row!.id, denomination: r.value, count: r.count }).run();
    }
    audit(ctx, {
      userId: actor.userId,
      action: 'shifts.close',
      entity: 'shift',
      entityId: row!.id,
      details: { expectedCash: view.expectedCash, countedCash, variance, denominations: rows ? Object.fromEntries(rows.map((r) => [r.value, r.count])) : undefined },
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
    cash_refunds: number;
    pay_ins: number;
    pay_outs: number;
  }>(sql`
    SELECT s.id, s.till_code, s.opened_by, u.name AS opened_by_name, s.opened_at, s.opening_float, s.closed_at, s.counted_cash,
      (SELECT count(*) FROM sales WHERE shift_id = s.id) AS sales_count,
      (SELECT coalesce(sum(total), 0) FROM sales WHERE shift_id = s.id) AS sales_total,
      (SELECT coalesce(sum(p.amount), 0) FROM payments p JOIN sales x ON x.id = p.sale_id
        WHERE x.shift_id = s.id AND p.method = 'cash') AS cash_sales,
      (SELECT coalesce(sum(change), 0) FROM sales WHERE shift_id = s.id) AS change_given,
      (SELECT coalesce(sum(rp.amount), 0) FROM refund_payments rp JOIN refunds r ON r.id = rp.refund_id
        WHERE r.shift_id = s.id AND rp.method = 'cash') AS cash_refunds,
      (SELECT coalesce(sum(amount), 0) FROM cash_movements WHERE shift_id = s.id AND kind = 'pay_in') AS pay_ins,
      (SELECT coalesce(sum(amount), 0) FROM cash_movements WHERE shift_id = s.id AND kind = 'pay_out') AS pay_outs
    FROM shifts s JOIN users u ON u.id = s.opened_by WHERE s.id = ${id}`);
  if (!row) fail('NOT_FOUND', `Shift #${id} tidak ditemukan.`, { field: 'shiftId' });
  // Invariant 4.
  const expectedCash = row.opening_float + row.cash_sales - row.change_given - row.cash_refunds + row.pay_ins - row.pay_outs;
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
    cashRefunds: row.cash_refunds,
    payIns: row.pay_ins,
    payOuts: row.pay_outs,
    expectedCash,
    countedCash: row.counted_cash,
    variance: row.counted_cash === null ? null : row.counted_cash - expectedCash,
  };
}
