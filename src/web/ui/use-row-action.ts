import { useState } from 'react';
import type { SummaryError } from './error-summary.js';
import { errorsOf } from './use-form.js';

/**
 * One action at a time on the rows of a staff list (validate an account, disable an agent…): which row is busy,
 * the confirmation to show once it succeeded, and the errors for the page's error summary when it did not.
 */
export function useRowAction() {
  const [done, setDone] = useState<string | null>(null);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [errorKey, setErrorKey] = useState(0);
  const [busyId, setBusyId] = useState<string | null>(null);

  /** Runs `action` for row `id`; its result is the confirmation shown. `after` runs on success (reload the list). */
  async function run(id: string, action: () => Promise<string>, after?: () => void): Promise<void> {
    if (busyId) return;
    setBusyId(id);
    setDone(null);
    setErrors([]);
    try {
      setDone(await action());
      after?.();
    } catch (e) {
      setErrors(errorsOf(e));
      setErrorKey((k) => k + 1);
    } finally {
      setBusyId(null);
    }
  }

  function clear(): void {
    setDone(null);
    setErrors([]);
  }

  return { done, setDone, errors, errorKey, busyId, run, clear };
}
