import { useState, type FormEvent } from 'react';
import { call } from '../../../api';
import { useT } from '../../../i18n';
import { formatRupiah, type Rupiah } from '../../../../../shared/money';
import type { ProductView, Terms } from '../../../../../shared/types';
import { ErrorNotice } from '../../../components/error-notice';
import { Field } from '../../../components/field';
import { amountTooLargeText, RupiahInput, useRupiahField } from '../../../components/rupiah-input';
import { bpsToPercent, percentToBps, showSaveError } from '../../../lib/form';
import { FormDialog } from '../form-dialog';
import { SupplierOptions } from '../list-parts';
import { useSuppliers } from '../use-suppliers';

type FieldName = 'supplierId' | 'name' | 'sellPrice' | 'supplierPrice' | 'commission' | 'barcode' | 'category' | 'unit' | 'minStock';

const SERVER_FIELDS: Record<string, FieldName> = {
  supplierId: 'supplierId',
  name: 'name',
  sellPrice: 'sellPrice',
  'terms.supplierPrice': 'supplierPrice',
  'terms.commissionBps': 'commission',
  terms: 'supplierPrice',
  barcode: 'barcode',
  generateBarcode: 'barcode',
  category: 'category',
  unit: 'unit',
  minStock: 'minStock',
};

export const CATEGORY_SUGGESTIONS = ['Makanan', 'Minuman', 'Kopi', 'Kerajinan', 'Tenun', 'Madu', 'Kacang Mete', 'Abon', 'Kue Kering'];

interface Props {
  /** Edit this product; null creates one. */
  product: ProductView | null;
  /** Fixed supplier (intake quick-create); otherwise picked in the form. */
  supplierId?: number;
  /** Start with this name (what was typed in the intake search). */
  initialName?: string;
  /** Start with this barcode (a scanned code the catalogue does not know). */
  initialBarcode?: string;
  onSaved(p: ProductView): void;
  onClose(): void;
}

