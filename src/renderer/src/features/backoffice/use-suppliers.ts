import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../api';
import type { Supplier } from '../../../../shared/types';

/** `suppliers.list`, searched as you type. */
export function useSuppliers(initialQuery = '') {
  const [query, setQuery] = useState(initialQuery);
  const [suppliers, setSuppliers] = useState<Supplier[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const seq = useRef(0);

  const load = useCallback(async (q: string) => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const list = await call('suppliers.list', q.trim() ? { query: q.trim().slice(0, 100) } : {});
      if (mine === seq.current) {
        setSuppliers(list);
        setError(null);
      }
    } catch (err) {
      if (mine === seq.current) setError(err);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    const id = setTimeout(() => void load(query), query ? 200 : 0);
    return () => clearTimeout(id);
  }, [query, load]);

  return { query, setQuery, suppliers, loading, error, reload: () => load(query) };
}
