/**
 * One documents service: per document kind, gather its data from core,
 * render it with printing (which takes everything as arguments and knows no
 * database), and hand it to the print queue. Handlers call it in one line.
 *
 * Receipts and refund slips are recorded as references (kind + id) and
 * rendered at send time, after the answer went back to the till: the first
 * send may open the cash drawer, a send after a failure or an interruption
 * is rendered again as a copy without the pulse.
 */
import { and, asc, eq } from 'drizzle-orm';
import { printJobs } from '../../db/schema';
import { AppError, fail } from '../../shared/errors';
import type { PrinterColumns } from '../../shared/printer';
import type { PrintJobView, SaleView } from '../../shared/types';
import type { IntakeView, LabelsResult, ReturnView } from '../../shared/types-backoffice';
import type { RefundView, ShiftReport } from '../../shared/types-till';
import type { SettlementDetail } from '../../shared/types-settlement';
import type { Actor, Ctx } from '../core/context';
import { getProduct } from '../core/catalog';
import { getRefund } from '../core/refunds';
import { officeReport } from '../core/reports';
import { getReturn } from '../core/returns';
import { checkout, getSale, receiptRefunds, type CheckoutInput } from '../core/sales';
import { getPrinterConfig, getSettings } from '../core/settings';
import { getSettlement } from '../core/settlements';
import { requireSupplier } from '../core/suppliers';
import { getIntake, lotExpiry } from '../core/stock';
import { renderOfficeReportHtml } from '../printing/documents/office-report-html';
import { renderIntakeSlip, type IntakeSlipData, type SlipLine } from '../printing/documents/intake-slip';
import { renderLabels, type LabelData } from '../printing/documents/labels';
import { renderDrawerKick, renderQrisSlip, type QrisSlipData } from '../printing/documents/qris-slip';
import { renderReceipt } from '../printing/documents/receipt';
import { renderRefundSlip, type RefundSlipData } from '../printing/documents/refund-slip';
import { renderReturnSlip, type ReturnSlipData } from '../printing/documents/return-slip';
import { renderSettlementSlip, type SettlementSlipData } from '../printing/documents/settlement-slip';
import { renderSettlementStatementHtml } from '../printing/documents/settlement-statement-html';
import { renderShiftReport } from '../printing/documents/shift-report';
import { renderTestPage } from '../printing/documents/test-page';
import type { ReceiptData } from '../printing/types';
import type { JobRef, PrintQueue } from './print-queue';

/** The shop header every document prints, from the settings. */
function shopOf(ctx: Ctx) {
  const s = getSettings(ctx.db);
  return { shop: { name: s.shopName, address: s.shopAddress, phone: s.shopPhone }, timeZone: s.timeZone };
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
    // On paper a line shows its own discount; the sale discount shows once under the subtotal.
    lines: sale.lines.map((l) => ({ name: l.name, qty: l.qty, unitPrice: l.unitPrice, discount: l.discount, lineTotal: l.lineTotal + l.saleDiscount })),
    subtotal: sale.subtotal,
    discountTotal: sale.discountTotal,
    saleDiscount: sale.saleDiscount,
    total: sale.total,
    rounding: sale.rounding,
    payments: sale.payments,
    change: sale.change,
    refunds: receiptRefunds(ctx, sale),
  };
}

/** Everything the refund (or void) slip needs. */
export function refundSlipData(ctx: Ctx, refund: RefundView): RefundSlipData {
  const { shop, timeZone } = shopOf(ctx);
  return {
    shop,
    kind: refund.kind,
    number: refund.number,
    saleNumber: refund.saleNumber,
    tillCode: refund.tillCode,
    cashierName: refund.createdByName,
    approvedByName: refund.approvedByName,
    createdAt: refund.createdAt,
    timeZone,
    reason: refund.reason,
    lines: refund.lines.map((l) => ({ name: l.name, qty: l.qty, amount: l.amount, restock: l.restock })),
    total: refund.total,
    rounding: refund.rounding,
    payments: refund.payments,
  };
}

function slipLines(lines: IntakeView['lines'] | ReturnView['lines']): SlipLine[] {
  return lines.map((l) => ({ name: l.name, qty: l.qty, unit: l.unit, expiryDate: l.expiryDate, terms: l.terms, sellPrice: l.sellPrice, value: l.value }));
}

