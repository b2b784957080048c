// Over 350 lines on purpose: find the sale → choose lines → preview → approval → refund is one flow
// over one selection; its steps read and reset the same state, so they stay together.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import '../till/till-keyboard.css';
import '../till/till-operations.css';
import { call } from '../../api';
import { useLang, useT, type MessageKey } from '../../i18n';
import { formatRupiah, type Rupiah } from '../../../../shared/money';
import type { PaymentMethod } from '../../../../shared/printer';
import type { TillSaleView } from '../../../../shared/types';
import type { ApprovalGrant, RefundPreview, TillRefundResult } from '../../../../shared/types-till';
import { useSession } from '../../app/session';
import { AppBar } from '../../components/app-bar';
import { Dialog } from '../../components/dialog';
import { ErrorNotice } from '../../components/error-notice';
import { PrinterIcon } from '../../components/icons';
import { CommandHelp } from '../../components/command-help';
import { CommandButton, CommandProvider, useCommands } from '../../lib/commands';
import { isCharKey, ScanBurst } from '../../lib/scan-burst';
import { ScanNote, useScanCatcher } from '../../lib/scan-catcher';
import { sendKeyed, useRequestKey } from '../../lib/request-key';
import { formatDateTime } from '../../lib/format';
import { ApprovalDialog, approvalAsked, approvalGrantRefused, reasonTexts } from '../till/approval-dialog';
import { METHOD_LABEL } from '../till/payment-dialog';
import { usePrintJob } from '../till/use-printer-status';
import { useTillSettings } from '../till/use-till-settings';
import { readRecentSales } from './recent';
import { refundable } from './refund-logic';
import { REFUND_COMMANDS, type PayBack, type RefundCommandState } from './refund-commands';
import { CancelButton } from '../../components/dialog-parts';

interface Pick {
  on: boolean;
  qty: number;
  restock: boolean;
}

type Pending = { kind: 'refund' } | { kind: 'void' };

