/**
 * Refunds and voids. A refund takes back sold units of one sale: the units
 * come from the lot portions of their line, last portion first (reverse
 * FEFO); restocked units go back into those lots. The money of each portion
 * is taken back unit by unit on the same largest-remainder split the
 * portion's amounts would get over its units, so refunding every unit,
 * in any number of refunds, takes back exactly the portion's net amount and
 * supplier share. Each portion of a supplier's lot writes a negative
 * `refund` ledger entry. A void is a refund of a whole sale, restocked, in
 * the shift that sold it.
 */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { ledgerEntries, lots, refundLineLots, refundLines, refundPayments, refunds, sales, users } from '../../db/schema';
import { fail } from '../../shared/errors';
import type { Rupiah } from '../../shared/money';
import type { PaymentMethod } from '../../shared/printer';
import type { SaleView } from '../../shared/types';
import type { Approval, RefundPreview, RefundView } from '../../shared/types-till';
import { approvalRequired, resolveApprover, type Approver } from './approvals';
import { audit } from './audit';
import { businessDate, compactDate } from './clock';
import type { Actor, Ctx } from './context';
import { nextSequence, pad } from './sequences';
import { getSale } from './sales';
import { getSetting } from './settings';
import { openShiftRow, shiftView } from './shifts';

export interface RefundLineInput {
  saleLineId: number;
  qty: number;
  restock: boolean;
}

export interface RefundInput {
  saleId: number;
  lines: RefundLineInput[];
  reason: string;
  payments: { method: PaymentMethod; amount: Rupiah; reference?: string }[];
  approval?: Approval;
}

/**
 * Sum of the parts `from … from+count−1` of `total` split over `units`
 * equal parts by largest remainder (the first `total mod units` parts get
 * one rupiah more). Refunding units in order takes back `total` exactly.
 */
export function unitSlice(total: Rupiah, units: number, from: number, count: number): Rupiah {
  if (total < 0) return -unitSlice(-total, units, from, count);
  const base = Math.floor(total / units);
  const extra = total - base * units;
  return count * base + Math.max(0, Math.min(from + count, extra) - from);
}

interface PortionTake {
  saleLineLotId: number;
  lotId: number;
  supplierId: number | null;
  qty: number;
  netAmount: Rupiah;
  supplierShare: Rupiah;
}

interface PlannedLine {
  input: RefundLineInput;
  saleLine: SaleView['lines'][number];
  amount: Rupiah;
  takes: PortionTake[];
}

/** Which portions and how much money each requested line takes back; refuses more than is left to refund. */
function planRefund(ctx: Ctx, sale: SaleView, lines: readonly RefundLineInput[]): PlannedLine[] {
  const portionIds = sale.lines.flatMap((l) => l.lots.map((p) => p.id));
  const already = new Map<number, number>(
    portionIds.length === 0
      ? []
      : ctx.db
          .select({ id: refundLineLots.saleLineLotId, qty: sql<number>`sum(${refundLineLots.qty})` })
          .from(refundLineLots)
          .where(inArray(refundLineLots.saleLineLotId, portionIds))
          .groupBy(refundLineLots.saleLineLotId)
          .all()
          .map((r) => [r.id, r.qty]),
  );
  const lotRows = ctx.db
    .select({ id: lots.id, supplierId: lots.supplierId })
    .from(lots)
    .where(inArray(lots.id, sale.lines.flatMap((l) => l.lots.map((p) => p.lotId)).concat([0])))
    .all();
  const supplierOf = new Map(lotRows.map((l) => [l.id, l.supplierId]));

  return lines.map((input, i) => {
    const saleLine = sale.lines.find((l) => l.id === input.saleLineId);
    if (!saleLine) return fail('VALIDATION', `Baris #${input.saleLineId} bukan bagian dari penjualan ${sale.number}.`, { field: `lines.${i}.saleLineId` });
    const refundable = saleLine.lots.reduce((n, p) => n + p.qty - (already.get(p.id) ?? 0), 0);
    if (input.qty > refundable) {
      fail('VALIDATION', `"${saleLine.name}": terjual ${saleLine.qty}, sisa yang bisa dikembalikan ${refundable}.`, {
        field: `lines.${i}.qty`,
        sold: saleLine.qty,
        refundable,
        requested: input.qty,
      });
    }
    let left = input.qty;
    const takes: PortionTake[] = [];
    for (const p of [...saleLine.lots].reverse()) {
      if (left === 0) break;
      const done = already.get(p.id) ?? 0;
      const take = Math.min(left, p.qty - done);
      if (take <= 0) continue;
      takes.push({
        saleLineLotId: p.id,
        lotId: p.lotId,
        supplierId: supplierOf.get(p.lotId) ?? null,
        qty: take,
        netAmount: unitSlice(p.netAmount, p.qty, done, take),
        supplierShare: unitSlice(p.supplierShare, p.qty, done, take),
      });
      already.set(p.id, done + take);
      left -= take;
    }
    return { input, saleLine, amount: takes.reduce((n, t) => n + t.netAmount, 0), takes };
  });
}

