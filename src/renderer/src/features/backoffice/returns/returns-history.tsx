import { useState } from 'react';
import { call } from '../../../api';
import { useT } from '../../../i18n';
import { formatNumber, formatRupiah } from '../../../../../shared/money';
import type { PrintJobView } from '../../../../../shared/types';
import { formatIsoDate } from '../../../lib/format';
import { HistoryDialog, HistoryList } from '../history-list';
import { PrintStatus, REASON_KEY, termsText, usePrintJob } from '../ui';
import { useData } from '../../../lib/use-data';

/** Past returns to suppliers, newest first; open one to see its lines or reprint the slip. */
export function ReturnsHistory() {
  const t = useT();
  return (
    <HistoryList
      load={(q) => call('returns.list', q)}
      numberLabel={t('bo.returns.number')}
      valueLabel={t('intake.value')}
      middleHeads={
        <>
          <th>{t('bo.returns.reason')}</th>
          <th>{t('bo.returns.by')}</th>
        </>
      }
      middle={(r) => (
        <>
          <td>
            <span className={`badge reason-${r.reason}`}>{t(REASON_KEY[r.reason])}</span>
          </td>
          <td>{r.createdByName}</td>
        </>
      )}
      emptyText={t('bo.returns.none')}
      detail={(id, onClose) => <ReturnDetailDialog id={id} onClose={onClose} />}
    />
  );
}

function ReturnDetailDialog({ id, onClose }: { id: number; onClose(): void }) {
  const t = useT();
  const detail = useData(() => call('returns.get', { id }), [id]);
  const [job, setJob] = useState<PrintJobView | null>(null);
  const live = usePrintJob(job);
  const [error, setError] = useState<unknown>(null);
  const d = detail.data;
  return (
    <HistoryDialog
      title={d ? t('bo.returns.detailTitle', { number: d.number }) : t('common.loading')}
      doc={d}
      meta={
        d && (
          <>
            {t(REASON_KEY[d.reason])} · {d.createdByName}
          </>
        )
      }
      error={detail.error ?? error}
      onClose={onClose}
      footer={
        <>
          {live && <PrintStatus job={live} />}
          <button
            type="button"
            className="btn btn-primary"
            disabled={!d}
            onClick={() =>
              void call('returns.reprint', { id })
                .then(setJob)
                .catch(setError)
            }
          >
            {t('bo.reprint')}
          </button>
        </>
      }
    >
      {d && (
        <table className="table">
          <thead>
            <tr>
              <th>{t('product.name')}</th>
              <th>{t('bo.product.lot')}</th>
              <th>{t('intake.expiry')}</th>
              <th>{t('bo.product.lotTerms')}</th>
              <th className="num">{t('intake.qty')}</th>
              <th className="num">{t('intake.value')}</th>
            </tr>
          </thead>
          <tbody>
            {d.lines.map((l, i) => (
              <tr key={`${l.lotId}-${i}`}>
                <td className="strong">
                  {l.name}
                  <div className="sub mono">{l.sku}</div>
                </td>
                <td className="mono">{l.intakeNumber ?? t('bo.lotNumber', { id: l.lotId })}</td>
                <td>{l.expiryDate ? formatIsoDate(l.expiryDate) : '—'}</td>
                <td className="col-terms">{termsText(l.terms, t)}</td>
                <td className="num">
                  {formatNumber(l.qty)} {l.unit}
                </td>
                <td className="num">{formatRupiah(l.value)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot className="bo-tfoot">
            <tr>
              <td colSpan={4}>{t('bo.total')}</td>
              <td className="num">{formatNumber(d.totalQty)}</td>
              <td className="num">{formatRupiah(d.totalValue)}</td>
            </tr>
          </tfoot>
        </table>
      )}
    </HistoryDialog>
  );
}
