import { useTranslation } from 'react-i18next';
import type { FormEvent, ReactNode } from 'react';
import { errorMessage } from '../api/client.js';
import { Button, ButtonGroup } from './button.js';
import { ErrorSummary } from './error-summary.js';
import { TextArea } from './field.js';
import { useForm } from './use-form.js';

interface ReasonFormProps {
  /** what is refused, shown above the field */
  intro: ReactNode;
  hint: string;
  submitLabel: string;
  rows?: number;
  wide?: boolean;
  /** the sentence for an empty reason (default: the generic « required » one for the field) */
  requiredMessage?: string;
  /** sends the refusal; an API error lands in the form's error summary */
  onSubmitReason: (reason: string) => Promise<void>;
  onCancel: () => void;
}

/**
 * A refusal with its reason, inside a dialog (an account, a booking request, a document): the reason is required,
 * checked before sending, and the server's errors show in the form's own error summary.
 */
export function ReasonForm({ intro, hint, submitLabel, rows = 4, wide = true, requiredMessage, onSubmitReason, onCancel }: ReasonFormProps) {
  const { t } = useTranslation('common');
  const form = useForm({ reason: '' });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!form.values.reason.trim()) {
      form.fail([{ path: 'reason', message: requiredMessage ?? errorMessage('required', 'reason') }]);
      return;
    }
    void form.submit(() => onSubmitReason(form.values.reason));
  }

  return (
    <form noValidate onSubmit={onSubmit} className={wide ? 'form--wide' : undefined}>
      <p>{intro}</p>
      <ErrorSummary {...form.summary} />
      <TextArea
        {...form.field('reason')}
        label={t('reasonForm.label')}
        hint={hint}
        required
        rows={rows}
        maxLength={500}
      />
      <ButtonGroup>
        <Button type="submit" variant="warning" busy={form.busy}>
          {submitLabel}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