/** Create or edit a product: price, consignment terms, barcode (scanned or generated), expiry tracking, minimum stock. */
export function ProductFormDialog({ product, supplierId: fixedSupplier, initialName, initialBarcode, onSaved, onClose }: Props) {
  const t = useT();
  const { suppliers } = useSuppliers();
  const editing = product !== null;
  const [supplierId, setSupplierId] = useState(String(fixedSupplier ?? product?.supplierId ?? ''));
  const [name, setName] = useState(product?.name ?? initialName ?? '');
  const sellField = useRupiahField(product?.sellPrice ?? null);
  const sellPrice = sellField.value;
  const [termsType, setTermsType] = useState<Terms['type']>(product?.terms.type ?? 'fixed');
  const supplierField = useRupiahField(product?.terms.type === 'fixed' ? product.terms.supplierPrice : null);
  const supplierPrice = supplierField.value;
  const [commission, setCommission] = useState(product?.terms.type === 'commission' ? bpsToPercent(product.terms.commissionBps).replace('%', '') : '');
  const [barcode, setBarcode] = useState(product?.barcode ?? initialBarcode ?? '');
  const [generate, setGenerate] = useState(false);
  const [category, setCategory] = useState(product?.category ?? '');
  const [unit, setUnit] = useState(product?.unit ?? 'pcs');
  const [trackExpiry, setTrackExpiry] = useState(product?.trackExpiry ?? false);
  const [minStock, setMinStock] = useState(String(product?.minStock ?? 0));
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const clearErr = (f: FieldName) => setErrors((x) => ({ ...x, [f]: undefined }));

  const validate = (): Partial<Record<FieldName, string>> => {
    const out: Partial<Record<FieldName, string>> = {};
    if (!supplierId) out.supplierId = t('bo.product.supplierRequired');
    if (!name.trim()) out.name = t('form.required');
    if (sellField.tooLarge) out.sellPrice = amountTooLargeText(t);
    else if (!sellPrice) out.sellPrice = t('form.positive');
    if (termsType === 'fixed') {
      if (supplierField.tooLarge) out.supplierPrice = amountTooLargeText(t);
      else if (supplierPrice === null) out.supplierPrice = t('form.required');
      else if (sellPrice && supplierPrice > sellPrice) out.supplierPrice = t('product.supplierPriceTooHigh');
    } else if (percentToBps(commission) === null) out.commission = t('product.commissionRule');
    if (!generate && barcode.trim() && !/^[0-9A-Za-z-]{3,32}$/.test(barcode.trim())) out.barcode = t('product.barcodeRule');
    if (!/^\d{1,6}$/.test(minStock.trim())) out.minStock = t('bo.product.minStockRule');
    return out;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    e.stopPropagation(); // the dialog may sit inside another form (intake quick-create)
    const found = validate();
    setErrors(found);
    setError(null);
    if (Object.keys(found).length > 0) return;
    const terms: Terms =
      termsType === 'fixed' ? { type: 'fixed', supplierPrice: supplierPrice ?? 0 } : { type: 'commission', commissionBps: percentToBps(commission) ?? 0 };
    setBusy(true);
    try {
      let saved: ProductView;
      if (product) {
        const sameTerms = JSON.stringify(terms) === JSON.stringify(product.terms);
        const code = barcode.trim();
        saved = await call('products.update', {
          id: product.id,
          ...(name.trim() !== product.name ? { name: name.trim() } : {}),
          ...(sellPrice !== product.sellPrice ? { sellPrice: sellPrice ?? 0 } : {}),
          ...(!sameTerms ? { terms } : {}),
          ...(generate ? { generateBarcode: true } : code !== (product.barcode ?? '') ? { barcode: code || null } : {}),
          ...(category.trim() !== (product.category ?? '') ? { category: category.trim() || null } : {}),
          ...(unit.trim() && unit.trim() !== product.unit ? { unit: unit.trim() } : {}),
          ...(trackExpiry !== product.trackExpiry ? { trackExpiry } : {}),
          ...(Number(minStock) !== product.minStock ? { minStock: Number(minStock) } : {}),
        });
      } else {
        saved = await call('products.create', {
          supplierId: Number(supplierId),
          name: name.trim(),
          sellPrice: sellPrice ?? 0,
          terms,
          ...(generate ? { generateBarcode: true } : barcode.trim() ? { barcode: barcode.trim() } : {}),
          ...(category.trim() ? { category: category.trim() } : {}),
          ...(unit.trim() ? { unit: unit.trim() } : {}),
          trackExpiry,
          minStock: Number(minStock),
        });
      }
      onSaved(saved);
    } catch (err) {
      showSaveError(err, SERVER_FIELDS, setErrors, setError);
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
  const fixedSupplierName = fixedSupplier ? suppliers.find((s) => s.id === fixedSupplier)?.name : undefined;

  return (
    <FormDialog
      title={editing ? t('bo.product.editTitle', { sku: product.sku }) : t('product.new')}
      formId="product-form"
      formClassName="bo-dialog-form product-form"
      saveLabel={t('product.save')}
      busy={busy}
      onSubmit={submit}
      onClose={onClose}
    >
      <div className="product-form-cols">
        <div>
          {editing || fixedSupplier ? (
            <p className="bo-fixed-supplier">
              <span className="muted">{t('product.supplier')}</span> <strong>{fixedSupplierName ?? product?.supplierName ?? '—'}</strong>
            </p>
          ) : (
            <Field label={t('product.supplier')} error={errors.supplierId} required>
              <select
                className="input"
                value={supplierId}
                onChange={(e) => {
                  setSupplierId(e.target.value);
                  clearErr('supplierId');
                }}
              >
                <SupplierOptions suppliers={suppliers} />
              </select>
            </Field>
          )}
          <Field label={t('product.name')} error={errors.name} required>
            <input
              className="input"
              value={name}
              maxLength={120}
              data-autofocus
              onChange={(e) => {
                setName(e.target.value);
                clearErr('name');
              }}
            />
          </Field>
          <div className="form-grid">
            <Field label={t('product.category')} error={errors.category}>
              <input className="input" value={category} maxLength={60} onChange={(e) => setCategory(e.target.value)} list="bo-category-suggestions" />
            </Field>
            <Field label={t('product.unit')} error={errors.unit}>
              <input className="input" value={unit} maxLength={20} onChange={(e) => setUnit(e.target.value)} />
            </Field>
          </div>
          <datalist id="bo-category-suggestions">
            {CATEGORY_SUGGESTIONS.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
          <Field label={t('product.barcode')} error={errors.barcode} hint={generate ? t('bo.product.generateHint') : t('bo.product.barcodeHint')}>
            <input
              className="input mono"
              value={generate ? '' : barcode}
              placeholder={generate ? t('bo.product.generatePlaceholder') : '899…'}
              maxLength={32}
              // The pack's barcode is scanned here: the one field of a dialog that takes a scan as typed.
              data-takes-scans
              disabled={generate}
              onChange={(e) => {
                setBarcode(e.target.value);
                clearErr('barcode');
              }}
            />
          </Field>
          <label className="check check-tight">
            <input
              type="checkbox"
              checked={generate}
              onChange={(e) => {
                setGenerate(e.target.checked);
                clearErr('barcode');
              }}
            />
            <span>{t('bo.product.generate')}</span>
          </label>
        </div>
        <div>
          <Field label={t('product.sellPrice')} error={errors.sellPrice} required>
            <RupiahInput
              value={sellPrice}
              aria-label={t('product.sellPrice')}
              onValueChange={(v, text) => {
                sellField.onValueChange(v, text);
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
                aria-label={t('product.supplierPrice')}
                onValueChange={(v, text) => {
                  supplierField.onValueChange(v, text);
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
            <Field label={t('bo.product.minStock')} error={errors.minStock}>
              <input
                className="input"
                inputMode="numeric"
                value={minStock}
                maxLength={6}
                onChange={(e) => {
                  setMinStock(e.target.value.replace(/\D/g, ''));
                  clearErr('minStock');
                }}
              />
            </Field>
            <label className="check">
              <input type="checkbox" checked={trackExpiry} onChange={(e) => setTrackExpiry(e.target.checked)} />
              <span>{t('product.trackExpiry')}</span>
            </label>
          </div>
        </div>
      </div>
      {editing && <div className="notice notice-info notice-compact">{t('bo.product.newIntakesOnly')}</div>}
      <ErrorNotice error={error} />
    </FormDialog>
  );
}
