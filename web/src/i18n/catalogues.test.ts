import { describe, expect, it } from 'vitest';
import en from './en.json';
import nl from './nl.json';

type Tree = { [key: string]: string | Tree };

/** Every leaf as `path → text`. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [p, v] of flatten(value, path)) out.set(p, v);
  }
  return out;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}

const english = flatten(en);
const catalogues: Record<string, Map<string, string>> = { nl: flatten(nl) };

describe.each(Object.entries(catalogues))('the %s catalogue', (_language, catalogue) => {
  it('has exactly the keys of the English one', () => {
    expect([...catalogue.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('has no empty text', () => {
    expect([...catalogue].filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
  });

  it('uses the same placeholders as English in every text', () => {
    const mismatched = [...english]
      .filter(([key, text]) => {
        const translated = catalogue.get(key);
        return translated !== undefined && placeholders(translated).join() !== placeholders(text).join();
      })
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });
});
