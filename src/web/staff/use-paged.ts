import { useCallback, useEffect, useState } from 'react';
import { ApiError, call, errorMessage, urlFor } from '../api/client.js';
import type { QueryOf, ResponseOf } from '../../shared/api/endpoints.js';

/** The lists read page by page (the query takes `before`, the answer is an array of items with numeric ids). */
type PagedRoute = 'staff.audit' | 'staff.outbox';
type Item<K extends PagedRoute> = ResponseOf<K> extends readonly (infer I extends { id: number })[] ? I : never;

/**
 * A list read page by page with « Voir plus »: the next page is asked with before = the last id shown.
 * The list ends when a page comes back empty or shorter than the first one.
 */
export function usePaged<K extends PagedRoute>(name: K, params: Omit<QueryOf<K>, 'before'>) {
  const [items, setItems] = useState<Item<K>[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [ended, setEnded] = useState(false);
  const [pageSize, setPageSize] = useState(0);
  const key = urlFor(name, { query: params } as never);

  const load = useCallback(
    async (before: number | undefined, signal?: AbortSignal) => {
      setLoading(true);
      setError(null);
      try {
        const page = (await call(name, { query: { ...params, before }, signal } as never)) as Item<K>[];
        setItems((old) => (before === undefined ? page : [...old, ...page]));
        if (before === undefined) setPageSize(page.length);
        setEnded(page.length === 0 || (before !== undefined && page.length < pageSize));
      } catch (e) {
        if (signal?.aborted) return;
        setError(e instanceof ApiError ? e.message : errorMessage('internal'));
      } finally {
        if (!signal?.aborted) setLoading(false);
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key, pageSize],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(undefined, controller.signal);
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const more = () => {
    const last = items[items.length - 1];
    if (last) void load(last.id);
  };
  const reload = () => void load(undefined);
  return { items, loading, error, ended, more, reload };
}
