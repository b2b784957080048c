import { useSession } from '../../app/session';
import { useState, type FormEvent } from 'react';
import './till-operations.css';
import { ApiError, call } from '../../api';
import { useT } from '../../i18n';
import { fieldMessage } from '../../i18n/errors';
import type { PaymentMethod } from '../../../../shared/printer';
import { parseQris, QrisError } from '../../../../shared/qris';
import type { CashRounding } from '../../../../shared/types-till';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { bpsToPercent, percentToBps } from '../../lib/form';
import { useData } from '../../lib/use-data';
import { METHOD_LABEL } from './payment-dialog';

const ALL_METHODS: PaymentMethod[] = ['cash', 'qris', 'debit', 'transfer', 'ewallet'];

interface Values {
  shopName: string;
  shopAddress: string;
  shopPhone: string;
  receiptFooter: string;
  discountLimit: string;
  cashRounding: CashRounding;
  paymentMethods: PaymentMethod[];
  qrisPayload: string;
}

type FieldName = keyof Values;
const SERVER_FIELDS: Record<string, FieldName> = {
  shopName: 'shopName',
  shopAddress: 'shopAddress',
  shopPhone: 'shopPhone',
  receiptFooter: 'receiptFooter',
  discountLimitBps: 'discountLimit',
  cashRounding: 'cashRounding',
  paymentMethods: 'paymentMethods',
  qrisPayload: 'qrisPayload',
};

/** What is wrong with a QRIS text (checked here first; the server checks again), or null. */
export function qrisCheck(text: string): { problem: string | null; merchant: string | null } {
  if (!text.trim()) return { problem: null, merchant: null };
  try {
    const info = parseQris(text.trim());
    return { problem: null, merchant: `${info.merchantName}, ${info.merchantCity}${info.merchantId ? ` · ${info.merchantId}` : ''}` };
  } catch (err) {
    return { problem: err instanceof QrisError ? err.message : String(err), merchant: null };
  }
}

