import { useRef, useState } from 'react';
import { call } from '../../api';
import { useT, type MessageKey } from '../../i18n';
import { formatRupiah, type Rupiah } from '../../../../shared/money';
import type { PaymentMethod } from '../../../../shared/printer';
import type { CheckoutResult } from '../../../../shared/types';
import { Dialog } from '../../components/dialog';
import { ErrorNotice } from '../../components/error-notice';
import { RupiahInput } from '../../components/rupiah-input';
import { canAddRow, PAYMENT_METHODS, quickCashAmounts, summarizePayments, withPending, type PaymentRow } from './payment';

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
  lines: { productId: number; qty: number }[];
  onSuccess(result: CheckoutResult): void;
  onError(err: unknown): void;
  onClose(): void;
}

/** Take the money: one or several payments, change for cash, then `sales.checkout`. */
export function PaymentDialog({ total, itemCount, requestId, lines, onSuccess, onError, onClose }: PaymentDialogProps) {
  const t = useT();
  const [rows, setRows] = useState<PaymentRow[]>([]);
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [amount, setAmount] = useState<Rupiah | null>(total);
  const [reference, setReference] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const amountRef = useRef<HTMLInputElement>(null);

  const pending: PaymentRow | null =
    amount && amount > 0 ? { method, amount, ...(method !== 'cash' && reference.trim() ? { reference: reference.trim() } : {}) } : null;
  const all = withPending(rows, pending);
  const summary = summarizePayments(total, all);
  const paidBefore = summarizePayments(total, rows);
  const quick = quickCashAmounts(paidBefore.remaining);

  const focusAmount = () => requestAnimationFrame(() => amountRef.current?.focus());

  const chooseMethod = (m: PaymentMethod) => {
    setMethod(m);
    setLocalError(null);
    setAmount(paidBefore.remaining > 0 ? paidBefore.remaining : null);
    focusAmount();
  };

  const addRow = () => {
    if (!pending) return;
    const problem = canAddRow(total, rows, pending);
    if (problem === 'nonCashExceeds') {
      setLocalError(t('pay.nonCashExceeds'));
      return;
    }
    const next = [...rows, pending];
    setRows(next);
    setReference('');
    setLocalError(null);
    const left = summarizePayments(total, next).remaining;
    setAmount(left > 0 ? left : null);
    if (left > 0 && method !== 'cash') setMethod('cash');
    focusAmount();
  };

  const confirm = async () => {
    if (inFlight.current) return;
    if (!summary.canConfirm) {
      setLocalError(summary.problem === 'nonCashExceeds' ? t('pay.nonCashExceeds') : t('pay.short', { amount: formatRupiah(summary.remaining) }));
      return;
    }
    inFlight.current = true;
    setBusy(true);
    setError(null);
    setLocalError(null);
    try {
      const result = await call('sales.checkout', {
        clientRequestId: requestId,
        lines,
        payments: all.map((p) => ({ method: p.method, amount: p.amount, ...(p.reference ? { reference: p.reference } : {}) })),
      });
      onSuccess(result);
    } catch (err) {
      setError(err);
      onError(err);
      focusAmount();
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  // A barcode scanned into the amount field by mistake looks like a huge cash amount:
  // Enter does not confirm that; the button (a deliberate click) still does.
  const suspiciousChange = summary.change >= BIG_CHANGE && summary.change > total;

  const onKeyDown = (e: React.KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (e.key === 'Enter' && target.tagName !== 'BUTTON') {
      e.preventDefault();
      if (summary.canConfirm && suspiciousChange) setLocalError(t('pay.bigChange', { change: formatRupiah(summary.change) }));
      else if (summary.canConfirm) void confirm();
      else if (pending && summary.problem === 'short') addRow();
      else void confirm();
    } else if (e.altKey && /^[1-4]$/.test(e.key)) {
      e.preventDefault();
      chooseMethod(PAYMENT_METHODS[Number(e.key) - 1]);
    }
  };

  const nonCashOver = summary.problem === 'nonCashExceeds';

  return (
    <Dialog title={t('pay.title')} size="lg" className="pay-dialog" onClose={busy ? undefined : onClose} onKeyDown={onKeyDown}>
      <div className="pay-grid">
        <div className="pay-left">
          <div className="pay-total">
            <span className="pay-total-label">{t('pay.totalDue', { n: itemCount })}</span>
            <span className="pay-total-value" data-testid="pay-total">
              {formatRupiah(total)}
            </span>
          </div>

          <div className="method-tabs" role="tablist" aria-label={t('pay.method')}>
            {PAYMENT_METHODS.map((m, i) => (
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
                <small>Alt+{i + 1}</small>
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
            onValueChange={(v) => {
              setAmount(v);
              setLocalError(null);
            }}
            onFocus={(e) => e.target.select()}
            data-autofocus
            disabled={busy}
            data-testid="pay-amount"
          />

          {method === 'cash' ? (
            <div className="quick-cash" role="group" aria-label={t('pay.quickCash')}>
              {quick.map((v, i) => (
                <button
                  key={v}
                  type="button"
                  className={`quick-btn ${amount === v ? 'active' : ''}`}
                  onClick={() => {
                    setAmount(v);
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
          )}

          <button type="button" className="btn btn-secondary btn-block" onClick={addRow} disabled={!pending || busy}>
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

      {(nonCashOver || localError) && (
        <div className="notice notice-error" role="alert">
          {nonCashOver ? t('pay.nonCashExceeds') : localError}
        </div>
      )}
      <ErrorNotice error={error} />

      <div className="pay-actions">
        <button type="button" className="btn btn-ghost btn-lg" onClick={onClose} disabled={busy}>
          {t('common.cancel')} <kbd>Esc</kbd>
        </button>
        <button
          type="button"
          className="btn btn-primary btn-xl pay-confirm"
          onClick={() => void confirm()}
          disabled={!summary.canConfirm || busy}
          data-testid="pay-confirm"
        >
          {busy ? t('pay.processing') : t('pay.confirm')} <kbd>Enter</kbd>
        </button>
      </div>
    </Dialog>
  );
}
