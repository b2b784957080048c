// Over 350 lines on purpose: refunds and voids share the lot-portion arithmetic (largest-remainder
// split) that must agree to the rupiah with the sale's; splitting would spread that arithmetic.
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
import { divRoundHalfUp, formatRupiah, type Rupiah } from '../../shared/money';
import type { PaymentMethod } from '../../shared/printer';
import type { SaleView } from '../../shared/types';
import type { Approval, RefundPreview, RefundView } from '../../shared/types-till';
import { approvalRequired, selfApprover, useGrant, type Approver } from './approvals';
import { audit } from './audit';
import { businessDate, compactDate } from './clock';
import type { Actor, Ctx } from './context';
import { nextSequence, pad } from './sequences';
import { getSale } from './sales';
import { getSetting } from './settings';
import { getTillSettings } from './till-settings';
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

type MoneyOut = RefundInput['payments'][number];

/** How the money of a refund goes back: as the sale was paid, or all by one method. */
export type PayBack = 'asPaid' | PaymentMethod;

const CASH_STEP = 100;
const sumOf = (ps: readonly { amount: Rupiah }[]) => ps.reduce((n, p) => n + p.amount, 0);

/**
 * The money side of refunding some units of a sale. The rule, over all the
 * refunds of a sale:
 * - what goes back never exceeds what the customer paid (`total + rounding`
 *   of the sale) less what earlier refunds gave back (`left`);
 * - a refund that leaves units unrefunded gives back their value (`value`,
 *   at most `left`); when cash rounding is on and the refund gives cash,
 *   its cash part is rounded to Rp 100 (half up, or down when up would pass
 *   `left`), the same rounding as at the sale;
 * - the refund that takes back the last units gives back exactly `left`.
 *   With cash rounding on, its cash part must still be on the Rp 100 grid:
 *   what is off the grid goes back by a non-cash method (only a till with
 *   no non-cash method at all gives it back in cash).
 * Cash rounding applies to refunds of a sale whose own cash was on the
 * grid (a sale paid in coins before rounding was switched on is refunded
 * to the rupiah).
 */
export interface RefundMoney {
  /** Net value of the units (Σ of their net amounts). */
  value: Rupiah;
  /** What is left of what the customer paid, before this refund. */
  left: Rupiah;
  /** This refund takes back the last units of the sale. */
  final: boolean;
  /** The cash rounding applies (setting on and the sale's cash on the grid). */
  grid: boolean;
  /** What this refund must give back before any cash rounding. */
  target: Rupiah;
  /** Non-cash methods, most preferred first, for what cannot go back in cash. */
  nonCash: PaymentMethod[];
  /** What each method can still give back "as paid": the sale's payment less earlier refunds by it. */
  asPaid: Map<PaymentMethod, Rupiah>;
  /** The sale's payment reference per method (an EDC slip, a QRIS reference), given back with it. */
  references: Map<PaymentMethod, string>;
}

function refundMoney(ctx: Ctx, sale: SaleView, planned: readonly PlannedLine[]): RefundMoney {
  const till = getTillSettings(ctx.db);
  const paidBy = new Map<PaymentMethod, Rupiah>();
  for (const p of sale.payments) paidBy.set(p.method, (paidBy.get(p.method) ?? 0) + p.amount);
  if (paidBy.has('cash')) paidBy.set('cash', paidBy.get('cash')! - sale.change);
  const earlier = ctx.db
    .select({ method: refundPayments.method, amount: sql<number>`sum(${refundPayments.amount})` })
    .from(refundPayments)
    .innerJoin(refunds, eq(refunds.id, refundPayments.refundId))
    .where(eq(refunds.saleId, sale.id))
    .groupBy(refundPayments.method)
    .all();
  const returned = earlier.reduce((n, r) => n + r.amount, 0);
  const left = sale.total + sale.rounding - returned;
  const asPaid = new Map<PaymentMethod, Rupiah>();
  for (const [m, amount] of paidBy) asPaid.set(m, Math.max(0, amount - (earlier.find((r) => r.method === m)?.amount ?? 0)));
  const value = planned.reduce((n, p) => n + p.amount, 0);
  const unitsLeft = sale.lines.reduce((n, l) => n + l.qty - l.refundedQty, 0);
  const final = planned.reduce((n, p) => n + p.input.qty, 0) === unitsLeft;
  const grid = till.cashRounding === '100' && (paidBy.get('cash') ?? 0) % CASH_STEP === 0;
  const nonCash = [
    ...sale.payments.map((p) => p.method),
    ...earlier.map((r) => r.method),
    ...till.paymentMethods,
  ].filter((m, i, all): m is PaymentMethod => m !== 'cash' && all.indexOf(m) === i);
  const references = new Map<PaymentMethod, string>();
  for (const p of sale.payments) if (p.reference && !references.has(p.method)) references.set(p.method, p.reference);
  return { value, left, final, grid, target: final ? left : Math.min(value, left), nonCash, asPaid, references };
}

