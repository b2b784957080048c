// Over 350 lines on purpose: the checkout is the benchmark's hot path; its statements, pricing and
// lot allocation stay in one module so the measured path is read (and changed) in one place.
import { eq } from 'drizzle-orm';
import { sales } from '../../db/schema';
import { fail } from '../../shared/errors';
import { MAX_RUPIAH, type Rupiah } from '../../shared/money';
import { approvalReasons, cashRoundingOf, priceCart, splitByWeights, supplierShare } from '../../shared/pricing';
import type { PaymentMethod } from '../../shared/printer';
import type { Actor, Ctx } from './context';
import type { SaleView } from '../../shared/types';
import type { Approval, ApprovalReason, CartLine, Discount } from '../../shared/types-till';
import { approvalRequired, grantedReasons, selfApprover, useGrant, type Approver } from './approvals';
import { audit } from './audit';
import { businessDate, compactDate } from './clock';
import { getSetting } from './settings';
import { nextSequence, pad } from './sequences';
import { openShiftRow } from './shifts';
import { allocateFefo } from './stock';
import { getTillSettings } from './till-settings';
import { all, get, query, run, write } from '../../db/statements';

// The checkout and the sale it answers with: plain prepared statements, per connection (src/db/statements.ts).
const insertSale = query<{ id: number }>()<
  [number: string, clientRequestId: string, tillCode: string, shiftId: number, cashierId: number, subtotal: number, discountTotal: number, saleDiscount: number, total: number, rounding: number, paid: number, change: number, approvedBy: number | null, businessDate: string, createdAt: number]
>(
  'sales.insert',
  `INSERT INTO sales (number, client_request_id, till_code, shift_id, cashier_id, subtotal, discount_total, sale_discount, total, rounding, paid, change, approved_by, business_date, created_at)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  { id: true },
);
const insertSaleLine = write<[saleId: number, lineNo: number, productId: number, name: string, qty: number, unitPrice: number, listPrice: number, discount: number, saleDiscount: number, lineTotal: number]>(
  'sales.insertLine',
  `INSERT INTO sale_lines (sale_id, line_no, product_id, name, qty, unit_price, list_price, discount, sale_discount, line_total)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
);
const insertLinePortion = write<[saleLineId: number, lotId: number, qty: number, netAmount: number, supplierShare: number, shopShare: number]>(
  'sales.insertLinePortion',
  'INSERT INTO sale_line_lots (sale_line_id, lot_id, qty, net_amount, supplier_share, shop_share) VALUES (?, ?, ?, ?, ?, ?)',
);
const insertSaleLedger = write<[supplierId: number, amount: number, saleLineLotId: number, lotId: number, qty: number, businessDate: string, createdAt: number]>(
  'sales.insertLedgerEntry',
  `INSERT INTO ledger_entries (supplier_id, kind, amount, sale_line_lot_id, lot_id, qty, business_date, created_at)
   VALUES (?, 'sale', ?, ?, ?, ?, ?, ?)`,
);
const insertPayment = write<[saleId: number, method: string, amount: number, reference: string | null]>(
  'sales.insertPayment',
  'INSERT INTO payments (sale_id, method, amount, reference) VALUES (?, ?, ?, ?)',
);

