import { describe, expect, it } from 'vitest';
import { runCrashTest, runPrintCrashTest } from './crash-run';
import { INTERRUPTED_REASON } from '../../src/main/services/print-queue';

const KILLS = Number(process.env.KASIR_CRASH_KILLS ?? 80);

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

  it('a receipt interrupted by a kill while printing comes out after the restart, marked as a copy, without opening the drawer', async () => {
    const report = await runPrintCrashTest({ log: (l) => console.log(l) });
    expect(report.problems).toEqual([]);
    // Before the kill, nothing reached paper (the silent printer never answered its status query).
    expect(report.pulsesBeforeKill).toBe(0);
    // Meanwhile the banner told the truth: one failed receipt, interrupted.
    expect(report.jobAfterRestart).toEqual({ status: 'failed', lastError: INTERRUPTED_REASON });
    expect(report.bannerAfterRestart).toEqual({ state: 'ok', failedJobs: 1 });
    // The healthy printer got the receipt once, marked as a copy, and the drawer stayed shut.
    expect(report.reprintText).toContain('SALINAN - cetak ulang');
    expect(report.reprintText).toContain(report.saleNumber);
    expect(report.reprintText).toMatch(/TOTAL\s+Rp 25\.000/);
    expect(report.reprintDrawerPulses).toBe(0);
    expect(report.jobAtEnd).toEqual({ status: 'printed', copy: true });
    expect(report.bannerAtEnd).toEqual({ state: 'ok', failedJobs: 0 });
  }, 120_000);
});
