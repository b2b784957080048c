import { useEffect, useRef, useState, type FormEvent } from 'react';
import '../till/till-keyboard.css';
import { useT } from '../../i18n';
import type { LoginResult } from '../../../../shared/types';
import { AuthLayout } from '../../components/auth-layout';
import { LockIcon } from '../../components/icons';
import { ErrorNotice } from '../../components/error-notice';
import { DEFAULT_TIME_ZONE, formatTime } from '../../lib/format';
import { MAX_PIN, PinDots, PinPad } from './pin-pad';
import { CommandHelp } from '../../components/command-help';
import { CommandButton, CommandProvider, useCommands } from '../../lib/commands';
import { ScanNote, useScanCatcher } from '../../lib/scan-catcher';
import { LOGIN_COMMANDS, type LoginCommandState } from './login-commands';
import { rememberedTill, rememberedUsername, TILL_RE, useLogin } from './use-login';

export type LoginNotice = 'setupDone' | 'expired';

interface LoginProps {
  notice?: LoginNotice;
  initialUsername?: string;
  onLoggedIn(result: LoginResult): void;
}

/** Username, a PIN pad (or the keyboard's digits), and which till this is. */
export function LoginScreen({ notice, initialUsername, onLoggedIn }: LoginProps) {
  const t = useT();
  const [username, setUsername] = useState(() => initialUsername ?? rememberedUsername());
  const [pin, setPin] = useState('');
  const [tillCode, setTillCode] = useState(rememberedTill);
  const [formError, setFormError] = useState<string | null>(null);
  const { login, error, lockout, busy, clearError } = useLogin(onLoggedIn);
  const usernameRef = useRef<HTMLInputElement>(null);
  const pinRef = useRef<HTMLDivElement>(null);
  const stateRef = useRef({ username, pin, tillCode, busy });
  stateRef.current = { username, pin, tillCode, busy };

  useEffect(() => {
    if (username) pinRef.current?.focus();
    else usernameRef.current?.focus();
  }, []); // first render only

  const focusPin = () => {
    if (document.activeElement !== usernameRef.current && !(document.activeElement instanceof HTMLInputElement)) pinRef.current?.focus();
  };
  const addDigit = (d: string) => {
    clearError();
    setFormError(null);
    setPin((p) => (p.length < MAX_PIN ? p + d : p));
    focusPin();
  };
  const backspace = () => {
    setPin((p) => p.slice(0, -1));
    focusPin();
  };
  const clear = () => {
    setPin('');
    focusPin();
  };

  const submit = async () => {
    const s = stateRef.current;
    if (s.busy) return;
    if (!s.username.trim()) {
      setFormError(t('login.needUsername'));
      usernameRef.current?.focus();
      return;
    }
    if (s.pin.length < 4) {
      setFormError(t('login.needPin'));
      pinRef.current?.focus();
      return;
    }
    const code = s.tillCode.trim().toUpperCase();
    if (!TILL_RE.test(code)) {
      setFormError(t('login.tillRule'));
      return;
    }
    setFormError(null);
    const ok = await login({ username: s.username, pin: s.pin, tillCode: code });
    if (!ok) {
      setPin('');
      pinRef.current?.focus();
    }
  };

  // Digits typed anywhere but in a text field go to the PIN; the keys come from the login command table.
  const [help, setHelp] = useState(false);
  const commandState: LoginCommandState = {
    help,
    pinLength: pin.length,
    busy,
    actions: { help: () => setHelp(true), submit: () => void submit(), digit: addDigit, backspace, clear },
  };
  const commands = useCommands(LOGIN_COMMANDS, commandState);

  // A barcode scanned at the login screen (longer than any PIN, or as long as one but typed at a
  // machine's speed: an EAN-8): its digits went to the PIN, but its Enter never tries them (a wrong PIN
  // counts towards the lockout). The PIN is emptied and the note says why. A burst no longer than a PIN
  // at a hand's speed may be one typed quickly, and is left to log in.
  const scanCatcher = useScanCatcher(
    async (code) => {
      setPin('');
      return { isScan: true, note: { tone: 'error', text: t('scan.loginFirst', { code }) } };
    },
    { longerThan: MAX_PIN },
  );
  const catchScan = scanCatcher.onKeyDownCapture;
  useEffect(() => {
    window.addEventListener('keydown', catchScan, true);
    return () => window.removeEventListener('keydown', catchScan, true);
  }, [catchScan]);

  const onForm = (e: FormEvent) => {
    e.preventDefault();
    void submit();
  };

  return (
    <CommandProvider api={commands}>
    <AuthLayout>
      <ScanNote note={scanCatcher.note} />
      <form className="login" onSubmit={onForm} noValidate>
        <h2 className="card-title">{t('login.title')}</h2>
        {notice === 'setupDone' && <div className="notice notice-success">{t('login.setupDone')}</div>}
        {notice === 'expired' && !error && <div className="notice notice-info">{t('login.expired')}</div>}

        <div className="field">
          <label htmlFor="login-username">{t('login.username')}</label>
          <input
            id="login-username"
            ref={usernameRef}
            className="input input-lg"
            name="username"
            value={username}
            autoComplete="username"
            autoCapitalize="off"
            spellCheck={false}
            maxLength={32}
            onChange={(e) => {
              setUsername(e.target.value);
              clearError();
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                if (pin.length >= 4) void submit();
                else pinRef.current?.focus();
              }
            }}
          />
        </div>

        <div className="field">
          <span className="label" id="pin-label">
            {t('login.pin')}
          </span>
          <div
            ref={pinRef}
            className="pin-display"
            tabIndex={0}
            role="textbox"
            aria-labelledby="pin-label"
            aria-describedby="pin-help"
            aria-valuetext={t('login.pinCount', { n: pin.length })}
            data-testid="pin-display"
          >
            <PinDots length={pin.length} error={Boolean(error || lockout)} />
          </div>
          <div id="pin-help" className="field-hint">
            {t('login.pinHelp')}
          </div>
        </div>

        <PinPad length={pin.length} onDigit={addDigit} onBackspace={backspace} onClear={clear} disabled={busy} />

        {lockout && (
          <div className="notice notice-error notice-lock" role="alert">
            <strong className="notice-title">
              <LockIcon size={18} /> {t('login.locked')}
            </strong>
            <span className="notice-detail">
              {lockout.until
                ? t('login.lockedUntil', { time: formatTime(lockout.until, DEFAULT_TIME_ZONE) })
                : lockout.message}
            </span>
          </div>
        )}
        {formError && (
          <div className="notice notice-error" role="alert">
            {formError}
          </div>
        )}
        <ErrorNotice error={error} />

        <div className="login-foot">
          <div className="field field-inline till-field">
            <label htmlFor="login-till">{t('login.till')}</label>
            <input
              id="login-till"
              className="input input-code"
              name="tillCode"
              value={tillCode}
              maxLength={6}
              autoCapitalize="characters"
              spellCheck={false}
              onChange={(e) => setTillCode(e.target.value.toUpperCase().replace(/[^A-Z0-9]/g, ''))}
            />
          </div>
          <button type="submit" className="btn btn-primary btn-xl login-submit" disabled={busy}>
            {busy ? t('login.checking') : t('login.submit')}
          </button>
        </div>
        <div className="login-help">
          <CommandButton id="help" className="btn btn-ghost btn-sm" testId="login-help" />
        </div>
      </form>
      {help && <CommandHelp table={LOGIN_COMMANDS} state={{ ...commandState, help: false }} onClose={() => setHelp(false)} />}
    </AuthLayout>
    </CommandProvider>
  );
}