type SaleHead = Omit<SaleView, 'lines' | 'payments' | 'refunds' | 'payable'> & { cashierName: string };
const saleHead = query<SaleHead>()<[saleId: number]>(
  'sales.head',
  `SELECT x.id, x.number, x.till_code AS tillCode, x.shift_id AS shiftId, x.cashier_id AS cashierId, u.name AS cashierName,
          x.created_at AS createdAt, x.business_date AS businessDate, x.status, x.subtotal, x.discount_total AS discountTotal,
          x.sale_discount AS saleDiscount, x.total, x.rounding, x.paid, x.change, x.approved_by AS approvedBy
   FROM sales x JOIN users u ON u.id = x.cashier_id WHERE x.id = ?`,
  {
    id: true,
    number: true,
    tillCode: true,
    shiftId: true,
    cashierId: true,
    cashierName: true,
    createdAt: true,
    businessDate: true,
    status: true,
    subtotal: true,
    discountTotal: true,
    saleDiscount: true,
    total: true,
    rounding: true,
    paid: true,
    change: true,
    approvedBy: true,
  },
);
type SaleLineRow = Omit<SaleView['lines'][number], 'refundedQty' | 'lots'>;
const saleLineRows = query<SaleLineRow>()<[saleId: number]>(
  'sales.lines',
  `SELECT id, product_id AS productId, name, qty, unit_price AS unitPrice, discount, line_total AS lineTotal,
          sale_discount AS saleDiscount, list_price AS listPrice
   FROM sale_lines WHERE sale_id = ? ORDER BY line_no`,
  { id: true, productId: true, name: true, qty: true, unitPrice: true, discount: true, lineTotal: true, saleDiscount: true, listPrice: true },
);
interface SalePortionRow {
  id: number;
  saleLineId: number;
  lotId: number;
  qty: number;
  netAmount: number;
  supplierShare: number;
  shopShare: number;
}
const salePortionRows = query<SalePortionRow>()<[saleId: number]>(
  'sales.portions',
  `SELECT p.id, p.sale_line_id AS saleLineId, p.lot_id AS lotId, p.qty, p.net_amount AS netAmount,
          p.supplier_share AS supplierShare, p.shop_share AS shopShare
   FROM sale_line_lots p JOIN sale_lines l ON l.id = p.sale_line_id WHERE l.sale_id = ? ORDER BY p.id`,
  { id: true, saleLineId: true, lotId: true, qty: true, netAmount: true, supplierShare: true, shopShare: true },
);
const salePayments = query<SaleView['payments'][number]>()<[saleId: number]>(
  'sales.payments',
  'SELECT method, amount, reference FROM payments WHERE sale_id = ? ORDER BY id',
  { method: true, amount: true, reference: true },
);
const refundedQtyByLine = query<{ saleLineId: number; qty: number }>()<[saleId: number]>(
  'sales.refundedQtyByLine',
  `SELECT rl.sale_line_id AS saleLineId, sum(rl.qty) AS qty FROM refund_lines rl JOIN refunds r ON r.id = rl.refund_id
   WHERE r.sale_id = ? GROUP BY rl.sale_line_id`,
  { saleLineId: true, qty: true },
);
const saleRefunds = query<SaleView['refunds'][number]>()<[saleId: number]>(
  'sales.refunds',
  'SELECT id, number, kind, total, created_at AS createdAt FROM refunds WHERE sale_id = ? ORDER BY id',
  { id: true, number: true, kind: true, total: true, createdAt: true },
);
const refundLinesOnReceipt = query<SaleRefundDetail['lines'][number]>()<[refundId: number]>(
  'sales.receiptRefundLines',
  'SELECT name, qty, amount FROM refund_lines WHERE refund_id = ? ORDER BY id',
  { name: true, qty: true, amount: true },
);
const refundPaymentsOnReceipt = query<SaleRefundDetail['payments'][number]>()<[refundId: number]>(
  'sales.receiptRefundPayments',
  'SELECT method, amount, reference FROM refund_payments WHERE refund_id = ? ORDER BY id',
  { method: true, amount: true, reference: true },
);

interface CartProduct {
  id: number;
  name: string;
  sellPrice: number;
  active: 0 | 1;
}
const cartProduct = query<CartProduct>()<[productId: number]>(
  'sales.cartProduct',
  'SELECT id, name, sell_price AS sellPrice, active FROM products WHERE id = ?',
  { id: true, name: true, sellPrice: true, active: true },
);
const saleByRequestId = query<{ id: number; tillCode: string }>()<[clientRequestId: string]>(
  'sales.byRequestId',
  'SELECT id, till_code AS tillCode FROM sales WHERE client_request_id = ?',
  { id: true, tillCode: true },
);

