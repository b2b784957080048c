import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { call } from '../../api';
import { useT } from '../../i18n';
import type { Role, UserView } from '../../../../shared/types';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { roleKey } from '../../components/user-chip';
import { apiFieldError } from '../../lib/form';

type FieldName = 'name' | 'username' | 'role' | 'pin' | 'pinConfirm';
const SERVER_FIELDS: Record<string, FieldName> = { name: 'name', username: 'username', role: 'role', pin: 'pin' };
const ROLES: Role[] = ['cashier', 'manager', 'admin'];

/** Users (admin only): who may log in, with which role. */
export function UsersScreen() {
  const t = useT();
  const [users, setUsers] = useState<UserView[]>([]);
  const [listError, setListError] = useState<unknown>(null);
  const [values, setValues] = useState<Record<FieldName, string>>({ name: '', username: '', role: 'cashier', pin: '', pinConfirm: '' });
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<UserView | null>(null);

  const load = useCallback(() => {
    call('users.list', {})
      .then((u) => {
        setUsers(u);
        setListError(null);
      })
      .catch(setListError);
  }, []);
  useEffect(load, [load]);

  const set = (name: FieldName) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    setValues((v) => ({ ...v, [name]: e.target.value }));
    setErrors((x) => ({ ...x, [name]: undefined }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: Partial<Record<FieldName, string>> = {};
    if (!values.name.trim()) errs.name = t('form.required');
    if (!/^[a-zA-Z0-9._-]{2,32}$/.test(values.username.trim())) errs.username = t('setup.usernameRule');
    if (!/^\d{4,8}$/.test(values.pin)) errs.pin = t('setup.pinRule');
    else if (values.pin !== values.pinConfirm) errs.pinConfirm = t('setup.pinMismatch');
    setErrors(errs);
    setError(null);
    if (Object.keys(errs).length > 0) return;
    setBusy(true);
    try {
      const u = await call('users.create', {
        name: values.name.trim(),
        username: values.username.trim(),
        role: values.role as Role,
        pin: values.pin,
      });
      setCreated(u);
      setValues({ name: '', username: '', role: 'cashier', pin: '', pinConfirm: '' });
      load();
    } catch (err) {
      const fe = apiFieldError(err, SERVER_FIELDS);
      if (fe) setErrors({ [fe.field]: fe.message });
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="bo-split">
      <section className="card bo-list">
        <ErrorNotice error={listError} />
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t('users.name')}</th>
                <th>{t('users.username')}</th>
                <th>{t('users.role')}</th>
                <th>{t('users.status')}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} className={created?.id === u.id ? 'row-new' : ''}>
                  <td className="strong">{u.name}</td>
                  <td className="mono">{u.username}</td>
                  <td>
                    <span className={`badge badge-role-${u.role}`}>{t(roleKey(u.role))}</span>
                  </td>
                  <td>{u.active ? t('users.active') : t('users.inactive')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <form className="card bo-form" onSubmit={submit} noValidate>
        <h2>{t('users.new')}</h2>
        {created && (
          <div className="notice notice-success" role="status">
            {t('users.created', { name: created.name })}
          </div>
        )}
        <Field label={t('users.name')} error={errors.name} required>
          <input className="input" value={values.name} maxLength={80} onChange={set('name')} />
        </Field>
        <Field label={t('users.username')} error={errors.username} required>
          <input className="input" value={values.username} maxLength={32} autoCapitalize="off" spellCheck={false} onChange={set('username')} />
        </Field>
        <Field label={t('users.role')} error={errors.role} required>
          <select className="input" value={values.role} onChange={set('role')}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(roleKey(r))}
              </option>
            ))}
          </select>
        </Field>
        <div className="form-grid">
          <Field label={t('setup.pin')} error={errors.pin} required>
            <input className="input" type="password" inputMode="numeric" maxLength={8} autoComplete="new-password" value={values.pin} onChange={set('pin')} />
          </Field>
          <Field label={t('setup.pinConfirm')} error={errors.pinConfirm} required>
            <input
              className="input"
              type="password"
              inputMode="numeric"
              maxLength={8}
              autoComplete="new-password"
              value={values.pinConfirm}
              onChange={set('pinConfirm')}
            />
          </Field>
        </div>
        <ErrorNotice error={error} />
        <button type="submit" className="btn btn-primary btn-lg btn-block" disabled={busy}>
          {busy ? t('common.saving') : t('users.save')}
        </button>
      </form>
    </div>
  );
}
