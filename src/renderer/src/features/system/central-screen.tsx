import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, call } from '../../api';
import { useLang, useT, type Translate } from '../../i18n';
import type { CentralStatus, CentralTls } from '../../../../shared/types-outlets';
import { useSession } from '../../app/session';
import { fieldMessage } from '../../i18n/errors';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { formatDateTime } from '../../lib/format';
import { useData } from '../../lib/use-data';
import { formatNumber } from '../../../../shared/money';
import './central.css';

const REFRESH_MS = 3000;

interface Form {
  outletCode: string;
  host: string;
  port: string;
  database: string;
  user: string;
  password: string;
  tls: CentralTls;
  pruneDays: string;
}

/** The fields a problem can be shown under (the form's keys are the contract's field names). */
type FormField = Exclude<keyof Form, 'tls'>;
const FORM_FIELDS: readonly FormField[] = ['outletCode', 'host', 'port', 'database', 'user', 'password', 'pruneDays'];
type FieldErrors = Partial<Record<FormField, string>>;

const OUTLET_CODE = /^[A-Z0-9]{2,8}$/;
const HOST = /^[A-Za-z0-9.:_-]{1,253}$/;

/** What the form refuses before contacting the head office, every field at once, in the screen's language. */
function checkForm(t: Translate, form: Form, status: CentralStatus): FieldErrors {
  const out: FieldErrors = {};
  const code = form.outletCode.trim().toUpperCase();
  if (!status.codeFrozen) {
    if (!code) out.outletCode = t('form.required');
    else if (!OUTLET_CODE.test(code)) out.outletCode = t('central.outletInvalid');
  }
  const host = form.host.trim();
  if (!host) out.host = t('form.required');
  else if (!HOST.test(host)) out.host = t('central.hostInvalid');
  if (form.port !== '' && (Number(form.port) < 1 || Number(form.port) > 65535)) out.port = t('central.portInvalid');
  if (!form.database.trim()) out.database = t('form.required');
  if (!form.user.trim()) out.user = t('form.required');
  // The saved password is kept only for the same user (see the forwarder's configure).
  const keepsPassword = status.connection?.hasPassword && status.connection.user === form.user.trim();
  if (form.password === '' && !keepsPassword) out.password = t('form.required');
  if (form.pruneDays !== '' && (Number(form.pruneDays) < 1 || Number(form.pruneDays) > 3650)) out.pruneDays = t('central.pruneDaysInvalid');
  return out;
}

/**
 * A refused save, sorted: the head office could not be reached or refused the test (the forwarder
 * answers VALIDATION on `host` with its own words and no list of input problems), problems of the
 * input under their fields (every one the server listed), or anything else for the form's notice.
 */
function sortSaveError(err: unknown): { unreachable: string } | { fields: FieldErrors } | { other: unknown } {
  if (!(err instanceof ApiError)) return { other: err };
  const details = err.details as { issues?: unknown } | undefined;
  const issues = Array.isArray(details?.issues) ? (details.issues as { field?: unknown; message?: unknown }[]) : null;
  if (err.code === 'VALIDATION' && err.field === 'host' && !issues) return { unreachable: err.message };
  const fields: FieldErrors = {};
  const named = issues ?? (err.field ? [{ field: err.field, message: fieldMessage(err) }] : []);
  for (const i of named) {
    const field = FORM_FIELDS.find((f) => f === i.field);
    if (!field || typeof i.message !== 'string') return { other: err };
    fields[field] ??= i.message;
  }
  return Object.keys(fields).length > 0 ? { fields } : { other: err };
}

const formOf = (s: CentralStatus): Form => ({
  outletCode: s.outletCode ?? '',
  host: s.connection?.host ?? '',
  port: String(s.connection?.port ?? 5432),
  database: s.connection?.database ?? '',
  user: s.connection?.user ?? '',
  password: '',
  tls: s.connection?.tls ?? 'prefer',
  pruneDays: String(s.pruneDays),
});