export interface CheckoutInput {
  clientRequestId: string;
  lines: CartLine[];
  /** A discount on the whole sale, spread over the lines by largest remainder. */
  discount?: Discount;
  payments: { method: PaymentMethod; amount: Rupiah; reference?: string }[];
  /** A manager's approval (from `approvals.verify`), for discounts over the limit and price overrides. */
  approval?: Approval;
}

/**
 * Ring up a sale in one transaction: price every line from the database,
 * apply discounts and overrides (a manager approves those over the limit),
 * allocate lots FEFO, split each portion's money between supplier and shop,
 * write the supplier ledger, record the payments. A repeated
 * clientRequestId returns the first sale and changes nothing.
 */
export function checkout(
  ctx: Ctx,
  actor: Actor,
  input: CheckoutInput,
  /** Runs inside the sale's transaction, after the sale is written (e.g. to record its receipt job): both commit or neither. */
  inTransaction?: (saleId: number) => void,
): { sale: SaleView; replayed: boolean } {
  const replay = () => {
    const prior = get(ctx.db.$client, saleByRequestId, input.clientRequestId);
    // Keys are the till's own (issue 17): another till's request is never replayed, nor shown.
    if (prior && prior.tillCode !== actor.tillCode) fail('CONFLICT', 'Kunci permintaan ini sudah dipakai kasir lain. Buat kunci baru.', { field: 'clientRequestId' });
    return prior ? { sale: getSale(ctx, prior.id), replayed: true } : undefined;
  };
  const sqlite = ctx.db.$client;
  const result = ctx.db.transaction(() => {
    const prior = replay();
    if (prior) return prior;

    const shift = openShiftRow(ctx, actor.tillCode);
    if (!shift) fail('SHIFT_CLOSED', `Buka shift kasir ${actor.tillCode} dulu sebelum berjualan.`);
    const till = getTillSettings(ctx.db);

    const found = cartProducts(ctx, input.lines);
    const cart = priceCart(input.lines.map((line, i) => ({ ...line, sellPrice: found[i]!.sellPrice })), input.discount);
    const { subtotal, discountTotal, total } = cart;

    input.payments.forEach((p, i) => {
      if (!till.paymentMethods.includes(p.method)) {
        fail('VALIDATION', `Cara bayar "${p.method}" tidak diaktifkan di toko ini.`, { field: `payments.${i}.method`, enabled: till.paymentMethods });
      }
    });
    const paid = input.payments.reduce((n, p) => n + p.amount, 0);
    if (paid > MAX_RUPIAH) fail('VALIDATION', 'Jumlah pembayaran terlalu besar.', { field: 'payments', max: MAX_RUPIAH });
    const nonCash = input.payments.filter((p) => p.method !== 'cash').reduce((n, p) => n + p.amount, 0);
    if (nonCash > total) {
      fail('VALIDATION', 'Pembayaran non-tunai tidak boleh melebihi total belanja.', { field: 'payments', total, nonCash });
    }
    const rounding = cashRoundingOf(total, input.payments, till.cashRounding);
    const payable = total + rounding;
    if (paid < payable) fail('VALIDATION', 'Pembayaran kurang dari total belanja.', { field: 'payments', total, rounding, payable, paid });
    const change = paid - payable;

    const reasons = approvalReasons(cart, till.discountLimitBps);
    let approver: Approver | null = null;
    if (reasons.length > 0) {
      const asked = { reasons, discountLimitBps: till.discountLimitBps };
      approver =
        selfApprover(actor) ??
        (input.approval
          ? useGrant(ctx, actor, input.approval.token, { action: 'sales.checkout', needed: grantedReasons(reasons, input.lines) }, asked)
          : null);
      if (!approver) throw approvalRequired('Diskon di atas batas atau harga diubah: perlu persetujuan manajer.', asked);
    }

    const now = ctx.clock.now();
    const tz = getSetting(ctx.db, 'timeZone');
    const today = businessDate(now, tz);
    const day = compactDate(now, tz);
    const number = `${actor.tillCode}-${day}-${pad(nextSequence(ctx.db, `sale:${actor.tillCode}:${day}`), 4)}`;

    // A plain prepared statement: the outbox triggers on `sales` make preparing it anew on every sale costly.
    const sale = get(
      sqlite,
      insertSale,
      number,
      input.clientRequestId,
      actor.tillCode,
      shift!.id,
      actor.userId,
      subtotal,
      discountTotal,
      cart.saleDiscount,
      total,
      rounding,
      paid,
      change,
      reasons.length > 0 ? approver!.userId : null,
      today,
      now,
    )!;

    cart.lines.forEach((line, i) => {
      const product = found[i]!;
      // Per line and per lot portion: plain prepared statements, reused per connection.
      const saleLine = {
        id: Number(
          run(sqlite, insertSaleLine, sale.id, i + 1, product.id, product.name, line.qty, line.unitPrice, line.listPrice, line.discount, line.saleDiscount, line.net)
            .lastInsertRowid,
        ),
      };
      const portions = allocateFefo(ctx, product.id, line.qty, today, product.name);
      const nets = splitByWeights(line.net, portions.map((p) => p.qty));
      portions.forEach((portion, k) => {
        const net = nets[k]!;
        const share = supplierShare(portion.lot, portion.qty, net);
        const sllId = Number(run(sqlite, insertLinePortion, saleLine.id, portion.lot.id, portion.qty, net, share, net - share).lastInsertRowid);
        // Every lot has a supplier (products and intakes require one; ledger_entries.supplier_id is NOT NULL).
        run(sqlite, insertSaleLedger, portion.lot.supplierId, share, sllId, portion.lot.id, portion.qty, today, now);
      });
    });

    for (const p of input.payments) {
      run(sqlite, insertPayment, sale.id, p.method, p.amount, p.reference ?? null);
    }

    if (reasons.length > 0) {
      const by = { approvedBy: approver!.userId, approvedByName: approver!.name, self: approver!.self };
      if (reasons.some((r) => r.kind !== 'price_override')) {
        audit(ctx, {
          userId: actor.userId,
          action: 'discount.approved',
          entity: 'sale',
          entityId: sale.id,
          details: { number, ...by, discountTotal, subtotal, limitBps: till.discountLimitBps, reasons: reasons.filter((r) => r.kind !== 'price_override') },
        });
      }
      for (const r of reasons) {
        if (r.kind !== 'price_override') continue;
        audit(ctx, {
          userId: actor.userId,
          action: 'price.override',
          entity: 'sale',
          entityId: sale.id,
          details: { number, line: r.line + 1, productId: found[r.line]!.id, listPrice: r.listPrice, unitPrice: r.unitPrice, ...by },
        });
      }
    }
    inTransaction?.(sale.id);
    return { sale: getSale(ctx, sale.id, { fresh: true }), replayed: false };
  });
  return result;
}

