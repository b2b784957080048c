/**
 * CI-sized run of `npm run bench:tills` (issue 18): four paired tills on the built host, a sale
 * every 300 ms each for 4 s on the tiny database. No timing assertions: it proves the harness
 * runs and that no sale is lost or duplicated and every receipt reaches its own till's printer once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../bench/generate';
import { runTillsBench } from '../../bench/tills';

describe('several tills benchmark (tiny)', () => {
  it('four paired tills check out side by side: every acknowledged sale once, nothing else, each receipt at its own printer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kasir-bench-tills-smoke-'));
    try {
      const db = join(dir, 'tiny.db');
      generate({ scale: 'tiny', out: db, seed: 42 });
      const r = await runTillsBench({ db, tills: 4, seconds: 4, intervalMs: 300, log: (l) => console.log(l) });
      expect(r.checkouts).toBeGreaterThan(20);
      expect(Object.keys(r.perTill).sort()).toEqual(['K2', 'K3', 'K4', 'K5']);
      for (const s of Object.values(r.perTill)) expect(s.n).toBeGreaterThan(3);
      expect({ lost: r.lost, duplicated: r.duplicated, unacknowledged: r.unacknowledged, receiptsMissing: r.receiptsMissing, failed: r.failed }).toEqual({
        lost: 0,
        duplicated: 0,
        unacknowledged: 0,
        receiptsMissing: 0,
        failed: 0,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
