/**
 * The one date field and the one month picker, in jsdom: typed day first
 * whatever the browser's locale, the month name echoed, an impossible day
 * refused in words, a calendar and month names in the user's language, a
 * calendar that Esc closes wherever the focus is in the field (and only the
 * calendar, not the dialog around it). The shop's "today" on the calendar
 * against the PC's time zone: date-field-tz.test.tsx.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useState, type ReactElement } from 'react';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nProvider } from '../../src/renderer/src/i18n';
import { SessionProvider } from '../../src/renderer/src/app/session';
import { DateField, type DateProblem } from '../../src/renderer/src/components/date-field';
import { Dialog } from '../../src/renderer/src/components/dialog';
import { MonthField } from '../../src/renderer/src/components/month-field';
import type { Lang } from '../../src/renderer/src/lib/format';
import { callMock, fakeApi } from './fake-api';
import { shopSettings } from './fixtures';

vi.mock('../../src/renderer/src/api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../../src/renderer/src/api')>()), call: vi.fn() }));

afterEach(cleanup);
beforeEach(() => {
  callMock.mockReset();
  callMock.mockImplementation(fakeApi({ 'settings.get': () => shopSettings() }));
});

const seen: { value: string; problem: DateProblem | null }[] = [];

/** The field as the screens have it: inside the session (the shop's time zone), and inside a Dialog when `onDialogClose` is given. */
function Harness({ lang = 'id', min, max, initial = '', onDialogClose }: { lang?: Lang; min?: string; max?: string; initial?: string; onDialogClose?: () => void }) {
  const [value, setValue] = useState(initial);
  const field = (
    <>
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
    </>
  );
  return (
    <I18nProvider initial={lang}>
      <SessionProvider session={{ user: { id: 1, name: 'Admin', role: 'admin' }, tillCode: 'K1' }} onLogout={() => undefined}>
        {onDialogClose ? (
          <Dialog title="Terima barang" onClose={onDialogClose}>
            {field}
          </Dialog>
        ) : (
          field
        )}
      </SessionProvider>
    </I18nProvider>
  );
}

/** Render, and let the shop's settings answer. */
const show = async (ui: ReactElement) => {
  await act(async () => {
    render(ui);
  });
};

const input = () => screen.getByLabelText('Kedaluwarsa') as HTMLInputElement;
const calendarButton = () => screen.getByRole('button', { name: 'Pilih di kalender' });
const calendar = () => screen.queryByRole('dialog', { name: 'Kalender' });
const esc = () => fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
const type = (text: string) => fireEvent.change(input(), { target: { value: text } });

