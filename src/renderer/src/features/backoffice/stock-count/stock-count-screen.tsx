import { useState } from 'react';
import { call } from '../../../api';
import { useT } from '../../../i18n';
import { formatNumber } from '../../../../../shared/money';
import { ErrorNotice } from '../../../components/error-notice';
import { EmptyRow, OpenRow, SupplierOptions } from '../list-parts';
import { useDateTime } from '../ui';
import { useData } from '../../../lib/use-data';
import { useSuppliers } from '../use-suppliers';
import { CATEGORY_SUGGESTIONS } from '../products/product-form';
import { CountSheet, STATUS_KEY } from './count-sheet';

/** Stock count (opname): start one, count by scanning or typing, settle each difference, post. */
export function StockCountScreen() {
  const t = useT();
  const dt = useDateTime();
  const { suppliers } = useSuppliers();
  const [open, setOpen] = useState<number | null>(null);
  const [scope, setScope] = useState<'all' | 'supplier' | 'category'>('all');
  const [supplierId, setSupplierId] = useState('');
  const [category, setCategory] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const list = useData(() => call('stock.count.list', { limit: 50 }), []);

  if (open !== null)
    return (
      <CountSheet
        id={open}
        onBack={() => {
          setOpen(null);
          list.reload();
        }}
      />
    );

  const start = async () => {
    setError(null);
    setBusy(true);
    try {
      const c = await call('stock.count.start', {
        ...(scope === 'supplier' && supplierId ? { supplierId: Number(supplierId) } : {}),
        ...(scope === 'category' && category.trim() ? { category: category.trim() } : {}),
      });
      setOpen(c.id);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="bo-split">
      <section className="card bo-list">
        <div className="bo-toolbar">
          <h2>{t('bo.count.list')}</h2>
        </div>
        <ErrorNotice error={list.error} />
        <div className="table-wrap">
          <table className="table table-click">
            <thead>
              <tr>
                <th>{t('bo.count.number')}</th>
                <th>{t('bo.count.scope')}</th>
                <th>{t('bo.when')}</th>
                <th className="num">{t('bo.count.counted')}</th>
                <th>{t('users.status')}</th>
              </tr>
            </thead>
            <tbody>
              {(list.data ?? []).map((c) => (
                <OpenRow key={c.id} onOpen={() => setOpen(c.id)}>
                  <td className="mono strong">{c.number}</td>
                  <td>{c.supplierName ?? c.category ?? t('bo.count.scopeAll')}</td>
                  <td>
                    {dt(c.startedAt)}
                    <div className="sub">{c.startedByName}</div>
                  </td>
                  <td className="num">
                    {formatNumber(c.counted)} / {formatNumber(c.lines)}
                  </td>
                  <td>
                    <span className={`badge count-${c.status}`}>{t(STATUS_KEY[c.status])}</span>
                  </td>
                </OpenRow>
              ))}
              {list.data && list.data.length === 0 && <EmptyRow cols={5}>{t('bo.count.none')}</EmptyRow>}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card bo-form">
        <h2>{t('bo.count.start')}</h2>
        <p className="muted bo-form-lead">{t('bo.count.startHelp')}</p>
        <fieldset className="radio-group">
          <legend>{t('bo.count.scope')}</legend>
          {(['all', 'supplier', 'category'] as const).map((s) => (
            <label key={s} className={`radio-card ${scope === s ? 'active' : ''}`}>
              <input type="radio" name="scope" checked={scope === s} onChange={() => setScope(s)} />
              <span>
                <strong>{t(s === 'all' ? 'bo.count.scopeAll' : s === 'supplier' ? 'bo.count.scopeSupplier' : 'bo.count.scopeCategory')}</strong>
              </span>
            </label>
          ))}
        </fieldset>
        {scope === 'supplier' && (
          <div className="field">
            <select className="input" aria-label={t('intake.supplier')} value={supplierId} onChange={(e) => setSupplierId(e.target.value)}>
              <SupplierOptions suppliers={suppliers} />
            </select>
          </div>
        )}
        {scope === 'category' && (
          <div className="field">
            <input className="input" aria-label={t('product.category')} value={category} maxLength={60} list="count-categories" onChange={(e) => setCategory(e.target.value)} />
            <datalist id="count-categories">
              {CATEGORY_SUGGESTIONS.map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
          </div>
        )}
        <ErrorNotice error={error} />
        <button
          type="button"
          className="btn btn-primary btn-lg btn-block"
          disabled={busy || (scope === 'supplier' && !supplierId) || (scope === 'category' && !category.trim())}
          onClick={() => void start()}
        >
          {t('bo.count.startButton')}
        </button>
      </section>
    </div>
  );
}

