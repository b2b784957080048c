/** Charts (recharts): rupiah in short form on the axes, in full in the tooltips. */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useLang, useT } from '../../i18n';
import { formatRupiah } from '../../../../shared/money';
import { formatRupiahShort } from './logic';

const AXIS = { fontSize: 12, fill: '#63746f' };
const GRID = '#e3e9e7';
export const CHART_COLORS = { primary: '#0c6b5d', accent: '#e0892a', soft: '#7fb8ad', danger: '#c0352a', info: '#245f9e' };

const tooltipStyle = {
  contentStyle: { borderRadius: 10, border: '1px solid #d6dfdc', boxShadow: '0 2px 6px rgb(16 40 34 / 0.12)', fontSize: 13 },
  labelStyle: { fontWeight: 700, color: '#12201c', marginBottom: 4 },
  cursor: { fill: 'rgb(12 107 93 / 0.08)' },
};

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
  return (
    <div className="rp-chart" style={{ height }} data-testid={testId} role="img" aria-label={ariaLabel}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 12, bottom: 4, left: 4 }}>
          <CartesianGrid vertical={false} stroke={GRID} />
          <XAxis dataKey="label" tick={AXIS} tickLine={false} axisLine={{ stroke: '#aebdb8' }} interval="preserveStartEnd" minTickGap={minTickGap ?? 6} />
          <YAxis tick={AXIS} tickLine={false} axisLine={false} width={78} tickFormatter={(v: number) => formatRupiahShort(v, lang)} allowDecimals={false} />
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
  return (
    <div className="rp-chart" style={{ height }} data-testid={testId} role="img" aria-label={ariaLabel}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid horizontal={false} stroke={GRID} />
          <XAxis type="number" tick={AXIS} tickLine={false} axisLine={false} tickFormatter={(v: number) => formatRupiahShort(v, lang)} allowDecimals={false} />
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
  return (
    <div className="rp-chart" style={{ height }} data-testid={testId} role="img" aria-label={ariaLabel}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid horizontal={false} stroke={GRID} />
          <XAxis type="number" tick={AXIS} tickLine={false} axisLine={false} tickFormatter={(v: number) => formatRupiahShort(v, lang)} allowDecimals={false} />
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
