import { useState, type FormEvent } from 'react';
import { call } from '../../api';
import { useT, type MessageKey } from '../../i18n';
import { SULTRA_DISTRICTS } from '../../../../shared/districts';
import type { Supplier } from '../../../../shared/types';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { apiFieldError, presentFields } from '../../lib/form';
import { useSuppliers } from './use-suppliers';

const FIELDS = ['name', 'ownerName', 'phone', 'address', 'district', 'bankName', 'bankAccount', 'bankHolder'] as const;
type FieldName = (typeof FIELDS)[number];
const EMPTY: Record<FieldName, string> = { name: '', ownerName: '', phone: '', address: '', district: '', bankName: '', bankAccount: '', bankHolder: '' };
const SERVER_FIELDS = Object.fromEntries(FIELDS.map((f) => [f, f])) as Record<string, FieldName>;

const LABELS: Record<FieldName, MessageKey> = {
  name: 'supplier.name',
  ownerName: 'supplier.owner',
  phone: 'supplier.phone',
  address: 'supplier.address',
  district: 'supplier.district',
  bankName: 'supplier.bankName',
  bankAccount: 'supplier.bankAccount',
  bankHolder: 'supplier.bankHolder',
};

/** Suppliers (pemasok UMKM): list, search, add. */
export function SuppliersScreen() {
  const t = useT();
  const list = useSuppliers();
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Supplier | null>(null);

  const set = (name: FieldName) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    setValues((v) => ({ ...v, [name]: e.target.value }));
    setErrors((x) => ({ ...x, [name]: undefined }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!values.name.trim()) {
      setErrors({ name: t('form.required') });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const s = await call('suppliers.create', { name: values.name.trim(), ...presentFields(values, FIELDS.filter((f) => f !== 'name')) });
      setCreated(s);
      setValues(EMPTY);
      setErrors({});
      void list.reload();
    } catch (err) {
      const fe = apiFieldError(err, SERVER_FIELDS);
      if (fe) setErrors({ [fe.field]: fe.message });
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const text = (name: FieldName, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <Field label={t(LABELS[name])} error={errors[name]} required={name === 'name'}>
      <input className="input" name={name} value={values[name]} onChange={set(name)} {...props} />
    </Field>
  );

  return (
    <div className="bo-split">
      <section className="card bo-list">
        <div className="bo-toolbar">
          <input
            className="input input-search"
            type="search"
            placeholder={t('supplier.search')}
            aria-label={t('supplier.search')}
            value={list.query}
            onChange={(e) => list.setQuery(e.target.value)}
          />
          <span className="muted">{t('common.count', { n: list.suppliers.length })}</span>
        </div>
        <ErrorNotice error={list.error} />
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t('supplier.code')}</th>
                <th>{t('supplier.name')}</th>
                <th>{t('supplier.owner')}</th>
                <th>{t('supplier.district')}</th>
                <th>{t('supplier.phone')}</th>
              </tr>
            </thead>
            <tbody>
              {list.suppliers.map((s) => (
                <tr key={s.id} className={created?.id === s.id ? 'row-new' : ''}>
                  <td className="mono">{s.code}</td>
                  <td className="strong">{s.name}</td>
                  <td>{s.ownerName ?? '—'}</td>
                  <td>{s.district ?? '—'}</td>
                  <td>{s.phone ?? '—'}</td>
                </tr>
              ))}
              {!list.loading && list.suppliers.length === 0 && (
                <tr>
                  <td colSpan={5} className="empty-cell">
                    {t('supplier.none')}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </section>

      <form className="card bo-form" onSubmit={submit} noValidate>
        <h2>{t('supplier.new')}</h2>
        {created && (
          <div className="notice notice-success" role="status">
            {t('supplier.created', { code: created.code, name: created.name })}
          </div>
        )}
        {text('name', { maxLength: 120 })}
        <div className="form-grid">
          {text('ownerName', { maxLength: 120 })}
          {text('phone', { maxLength: 40, inputMode: 'tel' })}
        </div>
        {text('address', { maxLength: 300 })}
        <Field label={t('supplier.district')} error={errors.district}>
          <select className="input" value={values.district} onChange={set('district')}>
            <option value="">{t('supplier.districtNone')}</option>
            {SULTRA_DISTRICTS.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </Field>
        <div className="form-grid">
          {text('bankName', { maxLength: 80 })}
          {text('bankAccount', { maxLength: 40, inputMode: 'numeric' })}
        </div>
        {text('bankHolder', { maxLength: 120 })}
        <ErrorNotice error={error} />
        <button type="submit" className="btn btn-primary btn-lg btn-block" disabled={busy}>
          {busy ? t('common.saving') : t('supplier.save')}
        </button>
      </form>
    </div>
  );
}
