import { useState } from 'react';
import { useT } from '../../i18n';
import { formatRupiah } from '../../../../shared/money';
import type { SettlementCreateResult } from '../../../../shared/types-settlement';
import type { PrintJobView } from '../../../../shared/types';
import { ErrorNotice } from '../../components/error-notice';
import { CheckIcon, PrinterIcon } from '../../components/icons';
import { METHOD_LABEL, PrintStatus, StatementDialog } from './settlement-dialogs';

/** A settlement just paid: its number and amount, the slip's print status, reprint, statement. */
export function SettleDone({
  done,
  job,
  error,
  onReprint,
  onFinished,
}: {
  done: SettlementCreateResult;
  job: PrintJobView | null;
  error: unknown;
  onReprint(): void;
  onFinished(): void;
}) {
  const t = useT();
  const [statement, setStatement] = useState(false);
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
        <button type="button" className="btn btn-secondary" onClick={onReprint}>
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
}
