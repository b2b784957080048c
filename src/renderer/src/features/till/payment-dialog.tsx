// Over 350 lines on purpose: one dialog around one checkout request (its request id, the payment list,
// change, QRIS, the manager approval and the retry after a refusal share that state); splitting it
// would pass that state through props without making a part reusable.
import { useEffect, useRef, useState } from 'react';
import { ApiError, call } from '../../api';
import { useT, type MessageKey } from '../../i18n';
import { formatRupiah, type Rupiah } from '../../../../shared/money';
import type { PaymentMethod } from '../../../../shared/printer';
import type { CheckoutResult, PrintJobView } from '../../../../shared/types';
import type { ApprovalGrant, CashRounding, Discount } from '../../../../shared/types-till';
import { Dialog } from '../../components/dialog';
import { ErrorNotice } from '../../components/error-notice';
import { amountTooLargeText, RupiahInput, useRupiahField } from '../../components/rupiah-input';
import { PrinterIcon } from '../../components/icons';
import { ApprovalDialog, approvalAsked, approvalGrantRefused, reasonTexts, type ReasonLike } from './approval-dialog';
import { canAddRow, PAYMENT_METHODS, quickCashAmounts, summarizePayments, withPending, type PaymentRow } from './payment';
import { cashRoundingOf } from '../../../../shared/pricing';
import { QrCode } from './qr-code';
import { usePrintJob } from './use-printer-status';
import { isCharKey, ScanBurst } from '../../lib/scan-burst';
import type { CheckoutLine } from './cart';
import { CancelButton } from '../../components/dialog-parts';
import { isUnreachable } from '../../lib/host-link';
import { clearPending, savePending, type CheckoutInput } from './pending-checkout';

export const METHOD_LABEL: Record<PaymentMethod, MessageKey> = {
  cash: 'pay.cash',
  qris: 'pay.qris',
  debit: 'pay.debit',
  transfer: 'pay.transfer',
  ewallet: 'pay.ewallet',
};

/** Change at least this large (and larger than the total) needs a click, not just Enter. */
const BIG_CHANGE = 1_000_000;

interface PaymentDialogProps {
  total: Rupiah;
  itemCount: number;
  /** Idempotency key of this cart: the same for every retry of this attempt. */
  requestId: string;
  lines: CheckoutLine[];
  /** The sale discount, if any. */
  discount?: Discount;
  /** Enabled methods, in order (settings); default cash, QRIS, debit, transfer. */
  methods?: readonly PaymentMethod[];
  cashRoundingMode?: CashRounding;
  /** The shop's static QRIS is set (so a dynamic one can be shown). */
  qrisConfigured?: boolean;
  /** A manager's approval already given for this cart. */
  approval?: ApprovalGrant | null;
  onApproved?(grant: ApprovalGrant): void;
  /** Line names, to say which line needs a manager. */
  lineNames?: string[];
  limitLabel?: string;
  /**
   * A scanner burst (fast keys, long enough, then Enter) while the dialog is
   * open: look the code up and put it in the cart. `unknown` when the code is
   * no barcode or SKU: then the keys were money typed fast, and stay.
   */
  onScan?(code: string): Promise<ScanOutcome>;
  /**
   * The sale went through. `later`: codes typed (scanned) and entered while it
   * was being sent; `typing`: what was typed after the last of them — both
   * belong to the next customer.
   */
  onSuccess(result: CheckoutResult, later: string[], typing: string): void;
  onError(err: unknown): void;
  onClose(): void;
  /**
   * The till this sale is rung on: the request is kept in the till's storage while it is on its
   * way (issue 18), so a host or network that blinks, or a reload, never loses or doubles it.
   */
  tillCode?: string;
}

export type ScanOutcome = { kind: 'added'; name: string } | { kind: 'refused'; text: string } | { kind: 'unknown' };

interface QrView {
  payload: string;
  amount: Rupiah;
  merchantName: string;
}

