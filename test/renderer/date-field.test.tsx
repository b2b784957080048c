/**
 * The one date field and the one month picker, in jsdom: typed day first
 * whatever the browser's locale, the month name echoed, an impossible day
 * refused in words, a calendar and month names in the user's language.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { useState } from 'react';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nProvider } from '../../src/renderer/src/i18n';
import { DateField, type DateProblem } from '../../src/renderer/src/components/date-field';
import { MonthField } from '../../src/renderer/src/components/month-field';
import type { Lang } from '../../src/renderer/src/lib/format';

afterEach(cleanup);

const seen: { value: string; problem: DateProblem | null }[] = [];

function Harness({ lang = 'id', min, max, initial = '' }: { lang?: Lang; min?: string; max?: string; initial?: string }) {
  const [value, setValue] = useState(initial);
  return (
    <I18nProvider initial={lang}>
      <DateField
        aria-label="Kedaluwarsa"
        value={value}
        min={min}
        max={max}
        testId="d"
        onChange={(v, p) => {
          seen.push({ value: v, problem: p });
          setValue(v);
        }}
      />
      <output data-testid="value">{value}</output>
    </I18nProvider>
  );
}

const input = () => screen.getByLabelText('Kedaluwarsa') as HTMLInputElement;
const type = (text: string) => fireEvent.change(input(), { target: { value: text } });

describe('DateField', () => {
  it('reads "05/06/2027" as 5 June and "30/06/2027" as 30 June, and echoes the month name', () => {
    render(<Harness />);
    type('05/06/2027');
    expect(screen.getByTestId('value').textContent).toBe('2027-06-05');
    expect(screen.getByTestId('d-echo').textContent).toBe('5 Jun 2027');
    type('30/06/2027');
    expect(screen.getByTestId('value').textContent).toBe('2027-06-30');
    expect(screen.getByTestId('d-echo').textContent).toBe('30 Jun 2027');
    expect(input().placeholder).toBe('hh/bb/tttt');
  });

  it('refuses a day that does not exist, in words, and gives the parent no date', () => {
    render(<Harness />);
    type('31/02/2027');
    expect(seen.at(-1)).toEqual({ value: '', problem: 'impossible' });
    expect(screen.getByRole('alert').textContent).toBe('Tanggal 31/02/2027 tidak ada di kalender');
    expect(input().getAttribute('aria-invalid')).toBe('true');
    type('30/06/62027');
    fireEvent.blur(input());
    expect(seen.at(-1)).toEqual({ value: '', problem: 'format' });
    expect(screen.getByRole('alert').textContent).toContain('hh/bb/tttt');
  });

  it('holds the limits it is given', () => {
    render(<Harness min="2026-12-07" max="2036-12-07" />);
    type('06/12/2026');
    expect(seen.at(-1)).toEqual({ value: '', problem: 'min' });
    expect(screen.getByRole('alert').textContent).toBe('Paling awal 07/12/2026');
    type('08/12/2036');
    expect(seen.at(-1)).toEqual({ value: '', problem: 'max' });
  });

  it('shows a value set from outside day first, and picks a day on an Indonesian calendar', () => {
    render(<Harness initial="2027-06-30" />);
    expect(input().value).toBe('30/06/2027');
    act(() => screen.getByRole('button', { name: 'Pilih di kalender' }).click());
    const calendar = screen.getByRole('dialog', { name: 'Kalender' });
    expect(calendar.textContent).toContain('Juni');
    act(() => screen.getByRole('button', { name: /Selasa, 29 Juni 2027/ }).click());
    expect(screen.getByTestId('value').textContent).toBe('2027-06-29');
    expect(input().value).toBe('29/06/2027');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('in English the echo and the calendar are English, the typing still day first', () => {
    render(<Harness lang="en" />);
    type('05/06/2027');
    expect(screen.getByTestId('value').textContent).toBe('2027-06-05');
    expect(screen.getByTestId('d-echo').textContent).toBe('5 Jun 2027');
    expect(input().placeholder).toBe('dd/mm/yyyy');
  });
});

function MonthHarness({ lang = 'id' }: { lang?: Lang }) {
  const [value, setValue] = useState('2026-12');
  return (
    <I18nProvider initial={lang}>
      <MonthField value={value} max="2026-12" onChange={setValue} aria-label="Bulan laporan" testId="m" />
      <output data-testid="month">{value}</output>
    </I18nProvider>
  );
}

describe('MonthField', () => {
  it('names months in the user’s language and steps back and forth, never past the last month', () => {
    render(<MonthHarness />);
    const month = screen.getByTestId('m-month') as HTMLSelectElement;
    expect(month.selectedOptions[0]!.textContent).toBe('Desember');
    expect([...month.options].map((o) => o.textContent)).toContain('Januari');
    expect(screen.getByRole('button', { name: 'Bulan berikutnya' })).toHaveProperty('disabled', true);
    act(() => screen.getByRole('button', { name: 'Bulan sebelumnya' }).click());
    expect(screen.getByTestId('month').textContent).toBe('2026-11');
    fireEvent.change(screen.getByTestId('m-year'), { target: { value: '2025' } });
    expect(screen.getByTestId('month').textContent).toBe('2025-11');
    fireEvent.change(month, { target: { value: '1' } });
    expect(screen.getByTestId('month').textContent).toBe('2025-01');
  });

  it('in English the month names are English', () => {
    render(<MonthHarness lang="en" />);
    expect((screen.getByTestId('m-month') as HTMLSelectElement).selectedOptions[0]!.textContent).toBe('December');
  });
});
