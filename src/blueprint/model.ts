import { z } from 'zod';
import { Engagement, MechanismSuggestion } from '../response/model.js';

export const ASSESSMENT_STATUSES = [
  'applies',
  'decision-required',
  'below-threshold',
  'out-of-scope',
] as const;
export const AssessmentStatus = z.enum(ASSESSMENT_STATUSES);
export type AssessmentStatus = z.infer<typeof AssessmentStatus>;

export const TRIGGER_IDS = ['T1', 'T2', 'T3'] as const;
export const TriggerId = z.enum(TRIGGER_IDS);
export type TriggerId = z.infer<typeof TriggerId>;

/** A level a state can give its own impact; `unknown` is the absence of one. */
export const OWN_LEVELS = ['none', 'minor', 'significant'] as const;
export const OwnLevel = z.enum(OWN_LEVELS);
export type OwnLevel = z.infer<typeof OwnLevel>;

export const Trigger = z.object({
  id: TriggerId,
  met: z.boolean(),
  /** Names what was counted and what is missing, for the duty officer who must act on it. */
  explanation: z.string(),
});
export type Trigger = z.infer<typeof Trigger>;

export const Assessment = z.object({
  status: AssessmentStatus,
  triggers: z.array(Trigger),
  /** EU member states whose own level is significant, sorted. */
  significantlyAffected: z.array(z.string()),
  /** EU member states whose own level is minor, sorted. */
  minorlyAffected: z.array(z.string()),
  /** EU member states that others report as significantly affected and that have not assessed themselves, sorted. */
  unconfirmed: z.array(z.string()),
  /** Countries outside the EU that anyone reports as significantly affected, sorted. */
  thirdCountriesAffected: z.array(z.string()),
  /** Names of significantly disrupted CEPES, in report order. */
  cepesAffected: z.array(z.string()),
  /** Names of disrupted CEPES reported only by organisations not entitled to assert it; withheld like cepesAffected. */
  unconfirmedCepes: z.array(z.string()).default([]),
  /** EU member states that have made an own assessment (none, minor or significant), sorted. */
  ownAssessments: z.array(z.string()),
  reasons: z.array(z.string()),
});
export type Assessment = z.infer<typeof Assessment>;

/** From least to most demanding of Union-level coordination; out-of-scope stands outside this order. */
export const STATUS_ORDER: readonly AssessmentStatus[] = ['below-threshold', 'decision-required', 'applies'];

export const POSITIONS = ['yes', 'no', 'abstain'] as const;
export const Position = z.enum(POSITIONS);
export type Position = z.infer<typeof Position>;

/**
 * A consultation recorded under the earlier rule (positions and a majority count). Kept as history: it no longer
 * sets the coordination decision, and none is opened any more.
 */
export const MajorityConsultation = z.object({
  procedure: z.literal('majority-count'),
  id: z.string(),
  openedAt: z.string(),
  openedBy: z.string(),
  deadline: z.string(),
  question: z.string(),
  /** Significantly affected member states when the consultation was opened, and when it is decided. */
  consulted: z.array(z.string()),
  positions: z.array(
    z.object({
      memberState: z.string(),
      position: Position,
      comment: z.string(),
      at: z.string(),
      by: z.string(),
    }),
  ),
  advice: z.array(z.object({ text: z.string(), at: z.string(), by: z.string(), organisation: z.string() })),
  decision: z
    .object({
      decision: z.enum(['yes', 'no']),
      rationale: z.string(),
      at: z.string(),
      by: z.string(),
      agreed: z.boolean(),
      yes: z.number(),
      of: z.number(),
    })
    .nullable(),
  open: z.boolean(),
});
export type MajorityConsultation = z.infer<typeof MajorityConsultation>;

/** What the Presidency proposes in a silence procedure. */
export const PROPOSALS = ['coordinate', 'do-not-coordinate'] as const;
export const Proposal = z.enum(PROPOSALS);
export type Proposal = z.infer<typeof Proposal>;

/** A consulted state's answer; silence (no answer by its deadline) is consent. */
export const CONSULTATION_ANSWERS = ['objection', 'consent'] as const;
export const ConsultationAnswer = z.enum(CONSULTATION_ANSWERS);
export type ConsultationAnswer = z.infer<typeof ConsultationAnswer>;

/** How a silence procedure ended: its last deadline passed, everyone answered, or the Presidency declined early. */
export const CONCLUSION_REASONS = ['deadline', 'all-answered', 'declined'] as const;
export const ConclusionReason = z.enum(CONCLUSION_REASONS);
export type ConclusionReason = z.infer<typeof ConclusionReason>;

