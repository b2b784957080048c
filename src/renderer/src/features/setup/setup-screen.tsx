import { useState, type FormEvent } from 'react';
import { ApiError, call } from '../../api';
import { useT, type MessageKey } from '../../i18n';
import { fieldMessage } from '../../i18n/errors';
import { AuthLayout } from '../../components/auth-layout';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { MAX_PIN } from '../login/pin-pad';

type FieldName = 'shopName' | 'address' | 'adminName' | 'username' | 'pin' | 'pinConfirm';
type Errors = Partial<Record<FieldName, string>>;

/** The server names fields by their path in the request. */
const SERVER_FIELDS: Record<string, FieldName> = {
  shopName: 'shopName',
  address: 'address',
  'admin.name': 'adminName',
  'admin.username': 'username',
  'admin.pin': 'pin',
};

const PIN_RE = /^\d{4,8}$/;
const USERNAME_RE = /^[a-zA-Z0-9._-]{2,32}$/;

/** First run: the shop's name and the first administrator. */
export function SetupScreen({ onDone }: { onDone(username: string): void }) {
  const t = useT();
  const [values, setValues] = useState<Record<FieldName, string>>({
    shopName: 'PLUT Sultra',
    address: '',
    adminName: '',
    username: 'admin',
    pin: '',
    pinConfirm: '',
  });
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const set = (name: FieldName) => (e: React.ChangeEvent<HTMLInputElement>) => {
    // A PIN is digits only, as typed or pasted (the login's and the users screen's rule).
    const value = name === 'pin' || name === 'pinConfirm' ? e.target.value.replace(/\D/g, '').slice(0, MAX_PIN) : e.target.value;
    setValues((v) => ({ ...v, [name]: value }));
    setErrors((x) => ({ ...x, [name]: undefined }));
  };

  const validate = (): Errors => {
    const out: Errors = {};
    const need = (name: FieldName) => {
      if (!values[name].trim()) out[name] = t('form.required');
    };
    need('shopName');
    need('adminName');
    if (!USERNAME_RE.test(values.username.trim())) out.username = t('setup.usernameRule');
    if (!PIN_RE.test(values.pin)) out.pin = t('setup.pinRule');
    else if (values.pin !== values.pinConfirm) out.pinConfirm = t('setup.pinMismatch');
    return out;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = validate();
    setErrors(found);
    setError(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const username = values.username.trim();
      await call('setup.init', {
        shopName: values.shopName.trim(),
        ...(values.address.trim() ? { address: values.address.trim() } : {}),
        admin: { name: values.adminName.trim(), username, pin: values.pin },
      });
      onDone(username.toLowerCase());
    } catch (err) {
      const field = err instanceof ApiError && err.field ? SERVER_FIELDS[err.field] : undefined;
      if (field && err instanceof ApiError) setErrors({ [field]: fieldMessage(err) });
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const input = (name: FieldName, label: MessageKey, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <Field label={t(label)} error={errors[name]} required={name !== 'address'}>
      <input className="input" name={name} value={values[name]} onChange={set(name)} {...props} />
    </Field>
  );

  return (
    <AuthLayout wide>
      <form onSubmit={submit} noValidate>
        <h2 className="card-title">{t('setup.title')}</h2>
        <p className="muted">{t('setup.intro')}</p>
        <fieldset className="form-section">
          <legend>{t('setup.shopSection')}</legend>
          {input('shopName', 'setup.shopName', { autoFocus: true, maxLength: 120 })}
          {input('address', 'setup.address', { maxLength: 300 })}
        </fieldset>
        <fieldset className="form-section">
          <legend>{t('setup.adminSection')}</legend>
          <div className="form-grid">
            {input('adminName', 'setup.adminName', { maxLength: 80 })}
            {input('username', 'setup.username', { maxLength: 32, autoCapitalize: 'off', spellCheck: false })}
            {input('pin', 'setup.pin', { type: 'password', inputMode: 'numeric', maxLength: MAX_PIN, autoComplete: 'new-password' })}
            {input('pinConfirm', 'setup.pinConfirm', { type: 'password', inputMode: 'numeric', maxLength: MAX_PIN, autoComplete: 'new-password' })}
          </div>
        </fieldset>
        <ErrorNotice error={error} />
        <button type="submit" className="btn btn-primary btn-lg btn-block" disabled={busy}>
          {busy ? t('common.saving') : t('setup.submit')}
        </button>
      </form>
    </AuthLayout>
  );
}
