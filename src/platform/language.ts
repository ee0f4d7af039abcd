/**
 * The languages the platform writes generated text in. A reader's language is the one their account chose, else
 * the first of their browser's `Accept-Language` that the platform has, else English.
 */
export const LANGUAGES = ['en', 'nl'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The best language of an `Accept-Language` header the platform has (by quality, then order), else English. */
export function languageOfAcceptLanguage(header: string | string[] | undefined): Language {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  const ranked = text
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return {
        base: tag.trim().slice(0, 2).toLowerCase(),
        quality: Number.isFinite(quality) ? quality : 0,
        index,
      };
    })
    .filter((t) => t.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return (ranked.find((t) => isLanguage(t.base))?.base as Language | undefined) ?? 'en';
}

/** The language generated text is written in for this reader; English when nothing says otherwise. */
export function readerLanguage(reader: { readonly language?: Language | undefined } | undefined): Language {
  return reader?.language ?? 'en';
}
