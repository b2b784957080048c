import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { ApiError, call } from '../../api';
import { useT, type MessageKey, type Params } from '../../i18n';
import { describeError } from '../../i18n/errors';
import type { TillProductView } from '../../../../shared/types';
import { useSession } from '../../app/session';
import { AlertIcon, CheckIcon, ScanIcon } from '../../components/icons';
import { CommandButton } from '../../lib/commands';
import { todayIn } from '../../lib/format';
import { productStatus } from './product-status';
import { useProductSearch } from './use-product-search';
import { ResultRow, ProductTile } from './finder-parts';

/** Text of a message: a dictionary key (so it follows a language switch) or text as given (server detail). */
export type MessageText = { key: MessageKey; params?: Params } | string;

export interface TillMessage {
  id: number;
  tone: 'error' | 'warning' | 'success' | 'info';
  text: MessageText;
  detail?: MessageText;
}

interface FinderProps {
  inputRef: RefObject<HTMLInputElement | null>;
  message: TillMessage | null;
  catalog: TillProductView[];
  /** Put a product in the cart; false when refused (the reason is already shown). */
  onAdd(product: TillProductView, qty: number): boolean;
  notify(message: Omit<TillMessage, 'id'> | null): void;
  /** Enter or Esc in the empty field (e.g. put the last sale's card away). */
  onEmptyKey?(key: 'Enter' | 'Escape'): void;
}

/** What the till can do with the scan field from outside. */
export interface FinderHandle {
  /** A character typed while the focus was elsewhere: it goes into the field, which takes the focus. */
  typeAhead(ch: string): void;
  /** Enter typed while the focus was elsewhere. */
  enter(): void;
  /** Focus the field with its text selected (F3). */
  focusSelect(): void;
  /** Codes scanned elsewhere (while a sale was being sent), looked up in order like the field's own. */
  enqueue(codes: readonly string[]): void;
}

/** `3*8991234` → three of 8991234. */
export function parseScan(text: string): { qty: number; code: string } {
  const m = /^(\d{1,4})\s*\*\s*(.+)$/.exec(text.trim());
  if (m && Number(m[1]) > 0) return { qty: Number(m[1]), code: m[2].trim() };
  return { qty: 1, code: text.trim() };
}

/**
 * The scan / search field, what it found, and the catalogue as tiles.
 * Every Enter takes the field's text as one code at once and clears the
 * field, so the next scan can start while the first is still being looked
 * up; codes are looked up and added strictly in the order they were
 * scanned. No keystroke is ever dropped.
 */
