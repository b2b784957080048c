import { useT } from '../../i18n';
import { formatRupiah } from '../../../../shared/money';
import type { SupplierBalance } from '../../../../shared/types-settlement';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { DateField } from '../../components/date-field';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { PrinterIcon } from '../../components/icons';
import { METHOD_LABEL } from './settlement-dialogs';
import { SettleDone } from './settle-done';
import { SlipView } from './slip-view';
import { useSettleFlow } from './use-settle-flow';

/** Cutoff → preview (the slip) → method → confirm → paid, printed (the steps: use-settle-flow.ts). */
export function SettlePanel({
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
  const flow = useSettleFlow(supplier, today, onPaid);
  const { cutoff, setCutoff, preview, loading, error, method, setMethod, reference, setReference, note, setNote } = flow;
  const { confirming, setConfirming, paying, conflict, bankMissing, canPay, load, pay } = flow;

  if (flow.done) return <SettleDone done={flow.done} job={flow.job} error={error} onReprint={() => void flow.reprint()} onFinished={onFinished} />;

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
            onChange={(iso) => setCutoff(iso)}
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

