/** "Laporan stok": on hand by supplier (qty, value at terms and at sell price), slow movers, low stock. */
import { useState } from 'react';
import { call } from '../../api';
import { useLang, useT } from '../../i18n';
import { useSession } from '../../app/session';
import { ErrorNotice } from '../../components/error-notice';
import { formatDateTime, formatIsoDate } from '../../lib/format';
import { DataTable, ExportButtons, Loading, Panel } from './components';
import { useData, type Data } from '../../lib/use-data';

/** A list's error, or the spinner until its first answer. */
function LoadState({ of }: { of: Data<unknown> }) {
  return (
    <>
      <ErrorNotice error={of.error} />
      {!of.data && !of.error && <Loading />}
    </>
  );
}

/** The product column of the stock lists: name, then SKU and supplier (and what `more` adds). */
function ProductCell({ row, more = '' }: { row: { name: string; sku: string; supplierName: string | null }; more?: string }) {
  const t = useT();
  return (
    <>
      <span className="strong">{row.name}</span>
      <div className="sub">
        {row.sku} · {row.supplierName ?? t('rep.shopOwned')}
        {more}
      </div>
    </>
  );
}

export function StockScreen() {
  const t = useT();
  const { lang } = useLang();
  const { shop } = useSession();
  const stock = useData(() => call('reports.stock', {}), []);
  const low = useData(() => call('reports.lowStock', {}), []);
  const [days, setDays] = useState(60);
  const [draftDays, setDraftDays] = useState('60');
  const slow = useData(() => call('reports.slowMovers', { days }), [days]);
  const s = stock.data;
  const maxQty = Math.max(0, ...(s?.rows ?? []).map((r) => r.valueAtSell));

  return (
    <div className="rp-page">
      <Panel title={t('rep.stock.bySupplier')} actions={<ExportButtons request={{ report: 'stock', params: {} }} label={t('rep.stock.bySupplier')} />} testId="stock-by-supplier">
        <LoadState of={stock} />
        {s && (
          <DataTable
            testId="stock-table"
            rows={s.rows}
            rowKey={(r, i) => r.supplierId ?? `shop-${i}`}
            columns={[
              { key: 'code', label: t('rep.col.code'), value: (r) => r.supplierCode ?? t('rep.noneShort'), className: 'mono' },
              {
                key: 'supplier',
                label: t('rep.col.supplier'),
                value: (r) => (
                  <>
                    <span className="strong">{r.supplierName ?? t('rep.shopOwned')}</span>
                    <div className="sub">{r.district ?? t('rep.noDistrict')}</div>
                  </>
                ),
              },
              { key: 'products', label: t('rep.col.products'), kind: 'int', value: (r) => r.products, total: s.totals.products },
              { key: 'lots', label: t('rep.col.lots'), kind: 'int', value: (r) => r.lots, total: s.totals.lots },
              { key: 'qty', label: t('rep.col.qty'), kind: 'int', value: (r) => r.qty, total: s.totals.qty },
              { key: 'valueAtTerms', label: t('rep.col.valueAtTerms'), kind: 'rupiah', value: (r) => r.valueAtTerms, total: s.totals.valueAtTerms },
              { key: 'valueAtSell', label: t('rep.col.valueAtSell'), kind: 'rupiah', value: (r) => r.valueAtSell, total: s.totals.valueAtSell, barMax: maxQty },
            ]}
          />
        )}
      </Panel>

      <div className="rp-two">
        <Panel
          title={t('rep.stock.slow')}
          actions={<ExportButtons request={{ report: 'slowMovers', params: { days } }} label={t('rep.stock.slow')} />}
          testId="slow-movers"
        >
          <form
            className="rp-inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              const n = Number(draftDays);
              if (Number.isInteger(n) && n >= 1 && n <= 3650) setDays(n);
            }}
          >
            <label className="rp-date">
              <span>{t('rep.stock.slowDays')}</span>
              <input className="input rp-days" type="number" min={1} max={3650} value={draftDays} onChange={(e) => setDraftDays(e.target.value)} />
            </label>
            <button type="submit" className="btn btn-secondary btn-sm">
              {t('rep.stock.apply')}
            </button>
          </form>
          <LoadState of={slow} />
          {slow.data && (
            <DataTable
              testId="slow-table"
              rows={slow.data}
              rowKey={(r) => r.lotId}
              empty={t('rep.stock.noSlow')}
              columns={[
                {
                  key: 'product',
                  label: t('rep.col.product'),
                  value: (r) => <ProductCell row={r} />,
                },
                { key: 'qty', label: t('rep.col.qty'), kind: 'int', value: (r) => r.remainingQty },
                { key: 'value', label: t('rep.col.value'), kind: 'rupiah', value: (r) => r.value },
                {
                  key: 'lastSold',
                  label: t('rep.col.lastSold'),
                  value: (r) => (r.lastSoldAt ? formatDateTime(r.lastSoldAt, shop.timeZone, lang) : <span className="muted">{t('rep.never')}</span>),
                },
              ]}
            />
          )}
        </Panel>

        <Panel title={t('rep.stock.low')} actions={<ExportButtons request={{ report: 'lowStock', params: {} }} label={t('rep.stock.low')} />} testId="low-stock">
          <LoadState of={low} />
          {low.data && (
            <DataTable
              testId="low-table"
              rows={low.data}
              rowKey={(r) => r.id}
              empty={t('rep.stock.noLow')}
              columns={[
                {
                  key: 'product',
                  label: t('rep.col.product'),
                  value: (r) => <ProductCell row={r} more={r.nextExpiry ? ` · ${formatIsoDate(r.nextExpiry)}` : ''} />,
                },
                { key: 'stock', label: t('rep.col.stock'), kind: 'int', value: (r) => r.stock },
                { key: 'min', label: t('rep.col.minStock'), kind: 'int', value: (r) => r.minStock },
                { key: 'price', label: t('rep.col.sellPrice'), kind: 'rupiah', value: (r) => r.sellPrice },
              ]}
            />
          )}
        </Panel>
      </div>
    </div>
  );
}
