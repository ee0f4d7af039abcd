import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { WriteContext } from '../platform/db/write.js';
import type { PresidencyTerm } from '../registry/presidency.js';

/** The calendar as stored, oldest term first. */
export async function getCalendar(db: Kysely<Database>): Promise<PresidencyTerm[]> {
  const rows = await db
    .selectFrom('presidency_terms')
    .select(['term', 'member_state', 'starts_at', 'ends_at'])
    .orderBy('starts_at')
    .execute();
  return rows.map((r) => ({
    term: r.term,
    memberState: r.member_state,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
  }));
}

export async function insertTerm(
  w: WriteContext,
  term: PresidencyTerm,
  addedBy: string | null,
): Promise<void> {
  await w.trx
    .insertInto('presidency_terms')
    .values({
      term: term.term,
      member_state: term.memberState,
      starts_at: term.startsAt,
      ends_at: term.endsAt,
      added_at: w.now,
      added_by: addedBy,
    })
    .execute();
}

export interface Office {
  term: string | null;
  memberState: string | null;
  /** When the platform seated this holder; the epoch for an office never seated. */
  since: string;
}

export const NEVER_SEATED = new Date(0).toISOString();

export async function getOffice(db: Kysely<Database>): Promise<Office> {
  const row = await db
    .selectFrom('presidency_office')
    .select(['term', 'member_state', 'since'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return { term: row.term, memberState: row.member_state, since: row.since };
}

/** The incident's own Presidency (an exercise's, from its scenario), else the office's holder: one query. */
export async function getPresidencyOf(db: Kysely<Database>, incidentId: string): Promise<string | null> {
  const row = await db
    .selectFrom('presidency_office as po')
    .leftJoin('incidents as i', (j) => j.on('i.id', '=', incidentId))
    .select(['po.member_state', 'i.presidency'])
    .where('po.id', '=', 1)
    .executeTakeFirstOrThrow();
  return row.presidency ?? row.member_state;
}

/** The same for several incidents at once: the office's holder, and the exercises' own. */
export async function getPresidenciesOf(
  db: Kysely<Database>,
  incidentIds: readonly string[],
): Promise<Map<string, string | null>> {
  const [office, own] = await Promise.all([
    getOffice(db),
    incidentIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('incidents')
          .select(['id', 'presidency'])
          .where('id', 'in', [...incidentIds])
          .where('presidency', 'is not', null)
          .execute(),
  ]);
  const out = new Map<string, string | null>(incidentIds.map((id) => [id, office.memberState]));
  for (const row of own) out.set(row.id, row.presidency);
  return out;
}

/** Locks the office row for the rest of the write (PostgreSQL; SQLite's write lock covers the file). */
export async function getOfficeForUpdate(w: WriteContext): Promise<Office> {
  let q = w.trx.selectFrom('presidency_office').select(['term', 'member_state', 'since']).where('id', '=', 1);
  if (w.engine === 'postgres') q = q.forUpdate();
  const row = await q.executeTakeFirstOrThrow();
  return { term: row.term, memberState: row.member_state, since: row.since };
}

export async function setOffice(w: WriteContext, term: PresidencyTerm | undefined): Promise<void> {
  await w.trx
    .updateTable('presidency_office')
    .set({ term: term?.term ?? null, member_state: term?.memberState ?? null, since: w.now })
    .where('id', '=', 1)
    .execute();
}

/** Incidents whose matters are still open: not merged away, not an exercise, active or awaiting a decision. */
export async function getOpenIncidents(db: Kysely<Database>) {
  return db
    .selectFrom('incidents')
    .select(['id', 'title', 'releasable_to_nato'])
    .where('merged_into', 'is', null)
    .where('exercise', '=', 0)
    .where((eb) =>
      eb.or([eb('blueprint_state', '=', 'active'), eb('status', 'in', ['applies', 'decision-required'])]),
    )
    .orderBy('created_at')
    .execute();
}

/** The user ids of the platform's administrators, active ones only. */
export async function getAdminIds(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .execute();
  return rows.map((r) => r.id);
}

/** Per incident: its open silence procedures (by id) and how many entries are addressed to `role`. */
export async function getOpenMatters(db: Kysely<Database>, incidentIds: readonly string[], role: string) {
  const out = new Map<string, { openConsultations: string[]; addressedToPresidency: number }>();
  const of = (id: string) => {
    let m = out.get(id);
    if (!m) {
      m = { openConsultations: [], addressedToPresidency: 0 };
      out.set(id, m);
    }
    return m;
  };
  for (let i = 0; i < incidentIds.length; i += 500) {
    const ids = incidentIds.slice(i, i + 500);
    const addressed = await db
      .selectFrom('entry_audience as a')
      .innerJoin('entries as e', 'e.id', 'a.entry_id')
      .select(['e.incident_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('a.organisation', '=', role)
      .where('e.incident_id', 'in', ids)
      .groupBy('e.incident_id')
      .execute();
    for (const r of addressed) of(r.incident_id).addressedToPresidency = Number(r.n);
    const procedures = await db
      .selectFrom('entries')
      .select(['id', 'incident_id', 'kind', 'body'])
      .where('incident_id', 'in', ids)
      .where('kind', 'in', ['silence-procedure-opened', 'silence-procedure-concluded'])
      .orderBy('seq')
      .execute();
    const concluded = new Set(
      procedures
        .filter((p) => p.kind === 'silence-procedure-concluded')
        .map((p) => (JSON.parse(p.body) as { consultationId?: string }).consultationId),
    );
    for (const p of procedures)
      if (p.kind === 'silence-procedure-opened' && !concluded.has(p.id))
        of(p.incident_id).openConsultations.push(p.id);
  }
  return out;
}

/**
 * The account the platform writes its own entries with (the handover notes): it cannot sign in, belongs to no
 * organisation of the platform, and is created the first time it is needed, so a fresh database still has no users.
 */
export const PLATFORM_ACCOUNT = { userId: 'platform', organisation: 'PLATFORM' } as const;

export async function ensurePlatformAccount(w: WriteContext): Promise<typeof PLATFORM_ACCOUNT> {
  await w.trx
    .insertInto('users')
    .values({
      id: PLATFORM_ACCOUNT.userId,
      email: 'platform@blueprint.invalid',
      display_name: 'Blueprint platform',
      organisation: PLATFORM_ACCOUNT.organisation,
      role: 'viewer',
      // No password hashes to this: the account cannot sign in.
      password_hash: '!',
      active: 0,
      on_duty: 0,
      totp_secret: null,
      totp_enabled: 0,
      totp_last_step: null,
      failed_logins: 0,
      locked_until: null,
      language: 'en',
      time_zone: 'Europe/Brussels',
      created_at: w.now,
      last_login_at: null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return PLATFORM_ACCOUNT;
}
