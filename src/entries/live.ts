import type { Kysely } from 'kysely';
import type { DerivedFacts } from '../blueprint/derived-model.js';
import { type ScenarioTime, scenarioTimesOf } from '../exercises/scenario-clock.js';
import type { HiddenName } from '../incidents/rules.js';
import type { Actor } from '../platform/actor.js';
import type { Database } from '../platform/db/schema.js';
import { readerLanguage } from '../platform/language.js';
import { type EntryReach, readEntry } from '../sharing/entries.js';
import * as incidentPolicy from '../sharing/incidents.js';
import { isAllowed } from '../sharing/policy.js';
import { PRESIDENCY } from '../sharing/presidency.js';
import type { Entry } from './model.js';
import { attachmentReachOf, presentEntry, reachOf, type Superseding } from './rules.js';
import {
  ASSESSED_KINDS,
  type DerivedTextView,
  isLegacyStatusChange,
  replayStatusChanges,
} from './status-change.js';
import * as store from './store.js';

/**
 * What the live stream needs of entries, loaded once per event and instance, and decided for each reader in
 * memory with the same rules every other read path uses.
 */
export interface IncidentReach {
  id: string;
  releasableToNato: boolean;
}

/** An entry with what deciding and presenting it takes: its incident and the entries that correct or retract it. */
export interface LoadedEntry {
  entry: store.StoredEntry;
  incident: IncidentReach;
  superseding: store.StoredEntry[];
  /** For a status change: the incident's entries naming entities, and its reasons' facts if stored before them. */
  derived?: { named: store.StoredEntry[]; replayed?: ReadonlyMap<string, DerivedFacts | null> };
  /** An exercise's recorded clock, so the stream carries the scenario time GET …/entries gives. */
  scenario?: ScenarioTime;
}

export async function loadEntries(db: Kysely<Database>, ids: readonly string[]): Promise<LoadedEntry[]> {
  const entries: store.StoredEntry[] = [];
  for (let i = 0; i < ids.length; i += 500)
    entries.push(...(await store.getEntriesWhere(db, { ids: ids.slice(i, i + 500) })));
  return withContext(db, entries);
}

/** Entries shared with a sharing group, whose readers change with its membership. */
export async function loadEntriesOfGroup(db: Kysely<Database>, groupId: string): Promise<LoadedEntry[]> {
  return withContext(db, await store.getEntriesWhere(db, { sharingGroupId: groupId }));
}

/** Entries addressed to the `PRESIDENCY` role, whose readers change with the term. */
export async function loadEntriesForPresidency(db: Kysely<Database>): Promise<LoadedEntry[]> {
  // An exercise's Presidency is its scenario's: a change of term moves nothing there.
  return withContext(
    db,
    await store.getEntriesWhere(db, { audienceMember: PRESIDENCY, followingTheOffice: true }),
  );
}

async function withContext(db: Kysely<Database>, entries: store.StoredEntry[]): Promise<LoadedEntry[]> {
  const [incidents, scenario] = await Promise.all([
    store.getIncidentReaches(
      db,
      entries.map((e) => e.incidentId),
    ),
    scenarioTimesOf(
      db,
      entries.filter((e) => e.inExercise).map((e) => e.incidentId),
    ),
  ]);
  const superseding = new Map<string, store.StoredEntry[]>();
  for (let i = 0; i < entries.length; i += 500) {
    const ids = entries.slice(i, i + 500).map((e) => e.id);
    for (const s of await store.getEntriesWhere(db, { supersedesAnyOf: ids }))
      superseding.set(s.supersedes!, [...(superseding.get(s.supersedes!) ?? []), s]);
  }
  const out: LoadedEntry[] = [];
  for (const entry of entries) {
    const incident = incidents.get(entry.incidentId);
    const clock = scenario.get(entry.incidentId);
    if (incident)
      out.push({
        entry,
        incident,
        superseding: superseding.get(entry.id) ?? [],
        ...(clock ? { scenario: clock } : {}),
      });
  }
  await withDerivedContext(db, out);
  return out;
}

/** Status changes render their reasons per reader: load what that takes, once per incident. */
async function withDerivedContext(db: Kysely<Database>, loaded: LoadedEntry[]) {
  const changes = loaded.filter((l) => l.entry.kind === 'status-change');
  for (const incidentId of new Set(changes.map((l) => l.entry.incidentId))) {
    const here = changes.filter((l) => l.entry.incidentId === incidentId);
    const named = await loadEntityEntries(db, incidentId);
    const legacy = here
      .map((l) => ({
        id: l.entry.id,
        seq: l.entry.seq,
        body: JSON.parse(l.entry.body) as Record<string, unknown>,
      }))
      .filter((e) => isLegacyStatusChange('status-change', e.body));
    const replayed =
      legacy.length > 0
        ? replayStatusChanges(await store.getFactRowsOf(db, incidentId, ASSESSED_KINDS), legacy)
        : undefined;
    for (const l of here) l.derived = replayed ? { named, replayed } : { named };
  }
}

