import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n';
import { formatRupiah } from '../../../../shared/money';
import { CartIcon, TrashIcon } from '../../components/icons';
import { lineTotal, MAX_LINE_QTY, type CartLine } from './cart';
import type { Cart } from './use-cart';

interface CartPanelProps {
  cart: Cart;
  onQty(productId: number, qty: number): void;
  onPay(): void;
  onClear(): void;
  focusScan(): void;
  disabled?: boolean;
}

/** The lines, the total (always visible) and the way to pay. */
export function CartPanel({ cart, onQty, onPay, onClear, focusScan, disabled }: CartPanelProps) {
  const t = useT();
  const { lines, lastTouched } = cart.state;
  const { lineCount, itemCount, total } = cart.totals;
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (lastTouched === null) return;
    listRef.current?.querySelector<HTMLElement>(`[data-product="${lastTouched}"]`)?.scrollIntoView?.({ block: 'nearest' });
  }, [lastTouched, lines]);

  return (
    <section className="cart" aria-label={t('cart.title')}>
      <header className="cart-head">
        <h2>
          <CartIcon size={20} /> {t('cart.title')}
        </h2>
        <span className="cart-counts" data-testid="cart-counts">
          {t('cart.counts', { lines: lineCount, items: itemCount })}
        </span>
      </header>

      {lines.length === 0 ? (
        <div className="cart-empty">
          <div className="cart-empty-icon" aria-hidden="true">
            <CartIcon size={44} />
          </div>
          <p className="cart-empty-title">{t('cart.emptyTitle')}</p>
          <p className="muted">{t('cart.emptyHint')}</p>
        </div>
      ) : (
        <ul className="cart-lines" ref={listRef} data-testid="cart-lines">
          {lines.map((line) => (
            <CartRow
              key={line.product.id}
              line={line}
              touched={line.product.id === lastTouched}
              onQty={(q) => onQty(line.product.id, q)}
              onRemove={() => {
                cart.remove(line.product.id);
                focusScan();
              }}
              focusScan={focusScan}
            />
          ))}
        </ul>
      )}

      <footer className="cart-foot">
        <div className="cart-subline">
          <span>{t('cart.itemsLabel', { n: itemCount })}</span>
          <span>{formatRupiah(total)}</span>
        </div>
        <div className="cart-total">
          <span className="cart-total-label">{t('cart.total')}</span>
          <span className="cart-total-value" data-testid="cart-total">
            {formatRupiah(total)}
          </span>
        </div>
        <div className="cart-actions">
          <button type="button" className="btn btn-secondary btn-lg" onClick={onClear} disabled={lines.length === 0 || disabled}>
            <TrashIcon size={18} /> {t('cart.clear')} <kbd>F8</kbd>
          </button>
          <button
            type="button"
            className="btn btn-primary btn-pay"
            onClick={onPay}
            disabled={lines.length === 0 || disabled}
            data-testid="pay-button"
          >
            <span>{t('cart.pay')}</span>
            <kbd>F2</kbd>
          </button>
        </div>
      </footer>
    </section>
  );
}

function CartRow({
  line,
  touched,
  onQty,
  onRemove,
  focusScan,
}: {
  line: CartLine;
  touched: boolean;
  onQty(qty: number): void;
  onRemove(): void;
  focusScan(): void;
}) {
  const t = useT();
  const [draft, setDraft] = useState<string | null>(null);
  const p = line.product;

  const commit = () => {
    if (draft === null) return;
    const n = Number(draft);
    setDraft(null);
    if (draft.trim() !== '' && Number.isInteger(n) && n !== line.qty) onQty(n);
  };

  return (
    <li className={`cart-line ${touched ? 'touched' : ''}`} data-product={p.id} data-testid="cart-line">
      <div className="cart-line-top">
        <span className="cart-line-name" title={p.name}>
          {p.name}
        </span>
        <span className="cart-line-total">{formatRupiah(lineTotal(line))}</span>
      </div>
      <div className="cart-line-bottom">
        <span className="cart-line-meta">
          <span className="cart-line-supplier">{p.supplierName ?? t('cart.shopOwned')}</span>
          <span className="cart-line-price">
            {formatRupiah(p.sellPrice)} / {p.unit}
          </span>
        </span>
        <span className="qty">
          <button
            type="button"
            className="qty-btn"
            aria-label={t('cart.decrease', { name: p.name })}
            disabled={line.qty <= 1}
            onClick={() => {
              onQty(line.qty - 1);
              focusScan();
            }}
          >
            −
          </button>
          <input
            className="qty-input"
            type="text"
            inputMode="numeric"
            aria-label={t('cart.qtyOf', { name: p.name })}
            value={draft ?? String(line.qty)}
            onFocus={(e) => {
              setDraft(String(line.qty));
              e.target.select();
            }}
            onChange={(e) => setDraft(e.target.value.replace(/\D/g, '').slice(0, String(MAX_LINE_QTY).length))}
            onBlur={commit}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                commit();
                focusScan();
              } else if (e.key === 'Escape') {
                e.preventDefault();
                e.stopPropagation();
                setDraft(null);
                focusScan();
              }
            }}
            data-testid="qty-input"
          />
          <button
            type="button"
            className="qty-btn"
            aria-label={t('cart.increase', { name: p.name })}
            onClick={() => {
              onQty(line.qty + 1);
              focusScan();
            }}
          >
            +
          </button>
        </span>
        <button type="button" className="remove-btn" aria-label={t('cart.remove', { name: p.name })} title={t('cart.remove', { name: p.name })} onClick={onRemove}>
          ×
        </button>
      </div>
    </li>
  );
}
