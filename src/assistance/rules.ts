import type {
  AssistanceOffer,
  AssistanceRequest,
  MatchReason,
  MovedStep,
  OfferStep,
  RankedOffer,
  RequestStatus,
  StepRecord,
} from './model.js';
import { OFFER_STEPS } from './model.js';

type Need = Pick<
  AssistanceRequest,
  'category' | 'quantity' | 'unit' | 'location' | 'neededFrom' | 'neededUntil'
>;
type Capacity = Pick<
  AssistanceOffer,
  'category' | 'quantity' | 'unit' | 'location' | 'availableFrom' | 'availableUntil' | 'createdAt'
>;

export interface Match {
  fits: boolean;
  reasons: MatchReason[];
  /** Higher ranks first; only compared between offers that fit. */
  score: number;
}

const HOUR = 3_600_000;

/**
 * How well an offer meets a request. Category and unit must agree for it to fit at all; then what counts, in this
 * order: covering the whole quantity, arriving in time, being in the affected country already, lasting the whole need.
 */
export function matchOffer(need: Need, offer: Capacity): Match {
  const reasons: MatchReason[] = [];
  let fits = true;
  if (offer.category !== need.category) {
    fits = false;
    reasons.push({ code: 'other-category', category: offer.category });
  }
  if (offer.unit.trim().toLowerCase() !== need.unit.trim().toLowerCase()) {
    fits = false;
    reasons.push({ code: 'other-unit', unit: offer.unit });
  }
  let score = 0;
  if (offer.quantity >= need.quantity) {
    reasons.push({ code: 'covers-all' });
    score += 1000;
  } else {
    reasons.push({ code: 'covers-part', quantity: offer.quantity, of: need.quantity });
    score += Math.round((offer.quantity / need.quantity) * 500);
  }
  const lateBy = Date.parse(offer.availableFrom) - Date.parse(need.neededFrom);
  if (lateBy <= 0) {
    reasons.push({ code: 'in-time' });
    score += 400;
  } else {
    const hours = Math.ceil(lateBy / HOUR);
    reasons.push({ code: 'late', hours });
    score += Math.max(0, 300 - hours);
  }
  if (offer.location.country === need.location.country) {
    reasons.push({ code: 'same-country' });
    score += 100;
  } else reasons.push({ code: 'other-country', country: offer.location.country });
  const endsEarly =
    offer.availableUntil !== null &&
    (need.neededUntil === null || Date.parse(offer.availableUntil) < Date.parse(need.neededUntil));
  if (endsEarly) reasons.push({ code: 'ends-early' });
  else score += 50;
  return { fits, reasons, score };
}

/** Offers in the order the requester should consider them: fitting ones first, best first, then the oldest. */
export function rankOffers<O extends Capacity & { id: string }>(
  need: Need,
  offers: readonly O[],
): Array<O & Match & { rank: number }> {
  return offers
    .map((o) => ({ ...o, ...matchOffer(need, o) }))
    .sort(
      (a, b) =>
        Number(b.fits) - Number(a.fits) ||
        b.score - a.score ||
        a.createdAt.localeCompare(b.createdAt) ||
        a.id.localeCompare(b.id),
    )
    .map((o, i) => ({ ...o, rank: i + 1 }));
}

/** Who holds which side of an offer, and who is asking to move it. */
export interface StepParties {
  organisation: string;
  requester: string;
  /** The organisation that wrote the offer (ERCC for a relayed one). */
  offerer: string;
}

/** Which side sets a step in the usual course: the requester takes and releases help, the offerer moves it. */
export const STEP_OWNER: Record<MovedStep, 'requester' | 'offerer'> = {
  accepted: 'requester',
  'in-transit': 'offerer',
  deployed: 'offerer',
  demobilised: 'requester',
};

const ORDER = (s: OfferStep) => OFFER_STEPS.indexOf(s);

/** The step that follows, or undefined at the end. */
export function nextStepAfter(current: OfferStep): MovedStep | undefined {
  return OFFER_STEPS[ORDER(current) + 1] as MovedStep | undefined;
}

export type StepVerdict =
  | { ok: true; correction: boolean }
  | { ok: false; reason: 'not-yours' | 'out-of-order' | 'unchanged' };

/**
 * Whether `organisation` may move an offer from `current` to `step`: its owner, to the next step only; ERCC, which
 * keeps the record for the Mechanism, to any other step (a correction, recorded as such).
 */
