import { useCallback, useEffect, useState } from 'react';
import { call } from '../../api';
import type { ShopInfo } from '../../../../shared/types';
import type { TillSettings } from '../../../../shared/types-till';

export const DEFAULT_TILL_SETTINGS: TillSettings = {
  discountLimitBps: 1000,
  cashRounding: 'none',
  paymentMethods: ['cash', 'qris', 'debit', 'transfer'],
  qrisPayload: null,
};

/** The shop's till settings (`settings.get`): discount limit, cash rounding, payment methods, QRIS. */
export function useTillSettings() {
  const [settings, setSettings] = useState<TillSettings & Partial<ShopInfo>>(DEFAULT_TILL_SETTINGS);
  const [loaded, setLoaded] = useState(false);
  const reload = useCallback(async () => {
    try {
      const s = await call('settings.get', {});
      if (s && typeof s === 'object') setSettings({ ...DEFAULT_TILL_SETTINGS, ...s });
    } catch {
      /* keep the defaults; the server checks everything anyway */
    } finally {
      setLoaded(true);
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { settings, loaded, reload };
}
