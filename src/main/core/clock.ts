import { wallClock } from '../../shared/zone-offset';

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

/** Local business day `YYYY-MM-DD` of a UTC instant (the zone's offset is kept per quarter hour, see `zoneOffsetMs`). */
export function businessDate(utcMillis: number, timeZone: string): string {
  return wallClock(utcMillis, timeZone).toISOString().slice(0, 10);
}

/** `YYYYMMDD` form used in document numbers. */
export function compactDate(utcMillis: number, timeZone: string): string {
  return businessDate(utcMillis, timeZone).replaceAll('-', '');
}
