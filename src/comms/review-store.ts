import type { Kysely } from 'kysely';
import type { EntryKind } from '../incidents/model.js';
import type { Database } from '../platform/db/schema.js';
import { entriesWithReach, type Reader, visibleEntryCondition } from '../sharing/entries.js';
import type { CommsFact } from './rules.js';

/**
 * The incident's entries of the given kinds, in log order, that the reader may see: comments, national
 * publications and key-fact marks are read only through the entries' own reach, like any entry.
 */
export async function factsOfKinds(
  db: Kysely<Database>,
  incidentId: string,
  kinds: readonly EntryKind[],
  reader: Reader,
): Promise<CommsFact[]> {
  const rows = await entriesWithReach(db)
    .select(['entries.id', 'entries.kind', 'entries.author_org', 'entries.created_at', 'entries.body'])
    .where('entries.incident_id', '=', incidentId)
    .where('entries.kind', 'in', [...kinds])
    .where(visibleEntryCondition(reader))
    .orderBy('entries.seq')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    authorOrg: r.author_org,
    createdAt: r.created_at,
    body: JSON.parse(r.body) as unknown,
  }));
}
