/**
 * Postal code and commune, each a React Aria combobox: typing 2 characters or more in either asks
 * /api/postal-codes (debounced, stale requests aborted) and choosing a suggestion fills both fields. Free typing
 * stays possible (a foreign address, a missing suggestion): the server has the last word.
 */
import { useTranslation } from 'react-i18next';
import { useContext, useEffect, useRef, useState } from 'react';
import { ComboBox, ComboBoxStateContext, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components';
import type { PostalCodeMatch } from '../../shared/contracts.js';
import { call } from '../api/client.js';
import { RequiredMark } from './field.js';
import { fieldId } from './ids.js';

const DEBOUNCE_MS = 200;

function keyOf(m: PostalCodeMatch): string {
  return `${m.postalCode}|${m.inseeCode}|${m.city}`;
}

/** Suggestions for what the person typed (null: do not ask). */
function useSuggestions(query: string | null): PostalCodeMatch[] {
  const [items, setItems] = useState<PostalCodeMatch[]>([]);
  useEffect(() => {
    const q = query?.trim() ?? '';
    if (q.length < 2) {
      setItems([]);
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      call('system.postalCodes', { query: { q }, signal: controller.signal })
        .then((list) => setItems(Array.isArray(list) ? list.slice(0, 30) : []))
        .catch(() => {
          if (!controller.signal.aborted) setItems([]);
        });
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [query]);
  return items;
}

/** Suggestions arrive after the keystroke that asked for them: open the list then, if the field still has focus. */
function OpenWhenSuggestions({ items, wanted }: { items: PostalCodeMatch[]; wanted: boolean }) {
  const state = useContext(ComboBoxStateContext);
  useEffect(() => {
    if (state && wanted && items.length > 0 && state.isFocused && !state.isOpen) state.open(null, 'input');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [items]);
  return null;
}

interface SuggestFieldProps {
  path: string;
  label: string;
  hint?: string;
  error?: string | null;
  required?: boolean;
  value: string;
  autoComplete: string;
  inputMode?: 'numeric' | 'text';
  width: 'code' | 'long';
  /** what an option shows, and what the field keeps once it is chosen */
  show: (m: PostalCodeMatch) => string;
  keep: (m: PostalCodeMatch) => string;
  onType: (value: string) => void;
  onChoose: (m: PostalCodeMatch) => void;
}

function SuggestField({ path, label, hint, error, required, value, autoComplete, inputMode, width, show, keep, onType, onChoose }: SuggestFieldProps) {
  const { t } = useTranslation('common');
  const id = fieldId(path);
  // Only what the person types triggers a search; a value filled by a choice does not.
  const [query, setQuery] = useState<string | null>(null);
  const items = useSuggestions(query);
  // React Aria echoes a chosen option's text through onInputChange: that echo is not typing.
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
          onType(v);
          setQuery(v);
        }}
        items={items}
        selectedKey={null}
        onSelectionChange={(key) => {
          const m = items.find((i) => keyOf(i) === key);
          if (!m) return;
          chosen.current = keep(m);
          window.setTimeout(() => (chosen.current = null), 0);
          onChoose(m);
          setQuery(null);
        }}
        allowsCustomValue
        menuTrigger="input"
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
        <OpenWhenSuggestions items={items} wanted={query !== null} />
        <Input className={`input input--${width}`} autoComplete={autoComplete} inputMode={inputMode} spellCheck={false} />
        <Popover className="combobox__popover" placement="bottom start" offset={2}>
          <ListBox<PostalCodeMatch> className="combobox__list" aria-label={t('combobox.suggestions', { label })}>
            {(m) => (
              <ListBoxItem id={keyOf(m)} textValue={keep(m)} className="combobox__option">
                {show(m)}
              </ListBoxItem>
            )}
          </ListBox>
        </Popover>
      </ComboBox>
    </div>
  );
}

interface PostalCodeCityProps {
  postalCode: string;
  city: string;
  onChange: (next: { postalCode: string; city: string }) => void;
  postalCodeError?: string | null;
  cityError?: string | null;
  /** API paths of the two fields (default "postalCode" and "city") */
  postalCodePath?: string;
  cityPath?: string;
  required?: boolean;
}

export function PostalCodeCity({
  postalCode,
  city,
  onChange,
  postalCodeError,
  cityError,
  postalCodePath = 'postalCode',
  cityPath = 'city',
  required = true,
}: PostalCodeCityProps) {
  const { t } = useTranslation('common');
  const choose = (m: PostalCodeMatch) => onChange({ postalCode: m.postalCode, city: m.city });
  const show = (m: PostalCodeMatch) => `${m.postalCode} ${m.city}`;
  return (
    <div className="postal-code-city">
      <SuggestField
        path={postalCodePath}
        label={t('postalCodeCity.postalCode')}
        hint={t('postalCodeCity.postalCodeHint')}
        error={postalCodeError}
        required={required}
        value={postalCode}
        autoComplete="postal-code"
        inputMode="numeric"
        width="code"
        show={show}
        keep={(m) => m.postalCode}
        onType={(v) => onChange({ postalCode: v, city })}
        onChoose={choose}
      />
      <SuggestField
        path={cityPath}
        label={t('postalCodeCity.city')}
        hint={t('postalCodeCity.cityHint')}
        error={cityError}
        required={required}
        value={city}
        autoComplete="address-level2"
        width="long"
        show={show}
        keep={(m) => m.city}
        onType={(v) => onChange({ postalCode, city: v })}
        onChoose={choose}
      />
    </div>
  );
}
