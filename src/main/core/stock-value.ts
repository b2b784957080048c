import type { Rupiah } from '../../shared/money';
import { supplierShare, times, type LotTerms } from '../../shared/pricing';

/**
 * What `qty` units of a lot are worth to its supplier at the lot's own
 * terms, on the lot's sell price: fixed → supplierPrice × qty; commission →
 * sellPrice × qty less the commission (half-up, by `supplierShare`). This is
 * the value of stock on the intake slip, of a return, and of a shop-borne
 * loss.
 */
export function valueAtTerms(lot: LotTerms & { sellPrice: number }, qty: number): Rupiah {
  return supplierShare(lot, qty, times(lot.sellPrice, qty));
}

/** A lot's stock and terms as its row reads from SQLite (the `lots` columns, snake_case). */
export interface LotStockRow {
  remaining_qty: number;
  expiry_date: string | null;
  terms_type: 'fixed' | 'commission';
  supplier_price: number | null;
  commission_bps: number | null;
  sell_price: number;
}

/** `2026-12-10` + n days, as a date string (calendar arithmetic, no time zone). */
export function addDaysToDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
