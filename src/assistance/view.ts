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
  StepRecord,
} from './model.js';
import {
  acceptedQuantity,
  allowedSteps,
  currentStep,
  fulfilment,
  rankOffers,
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
): { requests: AssistanceRequest[]; standingOffers: AssistanceOffer[] } {
  const steps = new Map<string, StepRecord[]>();
  const offers: AssistanceOffer[] = [];
  for (const row of rows) {
    if (row.kind === 'assistance-offer') offers.push(offerOf(row));
    if (row.kind !== 'assistance-step') continue;
    const b = row.body as StepBody;
    const key = `${b.requestId}/${b.offerId}`;
    steps.set(key, [
      ...(steps.get(key) ?? []),
      {
        step: b.step,
        at: row.createdAt,
        byOrganisation: row.authorOrg,
        byName: row.authorName,
        correction: b.correction,
        quantity: b.quantity,
        note: b.note,
      },
    ]);
  }
  const standingOffers = offers.filter((o) => o.requestId === null);
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
        const history = steps.get(`${row.id}/${o.id}`) ?? [];
        const status = currentStep(history);
        const parties = { organisation: reader.organisation, requester: row.authorOrg, offerer: o.offeredBy };
        return {
          ...offerFields(o),
          rank: o.rank,
          fits: o.fits,
          reasons: o.reasons,
          status,
          acceptedQuantity: acceptedQuantity(o.quantity, history),
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
