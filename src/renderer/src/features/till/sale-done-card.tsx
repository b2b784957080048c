import { useEffect, useState } from 'react';
import { call } from '../../api';
import { useT, type MessageKey } from '../../i18n';
import { formatRupiah } from '../../../../shared/money';
import type { CheckoutResult, PrintJobStatus } from '../../../../shared/types';
import { ErrorNotice } from '../../components/error-notice';
import { CheckIcon, PrinterIcon } from '../../components/icons';
import { METHOD_LABEL } from './payment-dialog';
import { usePrintJob } from './use-printer-status';

const PRINT_STATUS: Record<PrintJobStatus | 'none', MessageKey> = {
  pending: 'done.printPending',
  printed: 'done.printPrinted',
  failed: 'done.printFailed',
  skipped: 'done.printSkipped',
  none: 'done.printNone',
};

/**
 * "Transaksi berhasil": the sale number, the change (large), the receipt.
 * A card in the cart's place, not a dialog: it never takes the focus, so the
 * next customer's first scan goes straight into a new cart (and puts the
 * card away). Enter or Esc in the empty scan field put it away too.
 */
export function SaleDoneCard({ result, onClose, onPrinted }: { result: CheckoutResult; onClose(): void; onPrinted(): void }) {
  const t = useT();
  const [job, setJob] = usePrintJob(result.printJob);
  const [reprintError, setReprintError] = useState<unknown>(null);
  const [reprinting, setReprinting] = useState(false);
  const status = job?.status ?? 'none';

  // Let the top bar know as soon as the receipt is out (or failed).
  useEffect(() => {
    if (status !== 'pending') onPrinted();
    // Only when the status moves, not when the parent re-renders.
  }, [status]);

  const reprint = async () => {
    setReprinting(true);
    setReprintError(null);
    try {
      setJob(await call('sales.reprint', { id: result.id }));
    } catch (err) {
      setReprintError(err);
    } finally {
      setReprinting(false);
    }
  };

  return (
    <section className="done-card" aria-label={t('done.success')} aria-live="polite">
      <div className="done" data-testid="sale-done">
        <div className="done-head">
          <div className="done-check" aria-hidden="true">
            <CheckIcon size={28} strokeWidth={3} />
          </div>
          <div>
            <p className="done-title">{t('done.success')}</p>
            <p className="done-number">
              {t('done.number')} <strong data-testid="sale-number">{result.number}</strong>
            </p>
          </div>
        </div>
        <div className={`done-change ${result.change > 0 ? 'has-change' : ''}`}>
          <span>{t('pay.change')}</span>
          <strong data-testid="sale-change">{formatRupiah(result.change)}</strong>
        </div>
        <dl className="done-figures">
          <div>
            <dt>{t('pay.total')}</dt>
            <dd>{formatRupiah(result.total)}</dd>
          </div>
          {Boolean(result.rounding) && (
            <div>
              <dt>{t('done.rounding')}</dt>
              <dd>
                {result.rounding > 0 ? '+' : ''}
                {formatRupiah(result.rounding)}
              </dd>
            </div>
          )}
          {result.payments.map((p, i) => (
            <div key={i}>
              <dt>
                {t(METHOD_LABEL[p.method])}
                {p.reference ? ` · ${p.reference}` : ''}
              </dt>
              <dd>{formatRupiah(p.amount)}</dd>
            </div>
          ))}
        </dl>
        <div className={`print-status print-${status}`} data-testid="print-status" data-status={status}>
          <PrinterIcon size={18} />
          <span>
            {job?.copy ? `${t('done.copy')} · ` : ''}
            {t(PRINT_STATUS[status])}
          </span>
          {status === 'failed' && job?.lastError && <span className="print-error">{job.lastError}</span>}
        </div>
        <ErrorNotice error={reprintError} compact />
      </div>
      <p className="done-hint muted">{t('done.hint')}</p>
      <div className="done-actions">
        <button type="button" className="btn btn-secondary" onMouseDown={(e) => e.preventDefault()} onClick={() => void reprint()} disabled={reprinting}>
          <PrinterIcon size={18} /> {t('done.reprint')}
        </button>
        <button type="button" className="btn btn-primary" onMouseDown={(e) => e.preventDefault()} onClick={onClose} data-testid="new-sale">
          {t('done.newSale')} <kbd>Enter</kbd>
        </button>
      </div>
    </section>
  );
}
