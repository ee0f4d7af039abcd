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
