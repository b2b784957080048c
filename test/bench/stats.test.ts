/** The benchmarks' one percentile definition (nearest rank). */
import { describe, expect, it } from 'vitest';
import { percentile, stat } from '../../bench/stats';

describe('bench percentiles', () => {
  it('take the nearest rank: p50 of 1..10 is 5, p99 of 1..1000 is 990, unsorted input is sorted first', () => {
    const ten = [10, 3, 7, 1, 9, 2, 8, 4, 6, 5];
    expect(stat(ten)).toEqual({ n: 10, p50: 5, p95: 10, p99: 10, max: 10 });
    const thousand = Array.from({ length: 1000 }, (_, i) => 1000 - i);
    expect(stat(thousand)).toMatchObject({ p50: 500, p95: 950, p99: 990, max: 1000 });
    expect(ten).toEqual([10, 3, 7, 1, 9, 2, 8, 4, 6, 5]); // the input is left as it was
  });

  it('give NaN for no samples, and the one value for one', () => {
    expect(stat([])).toEqual({ n: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN });
    expect(stat([4.2])).toEqual({ n: 1, p50: 4.2, p95: 4.2, p99: 4.2, max: 4.2 });
    expect(percentile([1, 2, 3], 0)).toBe(1);
  });
});
