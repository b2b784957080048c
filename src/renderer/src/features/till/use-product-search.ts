import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../api';
import type { TillProductView } from '../../../../shared/types';
import { useData } from '../../lib/use-data';

export const SEARCH_DEBOUNCE_MS = 200;
export const SEARCH_MIN_CHARS = 2;

/**
 * Product search for the till: debounced while typing, immediate on demand.
 * A late answer to an older query never replaces a newer one.
 * Not `useData`: a search runs on demand (a keystroke's timer, Enter) and hands its answer to the
 * caller (a scan of a name picks the only match), rather than following a screen's dependencies.
 */
export function useProductSearch() {
  const [results, setResults] = useState<TillProductView[] | null>(null);
  const [query, setQuery] = useState('');
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const cancel = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    seq.current++;
    setLoading(false);
  }, []);

  const searchNow = useCallback(async (text: string): Promise<TillProductView[]> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const mine = ++seq.current;
    setLoading(true);
    try {
      const found = await call('products.search', { query: text.trim().slice(0, 100), limit: 40 });
      if (mine === seq.current) {
        setResults(found);
        setQuery(text.trim());
        setError(null);
      }
      return found;
    } catch (err) {
      if (mine === seq.current) setError(err);
      return [];
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, []);

  /** Call on every keystroke: searches 200 ms after typing stops, from two characters. */
  const typed = useCallback(
    (text: string) => {
      if (timer.current) clearTimeout(timer.current);
      const q = text.trim();
      if (q.length < SEARCH_MIN_CHARS) {
        seq.current++;
        timer.current = null;
        setResults(null);
        setQuery('');
        setLoading(false);
        return;
      }
      timer.current = setTimeout(() => void searchNow(q), SEARCH_DEBOUNCE_MS);
    },
    [searchNow],
  );

  const reset = useCallback(() => {
    cancel();
    setResults(null);
    setQuery('');
    setError(null);
  }, [cancel]);

  useEffect(() => () => cancel(), [cancel]);

  return { results, query, loading, error, typed, searchNow, cancel, reset };
}

/** The catalogue shown when nothing is being searched (first 100 by name). */
export function useCatalog() {
  // A failed load leaves the catalogue empty: the till still works by scanning.
  const catalog = useData(() => call('products.search', { query: '', limit: 100 }), []);
  return { products: catalog.data ?? [], loaded: catalog.data !== null || catalog.error !== null, reload: catalog.reload };
}
