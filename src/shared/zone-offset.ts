/**
 * A time zone's UTC offset at an instant, kept per zone for the current UTC
 * quarter hour: every offset in use is a whole number of quarter hours and
 * changes (daylight saving) only at such instants, so within one UTC quarter
 * hour a zone has one offset. Asking `TZDate` (an `Intl.DateTimeFormat`
 * underneath) on every sale and every receipt showed in their profiles.
 */
import { TZDate } from '@date-fns/tz';

const QUARTER_HOUR = 15 * 60_000;
const kept = new Map<string, { quarter: number; offsetMs: number }>();

/** Milliseconds to add to a UTC instant to get the zone's wall clock; throws for an unknown zone. */
export function zoneOffsetMs(utcMillis: number, timeZone: string): number {
  const quarter = Math.floor(utcMillis / QUARTER_HOUR);
  const last = kept.get(timeZone);
  if (last?.quarter === quarter) return last.offsetMs;
  const offsetMs = -new TZDate(utcMillis, timeZone).getTimezoneOffset() * 60_000;
  if (!Number.isFinite(offsetMs)) throw new RangeError(`no UTC offset for time zone ${timeZone}`);
  kept.set(timeZone, { quarter, offsetMs });
  return offsetMs;
}

/** The zone's wall clock at a UTC instant, read through the UTC fields (`getUTCHours`, …) of the returned Date. */
export function wallClock(utcMillis: number, timeZone: string): Date {
  return new Date(utcMillis + zoneOffsetMs(utcMillis, timeZone));
}
