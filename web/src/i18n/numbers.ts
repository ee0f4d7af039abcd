/**
 * Numbers as the reader's language writes them: in Dutch "12,5" and "12.000", in English "12.5" and "12,000".
 * A separator that in the reader's language could only be a slip ("12,5" read in English) is not guessed at:
 * it is reported as ambiguous so the form can say how to write it.
 */
export type NumberReading = number | 'ambiguous' | null;

export function readNumber(text: string, language: string): NumberReading {
  const compact = text
    .trim()
    .replace(/\s*%$/, '')
    .replace(/[\s\u00a0\u202f]/g, '');
  if (compact === '') return null;
  const decimal = language.startsWith('nl') ? ',' : '.';
  const group = decimal === ',' ? '.' : ',';
  const d = escapeSeparator(decimal);
  const g = escapeSeparator(group);
  if (new RegExp(`^\\d+(?:${d}\\d+)?$`).test(compact)) return Number(compact.replace(decimal, '.'));
  if (new RegExp(`^\\d{1,3}(?:${g}\\d{3})+(?:${d}\\d+)?$`).test(compact))
    return Number(compact.split(group).join('').replace(decimal, '.'));
  // The other language's decimal separator, in a place no thousands separator could stand.
  if (new RegExp(`^\\d+${g}\\d+$`).test(compact)) return 'ambiguous';
  return null;
}

function escapeSeparator(separator: string): string {
  return separator === '.' ? '\\.' : separator;
}
