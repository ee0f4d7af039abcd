import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';

/**
 * Where an entry stands in its incident's log (its position and kind), whoever may see it: the flow then reads it
 * through the entries' own read path, which decides visibility, and never shows anything from this row.
 */
export async function getEntryPosition(
  db: Kysely<Database>,
  incidentId: string,
  entryId: string,
): Promise<{ seq: number; kind: string } | undefined> {
  const row = await db
    .selectFrom('entries')
    .select(['seq', 'kind'])
    .where('id', '=', entryId)
    .where('incident_id', '=', incidentId)
    .executeTakeFirst();
  return row && { seq: Number(row.seq), kind: row.kind };
}
