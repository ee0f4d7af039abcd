/**
 * Translations and the reader's language choice, kept in localStorage. English is bundled (it is also the
 * fallback); every other catalogue is a separate file fetched when first chosen, so adding languages does not
 * grow the first download.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';

export const LANGUAGES = ['en', 'nl'] as const;
export type Language = (typeof LANGUAGES)[number];

type Catalogue = typeof en;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Catalogue };
  }
}

/** Each catalogue must have every key of the English one: the type-checker enforces it here. */
const catalogues: { [L in Language]: () => Promise<{ default: Catalogue }> } = {
  en: async () => ({ default: en }),
  nl: () => import('./nl.json'),
};

const STORAGE_KEY = 'blueprint.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The stored choice, else the browser's first language we have, else English. */
function preferredLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage may be unavailable (privacy mode); fall through to the browser's languages.
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.slice(0, 2).toLowerCase();
    if (isLanguage(base)) return base;
  }
  return 'en';
}

async function loadCatalogue(language: Language): Promise<boolean> {
  if (i18next.hasResourceBundle(language, 'translation')) return true;
  try {
    const catalogue = await catalogues[language]();
    i18next.addResourceBundle(language, 'translation', catalogue.default);
    return true;
  } catch {
    return false;
  }
}

/** Switches the language and remembers the choice; stays on the current one if its catalogue cannot load. */
export async function setLanguage(language: Language): Promise<void> {
  if (!(await loadCatalogue(language))) return;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not persisted; the choice still holds for this page.
  }
  await i18next.changeLanguage(language);
}

i18next.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

/** Ready to render once this resolves: English at least, the preferred language when it could be loaded. */
export async function initI18n(): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en } },
    partialBundledLanguages: true,
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const preferred = preferredLanguage();
  if (preferred !== 'en' && (await loadCatalogue(preferred))) await i18next.changeLanguage(preferred);
  document.documentElement.lang = i18next.resolvedLanguage ?? 'en';
}