/** The cash a refund must give when `nonCash` of it goes back by other methods. */
function cashPart(m: RefundMoney, nonCash: Rupiah): Rupiah {
  const due = m.target - nonCash;
  if (!m.grid || m.final || due === 0) return due;
  const up = divRoundHalfUp(due, CASH_STEP) * CASH_STEP;
  return nonCash + up <= m.left ? up : Math.floor((m.left - nonCash) / CASH_STEP) * CASH_STEP;
}

/** Whether the last refund's cash must be on the grid (a non-cash method exists to take the rest). */
const finalNeedsGrid = (m: RefundMoney) => m.grid && m.final && m.nonCash.length > 0;

/** The payments of a refund by `payBack`. */
function splitPayments(m: RefundMoney, payBack: PayBack): MoneyOut[] {
  const out: MoneyOut[] = [];
  const add = (method: PaymentMethod, amount: Rupiah) => {
    if (amount <= 0) return;
    const row = out.find((p) => p.method === method);
    if (row) row.amount += amount;
    else out.push({ method, amount });
  };
  let rest = m.target;
  if (payBack === 'asPaid') {
    for (const [method, avail] of m.asPaid) {
      if (method === 'cash') continue;
      const take = Math.min(rest, avail);
      add(method, take);
      rest -= take;
    }
  } else if (payBack !== 'cash') {
    add(payBack, rest);
    rest = 0;
  }
  if (rest > 0) {
    let cash = cashPart(m, m.target - rest);
    if (finalNeedsGrid(m) && cash % CASH_STEP !== 0) {
      const off = cash % CASH_STEP;
      cash -= off;
      add(out.find((p) => p.method !== 'cash')?.method ?? m.nonCash[0]!, off);
    }
    add('cash', cash);
  }
  for (const p of out) {
    const reference = m.references.get(p.method);
    if (reference) p.reference = reference;
  }
  // Cash first, as the slip lists it.
  return [...out.filter((p) => p.method === 'cash'), ...out.filter((p) => p.method !== 'cash')];
}

/** Refuse payments that do not follow the rule; gives the payable. */
function checkPayments(m: RefundMoney, payments: readonly MoneyOut[]): Rupiah {
  const nonCash = sumOf(payments.filter((p) => p.method !== 'cash'));
  const cash = sumOf(payments.filter((p) => p.method === 'cash'));
  if (nonCash > m.target) {
    fail('VALIDATION', `Pengembalian non-tunai (${nonCash}) melebihi yang harus dikembalikan (${m.target}).`, { field: 'payments', payable: m.target });
  }
  // The rest of the money goes back in cash, rounded as the rule says.
  const expectedCash = cashPart(m, nonCash);
  const payable = nonCash + expectedCash;
  if (cash !== expectedCash) {
    fail('VALIDATION', `Jumlah pengembalian harus ${formatRupiah(payable)}, tertulis ${formatRupiah(nonCash + cash)}.`, {
      field: 'payments',
      payable,
      given: nonCash + cash,
      cash: expectedCash,
      suggested: splitPayments(m, 'asPaid'),
    });
  }
  if (finalNeedsGrid(m) && cash % CASH_STEP !== 0) {
    fail('VALIDATION', `Uang tunai refund harus kelipatan ${formatRupiah(CASH_STEP)}; kembalikan ${formatRupiah(cash % CASH_STEP)} lewat cara bayar non-tunai.`, {
      field: 'payments',
      cashStep: CASH_STEP,
      suggested: splitPayments(m, 'asPaid'),
    });
  }
  return payable;
}

/** What refunding these units would give back and how (as paid, or by `payBack`); writes nothing. */
export function previewRefund(ctx: Ctx, input: { saleId: number; lines: RefundLineInput[]; payBack?: PayBack }): RefundPreview {
  const sale = getSale(ctx, input.saleId);
  if (sale.status === 'voided') fail('CONFLICT', `Penjualan ${sale.number} sudah dibatalkan.`);
  const planned = planRefund(ctx, sale, input.lines);
  const money = refundMoney(ctx, sale, planned);
  const payments = splitPayments(money, input.payBack ?? 'asPaid');
  const payable = sumOf(payments);
  return {
    saleId: sale.id,
    lines: planned.map((p) => ({
      saleLineId: p.saleLine.id,
      qty: p.input.qty,
      amount: p.amount,
      refundable: p.saleLine.qty - p.saleLine.refundedQty,
    })),
    total: money.value,
    rounding: payable - money.value,
    payable,
    left: money.left,
    final: money.final,
    payments: payments.map((p) => ({ method: p.method, amount: p.amount, ...(p.reference ? { reference: p.reference } : {}) })),
  };
}

