import { useEffect, useState, type FormEvent } from 'react';
import { call } from '../../api';
import { useLang, useT } from '../../i18n';
import type { CentralStatus, CentralTls } from '../../../../shared/types-outlets';
import { useSession } from '../../app/session';
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

  const save = (e: FormEvent) => {
    e.preventDefault();
    if (!form) return;
    void act(
      () =>
        call('central.configure', {
          outletCode: form.outletCode.trim().toUpperCase(),
          host: form.host.trim(),
          port: Number(form.port) || 5432,
          database: form.database.trim(),
          user: form.user.trim(),
          password: form.password === '' ? undefined : form.password,
          tls: form.tls,
          pruneDays: Number(form.pruneDays) || undefined,
        }),
      t('central.saved'),
    ).then((s) => s && setForm(formOf(s)));
  };

  if (!status || !form) return <ErrorNotice error={error ?? central.error} />;
  const when = (ms: number) => formatDateTime(ms, shop.timeZone, lang);
  const set = (key: keyof Form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
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

      <form className="card bo-form" onSubmit={save} noValidate>
        <h2>{t('central.connection')}</h2>
        <fieldset disabled={!isAdmin || busy} className="central-fields">
          <Field label={t('central.outlet')} hint={status.codeFrozen ? t('central.outletFrozen') : t('central.outletHint')} required>
            <input className="input mono" value={form.outletCode} disabled={status.codeFrozen} maxLength={8} onChange={set('outletCode')} />
          </Field>
          <div className="form-grid form-grid-3-1">
            <Field label={t('central.host')} required>
              <input className="input mono" value={form.host} onChange={set('host')} />
            </Field>
            <Field label={t('central.port')}>
              <input className="input" inputMode="numeric" value={form.port} onChange={(e) => setForm({ ...form, port: e.target.value.replace(/\D/g, '') })} />
            </Field>
          </div>
          <Field label={t('central.database')} required>
            <input className="input mono" value={form.database} onChange={set('database')} />
          </Field>
          <Field label={t('central.user')} required>
            <input className="input mono" value={form.user} autoComplete="off" onChange={set('user')} />
          </Field>
          <Field label={t('central.password')} hint={status.connection?.hasPassword ? t('central.passwordSaved') : undefined} required={!status.connection?.hasPassword}>
            <input className="input" type="password" value={form.password} autoComplete="new-password" onChange={set('password')} />
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
            <Field label={t('central.pruneDays')}>
              <input className="input" inputMode="numeric" value={form.pruneDays} onChange={(e) => setForm({ ...form, pruneDays: e.target.value.replace(/\D/g, '') })} />
            </Field>
          </div>
        </fieldset>
        <p className="muted">{isAdmin ? t('central.credentialsNote') : t('central.adminOnly')}</p>
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
