import type { Kysely } from 'kysely';
import { readerOf } from '../entries/flows.js';
import { getIncident, incidentFor, openIncident } from '../incidents/flows.js';
import { appendEntry } from '../log/append.js';
import type { EntryBodyOf } from '../log/kinds.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import type { Database } from '../platform/db/schema.js';
import { type IdempotencyScope, inWrite, type WriteContext } from '../platform/db/write.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../platform/errors.js';
import * as policy from '../sharing/assistance.js';
import { assistanceStepReach } from '../sharing/assistance-steps.js';
import { defaultAudience, seeWithheldDetails } from '../sharing/entries.js';
import * as incidentPolicy from '../sharing/incidents.js';
import { assertAllowed, isAllowed, onlyAsRulesSay } from '../sharing/policy.js';
import { type EdxlRmMessage, edxlRmMessages } from './edxl-rm.js';
import type {
  AssistanceOffer,
  AssistanceRequest,
  IncidentAssistance,
  NewAssistanceOffer,
  NewAssistanceRequest,
  StepRequest,
} from './model.js';
import {
  acceptanceProblem,
  acceptedFor,
  acceptedQuantity,
  currentStep,
  judgeStep,
  remainingFor,
  STEP_OWNER,
} from './rules.js';
import { getAllOffersAndSteps, getAllRetractions, getVisibleAssistance, lockRequest } from './store.js';
import { standingAssistance } from './supersession-rules.js';
import { assistanceView, stepsByOffer } from './view.js';

/** What the incident's assistance looks like to this reader: requests with their ranked offers, standing offers. */
/** The assistance entries the reader may see, as their corrections and retractions leave them. */
async function standingVisible(db: Kysely<Database>, actor: Actor, filter: { incidentId?: string }) {
  const reader = readerOf(actor);
  const { rows, supersessions } = await getVisibleAssistance(db, reader, filter);
  return standingAssistance(
    rows,
    supersessions.map((s) => ({
      ...s,
      textWithheld: s.withheld && !isAllowed(seeWithheldDetails, reader, s.authorOrg),
    })),
  );
}

export async function listAssistance(
  platform: Platform,
  actor: Actor,
  incidentId: string,
): Promise<IncidentAssistance> {
  const incident = await getIncident(platform, actor, incidentId);
  const rows = await standingVisible(platform.db.kysely, actor, { incidentId });
  const { requests, standingOffers } = assistanceView(rows, actor);
  return {
    items: requests,
    standingOffers,
    abilities: {
      request: isAllowed(policy.requestAssistance, actor, incident),
      offer: isAllowed(policy.offerAssistance, actor, { requester: null, onBehalfOf: null }),
      relayForThirdStates: isAllowed(policy.offerAssistance, actor, { requester: null, onBehalfOf: 'NO' }),
    },
  };
}

/**
 * ERCC's board: every open request (not yet demobilised) across the incidents, in a fixed number of queries
 * whatever their number (one for the entries with their incidents), each as ERCC may see it.
 */
export async function assistanceBoard(platform: Platform, actor: Actor): Promise<AssistanceRequest[]> {
  assertAllowed(policy.readAssistanceBoard, onlyAsRulesSay(policy.readAssistanceBoard), actor);
  const rows = (await standingVisible(platform.db.kysely, actor, {})).filter((r) =>
    isAllowed(incidentPolicy.readIncident, actor, { releasableToNato: r.incidentReleasableToNato }),
  );
  return assistanceView(rows, actor)
    .requests.filter((r) => r.status !== 'demobilised')
    .sort(
      (a, b) =>
        PRIORITY_FIRST[a.priority] - PRIORITY_FIRST[b.priority] || a.neededFrom.localeCompare(b.neededFrom),
    );
}

/**
 * The EDXL-RM messages for what the reader may see, of one incident or of every incident they may see: only
 * TLP:CLEAR and TLP:GREEN items leave (src/assistance/edxl-rm.ts).
 */
