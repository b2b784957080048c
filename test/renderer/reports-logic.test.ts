import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  barPercent,
  base64ToBytes,
  currentMonth,
  formatRupiahShort,
  hourLabel,
  monthEnd,
  presetOf,
  presetRange,
  validRange,
} from '../../src/renderer/src/features/reports/logic';

const WITA = 'Asia/Makassar';
/** UTC instant of a WITA wall-clock time (UTC+8). */
const wita = (iso: string) => Date.parse(`${iso}+08:00`);

describe('formatRupiahShort (chart axes)', () => {
  it('Bahasa Indonesia: rb, jt, M, T with a decimal comma', () => {
    expect(formatRupiahShort(0)).toBe('Rp 0');
    expect(formatRupiahShort(500)).toBe('Rp 500');
    expect(formatRupiahShort(1_000)).toBe('Rp 1 rb');
    expect(formatRupiahShort(45_000)).toBe('Rp 45 rb');
    expect(formatRupiahShort(450_000)).toBe('Rp 450 rb');
    expect(formatRupiahShort(1_234_500)).toBe('Rp 1,2 jt');
    expect(formatRupiahShort(1_000_000)).toBe('Rp 1 jt');
    expect(formatRupiahShort(12_500_000)).toBe('Rp 12,5 jt');
    expect(formatRupiahShort(250_000_000)).toBe('Rp 250 jt');
    expect(formatRupiahShort(2_500_000_000)).toBe('Rp 2,5 M');
    expect(formatRupiahShort(3_000_000_000_000)).toBe('Rp 3 T');
  });

  it('English: K, M, B with a decimal point', () => {
    expect(formatRupiahShort(450_000, 'en')).toBe('Rp 450K');
    expect(formatRupiahShort(1_234_500, 'en')).toBe('Rp 1.2M');
    expect(formatRupiahShort(2_500_000_000, 'en')).toBe('Rp 2.5B');
  });

  it('negative amounts keep their sign', () => {
    expect(formatRupiahShort(-1_500_000)).toBe('-Rp 1,5 jt');
    expect(formatRupiahShort(-45_000, 'en')).toBe('-Rp 45K');
  });

  it('rounds half-up at one decimal below 100 units, none above', () => {
    expect(formatRupiahShort(1_250_000)).toBe('Rp 1,3 jt');
    expect(formatRupiahShort(999_400)).toBe('Rp 999 rb');
    expect(formatRupiahShort(99_960)).toBe('Rp 100 rb');
  });
});

describe('date presets in the shop time zone (WITA)', () => {
  it('today is the WITA day, not the UTC day', () => {
    // 17:30 UTC on 30 Nov is 01:30 on 1 Dec in Kendari.
    const now = Date.parse('2026-11-30T17:30:00Z');
    expect(presetRange('today', WITA, now)).toEqual({ from: '2026-12-01', to: '2026-12-01' });
    expect(presetRange('thisMonth', WITA, now)).toEqual({ from: '2026-12-01', to: '2026-12-01' });
    expect(presetRange('lastMonth', WITA, now)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(currentMonth(WITA, now)).toBe('2026-12');
    // The same instant in Jakarta (UTC+7) is still 30 Nov.
    expect(presetRange('today', 'Asia/Jakarta', now)).toEqual({ from: '2026-12-01', to: '2026-12-01' });
    expect(presetRange('today', 'Asia/Jakarta', Date.parse('2026-11-30T16:30:00Z'))).toEqual({ from: '2026-11-30', to: '2026-11-30' });
  });

  it('7 days ends today and includes it', () => {
    expect(presetRange('last7', WITA, wita('2026-03-03T09:00:00'))).toEqual({ from: '2026-02-25', to: '2026-03-03' });
  });

  it('this month runs from the 1st to today; last month across a year end and in a leap year', () => {
    expect(presetRange('thisMonth', WITA, wita('2026-11-29T10:00:00'))).toEqual({ from: '2026-11-01', to: '2026-11-29' });
    expect(presetRange('lastMonth', WITA, wita('2027-01-15T10:00:00'))).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetRange('lastMonth', WITA, wita('2028-03-01T00:05:00'))).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it('a range is recognised as its preset, anything else is custom', () => {
    const now = wita('2026-11-29T10:00:00');
    expect(presetOf({ from: '2026-11-29', to: '2026-11-29' }, WITA, now)).toBe('today');
    expect(presetOf({ from: '2026-11-23', to: '2026-11-29' }, WITA, now)).toBe('last7');
    expect(presetOf({ from: '2026-10-01', to: '2026-10-31' }, WITA, now)).toBe('lastMonth');
    expect(presetOf({ from: '2026-10-02', to: '2026-10-31' }, WITA, now)).toBe('custom');
  });

  it('calendar helpers', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(monthEnd('2026-02')).toBe('2026-02-28');
    expect(monthEnd('2028-02')).toBe('2028-02-29');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(validRange({ from: '2026-11-01', to: '2026-11-30' })).toBe(true);
    expect(validRange({ from: '2026-11-30', to: '2026-11-01' })).toBe(false);
    expect(validRange({ from: '', to: '2026-11-01' })).toBe(false);
    expect(hourLabel(9)).toBe('09.00');
  });
});

describe('small helpers', () => {
  it('base64 → bytes', () => {
    expect(Array.from(base64ToBytes(btoa('PK\u0003\u0004')))).toEqual([0x50, 0x4b, 3, 4]);
  });
  it('bar percent', () => {
    expect(barPercent(50, 200)).toBe(25);
    expect(barPercent(1, 100_000)).toBe(1);
    expect(barPercent(0, 100)).toBe(0);
    expect(barPercent(-5, 100)).toBe(0);
    expect(barPercent(5, 0)).toBe(0);
  });
});
