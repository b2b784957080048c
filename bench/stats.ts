/**
 * Percentiles of a benchmark sample, by nearest rank: the one definition
 * every bench report uses (p50 of 1..10 is 5, p99 of 1,000 samples is the
 * 990th smallest).
 */
export interface Stat {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** The `p`th percentile (0–100) of samples already sorted ascending; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

export function stat(samples: readonly number[]): Stat {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
}