export async function exportEdxlRm(
  platform: Platform,
  actor: Actor,
  incidentId?: string,
  /** Which markings leave; an EDXL-DE envelope, carrying the marking, lets AMBER out too (src/interchange). */
  mayLeave?: (marking: string) => boolean,
): Promise<EdxlRmMessage[]> {
  if (incidentId) await getIncident(platform, actor, incidentId);
  const rows = (await standingVisible(platform.db.kysely, actor, incidentId ? { incidentId } : {})).filter(
    (r) => isAllowed(incidentPolicy.readIncident, actor, { releasableToNato: r.incidentReleasableToNato }),
  );
  const exercises = new Set(rows.filter((r) => r.incidentExercise).map((r) => r.incidentId));
  return edxlRmMessages(assistanceView(rows, actor).requests, mayLeave, exercises);
}

const PRIORITY_FIRST = { critical: 0, urgent: 1, routine: 2 } as const;

/** The audience an author chose, or everyone; NATO is added only by release, never listed. */
function audienceOf(
  input: { audience?: string[] | undefined },
  mustInclude: readonly string[],
  otherwise: readonly string[] = defaultAudience(),
): string[] {
  const chosen = input.audience ?? otherwise;
  if (chosen.includes('NATO'))
    throw new Invalid('audience: NATO is reached by releasableToNato, never listed', 'audience');
  return [...new Set([...chosen, ...mustInclude])];
}

async function requestIn(w: WriteContext, actor: Actor, incidentId: string, requestId: string) {
  const rows = await standingVisible(w.trx, actor, { incidentId });
  const view = assistanceView(rows, actor);
  const request = view.requests.find((r) => r.id === requestId);
  return { request, view };
}

/** An affected state's coordinator asks for help; the request is an entry with the reach they chose. */
export function requestAssistance(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  input: NewAssistanceRequest,
  idempotency?: IdempotencyScope,
): Promise<AssistanceRequest> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    const ref = await openIncident(w, actor, incidentId);
    const incident = await incidentFor(w.trx, actor, incidentId, new Date(w.now));
    assertAllowed(policy.requestAssistance, onlyAsRulesSay(policy.requestAssistance), actor, incident);
    if (input.releasableToNato && !ref.releasableToNato)
      throw new Invalid('releasableToNato: this incident is not released to NATO', 'releasableToNato');
    if (input.ucpm.cecisReference && !input.ucpm.formal)
      throw new Invalid(
        'ucpm.cecisReference: a CECIS reference belongs to a formal UCPM request',
        'ucpm.cecisReference',
      );
    const appended = await appendEntry(w, {
      incidentId,
      kind: 'assistance-request',
      authorUserId: actor.userId,
      authorOrg: actor.organisation,
      marking: input.marking,
      audience: audienceOf(input, []),
      recipients: [],
      releasableToNato: input.releasableToNato,
      body: {
        category: input.category,
        description: input.description,
        quantity: input.quantity,
        unit: input.unit,
        location: input.location,
        neededFrom: input.neededFrom,
        neededUntil: input.neededUntil ?? null,
        priority: input.priority,
        constraints: input.constraints,
        ucpm: { formal: input.ucpm.formal, cecisReference: input.ucpm.cecisReference ?? null },
      },
    });
    const { request } = await requestIn(w, actor, incidentId, appended.id);
    return request!;
  });
}

/**
 * Another organisation offers help against a request it can see, or a standing offer of capacity; ERCC relays a
 * third country's. The requester is always among its audience: an offer it could not see would help nobody.
 */
