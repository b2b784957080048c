/** "Laporan penjualan": any date range, by supplier, product, category, district, cashier and hour of day. */
import { useState } from 'react';
import { call } from '../../api';
import { useT, type MessageKey, type Translate } from '../../i18n';
import { useSession } from '../../app/session';
import { formatNumber } from '../../../../shared/money';
import type { SalesFigures, SalesReport } from '../../../../shared/types-reports';
import { ErrorNotice } from '../../components/error-notice';
import { formatIsoDate } from '../../lib/format';
import { DataTable, ExportButtons, Loading, Panel, RangePicker, type Column, type ExportRequest } from './components';
import { RupiahBars, RupiahHBars } from './charts';
import { hourLabel, presetRange, type DateRange, type Preset } from './logic';
import { useData } from '../../lib/use-data';

type Tab = 'supplier' | 'product' | 'category' | 'district' | 'cashier' | 'hour';
const TABS: { tab: Tab; label: MessageKey }[] = [
  { tab: 'supplier', label: 'rep.sales.bySupplier' },
  { tab: 'product', label: 'rep.sales.byProduct' },
  { tab: 'category', label: 'rep.sales.byCategory' },
  { tab: 'district', label: 'rep.sales.byDistrict' },
  { tab: 'cashier', label: 'rep.sales.byCashier' },
  { tab: 'hour', label: 'rep.sales.byHour' },
];

/** The money columns every sales table ends with. */
export function figureColumns<R extends SalesFigures>(t: Translate, totals: SalesFigures, rows: R[]): Column<R>[] {
  const max = Math.max(0, ...rows.map((r) => r.gross));
  return [
    { key: 'units', label: t('rep.col.units'), kind: 'int', value: (r) => r.units, total: totals.units },
    { key: 'gross', label: t('rep.col.gross'), kind: 'rupiah', value: (r) => r.gross, total: totals.gross, barMax: max },
    { key: 'supplierShare', label: t('rep.col.supplierShare'), kind: 'rupiah', value: (r) => r.supplierShare, total: totals.supplierShare },
    { key: 'shopShare', label: t('rep.col.shopShare'), kind: 'rupiah', value: (r) => r.shopShare, total: totals.shopShare },
    { key: 'transactions', label: t('rep.col.transactions'), kind: 'int', value: (r) => r.transactions, total: totals.transactions },
    { key: 'refunds', label: t('rep.col.refunds'), kind: 'rupiah', value: (r) => r.refunds, total: totals.refunds },
  ];
}

function loadTab(tab: Tab, range: DateRange): Promise<SalesReport<object>> {
  switch (tab) {
    case 'supplier':
      return call('reports.salesBySupplier', range);
    case 'product':
      return call('reports.salesByProduct', range);
    case 'category':
      return call('reports.salesByCategory', range);
    case 'district':
      return call('reports.salesByDistrict', range);
    case 'cashier':
      return call('reports.salesByCashier', range);
    case 'hour':
      return call('reports.salesByHour', range);
  }
}

const EXPORT_NAME = {
  supplier: 'salesBySupplier',
  product: 'salesByProduct',
  category: 'salesByCategory',
  district: 'salesByDistrict',
  cashier: 'salesByCashier',
  hour: 'salesByHour',
} as const;

export function SalesScreen() {
  const t = useT();
  const { shop } = useSession();
  const [preset, setPreset] = useState<Preset>('thisMonth');
  const [range, setRange] = useState<DateRange>(() => presetRange('thisMonth', shop.timeZone));
  const [tab, setTab] = useState<Tab>('supplier');
  const { data, fresh, error, loading } = useData(() => loadTab(tab, range), [tab, range.from, range.to]);
  const request = { report: EXPORT_NAME[tab], params: range } as ExportRequest;
  const shown = fresh ? data : null;

  return (
    <div className="rp-page">
      <div className="rp-toolbar">
        <RangePicker
          range={range}
          preset={preset}
          onChange={(r, p) => {
            setRange(r);
            setPreset(p);
          }}
        />
        <span className="rp-range-label" data-testid="range-label">
          {formatIsoDate(range.from)}
          {range.to !== range.from && ` – ${formatIsoDate(range.to)}`}
        </span>
      </div>
      <div className="rp-tabs" role="tablist" aria-label={t('rep.sales.tabs')}>
        {TABS.map((x) => (
          <button key={x.tab} type="button" role="tab" aria-selected={tab === x.tab} className={`rp-tab ${tab === x.tab ? 'active' : ''}`} onClick={() => setTab(x.tab)}>
            {t(x.label)}
          </button>
        ))}
      </div>
      <ErrorNotice error={error} />
      {!shown && !error && <Loading />}
      {shown && (
        <SalesTab
          key={tab}
          tab={tab}
          report={shown}
          loading={loading}
          title={t(TABS.find((x) => x.tab === tab)!.label)}
          exportButtons={<ExportButtons request={request} label={t(TABS.find((x) => x.tab === tab)!.label)} />}
        />
      )}
    </div>
  );
}

