/**
 * The one month picker of the app: previous / next, and the month and the
 * year as two lists in the user's language (`Desember` `2026`), never the
 * browser's own month input. Controlled with `YYYY-MM`.
 */
import { format } from 'date-fns';
import { useLang, useT } from '../i18n';
import { dateLocale } from '../lib/format';
import './date-field.css';

const shift = (month: string, by: number): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + by;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
};

export interface MonthFieldProps {
  value: string;
  onChange(month: string): void;
  /** Latest month that may be chosen (`YYYY-MM`), e.g. this month. */
  max?: string;
  /** Earliest year in the year list. */
  fromYear?: number;
  id?: string;
  'aria-label'?: string;
  testId?: string;
}

export function MonthField({ value, onChange, max, fromYear, id, testId, ...rest }: MonthFieldProps) {
  const t = useT();
  const { lang } = useLang();
  const locale = dateLocale(lang);
  const [year, month] = value.split('-').map(Number) as [number, number];
  const lastYear = max ? Number(max.slice(0, 4)) : year + 1;
  const firstYear = Math.min(fromYear ?? lastYear - 10, year);
  const years: number[] = [];
  for (let y = lastYear; y >= firstYear; y--) years.push(y);
  const set = (next: string) => {
    if (max && next > max) next = max;
    if (/^\d{4}-\d{2}$/.test(next)) onChange(next);
  };
  return (
    <div className="month-field" role="group" aria-label={rest['aria-label']} data-testid={testId}>
      <button type="button" className="btn btn-ghost btn-sm month-field-step" aria-label={t('month.previous')} onClick={() => set(shift(value, -1))}>
        ‹
      </button>
      <select
        id={id}
        className="input month-field-month"
        aria-label={t('month.month')}
        value={month}
        onChange={(e) => set(`${year}-${String(Number(e.target.value)).padStart(2, '0')}`)}
        data-testid={testId ? `${testId}-month` : undefined}
      >
        {Array.from({ length: 12 }, (_, i) => (
          <option key={i} value={i + 1} disabled={max !== undefined && `${year}-${String(i + 1).padStart(2, '0')}` > max}>
            {format(new Date(2000, i, 1), 'LLLL', { locale })}
          </option>
        ))}
      </select>
      <select
        className="input month-field-year"
        aria-label={t('month.year')}
        value={year}
        onChange={(e) => set(`${e.target.value}-${String(month).padStart(2, '0')}`)}
        data-testid={testId ? `${testId}-year` : undefined}
      >
        {years.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="btn btn-ghost btn-sm month-field-step"
        aria-label={t('month.next')}
        disabled={max !== undefined && value >= max}
        onClick={() => set(shift(value, 1))}
      >
        ›
      </button>
    </div>
  );
}
