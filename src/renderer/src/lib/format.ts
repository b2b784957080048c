/**
 * Dates and times as the shop sees them: always in the shop's time zone
 * (settings `timeZone`, default Asia/Makassar / WITA), never the PC's.
 */
import { TZDate } from '@date-fns/tz';
import { differenceInCalendarDays, format, parseISO } from 'date-fns';
import { enUS } from 'date-fns/locale/en-US';
import { id as idLocale } from 'date-fns/locale/id';
import type { Locale } from 'date-fns';
import { zoneAbbreviation } from '../../../shared/dates';

export type Lang = 'id' | 'en';

export const DEFAULT_TIME_ZONE = 'Asia/Makassar';

export const dateLocale = (lang: Lang): Locale => (lang === 'en' ? enUS : idLocale);


const validZones = new Map<string, boolean>();
function safeZone(timeZone: string): string {
  let ok = validZones.get(timeZone);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone });
      ok = true;
    } catch {
      ok = false;
    }
    validZones.set(timeZone, ok);
  }
  return ok ? timeZone : DEFAULT_TIME_ZONE;
}

/** WIB / WITA / WIT, or the IANA name. */
export { zoneAbbreviation };

export const zoned = (utcMillis: number, timeZone: string): TZDate => new TZDate(utcMillis, safeZone(timeZone));

/** `14:05` */
export const formatTime = (utcMillis: number, timeZone: string): string => format(zoned(utcMillis, timeZone), 'HH:mm');

/** `29 Nov 2026 14:05` (Indonesian month names in `id`). */
export const formatDateTime = (utcMillis: number, timeZone: string, lang: Lang): string =>
  format(zoned(utcMillis, timeZone), 'd MMM yyyy HH:mm', { locale: dateLocale(lang) });

/** `Sabtu, 29 November 2026` */
export const formatLongDate = (utcMillis: number, timeZone: string, lang: Lang): string =>
  format(zoned(utcMillis, timeZone), 'EEEE, d MMMM yyyy', { locale: dateLocale(lang) });

/** `Sab, 29 Nov` */
export const formatShortDate = (utcMillis: number, timeZone: string, lang: Lang): string =>
  format(zoned(utcMillis, timeZone), 'EEE, d MMM', { locale: dateLocale(lang) });

/** The shop's local calendar day, `YYYY-MM-DD`. */
export const todayIn = (timeZone: string, now: number = Date.now()): string => format(zoned(now, timeZone), 'yyyy-MM-dd');

/** `2026-12-12` → `12/12/2026` */
export function formatIsoDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** Whole days from `today` to `iso` (both `YYYY-MM-DD`); negative when past. */
export const daysUntil = (iso: string, today: string): number => differenceInCalendarDays(parseISO(iso), parseISO(today));

/** Expiry warnings start this many days ahead. */
export const EXPIRY_WARNING_DAYS = 30;
