/**
 * A text field with suggestions (« Lien avec l’enfant »): the whole list opens as soon as the field gets focus,
 * typing narrows it, a click or Enter on a line fills the field, and any other text is accepted as typed.
 *
 * Issue 17: a chosen line is the combobox's selection (`selectedKey` follows the value), so the list no longer
 * reopens with that one line over the next label; the list is non-modal (the rest of the window stays readable by
 * screen readers while it is open) and grows with its lines instead of being a scrolling box that keyboard users
 * could not reach (axe `scrollable-region-focusable`).
 */
import { useTranslation } from 'react-i18next';
import { useMemo } from 'react';
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
  const selectedKey = suggestions.includes(value) ? value : null;

  return (
    <div className={error ? 'field field--error' : 'field'}>
      <ComboBox
        id={id}
        name={id}
        className="combobox"
        inputValue={value}
        onInputChange={(v) => {
          if (v !== value) onValueChange(v);
        }}
        defaultItems={items}
        defaultFilter={(text, input) => fold(text).includes(fold(input))}
        selectedKey={selectedKey}
        onSelectionChange={(key) => {
          if (key !== null && String(key) !== value) onValueChange(String(key));
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
        <Popover className="combobox__popover combobox__popover--grow" placement="bottom start" offset={2} isNonModal>
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
