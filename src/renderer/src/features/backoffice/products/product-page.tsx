import { useState } from 'react';
import { call } from '../../../api';
import { useT } from '../../../i18n';
import { formatNumber, formatRupiah } from '../../../../../shared/money';
import type { LotView } from '../../../../../shared/types-backoffice';
import { ErrorNotice } from '../../../components/error-notice';
import { formatIsoDate } from '../../../lib/format';
import { signedQty } from '../logic';
import { LabelSheetDialog, productLabelItems } from '../labels/label-sheet';
import { EmptyRow } from '../list-parts';
import { ActiveConfirmDialog, ActiveToggleButton, DetailPage, PanelHead, useActiveToggle } from '../page-parts';
import { ActiveBadge, MOVEMENT_KEY, Stat, termsText, useDateTime } from '../ui';
import { useData } from '../../../lib/use-data';
import { AdjustDialog } from './adjust-dialog';
import { ProductFormDialog } from './product-form';

/** One product: its terms now, every lot with the terms it was received under, and its stock history. */
export function ProductPage({ id, onBack }: { id: number; onBack(): void }) {
  const t = useT();
  const dt = useDateTime();
  const detail = useData(() => call('products.detail', { id }), [id]);
  const moves = useData(() => call('stock.movements', { productId: id, limit: 100 }), [id]);
  const [editing, setEditing] = useState(false);
  const [adjusting, setAdjusting] = useState<LotView | null>(null);
  const [labels, setLabels] = useState(false);
  const p = detail.data;
  const toggle = useActiveToggle(() => call(p?.active ? 'products.deactivate' : 'products.reactivate', { id }), detail.reload);

  const reload = () => {
    detail.reload();
    moves.reload();
  };

  const withStock = p?.lots.filter((l) => l.remainingQty > 0) ?? [];
  const anyDiffer = p?.lots.some((l) => l.termsDiffer && l.remainingQty > 0) ?? false;

  return (
    <DetailPage testId="product-page" backLabel={t('bo.product.all')} onBack={onBack} error={detail.error ?? toggle.error} loading={!p && !detail.error}>
      {p && (
        <>
          <section className="card bo-hero">
            <div className="bo-hero-mark bo-hero-mark-product" aria-hidden="true">
              {p.name.slice(0, 1).toUpperCase()}
            </div>
            <div className="bo-hero-main">
              <div className="bo-hero-title">
                <h2>{p.name}</h2>
                <span className="badge mono">{p.sku}</span>
                <ActiveBadge active={p.active} />
                {p.trackExpiry && <span className="badge badge-pending">{t('bo.product.tracksExpiry')}</span>}
              </div>
              <p className="bo-hero-meta">
                {[p.supplierName, p.category, p.barcode ? t('bo.product.barcodeIs', { code: p.barcode }) : t('bo.product.noBarcode')].filter(Boolean).join(' · ')}
              </p>
              <div className="bo-hero-actions">
                <button type="button" className="btn btn-secondary btn-sm" onClick={() => setEditing(true)}>
                  {t('bo.edit')}
                </button>
                <button type="button" className="btn btn-secondary btn-sm" onClick={() => setLabels(true)}>
                  {t('bo.labels.print')}
                </button>
                <ActiveToggleButton active={p.active} onClick={toggle.ask} />
              </div>
            </div>
          </section>

          <dl className="bo-stats">
            <Stat label={t('product.sellPrice')} value={formatRupiah(p.sellPrice)} sub={t('bo.product.unitSub', { unit: p.unit })} />
            <Stat label={t('bo.product.termsNow')} value={termsText(p.terms, t)} sub={t('bo.product.termsNowSub')} />
            <Stat label={t('bo.product.sellable')} value={t('bo.qtyUnit', { n: formatNumber(p.stock), unit: p.unit })} sub={p.minStock > 0 ? t('bo.product.minShort', { n: p.minStock }) : undefined} />
            <Stat
              label={t('bo.product.expired')}
              value={t('bo.qtyUnit', { n: formatNumber(p.expiredStock), unit: p.unit })}
              tone={p.expiredStock > 0 ? 'danger' : undefined}
              sub={p.nextExpiry ? t('bo.product.nextExpiry', { date: formatIsoDate(p.nextExpiry) }) : undefined}
            />
          </dl>

          <div className={`notice ${anyDiffer ? 'notice-warn' : 'notice-info'} notice-compact`} data-testid="terms-note">
            <strong>{t('bo.product.snapshotTitle')}</strong>
            <span className="notice-detail">{anyDiffer ? t('bo.product.snapshotDiffer') : t('bo.product.snapshotBody')}</span>
          </div>

          <section className="card bo-panel">
            <PanelHead title={t('bo.product.lots')}>
              <span className="muted">{t('bo.product.lotCount', { n: withStock.length, all: p.lots.length })}</span>
            </PanelHead>
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('bo.product.lot')}</th>
                    <th>{t('intake.expiry')}</th>
                    <th className="num">{t('bo.product.received')}</th>
                    <th className="num">{t('bo.product.sold')}</th>
                    <th className="num">{t('bo.product.returned')}</th>
                    <th className="num">{t('bo.product.adjusted')}</th>
                    <th className="num">{t('bo.product.remaining')}</th>
                    <th>{t('bo.product.lotTerms')}</th>
                    <th className="num">{t('intake.value')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {p.lots.map((l) => (
                    <tr key={l.id} className={l.remainingQty === 0 ? 'row-done' : ''} data-testid="lot-row">
                      <td>
                        <span className="mono strong">{l.intakeNumber ?? t('bo.lotNumber', { id: l.id })}</span>
                        <div className="sub">{dt(l.createdAt)}</div>
                      </td>
                      <td>
                        {l.expiryDate ? formatIsoDate(l.expiryDate) : '—'}
                        {l.expired && <div className="sub danger">{t('bo.expiry.expired')}</div>}
                      </td>
                      <td className="num">{formatNumber(l.receivedQty)}</td>
                      <td className="num">{formatNumber(l.soldQty - l.restockedQty)}</td>
                      <td className="num">{formatNumber(l.returnedQty)}</td>
                      <td className="num">{l.adjustedQty === 0 ? '0' : signedQty(l.adjustedQty)}</td>
                      <td className="num strong">{formatNumber(l.remainingQty)}</td>
                      <td className="col-terms">
                        {termsText(l.terms, t)}
                        <div className="sub">
                          {t('bo.product.atPrice', { price: formatRupiah(l.sellPrice) })}
                          {l.termsDiffer && <span className="badge badge-pending bo-badge-inline">{t('bo.product.oldTerms')}</span>}
                        </div>
                      </td>
                      <td className="num">{formatRupiah(l.value)}</td>
                      <td>
                        <button type="button" className="btn btn-ghost btn-sm" onClick={() => setAdjusting(l)}>
                          {t('bo.adjust.button')}
                        </button>
                      </td>
                    </tr>
                  ))}
                  {p.lots.length === 0 && <EmptyRow cols={10}>{t('bo.product.noLots')}</EmptyRow>}
                </tbody>
              </table>
            </div>
          </section>

          <section className="card bo-panel">
            <PanelHead title={t('bo.product.movements')} />
            <ErrorNotice error={moves.error} />
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('bo.when')}</th>
                    <th>{t('bo.move.kind')}</th>
                    <th>{t('bo.move.ref')}</th>
                    <th className="num">{t('intake.qty')}</th>
                    <th>{t('bo.move.by')}</th>
                    <th>{t('intake.note')}</th>
                  </tr>
                </thead>
                <tbody>
                  {(moves.data ?? []).map((m, i) => (
                    <tr key={`${m.kind}-${m.lotId}-${m.at}-${i}`}>
                      <td>{dt(m.at)}</td>
                      <td>
                        <span className={`badge move-${m.kind}`}>{t(MOVEMENT_KEY[m.kind])}</span>
                      </td>
                      <td className="mono">{m.refNumber ?? '—'}</td>
                      <td className={`num strong ${m.qty < 0 ? 'danger' : 'ok'}`}>{signedQty(m.qty)}</td>
                      <td>{m.userName ?? '—'}</td>
                      <td className="muted">{m.note ?? ''}</td>
                    </tr>
                  ))}
                  {moves.data && moves.data.length === 0 && <EmptyRow cols={6}>{t('bo.product.noMovements')}</EmptyRow>}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
      {editing && p && (
        <ProductFormDialog
          product={p}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            reload();
          }}
        />
      )}
      {adjusting && p && (
        <AdjustDialog
          lot={adjusting}
          productName={p.name}
          onClose={() => setAdjusting(null)}
          onDone={() => {
            setAdjusting(null);
            reload();
          }}
        />
      )}
      {labels && p && <LabelSheetDialog items={productLabelItems(p, p.lots)} onClose={() => setLabels(false)} />}
      {toggle.confirming && p && <ActiveConfirmDialog scope="bo.product" name={p.name} active={p.active} onConfirm={() => void toggle.run()} onCancel={toggle.cancel} />}
    </DetailPage>
  );
}
