import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useData } from '../../src/renderer/src/lib/use-data';
import { deferred } from './fixtures';

describe('useData, the one way a screen loads data', () => {
  it('loads, reloads when a dependency changes, and drops an answer a newer load overtook', async () => {
    const answers = new Map<string, ReturnType<typeof deferred<string>>>();
    const load = (month: string) => {
      const d = deferred<string>();
      answers.set(month, d);
      return d.promise;
    };
    const { result, rerender } = renderHook(({ month }) => useData(() => load(month), [month]), { initialProps: { month: '2026-11' } });
    expect(result.current).toMatchObject({ data: null, loading: true, fresh: false });
    await act(async () => answers.get('2026-11')!.resolve('November'));
    expect(result.current).toMatchObject({ data: 'November', loading: false, fresh: true, error: null });

    rerender({ month: '2026-12' });
    // The old answer stays on screen, marked as not fresh, while December loads.
    expect(result.current).toMatchObject({ data: 'November', fresh: false, loading: true });
    rerender({ month: '2027-01' });
    await act(async () => answers.get('2027-01')!.resolve('Januari'));
    await act(async () => answers.get('2026-12')!.resolve('Desember (late)'));
    expect(result.current).toMatchObject({ data: 'Januari', fresh: true, loading: false });
  });

  it('keeps the error until the next load, and set() replaces the data', async () => {
    let fail = true;
    const { result } = renderHook(() => useData(async () => (fail ? Promise.reject(new Error('offline')) : 7), []));
    expect(result.current.settled).toBe(false);
    await waitFor(() => expect(result.current.error).toBeInstanceOf(Error));
    expect(result.current).toMatchObject({ data: null, settled: true, loading: false });
    fail = false;
    let answer: number | null = null;
    let reloading!: Promise<number | null>;
    act(() => {
      reloading = result.current.reload();
    });
    // While the next load runs, the last error still shows.
    expect(result.current).toMatchObject({ loading: true, settled: true });
    expect(result.current.error).toBeInstanceOf(Error);
    await act(async () => {
      answer = await reloading;
    });
    expect(answer).toBe(7);
    expect(result.current).toMatchObject({ data: 7, error: null, loading: false });
    act(() => result.current.set(9));
    expect(result.current).toMatchObject({ data: 9, fresh: true });
  });
});
