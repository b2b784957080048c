/**
 * The shift report: X (an open shift, read mid-shift, closes nothing) and
 * Z (a closed shift, printed at close). Every number comes from the stored
 * sales, refunds, cash movements and count of the shift.
 */
import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { shiftCounts, shifts, users } from '../../db/schema';
import { fail } from '../../shared/errors';
import { PAYMENT_METHODS, type PaymentMethod } from '../../shared/printer';
import type { ShiftReport } from '../../shared/types-till';
import { listCashMovements } from './cash';
import { hasRole, type Actor, type Ctx } from './context';
import { openShiftRow, shiftView } from './shifts';

/**
 * Which shift a report is about: the given one, else the till's open shift.
 * A cashier may only read the open shift of his own till.
 */
export function reportShiftId(ctx: Ctx, actor: Actor, shiftId: number | undefined, kind?: 'X' | 'Z'): number {
  if (shiftId === undefined) {
    if (kind === 'Z') {
      const last = ctx.db
        .select({ id: shifts.id })
        .from(shifts)
        .where(and(eq(shifts.tillCode, actor.tillCode), isNotNull(shifts.closedAt)))
        .orderBy(desc(shifts.closedAt), desc(shifts.id))
        .get();
      if (!last) return fail('NOT_FOUND', `Belum ada shift yang ditutup di kasir ${actor.tillCode}.`);
      return last.id;
    }
    const open = openShiftRow(ctx, actor.tillCode);
    if (!open) return fail('SHIFT_CLOSED', `Tidak ada shift yang terbuka di kasir ${actor.tillCode}.`);
    return open.id;
  }
  const row = ctx.db.select({ id: shifts.id, tillCode: shifts.tillCode, closedAt: shifts.closedAt }).from(shifts).where(eq(shifts.id, shiftId)).get();
  if (!row) return fail('NOT_FOUND', `Shift #${shiftId} tidak ditemukan.`, { field: 'shiftId' });
  const ownOpen = row.tillCode === actor.tillCode && row.closedAt === null;
  const ownZ = kind === 'Z' && row.tillCode === actor.tillCode;
  if (!ownOpen && !ownZ && !hasRole(actor.role, 'manager')) {
    fail('FORBIDDEN', 'Laporan shift lain hanya untuk manajer.', { required: 'manager' });
  }
  return row.id;
}

export function shiftReport(ctx: Ctx, shiftId: number): ShiftReport {
  const view = shiftView(ctx, shiftId);
  const head = ctx.db
    .select({ closedBy: shifts.closedBy, closedByName: users.name })
    .from(shifts)
    .leftJoin(users, eq(users.id, shifts.closedBy))
    .where(eq(shifts.id, shiftId))
    .get()!;
  const s = ctx.db.get<{ n: number; voids: number; gross: number; discounts: number; total: number; rounding: number; items: number }>(sql`
    SELECT count(*) AS n, coalesce(sum(status = 'voided'), 0) AS voids, coalesce(sum(subtotal), 0) AS gross,
      coalesce(sum(discount_total), 0) AS discounts, coalesce(sum(total), 0) AS total, coalesce(sum(rounding), 0) AS rounding,
      coalesce((SELECT sum(sl.qty) FROM sale_lines sl JOIN sales x ON x.id = sl.sale_id WHERE x.shift_id = ${shiftId}), 0) AS items
    FROM sales WHERE shift_id = ${shiftId}`);
  const r = ctx.db.get<{ n: number; total: number; rounding: number }>(sql`
    SELECT count(*) AS n, coalesce(sum(total), 0) AS total, coalesce(sum(rounding), 0) AS rounding FROM refunds WHERE shift_id = ${shiftId}`);
  const salesByMethod = ctx.db.all<{ method: PaymentMethod; amount: number }>(sql`
    SELECT p.method, sum(p.amount) AS amount FROM payments p JOIN sales x ON x.id = p.sale_id
    WHERE x.shift_id = ${shiftId} GROUP BY p.method`);
  const refundsByMethod = ctx.db.all<{ method: PaymentMethod; amount: number }>(sql`
    SELECT rp.method, sum(rp.amount) AS amount FROM refund_payments rp JOIN refunds x ON x.id = rp.refund_id
    WHERE x.shift_id = ${shiftId} GROUP BY rp.method`);
  const byMethod = PAYMENT_METHODS.map((method) => {
    const taken = salesByMethod.find((m) => m.method === method)?.amount ?? 0;
    // Cash on the report is what stayed in the drawer: tendered less change.
    const sales = method === 'cash' ? taken - view.changeGiven : taken;
    const refunds = refundsByMethod.find((m) => m.method === method)?.amount ?? 0;
    return { method, sales, refunds, net: sales - refunds, seen: taken > 0 || refunds > 0 };
  })
    .filter((m) => m.seen)
    .map(({ seen: _seen, ...m }) => m);
  const byCashier = ctx.db
    .all<{ user_id: number; name: string; n: number; total: number }>(sql`
      SELECT x.cashier_id AS user_id, u.name, count(*) AS n, sum(x.total) AS total
      FROM sales x JOIN users u ON u.id = x.cashier_id WHERE x.shift_id = ${shiftId}
      GROUP BY x.cashier_id ORDER BY u.name, x.cashier_id`)
    .map((c) => ({ userId: c.user_id, name: c.name, salesCount: c.n, total: c.total }));
  const denominations = ctx.db
    .select()
    .from(shiftCounts)
    .where(eq(shiftCounts.shiftId, shiftId))
    .orderBy(desc(shiftCounts.denomination))
    .all()
    .map((d) => ({ value: d.denomination, count: d.count, amount: d.denomination * d.count }));
  return {
    kind: view.closedAt === null ? 'X' : 'Z',
    shiftId,
    tillCode: view.tillCode,
    openedAt: view.openedAt,
    openedByName: view.openedByName,
    closedAt: view.closedAt,
    closedByName: head.closedByName ?? null,
    salesCount: s.n,
    voidCount: s.voids,
    refundCount: r.n,
    itemsSold: s.items,
    gross: s.gross,
    discounts: s.discounts,
    netSales: s.total,
    refunds: r.total,
    net: s.total - r.total,
    rounding: s.rounding - r.rounding,
    byMethod,
    byCashier,
    cash: {
      openingFloat: view.openingFloat,
      cashSales: view.cashSales,
      changeGiven: view.changeGiven,
      cashRefunds: view.cashRefunds,
      payIns: view.payIns,
      payOuts: view.payOuts,
      expected: view.expectedCash,
      counted: view.countedCash,
      variance: view.variance,
    },
    movements: listCashMovements(ctx, shiftId),
    denominations,
  };
}