/** Everything the intake slip needs, from the stored intake and the shop settings. */
export function intakeSlipData(ctx: Ctx, intake: IntakeView): IntakeSlipData {
  return {
    ...shopOf(ctx),
    number: intake.number,
    createdAt: intake.createdAt,
    supplier: { code: intake.supplierCode, name: intake.supplierName },
    receivedByName: intake.receivedByName,
    note: intake.note,
    lines: slipLines(intake.lines),
    totalQty: intake.totalQty,
    totalValue: intake.totalValue,
  };
}

/** Everything the return slip needs, from the stored return and the shop settings. */
export function returnSlipData(ctx: Ctx, ret: ReturnView): ReturnSlipData {
  return {
    ...shopOf(ctx),
    number: ret.number,
    createdAt: ret.createdAt,
    // Who signs for the supplier: its owner, when known (as on the settlement slip).
    supplier: { code: ret.supplierCode, name: ret.supplierName, ownerName: requireSupplier(ctx, ret.supplierId).ownerName },
    createdByName: ret.createdByName,
    reason: ret.reason,
    note: ret.note,
    lines: slipLines(ret.lines),
    totalQty: ret.totalQty,
    totalValue: ret.totalValue,
  };
}

export function settlementSlipData(ctx: Ctx, settlement: SettlementDetail): SettlementSlipData {
  return { ...shopOf(ctx), settlement };
}

/**
 * The office report (laporan UMKM) as one A4 HTML page. A free function:
 * it runs in the report worker, which has the database and nothing else.
 */
export function officeReportHtml(ctx: Ctx, input: Parameters<typeof officeReport>[1]): string {
  const { shop, timeZone } = shopOf(ctx);
  return renderOfficeReportHtml({ shop, timeZone, printedAt: ctx.clock.now(), report: officeReport(ctx, input) });
}

/** Most labels one request may print. */
export const MAX_LABELS = 500;

function productOr404(ctx: Ctx, id: number, field: string) {
  try {
    return getProduct(ctx, id);
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') fail('NOT_FOUND', err.message, { field });
    throw err;
  }
}

function intakeOr404(ctx: Ctx, id: number): IntakeView {
  try {
    return getIntake(ctx, id);
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') fail('NOT_FOUND', err.message, { field: 'intakeId' });
    throw err;
  }
}

/** Who prints: the caller's till. */
type Caller = Pick<Actor, 'tillCode'>;

/** Sales just rung up whose receipt has not been rendered yet: at most this many are kept. */
const FRESH_SALES_KEPT = 64;

export class Documents {
  /**
   * The sale each checkout answered with, until its receipt's first render
   * (issue 16: the receipt is not read back from the database it was just
   * written to). A refund or void of the sale drops it, so a receipt rendered
   * after one reads the sale again, with the refund.
   */
  private readonly fresh = new Map<number, SaleView>();

  constructor(
    private readonly ctx: Ctx,
    readonly queue: PrintQueue,
  ) {}

  /**
   * The queue's renderer for jobs recorded as references. Only the first
   * send may pulse the drawer; any other send is a copy without it.
   */
  render(job: JobRef, opts: { columns: PrinterColumns; firstSend: boolean }): Uint8Array | null {
    if (job.refId === null) return null;
    // `copy`: a reprint, or a resend that may have printed already (the queue decides).
    const { copy } = job;
    const drawer = opts.firstSend && !copy;
    switch (job.kind) {
      case 'receipt': {
        const fresh = this.fresh.get(job.refId);
        if (fresh) this.fresh.delete(job.refId);
        const sale = (opts.firstSend && fresh) || getSale(this.ctx, job.refId);
        return renderReceipt(receiptData(this.ctx, sale), { columns: opts.columns, copy, openDrawer: drawer && sale.payments.some((p) => p.method === 'cash') });
      }
      case 'refund': {
        const refund = getRefund(this.ctx, job.refId);
        return renderRefundSlip(refundSlipData(this.ctx, refund), { columns: opts.columns, copy, openDrawer: drawer && refund.payments.some((p) => p.method === 'cash') });
      }
      default:
        return null;
    }
  }

  private columns(caller: Caller): PrinterColumns {
    return getPrinterConfig(this.ctx.db, caller.tillCode).columns;
  }