export const CONSULTATION_OUTCOMES = ['agreed', 'not-agreed', 'declined'] as const;
export const ConsultationOutcome = z.enum(CONSULTATION_OUTCOMES);
export type ConsultationOutcome = z.infer<typeof ConsultationOutcome>;

/**
 * The Presidency's consultation on Union-level coordination (T3) as a silence procedure (BLUEPRINT.md §2): the
 * significantly affected states are consulted, each until its own deadline; an objection carries a reason.
 */
export const SilenceProcedure = z.object({
  procedure: z.literal('silence'),
  id: z.string(),
  openedAt: z.string(),
  openedBy: z.string(),
  proposal: Proposal,
  /** The Presidency's reasoning for its proposal. */
  text: z.string(),
  deadline: z.string(),
  /** The least time a state consulted while the procedure is open gets to answer. */
  lateJoinerMinimumMinutes: z.number().int(),
  consulted: z.array(z.object({ memberState: z.string(), since: z.string(), deadline: z.string() })),
  /** Each consulted state's standing answer; a state that withdrew its objection and said nothing since is silent. */
  answers: z.array(
    z.object({
      memberState: z.string(),
      answer: ConsultationAnswer,
      text: z.string(),
      at: z.string(),
      by: z.string(),
    }),
  ),
  withdrawnObjections: z.array(
    z.object({ memberState: z.string(), reason: z.string(), at: z.string(), withdrawnAt: z.string() }),
  ),
  /** Views any participating organisation added. */
  views: z.array(z.object({ organisation: z.string(), text: z.string(), at: z.string(), by: z.string() })),
  advice: z.array(z.object({ text: z.string(), at: z.string(), by: z.string(), organisation: z.string() })),
  /** When the procedure concludes by itself: the latest of the deadline and every consulted state's own. */
  lastDeadline: z.string(),
  conclusion: z
    .object({
      outcome: ConsultationOutcome,
      agreed: z.boolean(),
      reason: ConclusionReason,
      /** Consulted states, significantly affected at the conclusion, whose objection stood. */
      standingObjections: z.array(z.string()),
      text: z.string(),
      at: z.string(),
      /** The Presidency's organisation when it concluded or declined; null when the platform concluded at the deadline. */
      by: z.string().nullable(),
    })
    .nullable(),
  open: z.boolean(),
});
export type SilenceProcedure = z.infer<typeof SilenceProcedure>;

/** Every consultation of an incident: silence procedures, and majority counts kept as history. */
export const Consultation = z.discriminatedUnion('procedure', [SilenceProcedure, MajorityConsultation]);
export type Consultation = z.infer<typeof Consultation>;

export const BLUEPRINT_STATES = ['inactive', 'active', 'deactivated'] as const;
export const BlueprintState = z.enum(BLUEPRINT_STATES);
export type BlueprintState = z.infer<typeof BlueprintState>;

/** Whether the Blueprint is active for an incident, since when, and who activated and joined. */
export const Activation = z.object({
  state: BlueprintState,
  activatedAt: z.string().nullable(),
  activatedBy: z.string().nullable(),
  joinedBy: z.array(z.string()),
  presidency: z.string().nullable(),
  deactivatedAt: z.string().nullable(),
  deactivatedBy: z.string().nullable(),
  closingSummary: z.string().nullable(),
  history: z.array(
    z.object({ kind: z.string(), at: z.string(), by: z.string(), text: z.string().nullable() }),
  ),
});
export type Activation = z.infer<typeof Activation>;

export const ActiveMechanism = z.object({
  mechanism: z.string(),
  mode: z.string().nullable(),
  /** The case in the other mechanism (an id or a link), so nobody reports the same facts twice. */
  reference: z.string().nullable(),
  since: z.string(),
  by: z.string(),
  /** IPCR information-sharing mode recorded by the GSC, ERCC or EEAS in consultation with the Presidency. */
  inConsultationWithPresidency: z.boolean(),
});

export const Mechanisms = z.object({
  active: z.array(ActiveMechanism),
  /** Every engagement of a mechanism, requested, active or stood down (src/response/rules.ts). */
  engagements: z.array(Engagement),
  /** Mechanisms the facts point to that are not recorded as active. */
  suggested: z.array(z.string()),
  /** The same, each with the reason the facts point to it (one line per reason). */
  suggestions: z.array(MechanismSuggestion),
});
export type Mechanisms = z.infer<typeof Mechanisms>;
