import { z } from 'zod';
import { Activation, ActiveMechanism, Assessment } from '../blueprint/model.js';
import { ImpactLevel, ReportingStage, SECTOR_STATUSES } from '../incidents/model.js';
import { TlpMarking } from '../sharing/model.js';

export const STALENESS = ['fresh', 'amber', 'red'] as const;
export const Staleness = z.enum(STALENESS);

/** One member state on the common picture: the shared facts of its impact and what the reader may see of its reporting. */
export const PictureState = z.object({
  code: z.string(),
  level: ImpactLevel,
  /** True when the level is the state's own assessment; false when it is others' claim (shown hatched). */
  ownAssessment: z.boolean(),
  claimedBy: z.array(z.string()),
  /** The newest entry of this state that the reader may see. */
  lastUpdateAt: z.string().nullable(),
  /** Time since that update against the configured interval; null when the state has sent nothing the reader sees. */
  staleness: Staleness.nullable(),
  /** The latest reporting stage this state shared; its entities' clocks are on the incident, for information. */
  currentStage: ReportingStage.nullable(),
  /** The state said, for itself, that its capacity to respond is overwhelmed. */
  capacityOverwhelmed: z.boolean(),
  services: z.array(z.string()),
  usersAffected: z.number().nullable(),
});
export type PictureState = z.infer<typeof PictureState>;

export const Picture = z.object({
  incidentId: z.string(),
  title: z.string(),
  exercise: z.boolean(),
  generatedAt: z.string(),
  occurredAt: z.string(),
  /** The most restrictive marking among the entries whose details the picture shows this reader. */
  marking: TlpMarking,
  states: z.array(PictureState),
  thirdCountries: z.array(
    z.object({
      code: z.string(),
      level: ImpactLevel,
      /** The country's own assessment (it beats others' claims); shown, never counted. */
      ownAssessment: z.boolean().default(false),
      /** Who passed its own assessment on, as "given by NO, relayed by ERCC"; null when none was relayed. */
      relayedBy: z.string().nullable().default(null),
    }),
  ),
  keyFigures: z.object({
    significant: z.number(),
    unconfirmed: z.number(),
    minor: z.number(),
    usersAffected: z.number().nullable(),
    /** Sectors named, each with its worst reported status (disrupted, degraded, restored) or null when none given. */
    sectors: z.array(
      z.object({
        sector: z.string(),
        subsectors: z.array(z.string()),
        status: z.enum(SECTOR_STATUSES).nullable(),
      }),
    ),
    hoursSinceOccurrence: z.number(),
    /** Existing EU mechanisms recorded as active for the incident. */
    mechanisms: z.array(ActiveMechanism),
  }),
  assessment: Assessment,
  activation: Activation,
  /** Member states that said, for themselves, that their capacity to respond is overwhelmed. */
  capacityOverwhelmed: z.array(z.string()),
  staleAfterMinutes: z.number(),
});
export type Picture = z.infer<typeof Picture>;
