import { type Kysely, type Selectable, sql } from 'kysely';
import type { CepesRegisterTable, Database } from '../platform/db/schema.js';
import { visibleCepesCondition } from '../sharing/cepes.js';
import type { Principal } from '../sharing/principal.js';

export type CepesRow = Selectable<CepesRegisterTable>;

export interface CepesRowValues {
  name: string;
  searchName: string;
  verdict: string;
  establishedIn: string | null;
  memberStatesServed: readonly string[];
  sectors: readonly string[];
  note: string;
  marking: string;
  audience: readonly string[];
  releasableToNato: boolean;
}

function columns(v: CepesRowValues) {
  return {
    name: v.name,
    search_name: v.searchName,
    verdict: v.verdict,
    established_in: v.establishedIn,
    member_states_served: JSON.stringify(v.memberStatesServed),
    sectors: JSON.stringify(v.sectors),
    note: v.note,
    marking: v.marking,
    audience: JSON.stringify(v.audience),
    releasable_to_nato: v.releasableToNato ? 1 : 0,
  };
}

async function writeAudience(db: Kysely<Database>, id: string, audience: readonly string[]): Promise<void> {
  await db.deleteFrom('cepes_register_audience').where('cepes_id', '=', id).execute();
  if (audience.length > 0)
    await db
      .insertInto('cepes_register_audience')
      .values([...new Set(audience)].map((organisation) => ({ cepes_id: id, organisation })))
      .execute();
}

export async function insertEntry(
  db: Kysely<Database>,
  id: string,
  values: CepesRowValues,
  at: { now: string; by: string },
): Promise<void> {
  await db
    .insertInto('cepes_register')
    .values({ id, ...columns(values), created_at: at.now, updated_at: at.now, updated_by: at.by })
    .execute();
  await writeAudience(db, id, values.audience);
}

export async function replaceEntry(
  db: Kysely<Database>,
  id: string,
  values: CepesRowValues,
  at: { now: string; by: string },
): Promise<void> {
  await db
    .updateTable('cepes_register')
    .set({ ...columns(values), updated_at: at.now, updated_by: at.by })
    .where('id', '=', id)
    .execute();
  await writeAudience(db, id, values.audience);
}

/** One entry, whatever its reach; `forUpdate` locks it until the transaction ends (PostgreSQL only). */
export async function getEntry(
  db: Kysely<Database>,
  id: string,
  forUpdate = false,
): Promise<CepesRow | undefined> {
  return db
    .selectFrom('cepes_register')
    .selectAll()
    .where('id', '=', id)
    .$if(forUpdate, (q) => q.forUpdate())
    .executeTakeFirst();
}

/** The entries of these ids, whatever their reach, in one query: what the trigger rules decide on. */
export async function getEntries(db: Kysely<Database>, ids: readonly string[]): Promise<CepesRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('cepes_register')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

/** The entries this reader may see whose folded name contains `needle`, by name, one page after `after`. */
export async function getVisibleEntries(
  db: Kysely<Database>,
  reader: Principal,
  page: { needle: string; limit: number; after?: { searchName: string; id: string } | undefined },
): Promise<CepesRow[]> {
  const pattern = `%${page.needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom('cepes_register')
    .selectAll()
    .where(visibleCepesCondition(reader))
    .$if(page.needle !== '', (q) => q.where(sql<boolean>`search_name like ${pattern} escape '\\'`))
    .$if(page.after !== undefined, (q) =>
      q.where((eb) =>
        eb.or([
          eb('search_name', '>', page.after!.searchName),
          eb.and([eb('search_name', '=', page.after!.searchName), eb('id', '>', page.after!.id)]),
        ]),
      ),
    )
    .orderBy('search_name')
    .orderBy('id')
    .limit(page.limit)
    .execute();
}

/** Records that an incident's entities reference these entries (kept once per pair). */
export async function addReferences(
  db: Kysely<Database>,
  incidentId: string,
  cepesIds: readonly string[],
): Promise<void> {
  if (cepesIds.length === 0) return;
  await db
    .insertInto('cepes_references')
    .values(cepesIds.map((cepes_id) => ({ cepes_id, incident_id: incidentId })))
    .onConflict((oc) => oc.columns(['cepes_id', 'incident_id']).doNothing())
    .execute();
}

/** The incidents, not merged away, whose entities reference this entry, with what a reassessment needs. */
export async function getReferencingIncidents(db: Kysely<Database>, cepesId: string) {
  return db
    .selectFrom('cepes_references as r')
    .innerJoin('incidents as i', 'i.id', 'r.incident_id')
    .select(['i.id', 'i.title', 'i.releasable_to_nato'])
    .where('r.cepes_id', '=', cepesId)
    .where('i.merged_into', 'is', null)
    .orderBy('i.id')
    .execute();
}
