import { readerOf } from '../entries/flows.js';
import { openIncident } from '../incidents/flows.js';
import { visibleIncidentRow } from '../incidents/reader-log.js';
import { appendEntry } from '../log/append.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import { type IdempotencyScope, inWrite } from '../platform/db/write.js';
import { Conflict, Invalid, NotFound } from '../platform/errors.js';
import * as policy from '../sharing/handovers.js';
import * as incidentPolicy from '../sharing/incidents.js';
import { assertAllowed, isAllowed, onlyAsRulesSay } from '../sharing/policy.js';
import type { ResponseEntry } from './decisions-rules.js';
import {
  getAccount,
  getVisibleResponseEntries,
  getVisibleSupersessions,
  lockEntry,
} from './decisions-store.js';
import type { AcknowledgeRequest, Handover, NewHandover } from './handover-model.js';
import { type HandoverState, projectHandovers } from './handover-rules.js';

const KINDS = ['shift-handover', 'shift-handover-acknowledged'] as const;

/** A handover stays inside its organisation: the next shift's business, no one else's. */
const HANDOVER_MARKING = 'TLP:AMBER+STRICT';

function handoverView(actor: Actor, h: HandoverState): Handover {
  const b = h.entry.body;
  const subject = {
    organisation: String(b.organisation ?? ''),
    authorUserId: h.entry.authorUserId,
    incomingUserId: (b.incomingUserId as string | null) ?? null,
  };
  return {
    id: h.entry.id,
    incidentId: h.entry.incidentId,
    incidentTitle: h.entry.incidentTitle,
    organisation: subject.organisation,
    changed: String(b.changed ?? ''),
    openAsks: String(b.openAsks ?? ''),
    nextCover: String(b.nextCover ?? ''),
    incomingUserId: subject.incomingUserId,
    writtenBy: { userId: h.entry.authorUserId, name: h.entry.authorName },
    writtenAt: h.entry.createdAt,
    acknowledged: h.acknowledged,
    abilities: {
      acknowledge: h.acknowledged === null && isAllowed(policy.acknowledgeHandover, actor, subject),
    },
  };
}

export async function listHandovers(
  platform: Platform,
  actor: Actor,
  incidentId: string,
): Promise<Handover[]> {
  await visibleIncidentRow(platform.db.kysely, actor, incidentId);
  const entries = await getVisibleResponseEntries(platform.db.kysely, readerOf(actor), KINDS, { incidentId });
  return (await asTheLogLeaves(platform.db.kysely, actor, entries)).map((h) => handoverView(actor, h));
}

/** What the reader may do with their organisation's handovers of an incident they see: the web shows no more. */
export function handoverAbilities(actor: Actor): { write: boolean } {
  return { write: isAllowed(policy.writeHandover, actor) };
}

/** Handovers across incidents that wait for this person to take the shift over: two queries whatever their number. */
export async function handoversAwaitingMe(platform: Platform, actor: Actor): Promise<Handover[]> {
  const entries = (await getVisibleResponseEntries(platform.db.kysely, readerOf(actor), KINDS, {})).filter(
    (e) => isAllowed(incidentPolicy.readIncident, actor, { releasableToNato: e.incidentReleasableToNato }),
  );
  return (await asTheLogLeaves(platform.db.kysely, actor, entries))
    .map((h) => handoverView(actor, h))
    .filter((h) => h.abilities.acknowledge);
}

/** The outgoing officer's note for the next shift of their organisation, seen by that organisation only. */
export function writeHandover(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  input: NewHandover,
  idempotency?: IdempotencyScope,
): Promise<Handover> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    await openIncident(w, actor, incidentId);
    assertAllowed(policy.writeHandover, onlyAsRulesSay(policy.writeHandover), actor);
    if (input.incomingUserId) {
      const incoming = await getAccount(w.trx, input.incomingUserId);
      if (!incoming || incoming.organisation !== actor.organisation || incoming.id === actor.userId)
        throw new Invalid(
          `incomingUserId: the incoming officer must be another active account of ${actor.organisation}`,
          'incomingUserId',
        );
    }
    const appended = await appendEntry(w, {
      incidentId,
      kind: 'shift-handover',
      authorUserId: actor.userId,
      authorOrg: actor.organisation,
      marking: HANDOVER_MARKING,
      audience: [actor.organisation],
      recipients: [],
      releasableToNato: false,
      body: {
        organisation: actor.organisation,
        changed: input.changed,
        openAsks: input.openAsks,
        nextCover: input.nextCover,
        incomingUserId: input.incomingUserId ?? null,
      },
    });
    return handoverIn(w.trx, actor, incidentId, appended.id);
  });
}

/** The handovers among `entries`, with the corrections and retractions the reader may see of them. */
async function asTheLogLeaves(
  db: Parameters<typeof getVisibleResponseEntries>[0],
  actor: Actor,
  entries: readonly ResponseEntry[],
): Promise<HandoverState[]> {
  const supersessions = await getVisibleSupersessions(
    db,
    readerOf(actor),
    entries.map((e) => e.id),
  );
  return projectHandovers(entries, supersessions);
}

async function handoverIn(
  db: Parameters<typeof getVisibleResponseEntries>[0],
  actor: Actor,
  incidentId: string,
  handoverId: string,
): Promise<Handover> {
  const entries = await getVisibleResponseEntries(db, readerOf(actor), KINDS, { incidentId });
  const found = (await asTheLogLeaves(db, actor, entries)).find((h) => h.entry.id === handoverId);
  if (!found) throw new NotFound(`no handover ${handoverId} in this incident`);
  return handoverView(actor, found);
}

/** The incoming officer acknowledges the note once; the acknowledgement carries the note's reach. */
export function acknowledgeHandover(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  handoverId: string,
  input: AcknowledgeRequest,
  idempotency?: IdempotencyScope,
): Promise<Handover> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    await openIncident(w, actor, incidentId);
    await lockEntry(w, handoverId);
    const current = await handoverIn(w.trx, actor, incidentId, handoverId);
    if (current.acknowledged)
      throw new Conflict(
        `${current.acknowledged.name} already acknowledged this handover`,
        'id',
        'acknowledged',
      );
    assertAllowed(policy.acknowledgeHandover, onlyAsRulesSay(policy.acknowledgeHandover), actor, {
      organisation: current.organisation,
      authorUserId: current.writtenBy.userId,
      incomingUserId: current.incomingUserId,
    });
    await appendEntry(w, {
      incidentId,
      kind: 'shift-handover-acknowledged',
      authorUserId: actor.userId,
      authorOrg: actor.organisation,
      marking: HANDOVER_MARKING,
      audience: [current.organisation],
      recipients: [],
      releasableToNato: false,
      body: { handoverId, note: input.note },
    });
    return handoverIn(w.trx, actor, incidentId, handoverId);
  });
}
