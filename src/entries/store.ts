import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { RedRecipient } from '../log/reach.js';
import { precompiled } from '../platform/db/precompiled.js';
import type { Database } from '../platform/db/schema.js';
import { entriesWithReach, type Reader, visibleEntryCondition } from '../sharing/entries.js';
import type { RecipientCandidate } from '../sharing/recipients.js';

/** A recipient of a TLP:RED entry: the account, as it is now, and the address it was named by. */
export interface StoredRecipient extends RedRecipient {
  name: string;
  organisation: string;
}

/** An entry as stored, with its effective reach, its author's name and its sharing group. */
export interface StoredEntry {
  id: string;
  seq: number;
  incidentId: string;
  kind: string;
  createdAt: string;
  authorUserId: string;
  authorName: string;
  authorOrg: string;
  body: string;
  supersedes: string | null;
  marking: string;
  audience: string[];
  /** The member state holding the Presidency when the entry was loaded: who `PRESIDENCY` reaches. */
  presidency: string | null;
  /** Whether its incident is an exercise (whose log may read in scenario time). */
  inExercise?: boolean;
  recipients: StoredRecipient[];
  releasableToNato: boolean;
  reachChangedBy: string | null;
  reachChangedAt: string;
  group: { id: string; name: string; ownerOrg: string; hidden: boolean; members: string[] } | null;
  attachments: StoredAttachment[];
}

export interface StoredAttachment {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  marking: string;
  audience: string[];
  recipients: RedRecipient[];
  releasableToNato: boolean;
  createdAt: string;
}

interface AttachmentReachJson {
  audience: string[];
  recipients: RedRecipient[];
  releasableToNato: boolean;
}

function toStoredAttachment(a: {
  id: string;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  marking: string;
  audience: string;
  created_at: string;
}): StoredAttachment {
  const reach = JSON.parse(a.audience) as AttachmentReachJson;
  return {
    id: a.id,
    fileName: a.file_name,
    contentType: a.content_type,
    size: Number(a.size),
    sha256: a.sha256,
    marking: a.marking,
    audience: reach.audience,
    recipients: reach.recipients,
    releasableToNato: reach.releasableToNato,
    createdAt: a.created_at,
  };
}

export async function getAttachmentContent(db: Kysely<Database>, id: string) {
  const row = await db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  return (
    row && {
      entryId: row.entry_id,
      meta: toStoredAttachment(row),
      content: Buffer.from(row.content, 'base64'),
    }
  );
}

/** The columns of an entry's attachments that its rows carry (never the content). */
const ATTACHMENT_FIELDS = [
  'id',
  'file_name',
  'content_type',
  'size',
  'sha256',
  'marking',
  'audience',
  'created_at',
] as const;

/**
 * An entry's attachments as one JSON array in its own row, oldest first, so a log is read in one query rather than
 * one more for its attachments (PostgreSQL's driver parses it; SQLite answers text).
 */
function attachmentsColumn(db: Kysely<Database>) {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const fields = sql.join(ATTACHMENT_FIELDS.map((f) => sql`${sql.lit(f)}, a.${sql.ref(f)}`));
    return sql<unknown>`(select coalesce(json_agg(json_build_object(${fields}) order by a.created_at), '[]'::json) from attachments a where a.entry_id = entries.id)`;
  }
  const fields = sql.join(ATTACHMENT_FIELDS.map((f) => sql`${sql.lit(f)}, a.${sql.ref(f)}`));
  return sql<unknown>`(select json_group_array(json_object(${fields}) order by a.created_at) from attachments a where a.entry_id = entries.id)`;
}

/**
 * The accounts behind a TLP:RED entry's recipients as they are now (name, organisation, current address), in its
 * row, in the order the reach names them: no second query for a log holding RED entries.
 */
