import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { ApiError, call } from '../../api';
import { useT } from '../../i18n';
import { describeError, fieldMessage } from '../../i18n/errors';
import { basisPoints, formatRupiah, type Rupiah } from '../../../../shared/money';
import type { IntakeResult, PrintJobView, ProductView, Terms } from '../../../../shared/types';
import { useSession } from '../../app/session';
import { ErrorNotice } from '../../components/error-notice';
import { todayIn } from '../../lib/format';
import { termsText } from './products-screen';
import { useSuppliers } from './use-suppliers';

interface IntakeLine {
  product: ProductView;
  qty: string;
  expiryDate: string;
}

/** What the supplier is owed per `qty` units sold at the product's terms. */
export function supplierValue(sellPrice: Rupiah, terms: Terms, qty: number): Rupiah {
  if (terms.type === 'fixed') return terms.supplierPrice * qty;
  const net = sellPrice * qty;
  return net - basisPoints(net, terms.commissionBps);
}

/** Receiving consigned goods (penerimaan titipan): a supplier, their products, qty and expiry. */
export function IntakeScreen() {
  const t = useT();
  const { shop } = useSession();
  const today = todayIn(shop.timeZone);
  const { suppliers } = useSuppliers();
  const [supplierId, setSupplierId] = useState('');
  const [products, setProducts] = useState<ProductView[]>([]);
  const [filter, setFilter] = useState('');
  const [lines, setLines] = useState<IntakeLine[]>([]);
  const [note, setNote] = useState('');
  const [pickError, setPickError] = useState<string | null>(null);
  const [lineErrors, setLineErrors] = useState<Record<number, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<(IntakeResult & { printJob?: PrintJobView }) | null>(null);

  const supplier = suppliers.find((s) => String(s.id) === supplierId) ?? null;

  useEffect(() => {
    setProducts([]);
    setLines([]);
    setLineErrors({});
    if (!supplier) return;
    let alive = true;
    call('products.search', { query: supplier.name.slice(0, 100), limit: 100 })
      .then((found) => alive && setProducts(found.filter((p) => p.supplierId === supplier.id)))
      .catch((err) => alive && setError(err));
    return () => {
      alive = false;
    };
  }, [supplier]);

  const visible = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return q ? products.filter((p) => p.name.toLowerCase().includes(q) || p.sku.toLowerCase().includes(q) || p.barcode?.includes(q)) : products;
  }, [filter, products]);

  const addLine = (p: ProductView) => {
    setPickError(null);
    if (supplier && p.supplierId !== supplier.id) {
      setPickError(t('intake.notThisSupplier', { name: p.name, supplier: supplier.name }));
      return;
    }
    setLines((ls) => (ls.some((l) => l.product.id === p.id) ? ls : [...ls, { product: p, qty: '1', expiryDate: '' }]));
  };

  const scan = async () => {
    const code = filter.trim();
    if (!code) return;
    const local = products.find((p) => p.barcode === code || p.sku === code.toUpperCase());
    if (local) {
      addLine(local);
      setFilter('');
      return;
    }
    if (visible.length === 1) {
      addLine(visible[0]);
      setFilter('');
      return;
    }
    try {
      addLine(await call('products.lookup', { code: code.slice(0, 64) }));
      setFilter('');
    } catch (err) {
      setPickError(err instanceof ApiError && err.code === 'NOT_FOUND' ? t('till.unknownCode', { code }) : describeError(t, err).title);
    }
  };

  const update = (i: number, patch: Partial<IntakeLine>) => {
    setLines((ls) => ls.map((l, k) => (k === i ? { ...l, ...patch } : l)));
    setLineErrors((e) => ({ ...e, [i]: '' }));
  };

  const totals = lines.reduce(
    (acc, l) => {
      const qty = Number(l.qty) || 0;
      return { units: acc.units + qty, value: acc.value + supplierValue(l.product.sellPrice, l.product.terms, qty), retail: acc.retail + l.product.sellPrice * qty };
    },
    { units: 0, value: 0, retail: 0 },
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!supplier || lines.length === 0) return;
    const errs: Record<number, string> = {};
    lines.forEach((l, i) => {
      const qty = Number(l.qty);
      if (!Number.isInteger(qty) || qty < 1 || qty > 100_000) errs[i] = t('intake.qtyRule');
      else if (l.product.trackExpiry && !l.expiryDate) errs[i] = t('intake.expiryRequired');
      else if (l.expiryDate && l.expiryDate < today) errs[i] = t('intake.expiryPast');
    });
    setLineErrors(errs);
    if (Object.keys(errs).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const result = await call('intakes.create', {
        supplierId: supplier.id,
        lines: lines.map((l) => ({ productId: l.product.id, qty: Number(l.qty), ...(l.expiryDate ? { expiryDate: l.expiryDate } : {}) })),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setDone(result);
    } catch (err) {
      const m = err instanceof ApiError && err.field ? /^lines\.(\d+)\./.exec(err.field) : null;
      if (m && err instanceof ApiError) setLineErrors({ [Number(m[1])]: fieldMessage(err) });
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <section className="card intake-done" data-testid="intake-done">
        <div className="done-check" aria-hidden="true">
          ✓
        </div>
        <h2>{t('intake.saved')}</h2>
        <p className="intake-number">
          {t('intake.number')} <strong data-testid="intake-number">{done.number}</strong>
        </p>
        <p className="muted">
          {supplier?.name} · {t('intake.summary', { lines: done.lots.length, units: done.lots.reduce((n, l) => n + l.receivedQty, 0) })}
        </p>
        <button
          type="button"
          className="btn btn-primary btn-lg"
          onClick={() => {
            setDone(null);
            setLines([]);
            setNote('');
          }}
        >
          {t('intake.another')}
        </button>
      </section>
    );
  }

  return (
    <form className="intake" onSubmit={submit} noValidate>
      <div className="card intake-head">
        <div className="field">
          <label htmlFor="intake-supplier">{t('intake.supplier')}</label>
          <select id="intake-supplier" className="input input-lg" value={supplierId} onChange={(e) => setSupplierId(e.target.value)}>
            <option value="">{t('product.pickSupplier')}</option>
            {suppliers.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.code})
              </option>
            ))}
          </select>
        </div>
        {!supplier && <p className="muted intake-hint">{t('intake.pickSupplierFirst')}</p>}
        {supplier && (
          <div className="intake-supplier-info">
            <strong>{supplier.ownerName ?? supplier.name}</strong>
            <span className="muted">
              {[supplier.district, supplier.phone].filter(Boolean).join(' · ') || '—'}
            </span>
          </div>
        )}
      </div>

      {supplier && (
        <div className="intake-grid">
          <section className="card intake-pick">
            <h2>{t('intake.products')}</h2>
            <input
              className="input"
              type="search"
              value={filter}
              placeholder={t('intake.filter')}
              aria-label={t('intake.filter')}
              onChange={(e) => setFilter(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void scan();
                }
              }}
            />
            {pickError && (
              <div className="notice notice-error notice-compact" role="alert">
                {pickError}
              </div>
            )}
            <ul className="pick-list">
              {visible.map((p) => (
                <li key={p.id}>
                  <button type="button" className="pick-item" onClick={() => addLine(p)} disabled={lines.some((l) => l.product.id === p.id)}>
                    <span className="pick-name">{p.name}</span>
                    <span className="pick-sub">
                      {p.sku} · {formatRupiah(p.sellPrice)} · {termsText(p.terms, t)}
                      {p.trackExpiry ? ` · ${t('intake.needsExpiry')}` : ''}
                    </span>
                  </button>
                </li>
              ))}
              {visible.length === 0 && <li className="muted pick-empty">{t('intake.noProducts')}</li>}
            </ul>
          </section>

          <section className="card intake-lines">
            <h2>{t('intake.lines')}</h2>
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('product.name')}</th>
                    <th className="num">{t('intake.qty')}</th>
                    <th>{t('intake.expiry')}</th>
                    <th className="num">{t('intake.value')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {lines.map((l, i) => {
                    const qty = Number(l.qty) || 0;
                    return (
                      <tr key={l.product.id} className={lineErrors[i] ? 'row-error' : ''}>
                        <td className="strong">
                          {l.product.name}
                          <div className="sub">{termsText(l.product.terms, t)}</div>
                          {lineErrors[i] && <div className="field-error">{lineErrors[i]}</div>}
                        </td>
                        <td className="num">
                          <input
                            className="input input-qty"
                            inputMode="numeric"
                            value={l.qty}
                            aria-label={t('cart.qtyOf', { name: l.product.name })}
                            onChange={(e) => update(i, { qty: e.target.value.replace(/\D/g, '').slice(0, 6) })}
                          />
                        </td>
                        <td>
                          <input
                            className="input input-date"
                            type="date"
                            min={today}
                            value={l.expiryDate}
                            required={l.product.trackExpiry}
                            aria-label={t('intake.expiry')}
                            onChange={(e) => update(i, { expiryDate: e.target.value })}
                          />
                          {l.product.trackExpiry && <div className="sub">{t('intake.needsExpiry')}</div>}
                        </td>
                        <td className="num">{formatRupiah(supplierValue(l.product.sellPrice, l.product.terms, qty))}</td>
                        <td>
                          <button
                            type="button"
                            className="remove-btn"
                            aria-label={t('cart.remove', { name: l.product.name })}
                            onClick={() => setLines((ls) => ls.filter((_, k) => k !== i))}
                          >
                            ×
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                  {lines.length === 0 && (
                    <tr>
                      <td colSpan={5} className="empty-cell">
                        {t('intake.empty')}
                      </td>
                    </tr>
                  )}
                </tbody>
              </table>
            </div>
            <div className="intake-totals">
              <span>{t('intake.units', { n: totals.units })}</span>
              <span>
                {t('intake.retailValue')} <strong>{formatRupiah(totals.retail)}</strong>
              </span>
              <span className="intake-total">
                {t('intake.totalValue')} <strong data-testid="intake-total">{formatRupiah(totals.value)}</strong>
              </span>
            </div>
            <div className="field">
              <label htmlFor="intake-note">{t('intake.note')}</label>
              <input id="intake-note" className="input" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
            </div>
            <ErrorNotice error={error} />
            <button type="submit" className="btn btn-primary btn-lg btn-block" disabled={busy || lines.length === 0}>
              {busy ? t('common.saving') : t('intake.save')}
            </button>
          </section>
        </div>
      )}
    </form>
  );
}
