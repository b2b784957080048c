import { useCallback, useEffect, useState } from 'react';
import { call } from '../../api';
import type { ShiftView } from '../../../../shared/types';
import type { Rupiah } from '../../../../shared/money';

/** The open shift of this till (`shifts.current`), or null when none is open. */
export function useCurrentShift() {
  const [shift, setShift] = useState<ShiftView | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);

  const reload = useCallback(async () => {
    try {
      const current = await call('shifts.current', {});
      setShift(current);
      setError(null);
      return current;
    } catch (err) {
      setError(err);
      return null;
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const open = useCallback(async (openingFloat: Rupiah) => {
    const opened = await call('shifts.open', { openingFloat });
    setShift(opened);
    return opened;
  }, []);

  const close = useCallback(async (counted: Rupiah | { denominations: Record<string, number> }) => {
    const closed = await call('shifts.close', typeof counted === 'number' ? { countedCash: counted } : { denominations: counted.denominations });
    setShift(null);
    return closed;
  }, []);

  return { shift, loading, error, reload, open, close };
}
