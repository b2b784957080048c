/**
 * Pure helpers of the settlement screens: searching, sorting and totalling
 * balances, the bulk selection, dates. No React, no API: tested in jsdom.
 */
import { format, parseISO, subDays, startOfMonth } from 'date-fns';
import type { Rupiah } from '../../../../shared/money';
import type { BulkSettlementRow, LedgerEntryView, LedgerKind, SettlementMethod, SettlementView, SupplierBalance } from '../../../../shared/types-settlement';
import { dateLocale, type Lang } from '../../lib/format';

export type BalanceSort = 'balanceDesc' | 'balanceAsc' | 'name';

export interface BalanceFilter {
  query: string;
  sort: BalanceSort;
  /** Only suppliers the shop owes something (balance > 0). */
  owedOnly: boolean;
}

const fold = (s: string) => s.toLocaleLowerCase('id-ID').normalize('NFKD').replace(/[\u0300-\u036f]/g, '');

/** Search by code or name (every word must match), filter, sort; ties by name then code. */
export function filterBalances(rows: readonly SupplierBalance[], { query, sort, owedOnly }: BalanceFilter): SupplierBalance[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const out = rows.filter((r) => {
    if (owedOnly && r.balance <= 0) return false;
    if (words.length === 0) return true;
    const hay = fold(`${r.code} ${r.name}`);
    return words.every((w) => hay.includes(w));
  });
  const byName = (a: SupplierBalance, b: SupplierBalance) => a.name.localeCompare(b.name, 'id') || a.code.localeCompare(b.code);
  out.sort((a, b) => {
    if (sort === 'balanceDesc') return b.balance - a.balance || byName(a, b);
    if (sort === 'balanceAsc') return a.balance - b.balance || byName(a, b);
    return byName(a, b);
  });
  return out;
}

export interface BalanceTotals {
  /** Σ of the positive balances: what the shop owes. */
  owed: Rupiah;
  owedCount: number;
  /** Σ of the negative balances (≤ 0): what suppliers owe the shop. */
  credit: Rupiah;
  creditCount: number;
  net: Rupiah;
}

export function balanceTotals(rows: readonly SupplierBalance[]): BalanceTotals {
  const t: BalanceTotals = { owed: 0, owedCount: 0, credit: 0, creditCount: 0, net: 0 };
  for (const r of rows) {
    if (r.balance > 0) {
      t.owed += r.balance;
      t.owedCount++;
    } else if (r.balance < 0) {
      t.credit += r.balance;
      t.creditCount++;
    }
    t.net += r.balance;
  }
  return t;
}

export type Tone = 'pos' | 'neg' | 'zero';
export const tone = (amount: number): Tone => (amount > 0 ? 'pos' : amount < 0 ? 'neg' : 'zero');

/** `+Rp 5.000` / `-Rp 5.000` / `Rp 0` for signed lines (adjustments). */
export function signed(amount: Rupiah, formatRupiah: (n: Rupiah) => string): string {
  return amount > 0 ? `+${formatRupiah(amount)}` : formatRupiah(amount);
}

export const sumAmounts = (rows: readonly { amount: Rupiah }[]): Rupiah => rows.reduce((n, r) => n + r.amount, 0);

/** Per kind, the sum and count of entries (the unsettled list's footer). */
export function entriesByKind(entries: readonly LedgerEntryView[]): Record<LedgerKind, { amount: Rupiah; count: number }> {
  const out = {
    sale: { amount: 0, count: 0 },
    refund: { amount: 0, count: 0 },
    loss: { amount: 0, count: 0 },
    fee: { amount: 0, count: 0 },
    adjustment: { amount: 0, count: 0 },
    payout: { amount: 0, count: 0 },
  } satisfies Record<LedgerKind, { amount: Rupiah; count: number }>;
  for (const e of entries) {
    out[e.kind].amount += e.amount;
    out[e.kind].count++;
  }
  return out;
}

/** Σ of the live settlements (voided ones paid nothing). */
export const liveTotal = (rows: readonly SettlementView[]): Rupiah => rows.filter((r) => r.status === 'live').reduce((n, r) => n + r.amount, 0);

/** A transfer needs an account number to send to. */
export const hasBankAccount = (row: { bankAccount: string | null }): boolean => Boolean(row.bankAccount?.trim());

/** In the bulk list: can this row be paid by this method? */
export const canSettle = (row: Pick<BulkSettlementRow, 'bankAccount' | 'amount'>, method: SettlementMethod): boolean =>
  row.amount > 0 && (method === 'cash' || hasBankAccount(row));

/** The selection that is still valid for a method (rows without an account drop out for transfers). */
export function validSelection(rows: readonly BulkSettlementRow[], selected: ReadonlySet<number>, method: SettlementMethod): BulkSettlementRow[] {
  return rows.filter((r) => selected.has(r.supplierId) && canSettle(r, method));
}

/** The last day of the month before `today` (`YYYY-MM-DD`): the usual settlement cutoff. */
export function endOfPreviousMonth(today: string): string {
  return format(subDays(startOfMonth(parseISO(today)), 1), 'yyyy-MM-dd');
}

/** `2026-11-29` → `29 Nov 2026` (Indonesian months in `id`). */
export function formatDay(iso: string, lang: Lang): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return format(parseISO(iso), 'd MMM yyyy', { locale: dateLocale(lang) });
}

/** `2 Nov – 30 Nov 2026`, or one day. */
export function formatPeriod(from: string | null, to: string, lang: Lang): string {
  if (!from || from === to) return formatDay(to, lang);
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  const left = sameYear ? format(parseISO(from), 'd MMM', { locale: dateLocale(lang) }) : formatDay(from, lang);
  return `${left} – ${formatDay(to, lang)}`;
}

/** 1500 basis points → `15%`, 1250 → `12,5%`. */
export function bpsLabel(bps: number | null): string {
  if (bps === null) return '';
  const whole = Math.floor(bps / 100);
  const frac = bps % 100;
  return frac === 0 ? `${whole}%` : `${whole},${String(frac).padStart(2, '0').replace(/0$/, '')}%`;
}
