/** "Laporan konsinyasi": what is owed to each supplier and for how long, and payouts per month. */
import { useState } from 'react';
import { format, parseISO } from 'date-fns';
import { call } from '../../api';
import { useLang, useT, type MessageKey } from '../../i18n';
import { useSession } from '../../app/session';
import { formatRupiah } from '../../../../shared/money';
import type { AgingBucket } from '../../../../shared/types-reports';
import { ErrorNotice } from '../../components/error-notice';
import { dateLocale, formatIsoDate, todayIn } from '../../lib/format';
import { DataTable, ExportButtons, Loading, Panel } from './components';
import { StackedHBars } from './charts';
import { useData } from '../../lib/use-data';
import { DateField } from '../../components/date-field';

export const BUCKETS: { key: AgingBucket; label: MessageKey; color: string }[] = [
  { key: 'd0_30', label: 'rep.bucket.d0_30', color: '#7fb8ad' },
  { key: 'd31_60', label: 'rep.bucket.d31_60', color: '#0c6b5d' },
  { key: 'd61_90', label: 'rep.bucket.d61_90', color: '#e0892a' },
  { key: 'd90plus', label: 'rep.bucket.d90plus', color: '#c0352a' },
];

export function ConsignmentScreen() {
  const t = useT();
  const { lang } = useLang();
  const { shop } = useSession();
  const today = todayIn(shop.timeZone);
  const [asOf, setAsOf] = useState(today);
  const [year, setYear] = useState(() => Number(today.slice(0, 4)));
  const aging = useData(() => call('reports.consignmentAging', { asOf }), [asOf]);
  const payouts = useData(() => call('reports.payoutsByMonth', { year }), [year]);
  const a = aging.data;
  const p = payouts.data;
  const chartRows = (a?.rows ?? [])
    .filter((r) => r.balance > 0)
    .slice(0, 12)
    .map((r) => ({ label: r.supplierName, ...r.amounts }));

  return (
    <div className="rp-page">
      <Panel
        title={t('rep.cons.aging')}
        actions={
          <>
            <label className="rp-date rp-date-inline">
              <span>{t('rep.cons.asOf')}</span>
              <DateField value={asOf} max={today} onChange={(iso) => iso && setAsOf(iso)} testId="aging-as-of" />
            </label>
            <ExportButtons request={{ report: 'consignmentAging', params: { asOf } }} label={t('rep.cons.aging')} />
          </>
        }
        testId="aging"
      >
        <ErrorNotice error={aging.error} />
        {!a && !aging.error && <Loading />}
        {a && (
          <>
            <dl className="rp-buckets">
              {BUCKETS.map((b) => (
                <div key={b.key} style={{ borderTopColor: b.color }}>
                  <dt>{t(b.label)}</dt>
                  <dd>{formatRupiah(a.totals.amounts[b.key])}</dd>
                </div>
              ))}
              <div className="rp-buckets-total">
                <dt>{t('rep.col.balance')}</dt>
                <dd>{formatRupiah(a.totals.balance)}</dd>
              </div>
            </dl>
            {chartRows.length > 0 && (
              <div className="rp-chart-wrap">
                <StackedHBars data={chartRows} series={BUCKETS.map((b) => ({ key: b.key, name: t(b.label), color: b.color }))} testId="aging-chart" ariaLabel={t('rep.cons.byBucket')} />
              </div>
            )}
            <DataTable
              testId="aging-table"
              rows={a.rows}
              rowKey={(r) => r.supplierId}
              empty={t('rep.cons.noAging')}
              columns={[
                { key: 'code', label: t('rep.col.code'), value: (r) => r.supplierCode, className: 'mono' },
                {
                  key: 'supplier',
                  label: t('rep.col.supplier'),
                  value: (r) => (
                    <>
                      <span className="strong">{r.supplierName}</span>
                      <div className="sub">{r.district ?? t('rep.noDistrict')}</div>
                    </>
                  ),
                },
                { key: 'oldest', label: t('rep.col.oldest'), value: (r) => `${formatIsoDate(r.oldestEntryDate)} · ${t('rep.days', { n: r.ageDays })}` },
                ...BUCKETS.map((b) => ({ key: b.key, label: t(b.label), kind: 'rupiah' as const, value: (r: (typeof a.rows)[number]) => r.amounts[b.key], total: a.totals.amounts[b.key] })),
                { key: 'balance', label: t('rep.col.balance'), kind: 'rupiah', value: (r) => <strong>{formatRupiah(r.balance)}</strong>, total: a.totals.balance },
              ]}
            />
          </>
        )}
      </Panel>

      <Panel
        title={t('rep.cons.payouts')}
        actions={
          <>
            <label className="rp-date rp-date-inline">
              <span>{t('rep.cons.year')}</span>
              <select className="input" value={year} onChange={(e) => setYear(Number(e.target.value))}>
                {Array.from({ length: 5 }, (_, i) => Number(today.slice(0, 4)) - i).map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </label>
            <ExportButtons request={{ report: 'payoutsByMonth', params: { year } }} label={t('rep.cons.payouts')} />
          </>
        }
        testId="payouts"
      >
        <ErrorNotice error={payouts.error} />
        {!p && !payouts.error && <Loading />}
        {p && (
          <DataTable
            testId="payouts-table"
            rows={p.months}
            rowKey={(r) => r.month}
            columns={[
              { key: 'month', label: t('rep.col.month'), value: (r) => <span className="strong">{format(parseISO(`${r.month}-01`), 'MMMM yyyy', { locale: dateLocale(lang) })}</span> },
              { key: 'settlements', label: t('rep.col.settlements'), kind: 'int', value: (r) => r.settlements, total: p.totals.settlements },
              { key: 'suppliers', label: t('rep.col.suppliers'), kind: 'int', value: (r) => r.suppliers },
              { key: 'paid', label: t('rep.col.paid'), kind: 'rupiah', value: (r) => r.paid, total: p.totals.paid },
              { key: 'voided', label: t('rep.col.voided'), kind: 'rupiah', value: (r) => r.voided, total: p.totals.voided },
              { key: 'net', label: t('rep.col.net'), kind: 'rupiah', value: (r) => r.net, total: p.totals.net },
            ]}
          />
        )}
      </Panel>
    </div>
  );
}