interface Keys {
  supplierId: number | null;
  supplierCode: string | null;
  supplierName: string | null;
  district: string | null;
  productId: number;
  sku: string;
  name: string;
  category: string | null;
  suppliers: number;
  cashierId: number;
  cashierName: string;
  hour: number;
}
type AnyRow = Partial<Keys> & SalesFigures;

function SalesTab({ tab, report, title, exportButtons, loading }: { tab: Tab; report: SalesReport<object>; title: string; exportButtons: React.ReactNode; loading: boolean }) {
  const t = useT();
  const rows = report.rows as AnyRow[];
  const figures = figureColumns<AnyRow>(t, report.totals, rows);
  let keys: Column<AnyRow>[] = [];
  switch (tab) {
    case 'supplier':
      keys = [
        { key: 'code', label: t('rep.col.code'), value: (r) => r.supplierCode ?? t('rep.noneShort'), className: 'mono' },
        { key: 'supplier', label: t('rep.col.supplier'), value: (r) => <span className="strong">{r.supplierName ?? t('rep.shopOwned')}</span> },
        { key: 'district', label: t('rep.col.district'), value: (r) => r.district ?? t('rep.noDistrict') },
      ];
      break;
    case 'product':
      keys = [
        { key: 'sku', label: t('rep.col.sku'), value: (r) => r.sku, className: 'mono' },
        {
          key: 'product',
          label: t('rep.col.product'),
          value: (r) => (
            <>
              <span className="strong">{r.name}</span>
              <div className="sub">{r.supplierName ?? t('rep.shopOwned')}</div>
            </>
          ),
        },
        { key: 'category', label: t('rep.col.category'), value: (r) => r.category ?? t('rep.noCategory') },
      ];
      break;
    case 'category':
      keys = [{ key: 'category', label: t('rep.col.category'), value: (r) => <span className="strong">{r.category ?? t('rep.noCategory')}</span> }];
      break;
    case 'district':
      keys = [
        { key: 'district', label: t('rep.col.district'), value: (r) => <span className="strong">{r.district ?? t('rep.noDistrict')}</span> },
        { key: 'suppliers', label: t('rep.col.suppliers'), kind: 'int', value: (r) => r.suppliers ?? 0 },
      ];
      break;
    case 'cashier':
      keys = [{ key: 'cashier', label: t('rep.col.cashier'), value: (r) => <span className="strong">{r.cashierName}</span> }];
      break;
    case 'hour':
      keys = [{ key: 'hour', label: t('rep.col.hour'), value: (r) => <span className="mono">{hourLabel(r.hour ?? 0)}</span> }];
      break;
  }

  const tableRows = tab === 'hour' ? rows.filter((r) => r.units !== 0 || r.transactions !== 0 || r.gross !== 0) : rows;
  const chart =
    tab === 'district' ? (
      <RupiahHBars
        data={rows.map((r) => ({ label: r.district ?? t('rep.noDistrict'), value: r.gross }))}
        seriesName={t('rep.col.gross')}
        testId="district-chart"
        ariaLabel={title}
      />
    ) : tab === 'hour' ? (
      <RupiahBars
        data={rows.map((r) => ({ label: String(r.hour ?? 0).padStart(2, '0'), title: hourLabel(r.hour ?? 0), value: r.gross }))}
        seriesName={t('rep.col.gross')}
        testId="hour-chart"
        ariaLabel={title}
        minTickGap={0}
      />
    ) : null;

  return (
    <Panel
      title={
        <>
          {title} <span className="rp-panel-sub">{t('rep.sales.summary', { n: formatNumber(report.totals.transactions), units: formatNumber(report.totals.units) })}</span>
        </>
      }
      actions={exportButtons}
      className={`rp-grow ${loading ? 'rp-stale' : ''}`}
      testId={`sales-${tab}`}
    >
      {chart && rows.length > 0 && <div className="rp-chart-wrap">{chart}</div>}
      <DataTable testId={`sales-${tab}-table`} rowTestId="sales-row" rows={tableRows} rowKey={(_, i) => i} columns={[...keys, ...figures]} />
    </Panel>
  );
}
