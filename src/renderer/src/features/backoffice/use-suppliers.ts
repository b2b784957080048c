import { useEffect, useState } from 'react';
import { call } from '../../api';
import type { Supplier } from '../../../../shared/types';
import { useData } from '../../lib/use-data';

const NONE: Supplier[] = [];

/** `suppliers.list`, searched as you type. */
export function useSuppliers(initialQuery = '') {
  const [query, setQuery] = useState(initialQuery);
  const [searched, setSearched] = useState(initialQuery.trim().slice(0, 100));
  useEffect(() => {
    const id = setTimeout(() => setSearched(query.trim().slice(0, 100)), query ? 200 : 0);
    return () => clearTimeout(id);
  }, [query]);
  const list = useData(() => call('suppliers.list', searched ? { query: searched } : {}), [searched]);
  return { query, setQuery, suppliers: list.data ?? NONE, loading: list.loading, error: list.error, reload: list.reload };
}
