import { useState } from 'react';
import { call } from '../../../api';
import { useT } from '../../../i18n';
import { formatNumber, formatRupiah } from '../../../../../shared/money';
import type { PrintJobView } from '../../../../../shared/types';
import { Dialog } from '../../../components/dialog';
import { ErrorNotice } from '../../../components/error-notice';
import { formatIsoDate } from '../../../lib/format';
import { intakeLabelItems, LabelSheetDialog, type LabelItem } from '../labels/label-sheet';
import { PrintStatus, termsText, useDateTime, useLoad, usePrintJob } from '../ui';
import { useSuppliers } from '../use-suppliers';

/** Past intakes, newest first, by supplier and date; open one to see its lines, reprint the slip or print labels. */
export function IntakeHistory() {
  const t = useT();
  const dt = useDateTime();
  const { suppliers } = useSuppliers();
  const [supplierId, setSupplierId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [open, setOpen] = useState<number | null>(null);
  const list = useLoad(
    () =>
      call('intakes.list', {
        ...(supplierId ? { supplierId: Number(supplierId) } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        limit: 200,
      }),
    [supplierId, from, to],
  );
  const rows = list.data ?? [];

  return (
    <section className="card bo-list bo-list-full">
      <div className="bo-toolbar">
        <div className="bo-filters">
          <select className="input bo-filter-select" aria-label={t('intake.supplier')} value={supplierId} onChange={(e) => setSupplierId(e.target.value)}>
            <option value="">{t('bo.product.allSuppliers')}</option>
            {suppliers.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <label className="bo-date">
            {t('bo.from')}
            <input className="input input-date" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label className="bo-date">
            {t('bo.to')}
            <input className="input input-date" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
        </div>
        <span className="muted">{t('common.count', { n: rows.length })}</span>
      </div>
      <ErrorNotice error={list.error} />
      <div className="table-wrap">
        <table className="table table-click">
          <thead>
            <tr>
              <th>{t('intake.number')}</th>
              <th>{t('bo.when')}</th>
              <th>{t('intake.supplier')}</th>
              <th>{t('bo.intake.receivedBy')}</th>
              <th className="num">{t('bo.intake.linesCount')}</th>
              <th className="num">{t('bo.intake.unitsCount')}</th>
              <th className="num">{t('intake.totalValue')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} tabIndex={0} onClick={() => setOpen(r.id)} onKeyDown={(e) => e.key === 'Enter' && setOpen(r.id)}>
                <td className="mono strong">{r.number}</td>
                <td>{dt(r.createdAt)}</td>
                <td>
                  {r.supplierName}
                  <div className="sub mono">{r.supplierCode}</div>
                </td>
                <td>{r.receivedByName}</td>
                <td className="num">{r.lineCount}</td>
                <td className="num">{formatNumber(r.totalQty)}</td>
                <td className="num strong">{formatRupiah(r.totalValue)}</td>
              </tr>
            ))}
            {!list.loading && rows.length === 0 && (
              <tr>
                <td colSpan={7} className="empty-cell">
                  {t('bo.intake.none')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {open !== null && <IntakeDetailDialog id={open} onClose={() => setOpen(null)} />}
    </section>
  );
}

export function IntakeDetailDialog({ id, onClose }: { id: number; onClose(): void }) {
  const t = useT();
  const dt = useDateTime();
  const detail = useLoad(() => call('intakes.get', { id }), [id]);
  const [job, setJob] = useState<PrintJobView | null>(null);
  const live = usePrintJob(job);
  const [labelsJob, setLabelsJob] = useState<PrintJobView | null>(null);
  const liveLabels = usePrintJob(labelsJob);
  const [error, setError] = useState<unknown>(null);
  const [sheet, setSheet] = useState<LabelItem[] | null>(null);
  const d = detail.data;

  const run = async (what: 'reprint' | 'labels') => {
    setError(null);
    try {
      if (what === 'reprint') setJob(await call('intakes.reprint', { id }));
      else setLabelsJob((await call('labels.print', { intakeId: id })).printJob);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <Dialog
      title={d ? t('bo.intake.detailTitle', { number: d.number }) : t('common.loading')}
      size="lg"
      onClose={onClose}
      footer={
        <>
          {live && <PrintStatus job={live} />}
          {liveLabels && <PrintStatus job={liveLabels} />}
          <button type="button" className="btn btn-secondary" onClick={() => void intakeLabelItems(id).then(setSheet).catch(setError)} disabled={!d}>
            {t('bo.labels.sheetButton')}
          </button>
          <button type="button" className="btn btn-secondary" onClick={() => void run('labels')} disabled={!d}>
            {t('bo.labels.printIntake')}
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void run('reprint')} disabled={!d}>
            {t('bo.reprint')}
          </button>
        </>
      }
    >
      <ErrorNotice error={detail.error ?? error} />
      {d && (
        <>
          <p className="bo-dialog-lead">
            <strong>
              {d.supplierName} <span className="mono muted">{d.supplierCode}</span>
            </strong>
            <span className="muted">
              {dt(d.createdAt)} · {t('bo.intake.receivedByName', { name: d.receivedByName })}
              {d.note ? ` · ${d.note}` : ''}
            </span>
          </p>
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
        </>
      )}
      {sheet && <LabelSheetDialog items={sheet} onClose={() => setSheet(null)} />}
    </Dialog>
  );
}
