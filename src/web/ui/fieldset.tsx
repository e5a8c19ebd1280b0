import type { ReactNode } from 'react';
import { fieldId } from './ids.js';
import { InlineError, RequiredMark } from './field.js';

interface FieldsetProps {
  legend: ReactNode;
  /** "page" for a block of fields (larger legend); "question" for a group of radios or checkboxes */
  kind?: 'page' | 'question';
  hint?: ReactNode;
  children: ReactNode;
}

/** A group of fields under a <legend>: a block of a form (« Responsable légal 1 ») or one question. */
export function Fieldset({ legend, kind = 'page', hint, children }: FieldsetProps) {
  return (
    <fieldset className={`fieldset fieldset--${kind}`}>
      <legend className="fieldset__legend">{legend}</legend>
      {hint && <p className="field__hint">{hint}</p>}
      {children}
    </fieldset>
  );
}

interface RadiosProps<V extends string> {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  required?: boolean;
  options: readonly { value: V; label: string }[];
  value: V | '';
  onValueChange: (value: V) => void;
  inline?: boolean;
}

/** A radio question. The first radio carries the field's id so the error summary can focus it. */
export function Radios<V extends string>({ name, legend, hint, error, required, options, value, onValueChange, inline }: RadiosProps<V>) {
  const id = fieldId(name);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <fieldset className="fieldset fieldset--question" aria-describedby={describedBy}>
        <legend className="fieldset__legend">
          {legend}
          {required && <RequiredMark />}
        </legend>
        {hint && (
          <p className="field__hint" id={`${id}-hint`}>
            {hint}
          </p>
        )}
        {error && <InlineError id={`${id}-error`} message={error} />}
        <div className={inline ? 'choices choices--inline' : 'choices'}>
          {options.map((o, i) => {
            const optionId = i === 0 ? id : `${id}-${o.value}`;
            return (
              <div className="choice" key={o.value}>
                <input
                  className="choice__input"
                  type="radio"
                  id={optionId}
                  name={id}
                  value={o.value}
                  checked={value === o.value}
                  onChange={() => onValueChange(o.value)}
                />
                <label className="choice__label" htmlFor={optionId}>
                  {o.label}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
