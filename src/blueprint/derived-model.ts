import { z } from 'zod';
import { Assessment, AssessmentStatus, TriggerId } from './model.js';

/**
 * What the assessment's reasons and trigger explanations say, as facts rather than sentences. Stored text would name
 * entities for everyone; facts are rendered for each reader, with the names that reader may not see withheld
 * (CONTRACT "Who sees what"). An entity appears only by its name, so rendering can look it up in the reader's
 * hidden names; every other fact here (state lists, counts, who claimed what, the domain) is shared with all.
 */

/** A disrupted CEPES; the member states it serves say why it is one when there are six or more. */
const DisruptedCepes = z.object({
  name: z.string(),
  memberStatesServed: z.number().int(),
  /** Why it is one: ERCC's register, its `cepes` flag, or the states it serves (records before this say nothing). */
  basis: z.enum(['register', 'flag', 'reach']).optional(),
  /** Who asserted the disruption: its state of establishment, a state it serves, or ERCC. */
  assertedBy: z.string().optional(),
});

/** A disrupted CEPES reported only by organisations not entitled to assert it (CONTRACT, T2). */
const UnconfirmedCepes = z.object({ name: z.string(), claimedBy: z.array(z.string()) });

/** A disrupted entity that is not a CEPES: its sector is excluded (CER Art. 8), or it serves too few states. */
const DisruptedNotCepes = z.object({
  name: z.string(),
  excludedSector: z.string().nullable(),
  /** ERCC's register says it is not a CEPES, or holds it as EU infrastructure (Galileo, EGNOS…). */
  registerVerdict: z.enum(['not-cepes', 'eu-infrastructure']).nullable().default(null),
  memberStatesServed: z.number().int(),
});

export const TriggerFacts = z.discriminatedUnion('id', [
  z.object({
    id: z.literal('T1'),
    met: z.boolean(),
    significantlyAffected: z.array(z.string()),
    /** States others call significantly affected that would count once they assess themselves. */
    awaitingOwnAssessment: z.array(z.string()),
  }),
  z.object({
    id: z.literal('T2'),
    met: z.boolean(),
    disruptedCepes: z.array(DisruptedCepes),
    disruptedNotCepes: z.array(DisruptedNotCepes),
    undisruptedCepes: z.array(z.object({ name: z.string() })),
    unconfirmedCepes: z.array(UnconfirmedCepes).default([]),
  }),
  z.object({
    id: z.literal('T3'),
    met: z.boolean(),
    significantlyAffected: z.array(z.string()),
    coordinationAgreed: z.boolean(),
  }),
]);
export type TriggerFacts = z.infer<typeof TriggerFacts>;

export const ReasonFacts = z.discriminatedUnion('code', [
  z.object({ code: z.literal('out-of-scope'), domain: z.string() }),
  /** The domain in force was set by an update, not by the first report: who changed it (always shared). */
  z.object({ code: z.literal('domain-set'), domain: z.string(), by: z.string() }),
  z.object({ code: z.literal('unconfirmed-cepes'), name: z.string(), claimedBy: z.array(z.string()) }),
  /** A met trigger out of scope: it would apply in the civil domain. */
  z.object({ code: z.literal('would-be-met'), trigger: TriggerId }),
  z.object({ code: z.literal('applies'), trigger: TriggerId }),
  z.object({ code: z.literal('decision-required'), significantlyAffected: z.array(z.string()) }),
  z.object({ code: z.literal('below-threshold'), significantlyAffected: z.array(z.string()) }),
  z.object({ code: z.literal('unconfirmed-claim'), memberState: z.string(), claimedBy: z.array(z.string()) }),
  z.object({
    code: z.literal('third-countries'),
    countries: z.array(z.string()),
    /** Those of them whose level is their own assessment (relayed by ERCC over the API). */
    assessedThemselves: z.array(z.string()).default([]),
  }),
]);
export type ReasonFacts = z.infer<typeof ReasonFacts>;

/** The facts behind every sentence of an assessment: one per trigger, and the reasons for its status. */
export const DerivedFacts = z.object({
  triggers: z.array(TriggerFacts),
  reasons: z.array(ReasonFacts),
});
export type DerivedFacts = z.infer<typeof DerivedFacts>;

/** The assessment as the platform stores it: the shared facts, and its sentences as facts to render per reader. */
export const AssessmentRecord = Assessment.omit({ triggers: true, reasons: true }).extend({
  facts: DerivedFacts,
});
export type AssessmentRecord = z.infer<typeof AssessmentRecord>;

/** A status-change entry as stored from now on: the transition and the facts of its reasons, never their text. */
export const StatusChangeBody = z.object({
  from: AssessmentStatus.nullable(),
  to: AssessmentStatus,
  met: z.array(TriggerId),
  facts: DerivedFacts,
});
export type StatusChangeBody = z.infer<typeof StatusChangeBody>;
