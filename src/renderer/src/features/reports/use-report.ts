import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Load a report and reload it when `key` changes; stale answers are dropped.
 * `data` is the latest answer (possibly for an earlier key while the next
 * one loads); `fresh` says whether it is for the current key.
 */
export function useReport<T>(load: () => Promise<T>, key: string): { data: T | null; fresh: boolean; error: unknown; loading: boolean; reload(): void } {
  const [state, setState] = useState<{ data: T | null; key: string | null }>({ data: null, key: null });
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  const loadRef = useRef(load);
  const keyRef = useRef(key);
  loadRef.current = load;
  keyRef.current = key;

  const reload = useCallback(() => {
    const mine = ++seq.current;
    const forKey = keyRef.current;
    setLoading(true);
    setError(null);
    loadRef
      .current()
      .then((d) => {
        if (mine === seq.current) setState({ data: d, key: forKey });
      })
      .catch((err: unknown) => {
        if (mine === seq.current) setError(err);
      })
      .finally(() => {
        if (mine === seq.current) setLoading(false);
      });
  }, []);

  useEffect(() => {
    reload();
  }, [reload, key]);

  return { data: state.data, fresh: state.key === key, error, loading, reload };
}
