import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { call } from '../api';
import { SHOP_DEFAULTS, type Role, type ShopInfo } from '../../../shared/types';
import { DEFAULT_TIME_ZONE } from '../lib/format';
import { hasRole } from './routes';

export interface Session {
  user: { id: number; name: string; role: Role };
  tillCode: string;
}

interface SessionState {
  session: Session;
  shop: ShopInfo;
  isManager: boolean;
  isAdmin: boolean;
  logout(): Promise<void>;
}

const FALLBACK_SHOP: ShopInfo = { shopName: 'Kasir PLUT', ...SHOP_DEFAULTS, timeZone: DEFAULT_TIME_ZONE };

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ session, onLogout, children }: { session: Session; onLogout(): void; children: ReactNode }) {
  const [shop, setShop] = useState<ShopInfo>(FALLBACK_SHOP);
  useEffect(() => {
    let alive = true;
    call('settings.get', {})
      .then((s) => alive && setShop(s))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, []);
  const logout = useCallback(async () => {
    try {
      await call('auth.logout', {});
    } catch {
      /* the session is dropped locally either way */
    }
    onLogout();
  }, [onLogout]);
  const value = useMemo<SessionState>(
    () => ({
      session,
      shop,
      isManager: hasRole(session.user.role, 'manager'),
      isAdmin: hasRole(session.user.role, 'admin'),
      logout,
    }),
    [session, shop, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