function recipientAccountsColumn(db: Kysely<Database>) {
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    return sql<unknown>`(select coalesce(json_agg(json_build_object('userId', u.id, 'email', u.email, 'name', u.display_name, 'organisation', u.organisation) order by j.n), '[]'::json) from jsonb_array_elements(r.recipients::jsonb) with ordinality as j(v, n) join users u on u.id = j.v->>'userId')`;
  return sql<unknown>`(select json_group_array(json_object('userId', u.id, 'email', u.email, 'name', u.display_name, 'organisation', u.organisation) order by j.key) from json_each(r.recipients) j join users u on u.id = json_extract(j.value, '$.userId'))`;
}

function baseQuery(db: Kysely<Database>) {
  return (
    entriesWithReach(db)
      .innerJoin('users as u', 'u.id', 'entries.author_user_id')
      .leftJoin('sharing_groups as g', 'g.id', 'r.sharing_group_id')
      // The Presidency's holder comes with the rows, so `PRESIDENCY` resolves without a query per entry: the
      // incident's own for an exercise (its scenario's), else the office's (`presidencyOf`).
      .leftJoin('presidency_office as po', (j) => j.on('po.id', '=', 1))
      .leftJoin('incidents as pi', 'pi.id', 'entries.incident_id')
      .select([
        sql<string | null>`coalesce(pi.presidency, po.member_state)`.as('presidency'),
        // Only an exercise's entries may read in scenario time: others need not look for a recorded clock.
        'pi.exercise as incident_exercise',
        'entries.id',
        'entries.seq',
        'entries.incident_id',
        'entries.kind',
        'entries.created_at',
        'entries.author_user_id',
        'entries.author_org',
        'entries.body',
        'entries.supersedes',
        'u.display_name as author_name',
        'r.marking',
        'r.audience',
        'r.recipients',
        'r.releasable_to_nato',
        'r.changed_by_entry',
        'r.changed_at',
        'r.sharing_group_id',
        'g.name as group_name',
        'g.owner_org as group_owner',
        'g.hidden_membership as group_hidden',
        attachmentsColumn(db).as('attachments_json'),
        recipientAccountsColumn(db).as('recipient_accounts_json'),
      ])
  );
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

async function hydrate(db: Kysely<Database>, rows: Row[]): Promise<StoredEntry[]> {
  const groupIds = [...new Set(rows.map((r) => r.sharing_group_id).filter((g): g is string => g !== null))];
  const members = new Map<string, string[]>();
  if (groupIds.length > 0) {
    const list = await db
      .selectFrom('sharing_group_members')
      .select(['group_id', 'organisation'])
      .where('group_id', 'in', groupIds)
      .execute();
    for (const m of list) members.set(m.group_id, [...(members.get(m.group_id) ?? []), m.organisation]);
  }
  return rows.map((r) => ({
    attachments: attachmentsOf(r.attachments_json),
    id: r.id,
    seq: Number(r.seq),
    incidentId: r.incident_id,
    kind: r.kind,
    createdAt: r.created_at,
    authorUserId: r.author_user_id,
    authorName: r.author_name,
    authorOrg: r.author_org,
    body: r.body,
    supersedes: r.supersedes,
    marking: r.marking,
    audience: JSON.parse(r.audience) as string[],
    presidency: r.presidency ?? null,
    inExercise: r.incident_exercise === 1,
    recipients: recipientsOf(r.recipients, r.recipient_accounts_json),
    releasableToNato: r.releasable_to_nato === 1,
    reachChangedBy: r.changed_by_entry,
    reachChangedAt: r.changed_at,
    group: r.sharing_group_id
      ? {
          id: r.sharing_group_id,
          name: r.group_name ?? '',
          ownerOrg: r.group_owner ?? '',
          hidden: r.group_hidden === 1,
          members: (members.get(r.sharing_group_id) ?? []).sort(),
        }
      : null,
  }));
}

type AttachmentRow = Parameters<typeof toStoredAttachment>[0];

function attachmentsOf(json: unknown): StoredAttachment[] {
  const list = (typeof json === 'string' ? JSON.parse(json) : (json ?? [])) as AttachmentRow[];
  return list.map(toStoredAttachment);
}

/** The recipients as the reach names them, each as its account is now (the address named, when it has none). */
function recipientsOf(reachJson: string, accountsJson: unknown): StoredRecipient[] {
  const named = JSON.parse(reachJson) as RedRecipient[];
  if (named.length === 0) return [];
  const accounts = (
    typeof accountsJson === 'string' ? JSON.parse(accountsJson) : (accountsJson ?? [])
  ) as StoredRecipient[];
  const byId = new Map(accounts.map((a) => [a.userId, a]));
  return named.map((p) => byId.get(p.userId) ?? { ...p, name: p.email, organisation: '' });
}

/**
 * The accounts that hold these addresses now (compared without case), for naming TLP:RED recipients; whether each
 * may be named is for `receiveRed` to say.
 */
export async function getRecipientCandidates(
  db: Kysely<Database>,
  addresses: readonly string[],
): Promise<Array<RecipientCandidate & { email: string }>> {
  const wanted = [...new Set(addresses.map((a) => a.trim().toLowerCase()))];
  if (wanted.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email', 'organisation', 'role', 'active'])
    .where(sql<string>`lower(email)`, 'in', wanted)
    .execute();
  return rows.map((u) => ({
    userId: u.id,
    email: u.email.toLowerCase(),
    organisation: u.organisation,
    role: u.role as RecipientCandidate['role'],
    active: u.active === 1,
  }));
}

/** One entry whatever its reach; callers decide with the rules whether the reader may see it. */
export async function getEntry(db: Kysely<Database>, id: string): Promise<StoredEntry | undefined> {
  const rows = await baseQuery(db).where('entries.id', '=', id).execute();
  return (await hydrate(db, rows))[0];
}

/**
 * Entries whatever their reach, selected by one of these facts, oldest first: what the live stream loads once per
 * event before deciding for each of its readers with the rules.
 */
export async function getEntriesWhere(
  db: Kysely<Database>,
  filter: {
    ids?: readonly string[];
    incidentId?: string;
    kinds?: readonly string[];
    sharingGroupId?: string;
    supersedesAnyOf?: readonly string[];
    /** Entries whose audience lists this member (an organisation, or the role `PRESIDENCY`). */
    audienceMember?: string;
    /** Only incidents whose Presidency is the office's, not an exercise's own: those a change of term moves. */
    followingTheOffice?: boolean;
  },
): Promise<StoredEntry[]> {
  let q = baseQuery(db);
  if (filter.followingTheOffice) q = q.where('pi.presidency', 'is', null);
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    q = q.where('entries.id', 'in', [...filter.ids]);
  }
  if (filter.incidentId) q = q.where('entries.incident_id', '=', filter.incidentId);
  if (filter.kinds) q = q.where('entries.kind', 'in', [...filter.kinds]);
  if (filter.sharingGroupId) q = q.where('r.sharing_group_id', '=', filter.sharingGroupId);
  const member = filter.audienceMember;
  if (member)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('entry_audience as a')
          .select(sql`1`.as('one'))
          .whereRef('a.entry_id', '=', 'entries.id')
          .where('a.organisation', '=', member),
      ),
    );
  if (filter.supersedesAnyOf) {
    if (filter.supersedesAnyOf.length === 0) return [];
    q = q.where('entries.supersedes', 'in', [...filter.supersedesAnyOf]);
  }
  return hydrate(db, await q.orderBy('entries.seq').execute());
}