export function offerAssistance(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  input: NewAssistanceOffer,
  idempotency?: IdempotencyScope,
): Promise<AssistanceOffer> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    const ref = await openIncident(w, actor, incidentId);
    let requester: string | null = null;
    // Answering a request reaches, unless the offerer says otherwise, no further than the request itself.
    let requestAudience: string[] | undefined;
    if (input.requestId) {
      await lockRequest(w, input.requestId);
      const { request } = await requestIn(w, actor, incidentId, input.requestId);
      if (!request)
        throw new Invalid(`requestId: no request ${input.requestId} in this incident`, 'requestId');
      if (request.status === 'demobilised')
        throw new Conflict('requestId: this request is closed (demobilised)', 'requestId', 'closed');
      requester = request.requestedBy;
      requestAudience = request.audience;
    }
    const subject = { requester, onBehalfOf: input.onBehalfOf ?? null };
    assertAllowed(policy.offerAssistance, onlyAsRulesSay(policy.offerAssistance), actor, subject);
    if (input.releasableToNato && !ref.releasableToNato)
      throw new Invalid('releasableToNato: this incident is not released to NATO', 'releasableToNato');
    const appended = await appendEntry(w, {
      incidentId,
      kind: 'assistance-offer',
      authorUserId: actor.userId,
      authorOrg: actor.organisation,
      marking: input.marking,
      audience: audienceOf(input, requester ? [requester] : [], requestAudience),
      recipients: [],
      releasableToNato: input.releasableToNato,
      body: {
        requestId: input.requestId ?? null,
        category: input.category,
        what: input.what,
        quantity: input.quantity,
        unit: input.unit,
        location: input.location,
        availableFrom: input.availableFrom,
        availableUntil: input.availableUntil ?? null,
        conditions: input.conditions,
        costs: input.costs,
        onBehalfOf: input.onBehalfOf ?? null,
      },
    });
    return {
      id: appended.id,
      incidentId,
      requestId: input.requestId ?? null,
      offeredBy: actor.organisation,
      offeringCountry: input.onBehalfOf ?? actor.organisation,
      relayedBy: input.onBehalfOf ? actor.organisation : null,
      category: input.category,
      what: input.what,
      quantity: input.quantity,
      unit: input.unit,
      location: input.location,
      availableFrom: input.availableFrom,
      availableUntil: input.availableUntil ?? null,
      conditions: input.conditions,
      costs: input.costs,
      marking: input.marking,
      createdAt: appended.createdAt,
    };
  });
}

/** The quantity an offer's body states. */
function offerQuantityOf(body: unknown): number {
  return (body as EntryBodyOf<'assistance-offer'>).quantity;
}

const REFUSALS = {
  'not-yours': (step: string, owner: string) =>
    `only the ${owner === 'requester' ? 'requesting' : 'offering'} organisation marks ${step} (ERCC may correct any step)`,
  'out-of-order': (step: string) => `an offer moves one step at a time; it cannot be marked ${step} now`,
  unchanged: (step: string) => `the offer is already ${step}`,
} as const;

/**
 * Moves an offer against a request one step: decided on the request as it stands under the write lock (its row
 * locked on PostgreSQL), so two steps at once cannot both pass from the same state. The step reaches whoever sees
 * the offer, and always both sides.
 */
