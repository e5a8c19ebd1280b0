import { useCallback, useEffect, useState } from 'react';
import { ApiError, get } from './client.js';
import { messageFor } from '../../shared/errors.js';

export interface Resource<T> {
  data: T | null;
  /** the French message when loading failed */
  error: string | null;
  status: number | null;
  loading: boolean;
  reload: () => void;
}

/** GETs a URL (null: nothing to load), aborting when the URL changes or the page goes away. */
export function useResource<T>(url: string | null): Resource<T> {
  const [state, setState] = useState<{ data: T | null; error: string | null; status: number | null; loading: boolean }>({
    data: null,
    error: null,
    status: null,
    loading: url !== null,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (url === null) return;
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    get<T>(url, { signal: controller.signal })
      .then((data) => setState({ data, error: null, status: 200, loading: false }))
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setState({
          data: null,
          error: e instanceof ApiError ? e.message : messageFor('internal'),
          status: e instanceof ApiError ? e.status : null,
          loading: false,
        });
      });
    return () => controller.abort();
  }, [url, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