/** What refunding these units would give back; writes nothing. */
export function previewRefund(ctx: Ctx, input: { saleId: number; lines: RefundLineInput[] }): RefundPreview {
  const sale = getSale(ctx, input.saleId);
  if (sale.status === 'voided') fail('CONFLICT', `Penjualan ${sale.number} sudah dibatalkan.`);
  const planned = planRefund(ctx, sale, input.lines);
  return {
    saleId: sale.id,
    lines: planned.map((p) => ({
      saleLineId: p.saleLine.id,
      qty: p.input.qty,
      amount: p.amount,
      refundable: p.saleLine.qty - p.saleLine.refundedQty,
    })),
    total: planned.reduce((n, p) => n + p.amount, 0),
  };
}

function requireApprover(ctx: Ctx, actor: Actor, approval: Approval | undefined, action: string): Approver {
  const approver = resolveApprover(ctx, actor, approval, action);
  if (!approver) {
    throw approvalRequired(action === 'sales.void' ? 'Pembatalan perlu persetujuan manajer.' : 'Refund perlu persetujuan manajer.');
  }
  return approver;
}

/** Refund units of a sale (manager, or a cashier with a manager's approval). */
export function refundSale(ctx: Ctx, actor: Actor, input: RefundInput): RefundView {
  const approver = requireApprover(ctx, actor, input.approval, 'sales.refund');
  return ctx.db.transaction(() => {
    const sale = getSale(ctx, input.saleId);
    if (sale.status === 'voided') fail('CONFLICT', `Penjualan ${sale.number} sudah dibatalkan.`);
    return writeRefund(ctx, actor, approver, sale, { kind: 'refund', lines: input.lines, reason: input.reason, payments: input.payments, rounding: 0 });
  });
}

/**
 * Void a whole sale in the shift that sold it: every unit back to its lot,
 * every payment given back (cash net of change, the cash rounding too).
 */
