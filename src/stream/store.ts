import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';

/** What an assessment event needs of its incident, read once per event. */
export async function getIncidentAssessmentRow(db: Kysely<Database>, incidentId: string) {
  return db
    .selectFrom('incidents')
    .select(['id', 'assessment', 'releasable_to_nato'])
    .where('id', '=', incidentId)
    .executeTakeFirst();
}
