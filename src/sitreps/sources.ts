import type { Kysely } from 'kysely';
import { reachOf } from '../entries/rules.js';
import { getEntriesWhere } from '../entries/store.js';
import type { Database } from '../platform/db/schema.js';
import { Conflict } from '../platform/errors.js';
import { everyReaderMaySee, type ProductAudience } from '../sharing/products.js';

/** What a sitrep row keeps of its sources: counts for the compiler, and the ids its approval checks again. */
export interface StoredSources {
  entries: number;
  notVisibleToAll: number;
  /** Absent on drafts compiled before sources were kept by id. */
  entryIds?: string[];
}

/**
 * A draft is published only while every entry it was compiled from still reaches every reader of the sitrep: a
 * reach narrowed after compiling would otherwise publish text its readers may no longer see. Read under the
 * approval's own transaction, so a narrowing cannot slip in between the check and the publication.
 */
export async function assertSourcesStillReach(
  trx: Kysely<Database>,
  sources: StoredSources,
  audience: ProductAudience,
): Promise<void> {
  if (!(await sourcesStillReach(trx, sources, audience))) {
    throw new Conflict(
      'a source of this draft no longer reaches every reader of the sitrep (its reach was narrowed): compile the sitrep again',
      'sources',
      'sources-narrowed',
    );
  }
}

/** Whether every entry a draft was compiled from still reaches every reader of the sitrep, in one query. */
export async function sourcesStillReach(
  db: Kysely<Database>,
  sources: StoredSources,
  audience: ProductAudience,
): Promise<boolean> {
  const ids = sources.entryIds ?? [];
  if (ids.length === 0) return true;
  const found = await getEntriesWhere(db, { ids });
  return found.length === new Set(ids).size && found.every((e) => everyReaderMaySee(audience, reachOf(e)));
}

/** What a draft shows in place of its sections once a source no longer reaches all of its readers. */
export const NARROWED_NOTICE =
  'A source of this draft no longer reaches every reader of the sitrep: its text is not shown. Compile the sitrep again.';
