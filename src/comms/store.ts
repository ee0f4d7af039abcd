import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import { entriesWithReach, type Reader, visibleEntryCondition } from '../sharing/entries.js';
import { COMMS_KINDS, type CommsFact } from './rules.js';

/**
 * The incident's comms entries in log order. With a reader, only those the reader may see (they are TLP:CLEAR for
 * everyone, but the filter keeps the rule in one place); without, all of them, for a command deciding on them.
 */
export async function commsFacts(
  db: Kysely<Database>,
  incidentId: string,
  reader?: Reader,
): Promise<CommsFact[]> {
  let q = entriesWithReach(db)
    .select([
      'entries.id',
      'entries.kind',
      'entries.author_org',
      'entries.created_at',
      'entries.body',
      'r.marking',
    ])
    .where('entries.incident_id', '=', incidentId)
    .where('entries.kind', 'in', [...COMMS_KINDS]);
  if (reader) q = q.where(visibleEntryCondition(reader));
  const rows = await q.orderBy('entries.seq').execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    authorOrg: r.author_org,
    createdAt: r.created_at,
    body: JSON.parse(r.body) as unknown,
    marking: r.marking,
  }));
}