export function judgeStep(parties: StepParties, current: OfferStep, step: MovedStep): StepVerdict {
  const owner = STEP_OWNER[step] === 'requester' ? parties.requester : parties.offerer;
  const inOrder = nextStepAfter(current) === step;
  if (parties.organisation === owner && inOrder) return { ok: true, correction: false };
  if (parties.organisation === 'ERCC') {
    if (step === current) return { ok: false, reason: 'unchanged' };
    return { ok: true, correction: !(inOrder && owner === 'ERCC') };
  }
  if (parties.organisation === owner)
    return { ok: false, reason: step === current ? 'unchanged' : 'out-of-order' };
  return { ok: false, reason: 'not-yours' };
}

/** The steps an organisation may set now: what the command would accept. */
export function allowedSteps(parties: StepParties, current: OfferStep): MovedStep[] {
  return (['accepted', 'in-transit', 'deployed', 'demobilised'] as const).filter(
    (s) => judgeStep(parties, current, s).ok,
  );
}

/** An offer's current step: its latest recorded step, else offered. */
export function currentStep(steps: readonly Pick<StepRecord, 'step'>[]): OfferStep {
  return steps.at(-1)?.step ?? 'offered';
}

/** What was accepted of an offer: the quantity of its latest acceptance, unless a later step undid it. */
export function acceptedQuantity(offerQuantity: number, steps: readonly StepRecord[]): number {
  if (currentStep(steps) === 'offered') return 0;
  const accepted = steps.filter((s) => s.step === 'accepted').at(-1);
  return accepted?.quantity ?? offerQuantity;
}

/**
 * A request's status: requested with no offers, offered while none is accepted, else the least advanced step among
 * the offers taken, so a request is deployed only when everything accepted has arrived and demobilised only at the end.
 */
export function requestStatus(offers: readonly Pick<RankedOffer, 'status'>[]): RequestStatus {
  if (offers.length === 0) return 'requested';
  const taken = offers.map((o) => o.status).filter((s) => s !== 'offered');
  if (taken.length === 0) return 'offered';
  return taken.reduce((least, s) => (ORDER(s) < ORDER(least) ? s : least));
}

/** Partial fulfilment: how much of the need the accepted offers cover. */
export function fulfilment(requested: number, offers: readonly Pick<RankedOffer, 'acceptedQuantity'>[]) {
  const accepted = offers.reduce((sum, o) => sum + o.acceptedQuantity, 0);
  return { accepted, requested, complete: accepted >= requested };
}

/**
 * An acceptance takes at most what was offered, no more than is left of it when it is a standing offer others have
 * taken parts of (`remaining`), and no more than the need still open.
 */
export function acceptanceProblem(
  wanted: number,
  offered: number,
  stillOpen: number,
  remaining: number = offered,
): 'more-than-offered' | 'more-than-remaining' | 'more-than-needed' | undefined {
  if (wanted > offered) return 'more-than-offered';
  if (wanted > remaining) return 'more-than-remaining';
  if (wanted > stillOpen) return 'more-than-needed';
  return undefined;
}

/**
 * What an offer's help holds for one request: what was accepted, from acceptance until it is demobilised. A standing
 * offer's capacity comes back when the help it gave goes home, so demobilised help holds nothing.
 */
export function heldQuantity(offerQuantity: number, steps: readonly StepRecord[]): number {
  const step = currentStep(steps);
  if (step === 'offered' || step === 'demobilised') return 0;
  return acceptedQuantity(offerQuantity, steps);
}

/**
 * What is left of an offer for `forRequest`, given its steps on every request (keyed by request id): the quantity
 * offered less what the other requests hold. A standing offer is taken in parts by several requests; an offer made
 * against one request has steps on that request only, so all of it is left for it.
 */
export function remainingFor(
  offerQuantity: number,
  stepsByRequest: ReadonlyMap<string, readonly StepRecord[]>,
  forRequest: string | null,
): number {
  let held = 0;
  for (const [requestId, steps] of stepsByRequest)
    if (requestId !== forRequest) held += heldQuantity(offerQuantity, steps);
  return Math.max(0, offerQuantity - held);
}

/** How much of a request's need the offers taken for it cover, from every offer's steps on that request. */
export function acceptedFor(
  requestId: string,
  offerQuantities: ReadonlyMap<string, number>,
  stepsByOffer: ReadonlyMap<string, ReadonlyMap<string, readonly StepRecord[]>>,
): number {
  let accepted = 0;
  for (const [offerId, perRequest] of stepsByOffer) {
    const steps = perRequest.get(requestId);
    if (steps) accepted += acceptedQuantity(offerQuantities.get(offerId) ?? 0, steps);
  }
  return accepted;
}
