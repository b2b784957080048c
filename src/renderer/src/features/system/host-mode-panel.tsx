import { useState, type FormEvent } from 'react';
import { call } from '../../api';
import { useT } from '../../i18n';
import type { HostModeStatus } from '../../../../shared/types-tills';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { useData } from '../../lib/use-data';
import { QrCode } from '../till/qr-code';

/** Host mode switch (admin): off by default; port; the address other tills open and its QR code. */
export function HostModePanel() {
  const t = useT();
  const [enabled, setEnabled] = useState(false);
  const [port, setPort] = useState('8080');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  /** The saved switch and port go back in the form with every status. */
  const fill = (s: HostModeStatus) => {
    setEnabled(s.enabled);
    setPort(String(s.port || 8080));
    return s;
  };
  const host = useData(() => call('hostMode.status', {}).then(fill), []);
  const status = host.data;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      host.set(fill(await call('hostMode.configure', { enabled, port: Number(port) })));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (!status) return <ErrorNotice error={host.error} />;
  return (
    <form className="card bo-form" onSubmit={save} noValidate data-testid="host-mode">
      <h2>{t('host.title')}</h2>
      {!status.available ? (
        <p className="muted">{t('host.browserMode')}</p>
      ) : (
        <>
          <p className="muted">{t('host.intro')}</p>
          <label className="check">
            <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> {t('host.enabled')}
          </label>
          <Field label={t('host.port')}>
            <input className="input mono" inputMode="numeric" value={port} onChange={(e) => setPort(e.target.value.replace(/\D/g, '').slice(0, 5))} />
          </Field>
          {status.error && <div className="notice notice-error">{t('host.failed', { error: status.error })}</div>}
          {status.listening ? (
            <>
              <p>{t('host.listening')}</p>
              <ul className="lan-urls">
                {status.urls.map((u) => (
                  <li key={u} className="mono">
                    {u}
                  </li>
                ))}
              </ul>
              {status.urls[0] && <QrCode text={status.urls[0]} size={180} label={t('host.qr')} />}
            </>
          ) : (
            <p className="muted">{t('host.off')}</p>
          )}
          <ErrorNotice error={error} />
          <div className="btn-row">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {t('common.save')}
            </button>
          </div>
        </>
      )}
    </form>
  );
}
