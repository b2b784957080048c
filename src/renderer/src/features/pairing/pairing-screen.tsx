import { useCallback, useEffect, useState } from 'react';
import { call, setDeviceCredential } from '../../api';
import { useT } from '../../i18n';
import { ErrorNotice } from '../../components/error-notice';
import type { PairingStatus } from '../../../../shared/types-tills';

/** A short name for the host's list of tills: the browser and the OS, as the user agent says. */
function deviceName(): string {
  const ua = typeof navigator === 'undefined' ? '' : navigator.userAgent;
  const os = /Windows/.test(ua) ? 'Windows' : /Android/.test(ua) ? 'Android' : /Mac OS/.test(ua) ? 'Mac' : /Linux/.test(ua) ? 'Linux' : 'PC';
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrom/.test(ua) ? 'Chrome' : 'Browser';
  return `${browser} ${os}`.slice(0, 60);
}

/**
 * What an unpaired device shows (issue 17): a short code for a manager to
 * approve on the host. The credential is kept in localStorage; the screen asks
 * the host every few seconds until the code is approved.
 */
export function PairingScreen({ onPaired }: { onPaired: () => void }) {
  const t = useT();
  const [status, setStatus] = useState<PairingStatus | null>(null);
  const [error, setError] = useState<unknown>(null);

  const requestCode = useCallback(async () => {
    setError(null);
    try {
      const r = await call('pairing.request', { deviceName: deviceName() });
      setDeviceCredential(r.credential);
      setStatus(await call('pairing.status', {}));
    } catch (err) {
      setError(err);
    }
  }, []);

  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      try {
        const s = await call('pairing.status', {});
        if (stopped) return;
        if (s.status === 'paired') {
          onPaired();
          return;
        }
        if (s.status === 'unpaired') {
          await requestCode();
          return;
        }
        setStatus(s);
      } catch (err) {
        if (!stopped) setError(err);
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), 3000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [onPaired, requestCode]);

  return (
    <div className="boot">
      <div className="card boot-card" data-testid="pairing-screen">
        <h1>{t('pairing.title')}</h1>
        {status?.status === 'revoked' ? <p>{t('pairing.revoked')}</p> : <p className="muted">{t('pairing.intro')}</p>}
        {status?.status === 'pending' && (
          <>
            <p>{t('pairing.code')}</p>
            <p className="mono pairing-code" data-testid="pairing-code" style={{ fontSize: '3rem', letterSpacing: '0.3em', fontWeight: 700 }}>
              {status.code}
            </p>
            <p className="muted">{t('pairing.waiting')}</p>
          </>
        )}
        <ErrorNotice error={error} />
        {status?.status === 'revoked' && (
          <button type="button" className="btn btn-primary btn-lg" onClick={() => void requestCode()}>
            {t('pairing.newCode')}
          </button>
        )}
      </div>
    </div>
  );
}
