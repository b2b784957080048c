import { useState } from 'react';
import { call } from '../../../api';
import { useT } from '../../../i18n';
import { formatNumber, formatRupiah } from '../../../../../shared/money';
import { useSession } from '../../../app/session';
import { formatIsoDate, todayIn } from '../../../lib/format';
import { productStatus } from '../../till/product-status';
import { openOn } from '../nav';
import { EmptyRow } from '../list-parts';
import { ActiveConfirmDialog, ActiveToggleButton, DetailPage, PanelHead, useActiveToggle } from '../page-parts';
import { ActiveBadge, REASON_KEY, Stat, termsText, useDateTime } from '../ui';
import { useData } from '../../../lib/use-data';
import { SupplierFormDialog } from './supplier-form';

/** One supplier as a page: who they are, what of theirs is on the shelf, what sold, what the shop owes. */
export function SupplierPage({ id, onBack }: { id: number; onBack(): void }) {
  const t = useT();
  const { shop } = useSession();
  const dt = useDateTime();
  const today = todayIn(shop.timeZone);
  const detail = useData(() => call('suppliers.get', { id }), [id]);
  const [editing, setEditing] = useState(false);
  const d = detail.data;
  const toggle = useActiveToggle(() => call(d?.supplier.active ? 'suppliers.deactivate' : 'suppliers.reactivate', { id }), detail.reload);

  return (
    <DetailPage testId="supplier-page" backLabel={t('bo.supplier.all')} onBack={onBack} error={detail.error ?? toggle.error} loading={!d && !detail.error}>
      {d && (
        <>
          <section className="card bo-hero">
            <div className="bo-hero-mark" aria-hidden="true">
              {d.supplier.name
                .split(/\s+/)
                .filter(Boolean)
                .slice(0, 2)
                .map((w) => w[0]!.toUpperCase())
                .join('')}
            </div>
            <div className="bo-hero-main">
              <div className="bo-hero-title">
                <h2 data-testid="supplier-name">{d.supplier.name}</h2>
                <span className="badge mono">{d.supplier.code}</span>
                <ActiveBadge active={d.supplier.active} />
              </div>
              <p className="bo-hero-meta">
                {[d.supplier.ownerName, d.supplier.phone, d.supplier.district].filter(Boolean).join(' · ') || t('bo.supplier.noContact')}
              </p>
              {d.supplier.address && <p className="muted">{d.supplier.address}</p>}
              {d.supplier.nib && <p className="muted mono" data-testid="supplier-nib">{t('bo.supplier.nibShown', { nib: d.supplier.nib })}</p>}
              <div className="bo-hero-actions">
                <button type="button" className="btn btn-primary btn-sm" onClick={() => openOn('intake', 'intakeSupplier', id)} disabled={!d.supplier.active}>
                  {t('bo.supplier.receive')}
                </button>
                <button type="button" className="btn btn-secondary btn-sm" onClick={() => openOn('returns', 'returnSupplier', id)}>
                  {t('bo.supplier.makeReturn')}
                </button>
                <button type="button" className="btn btn-secondary btn-sm" onClick={() => setEditing(true)}>
                  {t('bo.edit')}
                </button>
                <ActiveToggleButton active={d.supplier.active} onClick={toggle.ask} />
              </div>
            </div>
            <dl className="bo-bank">
              <dt>{t('bo.supplier.bank')}</dt>
              <dd>{d.supplier.bankName ?? '—'}</dd>
              <dd className="mono">{d.supplier.bankAccount ?? '—'}</dd>
              <dd className="muted">{d.supplier.bankHolder ? t('bo.supplier.holder', { name: d.supplier.bankHolder }) : ''}</dd>
            </dl>
          </section>

          <dl className="bo-stats">
            <Stat
              label={t('bo.supplier.balance')}
              value={formatRupiah(d.balance)}
              tone={d.balance < 0 ? 'danger' : 'owed'}
              testId="supplier-balance"
              sub={t('bo.supplier.balanceSub')}
            />
            <Stat
              label={t('bo.supplier.stockOnHand')}
              value={t('bo.unitsN', { n: formatNumber(d.stock.qty) })}
              testId="supplier-stock-qty"
              sub={
                d.stock.expiredQty > 0
                  ? t('bo.supplier.stockExpiredSub', { lots: d.stock.lots, n: d.stock.expiredQty })
                  : t('bo.supplier.stockLotsSub', { lots: d.stock.lots })
              }
            />
            <Stat label={t('bo.supplier.stockValueShort')} value={formatRupiah(d.stock.value)} sub={t('bo.supplier.sellValueSub', { amount: formatRupiah(d.stock.sellValue) })} />
            <Stat label={t('bo.supplier.sold')} value={t('bo.unitsN', { n: formatNumber(d.sold.qty) })} sub={t('bo.supplier.soldSub', { amount: formatRupiah(d.sold.netAmount) })} />
            <Stat label={t('bo.supplier.share')} value={formatRupiah(d.sold.supplierShare)} sub={t('bo.supplier.shareSub')} />
          </dl>

          <div className="bo-page-grid">
            <section className="card bo-panel">
              <PanelHead title={t('bo.supplier.productsTitle')}>
                <span className="muted">{t('bo.supplier.productCount', { n: d.products.length })}</span>
              </PanelHead>
              <div className="table-wrap">
                <table className="table table-click">
                  <thead>
                    <tr>
                      <th>{t('product.name')}</th>
                      <th className="num">{t('product.sellPrice')}</th>
                      <th>{t('product.terms')}</th>
                      <th className="num">{t('product.stock')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.products.map((p) => {
                      const st = productStatus(p, today);
                      return (
                        <tr key={p.id} tabIndex={0} onClick={() => openOn('products', 'product', p.id)}>
                          <td className="strong">
                            {p.name}
                            <div className="sub mono">
                              {p.sku}
                              {p.barcode ? ` · ${p.barcode}` : ''}
                              {!p.active ? ` · ${t('users.inactive')}` : ''}
                            </div>
                          </td>
                          <td className="num">{formatRupiah(p.sellPrice)}</td>
                          <td className="col-terms">{termsText(p.terms, t)}</td>
                          <td className="num">
                            <span className={`stock stock-${st.tone}`}>
                              {p.stock} {p.unit}
                            </span>
                            {p.expiredStock > 0 && <div className="sub danger">{t('product.expiredUnits', { n: p.expiredStock })}</div>}
                            {p.nextExpiry && <div className={`sub ${st.expirySoon ? 'warn' : ''}`}>{t('bo.expShort', { date: formatIsoDate(p.nextExpiry) })}</div>}
                          </td>
                        </tr>
                      );
                    })}
                    {d.products.length === 0 && <EmptyRow cols={4}>{t('bo.supplier.noProducts')}</EmptyRow>}
                  </tbody>
                </table>
              </div>
            </section>

            <div className="bo-side">
              <section className="card bo-panel">
                <PanelHead title={t('bo.supplier.soldTitle')} />
                <ul className="bo-rows">
                  {d.sold.products.slice(0, 6).map((s) => (
                    <li key={s.productId}>
                      <span className="bo-rows-main">
                        <strong>{s.name}</strong>
                        <span className="muted">{t('bo.supplier.lastSold', { when: dt(s.lastSoldAt) })}</span>
                      </span>
                      <span className="bo-rows-end">
                        <strong>{formatNumber(s.qty)}×</strong>
                        <span className="muted">{formatRupiah(s.supplierShare)}</span>
                      </span>
                    </li>
                  ))}
                  {d.sold.products.length === 0 && <li className="muted bo-rows-empty">{t('bo.supplier.nothingSold')}</li>}
                </ul>
              </section>
              <section className="card bo-panel">
                <PanelHead title={t('bo.supplier.intakesTitle')} />
                <ul className="bo-rows">
                  {d.recentIntakes.slice(0, 5).map((i) => (
                    <li key={i.id}>
                      <span className="bo-rows-main">
                        <strong className="mono">{i.number}</strong>
                        <span className="muted">
                          {dt(i.createdAt)} · {t('bo.linesUnits', { lines: i.lineCount, units: i.totalQty })}
                        </span>
                      </span>
                      <span className="bo-rows-end">{formatRupiah(i.totalValue)}</span>
                    </li>
                  ))}
                  {d.recentIntakes.length === 0 && <li className="muted bo-rows-empty">{t('bo.supplier.noIntakes')}</li>}
                </ul>
              </section>
              <section className="card bo-panel">
                <PanelHead title={t('bo.supplier.returnsTitle')} />
                <ul className="bo-rows">
                  {d.recentReturns.slice(0, 5).map((r) => (
                    <li key={r.id}>
                      <span className="bo-rows-main">
                        <strong className="mono">{r.number}</strong>
                        <span className="muted">
                          {dt(r.createdAt)} · {t(REASON_KEY[r.reason])} · {formatNumber(r.totalQty)} {t('bo.units')}
                        </span>
                      </span>
                      <span className="bo-rows-end">{formatRupiah(r.totalValue)}</span>
                    </li>
                  ))}
                  {d.recentReturns.length === 0 && <li className="muted bo-rows-empty">{t('bo.supplier.noReturns')}</li>}
                </ul>
              </section>
            </div>
          </div>
        </>
      )}
      {editing && d && (
        <SupplierFormDialog
          supplier={d.supplier}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            detail.reload();
          }}
        />
      )}
      {toggle.confirming && d && (
        <ActiveConfirmDialog scope="bo.supplier" name={d.supplier.name} active={d.supplier.active} onConfirm={() => void toggle.run()} onCancel={toggle.cancel} />
      )}
    </DetailPage>
  );
}
