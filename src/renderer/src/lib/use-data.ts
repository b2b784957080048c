import { useCallback, useEffect, useRef, useState } from 'react';

export interface Data<T> {
  /** The latest answer (possibly for earlier `deps` while the next one loads); null before the first. */
  data: T | null;
  /** Whether `data` answers the current `deps`. */
  fresh: boolean;
  /** What the last load threw; kept while the next load runs, cleared by its answer. */
  error: unknown;
  /** A load is running. */
  loading: boolean;
  /** A first load has finished (answered or failed), or `set` gave the data. */
  settled: boolean;
  /** Load again; resolves with the answer, or null when it failed or a newer load overtook it. */
  reload(): Promise<T | null>;
  /** Replace the data by a value the screen already has (e.g. the answer of a write). */
  set(data: T | null): void;
  /**
   * Load a step that builds on the data on screen (e.g. the next page appended to the list). Like
   * `reload`, it is dropped when a newer load (or new `deps`) overtakes it, so a page of old filters
   * never lands on a new list. Refused (null) while the data on screen answers earlier `deps`.
   */
  extend(step: (current: T | null) => Promise<T>): Promise<T | null>;
}

/**
 * The one way a screen loads data: call `load` now and again whenever one of `deps` changes, and on
 * `reload()`. Answers that a newer load overtook are dropped, so a slow answer never overwrites a
 * newer one. `deps` are compared like a React effect's.
 */
export function useData<T>(load: () => Promise<T>, deps: readonly unknown[]): Data<T> {
  const [state, setState] = useState<{ data: T | null; generation: number }>({ data: null, generation: -1 });
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [settled, setSettled] = useState(false);
  const seq = useRef(0);
  /** Bumped whenever `deps` change: the answers of earlier generations are not fresh. */
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const stateRef = useRef(state);
  stateRef.current = state;

  const run = useCallback((loader: () => Promise<T>): Promise<T | null> => {
    const mine = ++seq.current;
    const forGeneration = generation.current;
    setLoading(true);
    return loader()
      .then((d) => {
        if (mine !== seq.current) return null;
        setState({ data: d, generation: forGeneration });
        setError(null);
        return d;
      })
      .catch((err: unknown) => {
        if (mine === seq.current) setError(err);
        return null;
      })
      .finally(() => {
        if (mine === seq.current) {
          setLoading(false);
          setSettled(true);
        }
      });
  }, []);
  const reload = useCallback(() => run(() => loadRef.current()), [run]);
  const extend = useCallback(
    (step: (current: T | null) => Promise<T>) => {
      const { data, generation: of } = stateRef.current;
      // A step on data of earlier deps would land stale data as fresh: the current load answers first.
      if (of !== generation.current) return Promise.resolve(null);
      return run(() => step(data));
    },
    [run],
  );

  const set = useCallback((data: T | null) => {
    seq.current += 1;
    setState({ data, generation: generation.current });
    setError(null);
    setLoading(false);
    setSettled(true);
  }, []);

  // New deps start a new generation at once, so `fresh` is false from the render that changed them.
  const seen = useRef<readonly unknown[] | null>(null);
  if (seen.current === null || seen.current.length !== deps.length || seen.current.some((d, i) => !Object.is(d, deps[i]))) {
    seen.current = deps;
    generation.current += 1;
  }
  useEffect(() => {
    void reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reload, ...deps]);

  return { data: state.data, fresh: state.generation === generation.current, error, loading, settled, reload, set, extend };
}
