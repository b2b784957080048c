/**
 * Calendar days as Indonesians write them and as the app stores them.
 *
 * Stored and sent: `YYYY-MM-DD`. Typed and printed: `dd/mm/yyyy` (day
 * first, always, whatever the browser's or the OS's locale), or `7 Des 2026`.
 * Pure functions (date-fns, no time zone): both the renderer and the core use
 * them.
 */
import { format, isValid, parse } from 'date-fns';
import { id as idLocale } from 'date-fns/locale';

const ZONE_ABBREVIATIONS: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Ujung_Pandang': 'WITA',
  'Asia/Jayapura': 'WIT',
};

/** WIB / WITA / WIT for Indonesian zones, otherwise the IANA name itself. */
export function zoneAbbreviation(timeZone: string): string {
  return ZONE_ABBREVIATIONS[timeZone] ?? timeZone;
}

/** An expiry this many years after the intake, or more, is taken for a typing mistake. */
export const MAX_EXPIRY_YEARS = 10;

/** A real calendar day `YYYY-MM-DD` (no 2027-02-30, four-digit year). */
export function isCalendarDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** `2027-06-30` → `30/06/2027`. */
export function formatDmy(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

export type ParsedDmy = { ok: true; iso: string } | { ok: false; problem: 'empty' | 'format' | 'impossible' };

/**
 * A typed day, day first: `30/06/2027`, `30-06-2027`, `30.06.2027`,
 * `5/6/2027` or `30062027`. A day that does not exist (`31/02/2027`,
 * `30/13/2027`) is `impossible`; anything else that is not a day is `format`.
 * Parsed with date-fns `parse(text, 'dd/MM/yyyy')` + `isValid`.
 */
export function parseDmy(text: string): ParsedDmy {
  const raw = text.trim();
  if (raw === '') return { ok: false, problem: 'empty' };
  let parts: string[] | null = null;
  const sep = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(raw);
  if (sep) parts = [sep[1]!, sep[2]!, sep[3]!];
  else if (/^\d{8}$/.test(raw)) parts = [raw.slice(0, 2), raw.slice(2, 4), raw.slice(4)];
  if (!parts) return { ok: false, problem: 'format' };
  const [d, m, y] = parts as [string, string, string];
  if (Number(y) < 1000) return { ok: false, problem: 'format' };
  const normal = `${d.padStart(2, '0')}/${m.padStart(2, '0')}/${y}`;
  const date = parse(normal, 'dd/MM/yyyy', new Date(2000, 0, 1));
  if (!isValid(date) || date.getDate() !== Number(d) || date.getMonth() !== Number(m) - 1) return { ok: false, problem: 'impossible' };
  return { ok: true, iso: `${y}-${normal.slice(3, 5)}-${normal.slice(0, 2)}` };
}

/** `2026-12-07` + n years (29 Feb becomes 28 Feb in a common year). */
export function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const target = y + years;
  const last = new Date(Date.UTC(target, m, 0)).getUTCDate();
  return `${String(target).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * An expiry that cannot be what was meant for goods received on
 * `receivedOn`: before the day they were received (intake refuses expired
 * goods, so this includes any year before the intake's), or more than
 * MAX_EXPIRY_YEARS after it. Typical of a day and month typed the wrong way
 * round into a browser date field, or of a mistyped year.
 */
export function isImplausibleExpiry(receivedOn: string, expiry: string): boolean {
  return expiry < receivedOn || expiry > addYears(receivedOn, MAX_EXPIRY_YEARS);
}

/**
 * What an implausible expiry was probably meant to be: day and month
 * swapped back, or a two-digit year in this century; null when no such
 * reading is plausible.
 */
export function suggestExpiry(receivedOn: string, expiry: string): string | null {
  const [y, m, d] = expiry.split('-') as [string, string, string];
  const candidates = [`${y}-${d}-${m}`, `${String(2000 + (Number(y) % 100)).padStart(4, '0')}-${m}-${d}`, `${String(2000 + (Number(y) % 100))}-${d}-${m}`];
  return candidates.find((c) => c !== expiry && isCalendarDate(c) && !isImplausibleExpiry(receivedOn, c) && c >= receivedOn) ?? null;
}

/** `2026-11` → `November 2026` (month names in Bahasa Indonesia). */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return format(new Date(y!, m! - 1, 1), 'MMMM yyyy', { locale: idLocale });
}
