/**
 * The date field's calendar on a PC whose clock is in another time zone than the shop: "today" on
 * the calendar (and the month it opens on when the field is empty) is the shop's business day, as
 * everywhere else in the renderer (todayIn(shop.timeZone)), never the PC's local date.
 *
 * This process runs in New York whatever the machine's zone, so the PC's date and the shop's differ.
 */
// (The renderer's tsconfig has no Node types; this is Node's process all the same.)
const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;
const pcZone = env.TZ;
env.TZ = 'America/New_York';

import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useState, type ReactElement } from 'react';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { I18nProvider } from '../../src/renderer/src/i18n';
import { SessionProvider } from '../../src/renderer/src/app/session';
import { DateField } from '../../src/renderer/src/components/date-field';
import { callMock, fakeApi } from './fake-api';
import { shopSettings } from './fixtures';

vi.mock('../../src/renderer/src/api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../../src/renderer/src/api')>()), call: vi.fn() }));

let timeZone = 'Asia/Makassar';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});
beforeEach(() => {
  timeZone = 'Asia/Makassar';
  callMock.mockReset();
  callMock.mockImplementation(fakeApi({ 'settings.get': () => shopSettings({ timeZone }) }));
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterAll(() => {
  if (pcZone === undefined) delete env.TZ;
  else env.TZ = pcZone;
});

function Harness({ initial = '' }: { initial?: string }) {
  const [value, setValue] = useState(initial);
  return (
    <I18nProvider initial="id">
      <SessionProvider session={{ user: { id: 1, name: 'Admin', role: 'admin' }, tillCode: 'K1' }} onLogout={() => undefined}>
        <DateField aria-label="Kedaluwarsa" value={value} testId="d" onChange={(v) => setValue(v)} />
      </SessionProvider>
    </I18nProvider>
  );
}

/** Render, let the shop's settings answer, open the calendar. */
const openCalendar = async (ui: ReactElement): Promise<HTMLElement> => {
  await act(async () => {
    render(ui);
  });
  act(() => screen.getByRole('button', { name: 'Pilih di kalender' }).click());
  return screen.getByRole('dialog', { name: 'Kalender' });
};
const todayCell = (calendar: HTMLElement) => calendar.querySelector('[data-today]');
/** The month the calendar shows (its grid's name). */
const shownMonth = (calendar: HTMLElement) => within(calendar).getByRole('grid').getAttribute('aria-label');

describe('DateField on a PC in another time zone', () => {
  it('marks the shop’s day as today: 09:22 WITA on 8 Dec is 7 Dec in New York', async () => {
    vi.setSystemTime(new Date('2026-12-08T01:22:00Z'));
    expect(new Date().getDate()).toBe(7); // the PC's own date
    const calendar = await openCalendar(<Harness />);
    expect(shownMonth(calendar)).toBe('Desember 2026');
    expect(todayCell(calendar)?.textContent).toBe('8');
    expect(todayCell(calendar)?.getAttribute('data-day')).toBe('2026-12-08');
  });

  it('opens an empty field on the shop’s month: 1 Jan 2027 in Kendari is still 31 Dec 2026 in New York', async () => {
    vi.setSystemTime(new Date('2026-12-31T17:30:00Z'));
    expect(new Date().getMonth()).toBe(11);
    const calendar = await openCalendar(<Harness />);
    expect(shownMonth(calendar)).toBe('Januari 2027');
    expect(todayCell(calendar)?.getAttribute('data-day')).toBe('2027-01-01');
  });

  it('follows the time zone the shop is configured with (WIT, Jayapura)', async () => {
    timeZone = 'Asia/Jayapura';
    // 23:30 WITA on 7 Dec, already 00:30 WIT on 8 Dec, 10:30 on 7 Dec in New York.
    vi.setSystemTime(new Date('2026-12-07T15:30:00Z'));
    const calendar = await openCalendar(<Harness />);
    expect(todayCell(calendar)?.getAttribute('data-day')).toBe('2026-12-08');
  });
});