export const ProductFinder = forwardRef<FinderHandle, FinderProps>(function ProductFinder(
  { inputRef, message, catalog, onAdd, notify, onEmptyKey },
  handle,
) {
  const t = useT();
  const { shop } = useSession();
  const [text, setTextState] = useState('');
  const textRef = useRef('');
  const setText = (next: string | ((cur: string) => string)) => {
    textRef.current = typeof next === 'function' ? next(textRef.current) : next;
    setTextState(textRef.current);
  };
  const [highlight, setHighlight] = useState(-1);
  const [category, setCategory] = useState<string | null>(null);
  const [pending, setPending] = useState(0);
  const busy = pending > 0;
  const queue = useRef<string[]>([]);
  const running = useRef(false);
  const search = useProductSearch();
  const listRef = useRef<HTMLUListElement>(null);
  const today = todayIn(shop.timeZone);

  const show = (m: MessageText) => (typeof m === 'string' ? m : t(m.key, m.params));
  const showingResults = search.results !== null;
  const results = search.results ?? [];

  useEffect(() => {
    if (highlight < 0) return;
    listRef.current?.querySelector<HTMLElement>(`[data-index="${highlight}"]`)?.scrollIntoView?.({ block: 'nearest' });
  }, [highlight]);

  const resetField = () => {
    setText('');
    setHighlight(-1);
    search.reset();
  };

  const pick = (p: TillProductView, qty = 1) => {
    if (onAdd(p, qty)) resetField();
    inputRef.current?.focus();
  };

  /** Look one code up and add it; a name that is not a code becomes a search (when nothing was typed since). */
  const lookUp = async (raw: string) => {
    const { qty, code } = parseScan(raw);
    try {
      const product = await call('products.lookup', { code: code.slice(0, 64) });
      onAdd(product, qty);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'NOT_FOUND') {
        if (/^\d+$/.test(code)) {
          notify({ tone: 'error', text: { key: 'till.unknownCode', params: { code } } });
        } else if (textRef.current === '' && queue.current.length === 0) {
          setText(raw);
          const found = await search.searchNow(code);
          if (found.length === 0) notify({ tone: 'warning', text: { key: 'till.noMatch', params: { query: code } } });
          else {
            notify(null);
            setHighlight(0);
          }
        } else notify({ tone: 'warning', text: { key: 'till.noMatch', params: { query: code } } });
      } else {
        const { code: errorCode, detail } = describeError(t, err);
        notify({ tone: 'error', text: { key: `error.${errorCode}` as MessageKey }, detail });
      }
    }
  };

  const drain = async () => {
    if (running.current) return;
    running.current = true;
    try {
      while (queue.current.length > 0) {
        const next = queue.current[0]!;
        await lookUp(next);
        queue.current.shift();
        setPending(queue.current.length);
      }
    } finally {
      running.current = false;
    }
  };

  const submit = () => {
    const raw = textRef.current.trim();
    if (!raw) {
      if (!showingResults) onEmptyKey?.('Enter');
      return;
    }
    if (showingResults && highlight >= 0 && results[highlight]) {
      pick(results[highlight], parseScan(raw).qty);
      return;
    }
    // Take the code now and free the field for the next scan.
    queue.current.push(raw);
    setPending(queue.current.length);
    setText('');
    setHighlight(-1);
    search.reset();
    void drain();
  };

  useImperativeHandle(handle, () => ({
    typeAhead: (ch: string) => {
      // On the screen at once: the next key (already on its way) reads the field's value.
      flushSync(() => setText((cur) => cur + ch));
      search.typed(parseScan(textRef.current).code);
      inputRef.current?.focus();
    },
    enter: () => {
      inputRef.current?.focus();
      submit();
    },
    focusSelect: () => {
      inputRef.current?.focus();
      inputRef.current?.select();
    },
    enqueue: (codes: readonly string[]) => {
      if (codes.length === 0) return;
      queue.current.push(...codes);
      setPending(queue.current.length);
      void drain();
    },
  }));

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      submit();
    } else if (e.key === 'ArrowDown' && results.length > 0) {
      e.preventDefault();
      setHighlight((h) => Math.min(results.length - 1, h + 1));
    } else if (e.key === 'ArrowUp' && results.length > 0) {
      e.preventDefault();
      setHighlight((h) => Math.max(0, h - 1));
    } else if (e.key === 'Escape' && (text || showingResults)) {
      e.preventDefault();
      resetField();
      notify(null);
    } else if (e.key === 'Escape') {
      onEmptyKey?.('Escape');
    }
  };

  const categories = useMemo(
    () => [...new Set(catalog.map((p) => p.category).filter((c): c is string => Boolean(c)))].sort((a, b) => a.localeCompare(b)),
    [catalog],
  );
  const tiles = category ? catalog.filter((p) => p.category === category) : catalog;

  return (
    <section className="finder" aria-label={t('till.finder')}>
      <div className="scan-row">
        <div className={`scan-field ${busy ? 'busy' : ''}`}>
          <ScanIcon size={26} />
          <input
            ref={inputRef}
            className="scan-input"
            data-takes-scans
            type="text"
            value={text}
            placeholder={t('till.scanPlaceholder')}
            aria-label={t('till.scanLabel')}
            autoComplete="off"
            spellCheck={false}
            autoFocus
            maxLength={120}
            data-testid="scan-input"
            role="combobox"
            aria-expanded={showingResults}
            aria-controls="search-results"
            aria-activedescendant={highlight >= 0 ? `result-${highlight}` : undefined}
            onChange={(e) => {
              setText(e.target.value);
              setHighlight(-1);
              if (message && message.tone !== 'success' && e.target.value.length > 0 && text.length === 0) notify(null);
              search.typed(parseScan(e.target.value).code);
            }}
            onKeyDown={onKeyDown}
          />
          {search.loading && <span className="spinner spinner-sm" aria-hidden="true" />}
        </div>
        <button type="button" className="btn btn-primary btn-scan" onClick={() => submit()} disabled={!text.trim()}>
          {t('till.add')} <kbd>Enter</kbd>
        </button>
      </div>

      <div className="finder-message">
        <div className="finder-message-text" aria-live="polite">
        {message ? (
          <div className={`till-msg till-msg-${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'} data-testid="till-message">
            {message.tone === 'success' ? <CheckIcon size={18} /> : message.tone !== 'info' ? <AlertIcon size={18} /> : null}
            <span className="till-msg-text">{show(message.text)}</span>
            {message.detail && <span className="till-msg-detail">{show(message.detail)}</span>}
          </div>
        ) : (
          <div className="finder-hint">{t('till.hint')}</div>
        )}
        </div>
        <CommandButton id="help" className="btn btn-ghost btn-sm finder-help" testId="help-button" />
      </div>

      {showingResults ? (
        <div className="results">
          <div className="results-head">
            <span>
              {t('till.resultsFor', { query: search.query })} · <strong>{t('till.resultCount', { n: results.length })}</strong>
            </span>
            <span className="muted">{t('till.resultsKeys')}</span>
          </div>
          {results.length === 0 ? (
            <div className="empty-state">{t('till.noMatch', { query: search.query })}</div>
          ) : (
            <ul className="result-list" id="search-results" role="listbox" ref={listRef} data-testid="search-results">
              {results.map((p, i) => (
                <ResultRow
                  key={p.id}
                  product={p}
                  index={i}
                  active={i === highlight}
                  status={productStatus(p, today)}
                  onPick={() => pick(p)}
                  onHover={() => setHighlight(i)}
                />
              ))}
            </ul>
          )}
        </div>
      ) : (
        <div className="catalog">
          {categories.length > 0 && (
            <div className="chips" role="group" aria-label={t('till.categories')}>
              <button type="button" className={`chip ${category === null ? 'active' : ''}`} onClick={() => setCategory(null)}>
                {t('till.allCategories')}
              </button>
              {categories.map((c) => (
                <button key={c} type="button" className={`chip ${category === c ? 'active' : ''}`} onClick={() => setCategory(c)}>
                  {c}
                </button>
              ))}
            </div>
          )}
          <div className="tiles" data-testid="catalog">
            {tiles.map((p) => (
              <ProductTile key={p.id} product={p} status={productStatus(p, today)} onPick={() => pick(p)} />
            ))}
            {tiles.length === 0 && <div className="empty-state">{t('till.catalogEmpty')}</div>}
          </div>
        </div>
      )}
    </section>
  );
});

