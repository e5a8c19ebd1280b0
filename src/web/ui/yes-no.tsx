import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { Radios } from './fieldset.js';

interface YesNoProps {
  /** the API path of the answer; the « Oui » radio carries its id */
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  required?: boolean;
  /** null: not answered yet (no radio checked) */
  value: boolean | null;
  onValueChange: (value: boolean) => void;
}

/** A « Oui / Non » question: a fieldset with two radios side by side. */
export function YesNo({ name, legend, hint, error, required, value, onValueChange }: YesNoProps) {
  const { t } = useTranslation('labels');
  const options = [
    { value: 'yes', label: t('yesNo.yes') },
    { value: 'no', label: t('yesNo.no') },
  ] as const;
  return (
    <Radios
      name={name}
      legend={legend}
      hint={hint}
      error={error}
      required={required}
      inline
      options={options}
      value={value === null ? '' : value ? 'yes' : 'no'}
      onValueChange={(v) => onValueChange(v === 'yes')}
    />
  );
}
