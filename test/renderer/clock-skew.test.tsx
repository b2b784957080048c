/**
 * The till's clock against the host's (issue 18): every API answer carries the host's time
 * (`X-Kasir-Time`); a till whose own clock (a faked Date here) differs by more than a minute
 * shows a warning, in Bahasa Indonesia and in English; within a minute it shows none.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { call } from '../../src/renderer/src/api';
import { I18nProvider } from '../../src/renderer/src/i18n';
import { ClockSkewWarning } from '../../src/renderer/src/features/till/offline-parts';

const HOST_NOW = Date.UTC(2026, 11, 7, 2, 0, 0);

/** A host that answers `setup.status` with its own time in the header. */
function hostAnswering(hostTime: number) {
  return vi.fn(async () => new Response(JSON.stringify({ initialized: true }), { status: 200, headers: { 'Content-Type': 'application/json', 'X-Kasir-Time': String(hostTime) } }));
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

async function tillClockAt(localNow: number, lang: 'id' | 'en' = 'id') {
  vi.setSystemTime(localNow);
  vi.stubGlobal('fetch', hostAnswering(HOST_NOW));
  render(
    <I18nProvider initial={lang}>
      <ClockSkewWarning />
    </I18nProvider>,
  );
  await act(async () => {
    await call('setup.status', {});
  });
}

describe('clock skew warning', () => {
  it('a till 5 minutes behind the host is warned', async () => {
    await tillClockAt(HOST_NOW - 5 * 60_000);
    expect(screen.getByTestId('clock-skew').textContent).toBe(
      'Jam komputer ini berbeda 5 menit dari komputer utama. Waktu penjualan tetap memakai jam komputer utama; minta admin mencocokkan jam komputer ini.',
    );
  });

  it('a till 2 minutes ahead is warned in English too', async () => {
    await tillClockAt(HOST_NOW + 2 * 60_000, 'en');
    expect(screen.getByTestId('clock-skew').textContent).toContain('differs from the main computer’s by 2 minutes');
  });

  it('within a minute: no warning', async () => {
    await tillClockAt(HOST_NOW + 40_000);
    expect(screen.queryByTestId('clock-skew')).toBeNull();
    // And once the till's clock is set right after a warning, the warning goes.
    vi.setSystemTime(HOST_NOW - 3 * 60_000);
    await act(async () => {
      await call('setup.status', {});
    });
    expect(screen.getByTestId('clock-skew')).toBeTruthy();
    vi.setSystemTime(HOST_NOW);
    await act(async () => {
      await call('setup.status', {});
    });
    expect(screen.queryByTestId('clock-skew')).toBeNull();
  });
});
