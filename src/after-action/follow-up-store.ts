import type { Kysely, Selectable } from 'kysely';
import type { AfterActionFollowUpsTable, Database } from '../platform/db/schema.js';

export type FollowUpRow = Selectable<AfterActionFollowUpsTable>;

/**
 * The recommendations addressed to an organisation in distributed reports: the SQL twin of the owner and state
 * conditions of `readRecommendationForUs`, which then decides on each report's reach.
 */
export function recommendationsAddressedTo(db: Kysely<Database>, organisation: string) {
  return db
    .selectFrom('after_action_recommendations')
    .selectAll()
    .where('owner_org', '=', organisation)
    .where('report_id', 'in', (q) =>
      q.selectFrom('after_action_reports').select('id').where('state', '=', 'distributed'),
    )
    .orderBy('due_date')
    .orderBy('id')
    .execute();
}

/** `forUpdate` locks the row (PostgreSQL) for a follow-up that decides on it. */
export function recommendationById(db: Kysely<Database>, id: string, forUpdate = false) {
  return db
    .selectFrom('after_action_recommendations')
    .selectAll()
    .where('id', '=', id)
    .$if(forUpdate, (q) => q.forUpdate())
    .executeTakeFirst();
}

export function reportsByIds(db: Kysely<Database>, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('after_action_reports')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

/** The incidents' titles: an incident is visible to every participating organisation (CONTRACT, Who sees what). */
export function incidentsByIds(db: Kysely<Database>, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('incidents')
    .select(['id', 'title', 'exercise'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

/** With the organisation each recommendation is addressed to now, which decides whose follow-ups it shows. */
export function followUpsOf(
  db: Kysely<Database>,
  recommendationIds: readonly string[],
): Promise<Array<FollowUpRow & { owner_org: string }>> {
  if (recommendationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('after_action_follow_ups as f')
    .innerJoin('after_action_recommendations as r', 'r.id', 'f.recommendation_id')
    .selectAll('f')
    .select('r.owner_org')
    .where('f.recommendation_id', 'in', [...recommendationIds])
    .orderBy('f.recorded_at')
    .orderBy('f.id')
    .execute();
}

export async function insertFollowUp(db: Kysely<Database>, row: FollowUpRow): Promise<void> {
  await db.insertInto('after_action_follow_ups').values(row).execute();
}

export async function setRecommendationStatus(
  db: Kysely<Database>,
  id: string,
  change: { status: string; updated_by: string; updated_at: string },
): Promise<void> {
  await db.updateTable('after_action_recommendations').set(change).where('id', '=', id).execute();
}
