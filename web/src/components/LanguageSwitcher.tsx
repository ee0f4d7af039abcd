import { useQueryClient } from '@tanstack/react-query';
import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { keys } from '../api/keys.js';
import type { Me } from '../api/types.js';
import { LANGUAGES, type Language, setLanguage } from '../i18n/index.js';
import { MeContext } from './session.js';

/** Each language named in itself, so that a reader who cannot read the current one still finds theirs. */
const NAMES: Record<Language, string> = { en: 'English', nl: 'Nederlands' };

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const me = useContext(MeContext);
  const queryClient = useQueryClient();
  const choose = async (language: Language) => {
    // Signed in, the choice is the account's: the server writes its generated text in it, on every device. It is
    // saved before the page switches, so the stream the switch reopens is already in the new language.
    if (me && !me.viaDisplay) {
      try {
        queryClient.setQueryData(keys.me, await api.patch<Me>('/api/me', { language }));
      } catch {
        // Not saved: the page still switches, and the server's text follows the page's language on each request.
      }
    }
    await setLanguage(language);
    // What the server wrote in the previous language is fetched again in the new one.
    await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== keys.me[0] });
  };
  return (
    <fieldset className="language-switcher">
      <legend className="visually-hidden">{t('shell.language')}</legend>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={i18n.resolvedLanguage === language}
          className="language-switcher__option"
          onClick={() => void choose(language)}
        >
          {NAMES[language]}
        </button>
      ))}
    </fieldset>
  );
}
