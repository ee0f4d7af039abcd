/**
 * The entity's name, with the CEPES register offered as the reporter types (the ARIA combobox pattern: a text
 * input owning a listbox, arrow keys move through the suggestions, Enter picks, Escape closes). The server
 * searches only the entries the reporter may see; a pick links the entity to that entry by its id.
 */
import { type KeyboardEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CepesEntry, useCepesSuggestions } from '../../api/cepes.js';

/** Long enough that typing a word asks once, short enough that suggestions feel immediate. */
const DEBOUNCE_MS = 250;

function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function CepesCombobox({
  label,
  value,
  onChange,
  onPick,
  error,
  field,
}: {
  label: string;
  value: string;
  onChange: (name: string) => void;
  onPick: (entry: CepesEntry) => void;
  error?: string | undefined;
  /** The field path the server names in its errors (`entities[0].name`). */
  field: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const asked = useDebounced(value, DEBOUNCE_MS);
  const suggestions = useCepesSuggestions(asked);
  const options = open && asked.trim().length >= 2 ? (suggestions.data ?? []) : [];
  const expanded = options.length > 0;
  const listId = `${id}-list`;
  const optionId = (index: number) => `${id}-option-${index}`;

  const pick = (entry: CepesEntry) => {
    onPick(entry);
    setOpen(false);
    setActive(-1);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      if (options.length > 0) setActive((i) => (i + 1) % options.length);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (options.length > 0) setActive((i) => (i <= 0 ? options.length - 1 : i - 1));
    } else if (event.key === 'Enter' && expanded && active >= 0 && options[active]) {
      event.preventDefault();
      pick(options[active]);
    } else if (event.key === 'Escape' && expanded) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };
  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');

  return (
    <div className={`field cepes-combobox${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="field__hint">
        {t('report.entities.registerHint')}
      </p>
      {error ? (
        <p id={`${id}-error`} className="field__error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
      <input
        id={id}
        type="text"
        role="combobox"
        data-field={field}
        autoComplete="off"
        spellCheck={false}
        maxLength={300}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        value={value}
        onChange={(event) => {
          onChange(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <div
        id={listId}
        role="listbox"
        aria-label={t('report.entities.registerSuggestions')}
        className="cepes-combobox__options"
        hidden={!expanded}
      >
        {options.map((entry, index) => (
          <div
            key={entry.id}
            id={optionId(index)}
            role="option"
            // Focus stays in the input (aria-activedescendant names the active option); -1 keeps it out of the tab order.
            tabIndex={-1}
            aria-selected={index === active}
            className={`cepes-combobox__option${index === active ? ' cepes-combobox__option--active' : ''}`}
            // Chosen before the input loses focus, so the blur that closes the list does not swallow the click.
            onMouseDown={(event) => {
              event.preventDefault();
              pick(entry);
            }}
          >
            <span className="cepes-combobox__name">{entry.name}</span>{' '}
            <span className="tag">{t(`report.entities.verdict.${entry.verdict}`)}</span>{' '}
            <span className="cepes-combobox__detail">
              {entry.establishedIn ?? entry.heldBy ?? ''}
              {entry.memberStatesServed.length > 0
                ? ` · ${t('report.entities.registerServes', { count: entry.memberStatesServed.length })}`
                : ''}
            </span>
          </div>
        ))}
      </div>
      <p className="visually-hidden" aria-live="polite">
        {expanded ? t('report.entities.registerFound', { count: options.length }) : ''}
      </p>
    </div>
  );
}
