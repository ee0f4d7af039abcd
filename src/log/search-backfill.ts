import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import { foldForSearch } from '../platform/text/fold.js';
import { searchTextOf } from './searchable.js';

const BATCH = 1000;

/**
 * Folds the text of entries and incident titles stored before search had an index (their folded column is null),
 * in batches, at start-up. New writes fold as they append, so after one pass nothing is left; a second process
 * doing the same at once only repeats the same values.
 */
export async function foldUnindexedText(db: Kysely<Database>): Promise<number> {
  let folded = 0;
  for (;;) {
    const rows = await db
      .selectFrom('entries')
      .select(['id', 'kind', 'body'])
      .where('search_text', 'is', null)
      .limit(BATCH)
      .execute();
    if (rows.length === 0) break;
    await db.transaction().execute(async (trx) => {
      for (const row of rows) {
        await trx
          .updateTable('entries')
          .set({ search_text: searchTextOf(row.kind, JSON.parse(row.body)) })
          .where('id', '=', row.id)
          .execute();
      }
    });
    folded += rows.length;
  }
  const titles = await db
    .selectFrom('incidents')
    .select(['id', 'title'])
    .where('search_title', 'is', null)
    .execute();
  if (titles.length > 0) {
    await db.transaction().execute(async (trx) => {
      for (const row of titles) {
        await trx
          .updateTable('incidents')
          .set({ search_title: foldForSearch(row.title) })
          .where('id', '=', row.id)
          .execute();
      }
    });
  }
  return folded + titles.length;
}
