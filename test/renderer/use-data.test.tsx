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

describe('useData.extend, a step on the data on screen (load more)', () => {
  it('appends a page, and drops a page of old filters once the filters changed', async () => {
    const pages = new Map<string, ReturnType<typeof deferred<string[]>>>();
    const page = (key: string) => {
      const d = deferred<string[]>();
      pages.set(key, d);
      return d.promise;
    };
    const { result, rerender } = renderHook(({ filter }) => useData(() => page(`${filter}:1`), [filter]), { initialProps: { filter: 'a' } });
    await act(async () => pages.get('a:1')!.resolve(['a1', 'a2']));
    let more: Promise<string[] | null> = Promise.resolve(null);
    act(() => {
      more = result.current.extend(async (cur) => [...(cur ?? []), ...(await page('a:2'))]);
    });
    expect(result.current.loading).toBe(true);
    await act(async () => pages.get('a:2')!.resolve(['a3']));
    expect(await more).toEqual(['a1', 'a2', 'a3']);
    expect(result.current).toMatchObject({ data: ['a1', 'a2', 'a3'], fresh: true, loading: false });

    // Next page asked, then the filter changes before it answers: the late page of "a" is dropped.
    act(() => {
      more = result.current.extend(async (cur) => [...(cur ?? []), ...(await page('a:3'))]);
    });
    rerender({ filter: 'b' });
    await act(async () => pages.get('b:1')!.resolve(['b1']));
    await act(async () => pages.get('a:3')!.resolve(['a4']));
    expect(await more).toBeNull();
    expect(result.current).toMatchObject({ data: ['b1'], fresh: true });

    // While the data on screen is of old filters, a step is refused rather than landing as fresh.
    rerender({ filter: 'c' });
    let refused: string[] | null = [];
    await act(async () => {
      refused = await result.current.extend(async () => ['never']);
    });
    expect(refused).toBeNull();
    await act(async () => pages.get('c:1')!.resolve(['c1']));
    expect(result.current.data).toEqual(['c1']);
  });

  it('keeps the list when a step fails, with the error shown', async () => {
    const { result } = renderHook(() => useData(async () => ['x'], []));
    await waitFor(() => expect(result.current.data).toEqual(['x']));
    await act(async () => {
      await result.current.extend(() => Promise.reject(new Error('offline')));
    });
    expect(result.current).toMatchObject({ data: ['x'], loading: false });
    expect(result.current.error).toBeInstanceOf(Error);
  });
});
