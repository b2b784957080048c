/** Charts (recharts): rupiah in short form on the axes, in full in the tooltips. */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useLang, useT } from '../../i18n';
import { formatRupiah } from '../../../../shared/money';
import { formatRupiahShort } from './logic';
import type { Lang } from '../../lib/format';

const AXIS = { fontSize: 12, fill: '#63746f' };
const GRID = '#e3e9e7';
export const CHART_COLORS = { primary: '#0c6b5d', accent: '#e0892a', soft: '#7fb8ad', danger: '#c0352a', info: '#245f9e' };

const tooltipStyle = {
  contentStyle: { borderRadius: 10, border: '1px solid #d6dfdc', boxShadow: '0 2px 6px rgb(16 40 34 / 0.12)', fontSize: 13 },
  labelStyle: { fontWeight: 700, color: '#12201c', marginBottom: 4 },
  cursor: { fill: 'rgb(12 107 93 / 0.08)' },
};

/** The least range a rupiah axis shows: a day with no (or a few rupiah of) sales is drawn against Rp 0 … Rp 100 rb. */
const MIN_RANGE = 100_000;
/** The least step between two ticks: no axis counts in single rupiah. */
const MIN_STEP = 1_000;
/** At most this many steps (six ticks) along an axis. */
const MAX_STEPS = 5;

/** The props of a rupiah axis: its round ticks (`rupiahAxis`), short labels, no tick lines. */
function rupiahTicks(axis: ReturnType<typeof rupiahAxis>, lang: Lang) {
  return { tick: AXIS, tickLine: false, axisLine: false, domain: axis.domain, ticks: axis.ticks, tickFormatter: (v: number) => formatRupiahShort(v, lang), allowDecimals: false };
}

/**
 * The ticks of a rupiah axis for `values`: from Rp 0 (or below, for negative values) to just past
 * the largest, in the smallest round step (1, 2 or 5 × a power of ten, at least Rp 1.000) that
 * covers them in at most five steps. Every tick reads exactly in short form ("Rp 20 rb",
 * "Rp 1,5 jt"). Recharts' own ticks for all-zero data are Rp 0, Rp 1, Rp 2…
 */
export function rupiahAxis(values: readonly number[]): { domain: [number, number]; ticks: number[] } {
  let lo = 0;
  let hi = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (hi - lo < MIN_RANGE) {
    if (-lo > hi) lo = hi - MIN_RANGE;
    else hi = lo + MIN_RANGE;
  }
  const steps = (step: number) => Math.ceil(-lo / step) + Math.ceil(hi / step);
  let step = MIN_STEP;
  for (let n = 1; steps(step) > MAX_STEPS; n++) step = [1, 2, 5][n % 3]! * MIN_STEP * 10 ** Math.floor(n / 3);
  // max(0, …) also turns -0 into 0, so the tick at zero is Rp 0 itself.
  const below = Math.max(0, Math.ceil(-lo / step));
  const above = Math.max(0, Math.ceil(hi / step));
  const ticks = Array.from({ length: below + above + 1 }, (_, i) => (i - below) * step);
  return { domain: [ticks[0]!, ticks[ticks.length - 1]!], ticks };
}

/** The rupiah axis of stacked bars: each row's positive and negative parts stack separately. */
function stackedValues(rows: readonly Record<string, number | string>[], keys: readonly string[]): number[] {
  return rows.flatMap((row) => {
    let pos = 0;
    let neg = 0;
    for (const k of keys) {
      const v = Number(row[k]);
      if (v > 0) pos += v;
      else if (v < 0) neg += v;
    }
    return [pos, neg];
  });
}

export interface BarDatum {
  label: string;
  /** The tooltip's title, when it should say more than the axis. */
  title?: string;
  value: number;
}

