/**
 * The rupiah axis of the report charts: a day with no sales drew "Rp 0, Rp 1, Rp 2, Rp 3, Rp 4"
 * (recharts' ticks of a zero range). The axis always shows round rupiah from Rp 0: never a step of
 * Rp 1 or a fraction of a rupiah, at least Rp 0 … Rp 100 rb when there is (almost) nothing.
 *
 * jsdom has no layout, so ResponsiveContainer (which measures its parent) is replaced by a chart of
 * a fixed size; everything else is the real recharts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { cloneElement, type ReactElement } from 'react';
import { I18nProvider } from '../../src/renderer/src/i18n';
import { RupiahBars, RupiahHBars, StackedHBars, rupiahAxis } from '../../src/renderer/src/features/reports/charts';

vi.mock('recharts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('recharts')>();
  return {
    ...actual,
    ResponsiveContainer: ({ children }: { children: ReactElement<{ width?: number; height?: number }> }) => cloneElement(children, { width: 640, height: 260 }),
  };
});

afterEach(cleanup);

/** The tick labels of the numeric (rupiah) axis, bottom to top / left to right. */
function rupiahTicks(container: HTMLElement, axis: 'y' | 'x'): string[] {
  const labels = container.querySelector(`.recharts-${axis}Axis-tick-labels`);
  expect(labels, 'the rupiah axis is drawn').not.toBeNull();
  return Array.from(labels!.querySelectorAll('.recharts-cartesian-axis-tick-value')).map((t) => t.textContent ?? '');
}

const days = (values: number[]) => values.map((value, i) => ({ label: `0${i + 1}/11`, value }));

/** Each tick is a whole multiple of Rp 1.000 shown short ("Rp 20 rb", "Rp 1,5 jt"), starting at Rp 0. */
function expectRound(ticks: string[]) {
  expect(ticks[0]).toBe('Rp 0');
  for (const t of ticks.slice(1)) expect(t).toMatch(/^Rp \d+(,\d)? (rb|jt|M|T)$/);
}

describe('rupiah axis of the charts', () => {
  it('a dashboard with no sales: Rp 0 … Rp 100 rb in round steps, not Rp 0, Rp 1, Rp 2 …', () => {
    const { container } = render(
      <I18nProvider initial="id">
        <RupiahBars data={days([0, 0, 0, 0, 0, 0, 0])} seriesName="Penjualan" ariaLabel="Penjualan harian" />
      </I18nProvider>,
    );
    const ticks = rupiahTicks(container, 'y');
    expect(ticks).toEqual(['Rp 0', 'Rp 20 rb', 'Rp 40 rb', 'Rp 60 rb', 'Rp 80 rb', 'Rp 100 rb']);
    expect(ticks).not.toContain('Rp 1');
  });

  it('tiny sales (Rp 3.500 at most) keep the minimum range, in round steps', () => {
    const { container } = render(
      <I18nProvider initial="id">
        <RupiahBars data={days([0, 3_500, 1_000])} seriesName="Penjualan" ariaLabel="Penjualan harian" />
      </I18nProvider>,
    );
    const ticks = rupiahTicks(container, 'y');
    expect(ticks).toEqual(['Rp 0', 'Rp 20 rb', 'Rp 40 rb', 'Rp 60 rb', 'Rp 80 rb', 'Rp 100 rb']);
  });

  it('real sales: round steps up to just above the best day', () => {
    const { container } = render(
      <I18nProvider initial="id">
        <RupiahBars data={days([450_000, 1_234_500, 0])} seriesName="Penjualan" ariaLabel="Penjualan harian" />
      </I18nProvider>,
    );
    const ticks = rupiahTicks(container, 'y');
    expect(ticks).toEqual(['Rp 0', 'Rp 500 rb', 'Rp 1 jt', 'Rp 1,5 jt']);
  });

  it('the horizontal and stacked charts too, in English as well', () => {
    const h = render(
      <I18nProvider initial="en">
        <RupiahHBars data={[{ label: 'Kendari Barat', value: 0 }]} seriesName="Sales" ariaLabel="By district" />
      </I18nProvider>,
    );
    expect(rupiahTicks(h.container, 'x')).toEqual(['Rp 0', 'Rp 20K', 'Rp 40K', 'Rp 60K', 'Rp 80K', 'Rp 100K']);
    cleanup();
    const s = render(
      <I18nProvider initial="id">
        <StackedHBars
          data={[{ label: 'UD Mete Jaya', a: 1_500_000, b: 2_000_000 }]}
          series={[
            { key: 'a', name: '0–30', color: '#000' },
            { key: 'b', name: '31–60', color: '#111' },
          ]}
          ariaLabel="Umur titipan"
        />
      </I18nProvider>,
    );
    const ticks = rupiahTicks(s.container, 'x');
    expectRound(ticks);
    // The stack's total (Rp 3,5 jt) fits under the last tick.
    expect(ticks).toEqual(['Rp 0', 'Rp 1 jt', 'Rp 2 jt', 'Rp 3 jt', 'Rp 4 jt']);
  });

  it('rupiahAxis: round 1-2-5 steps of at least Rp 1.000, at most five of them, from Rp 0', () => {
    expect(rupiahAxis([])).toEqual({ domain: [0, 100_000], ticks: [0, 20_000, 40_000, 60_000, 80_000, 100_000] });
    expect(rupiahAxis([0, 0.4, 3_500])).toEqual({ domain: [0, 100_000], ticks: [0, 20_000, 40_000, 60_000, 80_000, 100_000] });
    expect(rupiahAxis([100_001]).ticks).toEqual([0, 50_000, 100_000, 150_000]);
    expect(rupiahAxis([45_000_000]).ticks).toEqual([0, 10_000_000, 20_000_000, 30_000_000, 40_000_000, 50_000_000]);
    // A day of refunds only: the axis goes below Rp 0 in the same round steps.
    expect(rupiahAxis([-30_000, 0])).toEqual({ domain: [-100_000, 0], ticks: [-100_000, -80_000, -60_000, -40_000, -20_000, 0] });
    expect(rupiahAxis([-250_000, 900_000]).ticks).toEqual([-500_000, 0, 500_000, 1_000_000]);
    expect(rupiahAxis([Number.NaN, 70_000]).ticks).toEqual([0, 20_000, 40_000, 60_000, 80_000, 100_000]);
    for (const max of [1, 999, 1_001, 37_500, 99_999, 123_456, 7_654_321, 2_500_000_000]) {
      const { domain, ticks } = rupiahAxis([max]);
      expect(ticks[0]).toBe(0);
      expect(domain).toEqual([ticks[0], ticks[ticks.length - 1]]);
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeGreaterThanOrEqual(3);
      expect(ticks.length).toBeLessThanOrEqual(6);
      const step = ticks[1]! - ticks[0]!;
      expect(step % 1_000).toBe(0);
      expect(step / 10 ** Math.floor(Math.log10(step))).toSatisfy((m: number) => [1, 2, 5].includes(m));
    }
  });
});
