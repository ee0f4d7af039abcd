import { z } from 'zod';
import { AudienceMember } from '../registry/model.js';

/** What an affected state may ask for; `other` with a description covers what the list does not name. */
export const ASSISTANCE_CATEGORIES = [
  'power-generators',
  'cable-repair-vessel',
  'gas-supply',
  'cyber-incident-response-team',
  'experts',
  'satellite-capacity',
  'spare-parts',
  'other',
] as const;
export const AssistanceCategory = z.enum(ASSISTANCE_CATEGORIES);
export type AssistanceCategory = z.infer<typeof AssistanceCategory>;

export const PRIORITIES = ['routine', 'urgent', 'critical'] as const;
export const Priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof Priority>;

/**
 * Participating states of the Union Civil Protection Mechanism outside the EU. They have no account on the
 * platform: ERCC relays their offers, naming the country.
 */
export const UCPM_THIRD_STATES = ['NO', 'IS', 'RS', 'TR', 'UA', 'MK', 'ME', 'AL', 'BA', 'MD'] as const;
export const UcpmThirdState = z.enum(UCPM_THIRD_STATES);

/** The lifecycle of one offer against one request; the request's own status is derived from its offers. */
export const OFFER_STEPS = ['offered', 'accepted', 'in-transit', 'deployed', 'demobilised'] as const;
export const OfferStep = z.enum(OFFER_STEPS);
export type OfferStep = z.infer<typeof OfferStep>;

export const REQUEST_STATUSES = ['requested', ...OFFER_STEPS] as const;
export const RequestStatus = z.enum(REQUEST_STATUSES);
export type RequestStatus = z.infer<typeof RequestStatus>;

/** Steps someone sets after the offer: `offered` is the offer itself. */
export const MOVED_STEPS = ['accepted', 'in-transit', 'deployed', 'demobilised'] as const;
export const MovedStep = z.enum(MOVED_STEPS);
export type MovedStep = z.infer<typeof MovedStep>;

export const COST_ARRANGEMENTS = ['free-of-charge', 'cost-shared', 'reimbursed', 'ucpm-co-financed'] as const;
export const CostArrangement = z.enum(COST_ARRANGEMENTS);

const Code = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, 'a two-letter country code')
  .transform((c) => c.toUpperCase());
const Instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());
const Quantity = z.number().positive().max(1_000_000);
const Unit = z.string().trim().min(1).max(40);

/** Where help is needed or comes from: a country and, for people on the ground, a place. */
export const Location = z.strictObject({
  country: Code,
  place: z.string().trim().max(200).default(''),
});
export type Location = z.infer<typeof Location>;

/** Assistance goes to those able to give it: every marking but RED, which reaches named people only. */
export const AssistanceMarking = z.enum(['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT']);

const Reach = {
  marking: AssistanceMarking,
  audience: z.array(AudienceMember).max(100).optional(),
  releasableToNato: z.boolean().default(false),
};

export const NewAssistanceRequest = z
  .strictObject({
    category: AssistanceCategory,
    description: z.string().trim().max(2000).default(''),
    quantity: Quantity,
    unit: Unit,
    location: Location,
    neededFrom: Instant,
    neededUntil: Instant.optional(),
    priority: Priority,
    /** Certifications, interoperability (plugs, voltages, protocols), security clearances. */
    constraints: z.array(z.string().trim().min(1).max(300)).max(20).default([]),
    ucpm: z
      .strictObject({
        formal: z.boolean(),
        cecisReference: z.string().trim().min(1).max(60).optional(),
      })
      .default({ formal: false }),
    ...Reach,
  })
  .refine((r) => !r.neededUntil || r.neededUntil > r.neededFrom, {
    message: 'neededUntil must be after neededFrom',
    path: ['neededUntil'],
  })
  .refine((r) => r.category !== 'other' || r.description.length > 0, {
    message: 'say what is needed when the category is other',
    path: ['description'],
  });
export type NewAssistanceRequest = z.infer<typeof NewAssistanceRequest>;

export const NewAssistanceOffer = z
  .strictObject({
    /** The request answered; omitted, a standing offer of capacity in this incident. */
    requestId: z.string().min(1).max(64).optional(),
    category: AssistanceCategory,
    what: z.string().trim().min(1).max(500),
    quantity: Quantity,
    unit: Unit,
    /** Where the capacity is now (or would deploy from). */
    location: Location,
    availableFrom: Instant,
    availableUntil: Instant.optional(),
    conditions: z.string().trim().max(2000).default(''),
    costs: CostArrangement,
    /** A UCPM participating state outside the EU whose offer ERCC relays. */
    onBehalfOf: UcpmThirdState.optional(),
    ...Reach,
  })
  .refine((o) => !o.availableUntil || o.availableUntil > o.availableFrom, {
    message: 'availableUntil must be after availableFrom',
    path: ['availableUntil'],
  });
