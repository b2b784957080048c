import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { call } from '../../api';
import { useT } from '../../i18n';
import { formatRupiah, type Rupiah } from '../../../../shared/money';
import type { ProductView, Terms } from '../../../../shared/types';
import { useSession } from '../../app/session';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { RupiahInput } from '../../components/rupiah-input';
import { formatIsoDate, todayIn } from '../../lib/format';
import { apiFieldError, bpsToPercent, percentToBps } from '../../lib/form';
import { productStatus } from '../till/product-status';
import { useSuppliers } from './use-suppliers';

type FieldName = 'supplierId' | 'name' | 'sellPrice' | 'supplierPrice' | 'commission' | 'barcode' | 'category' | 'unit' | 'minStock';

const SERVER_FIELDS: Record<string, FieldName> = {
  supplierId: 'supplierId',
  name: 'name',
  sellPrice: 'sellPrice',
  'terms.supplierPrice': 'supplierPrice',
  'terms.commissionBps': 'commission',
  terms: 'supplierPrice',
  barcode: 'barcode',
  category: 'category',
  unit: 'unit',
  minStock: 'minStock',
};

export function termsText(terms: Terms, t: ReturnType<typeof useT>): string {
  return terms.type === 'fixed'
    ? t('product.termsFixedShort', { price: formatRupiah(terms.supplierPrice) })
    : t('product.termsCommissionShort', { pct: bpsToPercent(terms.commissionBps) });
}

