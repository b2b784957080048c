import { useState, type FormEvent } from 'react';
import { call } from '../../../api';
import { useT, type MessageKey } from '../../../i18n';
import { SULTRA_DISTRICTS } from '../../../../../shared/districts';
import type { Supplier } from '../../../../../shared/types';
import { ErrorNotice } from '../../../components/error-notice';
import { Field } from '../../../components/field';
import { presentFields, showSaveError } from '../../../lib/form';
import { FormDialog } from '../form-dialog';
import { changedFields } from '../logic';
import { isSupplierPhone, NIB_PATTERN, supplierBankProblems, type SupplierProblem } from '../../../../../shared/contract-kit';

const FIELDS = ['name', 'ownerName', 'phone', 'address', 'district', 'bankName', 'bankAccount', 'bankHolder', 'nib'] as const;
type FieldName = (typeof FIELDS)[number];
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
  nib: 'bo.supplier.nib',
};

const valuesOf = (s: Supplier | null): Record<FieldName, string> =>
  Object.fromEntries(FIELDS.map((f) => [f, s ? (s[f] ?? '') : ''])) as Record<FieldName, string>;

/** The form's words for the contract's phone and bank problems (the server gives the same, in Indonesian). */
const PROBLEMS: Record<SupplierProblem, MessageKey> = {
  phoneInvalid: 'bo.supplier.phoneInvalid',
  bankAccountInvalid: 'bo.supplier.bankAccountInvalid',
  bankAccountRequired: 'bo.supplier.bankAccountRequired',
  bankNameRequired: 'bo.supplier.bankNameRequired',
  bankHolderRequired: 'bo.supplier.bankHolderRequired',
};
const BANK_FIELDS = ['bankName', 'bankAccount', 'bankHolder'] as const;

/**
 * What the form refuses before sending, every field at once. A new supplier is checked whole; an
 * edit only where it changes something (a phone or account written before these rules still loads,
 * and saving other fields leaves it be), and the bank details as a set once any of them changes.
 */
function problemsOf(values: Record<FieldName, string>, supplier: Supplier | null): Partial<Record<FieldName, SupplierProblem | 'required' | 'nib'>> {
  const out: Partial<Record<FieldName, SupplierProblem | 'required' | 'nib'>> = {};
  const changed = (f: FieldName) => !supplier || values[f].trim() !== (supplier[f] ?? '').trim();
  if (!values.name.trim()) out.name = 'required';
  const nib = values.nib.trim();
  if (nib && changed('nib') && !NIB_PATTERN.test(nib)) out.nib = 'nib';
  const phone = values.phone.trim();
  if (phone && changed('phone') && !isSupplierPhone(phone)) out.phone = 'phoneInvalid';
  if (BANK_FIELDS.some(changed)) {
    for (const p of supplierBankProblems(values)) out[p.field] ??= p.problem;
  }
  return out;
}

/** Create or edit a supplier (pemasok UMKM) in a dialog. */
export function SupplierFormDialog({ supplier, onSaved, onClose }: { supplier: Supplier | null; onSaved(s: Supplier): void; onClose(): void }) {
  const t = useT();
  const [values, setValues] = useState(() => valuesOf(supplier));
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const set = (name: FieldName) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    setValues((v) => ({ ...v, [name]: e.target.value }));
    setErrors((x) => ({ ...x, [name]: undefined }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    e.stopPropagation();
    const problems = Object.entries(problemsOf(values, supplier)) as [FieldName, SupplierProblem | 'required' | 'nib'][];
    if (problems.length > 0) {
      const word = (p: SupplierProblem | 'required' | 'nib') => t(p === 'required' ? 'form.required' : p === 'nib' ? 'bo.supplier.nibInvalid' : PROBLEMS[p]);
      setErrors(Object.fromEntries(problems.map(([f, p]) => [f, word(p)])));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      let saved: Supplier;
      if (supplier) {
        // Only what changed; an emptied optional field is cleared with null.
        const { name, ...rest } = changedFields(supplier, values, FIELDS, ['name']);
        const changes = { ...(name ? { name } : {}), ...rest };
        saved = Object.keys(changes).length > 0 ? await call('suppliers.update', { id: supplier.id, ...changes }) : supplier;
      } else {
        saved = await call('suppliers.create', { name: values.name.trim(), ...presentFields(values, FIELDS.filter((f) => f !== 'name')) });
      }
      onSaved(saved);
    } catch (err) {
      showSaveError(err, SERVER_FIELDS, setErrors, setError);
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
    <FormDialog
      title={supplier ? t('bo.supplier.editTitle', { code: supplier.code }) : t('supplier.new')}
      formId="supplier-form"
      formClassName="bo-dialog-form"
      saveLabel={t('supplier.save')}
      busy={busy}
      onSubmit={submit}
      onClose={onClose}
    >
      <fieldset className="form-section">
        <legend>{t('bo.supplier.sectionBusiness')}</legend>
        <div className="form-grid">
          {text('name', { maxLength: 120, 'data-autofocus': true } as React.InputHTMLAttributes<HTMLInputElement>)}
          {text('ownerName', { maxLength: 120 })}
        </div>
        <div className="form-grid">
          {text('phone', { maxLength: 40, inputMode: 'tel', placeholder: '0813 7828 7889' })}
          <Field label={t('supplier.district')} error={errors.district}>
            <select className="input" name="district" value={values.district} onChange={set('district')}>
              <option value="">{t('supplier.districtNone')}</option>
              {SULTRA_DISTRICTS.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
              {values.district && !(SULTRA_DISTRICTS as readonly string[]).includes(values.district) && <option value={values.district}>{values.district}</option>}
            </select>
          </Field>
        </div>
        {text('address', { maxLength: 300 })}
        <Field label={t('bo.supplier.nib')} error={errors.nib} hint={t('bo.supplier.nibHelp')}>
          <input className="input mono" name="nib" value={values.nib} onChange={set('nib')} inputMode="numeric" maxLength={13} autoComplete="off" />
        </Field>
      </fieldset>
      <fieldset className="form-section">
        <legend>{t('bo.supplier.sectionBank')}</legend>
        <p className="muted">{t('bo.supplier.bankHelp')}</p>
        <div className="form-grid form-grid-3">
          {text('bankName', { maxLength: 80, placeholder: 'BRI, BNI, Mandiri, Bank Sultra…' })}
          {text('bankAccount', { maxLength: 40, inputMode: 'numeric' })}
          {text('bankHolder', { maxLength: 120 })}
        </div>
      </fieldset>
      <ErrorNotice error={error} />
    </FormDialog>
  );
}
