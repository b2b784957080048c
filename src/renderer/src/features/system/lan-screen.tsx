import { useState, type FormEvent } from 'react';
import { call } from '../../api';
import { useT } from '../../i18n';
import type { LanStatus } from '../../../../shared/types-system';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { useData } from '../../lib/use-data';
import { parseHostNames, tillUrls } from './lan-logic';

/**
 * LAN names (admin): which addresses other tills can open this host by, and
 * the extra names (e.g. `kasir.lan`) the admin allows. Any other name in the
 * browser's address bar is refused by the host (DNS rebinding guard).
 */
export function LanScreen() {
  const t = useT();
  const [names, setNames] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  /** The saved names go back in the form with every status. */
  const fill = (s: LanStatus) => {
    setNames(s.names.join('\n'));
    return s;
  };
  const lan = useData(() => call('lan.status', {}).then(fill), []);
  const status = lan.data;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      lan.set(fill(await call('lan.configure', { names: parseHostNames(names) })));
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (!status) return <ErrorNotice error={lan.error} />;
  const port = typeof window === 'undefined' ? '' : window.location.port;
  return (
    <div className="bo-split">
      <form className="card bo-form bo-form-wide" onSubmit={save} noValidate>
        <h2>{t('lan.title')}</h2>
        <p className="muted">{t('lan.intro')}</p>
        <h3>{t('lan.addresses')}</h3>
        {status.addresses.length === 0 ? (
          <p className="muted">{t('lan.noAddresses')}</p>
        ) : (
          <ul className="lan-urls">
            {tillUrls(status.addresses, port).map((u) => (
              <li key={u} className="mono">
                {u}
              </li>
            ))}
          </ul>
        )}
        <p className="muted">
          {t('lan.loopback')}: <span className="mono">{status.loopback.join(', ')}</span>
        </p>
        <Field label={t('lan.names')} hint={t('lan.namesHint')}>
          <textarea className="input mono" rows={5} value={names} onChange={(e) => setNames(e.target.value)} />
        </Field>
        {saved && (
          <div className="notice notice-success" role="status">
            {t('lan.saved')}
          </div>
        )}
        <ErrorNotice error={error} />
        <div className="btn-row">
          <button type="submit" className="btn btn-primary btn-lg" disabled={busy}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </div>
  );
}
