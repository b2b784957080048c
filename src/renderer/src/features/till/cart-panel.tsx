import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useT } from '../../i18n';
import { formatRupiah } from '../../../../shared/money';
import { CartIcon, TrashIcon } from '../../components/icons';
import { CommandButton } from '../../lib/commands';
import type { CartLine } from './cart';
import { qtyFieldText } from '../../lib/form';
import type { PricedLine } from '../../../../shared/pricing';
import { discountLabel, type PricingProblem } from './pricing';
import type { Cart } from './use-cart';

interface CartPanelProps {
  cart: Cart;
  onQty(productId: number, qty: number): void;
  focusScan(): void;
  onLineDiscount?(productId: number): void;
  heldCount?: number;
  /** Who approved the discounts, when a manager did. */
  approvedBy?: string | null;
  /** Shown instead of the empty cart (the last sale's card). */
  done?: ReactNode;
}

/**
 * The lines, the total (always visible) and the way to pay. Its buttons are
 * the till's commands (till-commands.ts): the same keys, labels and rules
 * as the keyboard and the F1 help.
 */
export function CartPanel({ cart, onQty, focusScan, onLineDiscount, heldCount = 0, approvedBy, done }: CartPanelProps) {
  const t = useT();
  const { lines, lastTouched } = cart.state;
  const { lineCount, itemCount, total } = cart.totals;
  const priced = cart.priced;
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

      {lines.length === 0 && done ? (
        done
      ) : lines.length === 0 ? (
        <div className="cart-empty">
          <div className="cart-empty-icon" aria-hidden="true">
            <CartIcon size={44} />
          </div>
          <p className="cart-empty-title">{t('cart.emptyTitle')}</p>
          <p className="muted">{t('cart.emptyHint')}</p>
        </div>
      ) : (
        <ul className="cart-lines" ref={listRef} data-testid="cart-lines">
          {lines.map((line, i) => (
            <CartRow
              key={line.product.id}
              line={line}
              priced={priced.lines[i]}
              refused={priced.problem?.kind === 'lineDiscount' && priced.problem.line === i}
              onDiscount={onLineDiscount ? () => onLineDiscount(line.product.id) : undefined}
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

      <div className="cart-tools" role="toolbar" aria-label={t('tx.cart.tools')}>
        <CommandButton id="saleDiscount" className="tool-btn" testId="sale-discount-button" />
        <CommandButton id="hold" className="tool-btn" testId="hold-button" />
        <CommandButton id="held" className="tool-btn" testId="held-button" extra={heldCount > 0 ? <span className="tool-count">{heldCount}</span> : null} />
        <CommandButton id="refund" className="tool-btn" testId="refund-button" />
      </div>

      <footer className="cart-foot">
        <div className="cart-subline">
          <span>{t('cart.itemsLabel', { n: itemCount })}</span>
          <span data-testid="cart-subtotal">{formatRupiah(priced.subtotal)}</span>
        </div>
        {priced.lineDiscounts > 0 && (
          <div className="cart-subline cart-discount">
            <span>{t('tx.cart.lineDiscounts')}</span>
            <span>−{formatRupiah(priced.lineDiscounts)}</span>
          </div>
        )}
        {cart.state.discount && (
          <div className="cart-subline cart-discount" data-testid="cart-sale-discount">
            <span>
              {t('tx.cart.saleDiscountLine', { value: discountLabel(cart.state.discount, formatRupiah) })}
              <button type="button" className="link-btn" onClick={() => cart.setSaleDiscount(undefined)}>
                {t('tx.cart.removeDiscount')}
              </button>
            </span>
            <span>{priced.problem?.kind === 'saleDiscount' ? '' : `−${formatRupiah(priced.saleDiscount)}`}</span>
          </div>
        )}
        {priced.problem && (
          <div className="cart-problem" role="alert" data-testid="cart-pricing-problem">
            {problemText(t, priced.problem, lines.map((l) => l.product.name))}
          </div>
        )}
        {approvedBy && (
          <div className="cart-approved" data-testid="cart-approved">
            ✓ {t('tx.cart.approvedBy', { name: approvedBy })}
          </div>
        )}
        <div className="cart-total">
          <span className="cart-total-label">{t('cart.total')}</span>
          <span className="cart-total-value" data-testid="cart-total">
            {priced.problem ? '—' : formatRupiah(total)}
          </span>
        </div>
        <div className="cart-actions">
          <CommandButton id="clear" className="btn btn-secondary btn-lg">
            <TrashIcon size={18} /> {t('cart.clear')}{' '}
          </CommandButton>
          <CommandButton id="pay" className="btn btn-primary btn-pay" testId="pay-button">
            <span>{t('cart.pay')}</span>
          </CommandButton>
        </div>
      </footer>
    </section>
  );
}

/** What the server would refuse in this cart, in the user's language. */
function problemText(t: ReturnType<typeof useT>, problem: PricingProblem, names: readonly string[]): string {
  switch (problem.kind) {
    case 'lineDiscount':
      return t('tx.cart.problemLine', { name: names[problem.line] ?? `#${problem.line + 1}`, max: formatRupiah(problem.max) });
    case 'saleDiscount':
      return t('tx.cart.problemSale', { max: formatRupiah(problem.max) });
    case 'tooLarge':
      return t('tx.cart.problemTooLarge');
  }
}

function CartRow({
  line,
  priced,
  refused = false,
  onDiscount,
  touched,
  onQty,
  onRemove,
  focusScan,
}: {
  line: CartLine;
  priced?: PricedLine;
  /** The server would refuse this line's discount. */
  refused?: boolean;
  onDiscount?(): void;
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
    // Digits only make a quantity; anything else ("2,5", "-3") is refused by the cart with its message.
    const n = /^\d+$/.test(draft) ? Number(draft) : Number.NaN;
    setDraft(null);
    if (draft !== '' && n !== line.qty) onQty(n);
  };

  return (
    <li className={`cart-line ${touched ? 'touched' : ''}`} data-product={p.id} data-testid="cart-line">
      <div className="cart-line-top">
        <span className="cart-line-name" title={p.name}>
          {p.name}
        </span>
        <span className="cart-line-total" data-testid="cart-line-net">
          {priced && priced.net !== priced.gross && <s className="cart-line-gross">{formatRupiah(priced.gross)}</s>}
          {formatRupiah(priced?.net ?? p.sellPrice * line.qty)}
        </span>
      </div>
      {(line.discount || line.priceOverride !== undefined || (priced && priced.saleDiscount > 0)) && (
        <div className="cart-line-terms" data-testid="cart-line-terms">
          {line.priceOverride !== undefined && (
            <span className="term-chip term-override">{t('tx.cart.override', { from: formatRupiah(p.sellPrice), to: formatRupiah(line.priceOverride) })}</span>
          )}
          {line.discount && priced && (
            <span className={`term-chip ${refused ? 'term-refused' : ''}`} data-testid={refused ? 'cart-line-refused' : undefined}>
              {t('tx.cart.lineDiscount', { value: discountLabel(line.discount, formatRupiah) })}
              {refused ? '' : ` −${formatRupiah(priced.discount)}`}
            </span>
          )}
          {priced && priced.saleDiscount > 0 && <span className="term-chip term-sale">{t('tx.cart.saleShare', { amount: formatRupiah(priced.saleDiscount) })}</span>}
        </div>
      )}
      <div className="cart-line-bottom">
        <span className="cart-line-meta">
          <span className="cart-line-supplier">{p.supplierName ?? t('cart.shopOwned')}</span>
          <span className="cart-line-price">
            {formatRupiah(line.priceOverride ?? p.sellPrice)} / {p.unit}
          </span>
        </span>
        {onDiscount && (
          <button
            type="button"
            className="disc-btn"
            onClick={onDiscount}
            aria-label={t('tx.cart.discountFor', { name: p.name })}
            title={`${t('tx.cart.discountFor', { name: p.name })} (F6)`}
            data-testid="line-discount"
          >
            %
          </button>
        )}
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
            onChange={(e) => setDraft(qtyFieldText(e.target.value))}
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
