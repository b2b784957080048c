import { call } from '../../api';
import type { ShopInfo } from '../../../../shared/types';
import type { TillSettings } from '../../../../shared/types-till';
import { useData } from '../../lib/use-data';

export const DEFAULT_TILL_SETTINGS: TillSettings = {
  discountLimitBps: 1000,
  cashRounding: 'none',
  paymentMethods: ['cash', 'qris', 'debit', 'transfer'],
  qrisPayload: null,
};

/**
 * The shop's till settings (`settings.get`): discount limit, cash rounding, payment methods, QRIS.
 * Until they arrive, or when they cannot be read, the defaults hold (the server checks everything anyway).
 */
export function useTillSettings() {
  const loaded = useData(async () => {
    const s = await call('settings.get', {});
    return s && typeof s === 'object' ? { ...DEFAULT_TILL_SETTINGS, ...s } : null;
  }, []);
  const settings: TillSettings & Partial<ShopInfo> = loaded.data ?? DEFAULT_TILL_SETTINGS;
  return { settings, loaded: !loaded.loading || loaded.data !== null, reload: loaded.reload };
}
