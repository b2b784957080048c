import { useCallback, useEffect, useState } from 'react';
import { call, getToken, onPairingRequired, onUnauthenticated, pairingRequired, setToken } from '../api';
import { PairingScreen } from '../features/pairing/pairing-screen';
import { useT } from '../i18n';
import { ErrorNotice } from '../components/error-notice';
import { SetupScreen } from '../features/setup/setup-screen';
import { LoginScreen, type LoginNotice } from '../features/login/login-screen';
import { TillScreen } from '../features/till/till-screen';
import { CloseShiftScreen } from '../features/shift/close-shift-screen';
import { BackOffice } from '../features/backoffice/backoffice';
import { TillExtraScreen } from '../features/refunds/screens';
import { SessionProvider, useSession, type Session } from './session';
import { isUnreachable } from '../lib/host-link';
import { HostOfflineScreen } from '../features/till/offline-parts';
import { hasRole, navigate, ROUTE_ROLE, useHashRoute } from './routes';
import { NUMBER_FIELDS, ScanNote, toScanField, useScanCatcher } from '../lib/scan-catcher';

/** A deliberate logout leaves no half-rung cart for the next cashier. */
function clearCarts(): void {
  for (const store of [() => sessionStorage, () => localStorage]) {
    try {
      const s = store();
      for (const key of Object.keys(s)) if (key.startsWith('kasir.cart.')) s.removeItem(key);
    } catch {
      /* nothing stored */
    }
  }
}

type Phase =
  | { kind: 'loading' }
  | { kind: 'offline'; error: unknown }
  | { kind: 'setup' }
  | { kind: 'pairing' }
  | { kind: 'login'; notice?: LoginNotice; username?: string }
  | { kind: 'ready'; session: Session };

/** Boot: first-run setup, then login, then the screens for the user's role. */
export function App() {
  const t = useT();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });

  const boot = useCallback(async () => {
    setPhase({ kind: 'loading' });
    try {
      const status = await call('setup.status', {});
      if (!status.initialized) {
        setPhase({ kind: 'setup' });
        return;
      }
      if (getToken()) {
        try {
          const me = await call('auth.me', {});
          setPhase({ kind: 'ready', session: me });
          return;
        } catch (err) {
          // The host went off between the two requests: keep the session for when it is back.
          if (isUnreachable(err)) throw err;
          setToken(null);
        }
      }
      setPhase({ kind: 'login' });
    } catch (error) {
      // A till on the LAN that is not (or no longer) paired sees only the pairing screen.
      setPhase(pairingRequired(error) ? { kind: 'pairing' } : { kind: 'offline', error });
    }
  }, []);

  useEffect(() => {
    void boot();
  }, [boot]);

  useEffect(
    () =>
      onUnauthenticated(() => {
        setPhase((p) => (p.kind === 'ready' ? { kind: 'login', notice: 'expired', username: undefined } : p));
      }),
    [],
  );

  useEffect(() => onPairingRequired(() => setPhase({ kind: 'pairing' })), []);

  const onLogout = useCallback(() => {
    setToken(null);
    clearCarts();
    setPhase({ kind: 'login' });
  }, []);

  switch (phase.kind) {
    case 'loading':
      return (
        <div className="boot">
          <div className="spinner" aria-label={t('common.loading')} />
        </div>
      );
    case 'offline':
      // The host does not answer (off, or the network is down): the kept cart, and a new try every 2 s.
      if (isUnreachable(phase.error)) return <HostOfflineScreen onBack={() => void boot()} />;
      return (
        <div className="boot">
          <div className="card boot-card">
            <h1>{t('app.offlineTitle')}</h1>
            <ErrorNotice error={phase.error} />
            <button type="button" className="btn btn-primary btn-lg" onClick={() => void boot()}>
              {t('common.retry')}
            </button>
          </div>
        </div>
      );
    case 'pairing':
      return <PairingScreen onPaired={() => void boot()} />;
    case 'setup':
      return <SetupScreen onDone={(username) => setPhase({ kind: 'login', notice: 'setupDone', username })} />;
    case 'login':
      return (
        <LoginScreen
          notice={phase.notice}
          initialUsername={phase.username}
          onLoggedIn={(result) => {
            setToken(result.token);
            navigate('till');
            setPhase({ kind: 'ready', session: { user: result.user, tillCode: result.tillCode } });
          }}
        />
      );
    case 'ready':
      return (
        <SessionProvider session={phase.session} onLogout={onLogout}>
          <Screens />
        </SessionProvider>
      );
  }
}

function Screens() {
  const { session } = useSession();
  const [route] = useHashRoute();
  const allowed = hasRole(session.user.role, ROUTE_ROLE[route]);
  useEffect(() => {
    if (!allowed) navigate('till');
  }, [allowed]);
  if (!allowed || route === 'till') return <TillScreen />;
  if (route === 'refund' || route === 'audit') return <TillExtraScreen route={route} />;
  return <BackOfficeScanGuard>{route === 'shiftClose' ? <CloseShiftScreen /> : <BackOffice route={route} />}</BackOfficeScanGuard>;
}

/**
 * Away from the till (closing the shift, the back office) a scan that lands in a number field (a
 * denomination count, a price, an intake quantity) never types into it: it goes to the screen's own
 * scan field (intake, stock count), else it is refused with a note. In a dialog a scan confirms
 * nothing: in any of its fields or on its focused button it is refused with a note (a text field
 * keeps fast typing that is no barcode); a field made for barcodes (`data-takes-scans`, the
 * product's barcode) still takes it. Barcode and search fields of the screens take scans. The
 * till catches scans in every field and puts them in the cart.
 */
const GUARDED = `${NUMBER_FIELDS}, .dialog input:not([type="checkbox"]):not([type="radio"]), .dialog button, .dialog select`;
/** What a scanner types: digits (EAN-8, UPC, EAN-13, ITF-14). */
const BARCODE = /^\d{8,14}$/;

function BackOfficeScanGuard({ children }: { children: React.ReactNode }) {
  const t = useT();
  const catcher = useScanCatcher(
    async (code, place) => {
      const inDialog = document.querySelector('.dialog') !== null;
      if (inDialog) {
        if (place === 'text' && !BARCODE.test(code)) return { isScan: false, note: null };
        return { isScan: true, note: { tone: 'error', text: t('scan.inDialog', { code }) } };
      }
      return (await toScanField(code))
        ? { isScan: true, note: { tone: 'info', text: t('scan.toScanField', { code }) } }
        : { isScan: true, note: { tone: 'error', text: t('scan.notHere', { code }) } };
    },
    { only: GUARDED },
  );
  return (
    <div className="scan-guard" onKeyDownCapture={catcher.onKeyDownCapture}>
      <ScanNote note={catcher.note} />
      {children}
    </div>
  );
}
