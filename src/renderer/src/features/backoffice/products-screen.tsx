import { useState } from 'react';
import { call } from '../../api';
import { useT } from '../../i18n';
import { formatRupiah } from '../../../../shared/money';
import type { ProductView } from '../../../../shared/types';
import { useSession } from '../../app/session';
import { ErrorNotice } from '../../components/error-notice';
import { formatIsoDate, todayIn } from '../../lib/format';
import { productStatus } from '../till/product-status';
import { CreatedNotice, EmptyRow, ListToolbar, OpenRow, SearchInput, SupplierFilter, ToolbarEnd, useSearchText } from './list-parts';
import { usePendingOpen } from './nav';
import { ProductFormDialog } from './products/product-form';
import { ProductPage } from './products/product-page';
import { ActiveBadge, termsText } from './ui';
import { useData } from '../../lib/use-data';
import { useSuppliers } from './use-suppliers';

export { termsText };

/** Products: filter the catalogue by supplier, text, low stock; add; open one for its lots and history. */
export function ProductsScreen() {
  const t = useT();
  const { shop } = useSession();
  const today = todayIn(shop.timeZone);
  const { suppliers } = useSuppliers();
  const { query, setQuery, debounced } = useSearchText();
  const [supplierId, setSupplierId] = useState('');
  const [lowStock, setLowStock] = useState(false);
  const [includeInactive, setIncludeInactive] = useState(false);
  const [open, setOpen] = usePendingOpen('product');
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ProductView | null>(null);

  const list = useData(
    () =>
      call('products.list', {
        ...(supplierId ? { supplierId: Number(supplierId) } : {}),
        ...(debounced ? { query: debounced } : {}),
        ...(lowStock ? { lowStock: true } : {}),
        ...(includeInactive ? { includeInactive: true } : {}),
        limit: 500,
      }),
    [supplierId, debounced, lowStock, includeInactive],
  );
  const products = list.data ?? [];

  if (open !== null)
    return (
      <ProductPage
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
        <ListToolbar end={<ToolbarEnd count={products.length} newLabel={t('product.new')} onNew={() => setCreating(true)} />}>
          <SearchInput label={t('product.search')} value={query} onChange={setQuery} />
          <SupplierFilter label={t('product.supplier')} suppliers={suppliers} value={supplierId} onChange={setSupplierId} />
          <label className="check check-inline">
            <input type="checkbox" checked={lowStock} onChange={(e) => setLowStock(e.target.checked)} />
            {t('bo.product.lowStock')}
          </label>
          <label className="check check-inline">
            <input type="checkbox" checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)} />
            {t('bo.product.includeInactive')}
          </label>
        </ListToolbar>
        {created && <CreatedNotice>{t('bo.product.createdWithBarcode', { sku: created.sku, name: created.name, barcode: created.barcode ?? '—' })}</CreatedNotice>}
        <ErrorNotice error={list.error} />
        <div className="table-wrap">
          <table className="table table-click">
            <thead>
              <tr>
                <th>{t('product.name')}</th>
                <th>{t('product.sku')}</th>
                <th className="num">{t('product.sellPrice')}</th>
                <th>{t('product.terms')}</th>
                <th className="num">{t('product.stock')}</th>
                <th>{t('users.status')}</th>
              </tr>
            </thead>
            <tbody>
              {products.map((p) => {
                const st = productStatus(p, today);
                return (
                  <OpenRow key={p.id} fresh={created?.id === p.id} testId="product-row" onOpen={() => setOpen(p.id)}>
                    <td className="strong col-name">
                      {p.name}
                      <div className="sub">{[p.supplierName, p.category].filter(Boolean).join(' · ') || '—'}</div>
                    </td>
                    <td className="mono col-code">
                      {p.sku}
                      {p.barcode && <div className="sub mono">{p.barcode}</div>}
                    </td>
                    <td className="num">{formatRupiah(p.sellPrice)}</td>
                    <td className="col-terms">{termsText(p.terms, t)}</td>
                    <td className="num">
                      <span className={`stock stock-${st.tone}`}>
                        {p.stock} {p.unit}
                      </span>
                      {p.minStock > 0 && <div className="sub">{t('bo.product.minShort', { n: p.minStock })}</div>}
                      {p.expiredStock > 0 && <div className="sub danger">{t('product.expiredUnits', { n: p.expiredStock })}</div>}
                      {st.expirySoon && <div className="sub warn">{t('till.expires', { date: st.expirySoon })}</div>}
                      {!st.expirySoon && p.nextExpiry && <div className="sub">{t('bo.expShort', { date: formatIsoDate(p.nextExpiry) })}</div>}
                    </td>
                    <td>
                      <ActiveBadge active={p.active} />
                    </td>
                  </OpenRow>
                );
              })}
              {!list.loading && products.length === 0 && <EmptyRow cols={6}>{t('product.none')}</EmptyRow>}
            </tbody>
          </table>
        </div>
      </section>
      {creating && (
        <ProductFormDialog
          product={null}
          supplierId={supplierId ? Number(supplierId) : undefined}
          onClose={() => setCreating(false)}
          onSaved={(p) => {
            setCreating(false);
            setCreated(p);
            list.reload();
          }}
        />
      )}
    </div>
  );
}
