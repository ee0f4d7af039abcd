import type { z } from 'zod';
import type { EntryBodyOf } from '../log/kinds.js';
import { moveAssistance, offerAssistance } from '../sharing/assistance.js';
import { isAllowed } from '../sharing/policy.js';
import type { Principal } from '../sharing/principal.js';
import type {
  AssistanceCategory,
  AssistanceOffer,
  AssistanceRequest,
  CostArrangement,
  Priority,
  RankedOffer,
  StandingOffer,
  StepRecord,
} from './model.js';
import {
  acceptedQuantity,
  allowedSteps,
  currentStep,
  fulfilment,
  rankOffers,
  remainingFor,
  requestStatus,
} from './rules.js';
import type { AssistanceRow } from './store.js';

type RequestBody = EntryBodyOf<'assistance-request'>;
type OfferBody = EntryBodyOf<'assistance-offer'>;
type StepBody = EntryBodyOf<'assistance-step'>;

function offerOf(row: AssistanceRow): AssistanceOffer {
  const b = row.body as OfferBody;
  return {
    id: row.id,
    incidentId: row.incidentId,
    requestId: b.requestId,
    offeredBy: row.authorOrg,
    offeringCountry: b.onBehalfOf ?? row.authorOrg,
    relayedBy: b.onBehalfOf ? row.authorOrg : null,
    category: b.category as AssistanceCategory,
    what: b.what,
    quantity: b.quantity,
    unit: b.unit,
    location: b.location,
    availableFrom: b.availableFrom,
    availableUntil: b.availableUntil,
    conditions: b.conditions,
    costs: b.costs as z.infer<typeof CostArrangement>,
    marking: row.marking,
    createdAt: row.createdAt,
  };
}

/** The requests, offers and steps a reader may see, put together: each request with its options ranked. */
export function assistanceView(
  rows: readonly AssistanceRow[],
  reader: Principal,
): { requests: AssistanceRequest[]; standingOffers: StandingOffer[] } {
  const offers = rows.filter((r) => r.kind === 'assistance-offer').map(offerOf);
  const byOffer = stepsByOffer(rows);
  const standingOffers: StandingOffer[] = offers
    .filter((o) => o.requestId === null)
    .map((o) => ({ ...o, remaining: remainingFor(o.quantity, byOffer.get(o.id) ?? new Map(), null) }));
  const mayMove = isAllowed(moveAssistance, reader);
  const requests = rows
    .filter((r) => r.kind === 'assistance-request')
    .map((row): AssistanceRequest => {
      const b = row.body as RequestBody;
      const need = {
        category: b.category as AssistanceCategory,
        quantity: b.quantity,
        unit: b.unit,
        location: b.location,
        neededFrom: b.neededFrom,
        neededUntil: b.neededUntil,
      };
      // Offers made against it, and standing offers in its incident of the same category.
      const options = offers.filter(
        (o) =>
          o.requestId === row.id ||
          (o.requestId === null && o.incidentId === row.incidentId && o.category === need.category),
      );
      const ranked: RankedOffer[] = rankOffers(need, options).map((o) => {
        const history = byOffer.get(o.id)?.get(row.id) ?? [];
        const status = currentStep(history);
        const parties = { organisation: reader.organisation, requester: row.authorOrg, offerer: o.offeredBy };
        return {
          ...offerFields(o),
          rank: o.rank,
          fits: o.fits,
          reasons: o.reasons,
          status,
          acceptedQuantity: acceptedQuantity(o.quantity, history),
          available: remainingFor(o.quantity, byOffer.get(o.id) ?? new Map(), row.id),
          steps: history,
          nextSteps: mayMove ? allowedSteps(parties, status) : [],
        };
      });
      return {
        id: row.id,
        incidentId: row.incidentId,
        incidentTitle: row.incidentTitle,
        requestedBy: row.authorOrg,
        category: need.category,
        description: b.description,
        quantity: b.quantity,
        unit: b.unit,
        location: b.location,
        neededFrom: b.neededFrom,
        neededUntil: b.neededUntil,
        priority: b.priority as Priority,
        constraints: b.constraints,
        ucpm: b.ucpm,
        marking: row.marking,
        audience: row.audience,
        createdAt: row.createdAt,
        status: requestStatus(ranked.filter((o) => o.requestId !== null || o.steps.length > 0)),
        fulfilment: fulfilment(b.quantity, ranked),
        offers: ranked,
        abilities: {
          offer:
            isAllowed(offerAssistance, reader, { requester: row.authorOrg, onBehalfOf: null }) ||
            isAllowed(offerAssistance, reader, { requester: row.authorOrg, onBehalfOf: 'NO' }),
        },
      };
    });
  return { requests, standingOffers };
}

/** An offer's own fields, without what ranking added. */
function offerFields(o: AssistanceOffer): AssistanceOffer {
  return {
    id: o.id,
    incidentId: o.incidentId,
    requestId: o.requestId,
    offeredBy: o.offeredBy,
    offeringCountry: o.offeringCountry,
    relayedBy: o.relayedBy,
    category: o.category,
    what: o.what,
    quantity: o.quantity,
    unit: o.unit,
    location: o.location,
    availableFrom: o.availableFrom,
    availableUntil: o.availableUntil,
    conditions: o.conditions,
    costs: o.costs,
    marking: o.marking,
    createdAt: o.createdAt,
  };
}

/**
 * The steps recorded on each offer, by the request they were taken for, in the order they were written: what a
 * standing offer's remaining quantity is computed from. The command passes every step of the incident, the views
 * those the reader sees.
 */
export function stepsByOffer(
  rows: readonly (Pick<AssistanceRow, 'kind' | 'body' | 'createdAt' | 'authorOrg'> & {
    authorName?: string;
  })[],
): Map<string, Map<string, StepRecord[]>> {
  const byOffer = new Map<string, Map<string, StepRecord[]>>();
  for (const row of rows) {
    if (row.kind !== 'assistance-step') continue;
    const b = row.body as StepBody;
    const perRequest = byOffer.get(b.offerId) ?? new Map<string, StepRecord[]>();
    byOffer.set(b.offerId, perRequest);
    perRequest.set(b.requestId, [
      ...(perRequest.get(b.requestId) ?? []),
      {
        step: b.step,
        at: row.createdAt,
        byOrganisation: row.authorOrg,
        byName: row.authorName ?? null,
        correction: b.correction,
        quantity: b.quantity,
        note: b.note,
      },
    ]);
  }
  return byOffer;
}
