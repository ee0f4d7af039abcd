import type { Kysely } from 'kysely';
import { reachOf } from '../entries/rules.js';
import { getEntry } from '../entries/store.js';
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
  for (const id of sources.entryIds ?? []) {
    const e = await getEntry(trx, id);
    if (!e || !everyReaderMaySee(audience, reachOf(e))) {
      throw new Conflict(
        'a source of this draft no longer reaches every reader of the sitrep (its reach was narrowed): compile the sitrep again',
        'sources',
        'sources-narrowed',
      );
    }
  }
}
