import type { Kysely } from 'kysely';
import type { CepesRegister } from '../blueprint/cepes-verdict.js';
import { NO_REGISTER } from '../blueprint/cepes-verdict.js';
import type { Database } from '../platform/db/schema.js';
import type { WriteContext } from '../platform/db/write.js';
import { Invalid } from '../platform/errors.js';
import { keepCepesRegister, readCepesEntry } from '../sharing/cepes.js';
import { seeWithheldDetails } from '../sharing/entries.js';
import { isAllowed } from '../sharing/policy.js';
import type { Principal } from '../sharing/principal.js';
import type { CepesEntry } from './model.js';
import { EU_INFRASTRUCTURE_HOLDER, referencedIds, verdictOf } from './rules.js';
import * as store from './store.js';

// The register as incidents reference it: the verdicts their assessment reads, and the details a reader may see.
// Kept apart from the register's own commands, which reassess incidents, so incidents can read it without a cycle.

type Entities = ReadonlyArray<{ cepesId?: string | undefined }>;

function reachOf(row: store.CepesRow) {
  return { audience: JSON.parse(row.audience) as string[], releasableToNato: row.releasable_to_nato === 1 };
}

export function mayRead(reader: Principal, row: store.CepesRow): boolean {
  return isAllowed(readCepesEntry, reader, reachOf(row));
}

/** A stored entry as a reader who may see it receives it. */
export function entryOf(row: store.CepesRow, reader: Principal): CepesEntry {
  const reach = reachOf(row);
  return {
    id: row.id,
    name: row.name,
    verdict: row.verdict as CepesEntry['verdict'],
    establishedIn: row.established_in,
    heldBy: row.verdict === 'eu-infrastructure' ? EU_INFRASTRUCTURE_HOLDER : null,
    memberStatesServed: JSON.parse(row.member_states_served) as string[],
    sectors: JSON.parse(row.sectors) as string[],
    note: row.note,
    marking: row.marking as CepesEntry['marking'],
    audience: reach.audience,
    releasableToNato: reach.releasableToNato,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    abilities: { edit: isAllowed(keepCepesRegister, reader) },
  };
}

/**
 * Inside a write: every register entry these entities reference exists and is one the writer may see, else 400
 * naming the entity (the same answer for both, so a reference reveals nothing of entries outside one's reach).
 * Answers the verdicts of those entries.
 */
export async function checkReferences(
  w: WriteContext,
  writer: Principal,
  entities: Entities,
  at = 'entities',
): Promise<CepesRegister> {
  const rows = await store.getEntries(w.trx, referencedIds(entities));
  const byId = new Map(rows.map((row) => [row.id, row] as const));
  entities.forEach((entity, index) => {
    if (!entity.cepesId) return;
    const row = byId.get(entity.cepesId);
    if (!row || !mayRead(writer, row))
      throw new Invalid(
        `${at}[${index}].cepesId: no entry "${entity.cepesId}" in the CEPES register you may see`,
        `${at}[${index}].cepesId`,
      );
  });
  return registerOfRows(rows);
}

/**
 * The register's verdicts for the entities of one incident, in one query, inside the write that assesses it; the
 * references are recorded so a later change of an entry reassesses this incident. Verdicts are the same for every
 * reader: the effect on T2 is a shared fact (CONTRACT "Who sees what").
 */
export async function registerInWrite(
  w: WriteContext,
  incidentId: string,
  entities: Entities,
): Promise<CepesRegister> {
  const ids = referencedIds(entities);
  if (ids.length === 0) return NO_REGISTER;
  await store.addReferences(w.trx, incidentId, ids);
  return registerOfRows(await store.getEntries(w.trx, ids));
}

/** The verdicts for these entities, in one query, for a read path that assesses (lists: once per page). */
export async function registerFor(db: Kysely<Database>, entities: Entities): Promise<CepesRegister> {
  const ids = referencedIds(entities);
  if (ids.length === 0) return NO_REGISTER;
  return registerOfRows(await store.getEntries(db, ids));
}

function registerOfRows(rows: readonly store.CepesRow[]): CepesRegister {
  return new Map(rows.map((row) => [row.id, verdictOf(row)] as const));
}

/** An entry of the log naming entities, as the incident view reads it for register details. */
export interface NamingEntry {
  authorOrg: string;
  body: string;
}

/**
 * What an incident's entities are in the register, in one query: the verdicts, the same for everyone, and the
 * entries this reader may see, only for entities named in entries they may see and whose name their author did
 * not withhold from them. A reader who may not see an entry sees the entity as the report gave it.
 */
export async function registerForReader(
  db: Kysely<Database>,
  reader: Principal,
  all: readonly NamingEntry[],
  visible: readonly NamingEntry[],
): Promise<{ register: CepesRegister; entries: CepesEntry[] }> {
  const ids = new Set(all.flatMap((e) => referencedIds(entitiesOf(e))));
  if (ids.size === 0) return { register: NO_REGISTER, entries: [] };
  const rows = await store.getEntries(db, [...ids]);
  const shown = new Set(visible.flatMap((e) => shownReferences(reader, e)));
  return {
    register: registerOfRows(rows),
    entries: rows
      .filter((row) => shown.has(row.id) && mayRead(reader, row))
      .sort((a, b) => a.search_name.localeCompare(b.search_name))
      .map((row) => entryOf(row, reader)),
  };
}

function entitiesOf(e: NamingEntry): Array<{ cepesId?: string }> {
  const body = JSON.parse(e.body) as { entities?: unknown };
  return Array.isArray(body.entities) ? (body.entities as Array<{ cepesId?: string }>) : [];
}

/** The register ids an entry shows this reader: none for an entity whose name (or the entity) was withheld. */
function shownReferences(reader: Principal, e: NamingEntry): string[] {
  const body = JSON.parse(e.body) as { withheld?: Array<{ field?: unknown }> };
  const withheld = isAllowed(seeWithheldDetails, reader, e.authorOrg)
    ? []
    : (body.withheld ?? []).map((w) => String(w.field));
  return entitiesOf(e).flatMap((entity, index) => {
    const at = `entities[${index}]`;
    const hidden = withheld.some(
      (f) => f === 'entities' || f === at || f === `${at}.name` || f === `${at}.cepesId`,
    );
    return entity.cepesId && !hidden ? [entity.cepesId] : [];
  });
}
