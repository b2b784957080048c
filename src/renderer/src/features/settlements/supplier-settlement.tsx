import { useCallback, useEffect, useState } from 'react';
import { ApiError, call } from '../../api';
import { useLang, useT, type MessageKey } from '../../i18n';
import { formatRupiah, type Rupiah } from '../../../../shared/money';
import type {
  LedgerEntryView,
  LedgerKind,
  SettlementCreateResult,
  SettlementMethod,
  SettlementPreview,
  SupplierBalance,
} from '../../../../shared/types-settlement';
import { useSession } from '../../app/session';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Dialog } from '../../components/dialog';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { CheckIcon, PrinterIcon } from '../../components/icons';
import { RupiahInput } from '../../components/rupiah-input';
import { todayIn } from '../../lib/format';
import { usePrintJob } from '../till/use-printer-status';
import { formatDay, hasBankAccount, signed, sumAmounts, tone } from './logic';
import { SettlementHistory } from './history';
import { METHOD_LABEL, PrintStatus, StatementDialog } from './settlement-dialogs';
import { DateField } from '../../components/date-field';
import { SlipView } from './slip-view';

export const KIND_LABEL: Record<LedgerKind, MessageKey> = {
  sale: 'settle.kind.sale',
  refund: 'settle.kind.refund',
  loss: 'settle.kind.loss',
  fee: 'settle.kind.fee',
  adjustment: 'settle.kind.adjustment',
  payout: 'settle.kind.payout',
};

type Tab = 'settle' | 'history';

/** One supplier: unsettled entries, preview of the slip, pay and print; fees, adjustments, history. */
export function SupplierSettlement({ supplier, onBack }: { supplier: SupplierBalance; onBack(): void }) {
  const t = useT();
  const { shop } = useSession();
  const [tab, setTab] = useState<Tab>('settle');
  const [balance, setBalance] = useState<Rupiah>(supplier.balance);
  const [entries, setEntries] = useState<LedgerEntryView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [dialog, setDialog] = useState<'fee' | 'adjust' | null>(null);
  const [saved, setSaved] = useState(false);
  const [reloadKey, setReloadKey] = useState(0);
  const [previewReset, setPreviewReset] = useState(0);

  const reload = useCallback(async () => {
    setError(null);
    try {
      const [list, balances] = await Promise.all([
        call('ledger.entries', { supplierId: supplier.supplierId, unsettledOnly: true }),
        call('ledger.balances', {}),
      ]);
      setEntries(list);
      const mine = balances.find((b) => b.supplierId === supplier.supplierId);
      if (mine) setBalance(mine.balance);
    } catch (err) {
      setError(err);
    }
    setReloadKey((k) => k + 1);
  }, [supplier.supplierId]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return (
    <div className="st-page">
      <div className="st-supplier-head">
        <button type="button" className="btn btn-ghost btn-sm st-back" onClick={onBack}>
          ← {t('settle.supplier.back')}
        </button>
        <div className="st-supplier-name">
          <span className="mono muted">{supplier.code}</span>
          <h2 data-testid="supplier-name">{supplier.name}</h2>
        </div>
        <div className={`st-supplier-balance st-balance-${tone(balance)}`}>
          <span>{t('settle.supplier.balance')}</span>
          <strong data-testid="supplier-balance">{formatRupiah(balance)}</strong>
        </div>
        <div className="st-supplier-actions">
          <button type="button" className="btn btn-secondary btn-sm" onClick={() => setDialog('fee')}>
            − {t('settle.supplier.addFee')}
          </button>
          <button type="button" className="btn btn-secondary btn-sm" onClick={() => setDialog('adjust')}>
            ± {t('settle.supplier.addAdjust')}
          </button>
        </div>
      </div>

      <div className="st-tabs" role="tablist">
        {(['settle', 'history'] as const).map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} className={tab === k ? 'active' : ''} onClick={() => setTab(k)}>
            {t(k === 'settle' ? 'settle.supplier.tabSettle' : 'settle.supplier.tabHistory')}
          </button>
        ))}
      </div>
      <ErrorNotice error={error} />
      {saved && (
        <div className="notice notice-success notice-compact" role="status">
          {t('settle.saved')}
        </div>
      )}

      {tab === 'settle' ? (
        <div className="st-grid">
          <EntriesCard entries={entries} />
          <SettlePanel
            key={previewReset}
            supplier={supplier}
            today={todayIn(shop.timeZone)}
            onPaid={() => void reload()}
            onFinished={() => setPreviewReset((n) => n + 1)}
          />
        </div>
      ) : (
        <SettlementHistory supplierId={supplier.supplierId} reloadKey={reloadKey} />
      )}

      {dialog && (
        <LedgerDialog
          kind={dialog}
          supplierId={supplier.supplierId}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            setSaved(true);
            setPreviewReset((n) => n + 1);
            void reload();
          }}
        />
      )}
    </div>
  );
}

