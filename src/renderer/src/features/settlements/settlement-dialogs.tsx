import { useRef, useState } from 'react';
import { call } from '../../api';
import { useLang, useT, type MessageKey } from '../../i18n';
import { formatRupiah } from '../../../../shared/money';
import type { PrintJobStatus, PrintJobView } from '../../../../shared/types';
import type { SettlementDetail, SettlementMethod, SettlementView } from '../../../../shared/types-settlement';
import { useSession } from '../../app/session';
import { Dialog } from '../../components/dialog';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { PrinterIcon } from '../../components/icons';
import { formatDateTime } from '../../lib/format';
import { sendKeyed, useRequestKey } from '../../lib/request-key';
import { usePrintJob } from '../till/use-printer-status';
import { SlipView } from './slip-view';
import { openHtmlWindow, printFrame } from '../../lib/files';
import { CancelButton } from '../../components/dialog-parts';
import { useData } from '../../lib/use-data';

export const METHOD_LABEL: Record<SettlementMethod, MessageKey> = {
  cash: 'settle.method.cash',
  transfer: 'settle.method.transfer',
};

const PRINT_LABEL: Record<PrintJobStatus | 'none', MessageKey> = {
  pending: 'settle.print.pending',
  printed: 'settle.print.printed',
  failed: 'settle.print.failed',
  skipped: 'settle.print.skipped',
  none: 'settle.print.none',
};

/** Where the slip is: printing, printed, failed. */
export function PrintStatus({ job }: { job: PrintJobView | null }) {
  const t = useT();
  const status = job?.status ?? 'none';
  return (
    <div className={`print-status print-${status}`} data-testid="settlement-print-status" data-status={status}>
      <PrinterIcon size={18} />
      <span>
        {job?.copy ? `${t('settle.print.copy')} · ` : ''}
        {t(PRINT_LABEL[status])}
      </span>
      {status === 'failed' && job?.lastError && <span className="print-error">{job.lastError}</span>}
    </div>
  );
}

export function StatusBadge({ status }: { status: SettlementView['status'] }) {
  const t = useT();
  return <span className={`badge ${status === 'live' ? 'badge-printed' : 'badge-failed'}`}>{t(status === 'live' ? 'settle.status.live' : 'settle.status.voided')}</span>;
}

/**
 * The A4 statement: the server's HTML in a sandboxed frame (no scripts; its
 * own CSP allows only inline styles), printable from here, or opened as a
 * Blob URL in a window of its own.
 */
export function StatementDialog({ settlement, onClose }: { settlement: Pick<SettlementView, 'id' | 'number'>; onClose(): void }) {
  const t = useT();
  const [error, setError] = useState<unknown>(null);
  const frame = useRef<HTMLIFrameElement>(null);

  const statement = useData(async () => (await call('settlements.statementHtml', { id: settlement.id })).html, [settlement.id]);
  const html = statement.data;

  const print = () => {
    if (!html) return;
    try {
      printFrame(frame.current);
    } catch (err) {
      setError(err);
    }
  };

  const openWindow = () => {
    if (html) openHtmlWindow(html);
  };

  return (
    <Dialog
      title={t('settle.statement.title', { number: settlement.number })}
      size="lg"
      onClose={onClose}
      footer={
        <>
          {/* The desktop shell opens no windows: print from the frame there. */}
          {!window.pos && (
            <button type="button" className="btn btn-ghost" onClick={openWindow} disabled={!html}>
              {t('settle.statement.open')}
            </button>
          )}
          <button type="button" className="btn btn-primary" onClick={print} aria-disabled={!html} data-autofocus>
            <PrinterIcon size={18} /> {t('settle.statement.print')}
          </button>
        </>
      }
    >
      <ErrorNotice error={error ?? statement.error} />
      {html === null && !error && <div className="spinner" aria-label={t('common.loading')} />}
      {html !== null && (
        <iframe
          ref={frame}
          className="statement-frame"
          title={t('settle.statement.frame')}
          sandbox="allow-same-origin allow-modals"
          srcDoc={html}
          data-testid="statement-frame"
        />
      )}
    </Dialog>
  );
}