export type NewAssistanceOffer = z.infer<typeof NewAssistanceOffer>;

export const StepRequest = z.strictObject({
  offerId: z.string().min(1).max(64),
  step: MovedStep,
  /** On acceptance: how much of the offer is taken (all when omitted). */
  quantity: Quantity.optional(),
  note: z.string().trim().max(2000).default(''),
});
export type StepRequest = z.infer<typeof StepRequest>;

/** Why an offer ranks where it does, as facts the reader's language puts into words. */
export const MatchReason = z.discriminatedUnion('code', [
  z.object({ code: z.literal('covers-all') }),
  z.object({ code: z.literal('covers-part'), quantity: z.number(), of: z.number() }),
  z.object({ code: z.literal('in-time') }),
  z.object({ code: z.literal('late'), hours: z.number() }),
  z.object({ code: z.literal('ends-early') }),
  z.object({ code: z.literal('same-country') }),
  z.object({ code: z.literal('other-country'), country: z.string() }),
  z.object({ code: z.literal('other-category'), category: AssistanceCategory }),
  z.object({ code: z.literal('other-unit'), unit: z.string() }),
]);
export type MatchReason = z.infer<typeof MatchReason>;

export const StepRecord = z.object({
  step: MovedStep,
  at: z.string(),
  byOrganisation: z.string(),
  byName: z.string().nullable(),
  /** ERCC set it out of the usual order or for someone else. */
  correction: z.boolean(),
  quantity: z.number().nullable(),
  note: z.string(),
});
export type StepRecord = z.infer<typeof StepRecord>;

export const AssistanceOffer = z.object({
  id: z.string(),
  incidentId: z.string(),
  requestId: z.string().nullable(),
  /** The organisation that wrote it (ERCC for a relayed offer). */
  offeredBy: z.string(),
  /** Who gives the help: the writing organisation, or the third country ERCC relays. */
  offeringCountry: z.string(),
  relayedBy: z.string().nullable(),
  category: AssistanceCategory,
  what: z.string(),
  quantity: z.number(),
  unit: z.string(),
  location: z.object({ country: z.string(), place: z.string() }),
  availableFrom: z.string(),
  availableUntil: z.string().nullable(),
  conditions: z.string(),
  costs: CostArrangement,
  marking: z.string(),
  createdAt: z.string(),
});
export type AssistanceOffer = z.infer<typeof AssistanceOffer>;

export const RankedOffer = AssistanceOffer.extend({
  rank: z.number().int(),
  /** False for an offer of another category or unit: shown, never ranked above one that fits. */
  fits: z.boolean(),
  reasons: z.array(MatchReason),
  status: OfferStep,
  acceptedQuantity: z.number(),
  /** How much of it this request could hold: all of it, or of a standing offer what other requests do not hold. */
  available: z.number(),
  steps: z.array(StepRecord),
  /** Steps the caller may set now, decided by the same rules the command checks. */
  nextSteps: z.array(MovedStep),
});
export type RankedOffer = z.infer<typeof RankedOffer>;

export const AssistanceRequest = z.object({
  id: z.string(),
  incidentId: z.string(),
  incidentTitle: z.string().optional(),
  requestedBy: z.string(),
  category: AssistanceCategory,
  description: z.string(),
  quantity: z.number(),
  unit: z.string(),
  location: z.object({ country: z.string(), place: z.string() }),
  neededFrom: z.string(),
  neededUntil: z.string().nullable(),
  priority: Priority,
  constraints: z.array(z.string()),
  ucpm: z.object({ formal: z.boolean(), cecisReference: z.string().nullable() }),
  marking: z.string(),
  audience: z.array(z.string()),
  createdAt: z.string(),
  status: RequestStatus,
  /** How much of the need accepted offers cover. */
  fulfilment: z.object({ accepted: z.number(), requested: z.number(), complete: z.boolean() }),
  offers: z.array(RankedOffer),
  abilities: z.object({ offer: z.boolean() }),
});
export type AssistanceRequest = z.infer<typeof AssistanceRequest>;

/** A standing offer of capacity, with what is left of it while parts are accepted against requests. */
export const StandingOffer = AssistanceOffer.extend({
  /** The quantity offered less what accepted help holds until it is demobilised. */
  remaining: z.number(),
});
export type StandingOffer = z.infer<typeof StandingOffer>;

export const IncidentAssistance = z.object({
  items: z.array(AssistanceRequest),
  standingOffers: z.array(StandingOffer),
  abilities: z.object({ request: z.boolean(), offer: z.boolean(), relayForThirdStates: z.boolean() }),
});
export type IncidentAssistance = z.infer<typeof IncidentAssistance>;
