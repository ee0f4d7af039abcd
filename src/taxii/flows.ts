import { incidentStixObjects } from '../interchange/stix-export.js';
import { type PlacedObject, STIX_MEDIA_TYPE, type StixObject } from '../interchange/stix-export-model.js';
import { withReferenceDates } from '../interchange/stix-export-rules.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import { NotFound } from '../platform/errors.js';
import { incidentListScope } from '../sharing/incidents.js';
import { isAllowed } from '../sharing/policy.js';
import { readGroupCollection } from '../sharing/stix.js';
import { type Collection, type CollectionObject, TaxiiError } from './model.js';
import * as store from './store.js';

function collection(id: string, title: string, description: string): Collection {
  return { id, title, description, can_read: true, can_write: false, media_types: [STIX_MEDIA_TYPE] };
}

/** An exercise's collection says so in its title, once, even when its reporter already wrote the word. */
function exerciseTitle(i: store.IncidentCollectionRow): string {
  return i.exercise && !/^exercise\b/i.test(i.title) ? `EXERCISE: ${i.title}` : i.title;
}

async function readableGroups(platform: Platform, actor: Actor) {
  const groups = await store.getGroupsOf(platform.db.kysely, actor.organisation);
  return groups.filter((g) => isAllowed(readGroupCollection, actor, g));
}

/** One collection per incident the caller may see and one per sharing group its organisation may read. */
export async function collectionsFor(platform: Platform, actor: Actor): Promise<Collection[]> {
  const scope = incidentListScope(actor);
  const incidents = scope === 'none' ? [] : await store.getIncidentsInScope(platform.db.kysely, scope);
  const groups = await readableGroups(platform, actor);
  return [
    ...incidents.map((i) => collection(i.id, exerciseTitle(i), `Blueprint incident ${i.id}`)),
    // A group's collection names the group, never its members (they may be hidden).
    ...groups.map((g) => collection(g.id, g.name, `Blueprint sharing group ${g.id}`)),
  ];
}

export async function collectionFor(platform: Platform, actor: Actor, id: string): Promise<Collection> {
  const found = (await collectionsFor(platform, actor)).find((c) => c.id === id);
  if (!found) throw new TaxiiError(404, 'Collection not found', `no collection ${id} for this token`);
  return found;
}

/** Every object of a collection as the caller may see it, each with when it reached them. */
export async function collectionObjects(
  platform: Platform,
  actor: Actor,
  id: string,
): Promise<CollectionObject[]> {
  const group = (await readableGroups(platform, actor)).find((g) => g.id === id);
  if (group) return groupObjects(platform, actor, group.id);
  try {
    return (await incidentStixObjects(platform, actor, id)).map(collected);
  } catch (e) {
    if (e instanceof NotFound)
      throw new TaxiiError(404, 'Collection not found', `no collection ${id} for this token`);
    throw e;
  }
}

const collected = (p: PlacedObject): CollectionObject => ({
  object: p.object,
  dateAdded: p.dateAdded,
  version: p.version,
});

/**
 * A sharing group's collection: across incidents, the entries shared with the group that the caller may see, with
 * the incident, organisations, countries and markings they refer to.
 */
async function groupObjects(platform: Platform, actor: Actor, groupId: string): Promise<CollectionObject[]> {
  const byId = new Map<string, CollectionObject>();
  for (const incidentId of await store.getIncidentsSharedWithGroup(platform.db.kysely, groupId)) {
    let placed: PlacedObject[];
    try {
      placed = await incidentStixObjects(platform, actor, incidentId);
    } catch (e) {
      if (e instanceof NotFound) continue;
      throw e;
    }
    const shared = placed.filter((p) => p.sharingGroupId === groupId);
    if (shared.length === 0) continue;
    const wanted = new Set(shared.map((p) => p.object.id));
    for (const p of shared) for (const ref of referencesOf(p)) wanted.add(ref);
    const incident = placed.find((p) => p.object.type === 'incident');
    if (incident) for (const ref of [incident.object.id, ...referencesOf(incident)]) wanted.add(ref);
    const chosen = placed.filter((p) => wanted.has(p.object.id) && p.object.type !== 'report');
    for (const p of withReferenceDates(chosen)) {
      const seen = byId.get(p.object.id);
      if (!seen || p.dateAdded < seen.dateAdded) byId.set(p.object.id, collected(p));
    }
  }
  return [...byId.values()];
}

function referencesOf(p: PlacedObject): string[] {
  if (p.object.type === 'marking-definition') return [];
  const o = p.object as StixObject;
  return [
    ...(o.created_by_ref ? [o.created_by_ref] : []),
    ...o.object_marking_refs,
    ...(Array.isArray(o.object_refs) ? (o.object_refs as string[]) : []),
  ];
}
