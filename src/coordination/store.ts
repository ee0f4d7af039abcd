import type { Kysely } from 'kysely';
import { COMMS_KINDS } from '../comms/rules.js';
import type { Database } from '../platform/db/schema.js';
import { entriesWithReach, type Reader, visibleEntryCondition } from '../sharing/entries.js';

/** The log kinds coordination steps are read from. */
export const STEP_KINDS = ['own-assessment', 'status-change', 'activation', ...COMMS_KINDS] as const;

/** The step entries of these incidents this reader may see, oldest first: one query however long the logs. */
export function visibleStepEntries(db: Kysely<Database>, reader: Reader, incidentIds: readonly string[]) {
  if (incidentIds.length === 0) return Promise.resolve([]);
  return entriesWithReach(db)
    .select([
      'entries.id',
      'entries.incident_id',
      'entries.kind',
      'entries.author_org',
      'entries.author_user_id',
      'entries.created_at',
      'entries.body',
      'r.marking',
    ])
    .where('entries.incident_id', 'in', [...incidentIds])
    .where('entries.kind', 'in', [...STEP_KINDS])
    .where(visibleEntryCondition(reader))
    .orderBy('entries.seq')
    .execute();
}

/** The published sitreps of these incidents (who reads which is decided by the sitrep rules). */
export function publishedSitreps(db: Kysely<Database>, incidentIds: readonly string[]) {
  if (incidentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('sitreps')
    .select(['incident_id', 'created_org', 'audience', 'nato', 'contributors', 'published_at', 'approved_by'])
    .where('incident_id', 'in', [...incidentIds])
    .where('published_at', 'is not', null)
    .execute();
}

/** Each organisation's acknowledgements of alerts about these incidents. */
export function acknowledgements(db: Kysely<Database>, incidentIds: readonly string[]) {
  if (incidentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('notifications')
    .select(['incident_id', 'organisation', 'acknowledged_at', 'acknowledged_by'])
    .where('incident_id', 'in', [...incidentIds])
    .where('acknowledged_at', 'is not', null)
    .execute();
}

/** The runs these exercise incidents came from. */
export function runsOf(db: Kysely<Database>, incidentIds: readonly string[]) {
  if (incidentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('exercise_runs')
    .selectAll()
    .where('incident_id', 'in', [...incidentIds])
    .execute();
}

/** The web sessions these exercise incidents were played in: pace and clock, to measure them in scenario time. */
export function sessionClocksOf(db: Kysely<Database>, incidentIds: readonly string[]) {
  if (incidentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('exercise_sessions')
    .select(['incident_id', 'speed', 'started_at', 'timeline'])
    .where('incident_id', 'in', [...incidentIds])
    .execute();
}

/** The newest incidents, for the comparison over time (the reader's scope filters them). */
export function recentIncidents(
  db: Kysely<Database>,
  scope: 'all' | 'releasable-to-nato',
  exercise: boolean | undefined,
  limit: number,
) {
  let q = db
    .selectFrom('incidents')
    .select(['id', 'title', 'exercise', 'created_at', 'releasable_to_nato'])
    .where('merged_into', 'is', null);
  if (scope === 'releasable-to-nato') q = q.where('releasable_to_nato', '=', 1);
  if (exercise !== undefined) q = q.where('exercise', '=', exercise ? 1 : 0);
  return q.orderBy('created_at', 'desc').limit(limit).execute();
}

/** The runs of a scenario before `before`, newest `limit` of them oldest first, with their incidents' reach. */
export async function runsOfScenarioBefore(
  db: Kysely<Database>,
  scenarioId: string,
  before: string,
  limit: number,
) {
  const rows = await db
    .selectFrom('exercise_runs as x')
    .innerJoin('incidents as i', 'i.id', 'x.incident_id')
    .select(['x.incident_id', 'x.started_at', 'i.title', 'i.releasable_to_nato'])
    .where('x.scenario_id', '=', scenarioId)
    .where('x.started_at', '<', before)
    .where('i.merged_into', 'is', null)
    .orderBy('x.started_at', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse();
}
