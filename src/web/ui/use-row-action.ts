import { useState } from 'react';
import { useForm } from './use-form.js';

/**
 * One action at a time on the rows of a staff list (validate an account, disable an agent…): which row is busy,
 * the confirmation to show once it succeeded, and the errors for the page's error summary when it did not
 * (the form hook's, so they read and take focus like a form's).
 */
export function useRowAction() {
  const [done, setDone] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const form = useForm();

  /** Runs `action` for row `id`; its result is the confirmation shown. `after` runs on success (reload the list). */
  async function run(id: string, action: () => Promise<string>, after?: () => void): Promise<void> {
    if (busyId) return;
    setBusyId(id);
    setDone(null);
    form.clear();
    await form.submit(async () => {
      setDone(await action());
      after?.();
    });
    setBusyId(null);
  }

  function clear(): void {
    setDone(null);
    form.clear();
  }

  return { done, setDone, errors: form.errors, errorKey: form.focusKey, busyId, run, clear };
}