  /**
   * Never throws: the business write is committed, and a document that
   * cannot be queued is logged (it can be printed again with its reprint).
   */
  private safely(what: string, queue: () => PrintJobView): PrintJobView | undefined {
    try {
      return queue();
    } catch (err) {
      console.error(`${what} could not be queued`, err);
      return undefined;
    }
  }

  /**
   * The checkout with its receipt: the receipt job row is written inside
   * the sale's own transaction (one durable commit per sale); it is rendered
   * and sent after the answer. A replayed checkout answers the first
   * receipt job and prints nothing.
   */
  checkout(actor: Actor, input: CheckoutInput): { sale: SaleView; replayed: boolean; printJob: PrintJobView | undefined } {
    let recorded: PrintJobView | undefined;
    const { sale, replayed } = checkout(this.ctx, actor, input, (saleId) => {
      recorded = this.queue.record({ kind: 'receipt', refId: saleId, tillCode: actor.tillCode });
    });
    if (replayed) {
      const prior = this.ctx.db
        .select({ id: printJobs.id })
        .from(printJobs)
        // The sale's own receipt job is its first (reprints come later; a resend may have made it a copy).
        .where(and(eq(printJobs.kind, 'receipt'), eq(printJobs.refId, sale.id)))
        .orderBy(asc(printJobs.id))
        .limit(1)
        .get();
      return { sale, replayed, printJob: prior ? this.queue.get(prior.id) : undefined };
    }
    if (recorded) {
      this.fresh.set(sale.id, sale);
      // Receipts the host never renders (a printer at the till's own PC) must not pile up here.
      if (this.fresh.size > FRESH_SALES_KEPT) this.fresh.delete(this.fresh.keys().next().value as number);
    }
    return { sale, replayed, printJob: recorded && this.queue.send(recorded) };
  }

  /** A receipt printed again on request: a copy, never the drawer. */
  receiptCopy(caller: Caller, saleId: number): PrintJobView {
    const sale = getSale(this.ctx, saleId);
    return this.queue.enqueue({ kind: 'receipt', refId: sale.id, copy: true, tillCode: caller.tillCode });
  }

  /**
   * A refund (or void) with its slip, as the checkout with its receipt: the
   * slip's job row is written inside the refund's own transaction (`write`
   * passes `inTransaction` to `refundSale`/`voidSale`) and sent after the
   * answer; cash going out opens the drawer on the first send only.
   */
  refund(actor: Actor, write: (inTransaction: (refundId: number) => void) => RefundView): RefundView & { printJob: PrintJobView | undefined } {
    let recorded: PrintJobView | undefined;
    const refund = write((refundId) => {
      recorded = this.queue.record({ kind: 'refund', refId: refundId, tillCode: actor.tillCode });
    });
    this.fresh.delete(refund.saleId);
    return { ...refund, printJob: recorded && this.queue.send(recorded) };
  }

  /** The refund (or void) slip printed again on request: a copy, never the drawer. */
  refundSlipCopy(caller: Caller, refundId: number): PrintJobView {
    return this.queue.enqueue({ kind: 'refund', refId: getRefund(this.ctx, refundId).id, copy: true, tillCode: caller.tillCode });
  }

  intakeSlip(caller: Caller, intakeId: number, copy = false): PrintJobView | undefined {
    const queue = () => {
      const bytes = renderIntakeSlip(intakeSlipData(this.ctx, getIntake(this.ctx, intakeId)), { columns: this.columns(caller), copy });
      return this.queue.enqueue({ kind: 'intake', refId: intakeId, copy, tillCode: caller.tillCode, bytes });
    };
    return copy ? queue() : this.safely(`intake slip of intake #${intakeId}`, queue);
  }

  returnSlip(caller: Caller, returnId: number, copy = false): PrintJobView | undefined {
    const queue = () => {
      const bytes = renderReturnSlip(returnSlipData(this.ctx, getReturn(this.ctx, returnId)), { columns: this.columns(caller), copy });
      return this.queue.enqueue({ kind: 'return', refId: returnId, copy, tillCode: caller.tillCode, bytes });
    };
    return copy ? queue() : this.safely(`return slip of return #${returnId}`, queue);
  }

