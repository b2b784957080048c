import { ApiError } from '../api';
import { fieldMessage } from '../i18n/errors';

/**
 * If the server named a field we show, the field and its message; the
 * caller shows anything else as a general error.
 */
export function apiFieldError<F extends string>(err: unknown, fields: Record<string, F>): { field: F; message: string } | null {
  if (!(err instanceof ApiError) || !err.field) return null;
  const field = fields[err.field];
  return field ? { field, message: fieldMessage(err) } : null;
}

/** A failed save: the server's field error goes under its field, anything else to the form's notice. */
export function showSaveError<F extends string>(
  err: unknown,
  fields: Record<string, F>,
  setFieldErrors: (errors: Partial<Record<F, string>>) => void,
  setError: (err: unknown) => void,
): void {
  const fe = apiFieldError(err, fields);
  if (fe) setFieldErrors({ [fe.field]: fe.message } as Partial<Record<F, string>>);
  else setError(err);
}

/** Only the fields with text, trimmed (the API wants absent, not empty, optional fields). */
export function presentFields<K extends string>(values: Record<K, string>, keys: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const k of keys) {
    const v = values[k].trim();
    if (v) out[k] = v;
  }
  return out;
}

/** "12,5" or "12.5" percent → 1250 basis points; null when not a percentage 0–100 with ≤2 decimals. */
/**
 * What a quantity field keeps as typed: everything but spaces, at most `maxChars`. "2,5", "-3" or "1e1"
 * stay as typed, so the field can say they are no whole number; dropping the other signs would turn
 * them into 25, 3 or 11 units without a word.
 */
export const qtyFieldText = (raw: string, maxChars = 7): string => raw.replace(/\s/g, '').slice(0, maxChars);

export function percentToBps(text: string): number | null {
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const bps = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bps <= 10_000 ? bps : null;
}

/** 1250 → "12,5%" */
export function bpsToPercent(bps: number): string {
  const whole = Math.floor(bps / 100);
  const frac = bps % 100;
  return frac === 0 ? `${whole}%` : `${whole},${String(frac).padStart(2, '0').replace(/0$/, '')}%`;
}
