import { z } from 'zod';

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

/** The Presidency's consultation on whether Union-level coordination is needed (T3). */
export const Consultation = z.object({
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
});

export const Mechanisms = z.object({
  active: z.array(ActiveMechanism),
  /** Mechanisms the facts point to that are not recorded as active. */
  suggested: z.array(z.string()),
});
export type Mechanisms = z.infer<typeof Mechanisms>;
