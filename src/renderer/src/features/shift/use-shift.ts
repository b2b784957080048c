import { useCallback } from 'react';
import { call } from '../../api';
import type { Rupiah } from '../../../../shared/money';
import { useData } from '../../lib/use-data';

/** The open shift of this till (`shifts.current`), or null when none is open. */
export function useCurrentShift() {
  const current = useData(() => call('shifts.current', {}), []);
  const { set } = current;

  const open = useCallback(
    async (openingFloat: Rupiah) => {
      const opened = await call('shifts.open', { openingFloat });
      set(opened);
      return opened;
    },
    [set],
  );

  const close = useCallback(
    async (counted: Rupiah | { denominations: Record<string, number> }) => {
      const closed = await call('shifts.close', typeof counted === 'number' ? { countedCash: counted } : { denominations: counted.denominations });
      set(null);
      return closed;
    },
    [set],
  );

  // Only the first answer shows a spinner: later reloads (after every sale) keep the till on screen.
  return { shift: current.data, loading: !current.settled, error: current.error, reload: current.reload, open, close };
}
