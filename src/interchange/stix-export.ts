import { randomUUID } from 'node:crypto';
import { listEntries } from '../entries/flows.js';
import type { Entry } from '../entries/model.js';
import { presentStatusChange } from '../entries/status-change.js';
import { loadIncidentLog } from '../incidents/reader-log.js';
import type { HiddenName } from '../incidents/rules.js';
import { type IncidentLog, incidentView } from '../incidents/view-rules.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import { readerLanguage } from '../platform/language.js';
import type { TlpMarking } from '../sharing/model.js';
import { isAllowed } from '../sharing/policy.js';
import { carryWithheldDetails, travelsInStix } from '../sharing/stix.js';
import type { PlacedObject, StixBundle } from './stix-export-model.js';
import { stixObjectsOf } from './stix-export-rules.js';

/**
 * An incident as STIX 2.1 objects for this reader, each with when it reached them: the incident as they see it
 * (one load of its log) and the entries they may see (one list), of which only what may travel is written. An
 * incident the reader may not see is a NotFound, as everywhere.
 */
export async function incidentStixObjects(
  platform: Platform,
  actor: Actor,
  incidentId: string,
): Promise<PlacedObject[]> {
  const log = await loadIncidentLog(platform.db.kysely, actor, incidentId);
  const incident = incidentView(log, actor, platform.clock.now());
  const entries = await listEntries(platform, actor, incidentId);
  return stixObjectsOf({ reader: actor, incident, entries: withTravellingReasons(actor, log, entries) });
}

/** `blueprint export stix` and `GET /api/incidents/{id}/stix`: the incident as one bundle. */
export async function exportStixBundle(
  platform: Platform,
  actor: Actor,
  incidentId: string,
): Promise<StixBundle> {
  const placed = await incidentStixObjects(platform, actor, incidentId);
  return { type: 'bundle', id: `bundle--${randomUUID()}`, objects: placed.map((p) => p.object) };
}

/**
 * Status changes name entities in their reasons, rendered for the reader; in a bundle they also keep back the names
 * that may not travel: those in entries whose marking stays on the platform, and those their author withheld.
 */
function withTravellingReasons(actor: Actor, log: IncidentLog, entries: readonly Entry[]): Entry[] {
  if (!entries.some((e) => e.kind === 'status-change')) return [...entries];
  const hidden = namesKeptBack(actor, log);
  const stored = new Map(log.entries.map((e) => [e.id, e]));
  const language = readerLanguage(actor);
  return entries.map((e) => {
    const original = e.kind === 'status-change' ? stored.get(e.id) : undefined;
    if (!original) return e;
    const body = presentStatusChange(e.id, JSON.parse(original.body) as Record<string, unknown>, {
      hidden,
      language,
    });
    return { ...e, body };
  });
}

function namesKeptBack(actor: Actor, log: IncidentLog): HiddenName[] {
  const hidden = [...log.hidden];
  for (const e of log.entries) {
    if ((e.kind !== 'report' && e.kind !== 'update') || !log.visible.has(e.id)) continue;
    const body = JSON.parse(e.body) as {
      entities?: Array<{ name?: unknown }>;
      withheld?: Array<{ field?: unknown }>;
    };
    const travels = isAllowed(travelsInStix, e.marking as TlpMarking);
    const withheld = isAllowed(carryWithheldDetails, actor, e.authorOrg)
      ? new Set<string>()
      : new Set((body.withheld ?? []).map((w) => String(w.field)));
    (body.entities ?? []).forEach((entity, i) => {
      if (typeof entity?.name !== 'string' || entity.name === '') return;
      const nameWithheld =
        withheld.has(`entities[${i}].name`) || withheld.has(`entities[${i}]`) || withheld.has('entities');
      if (!travels || nameWithheld) hidden.push({ name: entity.name, by: e.authorOrg });
    });
  }
  return hidden;
}
