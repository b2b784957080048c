import { describe, expect, it } from 'vitest';
import { runOutletKillTest } from '../reliability/outlet-kill-run';

/** 12 in `npm test`; the long run: `npm run test:outlet-kill -- --kills 50` (see docs/outlets.md). */
const KILLS = Number(process.env.KASIR_OUTLET_KILLS ?? 12);

describe('the outlet killed while the forwarder is inside a batch', () => {
  it(`loses no fact and sends none twice across ${KILLS} SIGKILLs, most of them mid-batch`, async () => {
    const report = await runOutletKillTest({ kills: KILLS, log: (l) => console.log(l) });
    console.log(JSON.stringify(report));
    expect(report.problems).toEqual([]);
    expect(report.kills).toBe(KILLS);
    expect(report.inFlight + report.committedNotSaved).toBeGreaterThan(KILLS / 2);
    expect(report.facts).toBeGreaterThan(500);
  }, 900_000);
});
