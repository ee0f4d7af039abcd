import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegistry } from '../api/hooks.js';
import type en from './en.json';

type Catalogue = typeof en;

function has<T extends object>(table: T, key: string): key is Extract<keyof T, string> {
  return Object.hasOwn(table, key);
}

/**
 * Names of the fixed vocabularies of an incident report (domain, cause, impact level, CER sectors) in the
 * reader's language; a value the catalogue does not know falls back to the registry's name, then to the id.
 */
export function useVocabulary() {
  const { t, i18n } = useTranslation();
  const registry = useRegistry().data;
  return useMemo(() => {
    const catalogue = i18n.getResourceBundle(i18n.resolvedLanguage ?? 'en', 'translation') as Catalogue;
    const registrySector = (id: string) => registry?.sectors.find((s) => s.id === id)?.name;
    const registrySubsector = (id: string) =>
      registry?.sectors.flatMap((s) => s.subsectors).find((s) => s.id === id)?.name;
    return {
      domain: (id: string) => (has(catalogue.vocabulary.domain, id) ? t(`vocabulary.domain.${id}`) : id),
      cause: (id: string) => (has(catalogue.vocabulary.cause, id) ? t(`vocabulary.cause.${id}`) : id),
      level: (id: string) => (has(catalogue.vocabulary.level, id) ? t(`vocabulary.level.${id}`) : id),
      sector: (id: string) =>
        has(catalogue.vocabulary.sector, id) ? t(`vocabulary.sector.${id}`) : (registrySector(id) ?? id),
      subsector: (id: string) =>
        has(catalogue.vocabulary.subsector, id)
          ? t(`vocabulary.subsector.${id}`)
          : (registrySubsector(id) ?? id),
    };
  }, [t, i18n, registry]);
}