  settlementSlip(caller: Caller, settlementId: number, copy = false): PrintJobView | undefined {
    const queue = () => {
      const bytes = renderSettlementSlip(settlementSlipData(this.ctx, getSettlement(this.ctx, settlementId)), { columns: this.columns(caller), copy });
      return this.queue.enqueue({ kind: 'settlement', refId: settlementId, copy, tillCode: caller.tillCode, bytes });
    };
    return copy ? queue() : this.safely(`settlement slip of settlement #${settlementId}`, queue);
  }

  /** The settlement statement as one A4 HTML page (not queued: the browser prints it). */
  settlementStatementHtml(settlementId: number): string {
    return renderSettlementStatementHtml(settlementSlipData(this.ctx, getSettlement(this.ctx, settlementId)));
  }

  /** An X or Z report of a shift (a snapshot: stored as rendered). */
  shiftReport(caller: Caller, report: ShiftReport, copy = false): PrintJobView | undefined {
    const queue = () => {
      const s = getSettings(this.ctx.db);
      const bytes = renderShiftReport(
        { shop: { name: s.shopName, address: s.shopAddress }, report, printedAt: this.ctx.clock.now(), timeZone: s.timeZone },
        { columns: this.columns(caller), copy },
      );
      return this.queue.enqueue({ kind: report.kind === 'Z' ? 'z-report' : 'x-report', refId: report.shiftId, copy, tillCode: caller.tillCode, bytes });
    };
    return copy || report.kind === 'X' ? queue() : this.safely(`Z report of shift #${report.shiftId}`, queue);
  }

  /**
   * Price labels: per unit of the listed products (or of an intake's lines),
   * name, price, barcode, and for food the expiry: the lot's, or for a
   * product that tracks expiry, the lot sold next (FEFO).
   */
  labels(caller: Caller, input: { items?: { productId: number; qty: number; lotId?: number }[]; intakeId?: number }): LabelsResult {
    const wanted: { productId: number; qty: number; lotId?: number; expiryDate?: string | null; field: string }[] =
      input.intakeId !== undefined
        ? intakeOr404(this.ctx, input.intakeId).lines.map((l) => ({ productId: l.productId, qty: l.qty, expiryDate: l.expiryDate, field: 'intakeId' }))
        : (input.items ?? []).map((item, i) => ({ ...item, field: `items.${i}.productId` }));
    const total = wanted.reduce((n, w) => n + w.qty, 0);
    if (total > MAX_LABELS) fail('VALIDATION', `Maksimal ${MAX_LABELS} label sekali cetak (diminta ${total}).`, { field: 'items', total });
    const items = wanted.map((w, i) => {
      const p = productOr404(this.ctx, w.productId, w.field);
      let expiryDate = w.expiryDate ?? null;
      if (w.lotId !== undefined) expiryDate = lotExpiry(this.ctx, w.lotId, p.id, `items.${i}.lotId`);
      else if (w.expiryDate === undefined && p.trackExpiry) expiryDate = p.nextExpiry;
      const label: LabelData = { name: p.name, sellPrice: p.sellPrice, sku: p.sku, barcode: p.barcode, expiryDate };
      return { label, qty: w.qty };
    });
    const printJob = this.queue.enqueue({ kind: 'labels', tillCode: caller.tillCode, bytes: renderLabels(items, { columns: this.columns(caller) }) });
    return { labels: total, printJob };
  }

  qrisSlip(caller: Caller, qris: Pick<QrisSlipData, 'merchantName' | 'payload' | 'amount'>): PrintJobView {
    const s = getSettings(this.ctx.db);
    const bytes = renderQrisSlip({ shopName: s.shopName, ...qris, createdAt: this.ctx.clock.now(), timeZone: s.timeZone }, this.columns(caller));
    return this.queue.enqueue({ kind: 'qris', tillCode: caller.tillCode, bytes });
  }

  /** The drawer pulse alone (never retried). */
  drawerKick(caller: Caller): PrintJobView {
    return this.queue.enqueue({ kind: 'drawer', tillCode: caller.tillCode, bytes: renderDrawerKick(this.columns(caller)) });
  }

  testPage(caller: Caller): PrintJobView {
    const config = getPrinterConfig(this.ctx.db, caller.tillCode);
    const shop = getSettings(this.ctx.db);
    const bytes = renderTestPage({ shopName: shop.shopName, tillCode: caller.tillCode, config, at: this.ctx.clock.now(), timeZone: shop.timeZone });
    return this.queue.enqueue({ kind: 'test', tillCode: caller.tillCode, bytes });
  }
}
