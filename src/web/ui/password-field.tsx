import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { Field, type FieldProps } from './field.js';
import { fieldId } from './ids.js';

type PasswordFieldProps = Omit<FieldProps, 'type' | 'after' | 'autoComplete'> & {
  autoComplete: 'current-password' | 'new-password';
};

/** A password input with an « Afficher / Masquer » toggle (helps people on phones avoid typos). */
export function PasswordField(props: PasswordFieldProps) {
  const { t } = useTranslation('common');
  const [visible, setVisible] = useState(false);
  const id = fieldId(props.name);
  return (
    <Field
      {...props}
      type={visible ? 'text' : 'password'}
      spellCheck={false}
      autoCapitalize="none"
      after={
        <button
          type="button"
          className="button button--secondary button--inline"
          aria-controls={id}
          aria-pressed={visible}
          onClick={() => setVisible((v) => !v)}
        >
          {visible ? t('passwordField.hide') : t('passwordField.show')}
          <span className="visually-hidden"> {t('passwordField.thePassword')}</span>
        </button>
      }
    />
  );
}
