/** The zone offset kept per quarter hour gives the business day date-fns gives, around daylight-saving changes too. */
import fc from 'fast-check';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { businessDate, compactDate } from '../../src/main/core/clock';
import { wallClock, zoneOffsetMs } from '../../src/shared/zone-offset';

const ZONES = ['Asia/Makassar', 'Asia/Jakarta', 'Asia/Jayapura', 'Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC'];
const byDateFns = (t: number, zone: string) => format(new TZDate(t, zone), 'yyyy-MM-dd');

describe('zone offset and the business day', () => {
  it('Kendari: WITA is UTC+8, the day turns at 16:00 UTC', () => {
    expect(zoneOffsetMs(Date.UTC(2026, 11, 7, 12), 'Asia/Makassar')).toBe(8 * 3_600_000);
    expect(businessDate(Date.UTC(2026, 11, 7, 15, 59, 59, 999), 'Asia/Makassar')).toBe('2026-12-07');
    expect(businessDate(Date.UTC(2026, 11, 7, 16), 'Asia/Makassar')).toBe('2026-12-08');
    expect(compactDate(Date.UTC(2026, 11, 31, 23, 30), 'Asia/Makassar')).toBe('20270101');
    expect(wallClock(Date.UTC(2026, 11, 7, 15, 53), 'Asia/Makassar').getUTCHours()).toBe(23);
  });

  it('equals date-fns at any instant in any zone, also in the same quarter hour after another zone was asked', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2099, 11, 31) }), fc.constantFrom(...ZONES), (t, zone) => {
        expect(businessDate(t, zone)).toBe(byDateFns(t, zone));
      }),
      { numRuns: 3000 },
    );
  });

  it('follows a daylight-saving change within minutes: a kept offset never outlives its quarter hour', () => {
    // Berlin 2026-03-29 and 2026-10-25 at 01:00 UTC; Lord Howe (half an hour) 2026-04-05 15:00 UTC; Chatham 2026-04-05 14:00 UTC.
    for (const [zone, change] of [['Europe/Berlin', Date.UTC(2026, 2, 29, 1)], ['Europe/Berlin', Date.UTC(2026, 9, 25, 1)], ['Australia/Lord_Howe', Date.UTC(2026, 3, 4, 15)], ['Pacific/Chatham', Date.UTC(2026, 3, 4, 14)]] as const) {
      for (let t = change - 3 * 3_600_000; t <= change + 3 * 3_600_000; t += 60_000) {
        const expected = -new TZDate(t, zone).getTimezoneOffset() * 60_000;
        expect(zoneOffsetMs(t, zone), `${zone} ${new Date(t).toISOString()}`).toBe(expected);
      }
    }
  });

  it('refuses an unknown zone', () => {
    expect(() => businessDate(Date.UTC(2026, 0, 1), 'Not/AZone')).toThrow();
  });
});