/** How a status change's reasons are rendered for this reader: with the names they may not see withheld. */
function derivedViewFor(reader: Actor, loaded: LoadedEntry): DerivedTextView | undefined {
  if (!loaded.derived) return undefined;
  const hidden = hiddenNamesFor(reader, loaded.incident, loaded.derived.named);
  const language = readerLanguage(reader);
  return loaded.derived.replayed
    ? { hidden, replayed: loaded.derived.replayed, language }
    : { hidden, language };
}

export function incidentVisible(reader: Actor, incident: IncidentReach): boolean {
  return isAllowed(incidentPolicy.readIncident, reader, incident);
}

/** Whether this reader may see the entry now: the incident first, then the entry's own reach. */
export function mayReadLoaded(reader: Actor, loaded: LoadedEntry): boolean {
  return incidentVisible(reader, loaded.incident) && isAllowed(readEntry, reader, reachOf(loaded.entry));
}

/** Whether this reader could see an entry under an earlier reach (a reach change's `previous`). */
export function mayReadUnder(reader: Actor, incident: IncidentReach, reach: EntryReach): boolean {
  return incidentVisible(reader, incident) && isAllowed(readEntry, reader, reach);
}

/** The newest correction or retraction this reader may see, as every other read path picks it. */
function supersededFor(reader: Actor, loaded: LoadedEntry): Superseding | null {
  let found: Superseding | null = null;
  for (const s of loaded.superseding) {
    if (isAllowed(readEntry, reader, reachOf(s))) found = { id: s.id, kind: s.kind, createdAt: s.createdAt };
  }
  return found;
}

/**
 * Readers with the same key receive the same presentation. It names everything the presentation depends on:
 * the organisation (withheld fields, hidden groups), the role and language, the correction and attachments the
 * reader may see, and the person where the entry is personal (TLP:RED recipients, the author).
 */
export function viewKey(reader: Actor, language: string, loaded: LoadedEntry): string {
  const e = loaded.entry;
  const personal =
    e.marking === 'TLP:RED' ||
    e.authorUserId === reader.userId ||
    e.attachments.some((a) => a.marking === 'TLP:RED');
  const attachments = e.attachments
    .filter((a) => isAllowed(readEntry, reader, attachmentReachOf(e, a)))
    .map((a) => a.id)
    .join(',');
  return [
    reader.organisation,
    reader.role,
    language,
    personal ? reader.userId : '',
    supersededFor(reader, loaded)?.id ?? '',
    attachments,
    loaded.derived ? JSON.stringify(derivedViewFor(reader, loaded)?.hidden) : '',
  ].join('|');
}

/** The entry exactly as GET …/entries gives it to this reader. */
export function presentLoaded(reader: Actor, loaded: LoadedEntry): Entry {
  return presentEntry(
    loaded.entry,
    reader,
    supersededFor(reader, loaded),
    derivedViewFor(reader, loaded),
    loaded.scenario,
  );
}

/** An incident's entries that name entities, to work out which names each reader may not see. */
export async function loadEntityEntries(
  db: Kysely<Database>,
  incidentId: string,
): Promise<store.StoredEntry[]> {
  const entries = await store.getEntriesWhere(db, { incidentId, kinds: ['report', 'update'] });
  return entries.filter((e) => namedEntities(e).some((entity) => entity.name));
}

function namedEntities(e: store.StoredEntry): Array<{ name?: string }> {
  const body = JSON.parse(e.body) as { entities?: Array<{ name?: string }> };
  return body.entities ?? [];
}

/**
 * Entity names this reader may not see among those entries: every name of an entry outside their reach, and
 * names its author withheld (from readers outside the author's organisation).
 */
export function hiddenNamesFor(
  reader: Actor,
  incident: IncidentReach,
  entries: readonly store.StoredEntry[],
): HiddenName[] {
  const hidden: HiddenName[] = [];
  for (const e of entries) {
    const body = JSON.parse(e.body) as { withheld?: Array<{ field: string }> };
    const visible = incidentVisible(reader, incident) && isAllowed(readEntry, reader, reachOf(e));
    const withheld = new Set((body.withheld ?? []).map((w) => w.field));
    namedEntities(e).forEach((entity, i) => {
      if (!entity.name) return;
      const nameWithheld =
        withheld.has(`entities[${i}].name`) || withheld.has(`entities[${i}]`) || withheld.has('entities');
      if (!visible || (nameWithheld && reader.organisation !== e.authorOrg))
        hidden.push({ name: entity.name, by: e.authorOrg });
    });
  }
  return hidden;
}
