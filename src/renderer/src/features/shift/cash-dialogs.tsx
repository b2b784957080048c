import { useState, type FormEvent } from 'react';
import { call } from '../../api';
import { useT } from '../../i18n';
import { formatRupiah, type Rupiah } from '../../../../shared/money';
import type { PrintJobView } from '../../../../shared/types';
import type { ShiftReport } from '../../../../shared/types-till';
import { Dialog } from '../../components/dialog';
import { ErrorNotice } from '../../components/error-notice';
import { PrinterIcon } from '../../components/icons';
import { amountTooLargeText, RupiahInput, useRupiahField } from '../../components/rupiah-input';
import { ShiftReportView } from './report-view';
import { usePrintJob } from '../till/use-printer-status';
import { CancelButton, SaveFoot } from '../../components/dialog-parts';
import { useSubmit } from '../../lib/use-submit';
import { useData } from '../../lib/use-data';

/** Pay-in (kas masuk) or pay-out (kas keluar): an amount and a reason. */
export function CashMoveDialog({ kind, onDone, onClose }: { kind: 'in' | 'out'; onDone(message: string): void; onClose(): void }) {
  const t = useT();
  const amountField = useRupiahField();
  const amount = amountField.value;
  const [reason, setReason] = useState('');
  const submitting = useSubmit();
  const { busy, error } = submitting;
  const [local, setLocal] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (amountField.tooLarge) return setLocal(amountTooLargeText(t));
    if (!amount || amount <= 0) return setLocal(t('form.positive'));
    if (!reason.trim()) return setLocal(t('tx.cash.needReason'));
    setLocal(null);
    await submitting.run(async () => {
      const m = await call(kind === 'in' ? 'shifts.payIn' : 'shifts.payOut', { amount, reason: reason.trim() });
      onDone(t(kind === 'in' ? 'tx.cash.inDone' : 'tx.cash.outDone', { amount: formatRupiah(m.amount) }));
    });
  };
  return (
    <Dialog title={kind === 'in' ? t('tx.cash.inTitle') : t('tx.cash.outTitle')} size="sm" onClose={busy ? undefined : onClose}>
      <form onSubmit={submit} noValidate data-testid={`cash-${kind}-dialog`}>
        <p className="muted">{kind === 'in' ? t('tx.cash.inHint') : t('tx.cash.outHint')}</p>
        <div className="field">
          <label htmlFor="cash-amount">{t('pay.amount')}</label>
          <RupiahInput id="cash-amount" size="lg" value={amount} onValueChange={amountField.onValueChange} data-autofocus />
        </div>
        <div className="field">
          <label htmlFor="cash-reason">{t('tx.cash.reason')}</label>
          <input id="cash-reason" className="input" value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
        </div>
        {local && (
          <div className="notice notice-error" role="alert">
            {local}
          </div>
        )}
        <SaveFoot error={error} busy={busy} onClose={onClose} />
      </form>
    </Dialog>
  );
}

/** Open the drawer without a sale (manager): a reason, logged. */
export function DrawerDialog({ onDone, onClose }: { onDone(message: string): void; onClose(): void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const submitting = useSubmit();
  const { busy, error } = submitting;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return;
    await submitting.run(async () => {
      const job = await call('drawer.open', { reason: reason.trim() });
      onDone(t('tx.drawer.done', { status: t(`tx.print.${job.status}` as 'tx.print.printed') }));
    });
  };
  return (
    <Dialog title={t('tx.drawer.title')} size="sm" onClose={busy ? undefined : onClose}>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="drawer-reason">{t('tx.cash.reason')}</label>
          <input
            id="drawer-reason"
            className="input"
            value={reason}
            maxLength={200}
            placeholder={t('tx.drawer.placeholder')}
            onChange={(e) => setReason(e.target.value)}
            data-autofocus
          />
        </div>
        <ErrorNotice error={error} />
        <div className="pay-actions">
          <CancelButton onClick={onClose} disabled={busy} />
          <button type="submit" className="btn btn-primary" disabled={busy || !reason.trim()}>
            {t('tx.drawer.open')} <kbd>Enter</kbd>
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The X report of the open shift: on screen, and printed on request. */
export function XReportDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const [error, setError] = useState<unknown>(null);
  const [started, setStarted] = useState<PrintJobView | null>(null);
  const [job] = usePrintJob(started);
  const loaded = useData(() => call('shifts.report', {}), []);
  const report: ShiftReport | null = loaded.data;
  const print = async () => {
    setError(null);
    try {
      setStarted(await call('shifts.printReport', { kind: 'X' }));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Dialog
      title={t('tx.report.xTitle')}
      size="lg"
      className="report-dialog"
      onClose={onClose}
      footer={
        <>
          {job && (
            <span className={`print-status print-${job.status}`} data-testid="x-print-status" data-status={job.status}>
              <PrinterIcon size={16} /> {t(`tx.print.${job.status}` as 'tx.print.printed')}
            </span>
          )}
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t('common.close')} <kbd>Esc</kbd>
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void print()} disabled={!report} data-autofocus>
            <PrinterIcon size={16} /> {t('tx.report.printX')}
          </button>
        </>
      }
    >
      <ErrorNotice error={error ?? loaded.error} />
      {report ? <ShiftReportView report={report} /> : !error && <div className="spinner" />}
    </Dialog>
  );
}