/** Products: search the catalogue, add a product. */
export function ProductsScreen() {
  const t = useT();
  const { shop } = useSession();
  const today = todayIn(shop.timeZone);
  const [query, setQuery] = useState('');
  const [products, setProducts] = useState<ProductView[]>([]);
  const [listError, setListError] = useState<unknown>(null);
  const seq = useRef(0);

  const load = useCallback(async (q: string) => {
    const mine = ++seq.current;
    try {
      const found = await call('products.search', { query: q.trim().slice(0, 100), limit: 100 });
      if (mine === seq.current) {
        setProducts(found);
        setListError(null);
      }
    } catch (err) {
      if (mine === seq.current) setListError(err);
    }
  }, []);

  useEffect(() => {
    const id = setTimeout(() => void load(query), query ? 200 : 0);
    return () => clearTimeout(id);
  }, [query, load]);

  return (
    <div className="bo-split">
      <section className="card bo-list">
        <div className="bo-toolbar">
          <input
            className="input input-search"
            type="search"
            placeholder={t('product.search')}
            aria-label={t('product.search')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <span className="muted">{t('common.count', { n: products.length })}</span>
        </div>
        <ErrorNotice error={listError} />
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t('product.name')}</th>
                <th>{t('product.sku')}</th>
                <th className="num">{t('product.sellPrice')}</th>
                <th>{t('product.terms')}</th>
                <th className="num">{t('product.stock')}</th>
              </tr>
            </thead>
            <tbody>
              {products.map((p) => {
                const st = productStatus(p, today);
                return (
                  <tr key={p.id}>
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
                      {p.expiredStock > 0 && <div className="sub danger">{t('product.expiredUnits', { n: p.expiredStock })}</div>}
                      {st.expirySoon && <div className="sub warn">{t('till.expires', { date: st.expirySoon })}</div>}
                      {!st.expirySoon && p.nextExpiry && <div className="sub">{formatIsoDate(p.nextExpiry)}</div>}
                    </td>
                  </tr>
                );
              })}
              {products.length === 0 && (
                <tr>
                  <td colSpan={5} className="empty-cell">
                    {t('product.none')}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </section>
      <ProductForm onCreated={() => void load(query)} />
    </div>
  );
}

function ProductForm({ onCreated }: { onCreated(p: ProductView): void }) {
  const t = useT();
  const { suppliers } = useSuppliers();
  const [supplierId, setSupplierId] = useState('');
  const [name, setName] = useState('');
  const [sellPrice, setSellPrice] = useState<Rupiah | null>(null);
  const [termsType, setTermsType] = useState<Terms['type']>('fixed');
  const [supplierPrice, setSupplierPrice] = useState<Rupiah | null>(null);
  const [commission, setCommission] = useState('');
  const [barcode, setBarcode] = useState('');
  const [category, setCategory] = useState('');
  const [unit, setUnit] = useState('pcs');
  const [trackExpiry, setTrackExpiry] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<ProductView | null>(null);

  const clearErr = (f: FieldName) => setErrors((x) => ({ ...x, [f]: undefined }));

  const validate = (): Partial<Record<FieldName, string>> => {
    const out: Partial<Record<FieldName, string>> = {};
    if (!supplierId) out.supplierId = t('product.pickSupplier');
    if (!name.trim()) out.name = t('form.required');
    if (!sellPrice) out.sellPrice = t('form.positive');
    if (termsType === 'fixed') {
      if (supplierPrice === null) out.supplierPrice = t('form.required');
      else if (sellPrice && supplierPrice > sellPrice) out.supplierPrice = t('product.supplierPriceTooHigh');
    } else if (percentToBps(commission) === null) out.commission = t('product.commissionRule');
    if (barcode.trim() && !/^[0-9A-Za-z-]{3,32}$/.test(barcode.trim())) out.barcode = t('product.barcodeRule');
    return out;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = validate();
    setErrors(found);
    setError(null);
    if (Object.keys(found).length > 0) return;
    const terms: Terms =
      termsType === 'fixed' ? { type: 'fixed', supplierPrice: supplierPrice ?? 0 } : { type: 'commission', commissionBps: percentToBps(commission) ?? 0 };
    setBusy(true);
    try {
      const p = await call('products.create', {
        supplierId: Number(supplierId),
        name: name.trim(),
        sellPrice: sellPrice ?? 0,
        terms,
        ...(barcode.trim() ? { barcode: barcode.trim() } : {}),
        ...(category.trim() ? { category: category.trim() } : {}),
        ...(unit.trim() ? { unit: unit.trim() } : {}),
        trackExpiry,
      });
      setCreated(p);
      setName('');
      setSellPrice(null);
      setSupplierPrice(null);
      setCommission('');
      setBarcode('');
      setErrors({});
      onCreated(p);
    } catch (err) {
      const fe = apiFieldError(err, SERVER_FIELDS);
      if (fe) setErrors({ [fe.field]: fe.message });
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const bps = percentToBps(commission);
  const shareHint =
    sellPrice && termsType === 'fixed' && supplierPrice !== null && supplierPrice <= sellPrice
      ? t('product.marginHint', { amount: formatRupiah(sellPrice - supplierPrice) })
      : sellPrice && termsType === 'commission' && bps !== null
        ? t('product.commissionHint', { amount: formatRupiah(Math.round((sellPrice * bps) / 10_000)) })
        : undefined;

  return (
    <form className="card bo-form" onSubmit={submit} noValidate>
      <h2>{t('product.new')}</h2>
      {created && (
        <div className="notice notice-success" role="status">
          {t('product.created', { sku: created.sku, name: created.name })}
        </div>
      )}
      <Field label={t('product.supplier')} error={errors.supplierId} required>
        <select
          className="input"
          value={supplierId}
          onChange={(e) => {
            setSupplierId(e.target.value);
            clearErr('supplierId');
          }}
        >
          <option value="">{t('product.pickSupplier')}</option>
          {suppliers.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({s.code})
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('product.name')} error={errors.name} required>
        <input
          className="input"
          value={name}
          maxLength={120}
          onChange={(e) => {
            setName(e.target.value);
            clearErr('name');
          }}
        />
      </Field>
      <Field label={t('product.sellPrice')} error={errors.sellPrice} required>
        <RupiahInput
          value={sellPrice}
          onValueChange={(v) => {
            setSellPrice(v);
            clearErr('sellPrice');
          }}
        />
      </Field>
      <fieldset className="radio-group">
        <legend>{t('product.terms')}</legend>
        <label className={`radio-card ${termsType === 'fixed' ? 'active' : ''}`}>
          <input type="radio" name="terms" checked={termsType === 'fixed'} onChange={() => setTermsType('fixed')} />
          <span>
            <strong>{t('product.termsFixed')}</strong>
            <small>{t('product.termsFixedHelp')}</small>
          </span>
        </label>
        <label className={`radio-card ${termsType === 'commission' ? 'active' : ''}`}>
          <input type="radio" name="terms" checked={termsType === 'commission'} onChange={() => setTermsType('commission')} />
          <span>
            <strong>{t('product.termsCommission')}</strong>
            <small>{t('product.termsCommissionHelp')}</small>
          </span>
        </label>
      </fieldset>
      {termsType === 'fixed' ? (
        <Field label={t('product.supplierPrice')} error={errors.supplierPrice} hint={shareHint} required>
          <RupiahInput
            value={supplierPrice}
            onValueChange={(v) => {
              setSupplierPrice(v);
              clearErr('supplierPrice');
            }}
          />
        </Field>
      ) : (
        <Field label={t('product.commission')} error={errors.commission} hint={shareHint} required>
          <input
            className="input"
            inputMode="decimal"
            value={commission}
            placeholder="20"
            maxLength={6}
            onChange={(e) => {
              setCommission(e.target.value.replace(/[^\d.,]/g, ''));
              clearErr('commission');
            }}
          />
        </Field>
      )}
      <div className="form-grid">
        <Field label={t('product.barcode')} error={errors.barcode}>
          <input
            className="input mono"
            value={barcode}
            maxLength={32}
            onChange={(e) => {
              setBarcode(e.target.value);
              clearErr('barcode');
            }}
          />
        </Field>
        <Field label={t('product.category')} error={errors.category}>
          <input className="input" value={category} maxLength={60} onChange={(e) => setCategory(e.target.value)} list="category-suggestions" />
        </Field>
      </div>
      <datalist id="category-suggestions">
        {['Makanan', 'Minuman', 'Kopi', 'Kerajinan', 'Tenun', 'Madu', 'Kacang Mete'].map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <div className="form-grid">
        <Field label={t('product.unit')} error={errors.unit}>
          <input className="input" value={unit} maxLength={20} onChange={(e) => setUnit(e.target.value)} />
        </Field>
        <label className="check">
          <input type="checkbox" checked={trackExpiry} onChange={(e) => setTrackExpiry(e.target.checked)} />
          <span>{t('product.trackExpiry')}</span>
        </label>
      </div>
      <ErrorNotice error={error} />
      <button type="submit" className="btn btn-primary btn-lg btn-block" disabled={busy}>
        {busy ? t('common.saving') : t('product.save')}
      </button>
    </form>
  );
}
