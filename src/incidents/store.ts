import type { Kysely, Selectable } from 'kysely';
import type { Assessment } from '../blueprint/model.js';
import type { Database, EntriesTable, IncidentsTable } from '../platform/db/schema.js';
import type { IncidentSummary } from './model.js';

export type IncidentRow = Selectable<IncidentsTable>;
export type EntryRow = Selectable<EntriesTable>;

export function toIncidentSummary(row: IncidentRow): IncidentSummary {
  const assessment = JSON.parse(row.assessment) as Assessment;
  return {
    id: row.id,
    title: row.title,
    reportedBy: row.reported_by,
    occurredAt: row.occurred_at,
    createdAt: row.created_at,
    lastActivityAt: row.last_activity_at,
    exercise: row.exercise === 1,
    releasableToNato: row.releasable_to_nato === 1,
    status: assessment.status,
    assessment,
  };
}

export async function getIncident(db: Kysely<Database>, id: string): Promise<IncidentRow | undefined> {
  return db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getAllIncidents(
  db: Kysely<Database>,
  scope: 'all' | 'releasable-to-nato',
  filter: { status?: string | undefined; exercise?: boolean | undefined } = {},
): Promise<IncidentRow[]> {
  let q = db.selectFrom('incidents').selectAll();
  if (scope === 'releasable-to-nato') q = q.where('releasable_to_nato', '=', 1);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.exercise !== undefined) q = q.where('exercise', '=', filter.exercise ? 1 : 0);
  return q.orderBy('last_activity_at', 'desc').limit(500).execute();
}

export async function getEntriesOfKind(
  db: Kysely<Database>,
  incidentId: string,
  kinds: readonly string[],
): Promise<EntryRow[]> {
  return db
    .selectFrom('entries')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .where('kind', 'in', kinds)
    .orderBy('seq')
    .execute();
}
