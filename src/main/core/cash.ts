/** Cash put into or taken out of the drawer during a shift (pay-in / pay-out), with a reason. */
import { asc, eq } from 'drizzle-orm';
import { cashMovements, users } from '../../db/schema';
import { fail } from '../../shared/errors';
import { formatRupiah, type Rupiah } from '../../shared/money';
import type { CashMovementView } from '../../shared/types-till';
import { audit } from './audit';
import type { Actor, Ctx } from './context';
import { openShiftRow, shiftView } from './shifts';

export function recordCashMovement(
  ctx: Ctx,
  actor: Actor,
  kind: 'pay_in' | 'pay_out',
  input: { amount: Rupiah; reason: string },
): CashMovementView {
  return ctx.db.transaction(() => {
    const shift = openShiftRow(ctx, actor.tillCode);
    if (!shift) return fail('SHIFT_CLOSED', `Tidak ada shift yang terbuka di kasir ${actor.tillCode}.`);
    if (kind === 'pay_out') {
      const { expectedCash } = shiftView(ctx, shift.id);
      if (input.amount > expectedCash) {
        fail('VALIDATION', `Uang di laci hanya ${formatRupiah(expectedCash)}; tidak bisa mengeluarkan ${formatRupiah(input.amount)}.`, {
          field: 'amount',
          expectedCash,
        });
      }
    }
    const row = ctx.db
      .insert(cashMovements)
      .values({ shiftId: shift.id, tillCode: actor.tillCode, kind, amount: input.amount, reason: input.reason, createdBy: actor.userId, createdAt: ctx.clock.now() })
      .returning()
      .get();
    audit(ctx, {
      userId: actor.userId,
      action: kind === 'pay_in' ? 'shifts.pay_in' : 'shifts.pay_out',
      entity: 'shift',
      entityId: shift.id,
      details: { amount: input.amount, reason: input.reason },
    });
    return { id: row.id, shiftId: row.shiftId, kind: row.kind, amount: row.amount, reason: row.reason, createdBy: row.createdBy, createdByName: actor.name, createdAt: row.createdAt };
  });
}

export function listCashMovements(ctx: Ctx, shiftId: number): CashMovementView[] {
  return ctx.db
    .select({ m: cashMovements, name: users.name })
    .from(cashMovements)
    .innerJoin(users, eq(users.id, cashMovements.createdBy))
    .where(eq(cashMovements.shiftId, shiftId))
    .orderBy(asc(cashMovements.id))
    .all()
    .map(({ m, name }) => ({ id: m.id, shiftId: m.shiftId, kind: m.kind, amount: m.amount, reason: m.reason, createdBy: m.createdBy, createdByName: name, createdAt: m.createdAt }));
}
