import { useT } from '../../i18n';
import { formatRupiah } from '../../../../shared/money';
import type { TillProductView } from '../../../../shared/types';
import { expiryTag, type ProductStatus } from './product-status';

/** Parts of the product finder's results (product-finder.tsx): stock line, result row, tile. */

export function StockLine({ status }: { status: ProductStatus }) {
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

export function ResultRow(props: {
  product: TillProductView;
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

export function ProductTile({ product: p, status, onPick }: { product: TillProductView; status: ProductStatus; onPick(): void }) {
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
