import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { WriteContext } from '../platform/db/write.js';
import { entriesWithReach, type Reader, visibleEntryCondition } from '../sharing/entries.js';

export const ASSISTANCE_KINDS = ['assistance-request', 'assistance-offer', 'assistance-step'] as const;

/** An assistance entry as the reader may see it, with what its incident's visibility and title need. */
export interface AssistanceRow {
  id: string;
  seq: number;
  incidentId: string;
  incidentTitle: string;
  incidentReleasableToNato: boolean;
  incidentExercise: boolean;
  kind: (typeof ASSISTANCE_KINDS)[number];
  createdAt: string;
  authorOrg: string;
  authorName: string;
  body: unknown;
  marking: string;
  audience: string[];
}

/**
 * Every assistance entry the reader may see, of one incident or (for the board) of all incidents not merged away,
 * with the corrections and retractions of them the reader may see, in one query whatever their number: the reach
 * is filtered in SQL by the twin of the entry rules.
 */
export async function getVisibleAssistance(
  db: Kysely<Database>,
  reader: Reader,
  filter: { incidentId?: string },
): Promise<{ rows: AssistanceRow[]; supersessions: AssistanceSupersessionRow[] }> {
  let q = entriesWithReach(db)
    .innerJoin('incidents as i', 'i.id', 'entries.incident_id')
    .innerJoin('users as u', 'u.id', 'entries.author_user_id')
    .where(visibleEntryCondition(reader))
    .where((eb) =>
      eb.or([
        eb('entries.kind', 'in', [...ASSISTANCE_KINDS]),
        eb(
          'entries.supersedes',
          'in',
          eb
            .selectFrom('entries as a')
            .select('a.id')
            .where('a.kind', 'in', [...ASSISTANCE_KINDS])
            .whereRef('a.incident_id', '=', 'entries.incident_id'),
        ),
      ]),
    )
    .select([
      'entries.id',
      'entries.seq',
      'entries.incident_id',
      'i.title as incident_title',
      'i.releasable_to_nato as incident_nato',
      'i.exercise as incident_exercise',
      'entries.kind',
      'entries.supersedes',
      'entries.created_at',
      'entries.author_org',
      'u.display_name as author_name',
      'entries.body',
      'r.marking',
      'r.audience',
    ]);
  if (filter.incidentId) q = q.where('entries.incident_id', '=', filter.incidentId);
  else q = q.where('i.merged_into', 'is', null);
  const all = await q.orderBy('entries.seq').execute();
  const isAssistance = (kind: string) => (ASSISTANCE_KINDS as readonly string[]).includes(kind);
  const rows = all
    .filter((r) => isAssistance(r.kind))
    .map((r) => ({
      id: r.id,
      seq: Number(r.seq),
      incidentId: r.incident_id,
      incidentTitle: r.incident_title,
      incidentReleasableToNato: Number(r.incident_nato) === 1,
      incidentExercise: Number(r.incident_exercise) === 1,
      kind: r.kind as AssistanceRow['kind'],
      createdAt: r.created_at,
      authorOrg: r.author_org,
      authorName: r.author_name,
      body: JSON.parse(r.body),
      marking: r.marking,
      audience: JSON.parse(r.audience) as string[],
    }));
  const supersessions = all.filter((r) => !isAssistance(r.kind) && r.supersedes).map(supersessionRow);
  return { rows, supersessions };
}

/**
 * Locks a request's entry row on PostgreSQL until the write commits. Every write already queues behind the audit
 * chain's head lock (src/platform/db/write.ts); this keeps the request's own order explicit should that ever change.
 */
export async function lockRequest(w: WriteContext, requestId: string): Promise<void> {
  if (w.engine !== 'postgres') return;
  await w.trx.selectFrom('entries').select('id').where('id', '=', requestId).forUpdate().execute();
}

/**
 * Every offer and step recorded in an incident, whoever may see them: what a command decides an offer's step and
 * quantities on, read inside its transaction, since capacity taken by a request the actor cannot see (or a step
 * written before the actor could see the offer) is taken all the same.
 */
export async function getAllOffersAndSteps(
  trx: Kysely<Database>,
  incidentId: string,
): Promise<Array<Pick<AssistanceRow, 'id' | 'kind' | 'body' | 'createdAt' | 'authorOrg'>>> {
  const rows = await trx
    .selectFrom('entries')
    .select(['id', 'kind', 'body', 'created_at', 'author_org'])
    .where('incident_id', '=', incidentId)
    .where('kind', 'in', ['assistance-offer', 'assistance-step'])
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as AssistanceRow['kind'],
    body: JSON.parse(r.body),
    createdAt: r.created_at,
    authorOrg: r.author_org,
  }));
}

/** A correction or retraction of an assistance entry: what the standing rules (supersession-rules.ts) need. */
export interface AssistanceSupersessionRow {
  seq: number;
  supersedes: string;
  kind: string;
  text: string;
  authorOrg: string;
  withheld: boolean;
}

function supersessionRow(r: {
  seq: number | string;
  supersedes: string | null;
  kind: string;
  body: string;
  author_org: string;
}): AssistanceSupersessionRow {
  const body = JSON.parse(r.body) as { text?: unknown; withheld?: unknown };
  return {
    seq: Number(r.seq),
    supersedes: r.supersedes ?? '',
    kind: r.kind,
    text: typeof body.text === 'string' ? body.text : '',
    authorOrg: r.author_org,
    withheld: Array.isArray(body.withheld) && body.withheld.length > 0,
  };
}

/**
 * Every retraction in an incident, whoever may see it: with `getAllOffersAndSteps`, what a command decides on, so
 * that capacity held by a retracted request or offer is free again for everyone.
 */
export async function getAllRetractions(
  trx: Kysely<Database>,
  incidentId: string,
): Promise<AssistanceSupersessionRow[]> {
  const rows = await trx
    .selectFrom('entries')
    .select(['seq', 'supersedes', 'kind', 'body', 'author_org'])
    .where('incident_id', '=', incidentId)
    .where('kind', '=', 'retraction')
    .where('supersedes', 'is not', null)
    .execute();
  return rows.map(supersessionRow);
}
