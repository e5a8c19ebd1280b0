import { useCallback, useEffect, useState } from 'react';
import { ApiError, asList, get, query } from '../api/client.js';
import { messageFor } from '../../shared/errors.js';

/**
 * A list read page by page with « Voir plus »: the next page is asked with before = the last id shown.
 * The list ends when a page comes back empty or shorter than the first one.
 */
export function usePaged<T extends { id: number }>(path: string, params: Record<string, string | undefined>) {
  const [items, setItems] = useState<T[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [ended, setEnded] = useState(false);
  const [pageSize, setPageSize] = useState(0);
  const key = `${path}${query(params)}`;

  const load = useCallback(
    async (before: number | undefined, signal?: AbortSignal) => {
      setLoading(true);
      setError(null);
      try {
        const data = await get<unknown>(`${path}${query({ ...params, before })}`, { signal });
        const page = asList<T>(data);
        const next = data && typeof data === 'object' && !Array.isArray(data) ? (data as { nextBefore?: unknown; hasMore?: unknown }) : null;
        setItems((old) => (before === undefined ? page : [...old, ...page]));
        if (before === undefined) setPageSize(page.length);
        const explicitEnd = next && (next.nextBefore === null || next.hasMore === false);
        setEnded(Boolean(explicitEnd) || page.length === 0 || (before !== undefined && page.length < pageSize) || (before === undefined && page.length === 0));
      } catch (e) {
        if (signal?.aborted) return;
        setError(e instanceof ApiError ? e.message : messageFor('internal'));
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