/** What entry reads need to know of several incidents at once. */
export async function getIncidentReaches(db: Kysely<Database>, ids: readonly string[]) {
  const out = new Map<string, { id: string; releasableToNato: boolean }>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('incidents')
    .select(['id', 'releasable_to_nato'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  for (const r of rows) out.set(r.id, { id: r.id, releasableToNato: r.releasable_to_nato === 1 });
  return out;
}

/** The entries of an incident the reader may see, filtered in SQL, oldest first. */
export async function getVisibleEntries(
  db: Kysely<Database>,
  reader: Reader,
  filter: {
    incidentId?: string;
    afterSeq?: number;
    beforeSeq?: number;
    order?: 'asc' | 'desc';
    kinds?: readonly string[];
    ids?: readonly string[];
    bodyLike?: string;
    seqs?: readonly number[];
    limit?: number;
  },
): Promise<StoredEntry[]> {
  let q = baseQuery(db).where(visibleEntryCondition(reader));
  if (filter.incidentId) q = q.where('entries.incident_id', '=', filter.incidentId);
  if (filter.afterSeq !== undefined) q = q.where('entries.seq', '>', filter.afterSeq);
  if (filter.beforeSeq !== undefined) q = q.where('entries.seq', '<', filter.beforeSeq);
  if (filter.kinds) q = q.where('entries.kind', 'in', [...filter.kinds]);
  if (filter.bodyLike) q = q.where(sql<string>`lower(entries.body)`, 'like', filter.bodyLike);
  if (filter.seqs) {
    if (filter.seqs.length === 0) return [];
    q = q.where('entries.seq', 'in', [...filter.seqs]);
  }
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    q = q.where('entries.id', 'in', [...filter.ids]);
  }
  const rows = await q
    .orderBy('entries.seq', filter.order ?? 'asc')
    .limit(filter.limit ?? 1_000_000)
    .execute();
  return hydrate(db, rows);
}

/**
 * The sequence numbers of the newest entries whose folded text has every word asked for as the beginning of one of
 * its words, answered by the engine's full-text index alone (migration 0016), before any join: the index drives the
 * search, never a walk over the log. The words come from `searchTokens`, letters and digits only, so quoting them
 * cannot change the query's meaning.
 */
export async function entrySeqsMatchingAll(
  db: Kysely<Database>,
  words: readonly string[],
  limit: number,
): Promise<number[]> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const query = words.map((w) => `${w}:*`).join(' & ');
    const rows = await sql<{
      seq: number;
    }>`select seq from entries where search_vector @@ to_tsquery('simple', ${query}) order by seq desc limit ${limit}`.execute(
      db,
    );
    return rows.rows.map((r) => Number(r.seq));
  }
  const query = words.map((w) => `"${w}"*`).join(' AND ');
  const rows = await sql<{
    seq: number;
  }>`select rowid as seq from entries_fts where entries_fts match ${query} order by rowid desc limit ${limit}`.execute(
    db,
  );
  return rows.rows.map((r) => Number(r.seq));
}

