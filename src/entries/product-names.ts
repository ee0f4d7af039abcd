import type { HiddenName } from '../incidents/rules.js';
import { everyReaderMaySee, type ProductAudience } from '../sharing/products.js';
import type { Entry } from './model.js';
import { reachOf, withoutField } from './rules.js';
import type { StoredEntry } from './store.js';

interface NamingBody {
  entities?: Array<{ name?: unknown }>;
  withheld?: Array<{ field?: unknown }>;
}

/**
 * The entity names some reader of a compiled product (an export, a sitrep) may not see, so text derived for the
 * product withholds them: the compiler's own hidden names, every name of an entry not every reader may see, and
 * names withheld by their author when the product reaches anyone outside the author's organisation.
 */
export function namesHiddenFromProduct(
  compilerHidden: readonly HiddenName[],
  namingEntries: readonly StoredEntry[],
  audience: ProductAudience,
): HiddenName[] {
  const hidden = [...compilerHidden];
  for (const e of namingEntries) {
    const body = JSON.parse(e.body) as NamingBody;
    const entities = Array.isArray(body.entities) ? body.entities : [];
    const withheld = new Set((Array.isArray(body.withheld) ? body.withheld : []).map((w) => String(w.field)));
    const allSee = everyReaderMaySee(audience, reachOf(e));
    const beyondAuthor = audience.nato || audience.organisations.some((org) => org !== e.authorOrg);
    entities.forEach((entity, i) => {
      if (typeof entity.name !== 'string' || entity.name === '') return;
      const nameWithheld =
        withheld.has(`entities[${i}].name`) || withheld.has(`entities[${i}]`) || withheld.has('entities');
      if (!allSee || (nameWithheld && beyondAuthor)) hidden.push({ name: entity.name, by: e.authorOrg });
    });
  }
  return hidden;
}

/**
 * An entry as every reader of a product receives it: a field its author withheld is left out as soon as the product
 * reaches anyone outside the author's organisation, even when the compiler, of that organisation, sees it.
 */
export function entryForEveryReader(entry: Entry, audience: ProductAudience): Entry {
  const beyondAuthor =
    audience.nato || audience.organisations.some((org) => org !== entry.author.organisation);
  if (!beyondAuthor || entry.withheld.length === 0) return entry;
  let body = entry.body;
  for (const w of entry.withheld) body = withoutField(body, w.field) as Record<string, unknown>;
  return { ...entry, body, text: typeof body.text === 'string' ? body.text : null };
}
