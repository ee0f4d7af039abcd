import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language, setLanguage } from '../i18n/index.js';

/** Each language named in itself, so that a reader who cannot read the current one still finds theirs. */
const NAMES: Record<Language, string> = { en: 'English', nl: 'Nederlands' };

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
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
          onClick={() => void setLanguage(language)}
        >
          {NAMES[language]}
        </button>
      ))}
    </fieldset>
  );
}
