/**
 * Pure helpers of the report screens: short rupiah for chart axes, date
 * range presets in the shop's time zone, months, and base64 → bytes for
 * downloads. No React, no API: tested in jsdom.
 */
import { formatRupiah } from '../../../../shared/money';
import { todayIn, type Lang } from '../../lib/format';
import { translate, type MessageKey } from '../../i18n';

/** Rupiah short enough for a chart axis: `Rp 1,2 jt`, `Rp 450 rb`, `Rp 2,5 M` (en: `Rp 1.2M`, `Rp 450K`, `Rp 2.5B`); the units come from the dictionaries. */
export function formatRupiahShort(amount: number, lang: Lang = 'id'): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  const units: [number, MessageKey][] = [
    [1e12, 'rep.short.trillion'],
    [1e9, 'rep.short.billion'],
    [1e6, 'rep.short.million'],
    [1e3, 'rep.short.thousand'],
  ];
  for (const [size, key] of units) {
    if (abs >= size) {
      const value = abs / size;
      // One decimal below 100 (1,2 jt; 12,5 jt), none above (450 rb); trailing ,0 dropped.
      const digits = value < 100 ? 1 : 0;
      const rounded = Math.round(value * 10 ** digits) / 10 ** digits;
      const text = new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'id-ID', { maximumFractionDigits: digits }).format(rounded);
      return `${sign}${translate(lang, key, { n: text })}`;
    }
  }
  return `${sign}Rp ${abs}`;
}

/** The full amount, as tooltips and tables show it: `Rp 1.234.500`. */
export const rupiahFull = (amount: number): string => formatRupiah(amount);

export type Preset = 'today' | 'last7' | 'thisMonth' | 'lastMonth' | 'custom';
export const PRESETS: Preset[] = ['today', 'last7', 'thisMonth', 'lastMonth', 'custom'];

export interface DateRange {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoOf = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const parseIso = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
};

/** `YYYY-MM-DD` plus `days` (calendar arithmetic, no time zone involved). */
export function addDays(iso: string, days: number): string {
  const d = parseIso(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return isoOf(d);
}

/** The last day of a month `YYYY-MM`. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return isoOf(new Date(Date.UTC(y!, m!, 0)));
}

/** `YYYY-MM` plus `n` months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y!, m! - 1 + n, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

/** The shop's current month `YYYY-MM`. */
export const currentMonth = (timeZone: string, now: number = Date.now()): string => todayIn(timeZone, now).slice(0, 7);

/** The dates of a preset, as the shop's calendar sees them (`now` in UTC ms). */
export function presetRange(preset: Exclude<Preset, 'custom'>, timeZone: string, now: number = Date.now()): DateRange {
  const today = todayIn(timeZone, now);
  const month = today.slice(0, 7);
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'last7':
      return { from: addDays(today, -6), to: today };
    case 'thisMonth':
      return { from: `${month}-01`, to: today };
    case 'lastMonth': {
      const last = addMonths(month, -1);
      return { from: `${last}-01`, to: monthEnd(last) };
    }
  }
}

/** Which preset a range is, or `custom`. */
export function presetOf(range: DateRange, timeZone: string, now: number = Date.now()): Preset {
  for (const p of PRESETS) {
    if (p === 'custom') continue;
    const r = presetRange(p, timeZone, now);
    if (r.from === range.from && r.to === range.to) return p;
  }
  return 'custom';
}

/** A range is usable when both ends are dates and `from ≤ to`. */
export const validRange = (r: DateRange): boolean => /^\d{4}-\d{2}-\d{2}$/.test(r.from) && /^\d{4}-\d{2}-\d{2}$/.test(r.to) && r.from <= r.to;

/** Base64 (as `reports.export` returns it) → bytes. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A value's share of the biggest one, 0–100, for the little bars in tables. */
export const barPercent = (value: number, max: number): number => (max > 0 && value > 0 ? Math.max(1, Math.round((value / max) * 100)) : 0);

/** `09.00` label of an hour of day. */
export const hourLabel = (hour: number): string => `${pad(hour)}.00`;
