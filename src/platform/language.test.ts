import { describe, expect, it } from 'vitest';
import { languageOfAcceptLanguage } from './language.js';

describe('the language an Accept-Language header asks for', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['nl', 'nl'],
    ['nl-BE,nl;q=0.9,en;q=0.8', 'nl'],
    ['fr-FR,fr;q=0.9,nl;q=0.5,en;q=0.4', 'nl'],
    ['en-GB,en;q=0.9,nl;q=0.8', 'en'],
    ['en;q=0.5,nl;q=0.9', 'nl'],
    ['nl;q=0,en', 'en'],
    ['de,fr', 'en'],
    ['*', 'en'],
  ])('%s → %s', (header, language) => {
    expect(languageOfAcceptLanguage(header)).toBe(language);
  });
});
