/** Areas of the audit log, for the action filter (an area matches all its actions). */
export const AUDIT_AREAS = [
  'auth',
  'auth.login',
  'auth.failed',
  'approval',
  'discount.approved',
  'price.override',
  'refund',
  'sales',
  'drawer',
  'shift',
  'settings',
  'users',
  'stock',
  'settlement',
] as const;

/** `{a: 1, b: "x"}` → `a: 1 · b: x` (nested values as JSON), cut to `max` characters. */
export function auditDetails(details: unknown, max = 160): string {
  if (details === null || details === undefined) return '';
  if (typeof details !== 'object') return String(details).slice(0, max);
  const text = Object.entries(details as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
