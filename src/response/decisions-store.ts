import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { WriteContext } from '../platform/db/write.js';
import {
  entriesWithReach,
  type Reader,
  seeWithheldDetails,
  visibleEntryCondition,
} from '../sharing/entries.js';
import { isAllowed } from '../sharing/policy.js';
import type { ResponseEntry, Supersession } from './decisions-rules.js';

export interface VisibleResponseEntry extends ResponseEntry {
  incidentReleasableToNato: boolean;
  releasableToNato: boolean;
}

/**
 * Every entry of the given kinds the reader may see, of one incident or of all incidents not merged away, in one
 * query whatever their number: the reach is filtered in SQL by the twin of the entry rules.
 */
export async function getVisibleResponseEntries(
  db: Kysely<Database>,
  reader: Reader,
  kinds: readonly string[],
  filter: { incidentId?: string },
): Promise<VisibleResponseEntry[]> {
  let q = entriesWithReach(db)
    .innerJoin('incidents as i', 'i.id', 'entries.incident_id')
    .innerJoin('users as u', 'u.id', 'entries.author_user_id')
    .where(visibleEntryCondition(reader))
    .where('entries.kind', 'in', [...kinds])
    .select([
      'entries.id',
      'entries.seq',
      'entries.incident_id',
      'i.title as incident_title',
      'i.releasable_to_nato as incident_nato',
      'entries.kind',
      'entries.created_at',
      'entries.author_user_id',
      'entries.author_org',
      'u.display_name as author_name',
      'entries.body',
      'r.marking',
      'r.audience',
      'r.releasable_to_nato',
    ]);
  if (filter.incidentId) q = q.where('entries.incident_id', '=', filter.incidentId);
  else q = q.where('i.merged_into', 'is', null);
  const rows = await q.orderBy('entries.seq').execute();
  return rows.map((r) => ({
    id: r.id,
    seq: Number(r.seq),
    incidentId: r.incident_id,
    incidentTitle: r.incident_title,
    incidentReleasableToNato: Number(r.incident_nato) === 1,
    kind: r.kind,
    createdAt: r.created_at,
    authorUserId: r.author_user_id,
    authorOrg: r.author_org,
    authorName: r.author_name,
    body: JSON.parse(r.body) as Record<string, unknown>,
    marking: r.marking,
    audience: JSON.parse(r.audience) as string[],
    releasableToNato: Number(r.releasable_to_nato) === 1,
  }));
}

/**
 * The corrections and retractions the reader may see of the given entries, in log order: the projections decide
 * what each does to the entry it supersedes (decisions-rules.ts).
 */
export async function getVisibleSupersessions(
  db: Kysely<Database>,
  reader: Reader,
  ids: readonly string[],
): Promise<Supersession[]> {
  const out: Supersession[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await entriesWithReach(db)
      .innerJoin('users as u', 'u.id', 'entries.author_user_id')
      .where(visibleEntryCondition(reader))
      .where('entries.supersedes', 'in', ids.slice(i, i + 500))
      .select([
        'entries.id',
        'entries.seq',
        'entries.kind',
        'entries.supersedes',
        'entries.created_at',
        'entries.author_org',
        'u.display_name as author_name',
        'entries.body',
      ])
      .orderBy('entries.seq')
      .execute();
    for (const r of rows) {
      const body = JSON.parse(r.body) as { text?: unknown; withheld?: unknown };
      out.push({
        id: r.id,
        seq: Number(r.seq),
        supersedes: r.supersedes!,
        kind: r.kind,
        text: typeof body.text === 'string' ? body.text : '',
        // A correction whose text its author withheld says nothing new to a reader outside that organisation.
        textWithheld:
          Array.isArray(body.withheld) &&
          body.withheld.length > 0 &&
          !isAllowed(seeWithheldDetails, reader, r.author_org),
        createdAt: r.created_at,
        authorOrg: r.author_org,
        authorName: r.author_name,
      });
    }
  }
  return out.sort((a, b) => a.seq - b.seq);
}

/**
 * Locks an entry's row on PostgreSQL until the write commits, so two status changes of one action decide one after
 * the other on the state the first left (SQLite's write lock already serialises them).
 */
export async function lockEntry(w: WriteContext, entryId: string): Promise<void> {
  if (w.engine !== 'postgres') return;
  await w.trx.selectFrom('entries').select('id').where('id', '=', entryId).forUpdate().execute();
}

/** An active account's organisation and name, to check an assignee belongs to the owner organisation. */
export async function getAccount(
  db: Kysely<Database>,
  userId: string,
): Promise<{ id: string; organisation: string; name: string; role: string } | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'organisation', 'display_name', 'role'])
    .where('id', '=', userId)
    .where('active', '=', 1)
    .executeTakeFirst();
  return row && { id: row.id, organisation: row.organisation, name: row.display_name, role: row.role };
}

/** Names of the given accounts, in one query. */
export async function getAccountNames(
  db: Kysely<Database>,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', [...new Set(userIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** Which of the given entries of the incident the reader may see, in one query. */
export async function visibleEntryIds(
  db: Kysely<Database>,
  reader: Reader,
  incidentId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await entriesWithReach(db)
    .where(visibleEntryCondition(reader))
    .where('entries.incident_id', '=', incidentId)
    .where('entries.id', 'in', [...new Set(ids)])
    .select('entries.id')
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** The active people of an organisation an action can be assigned to (platform admins never), by name. */
export async function getAssignableAccounts(
  db: Kysely<Database>,
  organisation: string,
): Promise<{ userId: string; name: string; role: string }[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'role'])
    .where('organisation', '=', organisation)
    .where('active', '=', 1)
    .where('role', '!=', 'admin')
    .orderBy('display_name')
    .execute();
  return rows.map((r) => ({ userId: r.id, name: r.display_name, role: r.role }));
}
