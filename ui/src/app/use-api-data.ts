import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiProblem } from '../api/api-problem.js';

/** What a page has loaded: the last good data (kept while reloading), or why it failed. */
export interface ApiData<T> {
  readonly data: T | undefined;
  readonly problem: ApiProblem | null;
  readonly loading: boolean;
  /** Loads again with the same key (after an action, or the "Try again" button). */
  reload(): void;
  /** Changes the loaded data in place (a row after an action) without a round trip. */
  update(change: (data: T) => T): void;
}

/**
 * Loads data for a page and reloads it whenever `key` changes (the filters, say), aborting
 * the previous request so an old answer never overwrites a newer one. `load` may be a new
 * function on each render; only `key` decides when to load.
 *
 * ### Examples
 * ```ts
 * const { data, problem, loading } = useApiData('dashboard', (signal) => api.dashboard(signal));
 * ```
 */
export function useApiData<T>(key: string, load: (signal: AbortSignal) => Promise<T>): ApiData<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [loading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);
  const loader = useRef(load);
  loader.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the reload trigger.
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    loader.current(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setData(value);
        setProblem(null);
        setLoading(false);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setProblem(ApiProblem.from(error));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const update = useCallback((change: (value: T) => T) => {
    setData((value) => (value === undefined ? value : change(value)));
  }, []);
  return { data, problem, loading, reload, update };
}
