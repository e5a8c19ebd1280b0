import { useTranslation } from 'react-i18next';
import { useEffect, useId, useRef } from 'react';
import { fieldId } from './ids.js';

export interface SummaryError {
  /** the API path of the field; absent for a problem with the whole form */
  path?: string;
  message: string;
}

interface ErrorSummaryProps {
  errors: SummaryError[];
  /** changes on every failed submission so the summary takes focus again */
  focusKey: number;
  title?: string;
}

/**
 * The GOV.UK error summary: at the top of the form, role=alert, focused after a failed submission, one link per
 * field problem that moves focus to the field (the field's id is its path with dots replaced by '-').
 */
export function ErrorSummary({ errors, focusKey, title }: ErrorSummaryProps) {
  const { t } = useTranslation('common');
  const ref = useRef<HTMLDivElement>(null);
  // Unique: a dialog's summary may be on screen over the page's own.
  const titleId = `error-summary-title${useId().replace(/:/g, '')}`;
  useEffect(() => {
    if (errors.length > 0) ref.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusKey]);
  if (errors.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby={titleId} tabIndex={-1} ref={ref}>
      <h2 className="error-summary__title" id={titleId}>
        {title ?? t('errorSummary.title')}
      </h2>
      <ul className="error-summary__list">
        {errors.map((e, i) =>
          e.path ? (
            <li key={`${e.path}-${i}`}>
              <a href={`#${fieldId(e.path)}`} onClick={(ev) => focusField(ev, fieldId(e.path!))}>
                {e.message}
              </a>
            </li>
          ) : (
            <li key={`general-${i}`}>{e.message}</li>
          ),
        )}
      </ul>
    </div>
  );
}

function focusField(ev: React.MouseEvent, id: string) {
  const el = document.getElementById(id);
  if (!el) return;
  ev.preventDefault();
  // Show the label too: scroll to the field's wrapper, then focus without scrolling again.
  const frame = el.closest('.field') ?? el;
  frame.scrollIntoView({ block: 'start' });
  el.focus({ preventScroll: true });
}