/** Incidents' titles and NATO release, for the incidents a list of entries belongs to, in one query. */
export async function getIncidentTitles(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, { id: string; title: string; releasableToNato: boolean }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('incidents')
    .select(['id', 'title', 'releasable_to_nato'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(
    rows.map((r) => [r.id, { id: r.id, title: r.title, releasableToNato: r.releasable_to_nato === 1 }]),
  );
}

/** Every entry id the reader may see, from the SQL filter alone (the property tests compare it with the rules). */
export async function getVisibleEntryIds(db: Kysely<Database>, reader: Reader): Promise<string[]> {
  const rows = await entriesWithReach(db).select('entries.id').where(visibleEntryCondition(reader)).execute();
  return rows.map((r) => r.id);
}

/** What entry reads need to know of an incident: that it exists, and whether it was released to NATO. */
export async function getIncidentReach(
  db: Kysely<Database>,
  id: string,
): Promise<{ id: string; releasableToNato: boolean; exercise: boolean } | undefined> {
  const [row] = (await incidentReachQuery(db, { id })).rows;
  return row && { id: row.id, releasableToNato: row.releasable_to_nato === 1, exercise: row.exercise === 1 };
}

/** Read by every write to an incident's log, so compiled once. */
const incidentReachQuery = precompiled<
  { id: string },
  { id: string; releasable_to_nato: number; exercise: number }
>((db, p) =>
  db.selectFrom('incidents').select(['id', 'releasable_to_nato', 'exercise']).where('id', '=', p.id),
);

export async function getSharingGroup(db: Kysely<Database>, id: string) {
  const group = await db.selectFrom('sharing_groups').selectAll().where('id', '=', id).executeTakeFirst();
  if (!group) return undefined;
  const members = await db
    .selectFrom('sharing_group_members')
    .select('organisation')
    .where('group_id', '=', id)
    .orderBy('organisation')
    .execute();
  return { ...group, members: members.map((m) => m.organisation) };
}

/** Groups an organisation owns or belongs to. */
export async function getSharingGroupsOf(db: Kysely<Database>, organisation: string) {
  const ids = await db
    .selectFrom('sharing_groups as g')
    .select('g.id')
    .where((eb) =>
      eb.or([
        eb('g.owner_org', '=', organisation),
        eb.exists(
          eb
            .selectFrom('sharing_group_members as m')
            .select('m.group_id')
            .whereRef('m.group_id', '=', 'g.id')
            .where('m.organisation', '=', organisation),
        ),
      ]),
    )
    .orderBy('g.name')
    .execute();
  const groups = [];
  for (const { id } of ids) {
    const g = await getSharingGroup(db, id);
    if (g) groups.push(g);
  }
  return groups;
}

/** Who read an entry, from the access log, newest read per person. */
export async function getReadersOf(db: Kysely<Database>, entryId: string) {
  return db
    .selectFrom('access_log as l')
    .innerJoin('users as u', 'u.id', 'l.user_id')
    .select(['l.user_id', 'u.display_name', 'l.organisation', (eb) => eb.fn.max('l.at').as('at')])
    .where('l.entry_id', '=', entryId)
    .groupBy(['l.user_id', 'u.display_name', 'l.organisation'])
    .execute();
}

/** The newest visible correction or retraction of each of these entries. */
export async function getSupersedingOf(db: Kysely<Database>, reader: Reader, ids: readonly string[]) {
  const out = new Map<string, { id: string; kind: string; createdAt: string }>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await entriesWithReach(db)
      .select(['entries.id', 'entries.kind', 'entries.created_at', 'entries.supersedes', 'entries.seq'])
      .where(visibleEntryCondition(reader))
      .where('entries.supersedes', 'in', ids.slice(i, i + 500))
      .orderBy('entries.seq')
      .execute();
    for (const r of rows)
      if (r.supersedes) out.set(r.supersedes, { id: r.id, kind: r.kind, createdAt: r.created_at });
  }
  return out;
}

/** The newest entry of the given kinds each organisation wrote in an incident, among those the reader may see. */
export async function getLatestVisibleByOrganisation(
  db: Kysely<Database>,
  reader: Reader,
  incidentId: string,
  kinds: readonly string[],
): Promise<Map<string, string>> {
  const rows = await entriesWithReach(db)
    .select(['entries.author_org', (eb) => eb.fn.max('entries.created_at').as('latest')])
    .where(visibleEntryCondition(reader))
    .where('entries.incident_id', '=', incidentId)
    .where('entries.kind', 'in', [...kinds])
    .groupBy('entries.author_org')
    .execute();
  return new Map(rows.map((r) => [r.author_org, String(r.latest)]));
}

/** An incident's entries of the given kinds with their log positions, whatever their reach (for the rules). */
export async function getFactRowsOf(db: Kysely<Database>, incidentId: string, kinds: readonly string[]) {
  const rows = await db
    .selectFrom('entries')
    .select(['seq', 'kind', 'author_org', 'created_at', 'body'])
    .where('incident_id', '=', incidentId)
    .where('kind', 'in', [...kinds])
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

/**
 * The entries of these incidents of the given kinds, with `corrections` also every correction or retraction in
 * them, whatever their reach, oldest first: what a reader's view of an incident is projected from, in one load
 * for any number of incidents (callers ask for at most 500 at once).
 */
export async function getEntriesOfIncidents(
  db: Kysely<Database>,
  incidentIds: readonly string[],
  kinds: readonly string[],
  corrections = false,
): Promise<StoredEntry[]> {
  if (incidentIds.length === 0) return [];
  const rows = await baseQuery(db)
    .where('entries.incident_id', 'in', [...new Set(incidentIds)])
    .where((eb) =>
      corrections
        ? eb.or([eb('entries.kind', 'in', [...kinds]), eb('entries.supersedes', 'is not', null)])
        : eb('entries.kind', 'in', [...kinds]),
    )
    .orderBy('entries.seq')
    .execute();
  return hydrate(db, rows);
}
