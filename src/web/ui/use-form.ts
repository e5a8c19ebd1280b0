import { useCallback, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../api/client.js';
import type { SummaryError } from './error-summary.js';

type Values = object;
type StringKey<V> = { [K in keyof V & string]: V[K] extends string ? K : never }[keyof V & string];

export interface SubmitOptions<V> {
  /** keys that must not be blank (text) or must be ticked (boolean); « required » sentence per field */
  required?: (keyof V & string)[];
  /** client-side checks run before the request, with the server's sentences (errorMessage): empty when all is well */
  check?: (values: V) => SummaryError[];
  /** rewrites the server's problems before they are shown (an API path onto the field that shows it…) */
  mapErrors?: (errors: SummaryError[], error: unknown) => SummaryError[];
}

export interface FormOptions {
  /** problems to show from the start (a window reopened on the server's problems about its person) */
  initialErrors?: SummaryError[];
  /** API path of the values' object: `field('phone1')` is then named (and finds its problem at) `contacts.2.phone1` */
  prefix?: string;
}

/**
 * The one form hook. Values keyed by API path and their change handlers (`field(key)` gives a Field its name,
 * value, onValueChange and error); client-side checks before the request; `busy` while it runs (a second submit is
 * ignored); the server's field problems (ApiError.fields: path → message) shown beside each field and in the error
 * summary, or its general message; `summary` is the ErrorSummary's props, whose focusKey changes on every failure
 * so the summary takes focus again. Forms whose state lives elsewhere call `useForm()` and use only `submit`.
 */
export function useForm<V extends Values = Record<string, never>>(initial: V = {} as V, opts: FormOptions = {}) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<SummaryError[]>(opts.initialErrors ?? []);
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);
  // The state is read by the next render only: a ref keeps a quick second click out.
  const running = useRef(false);

  const set = useCallback(<K extends keyof V>(key: K, value: V[K]) => setValues((v) => ({ ...v, [key]: value })), []);

  /** The field's problems (usually one), in the summary's words. */
  const errorFor = (path: string): string | null =>
    errors
      .filter((e) => e.path === path)
      .map((e) => e.message)
      .join(' ') || null;

  /** Shows these problems and moves focus to the summary (also for checks the page does itself). */
  function fail(list: SummaryError[]) {
    setErrors(list);
    setFocusKey((k) => k + 1);
  }

  /** Forgets every problem, or those under one path (`contacts.2` clears `contacts.2.phone1`…). */
  function clear(prefix?: string) {
    setErrors((old) => (prefix === undefined ? [] : old.filter((e) => !e.path?.startsWith(`${prefix}.`) && e.path !== prefix)));
  }

  /** A text field's props: `<Field {...form.field('email')} label="…" />`. */
  function field<K extends StringKey<V>>(key: K) {
    const name = opts.prefix ? `${opts.prefix}.${key}` : key;
    return {
      name,
      value: values[key] as string,
      onValueChange: (value: string) => set(key, value as V[K]),
      error: errorFor(name),
    };
  }

  /**
   * Checks, then runs the request; on failure shows the server's field messages, or its general message.
   * Answers whether it succeeded (false also when checks failed or a request was already running).
   */
  async function submit(run: () => Promise<void>, o: SubmitOptions<V> = {}): Promise<boolean> {
    if (running.current) return false;
    const missing = (o.required ?? []).filter((k) => {
      const v = values[k];
      return typeof v === 'string' ? v.trim() === '' : v !== true;
    });
    const named = (k: string) => (opts.prefix ? `${opts.prefix}.${k}` : k);
    const problems = [...missing.map((k) => ({ path: named(k), message: errorMessage('required', named(k)) })), ...(o.check?.(values) ?? [])];
    if (problems.length > 0) {
      fail(problems);
      return false;
    }
    running.current = true;
    setBusy(true);
    try {
      await run();
      setErrors([]);
      return true;
    } catch (e) {
      const list = errorsOf(e);
      fail(o.mapErrors ? o.mapErrors(list, e) : list);
      return false;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }

  return { values, set, setValues, field, errors, errorFor, focusKey, summary: { errors, focusKey }, busy, submit, fail, clear };
}

/** An exception as error-summary lines: one per field problem, or the general message. */
export function errorsOf(e: unknown): SummaryError[] {
  if (e instanceof ApiError) {
    if (e.fields.length > 0) return e.fields.map((f) => ({ path: f.path, message: f.message }));
    return [{ message: e.message }];
  }
  return [{ message: errorMessage('internal') }];
}

/** Moves the problems under an API path onto the form's field ids: `prefixed('closure.')` for a form's sub-object. */
export function prefixed(prefix: string) {
  return (list: SummaryError[]) => list.map((e) => (e.path ? { ...e, path: `${prefix}${e.path}` } : e));
}

/** A check: « Obligatoire » (the general sentence) for each blank one of these keys, on the form's prefixed path. */
export function blanks<V extends Record<K, string>, K extends string>(prefix: string, keys: K[]) {
  return (v: V) => keys.filter((k) => !v[k].trim()).map((k) => ({ path: `${prefix}.${k}`, message: errorMessage('required') }));
}
