import { uuidv7 } from 'uuidv7';
import { reassess } from '../incidents/flows.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import { type IdempotencyScope, inWrite, type WriteContext } from '../platform/db/write.js';
import { Invalid, NotFound } from '../platform/errors.js';
import { keepCepesRegister } from '../sharing/cepes.js';
import { assertAllowed, onlyAsRulesSay } from '../sharing/policy.js';
import type { CepesEntry, CepesEntryInput, CepesListQuery, CepesPage } from './model.js';
import { entryOf, mayRead } from './references.js';
import { cursorOf, defaultAudience, entryIssue, positionOf, searchKey, verdictOf } from './rules.js';
import * as store from './store.js';

function valuesOf(input: CepesEntryInput): store.CepesRowValues {
  const issue = entryIssue(input);
  if (issue) throw new Invalid(`${issue.field}: ${issue.message}`, issue.field);
  return {
    name: input.name,
    searchName: searchKey(input.name),
    verdict: input.verdict,
    establishedIn: input.establishedIn ?? null,
    memberStatesServed: [...new Set(input.memberStatesServed)].sort(),
    sectors: [...new Set(input.sectors)],
    note: input.note,
    marking: input.marking,
    audience: [...new Set(input.audience ?? defaultAudience(input))].sort(),
    releasableToNato: input.releasableToNato,
  };
}

const KEEPER_ONLY = onlyAsRulesSay(keepCepesRegister);

/** Adds an entity to the register. */
export async function createEntry(
  platform: Platform,
  actor: Actor,
  input: CepesEntryInput,
  idempotency?: IdempotencyScope,
): Promise<CepesEntry> {
  assertAllowed(keepCepesRegister, KEEPER_ONLY, actor);
  const values = valuesOf(input);
  return inWrite(platform, { actor, idempotency }, async (w) => {
    const id = uuidv7();
    await store.insertEntry(w.trx, id, values, { now: w.now, by: actor.organisation });
    // Audit records carry no content: the register's names stay behind its audience.
    await w.audit({
      action: 'cepes.entry-added',
      subjectType: 'cepes-entry',
      subjectId: id,
      details: { verdict: values.verdict, marking: values.marking },
    });
    return entryOf((await store.getEntry(w.trx, id))!, actor);
  });
}

/**
 * Replaces an entry of the register. When what the trigger rules read of it changes (verdict, establishment, states
 * served, sectors), every incident referencing it is reassessed in the same write, with its status-change entry
 * when the status changes, so no incident shows a status the register no longer supports.
 */
export async function updateEntry(
  platform: Platform,
  actor: Actor,
  id: string,
  input: CepesEntryInput,
  idempotency?: IdempotencyScope,
): Promise<CepesEntry> {
  assertAllowed(keepCepesRegister, KEEPER_ONLY, actor);
  const values = valuesOf(input);
  return inWrite(platform, { actor, idempotency }, async (w) => {
    const before = await store.getEntry(w.trx, id, w.engine === 'postgres');
    if (!before) throw new NotFound(`no register entry ${id}`);
    await store.replaceEntry(w.trx, id, values, { now: w.now, by: actor.organisation });
    const after = (await store.getEntry(w.trx, id))!;
    const verdictChanged = JSON.stringify(factsOf(before)) !== JSON.stringify(factsOf(after));
    await w.audit({
      action: 'cepes.entry-changed',
      subjectType: 'cepes-entry',
      subjectId: id,
      details: { verdict: values.verdict, marking: values.marking, verdictChanged },
    });
    if (verdictChanged) await reassessReferencing(w, platform, actor, id);
    return entryOf(after, actor);
  });
}

/** What the trigger rules read of an entry; a change of name, note or reach leaves every assessment as it is. */
function factsOf(row: store.CepesRow) {
  const { name: _name, ...facts } = verdictOf(row);
  return facts;
}

async function reassessReferencing(w: WriteContext, platform: Platform, actor: Actor, cepesId: string) {
  for (const incident of await store.getReferencingIncidents(w.trx, cepesId)) {
    await reassess(
      w,
      platform,
      { id: incident.id, title: incident.title, releasableToNato: incident.releasable_to_nato === 1 },
      actor,
    );
  }
}

/** The entries the caller may see, by name, a page at a time; `q` searches names (the report form's typeahead). */
export async function listEntries(
  platform: Platform,
  actor: Actor,
  query: CepesListQuery,
): Promise<CepesPage> {
  const after = query.after === undefined ? undefined : positionOf(query.after);
  if (query.after !== undefined && !after) throw new Invalid('after: not a position this list gave', 'after');
  const rows = await store.getVisibleEntries(platform.db.kysely, actor, {
    needle: searchKey(query.q),
    limit: query.limit + 1,
    after,
  });
  // The query narrows; the rule decides, so the list shows exactly what a read of each entry would.
  const page = rows.slice(0, query.limit).filter((row) => mayRead(actor, row));
  const last = rows.length > query.limit ? rows[query.limit - 1] : undefined;
  recordReads(platform, actor, page);
  return { items: page.map((row) => entryOf(row, actor)), next: last ? cursorOf(last) : null };
}

export async function getEntry(platform: Platform, actor: Actor, id: string): Promise<CepesEntry> {
  const row = await store.getEntry(platform.db.kysely, id);
  // An entry outside the caller's reach is answered like one that does not exist.
  if (!row || !mayRead(actor, row)) throw new NotFound(`no register entry ${id}`);
  recordReads(platform, actor, [row]);
  return entryOf(row, actor);
}

/** Reads of the register go to the access log like entries do (it keeps the restricted markings only). */
function recordReads(platform: Platform, actor: Actor, rows: readonly store.CepesRow[]): void {
  platform.accessLog.record(
    rows.map((row) => ({
      userId: actor.userId,
      organisation: actor.organisation,
      entryId: row.id,
      marking: row.marking,
      path: 'cepes-register',
    })),
  );
}