export function voidSale(ctx: Ctx, actor: Actor, input: { saleId: number; reason: string; approval?: Approval }): RefundView {
  const approver = requireApprover(ctx, actor, input.approval, 'sales.void');
  return ctx.db.transaction(() => {
    const sale = getSale(ctx, input.saleId);
    if (sale.status === 'voided') fail('CONFLICT', `Penjualan ${sale.number} sudah dibatalkan.`);
    const shift = openShiftRow(ctx, actor.tillCode);
    if (!shift || shift.id !== sale.shiftId) {
      fail('CONFLICT', `Penjualan ${sale.number} hanya bisa dibatalkan di shift yang sama; gunakan refund.`, { shiftId: sale.shiftId });
    }
    if (sale.refunds.length > 0) fail('CONFLICT', `Penjualan ${sale.number} sudah pernah direfund; gunakan refund untuk sisanya.`);
    const cashIn = sale.payments.filter((p) => p.method === 'cash').reduce((n, p) => n + p.amount, 0);
    const payments: RefundInput['payments'] = sale.payments
      .filter((p) => p.method !== 'cash')
      .map((p) => ({ method: p.method, amount: p.amount, reference: p.reference ?? undefined }));
    if (cashIn - sale.change > 0) payments.unshift({ method: 'cash', amount: cashIn - sale.change });
    const view = writeRefund(ctx, actor, approver, sale, {
      kind: 'void',
      lines: sale.lines.map((l) => ({ saleLineId: l.id, qty: l.qty, restock: true })),
      reason: input.reason,
      payments,
      rounding: sale.rounding,
    });
    ctx.db.update(sales).set({ status: 'voided' }).where(eq(sales.id, sale.id)).run();
    return view;
  });
}

function writeRefund(
  ctx: Ctx,
  actor: Actor,
  approver: Approver,
  sale: SaleView,
  input: { kind: 'refund' | 'void'; lines: RefundLineInput[]; reason: string; payments: RefundInput['payments']; rounding: Rupiah },
): RefundView {
  const shift = openShiftRow(ctx, actor.tillCode);
  if (!shift) return fail('SHIFT_CLOSED', `Buka shift kasir ${actor.tillCode} dulu sebelum refund.`);
  const planned = planRefund(ctx, sale, input.lines);
  const total = planned.reduce((n, p) => n + p.amount, 0);
  const payable = total + input.rounding;
  const given = input.payments.reduce((n, p) => n + p.amount, 0);
  if (given !== payable) {
    fail('VALIDATION', `Jumlah pengembalian harus ${payable}, tertulis ${given}.`, { field: 'payments', payable, given });
  }
  const cashOut = input.payments.filter((p) => p.method === 'cash').reduce((n, p) => n + p.amount, 0);
  if (cashOut > 0) {
    const { expectedCash } = shiftView(ctx, shift.id);
    if (cashOut > expectedCash) {
      fail('VALIDATION', `Uang di laci hanya ${expectedCash}; tidak cukup untuk refund tunai ${cashOut}.`, { field: 'payments', expectedCash });
    }
  }

  const now = ctx.clock.now();
  const tz = getSetting(ctx.db, 'timeZone');
  const today = businessDate(now, tz);
  const day = compactDate(now, tz);
  const number = `RF-${actor.tillCode}-${day}-${pad(nextSequence(ctx.db, `refund:${actor.tillCode}:${day}`), 3)}`;
  const refund = ctx.db
    .insert(refunds)
    .values({
      number,
      kind: input.kind,
      saleId: sale.id,
      tillCode: actor.tillCode,
      shiftId: shift.id,
      reason: input.reason,
      total,
      rounding: input.rounding,
      createdBy: actor.userId,
      approvedBy: approver.userId,
      businessDate: today,
      createdAt: now,
    })
    .returning({ id: refunds.id })
    .get();

  for (const p of planned) {
    const line = ctx.db
      .insert(refundLines)
      .values({
        refundId: refund.id,
        saleLineId: p.saleLine.id,
        productId: p.saleLine.productId,
        name: p.saleLine.name,
        qty: p.input.qty,
        restock: p.input.restock,
        amount: p.amount,
      })
      .returning({ id: refundLines.id })
      .get();
    for (const t of p.takes) {
      if (p.input.restock) {
        ctx.db.update(lots).set({ remainingQty: sql`${lots.remainingQty} + ${t.qty}` }).where(eq(lots.id, t.lotId)).run();
      }
      const ledgerEntryId =
        t.supplierId === null
          ? null
          : ctx.db
              .insert(ledgerEntries)
              .values({
                supplierId: t.supplierId,
                kind: 'refund',
                amount: -t.supplierShare,
                saleLineLotId: t.saleLineLotId,
                lotId: t.lotId,
                qty: -t.qty,
                note: `${number} (${sale.number})`,
                createdBy: actor.userId,
                businessDate: today,
                createdAt: now,
              })
              .returning({ id: ledgerEntries.id })
              .get().id;
      ctx.db
        .insert(refundLineLots)
        .values({
          refundLineId: line.id,
          saleLineLotId: t.saleLineLotId,
          lotId: t.lotId,
          qty: t.qty,
          restocked: p.input.restock,
          netAmount: t.netAmount,
          supplierShare: t.supplierShare,
          shopShare: t.netAmount - t.supplierShare,
          ledgerEntryId,
        })
        .run();
    }
  }
  for (const pay of input.payments) {
    ctx.db.insert(refundPayments).values({ refundId: refund.id, method: pay.method, amount: pay.amount, reference: pay.reference ?? null }).run();
  }
  audit(ctx, {
    userId: actor.userId,
    action: input.kind === 'void' ? 'sales.void' : 'sales.refund',
    entity: 'refund',
    entityId: refund.id,
    details: {
      number,
      saleId: sale.id,
      saleNumber: sale.number,
      total,
      rounding: input.rounding,
      reason: input.reason,
      approvedBy: approver.userId,
      approvedByName: approver.name,
      self: approver.self,
      lines: planned.map((p) => ({ saleLineId: p.saleLine.id, qty: p.input.qty, restock: p.input.restock, amount: p.amount })),
    },
  });
  return getRefund(ctx, refund.id);
}

