import { useMemo, useState } from 'react';
import { call } from '../../api';
import { useT } from '../../i18n';
import { formatNumber, formatRupiah } from '../../../../shared/money';
import type { Supplier } from '../../../../shared/types';
import { ErrorNotice } from '../../components/error-notice';
import { filterByActive, overviewTotals, type ActiveFilter } from './logic';
import { CreatedNotice, EmptyRow, ListToolbar, OpenRow, SearchInput, ToolbarEnd, useSearchText } from './list-parts';
import { usePendingOpen } from './nav';
import { SupplierFormDialog } from './suppliers/supplier-form';
import { SupplierPage } from './suppliers/supplier-page';
import { ActiveBadge } from './ui';
import { useData } from '../../lib/use-data';

/** Suppliers (pemasok UMKM): search, filter, add; click one for their page. */
export function SuppliersScreen() {
  const t = useT();
  const { query, setQuery, debounced } = useSearchText();
  const [filter, setFilter] = useState<ActiveFilter>('active');
  const [open, setOpen] = usePendingOpen('supplier');
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Supplier | null>(null);

  const list = useData(() => call('suppliers.overview', { ...(debounced ? { query: debounced } : {}), includeInactive: true }), [debounced]);
  const rows = useMemo(() => filterByActive(list.data ?? [], filter), [list.data, filter]);
  const totals = useMemo(() => overviewTotals(rows), [rows]);

  if (open !== null)
    return (
      <SupplierPage
        id={open}
        onBack={() => {
          setOpen(null);
          list.reload();
        }}
      />
    );

  return (
    <div className="bo-stack">
      <section className="card bo-list bo-list-full">
        <ListToolbar end={<ToolbarEnd count={rows.length} newLabel={t('supplier.new')} onNew={() => setCreating(true)} />}>
          <SearchInput label={t('supplier.search')} value={query} onChange={setQuery} />
          <div className="bo-seg" role="group" aria-label={t('bo.filter.status')}>
            {(['active', 'inactive', 'all'] as const).map((f) => (
              <button key={f} type="button" className={filter === f ? 'active' : ''} aria-pressed={filter === f} onClick={() => setFilter(f)}>
                {t(`bo.filter.${f}`)}
              </button>
            ))}
          </div>
        </ListToolbar>
        {created && <CreatedNotice>{t('supplier.created', { code: created.code, name: created.name })}</CreatedNotice>}
        <ErrorNotice error={list.error} />
        <div className="table-wrap">
          <table className="table table-click">
            <thead>
              <tr>
                <th>{t('supplier.code')}</th>
                <th>{t('supplier.name')}</th>
                <th>{t('supplier.district')}</th>
                <th className="num">{t('bo.supplier.products')}</th>
                <th className="num">{t('bo.supplier.stock')}</th>
                <th className="num">{t('bo.supplier.stockValue')}</th>
                <th className="num">{t('bo.supplier.balance')}</th>
                <th>{t('users.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <OpenRow key={s.id} fresh={created?.id === s.id} testId="supplier-row" onOpen={() => setOpen(s.id)}>
                  <td className="mono">{s.code}</td>
                  <td className="strong">
                    {s.name}
                    <div className="sub">{[s.ownerName, s.phone].filter(Boolean).join(' · ') || '—'}</div>
                  </td>
                  <td>{s.district ?? '—'}</td>
                  <td className="num">{formatNumber(s.productCount)}</td>
                  <td className="num">{formatNumber(s.stockQty)}</td>
                  <td className="num">{formatRupiah(s.stockValue)}</td>
                  <td className={`num strong ${s.balance < 0 ? 'danger' : ''}`}>{formatRupiah(s.balance)}</td>
                  <td>
                    <ActiveBadge active={s.active} />
                  </td>
                </OpenRow>
              ))}
              {!list.loading && rows.length === 0 && <EmptyRow cols={8}>{t('supplier.none')}</EmptyRow>}
            </tbody>
            {rows.length > 0 && (
              <tfoot className="bo-tfoot">
                <tr>
                  <td colSpan={4}>{t('bo.total')}</td>
                  <td className="num">{formatNumber(totals.stockQty)}</td>
                  <td className="num">{formatRupiah(totals.stockValue)}</td>
                  <td className="num">{formatRupiah(totals.balance)}</td>
                  <td />
                </tr>
              </tfoot>
            )}
          </table>
        </div>
      </section>
      {creating && (
        <SupplierFormDialog
          supplier={null}
          onClose={() => setCreating(false)}
          onSaved={(s) => {
            setCreating(false);
            setCreated(s);
            list.reload();
          }}
        />
      )}
    </div>
  );
}