/** Back office → Sistem → Kantor pusat: forwarding this outlet's facts to the central PostgreSQL. */
export function CentralScreen() {
  const t = useT();
  const { lang } = useLang();
  const { isAdmin, shop } = useSession();
  const [form, setForm] = useState<Form | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  /** The head office's words why the test connection failed. */
  const [unreachable, setUnreachable] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);

  const central = useData(async () => {
    const s = await call('central.status', {});
    setForm((f) => f ?? formOf(s));
    return s;
  }, []);
  const status = central.data;
  const { reload, set: setStatus } = central;
  // A poll, not a load: the forwarder works in the background and the queue and state move on their
  // own. A failed poll keeps the last status on screen.
  useEffect(() => {
    const timer = setInterval(() => void reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const act = async (action: () => Promise<CentralStatus>, done?: string) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const s = await action();
      setStatus(s);
      if (done) setNotice(done);
      return s;
    } catch (err) {
      setError(err);
      return null;
    } finally {
      setBusy(false);
    }
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!form || !status) return;
    setNotice(null);
    setUnreachable(null);
    setSaveError(null);
    const problems = checkForm(t, form, status);
    setFieldErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      const s = await call('central.configure', {
        outletCode: form.outletCode.trim().toUpperCase(),
        host: form.host.trim(),
        port: Number(form.port) || 5432,
        database: form.database.trim(),
        user: form.user.trim(),
        password: form.password === '' ? undefined : form.password,
        tls: form.tls,
        pruneDays: Number(form.pruneDays) || undefined,
      });
      setStatus(s);
      setForm(formOf(s));
      setNotice(t('central.saved'));
    } catch (err) {
      const sorted = sortSaveError(err);
      if ('unreachable' in sorted) setUnreachable(sorted.unreachable);
      else if ('fields' in sorted) setFieldErrors(sorted.fields);
      else setSaveError(sorted.other);
    } finally {
      setBusy(false);
    }
  };

  if (!status || !form) return <ErrorNotice error={error ?? central.error} />;
  const when = (ms: number) => formatDateTime(ms, shop.timeZone, lang);
  const edit = (key: keyof Form, value: string) => {
    setForm({ ...form, [key]: value });
    setFieldErrors((x) => ({ ...x, [key]: undefined }));
  };
  const set = (key: keyof Form) => (e: { target: { value: string } }) => edit(key, e.target.value);
  const facts = (n: number) => t('central.facts', { n: formatNumber(n) });

  return (
    <div className="bo-split">
      <section className="card bo-form bo-form-wide" aria-live="polite">
        <h2>
          {t('nav.central')}{' '}
          <span className={`badge central-state central-state-${status.state}`} data-state={status.state}>
            {t(`central.state.${status.state}`)}
          </span>
        </h2>
        <p className="muted">{t('central.intro')}</p>
        {status.lastError && (
          <div className="notice notice-error" role="alert">
            <strong>{t('central.failedTitle')}</strong> — {status.lastError}
            {status.nextAttemptAt && (
              <div className="notice-detail">
                {t('central.nextAttempt')}: {when(status.nextAttemptAt)}
              </div>
            )}
          </div>
        )}
        {status.restoreNotice && (
          <div className="notice notice-warn" role="alert">
            <strong>{t('central.restoreTitle')}</strong>
            <p>{t('central.restoreText', { n: formatNumber(status.restoreNotice.centralSeq - status.restoreNotice.localSeq) })}</p>
            {isAdmin && (
              <button type="button" className="btn btn-secondary btn-sm" disabled={busy} onClick={() => void act(() => call('central.dismissNotice', {}))}>
                {t('central.dismiss')}
              </button>
            )}
          </div>
        )}
        <dl className="stat-list">
          <div>
            <dt>{t('central.outlet')}</dt>
            <dd>{status.outletCode ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('central.lastForwarded')}</dt>
            <dd className="central-when">{status.lastForwardedAt ? when(status.lastForwardedAt) : t('central.never')}</dd>
          </div>
          <div>
            <dt>{t('central.waiting')}</dt>
            <dd data-testid="central-waiting">{facts(status.waiting)}</dd>
          </div>
          {status.historyToPrepare > 0 && (
            <div>
              <dt>{t('central.history')}</dt>
              <dd>{facts(status.historyToPrepare)}</dd>
            </div>
          )}
          {status.tlsInUse !== null && (
            <div>
              <dt>{t('central.tls')}</dt>
              <dd>{status.tlsInUse ? t('central.yes') : t('central.no')}</dd>
            </div>
          )}
        </dl>
        {notice && (
          <div className="notice notice-success" role="status">
            {notice}
          </div>
        )}
        <ErrorNotice error={error} />
        {status.state !== 'off' && (
          <div className="btn-row">
            <button type="button" className="btn btn-primary" disabled={busy || status.paused} onClick={() => void act(() => call('central.retry', {}))}>
              {t('central.retry')}
            </button>
            {isAdmin && (
              <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void act(() => call('central.pause', { paused: !status.paused }))}>
                {status.paused ? t('central.resume') : t('central.pause')}
              </button>
            )}
          </div>
        )}
      </section>

      <form className="card bo-form" onSubmit={(e) => void save(e)} noValidate>
        <h2>{t('central.connection')}</h2>
        <fieldset disabled={!isAdmin || busy} className="central-fields">
          <Field label={t('central.outlet')} hint={status.codeFrozen ? t('central.outletFrozen') : t('central.outletHint')} error={fieldErrors.outletCode} required>
            <input className="input mono" name="outletCode" value={form.outletCode} disabled={status.codeFrozen} maxLength={8} onChange={set('outletCode')} />
          </Field>
          <div className="form-grid form-grid-3-1">
            <Field label={t('central.host')} error={fieldErrors.host} required>
              <input className="input mono" name="host" value={form.host} onChange={set('host')} />
            </Field>
            <Field label={t('central.port')} error={fieldErrors.port}>
              <input className="input" name="port" inputMode="numeric" value={form.port} onChange={(e) => edit('port', e.target.value.replace(/\D/g, ''))} />
            </Field>
          </div>
          <Field label={t('central.database')} error={fieldErrors.database} required>
            <input className="input mono" name="database" value={form.database} onChange={set('database')} />
          </Field>
          <Field label={t('central.user')} error={fieldErrors.user} required>
            <input className="input mono" name="user" value={form.user} autoComplete="off" onChange={set('user')} />
          </Field>
          <Field
            label={t('central.password')}
            hint={status.connection?.hasPassword ? t('central.passwordSaved') : undefined}
            error={fieldErrors.password}
            required={!status.connection?.hasPassword}
          >
            <input className="input" name="password" type="password" value={form.password} autoComplete="new-password" onChange={set('password')} />
          </Field>
          <div className="form-grid form-grid-3-1">
            <Field label={t('central.tlsMode')}>
              <select className="input" value={form.tls} onChange={(e) => setForm({ ...form, tls: e.target.value as CentralTls })}>
                {(['prefer', 'require', 'disable'] as const).map((m) => (
                  <option key={m} value={m}>
                    {t(`central.tls.${m}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('central.pruneDays')} error={fieldErrors.pruneDays}>
              <input className="input" name="pruneDays" inputMode="numeric" value={form.pruneDays} onChange={(e) => edit('pruneDays', e.target.value.replace(/\D/g, ''))} />
            </Field>
          </div>
        </fieldset>
        <p className="muted">{isAdmin ? t('central.credentialsNote') : t('central.adminOnly')}</p>
        {unreachable !== null && (
          <div className="notice notice-error" role="alert" data-testid="central-unreachable">
            <strong>{t('central.unreachableTitle')}</strong>
            <span className="notice-detail">{unreachable}</span>
            <span className="notice-detail">{t('central.unreachableHint')}</span>
          </div>
        )}
        <ErrorNotice error={saveError} />
        {isAdmin && (
          <div className="btn-row">
            <button type="submit" className="btn btn-primary btn-lg" disabled={busy}>
              {busy ? t('central.saving') : t('central.save')}
            </button>
          </div>
        )}
      </form>
    </div>
  );
}
