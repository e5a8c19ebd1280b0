/**
 * « Parcourir »: a real <input type="file"> (keyboard, screen readers and phones' camera/gallery choosers all work)
 * shown as a button, with the chosen files listed under it (name, size, « Retirer »). Several files may be chosen at
 * once or one after the other; the list is the form's value. Checks of size and type belong to the page (the server
 * has the last word); the inline error uses the same words as the error summary.
 */
import { useTranslation } from 'react-i18next';
import { useRef, type ReactNode } from 'react';
import { InlineError, RequiredMark } from './field.js';
import { fieldId } from './ids.js';
import { formatBytes } from './file-size.js';

interface FilePickerProps {
  /** the API path of the value (the error summary links to it) */
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  required?: boolean;
  /** the `accept` attribute: extensions and MIME types the chooser offers first */
  accept?: string;
  multiple?: boolean;
  files: File[];
  onFilesChange: (files: File[]) => void;
  buttonLabel?: string;
}

export function FilePicker({ name, label, hint, error, required, accept, multiple = true, files, onFilesChange, buttonLabel }: FilePickerProps) {
  const { t } = useTranslation('common');
  const id = fieldId(name);
  const input = useRef<HTMLInputElement>(null);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null, files.length ? `${id}-chosen` : null].filter(Boolean).join(' ') || undefined;

  function add(list: FileList | null) {
    if (!list || list.length === 0) return;
    const chosen = Array.from(list);
    // The same file chosen twice is listed once.
    const key = (f: File) => `${f.name}|${f.size}|${f.lastModified}`;
    const known = new Set(files.map(key));
    onFilesChange(multiple ? [...files, ...chosen.filter((f) => !known.has(key(f)))] : chosen.slice(0, 1));
    // Lets the same file be chosen again after « Retirer ».
    if (input.current) input.current.value = '';
  }

  return (
    <div className={error ? 'field field--error' : 'field'}>
      <span className="field__label" id={`${id}-label`}>
        {label}
        {required && <RequiredMark />}
      </span>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && <InlineError id={`${id}-error`} message={error} />}
      <div className="file-picker">
        {/* The input is visually hidden but focusable: its label is the « Parcourir » button, announced with the field's name. */}
        <input
          ref={input}
          className="file-picker__input"
          type="file"
          id={id}
          name={id}
          accept={accept}
          multiple={multiple}
          aria-labelledby={`${id}-button ${id}-label`}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          aria-required={required || undefined}
          onChange={(e) => add(e.target.files)}
        />
        <label htmlFor={id} className="button button--secondary file-picker__button" id={`${id}-button`}>
          {buttonLabel ?? t('filePicker.browse')}
        </label>
        <span className="file-picker__count" aria-hidden="true">
          {files.length === 0 ? t('filePicker.none') : t('filePicker.chosen', { count: files.length })}
        </span>
      </div>
      {files.length > 0 && (
        <ul className="file-picker__list" id={`${id}-chosen`} aria-label={t('filePicker.listLabel')}>
          {files.map((f, i) => (
            <li key={`${f.name}-${f.size}-${f.lastModified}-${i}`} className="file-picker__file">
              <span className="file-picker__name">{f.name}</span>
              <span className="file-picker__size">{formatBytes(f.size)}</span>
              <button type="button" className="button button--link button--small" onClick={() => onFilesChange(files.filter((_, j) => j !== i))}>
                {t('filePicker.remove')}
                <span className="visually-hidden"> {t('filePicker.theFile', { name: f.name })}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