describe('DateField', () => {
  it('reads "05/06/2027" as 5 June and "30/06/2027" as 30 June, and echoes the month name', async () => {
    await show(<Harness />);
    type('05/06/2027');
    expect(screen.getByTestId('value').textContent).toBe('2027-06-05');
    expect(screen.getByTestId('d-echo').textContent).toBe('5 Jun 2027');
    type('30/06/2027');
    expect(screen.getByTestId('value').textContent).toBe('2027-06-30');
    expect(screen.getByTestId('d-echo').textContent).toBe('30 Jun 2027');
    expect(input().placeholder).toBe('hh/bb/tttt');
  });

  it('refuses a day that does not exist, in words, and gives the parent no date', async () => {
    await show(<Harness />);
    type('31/02/2027');
    expect(seen.at(-1)).toEqual({ value: '', problem: 'impossible' });
    expect(screen.getByRole('alert').textContent).toBe('Tanggal 31/02/2027 tidak ada di kalender');
    expect(input().getAttribute('aria-invalid')).toBe('true');
    type('30/06/62027');
    fireEvent.blur(input());
    expect(seen.at(-1)).toEqual({ value: '', problem: 'format' });
    expect(screen.getByRole('alert').textContent).toContain('hh/bb/tttt');
  });

  it('holds the limits it is given', async () => {
    await show(<Harness min="2026-12-07" max="2036-12-07" />);
    type('06/12/2026');
    expect(seen.at(-1)).toEqual({ value: '', problem: 'min' });
    expect(screen.getByRole('alert').textContent).toBe('Paling awal 07/12/2026');
    type('08/12/2036');
    expect(seen.at(-1)).toEqual({ value: '', problem: 'max' });
  });

  it('shows a value set from outside day first, and picks a day on an Indonesian calendar', async () => {
    await show(<Harness initial="2027-06-30" />);
    expect(input().value).toBe('30/06/2027');
    act(() => calendarButton().click());
    expect(calendar()!.textContent).toContain('Juni');
    act(() => screen.getByRole('button', { name: /Selasa, 29 Juni 2027/ }).click());
    expect(screen.getByTestId('value').textContent).toBe('2027-06-29');
    expect(input().value).toBe('29/06/2027');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('in English the echo and the calendar are English, the typing still day first', async () => {
    await show(<Harness lang="en" />);
    type('05/06/2027');
    expect(screen.getByTestId('value').textContent).toBe('2027-06-05');
    expect(screen.getByTestId('d-echo').textContent).toBe('5 Jun 2027');
    expect(input().placeholder).toBe('dd/mm/yyyy');
  });

  it('Esc closes the calendar opened with the mouse wherever the focus is in the field, and not the dialog around it; the next Esc closes the dialog', async () => {
    const onDialogClose = vi.fn();
    await show(<Harness initial="2027-06-30" onDialogClose={onDialogClose} />);
    const places: [string, () => HTMLElement][] = [
      // Where the click on it leaves the focus when the calendar does not take it.
      ['the calendar button', calendarButton],
      ['the typed day', input],
      ['a day of the calendar', () => screen.getByRole('button', { name: /Rabu, 30 Juni 2027/ })],
    ];
    for (const [where, element] of places) {
      act(() => calendarButton().click());
      expect(calendar(), where).not.toBeNull();
      act(() => element().focus());
      esc();
      expect(calendar(), where).toBeNull();
      expect(onDialogClose, where).not.toHaveBeenCalled();
      expect(document.activeElement, where).toBe(input());
      expect(input().value, where).toBe('30/06/2027');
    }
    expect(screen.getByTestId('value').textContent).toBe('2027-06-30');
    // The calendar is closed: Esc is the dialog's again.
    esc();
    expect(onDialogClose).toHaveBeenCalledTimes(1);
  });

  it('opened with the mouse, the calendar takes the focus like the keyboard opening does, even where a hidden element cannot be focused', async () => {
    // A browser focuses nothing under `visibility: hidden`; jsdom would, so here focus() does as a browser: the calendar must
    // already show when its day takes the focus.
    const focus = HTMLElement.prototype.focus;
    const spy = vi.spyOn(HTMLElement.prototype, 'focus').mockImplementation(function (this: HTMLElement, options?: FocusOptions) {
      for (let el: HTMLElement | null = this; el; el = el.parentElement) if (el.style.visibility === 'hidden') return;
      focus.call(this, options);
    });
    try {
      await show(<Harness initial="2027-06-30" />);
      act(() => calendarButton().click());
      expect(document.activeElement).toBe(screen.getByRole('button', { name: /Rabu, 30 Juni 2027/ }));
      act(() => calendarButton().click());
      expect(calendar()).toBeNull();
      act(() => input().focus());
      fireEvent.keyDown(input(), { key: 'ArrowDown', altKey: true });
      expect(document.activeElement).toBe(screen.getByRole('button', { name: /Rabu, 30 Juni 2027/ }));
      // Arrow keys walk the calendar from there.
      fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' });
      expect(document.activeElement).toBe(screen.getByRole('button', { name: /Selasa, 29 Juni 2027/ }));
    } finally {
      spy.mockRestore();
    }
  });

  it('a click outside the calendar closes it and keeps the day', async () => {
    await show(<Harness initial="2027-06-30" />);
    act(() => calendarButton().click());
    expect(calendar()).not.toBeNull();
    fireEvent.mouseDown(screen.getByTestId('value'));
    expect(calendar()).toBeNull();
    expect(screen.getByTestId('value').textContent).toBe('2027-06-30');
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
