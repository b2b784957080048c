import { useCallback, useRef, useState } from 'react';
import { ApiError, call } from '../../api';
import type { LoginResult } from '../../../../shared/types';
import { readLocal, writeLocal } from '../../lib/storage';

const TILL_KEY = 'kasir.tillCode';
const LAST_USER_KEY = 'kasir.lastUsername';
export const DEFAULT_TILL = 'K1';
export const TILL_RE = /^[A-Z0-9]{1,6}$/;

export interface Lockout {
  until: number | null;
  message: string;
}

/** `auth.login` and what the login screen remembers between visits. */
export function useLogin(onLoggedIn: (result: LoginResult) => void) {
  const [error, setError] = useState<unknown>(null);
  const [lockout, setLockout] = useState<Lockout | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);

  const login = useCallback(
    async (input: { username: string; pin: string; tillCode: string }) => {
      if (inFlight.current) return false;
      inFlight.current = true;
      setBusy(true);
      setError(null);
      setLockout(null);
      try {
        const result = await call('auth.login', {
          username: input.username.trim(),
          pin: input.pin,
          ...(input.tillCode ? { tillCode: input.tillCode } : {}),
        });
        writeLocal(TILL_KEY, result.tillCode);
        writeLocal(LAST_USER_KEY, input.username.trim().toLowerCase());
        onLoggedIn(result);
        return true;
      } catch (err) {
        const details = err instanceof ApiError ? (err.details as { locked?: boolean; lockedUntil?: number } | undefined) : undefined;
        if (details?.locked) {
          setLockout({ until: typeof details.lockedUntil === 'number' ? details.lockedUntil : null, message: (err as ApiError).message });
        } else setError(err);
        return false;
      } finally {
        inFlight.current = false;
        setBusy(false);
      }
    },
    [onLoggedIn],
  );

  return { login, error, lockout, busy, clearError: () => setError(null) };
}

export const rememberedTill = (): string => {
  const saved = readLocal(TILL_KEY);
  return saved && TILL_RE.test(saved) ? saved : DEFAULT_TILL;
};

export const rememberedUsername = (): string => readLocal(LAST_USER_KEY) ?? '';
