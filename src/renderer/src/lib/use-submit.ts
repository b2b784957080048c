import { useCallback, useState } from 'react';

/**
 * The busy/error state of a form or dialog that sends one request: `run` marks it busy, clears the
 * last error, runs the action and keeps what it threw for an ErrorNotice. While busy, the caller
 * disables its buttons, so a double click sends once.
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async (action: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}
