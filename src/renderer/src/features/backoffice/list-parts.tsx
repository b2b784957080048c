/** Pieces of the back-office list screens: filters, toolbar ends, empty rows. */
import { useEffect, useState, type ReactNode } from 'react';
import { useT } from '../../i18n';
import type { Supplier } from '../../../../shared/types';

/** A table row saying the table is empty. */
export function EmptyRow({ cols, children }: { cols: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={cols} className="empty-cell">
        {children}
      </td>
    </tr>
  );
}

/** A card holding one titled table (with buttons beside the title): give it the table's head and body. */
export function TableCard({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="card bo-list">
      <div className="bo-toolbar">
        <h2>{title}</h2>
        {actions}
      </div>
      <div className="table-wrap">
        <table className="table">{children}</table>
      </div>
    </section>
  );
}

/** A row that opens its record on a click or on Enter; `fresh` marks the one just created. */
export function OpenRow({ fresh, testId, onOpen, children }: { fresh?: boolean; testId?: string; onOpen(): void; children: ReactNode }) {
  return (
    <tr className={fresh ? 'row-new' : undefined} tabIndex={0} data-testid={testId} onClick={onOpen} onKeyDown={(e) => e.key === 'Enter' && onOpen()}>
      {children}
    </tr>
  );
}

/** "All suppliers" or one of them. */
export function SupplierFilter({ label, suppliers, value, onChange }: { label: string; suppliers: Supplier[]; value: string; onChange(id: string): void }) {
  const t = useT();
  return (
    <select className="input bo-filter-select" aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('bo.product.allSuppliers')}</option>
      {suppliers.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name}
        </option>
      ))}
    </select>
  );
}

/** A search box's text, and the same text trimmed and settled for 200 ms (at once when emptied). */
export function useSearchText() {
  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const id = setTimeout(() => setDebounced(query.trim().slice(0, 100)), query ? 200 : 0);
    return () => clearTimeout(id);
  }, [query]);
  return { query, setQuery, debounced };
}

export function SearchInput({ label, value, onChange }: { label: string; value: string; onChange(text: string): void }) {
  return <input className="input input-search" type="search" placeholder={label} aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} />;
}

/** The right end of a list toolbar: how many, and the button that adds one. */
export function ToolbarEnd({ count, newLabel, onNew }: { count: number; newLabel: string; onNew(): void }) {
  const t = useT();
  return (
    <div className="bo-toolbar-end">
      <span className="muted">{t('common.count', { n: count })}</span>
      <button type="button" className="btn btn-primary" onClick={onNew}>
        + {newLabel}
      </button>
    </div>
  );
}

/** "Saved …" above a list, after adding one. */
export function CreatedNotice({ children }: { children: ReactNode }) {
  return (
    <div className="notice notice-success bo-inline-notice" role="status">
      {children}
    </div>
  );
}

/** "Pick a supplier", then each one as "Name (CODE)": the options of a supplier `<select>`. */
export function SupplierOptions({ suppliers }: { suppliers: Supplier[] }) {
  const t = useT();
  return (
    <>
      <option value="">{t('product.pickSupplier')}</option>
      {suppliers.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name} ({s.code})
        </option>
      ))}
    </>
  );
}

/** A list's toolbar: its filters (`children`), then what stands at the right end. */
export function ListToolbar({ end, children }: { end: ReactNode; children: ReactNode }) {
  return (
    <div className="bo-toolbar">
      <div className="bo-filters">{children}</div>
      {end}
    </div>
  );
}
