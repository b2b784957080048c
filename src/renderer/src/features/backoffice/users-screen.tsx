import { useState, type FormEvent } from 'react';
import { call } from '../../api';
import { useT } from '../../i18n';
import type { Role, UserView } from '../../../../shared/types';
import { Dialog } from '../../components/dialog';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { roleKey } from '../../components/user-chip';
import { showSaveError } from '../../lib/form';
import { useData } from '../../lib/use-data';
import { SaveFoot } from '../../components/dialog-parts';
import { MAX_PIN } from '../login/pin-pad';

type FieldName = 'name' | 'username' | 'role' | 'pin' | 'pinConfirm';
const SERVER_FIELDS: Record<string, FieldName> = { name: 'name', username: 'username', role: 'role', pin: 'pin' };
const ROLES: Role[] = ['cashier', 'manager', 'admin'];

/**
 * A new PIN: digits only (anything else is dropped as typed or pasted), at most MAX_PIN (8) like the
 * login's, which is what the server takes (4–8 digits, contract-kit `pin`); hidden, never filled in
 * by the browser. `Field` hands it its id and aria.
 */
function PinInput({
  value,
  onChange,
  autoFocus,
  ...aria
}: { value: string; onChange(pin: string): void; autoFocus?: boolean } & Pick<React.InputHTMLAttributes<HTMLInputElement>, 'id' | 'aria-invalid' | 'aria-describedby'>) {
  return (
    <input
      {...aria}
      className="input"
      type="password"
      inputMode="numeric"
      maxLength={MAX_PIN}
      autoComplete="new-password"
      value={value}
      onChange={(e) => onChange(e.target.value.replace(/\D/g, '').slice(0, MAX_PIN))}
      {...(autoFocus ? { 'data-autofocus': true } : {})}
    />
  );
}

/** The roles, least to most rights, in the user's words. */
function RoleOptions() {
  const t = useT();
  return (
    <>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {t(roleKey(r))}
        </option>
      ))}
    </>
  );
}

/** Users (admin only): who may log in, with which role. */
export function UsersScreen() {
  const t = useT();
  const [values, setValues] = useState<Record<FieldName, string>>({ name: '', username: '', role: 'cashier', pin: '', pinConfirm: '' });
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<UserView | null>(null);
  const [editing, setEditing] = useState<{ user: UserView; mode: 'edit' | 'pin' } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const list = useData(() => call('users.list', {}), []);
  const users: UserView[] = list.data ?? [];
  const listError = list.error;
  const load = () => void list.reload();

  const setValue = (name: FieldName, value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors((x) => ({ ...x, [name]: undefined }));
  };
  const set = (name: FieldName) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setValue(name, e.target.value);

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
      showSaveError(err, SERVER_FIELDS, setErrors, setError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="bo-split">
      <section className="card bo-list">
        <ErrorNotice error={listError} />
        {saved && (
          <div className="notice notice-success notice-compact" role="status">
            {saved}
          </div>
        )}
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t('users.name')}</th>
                <th>{t('users.username')}</th>
                <th>{t('users.role')}</th>
                <th>{t('users.status')}</th>
                <th />
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
                  <td>{u.active ? t('users.active') : <span className="badge badge-failed">{t('users.inactive')}</span>}</td>
                  <td className="row-actions">
                    <button type="button" className="btn btn-secondary btn-sm" onClick={() => setEditing({ user: u, mode: 'edit' })}>
                      {t('tx.users.edit')}
                    </button>
                    <button type="button" className="btn btn-ghost btn-sm" onClick={() => setEditing({ user: u, mode: 'pin' })}>
                      {t('tx.users.resetPin')}
                    </button>
                  </td>
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
            <RoleOptions />
          </select>
        </Field>
        <div className="form-grid">
          <Field label={t('setup.pin')} error={errors.pin} required>
            <PinInput value={values.pin} onChange={(pin) => setValue('pin', pin)} />
          </Field>
          <Field label={t('setup.pinConfirm')} error={errors.pinConfirm} required>
            <PinInput value={values.pinConfirm} onChange={(pin) => setValue('pinConfirm', pin)} />
          </Field>
        </div>
        <ErrorNotice error={error} />
        <button type="submit" className="btn btn-primary btn-lg btn-block" disabled={busy}>
          {busy ? t('common.saving') : t('users.save')}
        </button>
      </form>
      {editing && (
        <UserDialog
          user={editing.user}
          mode={editing.mode}
          onClose={() => setEditing(null)}
          onSaved={(message) => {
            setEditing(null);
            setSaved(message);
            load();
          }}
        />
      )}
    </div>
  );
}

/** Edit a user's name, role and whether he may log in; or set a new PIN (admin). */
function UserDialog({ user, mode, onClose, onSaved }: { user: UserView; mode: 'edit' | 'pin'; onClose(): void; onSaved(message: string): void }) {
  const t = useT();
  const [name, setName] = useState(user.name);
  const [role, setRole] = useState<Role>(user.role);
  const [active, setActive] = useState(user.active);
  const [pin, setPin] = useState('');
  const [pin2, setPin2] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFieldError(null);
    setError(null);
    if (mode === 'edit' && !name.trim()) return setFieldError(t('form.required'));
    if (mode === 'pin') {
      if (!/^\d{4,8}$/.test(pin)) return setFieldError(t('setup.pinRule'));
      if (pin !== pin2) return setFieldError(t('setup.pinMismatch'));
    }
    setBusy(true);
    try {
      if (mode === 'edit') {
        await call('users.update', {
          id: user.id,
          ...(name.trim() !== user.name ? { name: name.trim() } : {}),
          ...(role !== user.role ? { role } : {}),
          ...(active !== user.active ? { active } : {}),
        });
        onSaved(t('tx.users.saved', { name: name.trim() }));
      } else {
        await call('users.resetPin', { id: user.id, pin });
        onSaved(t('tx.users.pinReset', { name: user.name }));
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={mode === 'edit' ? t('tx.users.editTitle', { name: user.username }) : t('tx.users.pinTitle', { name: user.username })} size="sm" onClose={onClose}>
      <form onSubmit={submit} noValidate data-testid="user-dialog">
        {mode === 'edit' ? (
          <>
            <Field label={t('users.name')} required error={fieldError}>
              <input className="input" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} data-autofocus />
            </Field>
            <Field label={t('users.role')} required>
              <select className="input" value={role} onChange={(e) => setRole(e.target.value as Role)}>
                <RoleOptions />
              </select>
            </Field>
            <label className="check-label">
              <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> {t('tx.users.activeLabel')}
            </label>
            {!active && user.active && <div className="notice notice-info notice-compact">{t('tx.users.deactivateHint')}</div>}
          </>
        ) : (
          <>
            <p className="muted">{t('tx.users.pinHint')}</p>
            <Field label={t('setup.pin')} required error={fieldError}>
              <PinInput value={pin} onChange={setPin} autoFocus />
            </Field>
            <Field label={t('setup.pinConfirm')} required>
              <PinInput value={pin2} onChange={setPin2} />
            </Field>
          </>
        )}
        <SaveFoot error={error} busy={busy} onClose={onClose} />
      </form>
    </Dialog>
  );
}
