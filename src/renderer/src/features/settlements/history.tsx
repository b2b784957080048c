import { useState } from 'react';
import { call } from '../../api';
import { useLang, useT } from '../../i18n';
import { formatRupiah } from '../../../../shared/money';
import { useSession } from '../../app/session';
import { ErrorNotice } from '../../components/error-notice';
import { formatDateTime } from '../../lib/format';
import { formatPeriod, liveTotal } from './logic';
import { METHOD_LABEL, SettlementDetailDialog, StatusBadge } from './settlement-dialogs';
import { DateField } from '../../components/date-field';
import './settlements.css';
import { useData } from '../../lib/use-data';

/** Settlements newest first, for one supplier or all; click one for the detail. */
export function SettlementHistory({ supplierId, reloadKey = 0 }: { supplierId?: number; reloadKey?: number }) {
  const t = useT();
  const { lang } = useLang();
  const { shop } = useSession();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [open, setOpen] = useState<number | null>(null);

  const list = useData(
    () =>
      call('settlements.list', {
        ...(supplierId ? { supplierId } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
      }),
    [supplierId, from, to, reloadKey],
  );
  const { data: rows, error } = list;

  const all = !supplierId;
  const cols = all ? 7 : 6;
  return (
    <section className={`card bo-list st-history ${all ? '' : 'st-history-embedded'}`} data-testid="settlement-history">
      <div className="bo-toolbar">
        <div className="st-filters">
          <label className="field field-inline">
            <span className="label">{t('settle.history.from')}</span>
            <DateField value={from} max={to || undefined} onChange={setFrom} testId="history-from" />
          </label>
          <label className="field field-inline">
            <span className="label">{t('settle.history.to')}</span>
            <DateField value={to} min={from || undefined} onChange={setTo} testId="history-to" />
          </label>
        </div>
        <span className="muted">{rows ? t('common.count', { n: rows.length }) : ''}</span>
      </div>
      <ErrorNotice error={error} />
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>{t('settle.history.number')}</th>
              <th>{t('settle.history.when')}</th>
              {all && <th>{t('settle.history.supplier')}</th>}
              <th>{t('settle.history.period')}</th>
              <th>{t('settle.history.method')}</th>
              <th className="num">{t('settle.history.amount')}</th>
              <th>{t('settle.history.status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows?.map((s) => (
              <tr key={s.id} className={`st-click ${s.status === 'voided' ? 'st-voided' : ''}`} onClick={() => setOpen(s.id)} data-testid="history-row">
                <td>
                  <button type="button" className="link-btn mono" onClick={() => setOpen(s.id)}>
                    {s.number}
                  </button>
                </td>
                <td>{formatDateTime(s.createdAt, shop.timeZone, lang)}</td>
                {all && (
                  <td>
                    <div className="strong">{s.supplierName}</div>
                    <div className="sub mono">{s.supplierCode}</div>
                  </td>
                )}
                <td>{formatPeriod(s.periodFrom, s.cutoff, lang)}</td>
                <td>
                  {t(METHOD_LABEL[s.method])}
                  {s.reference && <div className="sub">{s.reference}</div>}
                </td>
                <td className="num strong">{formatRupiah(s.amount)}</td>
                <td>
                  <StatusBadge status={s.status} />
                </td>
              </tr>
            ))}
            {rows && rows.length === 0 && (
              <tr>
                <td colSpan={cols} className="empty-cell">
                  {t('settle.history.none')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {rows && rows.length > 0 && (
        <div className="st-foot">
          <span>{t('settle.history.total')}</span>
          <strong>{formatRupiah(liveTotal(rows))}</strong>
        </div>
      )}
      {open !== null && <SettlementDetailDialog id={open} onClose={() => setOpen(null)} onChanged={() => void list.reload()} />}
    </section>
  );
}

/** "Riwayat pembayaran": every settlement, all suppliers. */
export function HistoryScreen() {
  return (
    <div className="st-page">
      <SettlementHistory />
    </div>
  );
}