/** Shop settings (admin), in the back office under Sistem → Pengaturan toko: receipt header and footer, discount limit, cash rounding, payment methods, QRIS. */
export function SettingsScreen() {
  const t = useT();
  const { reloadShop } = useSession();
  const [values, setValues] = useState<Values | null>(null);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  // The saved settings seed the form once; the form is what the screen shows from then on.
  const loaded = useData(async () => {
    const s = await call('settings.get', {});
    setValues({
      shopName: s.shopName,
      shopAddress: s.shopAddress ?? '',
      shopPhone: s.shopPhone ?? '',
      receiptFooter: s.receiptFooter ?? '',
      discountLimit: bpsToPercent(s.discountLimitBps).replace('%', ''),
      cashRounding: s.cashRounding,
      paymentMethods: s.paymentMethods,
      qrisPayload: s.qrisPayload ?? '',
    });
    return s;
  }, []);

  const set = (k: FieldName, v: Values[FieldName]) => {
    setValues((cur) => (cur ? { ...cur, [k]: v } : cur));
    setErrors((e) => ({ ...e, [k]: undefined }));
    setSaved(false);
  };

  const qris = values ? qrisCheck(values.qrisPayload) : { problem: null, merchant: null };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!values) return;
    const errs: Partial<Record<FieldName, string>> = {};
    if (!values.shopName.trim()) errs.shopName = t('form.required');
    const bps = percentToBps(values.discountLimit);
    if (bps === null) errs.discountLimit = t('tx.set.limitRule');
    if (values.paymentMethods.length === 0) errs.paymentMethods = t('tx.set.methodsRule');
    if (qris.problem) errs.qrisPayload = qris.problem;
    setErrors(errs);
    setError(null);
    setSaved(false);
    if (Object.keys(errs).length > 0) return;
    setBusy(true);
    try {
      await call('settings.update', {
        shopName: values.shopName.trim(),
        shopAddress: values.shopAddress.trim(),
        shopPhone: values.shopPhone.trim(),
        receiptFooter: values.receiptFooter.trim(),
        discountLimitBps: bps!,
        cashRounding: values.cashRounding,
        paymentMethods: ALL_METHODS.filter((m) => values.paymentMethods.includes(m)),
        qrisPayload: values.qrisPayload.trim(),
      });
      setSaved(true);
      // The header and every screen show the new name at once, not after the next login.
      reloadShop();
    } catch (err) {
      const field = err instanceof ApiError && err.field ? SERVER_FIELDS[err.field.split('.')[0]!] : undefined;
      if (field && err instanceof ApiError) setErrors({ [field]: fieldMessage(err) });
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="settings-page">
      <ErrorNotice error={error ?? loaded.error} />
      {!values ? (
        !error && <div className="spinner" />
      ) : (
        <form className="settings-grid" onSubmit={submit} noValidate data-testid="settings-form">
          <section className="card settings-card">
            <h2>{t('tx.set.shop')}</h2>
            <Field label={t('tx.set.shopName')} required error={errors.shopName}>
              <input className="input" value={values.shopName} maxLength={120} onChange={(e) => set('shopName', e.target.value)} />
            </Field>
            <Field label={t('tx.set.address')} error={errors.shopAddress}>
              <textarea className="input" rows={2} value={values.shopAddress} maxLength={300} onChange={(e) => set('shopAddress', e.target.value)} />
            </Field>
            <Field label={t('tx.set.phone')} error={errors.shopPhone}>
              <input className="input" value={values.shopPhone} maxLength={40} onChange={(e) => set('shopPhone', e.target.value)} />
            </Field>
            <Field label={t('tx.set.footer')} error={errors.receiptFooter} hint={t('tx.set.footerHint')}>
              <textarea className="input" rows={2} value={values.receiptFooter} maxLength={300} onChange={(e) => set('receiptFooter', e.target.value)} />
            </Field>
          </section>
          <section className="card settings-card">
            <h2>{t('tx.set.till')}</h2>
            <Field label={t('tx.set.limit')} error={errors.discountLimit} hint={t('tx.set.limitHint')}>
              <input className="input settings-short" inputMode="decimal" value={values.discountLimit} onChange={(e) => set('discountLimit', e.target.value)} />
            </Field>
            <div className="field">
              <span className="label">{t('tx.set.rounding')}</span>
              <div className="radio-row">
                {(['none', '100'] as const).map((r) => (
                  <label key={r} className="check-label">
                    <input type="radio" name="rounding" checked={values.cashRounding === r} onChange={() => set('cashRounding', r)} />{' '}
                    {r === 'none' ? t('tx.set.roundNone') : t('tx.set.round100')}
                  </label>
                ))}
              </div>
            </div>
            <div className={`field ${errors.paymentMethods ? 'field-invalid' : ''}`}>
              <span className="label">{t('tx.set.methods')}</span>
              <div className="radio-row">
                {ALL_METHODS.map((m) => (
                  <label key={m} className="check-label">
                    <input
                      type="checkbox"
                      checked={values.paymentMethods.includes(m)}
                      onChange={(e) =>
                        set('paymentMethods', e.target.checked ? [...values.paymentMethods, m] : values.paymentMethods.filter((x) => x !== m))
                      }
                    />{' '}
                    {t(METHOD_LABEL[m])}
                  </label>
                ))}
              </div>
              {errors.paymentMethods && <div className="field-error">{errors.paymentMethods}</div>}
            </div>
            <Field label={t('tx.set.qris')} error={errors.qrisPayload} hint={qris.merchant ? t('tx.set.qrisOk', { merchant: qris.merchant }) : t('tx.set.qrisHint')}>
              <textarea
                className="input mono qris-textarea"
                rows={4}
                value={values.qrisPayload}
                maxLength={512}
                spellCheck={false}
                placeholder={t('tx.set.qrisPlaceholder')}
                onChange={(e) => set('qrisPayload', e.target.value)}
                data-testid="qris-payload"
              />
            </Field>
            {qris.problem && !errors.qrisPayload && (
              <div className="notice notice-error notice-compact" role="alert" data-testid="qris-problem">
                <strong>{t('tx.set.qrisBad')}</strong>
                <span className="notice-detail">{qris.problem}</span>
              </div>
            )}
          </section>
          <div className="settings-actions">
            {saved && (
              <span className="notice notice-success notice-compact" role="status">
                {t('tx.set.saved')}
              </span>
            )}
            <button type="submit" className="btn btn-primary btn-lg" disabled={busy}>
              {busy ? t('common.saving') : t('common.save')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
