/**
 * Pure helpers of the back office screens (no React, no API): values at
 * supplier terms, intake and return drafts, near-expiry grouping and the
 * stock count's differences.
 */
import { isImplausibleExpiry } from '../../../../shared/dates';
import { basisPoints, type Rupiah } from '../../../../shared/money';
import type { Terms } from '../../../../shared/types';
import type { Liability, StockCountLineView, StockLotRow, SupplierOverview } from '../../../../shared/types-backoffice';

/** What the supplier gets for `qty` units sold at these terms (fixed: harga titip; commission: net − commission). */
export function supplierValue(sellPrice: Rupiah, terms: Terms, qty: number): Rupiah {
  if (terms.type === 'fixed') return terms.supplierPrice * qty;
  const net = sellPrice * qty;
  return net - basisPoints(net, terms.commissionBps);
}

/** A whole quantity typed by a person: "12" → 12; anything else (empty, "1.5", "-2", "abc") → null. */
export function parseQty(text: string, max = 100_000): number | null {
  const s = text.trim();
  if (!/^\d{1,6}$/.test(s)) return null;
  const n = Number(s);
  return n <= max ? n : null;
}

export interface IntakeDraftLine {
  productId: number;
  sellPrice: Rupiah;
  terms: Terms;
  trackExpiry: boolean;
  qty: string;
  expiryDate: string;
  /** The typed expiry is not a day (or outside the field's limits); the field says why. */
  expiryInvalid?: boolean;
}

export type IntakeLineProblem = 'qty' | 'expiryRequired' | 'expiryPast' | 'expiryInvalid' | 'expiryTooFar';

/** Per line index: what is wrong before the intake may be saved. */
export function intakeProblems(lines: readonly IntakeDraftLine[], today: string): Record<number, IntakeLineProblem> {
  const out: Record<number, IntakeLineProblem> = {};
  lines.forEach((l, i) => {
    const qty = parseQty(l.qty);
    if (qty === null || qty < 1) out[i] = 'qty';
    else if (l.expiryInvalid) out[i] = 'expiryInvalid';
    else if (l.trackExpiry && !l.expiryDate) out[i] = 'expiryRequired';
    else if (l.expiryDate && l.expiryDate < today) out[i] = 'expiryPast';
    else if (l.expiryDate && isImplausibleExpiry(today, l.expiryDate)) out[i] = 'expiryTooFar';
  });
  return out;
}

/** Units, value at supplier terms and value at sell price of an intake draft (bad quantities count 0). */
export function intakeTotals(lines: readonly Pick<IntakeDraftLine, 'sellPrice' | 'terms' | 'qty'>[]): { units: number; value: Rupiah; retail: Rupiah } {
  return lines.reduce(
    (acc, l) => {
      const qty = parseQty(l.qty) ?? 0;
      return { units: acc.units + qty, value: acc.value + supplierValue(l.sellPrice, l.terms, qty), retail: acc.retail + l.sellPrice * qty };
    },
    { units: 0, value: 0, retail: 0 },
  );
}

/** The lines of a return: lots with a chosen qty (text), checked against what remains. */
export interface ReturnPick {
  lotId: number;
  remainingQty: number;
  qty: string;
}

export type ReturnCheck =
  | { ok: true; lines: { lotId: number; qty: number }[]; totalQty: number }
  | { ok: false; problems: Record<number, 'qty' | 'tooMany'>; empty: boolean };

/** Only picks with a qty become lines; a qty over the lot's remaining or not a whole number ≥ 1 is a problem. */
export function checkReturn(picks: readonly ReturnPick[]): ReturnCheck {
  const problems: Record<number, 'qty' | 'tooMany'> = {};
  const lines: { lotId: number; qty: number }[] = [];
  for (const p of picks) {
    if (p.qty.trim() === '') continue;
    const qty = parseQty(p.qty);
    if (qty === null || qty < 1) problems[p.lotId] = 'qty';
    else if (qty > p.remainingQty) problems[p.lotId] = 'tooMany';
    else lines.push({ lotId: p.lotId, qty });
  }
  if (Object.keys(problems).length > 0 || lines.length === 0) return { ok: false, problems, empty: lines.length === 0 && Object.keys(problems).length === 0 };
  return { ok: true, lines, totalQty: lines.reduce((n, l) => n + l.qty, 0) };
}