/** One settlement: what it covered (also after a void), reprint, A4, void (admin). */
export function SettlementDetailDialog({ id, onClose, onChanged }: { id: number; onClose(): void; onChanged(): void }) {
  const t = useT();
  const { lang } = useLang();
  const { shop, isAdmin } = useSession();
  const [error, setError] = useState<unknown>(null);
  const [job, setJob] = useState<PrintJobView | null>(null);
  const [statement, setStatement] = useState(false);
  const [voiding, setVoiding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const loaded = useData(() => call('settlements.get', { id }), [id]);
  const detail: SettlementDetail | null = loaded.data;
  const setDetail = loaded.set;

  const reprint = async () => {
    setError(null);
    try {
      setJob(await call('settlements.reprint', { id }));
    } catch (err) {
      setError(err);
    }
  };

  if (statement && detail) return <StatementDialog settlement={detail} onClose={() => setStatement(false)} />;
  if (voiding && detail)
    return (
      <VoidDialog
        settlement={detail}
        onCancel={() => setVoiding(false)}
        onVoided={(v) => {
          setVoiding(false);
          setDetail({ ...detail, ...v });
          setNotice(t('settle.void.done', { number: v.number }));
          onChanged();
        }}
      />
    );

  return (
    <Dialog
      title={t('settle.detail.title', { number: detail?.number ?? '…' })}
      size="lg"
      onClose={onClose}
      footer={
        detail && (
          <>
            {isAdmin && detail.status === 'live' && (
              <button type="button" className="btn btn-danger" onClick={() => setVoiding(true)} data-testid="settlement-void">
                {t('settle.detail.void')}
              </button>
            )}
            <span className="st-spacer" />
            <button type="button" className="btn btn-secondary" onClick={() => void reprint()}>
              <PrinterIcon size={18} /> {t('settle.done.reprint')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setStatement(true)}>
              {t('settle.done.statement')}
            </button>
            <button type="button" className="btn btn-primary" onClick={onClose} data-autofocus>
              {t('common.close')}
            </button>
          </>
        )
      }
    >
      <ErrorNotice error={error ?? loaded.error} />
      {notice && (
        <div className="notice notice-success" role="status">
          {notice}
        </div>
      )}
      {!detail && !error && <div className="spinner" aria-label={t('common.loading')} />}
      {detail && (
        <div className="st-detail">
          <dl className="st-facts">
            <div>
              <dt>{t('settle.history.status')}</dt>
              <dd>
                <StatusBadge status={detail.status} />
              </dd>
            </div>
            <div>
              <dt>{t('settle.history.when')}</dt>
              <dd>{formatDateTime(detail.createdAt, shop.timeZone, lang)}</dd>
            </div>
            <div>
              <dt>{t('settle.history.method')}</dt>
              <dd>
                {t(METHOD_LABEL[detail.method])}
                {detail.reference && <span className="muted"> · {detail.reference}</span>}
              </dd>
            </div>
            <div>
              <dt>{t('settle.detail.by')}</dt>
              <dd>
                {detail.createdByName} <span className="muted">· {t('settle.detail.till')} {detail.tillCode}</span>
              </dd>
            </div>
            {detail.note && (
              <div className="st-facts-wide">
                <dt>{t('settle.detail.note')}</dt>
                <dd>{detail.note}</dd>
              </div>
            )}
          </dl>
          {detail.status === 'voided' && (
            <div className="notice notice-error">
              <strong>
                {t('settle.detail.voidedBy', {
                  name: detail.voidedByName ?? '—',
                  when: detail.voidedAt ? formatDateTime(detail.voidedAt, shop.timeZone, lang) : '—',
                })}
              </strong>
              {detail.voidReason && <span className="notice-detail">{t('settle.detail.voidReason', { reason: detail.voidReason })}</span>}
            </div>
          )}
          {job && <PrintStatusFollow initial={job} />}
          <SlipView supplier={detail.supplier} breakdown={detail.breakdown} stock={detail.stock} payable={detail.amount > 0} number={detail.number} />
        </div>
      )}
    </Dialog>
  );
}

/** A reprint's status, followed until it leaves `pending`. */
function PrintStatusFollow({ initial }: { initial: PrintJobView }) {
  const [job] = usePrintJob(initial);
  return <PrintStatus job={job} />;
}

/** Void with a reason (admin). */
export function VoidDialog({ settlement, onCancel, onVoided }: { settlement: SettlementView; onCancel(): void; onVoided(v: SettlementView): void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const requestKeys = useRequestKey();

  const submit = async () => {
    if (!reason.trim()) {
      setFieldError(t('form.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onVoided(await sendKeyed(requestKeys, { id: settlement.id, reason: reason.trim() }, (input) => call('settlements.void', input)));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('settle.void.title', { number: settlement.number })}
      size="sm"
      onClose={onCancel}
      footer={
        <>
          <CancelButton onClick={onCancel} />
          <button type="button" className="btn btn-danger" onClick={() => void submit()} disabled={busy} data-testid="void-confirm">
            {t('settle.void.confirm')}
          </button>
        </>
      }
    >
      <p className="st-dialog-text">
        <strong>
          {settlement.supplierName} · {formatRupiah(settlement.amount)}
        </strong>
      </p>
      <p className="st-dialog-text muted">{t('settle.void.body')}</p>
      <Field label={t('settle.void.reason')} error={fieldError} required>
        <textarea
          className="input"
          rows={3}
          maxLength={200}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            setFieldError(null);
          }}
        />
      </Field>
      <ErrorNotice error={error} />
    </Dialog>
  );
}
