import type { Kysely, Selectable } from 'kysely';
import type { AssessmentStatus, BlueprintState } from '../blueprint/model.js';
import type { Database, EntriesTable, IncidentsTable } from '../platform/db/schema.js';
import { entriesWithReach, type Reader, visibleEntryCondition } from '../sharing/entries.js';
import type { IncidentListQuery, IncidentSummary } from './model.js';
import { standingFacts } from './standing-facts.js';

export type IncidentRow = Selectable<IncidentsTable>;
export type EntryRow = Selectable<EntriesTable>;

/** The summary without its assessment, which is rendered for each reader from the stored facts. */
export function toIncidentSummary(row: IncidentRow): Omit<IncidentSummary, 'assessment' | 'abilities'> {
  return {
    id: row.id,
    title: row.title,
    reportedBy: row.reported_by,
    occurredAt: row.occurred_at,
    createdAt: row.created_at,
    lastActivityAt: row.last_activity_at,
    exercise: row.exercise === 1,
    releasableToNato: row.releasable_to_nato === 1,
    status: row.status as AssessmentStatus,
    blueprintState: row.blueprint_state as BlueprintState,
    activatedAt: row.activated_at,
    sectors: JSON.parse(row.sectors) as string[],
    memberStates: JSON.parse(row.member_states) as string[],
    mergedInto: row.merged_into,
  };
}

/** The incident's row; `forUpdate` locks it until the transaction ends (PostgreSQL only: SQLite has no row locks). */
export async function getIncident(
  db: Kysely<Database>,
  id: string,
  forUpdate = false,
): Promise<IncidentRow | undefined> {
  return db
    .selectFrom('incidents')
    .selectAll()
    .where('id', '=', id)
    .$if(forUpdate, (q) => q.forUpdate())
    .executeTakeFirst();
}

export async function getAllIncidents(
  db: Kysely<Database>,
  scope: 'all' | 'releasable-to-nato',
  filter: Partial<IncidentListQuery> = {},
): Promise<IncidentRow[]> {
  let q = db.selectFrom('incidents').selectAll();
  if (scope === 'releasable-to-nato') q = q.where('releasable_to_nato', '=', 1);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.exercise !== undefined) q = q.where('exercise', '=', filter.exercise ? 1 : 0);
  if (filter.blueprint) q = q.where('blueprint_state', '=', filter.blueprint);
  // JSON arrays of plain ids: matching the quoted id is exact, since ids contain no quotes.
  if (filter.sector) q = q.where('sectors', 'like', `%"${filter.sector.replace(/[%_"\\]/g, '')}"%`);
  if (filter.memberState)
    q = q.where('member_states', 'like', `%"${filter.memberState.toUpperCase().replace(/[^A-Z]/g, '')}"%`);
  if (!filter.merged) q = q.where('merged_into', 'is', null);
  return q.orderBy('last_activity_at', 'desc').limit(500).execute();
}

/**
 * The log entries the incident's facts and workflow are folded from, oldest first, as their retractions leave them
 * (loaded with their corrections and retractions, which are then left out); with a reader, only those the reader
 * may see (the sharing policy's own SQL condition).
 */
export async function getFactEntries(
  db: Kysely<Database>,
  incidentId: string,
  kinds: readonly string[],
  reader?: Reader,
) {
  let q = entriesWithReach(db)
    .innerJoin('users', 'users.id', 'entries.author_user_id')
    .select([
      'entries.id',
      'entries.kind',
      'entries.author_org',
      'entries.author_user_id',
      'entries.created_at',
      'entries.body',
      'entries.seq',
      'entries.supersedes',
      'users.display_name',
    ])
    .where('entries.incident_id', '=', incidentId)
    .where((eb) => eb.or([eb('entries.kind', 'in', [...kinds]), eb('entries.supersedes', 'is not', null)]));
  if (reader) q = q.where(visibleEntryCondition(reader));
  return standingFacts(await q.orderBy('entries.seq').execute(), kinds);
}

export async function getAllEntriesOfIncident(db: Kysely<Database>, incidentId: string): Promise<EntryRow[]> {
  return db.selectFrom('entries').selectAll().where('incident_id', '=', incidentId).orderBy('seq').execute();
}

export async function getDrafts(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('report_drafts')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('updated_at', 'desc')
    .execute();
}

export async function getDraft(db: Kysely<Database>, id: string) {
  return db.selectFrom('report_drafts').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * When each incident last had activity this reader may see: the newest entry within their reach, in one aggregate
 * over all the incidents asked for. The stored `last_activity_at` counts every entry, so it would tell a reader
 * when someone wrote something they may not see.
 */
export async function getLastVisibleActivity(
  db: Kysely<Database>,
  reader: Reader,
  incidentIds: readonly string[],
): Promise<Map<string, string>> {
  if (incidentIds.length === 0) return new Map();
  const rows = await entriesWithReach(db)
    .select(['entries.incident_id', (eb) => eb.fn.max('entries.created_at').as('latest')])
    .where(visibleEntryCondition(reader))
    .where('entries.incident_id', 'in', [...incidentIds])
    .groupBy('entries.incident_id')
    .execute();
  return new Map(rows.map((r) => [r.incident_id, String(r.latest)]));
}

/**
 * In one aggregate over the entries of an incident this reader may see: when each organisation last wrote, and
 * last wrote an entry of `contributionKinds`. The newest of them is the reader's last activity.
 */
export async function getVisibleActivityByOrganisation(
  db: Kysely<Database>,
  reader: Reader,
  incidentId: string,
  contributionKinds: readonly string[],
): Promise<Array<{ organisation: string; latest: string; latestContribution: string | null }>> {
  const rows = await entriesWithReach(db)
    .select((eb) => [
      'entries.author_org',
      eb.fn.max('entries.created_at').as('latest'),
      eb.fn
        .max(
          eb
            .case()
            .when('entries.kind', 'in', [...contributionKinds])
            .then(eb.ref('entries.created_at'))
            .end(),
        )
        .as('latest_contribution'),
    ])
    .where(visibleEntryCondition(reader))
    .where('entries.incident_id', '=', incidentId)
    .groupBy('entries.author_org')
    .execute();
  return rows.map((r) => ({
    organisation: r.author_org,
    latest: String(r.latest),
    latestContribution: r.latest_contribution === null ? null : String(r.latest_contribution),
  }));
}

/** The fact entries of several incidents at once, whatever their reach, oldest first within each, as their retractions leave them. */
export async function getFactEntriesOf(
  db: Kysely<Database>,
  incidentIds: readonly string[],
  kinds: readonly string[],
) {
  if (incidentIds.length === 0) return [];
  const rows = await db
    .selectFrom('entries')
    .select(['id', 'incident_id', 'kind', 'author_org', 'created_at', 'body', 'supersedes'])
    .where('incident_id', 'in', [...new Set(incidentIds)])
    .where((eb) => eb.or([eb('kind', 'in', [...kinds]), eb('supersedes', 'is not', null)]))
    .orderBy('seq')
    .execute();
  const logs = new Map<string, typeof rows>();
  for (const r of rows) logs.set(r.incident_id, [...(logs.get(r.incident_id) ?? []), r]);
  return [...logs.values()].flatMap((log) => standingFacts(log, kinds));
}
