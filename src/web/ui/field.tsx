import { useTranslation } from 'react-i18next';
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { fieldId } from './ids.js';

interface FieldFrameProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  required?: boolean;
  children: (describedBy: string | undefined) => ReactNode;
}

/** Label, hint, inline error (same words as the error summary) and the control, in the GOV.UK order. */
export function FieldFrame({ id, label, hint, error, required, children }: FieldFrameProps) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
        {required && <RequiredMark />}
      </label>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && <InlineError id={`${id}-error`} message={error} />}
      {children(describedBy)}
    </div>
  );
}

export function RequiredMark() {
  return (
    <span className="required" aria-hidden="true">
      {' '}*
    </span>
  );
}

export function InlineError({ id, message }: { id: string; message: string }) {
  const { t } = useTranslation('common');
  return (
    <p className="field__error" id={id}>
      <span className="visually-hidden">{t('errorPrefix')} </span>
      {message}
    </p>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'id' | 'onChange' | 'value'>;

export interface FieldProps extends InputProps {
  /** the API path of the value, e.g. "guardian1.lastName" */
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  required?: boolean;
  value: string;
  onValueChange: (value: string) => void;
  width?: 'full' | 'long' | 'medium' | 'short' | 'code';
  /** extra content after the input (e.g. the « Afficher » button) */
  after?: ReactNode;
}

/** A text input with its label, hint and error. */
export function Field({ name, label, hint, error, required, value, onValueChange, width = 'long', after, type = 'text', ...rest }: FieldProps) {
  const id = fieldId(name);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} required={required}>
      {(describedBy) => (
        <div className="field__control">
          <input
            {...rest}
            className={`input input--${width}`}
            id={id}
            name={id}
            type={type}
            value={value}
            onChange={(e) => onValueChange(e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={error ? true : undefined}
            aria-required={required || undefined}
          />
          {after}
        </div>
      )}
    </FieldFrame>
  );
}

type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name' | 'id' | 'onChange' | 'value'> & {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  required?: boolean;
  value: string;
  onValueChange: (value: string) => void;
};

export function TextArea({ name, label, hint, error, required, value, onValueChange, ...rest }: TextAreaProps) {
  const id = fieldId(name);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} required={required}>
      {(describedBy) => (
        <textarea
          {...rest}
          className="input input--full textarea"
          id={id}
          name={id}
          value={value}
          onChange={(e) => onValueChange(e.target.value)}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          aria-required={required || undefined}
        />
      )}
    </FieldFrame>
  );
}

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name' | 'id' | 'onChange' | 'value'> & {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  required?: boolean;
  value: string;
  onValueChange: (value: string) => void;
  options: { value: string; label: string }[];
  /** the label of the empty first option; omit for none */
  placeholder?: string;
};

export function SelectField({ name, label, hint, error, required, value, onValueChange, options, placeholder, ...rest }: SelectProps) {
  const id = fieldId(name);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} required={required}>
      {(describedBy) => (
        <select
          {...rest}
          className="select"
          id={id}
          name={id}
          value={value}
          onChange={(e) => onValueChange(e.target.value)}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          aria-required={required || undefined}
        >
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

interface CheckboxProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  required?: boolean;
}

export function Checkbox({ name, label, hint, error, checked, onCheckedChange, required }: CheckboxProps) {
  const id = fieldId(name);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field--error' : 'field'}>
      {error && <InlineError id={`${id}-error`} message={error} />}
      <div className="choice">
        <input
          className="choice__input"
          type="checkbox"
          id={id}
          name={id}
          checked={checked}
          onChange={(e) => onCheckedChange(e.target.checked)}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          aria-required={required || undefined}
        />
        <label className="choice__label" htmlFor={id}>
          {label}
          {required && <RequiredMark />}
        </label>
      </div>
      {hint && (
        <p className="field__hint choice__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}
