import { useEffect, useRef, useState, type FormEvent } from 'react';
import '../till/till-extra.css';
import { call } from '../../api';
import { useLang, useT, type MessageKey } from '../../i18n';
import { formatRupiah, type Rupiah } from '../../../../shared/money';
import type { PaymentMethod } from '../../../../shared/printer';
import type { TillSaleView } from '../../../../shared/types';
import type { RefundPreview, TillRefundResult } from '../../../../shared/types-till';
import { useSession } from '../../app/session';
import { AppBar } from '../../components/app-bar';
import { Dialog } from '../../components/dialog';
import { ErrorNotice } from '../../components/error-notice';
import { PrinterIcon } from '../../components/icons';
import { RupiahInput } from '../../components/rupiah-input';
import { formatDateTime } from '../../lib/format';
import { ApprovalDialog, approvalAsked, approvalRefused, reasonTexts } from '../till/approval-dialog';
import { METHOD_LABEL } from '../till/payment-dialog';
import { usePrintJob } from '../till/use-printer-status';
import { useTillSettings } from '../till/use-till-settings';
import type { ApprovalGrant } from '../till/use-cart';
import { readRecentSales } from './recent';
import { defaultRefundPayments, refundable } from './refund-logic';

interface Pick {
  on: boolean;
  qty: number;
  restock: boolean;
}

type Pending = { kind: 'refund' } | { kind: 'void' };