/** Vertical bars of rupiah, one per label (days, hours, districts). */
export function RupiahBars({
  data,
  height = 260,
  seriesName,
  color = CHART_COLORS.primary,
  testId,
  ariaLabel,
  minTickGap,
}: {
  data: BarDatum[];
  height?: number;
  seriesName: string;
  color?: string;
  testId?: string;
  ariaLabel: string;
  minTickGap?: number;
}) {
  const { lang } = useLang();
  const axis = rupiahAxis(data.map((d) => d.value));
  return (
    <div className="rp-chart" style={{ height }} data-testid={testId} role="img" aria-label={ariaLabel}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 12, bottom: 4, left: 4 }}>
          <CartesianGrid vertical={false} stroke={GRID} />
          <XAxis dataKey="label" tick={AXIS} tickLine={false} axisLine={{ stroke: '#aebdb8' }} interval="preserveStartEnd" minTickGap={minTickGap ?? 6} />
          <YAxis width={78} {...rupiahTicks(axis, lang)} />
          <Tooltip
            {...tooltipStyle}
            labelFormatter={(label, payload) => {
              const first = payload?.[0]?.payload as BarDatum | undefined;
              return first?.title ?? String(label);
            }}
            formatter={(v) => [formatRupiah(Number(v)), seriesName]}
          />
          <Bar dataKey="value" name={seriesName} fill={color} radius={[4, 4, 0, 0]} maxBarSize={44} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Horizontal bars of rupiah: long names on the left (districts, suppliers). */
export function RupiahHBars({ data, seriesName, testId, ariaLabel, color = CHART_COLORS.primary }: { data: BarDatum[]; seriesName: string; testId?: string; ariaLabel: string; color?: string }) {
  const { lang } = useLang();
  const height = Math.max(120, data.length * 34 + 40);
  const axis = rupiahAxis(data.map((d) => d.value));
  return (
    <div className="rp-chart" style={{ height }} data-testid={testId} role="img" aria-label={ariaLabel}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid horizontal={false} stroke={GRID} />
          <XAxis type="number" {...rupiahTicks(axis, lang)} />
          <YAxis
            type="category"
            dataKey="label"
            tick={AXIS}
            tickLine={false}
            axisLine={{ stroke: '#aebdb8' }}
            width={170}
            tickFormatter={(v: string) => (v.length > 24 ? `${v.slice(0, 23)}…` : v)}
          />
          <Tooltip
            {...tooltipStyle}
            labelFormatter={(label, payload) => {
              const first = payload?.[0]?.payload as BarDatum | undefined;
              return first?.title ?? String(label);
            }}
            formatter={(v) => [formatRupiah(Number(v)), seriesName]}
          />
          <Bar dataKey="value" name={seriesName} fill={color} radius={[0, 4, 4, 0]} maxBarSize={22} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export interface StackSeries {
  key: string;
  name: string;
  color: string;
}

/** Stacked horizontal bars (aging buckets per supplier). */
export function StackedHBars({ data, series, testId, ariaLabel }: { data: (Record<string, number | string> & { label: string })[]; series: StackSeries[]; testId?: string; ariaLabel: string }) {
  const { lang } = useLang();
  const t = useT();
  const height = Math.max(140, data.length * 30 + 70);
  const axis = rupiahAxis(stackedValues(data, series.map((s) => s.key)));
  return (
    <div className="rp-chart" style={{ height }} data-testid={testId} role="img" aria-label={ariaLabel}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid horizontal={false} stroke={GRID} />
          <XAxis type="number" {...rupiahTicks(axis, lang)} />
          <YAxis type="category" dataKey="label" tick={AXIS} tickLine={false} width={170} tickFormatter={(v: string) => (v.length > 24 ? `${v.slice(0, 23)}…` : v)} />
          <Tooltip {...tooltipStyle} formatter={(v, name) => [formatRupiah(Number(v)), String(name)]} />
          <Legend wrapperStyle={{ fontSize: 13 }} />
          {series.map((s, i) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.name}
              stackId="a"
              fill={s.color}
              maxBarSize={20}
              isAnimationActive={false}
              radius={i === series.length - 1 ? [0, 4, 4, 0] : undefined}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
      <span className="rp-sr-only">{t('rep.total')}</span>
    </div>
  );
}
