import { useCallback, useEffect, useState } from 'react';
import { ApiError, call, errorMessage, type LocatorArgs, type RequestArgs, type RequestOf, urlFor } from './client.js';
import type { ROUTES, RouteName } from '../../shared/api/routes.js';
import type { ResponseOf } from '../../shared/api/endpoints.js';

export interface Resource<T> {
  data: T | null;
  /** the French message when loading failed */
  error: string | null;
  status: number | null;
  loading: boolean;
  reload: () => void;
}

/** Routes a page can load: GETs answering JSON. */
export type LoadableRoute = { [K in RouteName]: (typeof ROUTES)[K] extends `GET ${string}` ? (ResponseOf<K> extends void ? never : K) : never }[RouteName];

/**
 * GETs route K (request null: nothing to load yet), aborting when the request changes or the page goes away:
 * `useResource('children.get', { params: { childId } })`.
 */
export function useResource<K extends LoadableRoute>(name: K, ...[request]: RequestArgs<K> | [request: null]): Resource<ResponseOf<K>> {
  const url = request === null ? null : urlFor(name, ...([request] as unknown as LocatorArgs<K>));
  const [state, setState] = useState<{ data: ResponseOf<K> | null; error: string | null; status: number | null; loading: boolean }>({
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
    call(name, ...([{ ...(request as RequestOf<K>), signal: controller.signal }] as RequestArgs<K>))
      .then((data) => setState({ data, error: null, status: 200, loading: false }))
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setState({
          data: null,
          error: e instanceof ApiError ? e.message : errorMessage('internal'),
          status: e instanceof ApiError ? e.status : null,
          loading: false,
        });
      });
    return () => controller.abort();
    // the URL is the request: a new object with the same values does not reload
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [url, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
