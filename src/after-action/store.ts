import type { Kysely, Selectable, Updateable } from 'kysely';
import type {
  AfterActionRecommendationsTable,
  AfterActionReportsTable,
  Database,
} from '../platform/db/schema.js';

export type ReportRow = Selectable<AfterActionReportsTable>;
export type RecommendationRow = Selectable<AfterActionRecommendationsTable>;

/** Changes a report's row (each command says what, with the time it changed). */
export async function updateReport(
  db: Kysely<Database>,
  id: string,
  changes: Updateable<AfterActionReportsTable>,
): Promise<void> {
  await db.updateTable('after_action_reports').set(changes).where('id', '=', id).execute();
}

/** `forUpdate` locks the row (PostgreSQL) for a command that decides on the report's state. */
export function reportRow(db: Kysely<Database>, id: string, forUpdate = false) {
  return db
    .selectFrom('after_action_reports')
    .selectAll()
    .where('id', '=', id)
    .$if(forUpdate, (q) => q.forUpdate())
    .executeTakeFirst();
}

export function reportRowsOf(db: Kysely<Database>, incidentId: string) {
  return db
    .selectFrom('after_action_reports')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** Every report with a recommendation, for the list across incidents (each then passes the read rule). */
export function reportsWithRecommendations(db: Kysely<Database>) {
  return db
    .selectFrom('after_action_reports')
    .selectAll()
    .where('id', 'in', db.selectFrom('after_action_recommendations').select('report_id'))
    .execute();
}

export function recommendationsOf(db: Kysely<Database>, reportIds: readonly string[]) {
  if (reportIds.length === 0) return Promise.resolve([] as RecommendationRow[]);
  return db
    .selectFrom('after_action_recommendations')
    .selectAll()
    .where('report_id', 'in', reportIds)
    .orderBy('due_date')
    .orderBy('id')
    .execute();
}

export async function peopleNamed(db: Kysely<Database>, ids: Array<string | null>) {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