/** The caller when a manager, else the grant in `approval` (used up here), else refused. Call inside the transaction. */
function requireApprover(ctx: Ctx, actor: Actor, approval: Approval | undefined, action: 'sales.refund' | 'sales.void', saleId: number): Approver {
  const approver = selfApprover(actor) ?? (approval ? useGrant(ctx, actor, approval.token, { action, saleId }) : null);
  if (!approver) {
    throw approvalRequired(action === 'sales.void' ? 'Pembatalan perlu persetujuan manajer.' : 'Refund perlu persetujuan manajer.');
  }
  return approver;
}

/** Refund units of a sale (manager, or a cashier with a manager's approval). */
export function refundSale(
  ctx: Ctx,
  actor: Actor,
  input: RefundInput,
  /** Runs inside the refund's transaction, after it is written (e.g. to record its slip's print job): both commit or neither. */
  inTransaction?: (refundId: number) => void,
): RefundView {
  return ctx.db.transaction(() => {
    const sale = getSale(ctx, input.saleId);
    const approver = requireApprover(ctx, actor, input.approval, 'sales.refund', sale.id);
    if (sale.status === 'voided') fail('CONFLICT', `Penjualan ${sale.number} sudah dibatalkan.`);
    const view = writeRefund(ctx, actor, approver, sale, { kind: 'refund', lines: input.lines, reason: input.reason, payments: input.payments });
    inTransaction?.(view.id);
    return view;
  });
}

/**
 * Void a whole sale in the shift that sold it: every unit back to its lot,
 * every payment given back as paid (cash net of change, the cash rounding too).
 */
export function voidSale(
  ctx: Ctx,
  actor: Actor,
  input: { saleId: number; reason: string; approval?: Approval },
  /** As for `refundSale`: runs inside the void's transaction, after it is written. */
  inTransaction?: (refundId: number) => void,
): RefundView {
  return ctx.db.transaction(() => {
    const sale = getSale(ctx, input.saleId);
    const approver = requireApprover(ctx, actor, input.approval, 'sales.void', sale.id);
    if (sale.status === 'voided') fail('CONFLICT', `Penjualan ${sale.number} sudah dibatalkan.`);
    const shift = openShiftRow(ctx, actor.tillCode);
    if (!shift || shift.id !== sale.shiftId) {
      fail('CONFLICT', `Penjualan ${sale.number} hanya bisa dibatalkan di shift yang sama; gunakan refund.`, { shiftId: sale.shiftId });
    }
    if (sale.refunds.length > 0) fail('CONFLICT', `Penjualan ${sale.number} sudah pernah direfund; gunakan refund untuk sisanya.`);
    const view = writeRefund(ctx, actor, approver, sale, {
      kind: 'void',
      lines: sale.lines.map((l) => ({ saleLineId: l.id, qty: l.qty, restock: true })),
      reason: input.reason,
      payments: 'asPaid',
    });
    ctx.db.update(sales).set({ status: 'voided' }).where(eq(sales.id, sale.id)).run();
    inTransaction?.(view.id);
    return view;
  });
}

function writeRefund(
  ctx: Ctx,
  actor: Actor,
  approver: Approver,
  sale: SaleView,
  input: { kind: 'refund' | 'void'; lines: RefundLineInput[]; reason: string; payments: RefundInput['payments'] | 'asPaid' },
): RefundView {
  const shift = openShiftRow(ctx, actor.tillCode);
  if (!shift) return fail('SHIFT_CLOSED', `Buka shift kasir ${actor.tillCode} dulu sebelum refund.`);
  const planned = planRefund(ctx, sale, input.lines);
  const total = planned.reduce((n, p) => n + p.amount, 0);
  const money = refundMoney(ctx, sale, planned);
  const payments = input.payments === 'asPaid' ? splitPayments(money, 'asPaid') : input.payments;
  const payable = checkPayments(money, payments);
  const rounding = payable - total;
  const cashOut = payments.filter((p) => p.method === 'cash').reduce((n, p) => n + p.amount, 0);
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
      rounding,
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
      // Every lot has a supplier (products and intakes require one).
      const ledgerEntryId = ctx.db
        .insert(ledgerEntries)
        .values({
          supplierId: t.supplierId!,
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
  for (const pay of payments) {
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
      rounding,
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

