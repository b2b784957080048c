/**
 * Sistem → Jaringan kasir: a shift left open under a till code is closed with the cash counted.
 * Digits above the largest amount are no count: the button stays off and the field says why; the
 * close is never sent with Rp 0.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nProvider } from '../../src/renderer/src/i18n';
import { SessionProvider } from '../../src/renderer/src/app/session';
import { TillsScreen } from '../../src/renderer/src/features/system/tills-screen';
import type { ProcedureInput } from '../../src/shared/contract';
import { callMock, fakeApi } from './fake-api';
import { shiftView, shopSettings } from './fixtures';

vi.mock('../../src/renderer/src/api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../../src/renderer/src/api')>()), call: vi.fn() }));

let closes: ProcedureInput<'shifts.closeOrphan'>[] = [];

afterEach(cleanup);
beforeEach(() => {
  closes = [];
  callMock.mockReset();
  callMock.mockImplementation(
    fakeApi({
      'settings.get': () => shopSettings(),
      'devices.list': () => [],
      'shifts.orphans': () => (closes.length ? [] : [{ id: 5, tillCode: 'K7', openedAt: 1_796_000_000_000 }]),
      'shifts.closeOrphan': (input) => {
        closes.push(input);
        return {
          ...shiftView({ id: 5, tillCode: 'K7', openingFloat: 100_000, expectedCash: 100_000, closedAt: 1_796_000_100_000 }),
          countedCash: input.countedCash,
          variance: input.countedCash - 100_000,
          // The screen reads only the variance of the answer.
          report: {} as never,
        };
      },
    }),
  );
});

describe('closing a shift left open', () => {
  it('refuses a count above the largest amount instead of sending Rp 0', async () => {
    render(
      <I18nProvider initial="id">
        <SessionProvider session={{ user: { id: 1, name: 'Manajer', role: 'manager' }, tillCode: 'K1' }} onLogout={() => undefined}>
          <TillsScreen />
        </SessionProvider>
      </I18nProvider>,
    );
    const field = (await screen.findByLabelText('Uang dihitung (Rp)')) as HTMLInputElement;
    const button = screen.getByRole('button', { name: 'Tutup shift' });
    expect(button).toHaveProperty('disabled', true);

    fireEvent.change(field, { target: { value: '99999999999' } });
    expect(screen.getByText('Jumlah terlalu besar (paling banyak Rp 10.000.000.000)')).toBeTruthy();
    expect(button).toHaveProperty('disabled', true);
    await act(async () => fireEvent.click(button));
    expect(closes).toEqual([]);

    fireEvent.change(field, { target: { value: '150000' } });
    expect(field.value).toBe('150.000');
    expect(screen.queryByText(/Jumlah terlalu besar/)).toBeNull();
    expect(button).toHaveProperty('disabled', false);
    await act(async () => fireEvent.click(button));
    await waitFor(() => expect(closes).toEqual([{ shiftId: 5, countedCash: 150_000 }]));
  });
});
