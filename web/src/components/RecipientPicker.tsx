import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type RecipientOption, useRecipientOptions } from '../api/recipients.js';
import { TextField } from './fields.js';
import { parseRecipients } from './report/reportForm.js';

/** A person already chosen, as far as the picker knows them: name and organisation, or only the address. */
export interface KnownPerson {
  email: string;
  name: string;
  organisation: string;
}

/**
 * TLP:RED recipients chosen from the people the server offers (participating organisations, the NATO liaison's
 * people only with `nato`), shown with name and organisation. The value stays the list of their addresses, which
 * the server resolves to accounts when the entry is written.
 */
export function RecipientPicker({
  value,
  onChange,
  nato,
  error,
  hint,
  known = [],
}: {
  /** Addresses separated by commas (as drafts keep them). */
  value: string;
  onChange: (next: string) => void;
  nato: boolean;
  error?: string | undefined;
  hint?: string;
  /** People chosen before (an entry's recipients), so they show with their names. */
  known?: readonly KnownPerson[];
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search);
  const [picked, setPicked] = useState<readonly KnownPerson[]>([]);
  const options = useRecipientOptions(deferred, nato);
  const chosen = parseRecipients(value);
  const people = new Map([...known, ...picked].map((p) => [p.email.toLowerCase(), p]));
  const organisation = (code: string) => t(`organisations.${code}`, { defaultValue: code });
  const describe = (email: string) => {
    const person = people.get(email);
    return person ? `${person.name} (${organisation(person.organisation)})` : email;
  };
  const add = (option: RecipientOption) => {
    setPicked((list) => [...list, option]);
    onChange([...chosen, option.email.toLowerCase()].join(', '));
    setSearch('');
  };
  const remove = (email: string) => onChange(chosen.filter((address) => address !== email).join(', '));
  const offered = (options.data ?? []).filter((option) => !chosen.includes(option.email.toLowerCase()));

  return (
    <fieldset className="recipient-picker" data-field="recipients">
      <legend>{t('reach.recipients')}</legend>
      <p className="field__hint">{hint ?? t('reach.recipientsHint')}</p>
      {error ? (
        <p className="field__error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
      {chosen.length > 0 ? (
        <ul className="chips">
          {chosen.map((email) => (
            <li key={email} className="chip">
              {describe(email)}{' '}
              <button
                type="button"
                className="button--small"
                aria-label={t('reach.recipientsRemove', { person: describe(email) })}
                onClick={() => remove(email)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <TextField
        label={t('reach.recipientsSearch')}
        type="search"
        name="recipients"
        autoComplete="off"
        spellCheck={false}
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      {search.trim() ? (
        offered.length === 0 ? (
          options.isFetching ? null : (
            <p className="field__hint">{t('reach.recipientsNoMatch')}</p>
          )
        ) : (
          <ul className="plain-list recipient-picker__options">
            {offered.map((option) => (
              <li key={option.userId}>
                <button
                  type="button"
                  aria-label={t('reach.recipientsAdd', {
                    person: `${option.name} (${organisation(option.organisation)})`,
                  })}
                  onClick={() => add(option)}
                >
                  {option.name} <span className="tag">{option.organisation}</span>{' '}
                  <span className="recipient-picker__email">{option.email}</span>
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </fieldset>
  );
}
