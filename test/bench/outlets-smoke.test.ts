/**
 * CI-sized smoke run of `npm run bench:outlets` on the tiny benchmark database
 * (built app, real PostgreSQL): every part runs and reports. No timing assertions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../bench/generate';
import { runOutletsBench } from '../../bench/outlets';

describe('outlets benchmark (tiny)', () => {
  it('measures the outbox cost, a whole catch-up into an empty central database and the lag', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kasir-bench-outlets-smoke-'));
    try {
      const db = join(dir, 'tiny.db');
      generate({ scale: 'tiny', out: db, seed: 42 });
      // Progress goes to the test's output; a forwarder that never finishes fails with its status, not a timeout.
      const r = await runOutletsBench({ db, reps: 5, lagSales: 3, waitLimitMs: 180_000, log: (l) => console.log(l) });
      expect(r.outboxCost.factsPerSale).toBe(8); // sale, 3 items, 3 ledger entries, 1 payment
      expect(r.outboxCost.on.n).toBe(5);
      // Every history fact and every sale of the bench reached the central database.
      expect(r.catchUp.facts).toBeGreaterThan(1500);
      expect(r.catchUp.backfillChunks).toBeGreaterThan(0);
      expect(r.checkoutHttp.whileForwarding.n).toBeGreaterThan(0);
      expect(r.lag.n).toBe(3);
      expect(Number.isFinite(r.lag.max)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