/** Take the money: one or several payments, change for cash, QRIS on screen, then `sales.checkout`. */
export function PaymentDialog({
  total,
  itemCount,
  requestId,
  lines,
  discount,
  methods = PAYMENT_METHODS,
  cashRoundingMode = 'none',
  qrisConfigured = true,
  approval,
  onApproved,
  lineNames,
  limitLabel,
  onScan,
  onSuccess,
  onError,
  onClose,
  tillCode,
}: PaymentDialogProps) {
  const t = useT();
  const firstMethod = methods[0] ?? 'cash';
  const roundingFor = (rows: readonly PaymentRow[]) => cashRoundingOf(total, rows, cashRoundingMode);
  const dueWith = (rows: readonly PaymentRow[], m: PaymentMethod) =>
    summarizePayments(total, rows, roundingFor([...rows, { method: m, amount: 1 }])).remaining;
  const [rows, setRows] = useState<PaymentRow[]>([]);
  const [method, setMethod] = useState<PaymentMethod>(firstMethod);
  // Digits above the largest amount are no amount: said so on Enter, never "short" and never ignored.
  const { value: amount, set: setAmount, tooLarge: amountTooLarge, onValueChange: onAmountChange } = useRupiahField(() => dueWith([], firstMethod));
  const [reference, setReference] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState<{ reasons: ReasonLike[]; again: boolean; rows: PaymentRow[] } | null>(null);
  /** The amount follows what is due until the cashier types or picks one. */
  const [amountAuto, setAmountAuto] = useState(true);
  const [scanNote, setScanNote] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const burst = useRef(new ScanBurst());
  /** Codes typed and entered while the sale was being sent: they belong to the next customer. */
  const deferred = useRef<string[]>([]);
  /** What was typed while the sale was being sent, since the last Enter. */
  const typedWhileSending = useRef('');
  const beforeBurst = useRef<{ amount: Rupiah | null; amountAuto: boolean; reference: string } | null>(null);
  const [qr, setQr] = useState<QrView | null>(null);
  const [qrError, setQrError] = useState<unknown>(null);
  const [qrJobStarted, setQrJob] = useState<PrintJobView | null>(null);
  const [qrJob] = usePrintJob(qrJobStarted);
  const inFlight = useRef(false);
  const amountRef = useRef<HTMLInputElement>(null);

  const pending: PaymentRow | null =
    amount && amount > 0 ? { method, amount, ...(method !== 'cash' && reference.trim() ? { reference: reference.trim() } : {}) } : null;
  const all = withPending(rows, pending);
  const summary = summarizePayments(total, all, roundingFor(all));
  const paidBefore = summarizePayments(total, rows, roundingFor(rows));
  const cashDue = dueWith(rows, 'cash');
  const quick = quickCashAmounts(cashDue);

  const focusAmount = () => requestAnimationFrame(() => amountRef.current?.focus());

  // Items scanned while paying change the total: an amount the cashier did not choose follows what is due.
  useEffect(() => {
    if (!amountAuto) return;
    const due = dueWith(rows, method);
    setAmount(due > 0 ? due : null);
  }, [total, amountAuto, rows, method]);

  const chooseMethod = (m: PaymentMethod) => {
    setMethod(m);
    setLocalError(null);
    const due = dueWith(rows, m);
    setAmount(due > 0 ? due : null);
    setAmountAuto(true);
    focusAmount();
  };

  const addRow = (row: PaymentRow | null = pending): PaymentRow[] | null => {
    if (!row) return null;
    const problem = canAddRow(total, rows, row);
    if (problem === 'nonCashExceeds') {
      setLocalError(t('pay.nonCashExceeds'));
      return null;
    }
    const next = [...rows, row];
    setRows(next);
    setReference('');
    setLocalError(null);
    const left = summarizePayments(total, next, roundingFor(next)).remaining;
    if (left > 0 && method !== 'cash' && methods.includes('cash')) {
      setMethod('cash');
      setAmount(dueWith(next, 'cash'));
    } else setAmount(left > 0 ? left : null);
    setAmountAuto(true);
    focusAmount();
    return next;
  };

  const checkout = async (payRows: PaymentRow[], grant: ApprovalGrant | null | undefined) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    setLocalError(null);
    const input: CheckoutInput = {
      clientRequestId: requestId,
      lines,
      ...(discount ? { discount } : {}),
      ...(grant ? { approval: { token: grant.token } } : {}),
      payments: payRows.map((p) => ({ method: p.method, amount: p.amount, ...(p.reference ? { reference: p.reference } : {}) })),
    };
    // Kept until the host answers: a lost answer or a reload sends exactly this again (same key).
    if (tillCode) savePending({ tillCode, input, total, itemCount, savedAt: Date.now() });
    try {
      const result = await call('sales.checkout', input);
      if (tillCode) clearPending(requestId);
      setAsking(null);
      const typing = typedWhileSending.current;
      typedWhileSending.current = '';
      onSuccess(result, deferred.current.splice(0), typing);
    } catch (err) {
      // The host answered with a refusal: nothing was sold, nothing waits. No answer: it stays kept.
      if (tillCode && !isUnreachable(err)) clearPending(requestId);
      const reasons = approvalAsked(err);
      if (reasons) setAsking({ reasons, rows: payRows, again: approvalGrantRefused(err) });
      else {
        setAsking(null);
        setError(err);
        onError(err);
        focusAmount();
      }
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
    // The sale did not go through: what was scanned meanwhile goes into this cart after all.
    typedWhileSending.current = '';
    await deferredIntoThisCart();
  };

  const confirm = async () => {
    if (amountTooLarge) return setLocalError(amountTooLargeText(t));
    if (!summary.canConfirm) {
      setLocalError(summary.problem === 'nonCashExceeds' ? t('pay.nonCashExceeds') : t('pay.short', { amount: formatRupiah(summary.remaining) }));
      return;
    }
    await checkout(all, approval);
  };

  const showQr = async () => {
    if (!pending || method !== 'qris' || busy) return;
    if (canAddRow(total, rows, pending) === 'nonCashExceeds') {
      setLocalError(t('pay.nonCashExceeds'));
      return;
    }
    setBusy(true);
    setQrError(null);
    setQrJob(null);
    try {
      const r = await call('qris.dynamic', { amount: pending.amount });
      setQr({ payload: r.payload, amount: r.amount, merchantName: r.merchantName });
    } catch (err) {
      setLocalError(null);
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const qrPaid = () => {
    if (!qr) return;
    const row: PaymentRow = { method: 'qris', amount: qr.amount, ...(reference.trim() ? { reference: reference.trim() } : {}) };
    setQr(null);
    const next = addRow(row);
    if (next && summarizePayments(total, next, roundingFor(next)).canConfirm) void checkout(next, approval);
  };

  /** Back from the QR code to the payment: what was scanned meanwhile goes into this cart after all. */
  const leaveQr = () => {
    setQr(null);
    void deferredIntoThisCart();
  };

  const printQr = async () => {
    if (!qr) return;
    setQrError(null);
    try {
      setQrJob(await call('qris.print', { amount: qr.amount }));
    } catch (err) {
      setQrError(err);
    }
  };

  // A barcode scanned into the amount field by mistake looks like a huge cash amount:
  // Enter does not confirm that; the button (a deliberate click) still does.
  const suspiciousChange = summary.change >= BIG_CHANGE && summary.change > total;

  /** The one default action of the step Enter stands for. */
  const qrisStep = method === 'qris' && Boolean(pending) && qrisConfigured;
  const enterAction = (target: HTMLElement) => {
    if (amountTooLarge && !qr) setLocalError(amountTooLargeText(t));
    else if (qr) qrPaid();
    else if (qrisStep) void showQr();
    else if (summary.canConfirm && suspiciousChange) setLocalError(t('pay.bigChange', { change: formatRupiah(summary.change) }));
    else if (summary.canConfirm) void confirm();
    else if (pending && summary.problem === 'short') addRow();
    else void confirm();
  };

  /** A burst that ended in Enter: a scan when the code is a product (the fields go back as they were), else money. */
  const scanned = async (code: string, target: HTMLElement) => {
    if (inFlight.current) {
      deferred.current.push(code);
      return;
    }
    await scannedNow(code, target);
  };

  /** Codes kept while a sale was on its way or the QR was shown, when that cart is still this one. */
  async function deferredIntoThisCart() {
    for (const code of deferred.current.splice(0)) await scannedNow(code, null);
  }

  async function scannedNow(code: string, target: HTMLElement | null) {
    const outcome = onScan ? await onScan(code) : ({ kind: 'unknown' } as const);
    if (outcome.kind === 'unknown') {
      if (target && target.tagName !== 'BUTTON') enterAction(target);
      return;
    }
    const snap = beforeBurst.current;
    if (snap) {
      setAmount(snap.amount);
      setAmountAuto(snap.amountAuto);
      setReference(snap.reference);
    }
    setLocalError(null);
    setScanNote(outcome.kind === 'added' ? { tone: 'success', text: t('pay.scanned', { name: outcome.name }) } : { tone: 'error', text: outcome.text });
    focusAmount();
  }

  const onKeyDown = (e: React.KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (inFlight.current) {
      // The sale is on its way and the fields are read-only: whatever is typed now is the next
      // customer's (a scan right after Enter), at any speed.
      if (isCharKey(e)) {
        e.preventDefault();
        typedWhileSending.current += e.key;
      } else if (e.key === 'Enter') {
        e.preventDefault();
        const code = typedWhileSending.current.trim();
        typedWhileSending.current = '';
        if (code) deferred.current.push(code);
      }
      return;
    }
    if (isCharKey(e)) {
      if (burst.current.key(e.key, e.timeStamp)) beforeBurst.current = { amount, amountAuto, reference };
    } else if (e.key === 'Enter') {
      const code = burst.current.enter(e.timeStamp);
      if (code && qr) {
        // The QR code on screen is for this amount: a scan now never says "paid" (its Enter) and
        // never changes the amount; it is the next customer's, or this cart's if the QR is left.
        e.preventDefault();
        deferred.current.push(code);
        if (beforeBurst.current) setReference(beforeBurst.current.reference);
        setScanNote({ tone: 'success', text: t('pay.scanKept', { code }) });
        return;
      }
      if (code) {
        e.preventDefault();
        void scanned(code, target);
        return;
      }
    } else if (e.key !== 'Shift') burst.current.reset();
    if (e.key === 'Enter' && target.tagName !== 'BUTTON') {
      e.preventDefault();
      enterAction(target);
    } else if (e.altKey && /^[1-5]$/.test(e.key) && !qr) {
      e.preventDefault();
      const m = methods[Number(e.key) - 1];
      if (m) chooseMethod(m);
    }
  };

  if (asking) {
    return (
      <ApprovalDialog
        reasons={reasonTexts(t, asking.reasons, lineNames, limitLabel)}
        request={{ action: 'sales.checkout', lines, ...(discount ? { discount } : {}) }}
        notice={asking.again ? t('tx.approval.again') : null}
        busy={busy}
        onCancel={() => {
          setAsking(null);
          focusAmount();
        }}
        onApproved={(grant) => {
          onApproved?.(grant);
          void checkout(asking.rows, grant);
        }}
      />
    );
  }

  const nonCashOver = summary.problem === 'nonCashExceeds';
  const rounding = summary.rounding;

  if (qr) {
    return (
      <Dialog key="qris" title={t('tx.qris.title')} size="lg" className="pay-dialog qris-dialog" onClose={busy ? undefined : leaveQr} onKeyDown={onKeyDown} takesScans>
        <div className="qris-view" data-testid="qris-view" data-payload={qr.payload} data-amount={qr.amount}>
          <div className="qris-code">
            <QrCode text={qr.payload} size={340} label={t('tx.qris.alt', { amount: formatRupiah(qr.amount) })} />
          </div>
          <div className="qris-side">
            <span className="pay-total-label">{t('tx.qris.scan')}</span>
            <span className="qris-amount" data-testid="qris-amount">
              {formatRupiah(qr.amount)}
            </span>
            <span className="qris-merchant">{qr.merchantName}</span>
            <p className="muted">{t('tx.qris.hint')}</p>
            <div className="field">
              <label htmlFor="qris-ref">{t('pay.reference')}</label>
              <input
                id="qris-ref"
                className="input"
                value={reference}
                maxLength={64}
                placeholder={t('tx.qris.refPlaceholder')}
                onChange={(e) => setReference(e.target.value)}
                data-autofocus
              />
            </div>
            <div className="qris-print">
              <button type="button" className="btn btn-secondary" onClick={() => void printQr()} data-testid="qris-print">
                <PrinterIcon size={18} /> {t('tx.qris.print')}
              </button>
              {qrJob && (
                <span className={`print-status print-${qrJob.status}`} data-testid="qris-print-status" data-status={qrJob.status}>
                  {t(`tx.print.${qrJob.status}` as MessageKey)}
                </span>
              )}
            </div>
            <ErrorNotice error={qrError} compact />
            <ScanNoteLine note={scanNote} />
          </div>
        </div>
        <div className="pay-actions">
          <button type="button" className="btn btn-ghost btn-lg" onClick={leaveQr} disabled={busy}>
            {t('tx.qris.back')} <kbd>Esc</kbd>
          </button>
          <button type="button" className="btn btn-primary btn-xl pay-confirm" onClick={qrPaid} disabled={busy} data-testid="qris-paid" data-default-action>
            {t('tx.qris.paid')} <kbd>Enter</kbd>
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog key="pay" title={t('pay.title')} size="lg" className="pay-dialog" onClose={busy ? undefined : onClose} onKeyDown={onKeyDown} takesScans>
      <div className="pay-grid">
        <div className="pay-left">
          <div className="pay-total">
            <span className="pay-total-label">{t('pay.totalDue', { n: itemCount })}</span>
            <span className="pay-total-value" data-testid="pay-total">
              {formatRupiah(total)}
            </span>
            {rounding !== 0 && (
              <span className="pay-payable" data-testid="pay-payable">
                {t('tx.pay.payable', { amount: formatRupiah(summary.payable), rounding: `${rounding > 0 ? '+' : '−'}${formatRupiah(Math.abs(rounding))}` })}
              </span>
            )}
          </div>

          <div className={`method-tabs method-count-${methods.length}`} role="tablist" aria-label={t('pay.method')}>
            {methods.map((m, i) => (
              <button
                key={m}
                type="button"
                role="tab"
                aria-selected={method === m}
                className={`method-tab method-${m} ${method === m ? 'active' : ''}`}
                onClick={() => chooseMethod(m)}
                disabled={busy}
              >
                <span>{t(METHOD_LABEL[m])}</span>
                <small>
                  <kbd>Alt+{i + 1}</kbd>
                </small>
              </button>
            ))}
          </div>

          <label className="label" htmlFor="pay-amount">
            {method === 'cash' ? t('pay.cashReceived') : t('pay.amount')}
          </label>
          <RupiahInput
            id="pay-amount"
            ref={amountRef}
            size="xl"
            value={amount}
            onValueChange={(v, text) => {
              onAmountChange(v, text);
              setAmountAuto(false);
              setLocalError(null);
              setScanNote(null);
            }}
            onFocus={(e) => e.target.select()}
            data-autofocus
            // Read-only, not disabled, while the sale is sent: the field keeps the focus, so a scan
            // typed meanwhile still reaches this dialog (and goes into the next cart).
            readOnly={busy}
            data-testid="pay-amount"
          />

          {method === 'cash' ? (
            <div className="quick-cash" role="group" aria-label={t('pay.quickCash')}>
              {quick.map((v, i) => (
                <button
                  key={v}
                  type="button"
                  className={`quick-btn ${amount === v ? 'active' : ''}`}
                  // A click keeps the focus in the amount field, so the Enter that follows completes the payment
                  // (focus moved later, in a frame, let a quick Enter land on this button and only pick the amount again).
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => {
                    setAmount(v);
                    setAmountAuto(false);
                    setLocalError(null);
                    focusAmount();
                  }}
                  disabled={busy}
                >
                  {i === 0 ? (
                    <>
                      <small>{t('pay.exact')}</small>
                      {formatRupiah(v)}
                    </>
                  ) : (
                    formatRupiah(v)
                  )}
                </button>
              ))}
            </div>
          ) : (
            <>
            {method === 'qris' &&
              (qrisConfigured ? (
                <button
                  type="button"
                  className="btn btn-primary btn-lg btn-block qris-show"
                  onClick={() => void showQr()}
                  disabled={!pending || busy}
                  data-testid="qris-show"
                  data-default-action={qrisStep ? true : undefined}
                >
                  {t('tx.qris.show')} <kbd>Enter</kbd>
                </button>
              ) : (
                <div className="notice notice-info notice-compact" role="status" data-testid="qris-missing">
                  <strong>{t('tx.qris.missing')}</strong>
                  <span className="notice-detail">{t('tx.qris.missingHint')}</span>
                </div>
              ))}
            <div className="field">
              <label htmlFor="pay-ref">{t('pay.reference')}</label>
              <input
                id="pay-ref"
                className="input"
                value={reference}
                maxLength={64}
                placeholder={t('pay.referencePlaceholder')}
                onChange={(e) => setReference(e.target.value)}
                disabled={busy}
              />
            </div>
            </>
          )}

          <button type="button" className="btn btn-secondary btn-block" onClick={() => addRow()} disabled={!pending || busy}>
            + {t('pay.addPayment')}
          </button>
        </div>

        <div className="pay-right">
          <h3 className="pay-summary-title">{t('pay.summary')}</h3>
          <ul className="pay-rows" data-testid="pay-rows">
            {rows.map((r, i) => (
              <li key={i} className="pay-row">
                <span className="pay-row-method">{t(METHOD_LABEL[r.method])}</span>
                {r.reference && <span className="pay-row-ref">{r.reference}</span>}
                <span className="pay-row-amount">{formatRupiah(r.amount)}</span>
                <button
                  type="button"
                  className="remove-btn"
                  aria-label={t('pay.removePayment')}
                  onClick={() => {
                    setRows(rows.filter((_, k) => k !== i));
                    focusAmount();
                  }}
                  disabled={busy}
                >
                  ×
                </button>
              </li>
            ))}
            {pending && (
              <li className="pay-row pay-row-pending">
                <span className="pay-row-method">{t(METHOD_LABEL[pending.method])}</span>
                {pending.reference && <span className="pay-row-ref">{pending.reference}</span>}
                <span className="pay-row-amount">{formatRupiah(pending.amount)}</span>
                <span className="remove-btn-spacer" />
              </li>
            )}
            {all.length === 0 && <li className="pay-row muted">{t('pay.noPayment')}</li>}
          </ul>
          <dl className="pay-figures">
            <div>
              <dt>{t('pay.total')}</dt>
              <dd>{formatRupiah(total)}</dd>
            </div>
            {rounding !== 0 && (
              <div>
                <dt>{t('done.rounding')}</dt>
                <dd data-testid="pay-rounding">
                  {rounding > 0 ? '+' : '−'}
                  {formatRupiah(Math.abs(rounding))}
                </dd>
              </div>
            )}
            <div>
              <dt>{t('pay.paid')}</dt>
              <dd data-testid="pay-paid">{formatRupiah(summary.paid)}</dd>
            </div>
            <div className={summary.remaining > 0 ? 'due' : ''}>
              <dt>{t('pay.remaining')}</dt>
              <dd data-testid="pay-remaining">{formatRupiah(summary.remaining)}</dd>
            </div>
          </dl>
          <div className={`change-box ${summary.change > 0 ? 'has-change' : ''}`}>
            <span className="change-label">{t('pay.change')}</span>
            <span className="change-value" data-testid="pay-change">
              {formatRupiah(summary.change)}
            </span>
          </div>
        </div>
      </div>

      <ScanNoteLine note={scanNote} />
      {(nonCashOver || localError) && (
        <div className="notice notice-error" role="alert">
          {nonCashOver ? t('pay.nonCashExceeds') : localError}
        </div>
      )}
      <ErrorNotice error={error instanceof ApiError || error ? error : null} />

      <div className="pay-actions">
        <CancelButton onClick={onClose} disabled={busy} large />
        <button
          type="button"
          className="btn btn-primary btn-xl pay-confirm"
          onClick={() => void confirm()}
          disabled={!summary.canConfirm || busy}
          data-testid="pay-confirm"
          data-default-action={qrisStep ? undefined : true}
        >
          {busy ? t('pay.processing') : t('pay.confirm')} {!qrisStep && <kbd>Enter</kbd>}
        </button>
      </div>
    </Dialog>
  );
}

/** What became of a scan while the dialog is open (added, refused, kept for the next cart). */
function ScanNoteLine({ note }: { note: { tone: 'success' | 'error'; text: string } | null }) {
  if (!note) return null;
  return (
    <div className={`notice ${note.tone === 'success' ? 'notice-success' : 'notice-error'} notice-compact`} role={note.tone === 'error' ? 'alert' : 'status'} data-testid="pay-scan-note">
      {note.text}
    </div>
  );
}