/** The products of a cart's lines, in order; refuses unknown and inactive ones. */
function cartProducts(ctx: Ctx, lines: readonly { productId: number }[]): CartProduct[] {
  const byId = new Map<number, CartProduct | undefined>();
  return lines.map((line, i) => {
    if (!byId.has(line.productId)) byId.set(line.productId, get(ctx.db.$client, cartProduct, line.productId));
    const p = byId.get(line.productId);
    if (!p) return fail('NOT_FOUND', `Produk #${line.productId} tidak ditemukan.`, { field: `lines.${i}.productId` });
    if (!p.active) return fail('VALIDATION', `"${p.name}" tidak dijual lagi.`, { field: `lines.${i}.productId` });
    return p;
  });
}

/** What in this cart needs a manager, priced as the checkout would (writes nothing). */
export function cartApprovalReasons(ctx: Ctx, lines: CartLine[], discount: Discount | undefined): ApprovalReason[] {
  const found = cartProducts(ctx, lines);
  const cart = priceCart(lines.map((line, i) => ({ ...line, sellPrice: found[i]!.sellPrice })), discount);
  return approvalReasons(cart, getTillSettings(ctx.db).discountLimitBps);
}

export function getSale(
  ctx: Ctx,
  id: number,
  /** `fresh`: the sale was written in this very transaction, so it has no refunds yet (two queries fewer per checkout). */
  opts: { fresh?: boolean } = {},
): SaleView {
  // Read after every checkout: plain prepared statements (reused per connection).
  const sqlite = ctx.db.$client;
  const s = get(sqlite, saleHead, id);
  if (!s) return fail('NOT_FOUND', `Penjualan #${id} tidak ditemukan.`, { field: 'id' });
  const lines = all(sqlite, saleLineRows, id);
  const portions = all(sqlite, salePortionRows, id);
  const pays = all(sqlite, salePayments, id);
  const refunded = new Map(opts.fresh ? [] : all(sqlite, refundedQtyByLine, id).map((r) => [r.saleLineId, r.qty]));
  const refundRows = opts.fresh ? [] : all(sqlite, saleRefunds, id);
  return {
    ...s,
    payable: s.total + s.rounding,
    lines: lines.map((l) => ({
      ...l,
      refundedQty: refunded.get(l.id) ?? 0,
      lots: portions
        .filter((p) => p.saleLineId === l.id)
        .map((p) => ({ id: p.id, lotId: p.lotId, qty: p.qty, netAmount: p.netAmount, supplierShare: p.supplierShare, shopShare: p.shopShare })),
    })),
    payments: pays,
    refunds: refundRows,
  };
}

