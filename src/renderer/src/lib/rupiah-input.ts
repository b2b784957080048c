import { formatNumber, MAX_RUPIAH, parseRupiah, type Rupiah } from '../../../shared/money';

/**
 * What a Rupiah field shows while someone types: digits only, grouped with
 * dots ("150000" → "150.000"). Letters and other signs are dropped. Digits
 * above the maximum are no amount (`value` null): they stay as typed, ungrouped
 * (at most 13), and the form says the amount is too large (`useRupiahField`).
 */
export function normalizeRupiahText(text: string): { value: Rupiah | null; text: string } {
  const digits = text.replace(/\D/g, '').replace(/^0+(?=\d)/, '');
  if (digits === '') return { value: null, text: '' };
  const value = parseRupiah(digits.slice(0, 13));
  if (value === null || value > MAX_RUPIAH) return { value: null, text: digits.slice(0, 13) };
  return { value, text: formatNumber(value) };
}

/** The text a field shows for a value. */
export const rupiahText = (value: Rupiah | null): string => (value === null ? '' : formatNumber(value));
