/**
 * Expiry dates in doubt: lots whose saved expiry cannot be right for the day
 * they were received (left by the old browser date field, which read the day
 * and month the wrong way round, or a mistyped year). A manager checks the
 * packaging and corrects each one; the correction is audited, and FEFO, the
 * near-expiry list and the till use the new date at once.
 */
import { useState, type FormEvent } from 'react';
import { call } from '../../../api';
import { useLang, useT } from '../../../i18n';
import { formatNumber } from '../../../../../shared/money';
import { addYears, formatDmy, MAX_EXPIRY_YEARS } from '../../../../../shared/dates';
import type { ImplausibleExpiryRow } from '../../../../../shared/types-backoffice';
import { DateField, echoDate } from '../../../components/date-field';
import { ErrorNotice } from '../../../components/error-notice';
import { FormDialog } from '../form-dialog';
import { useData } from '../../../lib/use-data';

export function ExpiryDoubts({ onCorrected }: { onCorrected(): void }) {
  const t = useT();
  const { lang } = useLang();
  const list = useData(() => call('stock.implausibleExpiry', {}), []);
  const [editing, setEditing] = useState<ImplausibleExpiryRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const rows = list.data ?? [];
  if (rows.length === 0 && !notice) return <ErrorNotice error={list.error} />;

  return (
    <section className="card bo-panel expiry-doubts" data-testid="expiry-doubts">
      {notice && (
        <div className="notice notice-success notice-compact" role="status">
          {notice}
        </div>
      )}
      {rows.length > 0 && (
        <>
          <header className="bo-panel-head">
            <div>
              <h3>{t('bo.expiry.doubtTitle')}</h3>
              <p className="muted expiry-doubts-intro">{t('bo.expiry.doubtIntro')}</p>
            </div>
          </header>
          <table className="table">
            <thead>
              <tr>
                <th>{t('product.name')}</th>
                <th>{t('bo.product.lot')}</th>
                <th>{t('bo.expiry.received')}</th>
                <th>{t('bo.expiry.saved')}</th>
                <th>{t('bo.expiry.suggestion')}</th>
                <th className="num">{t('bo.product.remaining')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.lotId} data-testid="expiry-doubt">
                  <td className="strong">
                    {r.name}
                    <div className="sub">{r.supplierName ?? t('cart.shopOwned')}</div>
                  </td>
                  <td className="mono">{r.intakeNumber ?? t('bo.lotNumber', { id: r.lotId })}</td>
                  <td>{formatDmy(r.receivedOn)}</td>
                  <td className="danger strong">{formatDmy(r.expiryDate!)}</td>
                  <td>{r.suggestion ? `${formatDmy(r.suggestion)} (${echoDate(r.suggestion, lang)})` : <span className="muted">{t('bo.expiry.noSuggestion')}</span>}</td>
                  <td className="num">{formatNumber(r.remainingQty)}</td>
                  <td>
                    <button type="button" className="btn btn-primary btn-sm" onClick={() => setEditing(r)}>
                      {t('bo.expiry.correct')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {editing && (
        <CorrectDialog
          row={editing}
          onClose={() => setEditing(null)}
          onSaved={(date) => {
            setNotice(t('bo.expiry.corrected', { name: editing.name, date: formatDmy(date) }));
            setEditing(null);
            list.reload();
            onCorrected();
          }}
        />
      )}
    </section>
  );
}

function CorrectDialog({ row, onClose, onSaved }: { row: ImplausibleExpiryRow; onClose(): void; onSaved(date: string): void }) {
  const t = useT();
  const [date, setDate] = useState(row.suggestion ?? '');
  const [reason, setReason] = useState(() => (row.suggestion ? t('bo.expiry.correctReasonDefault') : ''));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!date || !reason.trim()) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await call('stock.correctExpiry', { lotId: row.lotId, expiryDate: date, reason: reason.trim() });
      onSaved(date);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDialog title={t('bo.expiry.correctTitle')} formId="expiry-correct" formClassName="bo-form" saveLabel={t('bo.expiry.correctSave')} busy={busy} onSubmit={submit} onClose={onClose}>
      <p className="bo-dialog-lead">
        {t('bo.expiry.correctLead', {
          name: row.name,
          lot: row.intakeNumber ?? t('bo.lotNumber', { id: row.lotId }),
          received: formatDmy(row.receivedOn),
          saved: formatDmy(row.expiryDate!),
        })}
      </p>
      <div className={`field ${missing && !date ? 'field-invalid' : ''}`}>
        <label htmlFor="expiry-correct-date">{t('bo.expiry.newDate')}</label>
        <DateField
          id="expiry-correct-date"
          value={date}
          min={row.receivedOn}
          max={addYears(row.receivedOn, MAX_EXPIRY_YEARS)}
          minMessage={t('bo.expiry.implausibleMin', { date: formatDmy(row.receivedOn) })}
          maxMessage={t('bo.expiry.implausibleMax')}
          onChange={(iso) => setDate(iso)}
          testId="expiry-correct-date"
        />
        {missing && !date && <div className="field-error">{t('form.required')}</div>}
      </div>
      <div className={`field ${missing && !reason.trim() ? 'field-invalid' : ''}`}>
        <label htmlFor="expiry-correct-reason">{t('bo.expiry.correctReason')}</label>
        <input id="expiry-correct-reason" className="input" value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
        {missing && !reason.trim() && <div className="field-error">{t('form.required')}</div>}
      </div>
      <ErrorNotice error={error} />
    </FormDialog>
  );
}
