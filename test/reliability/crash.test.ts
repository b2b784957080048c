import { describe, expect, it } from 'vitest';
import { runCrashTest } from './crash-run';

const KILLS = Number(process.env.KASIR_CRASH_KILLS ?? 200);

describe('power cuts', () => {
  it(`loses no acknowledged sale and half-writes none across ${KILLS} SIGKILLs`, async () => {
    const report = await runCrashTest({ kills: KILLS, log: (l) => console.log(l) });
    expect(report.problems).toEqual([]);
    expect(report.kills).toBe(KILLS);
    // The test must really have sold something and really retried in-flight requests.
    expect(report.acknowledged).toBeGreaterThan(KILLS);
    expect(report.retried).toBeGreaterThan(0);
    expect(report.sales).toBe(report.acknowledged);
  }, 900_000);
});
