/** "Dasbor": the manager's first look at the shop — today, this month, the last 30 days, who sells, who is owed. */
import { format, parseISO } from 'date-fns';
import { call } from '../../api';
import { useLang, useT, type MessageKey } from '../../i18n';
import { formatNumber, formatRupiah } from '../../../../shared/money';
import { PAYMENT_METHODS, type PaymentMethod } from '../../../../shared/printer';
import type { PeriodSummary } from '../../../../shared/types-reports';
import { ROUTES } from '../../app/routes';
import { ErrorNotice } from '../../components/error-notice';
import { dateLocale } from '../../lib/format';
import { DataTable, Loading, Panel } from './components';
import { barPercent } from './logic';
import { RupiahBars } from './charts';
import { useData } from '../../lib/use-data';
import { METHOD_LABEL } from '../till/payment-dialog';

// The payment methods' names are the till's (one list).
export { METHOD_LABEL };

function PeriodCard({ title, when, period, testId }: { title: string; when: string; period: PeriodSummary; testId: string }) {
  const t = useT();
  // Every method, in the till's order, so the card reads the same every day.
  const methods = [
    ...PAYMENT_METHODS.map((method) => ({ method, amount: period.byMethod.find((m) => m.method === method)?.amount ?? 0 })),
    ...period.byMethod.filter((m) => !PAYMENT_METHODS.includes(m.method)),
  ];
  const max = Math.max(0, ...methods.map((m) => m.amount));
  return (
    <section className="card rp-kpi" data-testid={testId}>
      <h2 className="rp-kpi-title">
        {title} <span className="rp-kpi-when">{when}</span>
      </h2>
      <dl className="rp-kpi-grid">
        <div className="rp-kpi-main">
          <dt>{t('rep.dash.sales')}</dt>
          <dd data-testid={`${testId}-sales`}>{formatRupiah(period.sales)}</dd>
        </div>
        <div>
          <dt>{t('rep.dash.transactions')}</dt>
          <dd data-testid={`${testId}-transactions`}>{formatNumber(period.transactions)}</dd>
        </div>
        <div>
          <dt>{t('rep.dash.basket')}</dt>
          <dd data-testid={`${testId}-basket`}>{formatRupiah(period.averageBasket)}</dd>
        </div>
      </dl>
      <div className="rp-methods" aria-label={t('rep.dash.byMethod')}>
        {methods.map((m) => (
          <div key={m.method} className={`rp-method ${m.amount === 0 ? 'rp-method-zero' : ''}`} data-testid={`${testId}-method-${m.method}`}>
            <span className="rp-method-name">{t(METHOD_LABEL[m.method])}</span>
            <span className="rp-method-bar" aria-hidden="true">
              <span style={{ width: `${barPercent(m.amount, max)}%` }} />
            </span>
            <span className="rp-method-amount">{formatRupiah(m.amount)}</span>
          </div>
        ))}
      </div>
    </section>
  );
}

export function DashboardScreen() {
  const t = useT();
  const { lang } = useLang();
  const { data, error, loading } = useData(() => call('reports.dashboard', {}), []);

  if (!data) return error ? <ErrorNotice error={error} /> : <Loading />;

  const daily = data.daily.map((d) => ({
    label: format(parseISO(d.date), 'd MMM', { locale: dateLocale(lang) }),
    title: `${format(parseISO(d.date), 'EEEE, d MMMM yyyy', { locale: dateLocale(lang) })} · ${t('rep.chart.txCount', { n: d.transactions })}`,
    value: d.sales,
  }));
  const maxProduct = Math.max(0, ...data.topProducts.map((p) => p.gross));
  const maxSupplier = Math.max(0, ...data.topSuppliers.map((p) => p.gross));

  return (
    <div className="rp-page rp-dash" aria-busy={loading}>
      <ErrorNotice error={error} />
      <div className="rp-dash-top">
        <PeriodCard
          title={t('rep.dash.today')}
          when={format(parseISO(data.today.from), 'EEEE, d MMMM yyyy', { locale: dateLocale(lang) })}
          period={data.today}
          testId="kpi-today"
        />
        <PeriodCard
          title={t('rep.dash.month')}
          when={format(parseISO(data.month.from), 'MMMM yyyy', { locale: dateLocale(lang) })}
          period={data.month}
          testId="kpi-month"
        />
        <div className="rp-dash-side">
          <a className="card rp-mini rp-mini-owed" href={ROUTES.balances} data-testid="kpi-owed">
            <span className="rp-mini-label">{t('rep.dash.owed')}</span>
            <strong className="rp-mini-value">{formatRupiah(data.totalOwed)}</strong>
            <span className="muted">{t('rep.dash.owedHint', { n: data.suppliersOwed })}</span>
          </a>
          <a className={`card rp-mini ${data.nearExpiryCount > 0 ? 'rp-mini-warn' : ''}`} href={ROUTES.stockReport} data-testid="kpi-expiry">
            <span className="rp-mini-label">{t('rep.dash.nearExpiry')}</span>
            <strong className="rp-mini-value">{formatNumber(data.nearExpiryCount)}</strong>
            <span className="muted">{t('rep.dash.nearExpiryHint')}</span>
          </a>
        </div>
      </div>

      <Panel title={t('rep.dash.daily')} actions={<a href={ROUTES.salesReport}>{t('rep.dash.openSales')}</a>}>
        <RupiahBars data={daily} height={230} seriesName={t('rep.chart.sales')} testId="daily-chart" ariaLabel={t('rep.dash.daily')} minTickGap={12} />
      </Panel>

      <div className="rp-two">
        <Panel title={t('rep.dash.topProducts')}>
          <DataTable
            testId="top-products"
            rows={data.topProducts}
            rowKey={(r) => r.productId}
            empty={t('rep.dash.noSales')}
            columns={[
              { key: 'name', label: t('rep.col.product'), value: (r) => <span className="rp-name" title={r.name}>{r.name}</span> },
              { key: 'units', label: t('rep.col.units'), kind: 'int', value: (r) => r.units },
              { key: 'gross', label: t('rep.col.gross'), kind: 'rupiah', value: (r) => r.gross, barMax: maxProduct },
            ]}
          />
        </Panel>
        <Panel title={t('rep.dash.topSuppliers')}>
          <DataTable
            testId="top-suppliers"
            rows={data.topSuppliers}
            rowKey={(r, i) => r.supplierId ?? `shop-${i}`}
            empty={t('rep.dash.noSales')}
            columns={[
              {
                key: 'name',
                label: t('rep.col.supplier'),
                value: (r) => (
                  <span className="rp-name" title={r.supplierName ?? t('rep.shopOwned')}>
                    {r.supplierName ?? t('rep.shopOwned')}
                    <span className="sub">{r.district ?? t('rep.noDistrict')}</span>
                  </span>
                ),
              },
              { key: 'units', label: t('rep.col.units'), kind: 'int', value: (r) => r.units },
              { key: 'gross', label: t('rep.col.gross'), kind: 'rupiah', value: (r) => r.gross, barMax: maxSupplier },
            ]}
          />
        </Panel>
      </div>
    </div>
  );
}
