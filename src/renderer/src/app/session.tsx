import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { call } from '../api';
import { SHOP_DEFAULTS, type Role, type ShopInfo } from '../../../shared/types';
import { DEFAULT_TIME_ZONE } from '../lib/format';
import { hasRole } from './routes';
import { useData } from '../lib/use-data';

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
  /** Read the shop's settings again (after they were changed here): the header, receipts' preview, time zone. */
  reloadShop(): void;
}

const FALLBACK_SHOP: ShopInfo = { shopName: 'Kasir PLUT', ...SHOP_DEFAULTS, timeZone: DEFAULT_TIME_ZONE };

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ session, onLogout, children }: { session: Session; onLogout(): void; children: ReactNode }) {
  // Until the settings answer (or when they fail), the screens show the defaults.
  const settings = useData(() => call('settings.get', {}), []);
  const shop: ShopInfo = settings.data ?? FALLBACK_SHOP;
  const reloadSettings = settings.reload;
  const reloadShop = useCallback(() => void reloadSettings(), [reloadSettings]);
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
      reloadShop,
    }),
    [session, shop, logout, reloadShop],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The shop's time zone for a part that may also stand outside a session (a date field): the default then. */
export function useShopTimeZone(): string {
  return useContext(SessionContext)?.shop.timeZone ?? DEFAULT_TIME_ZONE;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
