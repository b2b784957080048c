/**
 * CI-sized smoke run of `npm run bench:office` (tiny scale, real PostgreSQL):
 * ten outlets' facts load through their own roles and every measure runs and
 * answers. No timing assertions.
 */
import { describe, expect, it } from 'vitest';
import { runOfficeBench } from '../../bench/office';

describe('office reports benchmark (tiny)', () => {
  it('loads ten outlets and runs the dashboard and every year report', async () => {
    const r = await runOfficeBench({ scale: 'tiny', outlets: 10, reps: 2 });
    // 6 suppliers + 30 products + 30 lots + 3 days × 10 sales × (1 + 3 + 3) + settlements (6 on the last day), per outlet.
    expect(r.facts).toBe(10 * (6 + 30 + 30 + 3 * 10 * 7 + 6));
    expect(r.measures.map((m) => m.name)).toHaveLength(7);
    for (const m of r.measures) {
      expect(m.n, m.name).toBe(2);
      expect(Number.isFinite(m.median), m.name).toBe(true);
    }
  }, 300_000);
});
