import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegistry } from '../api/hooks.js';
import type { OrganisationKind } from '../api/types.js';
import {
  dateTimeParts,
  formatDate,
  formatDateTime,
  formatFileSize,
  formatTermBoundary,
  formatTermEnd,
  LOCALES,
  readerTimeZone,
  regionName,
} from './format.js';
import { isLanguage } from './index.js';

/** EU bodies and NATO whose names the catalogues translate. */
const TRANSLATED_BODIES = [
  'ERCC',
  'EEAS',
  'EUROPOL',
  'ENISA',
  'EUSPA',
  'CERG',
  'GSC',
  'CSIRTS-NETWORK',
  'EU-CYCLONE',
  'CERT-EU',
  'EMSA',
  'EASA',
  'ACER',
  'SATCEN',
  'NATO',
] as const;
type TranslatedBody = (typeof TRANSLATED_BODIES)[number];

function isTranslatedBody(id: string): id is TranslatedBody {
  return (TRANSLATED_BODIES as readonly string[]).includes(id);
}

/** Formatting bound to the reader's language and time zone, and organisation names from the registry. */
export function useFormat() {
  const { t, i18n } = useTranslation();
  const registry = useRegistry().data;
  const language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';

  return useMemo(() => {
    const locale = LOCALES[language];
    const timeZone = readerTimeZone();
    const region = (code: string) => regionName(code, locale);
    const organisation = (id: string, kind?: OrganisationKind) => {
      const known = registry?.organisations.find((o) => o.id === id);
      const orgKind = kind ?? known?.kind ?? (/^[A-Z]{2}$/.test(id) ? 'member-state' : undefined);
      if (orgKind === 'member-state') return region(id);
      if (isTranslatedBody(id)) return t(`organisations.${id}`);
      if (id === 'PRESIDENCY') return t('organisations.PRESIDENCY');
      return known?.name ?? id;
    };
    const list = (items: readonly string[]) =>
      new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
    return {
      locale,
      timeZone,
      dateTime: (iso: string) => formatDateTime(iso, locale, timeZone),
      dateTimeParts: (iso: string) => dateTimeParts(iso, locale, timeZone),
      date: (iso: string) => formatDate(iso, locale, timeZone),
      termEnd: (iso: string) => formatTermEnd(iso, locale),
      termBoundary: (iso: string, edge: 'start' | 'end') => formatTermBoundary(iso, edge, locale, timeZone),
      region,
      organisation,
      list,
      number: (value: number) => new Intl.NumberFormat(locale).format(value),
      fileSize: (bytes: number) => formatFileSize(bytes, locale),
    };
  }, [language, registry, t]);
}

export type Format = ReturnType<typeof useFormat>;