/** Under the description: the sale number and the note, each once. */
function entrySub(e: LedgerEntryView): string {
  const note = e.productName ? e.note : null;
  if (note && e.saleNumber && note.includes(e.saleNumber)) return note;
  return [e.saleNumber, note].filter(Boolean).join(' · ');
}

function EntriesCard({ entries }: { entries: LedgerEntryView[] | null }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <section className="card bo-list st-entries" data-testid="unsettled-entries">
      <div className="bo-toolbar">
        <h2>{t('settle.entries.title')}</h2>
        <span className="muted">{entries ? t('common.count', { n: entries.length }) : ''}</span>
      </div>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>{t('settle.entries.date')}</th>
              <th>{t('settle.entries.kind')}</th>
              <th>{t('settle.entries.what')}</th>
              <th className="num">{t('settle.entries.qty')}</th>
              <th className="num">{t('settle.entries.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {entries?.map((e) => (
              <tr key={e.id} data-testid="entry-row">
                <td className="st-nowrap">{formatDay(e.businessDate, lang)}</td>
                <td>
                  <span className={`badge st-kind st-kind-${e.kind}`}>{t(KIND_LABEL[e.kind])}</span>
                </td>
                <td>
                  {e.productName ?? e.note ?? '—'}
                  {entrySub(e) && <div className="sub">{entrySub(e)}</div>}
                </td>
                <td className="num">{e.qty ?? ''}</td>
                <td className={`num ${e.amount < 0 ? 'danger' : ''}`}>{signed(e.amount, formatRupiah)}</td>
              </tr>
            ))}
            {entries && entries.length === 0 && (
              <tr>
                <td colSpan={5} className="empty-cell">
                  {t('settle.entries.none')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {entries && entries.length > 0 && (
        <div className="st-foot">
          <span>{t('settle.entries.total')}</span>
          <strong data-testid="entries-total">{formatRupiah(sumAmounts(entries))}</strong>
        </div>
      )}
    </section>
  );
}

/** Cutoff → preview (the slip) → method → confirm → paid, printed. */
function SettlePanel({
  supplier,
  today,
  onPaid,
  onFinished,
}: {
  supplier: SupplierBalance;
  today: string;
  onPaid(): void;
  onFinished(): void;
}) {
  const t = useT();
  const [cutoff, setCutoff] = useState(today);
  const [preview, setPreview] = useState<SettlementPreview | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [method, setMethod] = useState<SettlementMethod>('cash');
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [paying, setPaying] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [done, setDone] = useState<SettlementCreateResult | null>(null);
  const [job, setJob] = usePrintJob(done?.printJob);
  const [statement, setStatement] = useState(false);

  const load = async () => {
    setLoading(true);
    setError(null);
    setConflict(false);
    try {
      setPreview(await call('settlements.preview', { supplierId: supplier.supplierId, cutoff }));
    } catch (err) {
      setPreview(null);
      setError(err);
    } finally {
      setLoading(false);
    }
  };

  const pay = async () => {
    if (!preview) return;
    setConfirming(false);
    setPaying(true);
    setError(null);
    try {
      const result = await call('settlements.create', {
        supplierId: supplier.supplierId,
        cutoff: preview.cutoff,
        method,
        ...(method === 'transfer' && reference.trim() ? { reference: reference.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
        expectedAmount: preview.amount,
        ...(preview.throughEntryId !== null ? { throughEntryId: preview.throughEntryId } : {}),
      });
      setDone(result);
      onPaid();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT') setConflict(true);
      setError(err);
    } finally {
      setPaying(false);
    }
  };

  const reprint = async () => {
    if (!done) return;
    setError(null);
    try {
      setJob(await call('settlements.reprint', { id: done.id }));
    } catch (err) {
      setError(err);
    }
  };

  if (done)
    return (
      <section className="card st-panel st-done" data-testid="settlement-done">
        <div className="done-check st-done-check" aria-hidden="true">
          <CheckIcon size={40} strokeWidth={3} />
        </div>
        <h2>{t('settle.done.title')}</h2>
        <p className="st-done-number">
          {t('settle.done.number')} <strong data-testid="settlement-number">{done.number}</strong>
        </p>
        <div className="st-done-amount">
          <span>{t('settle.done.amount')}</span>
          <strong data-testid="settlement-amount">{formatRupiah(done.amount)}</strong>
          <span className="muted">
            {t(METHOD_LABEL[done.method])}
            {done.reference ? ` · ${done.reference}` : ''}
          </span>
        </div>
        <PrintStatus job={job} />
        <ErrorNotice error={error} compact />
        <div className="btn-row st-done-actions">
          <button type="button" className="btn btn-secondary" onClick={() => void reprint()}>
            <PrinterIcon size={18} /> {t('settle.done.reprint')}
          </button>
          <button type="button" className="btn btn-secondary" onClick={() => setStatement(true)}>
            {t('settle.done.statement')}
          </button>
          <button type="button" className="btn btn-primary" onClick={onFinished}>
            {t('settle.done.finish')}
          </button>
        </div>
        {statement && <StatementDialog settlement={done} onClose={() => setStatement(false)} />}
      </section>
    );

  const bankMissing = preview !== null && !hasBankAccount(preview.supplier);
  const canPay = preview !== null && preview.payable && !(method === 'transfer' && bankMissing) && !paying && !conflict;

  return (
    <section className="card st-panel" data-testid="settle-panel">
      <form
        className="st-cutoff"
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        <Field label={t('settle.preview.cutoff')}>
          <DateField
            value={cutoff}
            max={today}
            required
            testId="cutoff"
            onChange={(iso) => {
              setCutoff(iso);
              setPreview(null);
            }}
          />
        </Field>
        <button type="submit" className="btn btn-primary" disabled={loading || !cutoff}>
          {loading ? t('settle.preview.loading') : t('settle.preview.button')}
        </button>
      </form>
      <ErrorNotice error={error} />
      {conflict && <div className="notice notice-info">{t('settle.pay.conflict')}</div>}
      {!preview && !loading && !error && <p className="muted st-intro">{t('settle.preview.intro')}</p>}
      {preview && (
        <>
          <SlipView supplier={preview.supplier} breakdown={preview} stock={preview.stock} payable={preview.payable} />
          {preview.payable && (
            <div className="st-pay">
              <h3>{t('settle.pay.title')}</h3>
              <fieldset className="radio-group">
                <legend>{t('settle.pay.method')}</legend>
                {(['cash', 'transfer'] as const).map((m) => (
                  <label key={m} className={`radio-card ${method === m ? 'active' : ''}`}>
                    <input type="radio" name="settle-method" checked={method === m} onChange={() => setMethod(m)} />
                    <span>
                      <strong>{t(METHOD_LABEL[m])}</strong>
                    </span>
                  </label>
                ))}
              </fieldset>
              {method === 'transfer' &&
                (bankMissing ? (
                  <div className="notice notice-error notice-compact">{t('settle.pay.noBankAccount')}</div>
                ) : (
                  <>
                    <div className="st-bank" data-testid="transfer-bank">
                      <span className="label">{t('settle.pay.transferTo')}</span>
                      <strong>
                        {preview.supplier.bankName} <span className="mono">{preview.supplier.bankAccount}</span>
                      </strong>
                      {preview.supplier.bankHolder && <span>{t('bo.supplier.holder', { name: preview.supplier.bankHolder })}</span>}
                    </div>
                    <Field label={t('settle.pay.reference')}>
                      <input className="input" maxLength={64} value={reference} onChange={(e) => setReference(e.target.value)} />
                    </Field>
                  </>
                ))}
              <Field label={t('settle.pay.note')}>
                <input className="input" maxLength={300} value={note} onChange={(e) => setNote(e.target.value)} />
              </Field>
            </div>
          )}
          <button
            type="button"
            className="btn btn-primary btn-lg btn-block"
            disabled={!canPay}
            onClick={() => setConfirming(true)}
            data-testid="settle-pay"
          >
            <PrinterIcon size={18} /> {paying ? t('settle.pay.paying') : t('settle.pay.submit')}
          </button>
        </>
      )}
      {confirming && preview && (
        <ConfirmDialog
          title={t('settle.pay.confirmTitle')}
          confirmLabel={t('settle.pay.confirm')}
          onCancel={() => setConfirming(false)}
          onConfirm={() => void pay()}
        >
          <p className="st-dialog-text">
            {t('settle.pay.confirmBody', { amount: formatRupiah(preview.amount), name: preview.supplier.name, method: t(METHOD_LABEL[method]).toLowerCase() })}
          </p>
          <div className="st-confirm-amount">{formatRupiah(preview.amount)}</div>
        </ConfirmDialog>
      )}
    </section>
  );
}

/** A fee (−) or an adjustment (±, with reason) for the manager. */
function LedgerDialog({ kind, supplierId, onClose, onSaved }: { kind: 'fee' | 'adjust'; supplierId: number; onClose(): void; onSaved(): void }) {
  const t = useT();
  const [amount, setAmount] = useState<Rupiah | null>(null);
  const [direction, setDirection] = useState<1 | -1>(1);
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<{ amount?: string; text?: string }>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const fe: typeof errors = {};
    if (!amount || amount <= 0) fe.amount = t('form.positive');
    if (!text.trim()) fe.text = t('form.required');
    setErrors(fe);
    if (fe.amount || fe.text || !amount) return;
    setBusy(true);
    setError(null);
    try {
      if (kind === 'fee') await call('ledger.fee', { supplierId, amount, note: text.trim() });
      else await call('ledger.adjust', { supplierId, amount: direction * amount, reason: text.trim() });
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t(kind === 'fee' ? 'settle.fee.title' : 'settle.adjust.title')}
      size="sm"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t('common.cancel')} <kbd>Esc</kbd>
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void submit()} disabled={busy}>
            {busy ? t('common.saving') : t(kind === 'fee' ? 'settle.fee.save' : 'settle.adjust.save')}
          </button>
        </>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        noValidate
      >
        {kind === 'adjust' && (
          <fieldset className="radio-group">
            <legend>{t('settle.adjust.direction')}</legend>
            {([1, -1] as const).map((d) => (
              <label key={d} className={`radio-card ${direction === d ? 'active' : ''}`}>
                <input type="radio" name="adjust-direction" checked={direction === d} onChange={() => setDirection(d)} />
                <span>
                  <strong>{t(d === 1 ? 'settle.adjust.plus' : 'settle.adjust.minus')}</strong>
                  <small>{t(d === 1 ? 'settle.adjust.plusHint' : 'settle.adjust.minusHint')}</small>
                </span>
              </label>
            ))}
          </fieldset>
        )}
        <Field label={t(kind === 'fee' ? 'settle.fee.amount' : 'settle.adjust.amount')} error={errors.amount} required>
          <RupiahInput value={amount} onValueChange={setAmount} />
        </Field>
        <Field label={t(kind === 'fee' ? 'settle.fee.note' : 'settle.adjust.reason')} error={errors.text} required>
          <input className="input" maxLength={200} value={text} onChange={(e) => setText(e.target.value)} />
        </Field>
        <ErrorNotice error={error} />
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