/**
 * Refunds and voids (F9 from the till): find the sale (type its number or
 * scan the barcode under the receipt's total: a scanner burst anywhere on
 * the screen loads the sale), pick lines and quantities, give the money back
 * as the server works it out. Keys come from the refund command table.
 */
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
  const [payBack, setPayBack] = useState<PayBack>('asPaid');
  const [preview, setPreview] = useState<RefundPreview | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const requestKeys = useRequestKey();
  const [asking, setAsking] = useState<{ pending: Pending; again: boolean } | null>(null);
  const [voiding, setVoiding] = useState(false);
  const [help, setHelp] = useState(false);
  const [result, setResult] = useState<TillRefundResult | null>(null);
  const [job, setJob] = usePrintJob(result?.printJob);
  const recent = readRecentSales(session.tillCode);
  const numberRef = useRef<HTMLInputElement>(null);
  const burst = useRef(new ScanBurst());
  const beforeBurst = useRef<{ number: string; reason: string; picks: Record<number, Pick> } | null>(null);

  const open = async (n: string): Promise<boolean> => {
    setFindError(null);
    setResult(null);
    setError(null);
    try {
      const s = await call('sales.lookup', { number: n.trim() });
      setSale(s);
      setNumber(s.number);
      setPicks(Object.fromEntries(s.lines.map((l) => [l.id, { on: false, qty: refundable(l), restock: true }])));
      setReason('');
      setPayBack('asPaid');
      setPreview(null);
      return true;
    } catch (err) {
      setFindError(err);
      return false;
    }
  };

  // A receipt's barcode scanned anywhere on the screen (a scanner types fast and ends with
  // Enter): the fields it typed into go back as they were, and the sale it names is loaded.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (document.querySelector('.dialog')) return;
      if (isCharKey(e)) {
        if (burst.current.key(e.key, e.timeStamp)) beforeBurst.current = { number, reason, picks };
        return;
      }
      if (e.key !== 'Enter') {
        if (e.key !== 'Shift') burst.current.reset();
        return;
      }
      const code = burst.current.enter(e.timeStamp);
      if (!code) return;
      e.preventDefault();
      e.stopPropagation();
      const snap = beforeBurst.current;
      setNumber(code.toUpperCase());
      void open(code).then((found) => {
        // Not a receipt: whatever the burst typed goes back (the error says what was scanned).
        if (!found && snap) {
          setReason(snap.reason);
          setPicks(snap.picks);
        }
      });
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [number, reason, picks]);

  // A dialog is open (the void's reason, a manager's approval): a scan is no receipt to load then.
  // Its keys go back out of the field they typed into and its Enter confirms nothing (a void with
  // the barcode as its reason, a PIN tried towards the manager's lockout); a note says so.
  const dialogScans = useScanCatcher(async (code) => ({ isScan: true, note: { tone: 'error', text: t('scan.inDialog', { code }) } }));
  const catchInDialog = dialogScans.onKeyDownCapture;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (document.querySelector('.dialog')) catchInDialog(e);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [catchInDialog]);

  const chosen = sale
    ? sale.lines.filter((l) => picks[l.id]?.on && picks[l.id]!.qty > 0).map((l) => ({ saleLineId: l.id, qty: picks[l.id]!.qty, restock: picks[l.id]!.restock }))
    : [];
  const chosenKey = JSON.stringify(chosen);

  // What these units give back, and how, from the server (nothing is written).
  useEffect(() => {
    if (!sale || chosen.length === 0) {
      setPreview(null);
      setPreviewError(null);
      return;
    }
    let alive = true;
    const id = setTimeout(() => {
      call('sales.refundPreview', { saleId: sale.id, lines: chosen, payBack })
        .then((p) => {
          if (!alive) return;
          setPreview(p);
          setPreviewError(null);
        })
        .catch((err) => alive && (setPreview(null), setPreviewError(err)));
    }, 200);
    return () => {
      alive = false;
      clearTimeout(id);
    };
  }, [sale?.id, chosenKey, payBack]);

  const payable = preview?.payable ?? 0;

  const send = async (pending: Pending, grant?: ApprovalGrant) => {
    if (!sale) return;
    setBusy(true);
    setError(null);
    try {
      const approval = grant ? { approval: { token: grant.token } } : {};
      // One request key per intended void/refund: a second click or a retry after a lost answer
      // sends the same key and gets the first result back (issue 17).
      const r =
        pending.kind === 'void'
          ? await sendKeyed(requestKeys, { saleId: sale.id, reason: reason.trim(), ...approval }, (input) => call('sales.void', input))
          : await sendKeyed(
              requestKeys,
              { saleId: sale.id, lines: chosen, reason: reason.trim(), payments: preview?.payments ?? [], ...approval },
              (input) => call('sales.refund', input),
            );
      setAsking(null);
      setVoiding(false);
      setResult(r);
      const fresh = await call('sales.get', { id: sale.id }).catch(() => sale);
      setSale(fresh);
      setPicks(Object.fromEntries(fresh.lines.map((l) => [l.id, { on: false, qty: refundable(l), restock: true }])));
      setPayBack('asPaid');
      setReason('');
    } catch (err) {
      if (approvalAsked(err)) setAsking({ pending, again: approvalGrantRefused(err) });
      else {
        setAsking(null);
        setError(err);
      }
    } finally {
      setBusy(false);
    }
  };

  const submitRefund = () => {
    setLocalError(null);
    if (chosen.length === 0) return setLocalError(t('tx.refund.pickLines'));
    if (!reason.trim()) {
      document.getElementById('refund-reason')?.focus();
      return setLocalError(t('tx.refund.needReason'));
    }
    if (!preview) return;
    void send({ kind: 'refund' });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    submitRefund();
  };

  const setPick = (id: number, patch: Partial<Pick>) => setPicks((p) => ({ ...p, [id]: { ...p[id]!, ...patch } }));
  const when = (ms: number) => formatDateTime(ms, shop.timeZone, lang);
  const methods = till.settings.paymentMethods;
  const status = job?.status ?? 'none';

  const commandState: RefundCommandState = {
    dialog: Boolean(asking || voiding || help),
    saleLoaded: Boolean(sale && sale.status === 'completed'),
    picked: chosen.length > 0 && Boolean(preview),
    canVoid: Boolean(sale && sale.status === 'completed' && sale.refunds.length === 0),
    busy,
    actions: {
      help: () => setHelp(true),
      back: () => {
        window.location.hash = '#/till';
      },
      find: () => {
        numberRef.current?.focus();
        numberRef.current?.select();
      },
      submit: submitRefund,
      void: () => setVoiding(true),
    },
  };
  const commands = useCommands(REFUND_COMMANDS, commandState);

  return (
    <CommandProvider api={commands}>
    <div className="page">
      <ScanNote note={dialogScans.note} />
      <AppBar title={t('tx.refund.title')}>
        <CommandButton id="help" className="btn btn-ghost btn-sm" testId="refund-help" />
        <CommandButton id="back" className="btn btn-secondary btn-sm">
          ← {t('nav.backToTill')}{' '}
        </CommandButton>
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
            <p className="field-hint">{t('tx.refund.scanHint')}</p>
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
                  {t('tx.refund.given')} <strong data-testid="refund-given">{formatRupiah(result.payable)}</strong>
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
                      onKeyDown={(e) => {
                        if (e.key === 'Enter') {
                          e.preventDefault();
                          submitRefund();
                        }
                      }}
                      data-testid="refund-reason"
                    />
                  </div>
                  <div className="field">
                    <label htmlFor="refund-payback">{t('tx.refund.payBackAs')}</label>
                    <select
                      id="refund-payback"
                      className="input"
                      value={payBack}
                      onChange={(e) => setPayBack(e.target.value as PayBack)}
                      data-testid="refund-payback"
                    >
                      <option value="asPaid">{t('tx.refund.asPaidOption')}</option>
                      {methods.map((m) => (
                        <option key={m} value={m}>
                          {t(METHOD_LABEL[m])}
                        </option>
                      ))}
                    </select>
                  </div>
                  {preview ? (
                    <ul className="refund-pay-list" data-testid="refund-payments">
                      {preview.payments.map((p, i) => (
                        <li key={i}>
                          <span>
                            {t(METHOD_LABEL[p.method])}
                            {p.reference ? ` · ${p.reference}` : ''}
                          </span>
                          <strong>{formatRupiah(p.amount)}</strong>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="muted">{t('tx.refund.payBackEmpty')}</p>
                  )}
                </div>
                <div className="refund-summary">
                  <div className="expected-box">
                    <span>{t('tx.refund.total')}</span>
                    <strong data-testid="refund-total">{formatRupiah(payable)}</strong>
                  </div>
                  {preview && (
                    <div className="refund-money-notes muted" data-testid="refund-notes">
                      {preview.rounding !== 0 && (
                        <span>
                          {t('tx.refund.roundingNote', { amount: `${preview.rounding > 0 ? '+' : '−'}${formatRupiah(Math.abs(preview.rounding))}` })}
                        </span>
                      )}
                      <span>{preview.final ? t('tx.refund.final') : t('tx.refund.left', { amount: formatRupiah(preview.left) })}</span>
                    </div>
                  )}
                  <ErrorNotice error={previewError} compact />
                  {localError && (
                    <div className="notice notice-error" role="alert">
                      {localError}
                    </div>
                  )}
                  <ErrorNotice error={error} />
                  <CommandButton id="submit" className="btn btn-danger btn-xl btn-block" testId="refund-submit">
                    {busy ? t('pay.processing') : t('tx.refund.submit')}{' '}
                  </CommandButton>
                  {sale.status === 'completed' && sale.refunds.length === 0 && (
                    <CommandButton id="void" className="btn btn-secondary btn-block" testId="void-button" />
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
      {asking && sale && (
        <ApprovalDialog
          reasons={reasonTexts(t, [{ kind: asking.pending.kind === 'void' ? 'void' : 'refund' }])}
          request={{ action: asking.pending.kind === 'void' ? 'sales.void' : 'sales.refund', saleId: sale.id }}
          notice={asking.again ? t('tx.approval.again') : null}
          busy={busy}
          onCancel={() => setAsking(null)}
          onApproved={(grant) => void send(asking.pending, grant)}
        />
      )}
      {help && <CommandHelp table={REFUND_COMMANDS} state={{ ...commandState, dialog: false }} onClose={() => setHelp(false)} />}
    </div>
    </CommandProvider>
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
          <CancelButton onClick={onCancel} disabled={busy} />
          <button type="submit" className="btn btn-danger" disabled={busy || !reason.trim()}>
            {t('tx.refund.voidConfirm')} <kbd>Enter</kbd>
          </button>
        </div>
      </form>
    </Dialog>
  );
}
