import { foldForSearch } from '../platform/text/fold.js';

/**
 * Kinds whose text is not stored but rendered for each reader from facts that may name withheld entities: their
 * bodies are never indexed, and search renders them for the reader instead (src/entries/search.ts).
 */
const RENDERED_PER_READER = new Set(['status-change']);

/** Field paths as withholdings name them (`text`, `entities[0].name`), compared without the array brackets. */
function pathKey(path: readonly (string | number)[]): string {
  return path.map(String).join('.');
}

function withheldPaths(body: unknown): Set<string> {
  const withheld = (body as { withheld?: unknown } | null)?.withheld;
  if (!Array.isArray(withheld)) return new Set();
  return new Set(
    withheld
      .map((w) => (w as { field?: unknown }).field)
      .filter((f): f is string => typeof f === 'string')
      .map((f) => f.replace(/\[(\d+)\]/g, '.$1')),
  );
}

/**
 * The folded text an entry may be found by: every string in its body except the fields its author withheld from
 * readers outside the author's organisation (withheld text is never indexed, so it can never be found), and
 * nothing of a kind rendered per reader. Results are checked again against what each reader is shown.
 */
export function searchTextOf(kind: string, body: unknown): string {
  if (RENDERED_PER_READER.has(kind)) return '';
  const withheld = withheldPaths(body);
  const parts: string[] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    if (path.length > 0 && withheld.has(pathKey(path))) return;
    if (typeof value === 'string') parts.push(value);
    else if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) walk(item, [...path, i]);
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (path.length === 0 && key === 'withheld') continue;
        walk(item, [...path, key]);
      }
    }
  };
  walk(body, []);
  return foldForSearch(parts.join('\n'));
}
