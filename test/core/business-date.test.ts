import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { businessDate, compactDate } from '../../src/main/core/clock';
import { mulberry32 } from '../../src/main/core/demo';

// The day is kept per UTC quarter hour (src/main/core/clock.ts); the oracle formats every instant anew.
const oracle = (t: number, tz: string) => format(new TZDate(t, tz), 'yyyy-MM-dd');

// Makassar (the shop), zones with DST, a +05:45 zone and one whose DST moves by half an hour.
const ZONES = ['Asia/Makassar', 'Asia/Jakarta', 'Asia/Jayapura', 'Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC'];

describe('businessDate', () => {
  it('equals formatting each instant in its zone, around midnights and DST changes, in any order', () => {
    const random = mulberry32(16);
    const instants: number[] = [];
    const start = Date.UTC(2025, 0, 1);
    for (let i = 0; i < 2000; i++) instants.push(start + Math.floor(random() * 3 * 365 * 86_400_000));
    // Every five minutes (at a random second) around the local midnights and the DST changes of 2026 in some zones.
    for (const day of [Date.UTC(2026, 2, 8), Date.UTC(2026, 2, 29), Date.UTC(2026, 3, 5), Date.UTC(2026, 8, 27), Date.UTC(2026, 9, 4), Date.UTC(2026, 10, 1)]) {
      for (let m = -36 * 60; m <= 36 * 60; m += 5) instants.push(day + m * 60_000 + Math.floor(random() * 60_000));
    }
    let checked = 0;
    for (const tz of ZONES) {
      // Sorted (the cache is hit) and then shuffled (it is missed): both must agree with the oracle.
      const sorted = [...instants].sort((a, b) => a - b);
      const shuffled = [...instants].sort(() => random() - 0.5);
      for (const t of [...sorted, ...shuffled]) {
        const want = oracle(t, tz);
        const got = businessDate(t, tz);
        const compact = compactDate(t, tz);
        if (got !== want || compact !== want.replaceAll('-', '')) throw new Error(`${tz} ${new Date(t).toISOString()}: ${got} / ${compact} ≠ ${want}`);
        checked++;
      }
    }
    expect(checked).toBe(ZONES.length * 2 * instants.length);
  });

  it('is the Kendari day: 16:00 UTC is already tomorrow in WITA', () => {
    expect(businessDate(Date.UTC(2026, 11, 6, 15, 59, 59, 999), 'Asia/Makassar')).toBe('2026-12-06');
    expect(businessDate(Date.UTC(2026, 11, 6, 16, 0, 0, 0), 'Asia/Makassar')).toBe('2026-12-07');
    expect(businessDate(Date.UTC(2026, 11, 6, 15, 59, 59, 999), 'Asia/Makassar')).toBe('2026-12-06');
  });
});
