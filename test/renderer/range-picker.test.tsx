/**
 * The reports' own dates: emptied, they ask for both dates (dd/mm/yyyy); in the wrong order, they say
 * the start must come first. Before, an empty range said "start before end".
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nProvider } from '../../src/renderer/src/i18n';
import { SessionProvider } from '../../src/renderer/src/app/session';
import { RangePicker } from '../../src/renderer/src/features/reports/components';
import { callMock, fakeApi } from './fake-api';
import { shopSettings } from './fixtures';

vi.mock('../../src/renderer/src/api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../../src/renderer/src/api')>()), call: vi.fn() }));

afterEach(cleanup);
// Braces: a function returned from beforeEach is run as its teardown.
beforeEach(() => {
  callMock.mockReset();
  callMock.mockImplementation(fakeApi({ 'settings.get': () => shopSettings() }));
});

async function show() {
  const onChange = vi.fn();
  render(
    <I18nProvider initial="id">
      <SessionProvider session={{ user: { id: 1, name: 'Manajer', role: 'manager' }, tillCode: 'K1' }} onLogout={() => undefined}>
        <RangePicker range={{ from: '2026-12-01', to: '2026-12-07' }} preset="custom" onChange={onChange} />
      </SessionProvider>
    </I18nProvider>,
  );
  await act(async () => undefined);
  return { onChange, from: screen.getByTestId('range-from'), to: screen.getByTestId('range-to') };
}

describe('RangePicker', () => {
  it('both dates emptied: asks for them, never "start before end"; nothing is asked of the server', async () => {
    const { onChange, from, to } = await show();
    fireEvent.change(from, { target: { value: '' } });
    fireEvent.change(to, { target: { value: '' } });
    expect(screen.getByText('Isi tanggal awal dan tanggal akhir (hh/bb/tttt).')).toBeTruthy();
    expect(screen.queryByText('Tanggal awal harus sebelum tanggal akhir.')).toBeNull();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('the start after the end: says so', async () => {
    const { from } = await show();
    fireEvent.change(from, { target: { value: '10/12/2026' } });
    expect(screen.getByText('Tanggal awal harus sebelum tanggal akhir.')).toBeTruthy();
  });
});
