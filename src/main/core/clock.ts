import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

/** Time source for services, so tests can fix "now". */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export function fixedClock(start: number | Date): Clock & { set(t: number | Date): void; advance(ms: number): void } {
  let t = typeof start === 'number' ? start : start.getTime();
  return {
    now: () => t,
    set: (v) => {
      t = typeof v === 'number' ? v : v.getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

export const DEFAULT_TIME_ZONE = 'Asia/Makassar';

/**
 * Every UTC offset in use is a whole number of quarter hours, and offsets
 * change (DST) only at such instants, so within one UTC quarter hour the
 * local date is one date. The day of the last quarter hour asked is kept per
 * time zone: every sale asks, and formatting through `TZDate` each time
 * showed in the checkout's profile.
 */
const QUARTER_HOUR = 15 * 60_000;
const lastDay = new Map<string, { quarter: number; date: string }>();

/** Local business day `YYYY-MM-DD` of a UTC instant. */
export function businessDate(utcMillis: number, timeZone: string): string {
  const quarter = Math.floor(utcMillis / QUARTER_HOUR);
  const kept = lastDay.get(timeZone);
  if (kept?.quarter === quarter) return kept.date;
  const date = format(new TZDate(utcMillis, timeZone), 'yyyy-MM-dd');
  lastDay.set(timeZone, { quarter, date });
  return date;
}

/** `YYYYMMDD` form used in document numbers. */
export function compactDate(utcMillis: number, timeZone: string): string {
  return businessDate(utcMillis, timeZone).replaceAll('-', '');
}