export interface SupplierLotGroup {
  supplierId: number | null;
  supplierCode: string | null;
  supplierName: string | null;
  rows: StockLotRow[];
  qty: number;
  value: Rupiah;
  expiredLots: number;
}

/** Near-expiry (or slow-moving) rows grouped per supplier, in the order suppliers first appear. */
export function groupBySupplier(rows: readonly StockLotRow[]): SupplierLotGroup[] {
  const groups = new Map<number | null, SupplierLotGroup>();
  for (const r of rows) {
    let g = groups.get(r.supplierId);
    if (!g) {
      g = { supplierId: r.supplierId, supplierCode: r.supplierCode, supplierName: r.supplierName, rows: [], qty: 0, value: 0, expiredLots: 0 };
      groups.set(r.supplierId, g);
    }
    g.rows.push(r);
    g.qty += r.remainingQty;
    g.value += r.value;
    if (r.expired) g.expiredLots += 1;
  }
  return [...groups.values()];
}

export type ExpiryTone = 'expired' | 'soon' | 'later' | 'none';

/** Red when expired, amber within a week, else neutral. */
export function expiryTone(daysToExpiry: number | null): ExpiryTone {
  if (daysToExpiry === null) return 'none';
  if (daysToExpiry < 0) return 'expired';
  if (daysToExpiry <= 7) return 'soon';
  return 'later';
}

/** Supplier list filter: active, inactive or all. */
export type ActiveFilter = 'active' | 'inactive' | 'all';

export function filterByActive<T extends { active: boolean }>(rows: readonly T[], filter: ActiveFilter): T[] {
  return filter === 'all' ? [...rows] : rows.filter((r) => r.active === (filter === 'active'));
}

/** Totals of the supplier overview rows shown. */
export function overviewTotals(rows: readonly SupplierOverview[]): { balance: Rupiah; stockQty: number; stockValue: Rupiah } {
  return rows.reduce((a, r) => ({ balance: a.balance + r.balance, stockQty: a.stockQty + r.stockQty, stockValue: a.stockValue + r.stockValue }), {
    balance: 0,
    stockQty: 0,
    stockValue: 0,
  });
}

export interface CountDecision {
  reason: string;
  liability: Liability | '';
}

/**
 * The posting lines of a count: every counted lot with a difference needs a
 * reason, and a shortfall needs who bears it. Returns the lines or the lot ids
 * still missing something.
 */
export function countPostLines(
  lines: readonly Pick<StockCountLineView, 'lotId' | 'difference'>[],
  decisions: Readonly<Record<number, CountDecision>>,
): { ok: true; lines: { lotId: number; reason: string; liability?: Liability }[] } | { ok: false; missing: number[] } {
  const out: { lotId: number; reason: string; liability?: Liability }[] = [];
  const missing: number[] = [];
  for (const l of lines) {
    if (l.difference === null || l.difference === 0) continue;
    const d = decisions[l.lotId];
    const reason = d?.reason.trim() ?? '';
    const liability = d?.liability || undefined;
    if (!reason || (l.difference < 0 && !liability)) {
      missing.push(l.lotId);
      continue;
    }
    out.push({ lotId: l.lotId, reason, ...(liability ? { liability } : {}) });
  }
  return missing.length > 0 ? { ok: false, missing } : { ok: true, lines: out };
}

/** What a counted qty would mean before it is recorded: counted − expected, or null when not a number. */
export function previewDifference(expectedQty: number, typed: string): number | null {
  const n = parseQty(typed);
  return n === null ? null : n - expectedQty;
}

/** `+3`, `−2`, `0` (a real minus sign). */
export function signedQty(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : '0';
}

/** A date `days` days after `today` (both `YYYY-MM-DD`, calendar arithmetic in UTC). */
export function addDays(today: string, days: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * What an edit form changed, for an `update` call: only the fields that
 * differ (trimmed); an emptied optional field becomes null (clears it);
 * `required` fields are never sent empty.
 */
export function changedFields<K extends string>(
  before: Readonly<Record<K, string | null>>,
  values: Readonly<Record<K, string>>,
  keys: readonly K[],
  required: readonly K[] = [],
): Partial<Record<K, string | null>> {
  const out: Partial<Record<K, string | null>> = {};
  for (const k of keys) {
    const now = values[k].trim();
    if (now === (before[k] ?? '').trim()) continue;
    if (now === '') {
      if (!required.includes(k)) out[k] = null;
    } else out[k] = now;
  }
  return out;
}