/**
 * The numbers a typed or scanned receipt number can stand for: itself, and
 * for the receipt's barcode (the number without dashes, `K1202611290007`)
 * `<till>-<YYYYMMDD>-<seq>` for each sequence length it could have.
 */
export function saleNumberCandidates(text: string): string[] {
  const n = text.trim().toUpperCase();
  if (n.includes('-') || !/^[A-Z0-9]+$/.test(n)) return [n];
  const out = [n];
  for (let seq = 4; seq <= 7 && n.length > 8 + seq; seq++) {
    const till = n.slice(0, n.length - 8 - seq);
    const day = n.slice(till.length, till.length + 8);
    if (/^[A-Z0-9]{1,6}$/.test(till) && /^20\d{6}$/.test(day)) out.push(`${till}-${day}-${n.slice(-seq)}`);
  }
  return out;
}

/** A sale by its number, as printed on the receipt or read from its barcode. */
export function findSaleByNumber(ctx: Ctx, number: string): SaleView {
  for (const candidate of saleNumberCandidates(number)) {
    const row = ctx.db.select({ id: sales.id }).from(sales).where(eq(sales.number, candidate)).get();
    if (row) return getSale(ctx, row.id);
  }
  return fail('NOT_FOUND', `Penjualan ${number} tidak ditemukan.`, { field: 'number' });
}

/** A refund or void of a sale with its lines and payments. */
export interface SaleRefundDetail {
  number: string;
  kind: 'refund' | 'void';
  createdAt: number;
  lines: { name: string; qty: number; amount: Rupiah }[];
  payable: Rupiah;
  payments: { method: PaymentMethod; amount: Rupiah; reference?: string | null }[];
}

/** The refunds of a sale as its receipt shows them. */
export function receiptRefunds(ctx: Ctx, sale: SaleView): SaleRefundDetail[] {
  const sqlite = ctx.db.$client;
  return sale.refunds.map((r) => {
    const lines = all(sqlite, refundLinesOnReceipt, r.id);
    const pays = all(sqlite, refundPaymentsOnReceipt, r.id);
    return { number: r.number, kind: r.kind, createdAt: r.createdAt, lines, payable: pays.reduce((n, p) => n + p.amount, 0), payments: pays };
  });
}
