import { useState } from 'react';
import { call } from '../../../api';
import { useT } from '../../../i18n';
import { formatNumber, formatRupiah } from '../../../../../shared/money';
import type { PrintJobView } from '../../../../../shared/types';
import { formatIsoDate } from '../../../lib/format';
import { intakeLabelItems, LabelSheetDialog, type LabelItem } from '../labels/label-sheet';
import { HistoryDialog, HistoryList } from '../history-list';
import { PrintStatus, termsText, usePrintJob } from '../ui';
import { useData } from '../../../lib/use-data';

/** Past intakes, newest first, by supplier and date; open one to see its lines, reprint the slip or print labels. */
export function IntakeHistory() {
  const t = useT();
  return (
    <HistoryList
      load={(q) => call('intakes.list', q)}
      numberLabel={t('intake.number')}
      valueLabel={t('intake.totalValue')}
      middleHeads={
        <>
          <th>{t('bo.intake.receivedBy')}</th>
          <th className="num">{t('bo.intake.linesCount')}</th>
        </>
      }
      middle={(r) => (
        <>
          <td>{r.receivedByName}</td>
          <td className="num">{r.lineCount}</td>
        </>
      )}
      emptyText={t('bo.intake.none')}
      detail={(id, onClose) => <IntakeDetailDialog id={id} onClose={onClose} />}
    />
  );
}

export function IntakeDetailDialog({ id, onClose }: { id: number; onClose(): void }) {
  const t = useT();
  const detail = useData(() => call('intakes.get', { id }), [id]);
  const [job, setJob] = useState<PrintJobView | null>(null);
  const live = usePrintJob(job);
  const [error, setError] = useState<unknown>(null);
  const [sheet, setSheet] = useState<LabelItem[] | null>(null);
  const d = detail.data;

  const reprint = async () => {
    setError(null);
    try {
      setJob(await call('intakes.reprint', { id }));
    } catch (err) {
      setError(err);
    }
  };

  return (
    <HistoryDialog
      title={d ? t('bo.intake.detailTitle', { number: d.number }) : t('common.loading')}
      doc={d}
      meta={t('bo.intake.receivedByName', { name: d?.receivedByName ?? '' })}
      error={detail.error ?? error}
      onClose={onClose}
      footer={
        <>
          {live && <PrintStatus job={live} />}
          <button type="button" className="btn btn-secondary" onClick={() => void intakeLabelItems(id).then(setSheet).catch(setError)} disabled={!d}>
            {t('bo.labels.printIntake')}
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void reprint()} disabled={!d}>
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
              <th className="num">{t('intake.qty')}</th>
              <th className="num">{t('bo.product.remaining')}</th>
              <th>{t('intake.expiry')}</th>
              <th>{t('bo.product.lotTerms')}</th>
              <th className="num">{t('intake.value')}</th>
            </tr>
          </thead>
          <tbody>
            {d.lines.map((l) => (
              <tr key={l.lotId}>
                <td className="strong">
                  {l.name}
                  <div className="sub mono">{l.sku}</div>
                </td>
                <td className="num">
                  {formatNumber(l.qty)} {l.unit}
                </td>
                <td className="num">{formatNumber(l.remainingQty)}</td>
                <td>{l.expiryDate ? formatIsoDate(l.expiryDate) : '—'}</td>
                <td className="col-terms">{termsText(l.terms, t)}</td>
                <td className="num">{formatRupiah(l.value)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot className="bo-tfoot">
            <tr>
              <td>{t('bo.total')}</td>
              <td className="num">{formatNumber(d.totalQty)}</td>
              <td colSpan={3} />
              <td className="num">{formatRupiah(d.totalValue)}</td>
            </tr>
          </tfoot>
        </table>
      )}
      {sheet && <LabelSheetDialog items={sheet} onClose={() => setSheet(null)} />}
    </HistoryDialog>
  );
}