/** Refunds and voids (F9 from the till): find the sale, pick lines and quantities, give the money back. */
export function RefundScreen() {
  const t = useT();
  const { lang } = useLang();
  const { session, shop } = useSession();
  const till = useTillSettings();
  const [number, setNumber] = useState('');
  const [sale, setSale] = useState<TillSaleView | null>(null);
  const [findError, setFindError] = useState<unknown>(null);
  const [picks, setPicks] = useState<Record<number, Pick>>({});
  const [reason, setReason] = useState('');
  const [payments, setPayments] = useState<{ method: PaymentMethod; amount: Rupiah | null }[]>([]);
  const [edited, setEdited] = useState(false);
  const [preview, setPreview] = useState<RefundPreview | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState<{ pending: Pending; error?: unknown } | null>(null);
  const [voiding, setVoiding] = useState(false);
  const [result, setResult] = useState<TillRefundResult | null>(null);
  const [job, setJob] = usePrintJob(result?.printJob);
  const recent = readRecentSales(session.tillCode);
  const numberRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !asking && !voiding && !document.querySelector('.dialog')) window.location.hash = '#/till';
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [asking, voiding]);

  const open = async (n: string) => {
    setFindError(null);
    setResult(null);
    setError(null);
    try {
      const s = await call('sales.lookup', { number: n.trim() });
      setSale(s);
      setNumber(s.number);
      setPicks(Object.fromEntries(s.lines.map((l) => [l.id, { on: false, qty: refundable(l), restock: true }])));
      setReason('');
      setEdited(false);
      setPayments([]);
      setPreview(null);
    } catch (err) {
      setSale(null);
      setFindError(err);
    }
  };

  const chosen = sale
    ? sale.lines.filter((l) => picks[l.id]?.on && picks[l.id]!.qty > 0).map((l) => ({ saleLineId: l.id, qty: picks[l.id]!.qty, restock: picks[l.id]!.restock }))
    : [];
  const chosenKey = JSON.stringify(chosen);

  // What these units give back, from the server (nothing is written).
  useEffect(() => {
    if (!sale || chosen.length === 0) {
      setPreview(null);
      setPreviewError(null);
      if (!edited) setPayments([]);
      return;
    }
    let alive = true;
    const id = setTimeout(() => {
      call('sales.refundPreview', { saleId: sale.id, lines: chosen })
        .then((p) => {
          if (!alive) return;
          setPreview(p);
          setPreviewError(null);
          if (!edited) setPayments(defaultRefundPayments(sale, p.total));
        })
        .catch((err) => alive && (setPreview(null), setPreviewError(err)));
    }, 200);
    return () => {
      alive = false;
      clearTimeout(id);
    };
  }, [sale?.id, chosenKey]);

  const total = preview?.total ?? 0;
  const payTotal = payments.reduce((n, p) => n + (p.amount ?? 0), 0);

  const send = async (pending: Pending, grant?: ApprovalGrant) => {
    if (!sale) return;
    setBusy(true);
    setError(null);
    try {
      const approval = grant ? { approval: { username: grant.username, pin: grant.pin } } : {};
      const r =
        pending.kind === 'void'
          ? await call('sales.void', { saleId: sale.id, reason: reason.trim(), ...approval })
          : await call('sales.refund', {
              saleId: sale.id,
              lines: chosen,
              reason: reason.trim(),
              payments: payments.filter((p) => (p.amount ?? 0) > 0).map((p) => ({ method: p.method, amount: p.amount! })),
              ...approval,
            });
      setAsking(null);
      setVoiding(false);
      setResult(r);
      const fresh = await call('sales.get', { id: sale.id }).catch(() => sale);
      setSale(fresh);
      setPicks(Object.fromEntries(fresh.lines.map((l) => [l.id, { on: false, qty: refundable(l), restock: true }])));
      setPayments([]);
      setEdited(false);
      setReason('');
    } catch (err) {
      if (approvalAsked(err)) setAsking({ pending });
      else if (approvalRefused(err)) setAsking({ pending, error: err });
      else {
        setAsking(null);
        setError(err);
      }
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setLocalError(null);
    if (chosen.length === 0) return setLocalError(t('tx.refund.pickLines'));
    if (!reason.trim()) return setLocalError(t('tx.refund.needReason'));
    if (payTotal !== total) return setLocalError(t('tx.refund.payMismatch', { total: formatRupiah(total), paid: formatRupiah(payTotal) }));
    void send({ kind: 'refund' });
  };

  const setPick = (id: number, patch: Partial<Pick>) => setPicks((p) => ({ ...p, [id]: { ...p[id]!, ...patch } }));
  const when = (ms: number) => formatDateTime(ms, shop.timeZone, lang);
  const methods = till.settings.paymentMethods;
  const status = job?.status ?? 'none';

  return (
    <div className="page">
      <AppBar title={t('tx.refund.title')}>
        <a className="btn btn-secondary btn-sm" href="#/till">
          ← {t('nav.backToTill')} <kbd>Esc</kbd>
        </a>
      </AppBar>
      <main className="page-body refund-page">
        <aside className="card refund-find">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (number.trim()) void open(number);
            }}
          >
            <label className="label" htmlFor="refund-number">
              {t('tx.refund.number')}
            </label>
            <div className="refund-search">
              <input
                id="refund-number"
                ref={numberRef}
                className="input input-lg mono"
                value={number}
                autoFocus
                autoComplete="off"
                spellCheck={false}
                placeholder={`${session.tillCode}-YYYYMMDD-0001`}
                onChange={(e) => setNumber(e.target.value.toUpperCase())}
                data-testid="refund-number"
              />
              <button type="submit" className="btn btn-primary btn-lg">
                {t('tx.refund.find')}
              </button>
            </div>
          </form>
          <ErrorNotice error={findError} />
          <h3 className="refund-recent-title">{t('tx.refund.recent')}</h3>
          {recent.length === 0 ? (
            <p className="muted">{t('tx.refund.noRecent')}</p>
          ) : (
            <ul className="refund-recent">
              {recent.map((r) => (
                <li key={r.id}>
                  <button type="button" className={sale?.id === r.id ? 'active' : ''} onClick={() => void open(r.number)} data-testid="recent-sale">
                    <span className="mono">{r.number}</span>
                    <span className="muted">{when(r.createdAt)}</span>
                    <strong>{formatRupiah(r.total)}</strong>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </aside>

        <section className="refund-main">
          {result && (
            <div className="card refund-result" data-testid="refund-result">
              <div>
                <p className="done-title">{result.kind === 'void' ? t('tx.refund.voidDone') : t('tx.refund.done')}</p>
                <p>
                  {t('tx.refund.refundNumber')} <strong className="mono" data-testid="refund-no">{result.number}</strong> ·{' '}
                  {t('tx.refund.given')} <strong>{formatRupiah(result.payable)}</strong>
                  {' · '}
                  {result.payments.map((p) => `${t(METHOD_LABEL[p.method])} ${formatRupiah(p.amount)}`).join(', ')}
                </p>
                <p className="muted">{t('tx.refund.approvedBy', { name: result.approvedByName })}</p>
              </div>
              <div className={`print-status print-${status}`} data-testid="refund-print-status" data-status={status}>
                <PrinterIcon size={18} />
                <span>{t(`tx.print.${status}` as MessageKey)}</span>
              </div>
              <button type="button" className="btn btn-secondary" onClick={() => void call('refunds.reprint', { id: result.id }).then(setJob).catch(setError)}>
                <PrinterIcon size={16} /> {t('tx.refund.reprint')}
              </button>
            </div>
          )}

          {!sale ? (
            <div className="card empty-card">
              <p className="muted">{t('tx.refund.intro')}</p>
            </div>
          ) : (
            <form className="card refund-sale" onSubmit={submit} noValidate data-testid="refund-sale">
              <header className="refund-sale-head">
                <div>
                  <h2 className="mono">{sale.number}</h2>
                  <p className="muted">
                    {when(sale.createdAt)} · {sale.cashierName} · {sale.payments.map((p) => `${t(METHOD_LABEL[p.method])} ${formatRupiah(p.amount)}`).join(', ')}
                  </p>
                </div>
                <div className="refund-sale-total">
                  {sale.status === 'voided' && <span className="badge badge-failed">{t('tx.refund.voided')}</span>}
                  <span>{t('pay.total')}</span>
                  <strong>{formatRupiah(sale.total)}</strong>
                </div>
              </header>
              <div className="table-wrap">
                <table className="table refund-lines">
                  <thead>
                    <tr>
                      <th />
                      <th>{t('tx.refund.item')}</th>
                      <th className="num">{t('tx.refund.sold')}</th>
                      <th className="num">{t('tx.refund.net')}</th>
                      <th className="num">{t('tx.refund.qty')}</th>
                      <th>{t('tx.refund.restock')}</th>
                      <th className="num">{t('tx.refund.amount')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {sale.lines.map((l) => {
                      const max = refundable(l);
                      const pk = picks[l.id] ?? { on: false, qty: max, restock: true };
                      const amount = preview?.lines.find((x) => x.saleLineId === l.id)?.amount;
                      return (
                        <tr key={l.id} className={pk.on ? 'row-picked' : ''} data-testid="refund-line">
                          <td>
                            <input
                              type="checkbox"
                              className="pick-box"
                              aria-label={t('tx.refund.pick', { name: l.name })}
                              checked={pk.on}
                              disabled={max === 0 || sale.status === 'voided'}
                              onChange={(e) => setPick(l.id, { on: e.target.checked })}
                            />
                          </td>
                          <td className="strong">
                            {l.name}
                            {l.refundedQty > 0 && <span className="muted"> · {t('tx.refund.already', { n: l.refundedQty })}</span>}
                          </td>
                          <td className="num">{l.qty}</td>
                          <td className="num">{formatRupiah(l.lineTotal)}</td>
                          <td className="num">
                            <input
                              className="input qty-input refund-qty"
                              type="number"
                              min={1}
                              max={max}
                              value={pk.qty}
                              disabled={!pk.on}
                              aria-label={t('tx.refund.qtyOf', { name: l.name })}
                              onChange={(e) => setPick(l.id, { qty: Math.max(0, Math.min(max, Math.floor(Number(e.target.value) || 0))) })}
                            />
                            <span className="muted"> / {max}</span>
                          </td>
                          <td>
                            <label className="check-label">
                              <input type="checkbox" checked={pk.restock} disabled={!pk.on} onChange={(e) => setPick(l.id, { restock: e.target.checked })} />{' '}
                              {t('tx.refund.restockYes')}
                            </label>
                          </td>
                          <td className="num">{pk.on && amount !== undefined ? formatRupiah(amount) : '—'}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>

              <div className="refund-bottom">
                <div className="refund-form">
                  <div className="field">
                    <label htmlFor="refund-reason">{t('tx.refund.reason')}</label>
                    <input
                      id="refund-reason"
                      className="input"
                      value={reason}
                      maxLength={200}
                      placeholder={t('tx.refund.reasonPlaceholder')}
                      onChange={(e) => setReason(e.target.value)}
                      data-testid="refund-reason"
                    />
                  </div>
                  <div className="field">
                    <span className="label">{t('tx.refund.payBack')}</span>
                    {payments.length === 0 && <p className="muted">{t('tx.refund.payBackEmpty')}</p>}
                    {payments.map((p, i) => (
                      <div key={i} className="refund-pay-row">
                        <select
                          className="input"
                          value={p.method}
                          aria-label={t('pay.method')}
                          onChange={(e) => {
                            setEdited(true);
                            setPayments(payments.map((x, k) => (k === i ? { ...x, method: e.target.value as PaymentMethod } : x)));
                          }}
                        >
                          {[...new Set([...methods, p.method])].map((m) => (
                            <option key={m} value={m}>
                              {t(METHOD_LABEL[m])}
                            </option>
                          ))}
                        </select>
                        <RupiahInput
                          value={p.amount}
                          aria-label={t('pay.amount')}
                          onValueChange={(v) => {
                            setEdited(true);
                            setPayments(payments.map((x, k) => (k === i ? { ...x, amount: v } : x)));
                          }}
                        />
                        <button
                          type="button"
                          className="remove-btn"
                          aria-label={t('pay.removePayment')}
                          onClick={() => {
                            setEdited(true);
                            setPayments(payments.filter((_, k) => k !== i));
                          }}
                        >
                          ×
                        </button>
                      </div>
                    ))}
                    {chosen.length > 0 && (
                      <div className="btn-row">
                        <button
                          type="button"
                          className="btn btn-ghost btn-sm"
                          onClick={() => {
                            setEdited(true);
                            setPayments([...payments, { method: 'cash', amount: Math.max(0, total - payTotal) || null }]);
                          }}
                        >
                          + {t('tx.refund.addMethod')}
                        </button>
                        {edited && (
                          <button
                            type="button"
                            className="btn btn-ghost btn-sm"
                            onClick={() => {
                              setEdited(false);
                              setPayments(defaultRefundPayments(sale, total));
                            }}
                          >
                            {t('tx.refund.asPaid')}
                          </button>
                        )}
                      </div>
                    )}
                  </div>
                </div>
                <div className="refund-summary">
                  <div className="expected-box">
                    <span>{t('tx.refund.total')}</span>
                    <strong data-testid="refund-total">{formatRupiah(total)}</strong>
                  </div>
                  <ErrorNotice error={previewError} compact />
                  {localError && (
                    <div className="notice notice-error" role="alert">
                      {localError}
                    </div>
                  )}
                  <ErrorNotice error={error} />
                  <button type="submit" className="btn btn-danger btn-xl btn-block" disabled={busy || chosen.length === 0} data-testid="refund-submit">
                    {busy ? t('pay.processing') : t('tx.refund.submit')}
                  </button>
                  {sale.status === 'completed' && sale.refunds.length === 0 && (
                    <button type="button" className="btn btn-secondary btn-block" onClick={() => setVoiding(true)} disabled={busy} data-testid="void-button">
                      {t('tx.refund.void')}
                    </button>
                  )}
                </div>
              </div>
            </form>
          )}
        </section>
      </main>

      {voiding && sale && !asking && (
        <VoidDialog
          sale={sale}
          reason={reason}
          setReason={setReason}
          busy={busy}
          error={error}
          onCancel={() => setVoiding(false)}
          onConfirm={() => void send({ kind: 'void' })}
        />
      )}
      {asking && (
        <ApprovalDialog
          reasons={reasonTexts(t, [{ kind: asking.pending.kind === 'void' ? 'void' : 'refund' }])}
          error={asking.error}
          busy={busy}
          onCancel={() => setAsking(null)}
          onApprove={(grant) => void send(asking.pending, grant)}
        />
      )}
    </div>
  );
}


function VoidDialog({
  sale,
  reason,
  setReason,
  busy,
  error,
  onCancel,
  onConfirm,
}: {
  sale: TillSaleView;
  reason: string;
  setReason(v: string): void;
  busy: boolean;
  error: unknown;
  onCancel(): void;
  onConfirm(): void;
}) {
  const t = useT();
  return (
    <Dialog title={t('tx.refund.voidTitle')} size="sm" onClose={busy ? undefined : onCancel}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim()) onConfirm();
        }}
      >
        <p>{t('tx.refund.voidBody', { number: sale.number, total: formatRupiah(sale.payable) })}</p>
        <div className="field">
          <label htmlFor="void-reason">{t('tx.refund.reason')}</label>
          <input id="void-reason" className="input" value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} data-autofocus />
        </div>
        <ErrorNotice error={error} />
        <div className="pay-actions">
          <button type="button" className="btn btn-ghost" onClick={onCancel} disabled={busy}>
            {t('common.cancel')} <kbd>Esc</kbd>
          </button>
          <button type="submit" className="btn btn-danger" disabled={busy || !reason.trim()}>
            {t('tx.refund.voidConfirm')} <kbd>Enter</kbd>
          </button>
        </div>
      </form>
    </Dialog>
  );
}