export function moveStep(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  requestId: string,
  input: StepRequest,
  idempotency?: IdempotencyScope,
): Promise<AssistanceRequest> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    await openIncident(w, actor, incidentId);
    assertAllowed(policy.moveAssistance, onlyAsRulesSay(policy.moveAssistance), actor);
    await lockRequest(w, requestId);
    const { request } = await requestIn(w, actor, incidentId, requestId);
    if (!request) throw new NotFound(`no request ${requestId}`);
    const offer = request.offers.find((o) => o.id === input.offerId);
    if (!offer) throw new Invalid(`offerId: no offer ${input.offerId} for this request`, 'offerId');
    // The actor must see the request and the offer; what it decides on is every offer and step as written (not
    // only those the actor sees), read under this transaction's lock, so a standing offer is never committed
    // beyond its quantity and a step is judged on the offer's true current step.
    const truth = standingAssistance(
      await getAllOffersAndSteps(w.trx, incidentId),
      (await getAllRetractions(w.trx, incidentId)).map((s) => ({ ...s, textWithheld: true })),
    );
    const byOffer = stepsByOffer(truth);
    const history = byOffer.get(offer.id)?.get(requestId) ?? [];
    const status = currentStep(history);
    const held = acceptedQuantity(offer.quantity, history);
    const quantities = new Map(
      truth.filter((r) => r.kind === 'assistance-offer').map((r) => [r.id, offerQuantityOf(r.body)]),
    );
    const verdict = judgeStep(
      { organisation: actor.organisation, requester: request.requestedBy, offerer: offer.offeredBy },
      status,
      input.step,
    );
    if (!verdict.ok) {
      const message = REFUSALS[verdict.reason](input.step, STEP_OWNER[input.step]);
      if (verdict.reason === 'not-yours') throw new Forbidden(message, 'step');
      throw new Conflict(message, 'step', verdict.reason);
    }
    // What other requests hold of the offer: all of it is left for a request it was made against.
    const remaining = remainingFor(offer.quantity, byOffer.get(offer.id) ?? new Map(), requestId);
    // The figure counts acceptances the caller may not see: told only where it says nothing their view does not.
    const overCommitted = () =>
      new Conflict(
        isAllowed(policy.tellWhatIsLeftOfOffer, actor, {
          offeredBy: offer.offeredBy,
          actual: remaining,
          shown: offer.available,
        })
          ? `quantity: only ${remaining} ${offer.unit} are left of this standing offer`
          : 'quantity: other requests hold part of this standing offer; less than that is left of it',
        'quantity',
        'over-committed',
      );
    let quantity: number | null = null;
    if (input.step === 'accepted') {
      if (!offer.fits)
        throw new Invalid('offerId: this offer is of another category or unit than the request', 'offerId');
      const stillOpen = request.quantity - acceptedFor(requestId, quantities, byOffer) + held;
      quantity = input.quantity ?? Math.min(remaining, stillOpen);
      const problem = acceptanceProblem(quantity, offer.quantity, stillOpen, remaining);
      if (problem === 'more-than-offered')
        throw new Invalid(`quantity: at most ${offer.quantity} ${offer.unit} were offered`, 'quantity');
      if (problem === 'more-than-remaining' || (quantity <= 0 && remaining <= 0)) throw overCommitted();
      if (problem === 'more-than-needed' || quantity <= 0)
        throw new Invalid('quantity: more than the request still needs', 'quantity');
    } else if (input.quantity !== undefined) {
      throw new Invalid('quantity: only an acceptance takes a quantity', 'quantity');
    } else if (status === 'demobilised' && input.step !== 'demobilised') {
      // ERCC putting demobilised help back on the ground takes its part of the offer again.
      if (held > remaining) throw overCommitted();
    }
    // The step speaks of the request and the offer: it reaches those who see both (src/sharing/assistance-steps.ts).
    const reaches = await w.trx
      .selectFrom('entry_reach')
      .select(['entry_id', 'marking', 'audience', 'releasable_to_nato'])
      .where('entry_id', 'in', [requestId, offer.id])
      .execute();
    const reachOf = (id: string, authorOrg: string) => {
      const row = reaches.find((r) => r.entry_id === id);
      if (!row) throw new Error(`no reach recorded for entry ${id}`);
      return {
        authorOrg,
        marking: row.marking,
        audience: JSON.parse(row.audience) as string[],
        releasableToNato: Number(row.releasable_to_nato) === 1,
      };
    };
    const reach = assistanceStepReach(
      reachOf(requestId, request.requestedBy),
      reachOf(offer.id, offer.offeredBy),
    );
    await appendEntry(w, {
      incidentId,
      kind: 'assistance-step',
      authorUserId: actor.userId,
      authorOrg: actor.organisation,
      marking: reach.marking,
      audience: reach.audience,
      recipients: [],
      releasableToNato: reach.releasableToNato,
      body: {
        requestId,
        offerId: offer.id,
        step: input.step,
        quantity,
        correction: verdict.correction,
        note: input.note,
      },
    });
    return (await requestIn(w, actor, incidentId, requestId)).request!;
  });
}
