import { useCallback, useState } from 'react';
import { ApiError } from '../api/client.js';
import { messageFor } from '../../shared/errors.js';
import type { SummaryError } from './error-summary.js';

/**
 * Form state for server-validated forms: values keyed by API path, the errors the server (or the required-field
 * check, with the same sentences) returned, and a focus key that makes the error summary take focus again.
 */
export function useForm<V extends Record<string, string | boolean>>(initial: V) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);

  const set = useCallback(<K extends keyof V>(key: K, value: V[K]) => setValues((v) => ({ ...v, [key]: value })), []);

  const errorFor = (path: string): string | null => errors.find((e) => e.path === path)?.message ?? null;

  function fail(list: SummaryError[]) {
    setErrors(list);
    setFocusKey((k) => k + 1);
  }

  /** Runs the request; on failure shows the server's field messages, or its general message. */
  async function submit(run: () => Promise<void>, opts: { required?: (keyof V & string)[] } = {}): Promise<void> {
    if (busy) return;
    const missing = (opts.required ?? []).filter((k) => {
      const v = values[k];
      return typeof v === 'string' ? v.trim() === '' : v !== true;
    });
    if (missing.length > 0) {
      fail(missing.map((path) => ({ path, message: messageFor('required', path) })));
      return;
    }
    setBusy(true);
    try {
      await run();
      setErrors([]);
    } catch (e) {
      fail(errorsOf(e));
    } finally {
      setBusy(false);
    }
  }

  return { values, set, setValues, errors, errorFor, focusKey, busy, submit, fail };
}

/** An exception as error-summary lines: one per field problem, or the general message. */
export function errorsOf(e: unknown): SummaryError[] {
  if (e instanceof ApiError) {
    if (e.fields.length > 0) return e.fields.map((f) => ({ path: f.path, message: f.message }));
    return [{ message: e.message }];
  }
  return [{ message: messageFor('internal') }];
}
