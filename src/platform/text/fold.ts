/**
 * Text folded for search, the same way for what is stored and what is asked: lower case, compatibility
 * decomposition, combining marks removed, then the letters of EU alphabets that are not a base letter with a mark
 * (ł, đ, ø, ß, æ, œ, ı, ħ, ŧ, þ, ð, ĸ) mapped to the Latin letters people type for them, and Greek final sigma to
 * sigma. "ŁÓDŹ", "Łódź" and "lodz" fold alike; so do "Ελλάδα" and "ελλαδα". Neither SQLite's `remove_diacritics`
 * nor PostgreSQL's `unaccent` does all of this, and an index can only hold what was folded before it was stored.
 */
const LETTERS: Readonly<Record<string, string>> = {
  ł: 'l',
  đ: 'd',
  ø: 'o',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  þ: 'th',
  ð: 'd',
  ĸ: 'k',
  ς: 'σ',
};
const UNFOLDED = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'gu');

export function foldForSearch(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(UNFOLDED, (letter) => LETTERS[letter] ?? letter);
}

/** The words of folded text, split as both engines' indexes split it: runs of letters and digits. */
export function searchTokens(folded: string): string[] {
  return folded.split(/[^\p{L}\p{N}]+/u).filter((token) => token.length > 0);
}

/** Whether every word asked for begins a word of the text (the prefix match the indexes answer). */
export function matchesAllTokens(folded: string, asked: readonly string[]): boolean {
  const words = searchTokens(folded);
  return asked.every((token) => words.some((word) => word.startsWith(token)));
}
