/**
 * A text field with suggestions (« Lien avec l’enfant »): the whole list opens as soon as the field gets focus,
 * typing narrows it, a click or Enter on a line fills the field, and any other text is accepted as typed.
 */
import { useTranslation } from 'react-i18next';
import { useMemo, useRef } from 'react';
import { ComboBox, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components';
import { RequiredMark } from './field.js';
import { fieldId } from './ids.js';

interface SuggestComboboxProps {
  /** the API path of the value */
  name: string;
  label: string;
  hint?: string;
  error?: string | null;
  required?: boolean;
  value: string;
  onValueChange: (value: string) => void;
  suggestions: readonly string[];
  width?: 'long' | 'medium';
}

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

export function SuggestCombobox({ name, label, hint, error, required, value, onValueChange, suggestions, width = 'medium' }: SuggestComboboxProps) {
  const { t } = useTranslation('common');
  const id = fieldId(name);
  const items = useMemo(() => suggestions.map((s) => ({ id: s, name: s })), [suggestions]);
  // React Aria echoes a chosen line through onInputChange: ignore that echo once.
  const chosen = useRef<string | null>(null);

  return (
    <div className={error ? 'field field--error' : 'field'}>
      <ComboBox
        id={id}
        name={id}
        className="combobox"
        inputValue={value}
        onInputChange={(v) => {
          if (chosen.current !== null && v === chosen.current) return;
          chosen.current = null;
          onValueChange(v);
        }}
        defaultItems={items}
        defaultFilter={(text, input) => fold(text).includes(fold(input))}
        selectedKey={null}
        onSelectionChange={(key) => {
          if (key === null) return;
          const s = String(key);
          chosen.current = s;
          window.setTimeout(() => (chosen.current = null), 0);
          onValueChange(s);
        }}
        allowsCustomValue
        allowsEmptyCollection={false}
        menuTrigger="focus"
        isInvalid={Boolean(error)}
        aria-required={required || undefined}
      >
        <Label className="field__label">
          {label}
          {required && <RequiredMark />}
        </Label>
        {hint && (
          <Text slot="description" className="field__hint">
            {hint}
          </Text>
        )}
        {error && (
          <Text slot="errorMessage" className="field__error">
            <span className="visually-hidden">{t('errorPrefix')} </span>
            {error}
          </Text>
        )}
        <Input className={`input input--${width}`} autoComplete="off" spellCheck={false} />
        <Popover className="combobox__popover" placement="bottom start" offset={2}>
          <ListBox<{ id: string; name: string }> className="combobox__list" aria-label={t('combobox.suggestions', { label })}>
            {(item) => (
              <ListBoxItem id={item.id} textValue={item.name} className="combobox__option">
                {item.name}
              </ListBoxItem>
            )}
          </ListBox>
        </Popover>
      </ComboBox>
    </div>
  );
}
