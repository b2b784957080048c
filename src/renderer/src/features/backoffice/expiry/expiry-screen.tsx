import { useEffect, useMemo, useState } from 'react';
import { call } from '../../../api';
import { useT } from '../../../i18n';
import { formatNumber, formatRupiah } from '../../../../../shared/money';
import type { ReturnResult } from '../../../../../shared/types-backoffice';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ErrorNotice } from '../../../components/error-notice';
import { groupBySupplier, parseQty, type SupplierLotGroup } from '../logic';
import { openOn, setPending } from '../nav';
import { ReturnDone } from '../returns/return-done';
import { SupplierFilter } from '../list-parts';
import { ExpiryCell, useDateTime } from '../ui';
import { useData } from '../../../lib/use-data';
import { useSuppliers } from '../use-suppliers';
import { ExpiryDoubts } from './expiry-doubts';
import { sendKeyed, useRequestKey } from '../../../lib/request-key';

/** Lots expiring within N days (or expired), per supplier, each with a one-click return. */
export function ExpiryScreen() {
  const t = useT();
  const dt = useDateTime();
  const { suppliers } = useSuppliers();
  const [daysText, setDaysText] = useState('30');
  const [days, setDays] = useState(30);
  const [supplierId, setSupplierId] = useState('');
  const [confirm, setConfirm] = useState<SupplierLotGroup | null>(null);
  const [done, setDone] = useState<ReturnResult | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const id = setTimeout(() => {
      const n = parseQty(daysText, 365);
      if (n !== null) setDays(n);
    }, 300);
    return () => clearTimeout(id);
  }, [daysText]);

  const list = useData(() => call('stock.nearExpiry', { days, ...(supplierId ? { supplierId: Number(supplierId) } : {}) }), [days, supplierId]);
  const groups = useMemo(() => groupBySupplier(list.data ?? []), [list.data]);
  const totals = useMemo(
    () => groups.reduce((a, g) => ({ qty: a.qty + g.qty, value: a.value + g.value, expired: a.expired + g.expiredLots }), { qty: 0, value: 0, expired: 0 }),
    [groups],
  );

  const requestKeys = useRequestKey();
  const returnAll = async (g: SupplierLotGroup) => {
    setConfirm(null);
    setError(null);
    if (g.supplierId === null) return;
    try {
      setDone(await sendKeyed(requestKeys, { supplierId: g.supplierId, days, reason: 'expired' as const }, (input) => call('returns.fromNearExpiry', input)));
      list.reload();
    } catch (err) {
      setError(err);
    }
  };

  if (done) return <ReturnDone result={done} onAnother={() => setDone(null)} />;

  return (
    <div className="bo-stack">
      <div className="card bo-toolbar bo-toolbar-card">
        <div className="bo-filters">
          <label className="bo-date">
            {t('bo.expiry.within')}
            <input className="input input-days" inputMode="numeric" aria-label={t('bo.expiry.days')} value={daysText} onChange={(e) => setDaysText(e.target.value.replace(/\D/g, '').slice(0, 3))} />
            {t('bo.days')}
          </label>
          <div className="bo-seg" role="group">
            {[7, 30, 60, 90].map((n) => (
              <button key={n} type="button" className={days === n ? 'active' : ''} onClick={() => setDaysText(String(n))}>
                {n}
              </button>
            ))}
          </div>
          <SupplierFilter label={t('intake.supplier')} suppliers={suppliers} value={supplierId} onChange={setSupplierId} />
        </div>
        <div className="bo-toolbar-end expiry-summary">
          <span>{t('bo.expiry.summary', { lots: list.data?.length ?? 0, units: formatNumber(totals.qty), suppliers: groups.length })}</span>
          <strong>{formatRupiah(totals.value)}</strong>
        </div>
      </div>
      <ExpiryDoubts onCorrected={list.reload} />
      <ErrorNotice error={list.error ?? error} />
      {!list.loading && groups.length === 0 && <div className="card empty-card">{t('bo.expiry.none', { days })}</div>}
      {groups.map((g) => (
        <section key={g.supplierId ?? 0} className="card bo-panel" data-testid="expiry-group">
          <header className="bo-panel-head">
            <div>
              <h3>
                {g.supplierName ?? t('cart.shopOwned')} <span className="mono muted">{g.supplierCode}</span>
              </h3>
              <span className="muted">
                {t('bo.expiry.groupLine', { lots: g.rows.length, units: formatNumber(g.qty), value: formatRupiah(g.value) })}
                {g.expiredLots > 0 && <span className="danger"> · {t('bo.expiry.expiredLots', { n: g.expiredLots })}</span>}
              </span>
            </div>
            {g.supplierId !== null && (
              <div className="btn-row bo-panel-actions">
                <button
                  type="button"
                  className="btn btn-secondary btn-sm"
                  onClick={() => {
                    setPending('returnNearExpiryDays', days);
                    openOn('returns', 'returnSupplier', g.supplierId!);
                  }}
                >
                  {t('bo.expiry.choose')}
                </button>
                <button type="button" className="btn btn-primary btn-sm" onClick={() => setConfirm(g)}>
                  {t('bo.expiry.returnAll')}
                </button>
              </div>
            )}
          </header>
          <table className="table expiry-table">
            <thead>
              <tr>
                <th>{t('product.name')}</th>
                <th>{t('bo.product.lot')}</th>
                <th>{t('intake.expiry')}</th>
                <th>{t('bo.expiry.lastSold')}</th>
                <th className="num">{t('bo.product.remaining')}</th>
                <th className="num">{t('intake.value')}</th>
              </tr>
            </thead>
            <tbody>
              {g.rows.map((r) => (
                <tr key={r.lotId} className={r.expired ? 'row-expired' : ''}>
                  <td className="strong">
                    {r.name}
                    <div className="sub mono">{r.barcode ?? r.sku}</div>
                  </td>
                  <td className="mono">{r.intakeNumber ?? t('bo.lotNumber', { id: r.lotId })}</td>
                  <td>
                    <ExpiryCell date={r.expiryDate} days={r.daysToExpiry} />
                  </td>
                  <td>{r.lastSoldAt ? dt(r.lastSoldAt) : <span className="muted">{t('bo.expiry.neverSold')}</span>}</td>
                  <td className="num strong">{formatNumber(r.remainingQty)}</td>
                  <td className="num">{formatRupiah(r.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      {confirm && (
        <ConfirmDialog
          title={t('bo.expiry.confirmTitle', { name: confirm.supplierName ?? '' })}
          confirmLabel={t('bo.expiry.returnAll')}
          onConfirm={() => void returnAll(confirm)}
          onCancel={() => setConfirm(null)}
        >
          <p>{t('bo.expiry.confirmBody', { lots: confirm.rows.length, units: formatNumber(confirm.qty), value: formatRupiah(confirm.value) })}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
