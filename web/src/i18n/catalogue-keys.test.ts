import { describe, expect, it } from 'vitest';
import enText from './en.json?raw';
import nlText from './nl.json?raw';

/**
 * The keys that occur twice in one object of a JSON text. JSON.parse keeps the last silently, so a catalogue
 * merged from two edits could carry a stale text under a key nobody sees twice.
 */
function duplicateKeys(text: string): string[] {
  const found: string[] = [];
  const open: Array<Set<string>> = [];
  const names: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const value = JSON.parse(text.slice(i, end + 1)) as string;
      let next = end + 1;
      while (/\s/.test(text[next] ?? '')) next++;
      const keys = open.at(-1);
      if (text[next] === ':' && keys) {
        const where = [...names, value].join('.');
        if (keys.has(value)) found.push(where);
        keys.add(value);
        names.push(value);
      }
      i = end + 1;
      continue;
    }
    if (c === '{') open.push(new Set());
    // `names` holds the key path: one name per enclosing object, and the current key of the innermost one.
    else if (c === '}') {
      if (names.length >= open.length) names.pop();
      open.pop();
    } else if (c === ',' && names.length >= open.length) names.pop();
    i++;
  }
  return found;
}

describe('the catalogues’ keys', () => {
  it('finds a key written twice in one object, and not the same key in two objects', () => {
    expect(duplicateKeys('{"a": {"x": "1", "y": "2"}, "b": {"x": "3"}}')).toEqual([]);
    expect(duplicateKeys('{"a": {"x": "1", "x": "2"}, "b": "\\"x\\": 3"}')).toEqual(['a.x']);
    expect(duplicateKeys('{"a": "1", "b": {"c": "2"}, "a": "3"}')).toEqual(['a']);
    expect(duplicateKeys('{"a": {"b": {}, "c": {"d": "1"}}, "e": {"d": "2", "d": "3"}}')).toEqual(['e.d']);
  });

  it.each([
    ['en', enText],
    ['nl', nlText],
  ])('has each key once in every object of %s.json', (_language, text) => {
    expect(text).toContain('"commsReview": {');
    expect(duplicateKeys(text)).toEqual([]);
  });
});
