import type { TillProductView } from '../../../../shared/types';
import { daysUntil, EXPIRY_WARNING_DAYS, formatIsoDate } from '../../lib/format';

export type StockTone = 'ok' | 'low' | 'out' | 'expired';

export interface ProductStatus {
  sellable: boolean;
  tone: StockTone;
  stock: number;
  /** `12/12/2026` when the first sellable lot expires within 30 days (or today). */
  expirySoon: string | null;
  daysLeft: number | null;
}

/** What a tile or result row says about stock and expiry. */
export function productStatus(p: Pick<TillProductView, 'stock' | 'expiredStock' | 'minStock' | 'nextExpiry'>, today: string): ProductStatus {
  const sellable = p.stock > 0;
  const tone: StockTone = sellable
    ? p.stock <= Math.max(p.minStock, 3)
      ? 'low'
      : 'ok'
    : p.expiredStock > 0
      ? 'expired'
      : 'out';
  let expirySoon: string | null = null;
  let daysLeft: number | null = null;
  if (sellable && p.nextExpiry) {
    daysLeft = daysUntil(p.nextExpiry, today);
    if (daysLeft <= EXPIRY_WARNING_DAYS) expirySoon = formatIsoDate(p.nextExpiry);
  }
  return { sellable, tone, stock: p.stock, expirySoon, daysLeft };
}