export function getRefund(ctx: Ctx, id: number): RefundView {
  const head = ctx.db
    .select({ r: refunds, saleNumber: sales.number })
    .from(refunds)
    .innerJoin(sales, eq(sales.id, refunds.saleId))
    .where(eq(refunds.id, id))
    .get();
  if (!head) return fail('NOT_FOUND', `Refund #${id} tidak ditemukan.`, { field: 'id' });
  const r = head.r;
  const names = new Map(
    ctx.db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.id, [r.createdBy, r.approvedBy]))
      .all()
      .map((u) => [u.id, u.name]),
  );
  const lines = ctx.db.select().from(refundLines).where(eq(refundLines.refundId, id)).orderBy(asc(refundLines.id)).all();
  const portions = lines.length
    ? ctx.db.select().from(refundLineLots).where(inArray(refundLineLots.refundLineId, lines.map((l) => l.id))).orderBy(asc(refundLineLots.id)).all()
    : [];
  const pays = ctx.db.select().from(refundPayments).where(eq(refundPayments.refundId, id)).orderBy(asc(refundPayments.id)).all();
  return {
    id: r.id,
    number: r.number,
    kind: r.kind,
    saleId: r.saleId,
    saleNumber: head.saleNumber,
    tillCode: r.tillCode,
    shiftId: r.shiftId,
    reason: r.reason,
    total: r.total,
    rounding: r.rounding,
    payable: r.total + r.rounding,
    createdBy: r.createdBy,
    createdByName: names.get(r.createdBy) ?? '?',
    approvedBy: r.approvedBy,
    approvedByName: names.get(r.approvedBy) ?? '?',
    businessDate: r.businessDate,
    createdAt: r.createdAt,
    lines: lines.map((l) => ({
      id: l.id,
      saleLineId: l.saleLineId,
      productId: l.productId,
      name: l.name,
      qty: l.qty,
      restock: l.restock,
      amount: l.amount,
      lots: portions
        .filter((p) => p.refundLineId === l.id)
        .map((p) => ({ lotId: p.lotId, qty: p.qty, restocked: p.restocked, netAmount: p.netAmount, supplierShare: p.supplierShare, shopShare: p.shopShare })),
    })),
    payments: pays.map((p) => ({ method: p.method, amount: p.amount, reference: p.reference })),
  };
}

