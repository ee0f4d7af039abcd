import { readerOf } from '../entries/flows.js';
import { getSupersedingOf } from '../entries/store.js';
import { openIncident } from '../incidents/flows.js';
import { visibleIncidentRow } from '../incidents/reader-log.js';
import { appendEntry } from '../log/append.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import { type IdempotencyScope, inWrite } from '../platform/db/write.js';
import { chosenAudience } from '../response/decisions-flows.js';
import { getVisibleResponseEntries, type VisibleResponseEntry } from '../response/decisions-store.js';
import * as policy from '../sharing/disinformation.js';
import { assertAllowed, isAllowed, onlyAsRulesSay } from '../sharing/policy.js';
import type {
  Disinformation,
  IncidentDisinformation,
  NewDisinformation,
  ReachEstimate,
} from './disinformation-model.js';

const KIND = ['disinformation'] as const;

function view(e: VisibleResponseEntry): Disinformation {
  const b = e.body;
  const list = (v: unknown) => (Array.isArray(v) ? (v as string[]) : []);
  return {
    id: e.id,
    incidentId: e.incidentId,
    narrative: String(b.narrative ?? ''),
    platforms: list(b.platforms),
    countries: list(b.countries),
    observedSince: String(b.observedSince ?? ''),
    reach: b.reach as ReachEstimate,
    rebuttal: typeof b.rebuttal === 'string' ? b.rebuttal : null,
    links: list(b.links),
    recordedBy: { organisation: e.authorOrg, name: e.authorName },
    recordedAt: e.createdAt,
    marking: e.marking,
    audience: e.audience,
  };
}

/** The false narratives of an incident the reader may see, newest first; the reach filter runs in SQL. */
export async function listDisinformation(
  platform: Platform,
  actor: Actor,
  incidentId: string,
): Promise<IncidentDisinformation> {
  const db = platform.db.kysely;
  await visibleIncidentRow(db, actor, incidentId);
  const reader = readerOf(actor);
  const entries = await getVisibleResponseEntries(db, reader, KIND, { incidentId });
  // A retraction has exactly the narrative's reach, so whoever has the narrative also has its retraction.
  const superseding = await getSupersedingOf(
    db,
    reader,
    entries.map((e) => e.id),
  );
  return {
    items: entries
      .filter((e) => superseding.get(e.id)?.kind !== 'retraction')
      .map(view)
      .reverse(),
    abilities: { record: isAllowed(policy.recordDisinformation, actor) },
  };
}

/** A coordinator logs a narrative observed; its marking and audience are the author's, as for any entry. */
export function recordDisinformation(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  input: NewDisinformation,
  idempotency?: IdempotencyScope,
): Promise<Disinformation> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    await openIncident(w, actor, incidentId);
    assertAllowed(policy.recordDisinformation, onlyAsRulesSay(policy.recordDisinformation), actor);
    const appended = await appendEntry(w, {
      incidentId,
      kind: 'disinformation',
      authorUserId: actor.userId,
      authorOrg: actor.organisation,
      marking: input.marking,
      audience: chosenAudience(input.audience, []),
      recipients: [],
      releasableToNato: false,
      body: {
        narrative: input.narrative,
        platforms: [...new Set(input.platforms)],
        countries: [...new Set(input.countries)],
        observedSince: new Date(input.observedSince).toISOString(),
        reach: input.reach,
        rebuttal: input.rebuttal ?? null,
        links: [...new Set(input.links)],
      },
    });
    const entries = await getVisibleResponseEntries(w.trx, readerOf(actor), KIND, { incidentId });
    return view(entries.find((e) => e.id === appended.id)!);
  });
}
