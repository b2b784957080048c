import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { ApiError, call } from '../../api';
import { useT, type MessageKey, type Params } from '../../i18n';
import { describeError } from '../../i18n/errors';
import { formatRupiah } from '../../../../shared/money';
import type { ProductView } from '../../../../shared/types';
import { useSession } from '../../app/session';
import { AlertIcon, CheckIcon, ScanIcon } from '../../components/icons';
import { todayIn } from '../../lib/format';
import { expiryTag, productStatus, type ProductStatus } from './product-status';
import { useProductSearch } from './use-product-search';

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
  catalog: ProductView[];
  /** Put a product in the cart; false when refused (the reason is already shown). */
  onAdd(product: ProductView, qty: number): boolean;
  notify(message: Omit<TillMessage, 'id'> | null): void;
}

/** `3*8991234` → three of 8991234. */
export function parseScan(text: string): { qty: number; code: string } {
  const m = /^(\d{1,4})\s*\*\s*(.+)$/.exec(text.trim());
  if (m && Number(m[1]) > 0) return { qty: Number(m[1]), code: m[2].trim() };
  return { qty: 1, code: text.trim() };
}

/** The scan / search field, what it found, and the catalogue as tiles. */
export function ProductFinder({ inputRef, message, catalog, onAdd, notify }: FinderProps) {
  const t = useT();
  const { shop } = useSession();
  const [text, setText] = useState('');
  const [highlight, setHighlight] = useState(-1);
  const [category, setCategory] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
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

  const pick = (p: ProductView, qty = 1) => {
    if (onAdd(p, qty)) resetField();
    inputRef.current?.focus();
  };

  const submit = async () => {
    const raw = text.trim();
    if (!raw || busy) return;
    if (showingResults && highlight >= 0 && results[highlight]) {
      pick(results[highlight], parseScan(raw).qty);
      return;
    }
    const { qty, code } = parseScan(raw);
    search.cancel();
    setBusy(true);
    try {
      const product = await call('products.lookup', { code: code.slice(0, 64) });
      if (onAdd(product, qty)) resetField();
      else {
        setText('');
        search.reset();
      }
    } catch (err) {
      if (err instanceof ApiError && err.code === 'NOT_FOUND') {
        if (/^\d+$/.test(code)) {
          notify({ tone: 'error', text: { key: 'till.unknownCode', params: { code } } });
          resetField();
        } else {
          const found = await search.searchNow(code);
          if (found.length === 0) notify({ tone: 'warning', text: { key: 'till.noMatch', params: { query: code } } });
          else {
            notify(null);
            setHighlight(0);
          }
        }
      } else {
        const { code: errorCode, detail } = describeError(t, err);
        notify({ tone: 'error', text: { key: `error.${errorCode}` as MessageKey }, detail });
      }
    } finally {
      setBusy(false);
      inputRef.current?.focus();
    }
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void submit();
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
        <button type="button" className="btn btn-primary btn-scan" onClick={() => void submit()} disabled={!text.trim() || busy}>
          {t('till.add')} <kbd>Enter</kbd>
        </button>
      </div>

      <div className="finder-message" aria-live="polite">
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
}

function StockLine({ status }: { status: ProductStatus }) {
  const t = useT();
  const tag = expiryTag(status, t);
  return (
    <span className="stock-line">
      <span className={`stock stock-${status.tone}`}>
        {status.tone === 'expired'
          ? t('till.stockExpired')
          : status.tone === 'out'
            ? t('till.stockOut')
            : t('till.stock', { n: status.stock })}
      </span>
      {tag && (
        <span className={`expiry ${status.daysLeft !== null && status.daysLeft <= 7 ? 'expiry-urgent' : ''}`} title={tag.title} data-testid="expiry-tag">
          {tag.text}
        </span>
      )}
    </span>
  );
}

function ResultRow(props: {
  product: ProductView;
  index: number;
  active: boolean;
  status: ProductStatus;
  onPick(): void;
  onHover(): void;
}) {
  const { product: p, status } = props;
  return (
    <li
      id={`result-${props.index}`}
      data-index={props.index}
      role="option"
      aria-selected={props.active}
      aria-disabled={!status.sellable}
      className={`result ${props.active ? 'active' : ''} ${status.sellable ? '' : 'unsellable'}`}
      onMouseDown={(e) => e.preventDefault()}
      onMouseMove={props.onHover}
      onClick={props.onPick}
    >
      <span className="result-main">
        <span className="result-name">{p.name}</span>
        <span className="result-sub">
          {p.supplierName ?? '—'} · {p.barcode ?? p.sku}
        </span>
      </span>
      <StockLine status={status} />
      <span className="result-price">{formatRupiah(p.sellPrice)}</span>
    </li>
  );
}

function ProductTile({ product: p, status, onPick }: { product: ProductView; status: ProductStatus; onPick(): void }) {
  return (
    <button
      type="button"
      className={`tile ${status.sellable ? '' : 'unsellable'} ${status.expirySoon ? 'tile-expiring' : ''}`}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onPick}
    >
      {p.category && <span className="tile-cat">{p.category}</span>}
      <span className="tile-name">{p.name}</span>
      <span className="tile-supplier">{p.supplierName ?? '—'}</span>
      <span className="tile-price">{formatRupiah(p.sellPrice)}</span>
      <StockLine status={status} />
    </button>
  );
}
