/** Small pieces the back-office screens share. */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { call } from '../../api';
import { useLang, useT, type MessageKey, type Translate } from '../../i18n';
import { formatRupiah } from '../../../../shared/money';
import type { PrintJobView, Terms } from '../../../../shared/types';
import type { MovementKind, ReturnReason } from '../../../../shared/types-backoffice';
import { useSession } from '../../app/session';
import { bpsToPercent } from '../../lib/form';
import { formatDateTime, formatIsoDate } from '../../lib/format';
import { expiryTone } from './logic';

export function termsText(terms: Terms, t: Translate): string {
  return terms.type === 'fixed'
    ? t('product.termsFixedShort', { price: formatRupiah(terms.supplierPrice) })
    : t('product.termsCommissionShort', { pct: bpsToPercent(terms.commissionBps) });
}

export const REASON_KEY: Record<ReturnReason, MessageKey> = {
  unsold: 'bo.reason.unsold',
  expired: 'bo.reason.expired',
  damaged: 'bo.reason.damaged',
  other: 'bo.reason.other',
};

export const MOVEMENT_KEY: Record<MovementKind, MessageKey> = {
  intake: 'bo.move.intake',
  sale: 'bo.move.sale',
  refund: 'bo.move.refund',
  return: 'bo.move.return',
  adjustment: 'bo.move.adjustment',
};

export function ActiveBadge({ active }: { active: boolean }) {
  const t = useT();
  return <span className={`badge ${active ? 'badge-printed' : 'badge-muted'}`}>{active ? t('users.active') : t('users.inactive')}</span>;
}

/** "Tercetak" / "Gagal dicetak" / "Tanpa printer" for a print job, with its id for the test. */
export function PrintStatus({ job }: { job: PrintJobView | null | undefined }) {
  const t = useT();
  if (!job) return <span className="badge">{t('done.printNone')}</span>;
  const key: Record<PrintJobView['status'], MessageKey> = {
    pending: 'bo.print.pending',
    printed: 'bo.print.printed',
    failed: 'bo.print.failed',
    skipped: 'bo.print.skipped',
  };
  return (
    <span className={`badge badge-${job.status}`} data-testid="print-status" data-status={job.status}>
      {t(key[job.status])}
      {job.status === 'failed' && job.lastError ? ` — ${job.lastError}` : ''}
    </span>
  );
}

/** Follows a print job until it leaves `pending` (the queue prints after the commit). */
export function usePrintJob(initial: PrintJobView | null | undefined): PrintJobView | null {
  const [job, setJob] = useState<PrintJobView | null>(initial ?? null);
  useEffect(() => setJob(initial ?? null), [initial]);
  useEffect(() => {
    if (!job || job.status !== 'pending') return;
    let alive = true;
    const timer = setTimeout(async () => {
      try {
        const jobs = await call('printing.jobs', { limit: 50 });
        const found = jobs.find((j) => j.id === job.id);
        if (alive && found) setJob({ ...found });
        else if (alive) setJob({ ...job });
      } catch {
        /* keep showing pending */
      }
    }, 700);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [job]);
  return job;
}

export function ExpiryCell({ date, days }: { date: string | null; days: number | null }) {
  const t = useT();
  if (!date) return <span className="muted">—</span>;
  const tone = expiryTone(days);
  return (
    <span className={`bo-expiry bo-expiry-${tone}`}>
      {formatIsoDate(date)}
      {days !== null && (
        <span className="bo-expiry-days">
          {days < 0 ? t('bo.expiry.expiredAgo', { n: -days }) : days === 0 ? t('bo.expiry.today') : t('bo.expiry.inDays', { n: days })}
        </span>
      )}
    </span>
  );
}

/** Date-time in the shop's zone and the chosen language. */
export function useDateTime(): (ms: number) => string {
  const { shop } = useSession();
  const { lang } = useLang();
  return useCallback((ms: number) => formatDateTime(ms, shop.timeZone, lang), [shop.timeZone, lang]);
}

export function BackButton({ onClick, children }: { onClick(): void; children: ReactNode }) {
  return (
    <button type="button" className="btn btn-ghost btn-sm bo-back" onClick={onClick}>
      ← {children}
    </button>
  );
}

/** A labelled figure for the stat rows on the supplier and product pages. */
export function Stat({ label, value, sub, tone, testId }: { label: string; value: ReactNode; sub?: ReactNode; tone?: 'owed' | 'danger'; testId?: string }) {
  return (
    <div className={`bo-stat ${tone ? `bo-stat-${tone}` : ''}`}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
      {sub && <span className="bo-stat-sub">{sub}</span>}
    </div>
  );
}
