import { z } from 'zod';

/**
 * Why the facts point to a mechanism, as a fact the reader's language renders (never stored text), so that the
 * duty officer sees the reason beside each suggestion.
 */
export const SUGGESTION_REASONS = [
  /** The Blueprint applies or Union-level coordination is to be decided: IPCR is where that happens. */
  'union-coordination',
  'cyber-cause',
  'hybrid-cause',
  'suspected-deliberate',
  'electricity-sector',
  'gas-sector',
  /** A member state reported, for itself, that its capacity to respond is overwhelmed. */
  'capacity-overwhelmed',
  /** Interference with satellite navigation, or the space sector disrupted. */
  'space-or-gnss',
  /** The incident is flagged as touching international security, or released to NATO. */
  'international-security',
  /** The Blueprint applies or is to be decided: the Commission coordinates its own services in ARGUS. */
  'commission-coordination',
  /** Digital infrastructure is disrupted, whatever the cause: the effects are on network and information systems. */
  'cyber-effects',
  /** A deliberate act is suspected where international security is involved: a state may be behind it. */
  'state-sponsored',
  /** A cyber or hybrid cause, a deliberate act and international security: malicious cyber activity of a state. */
  'state-cyber-activity',
  /** Public order is affected: law enforcement's emergency response protocol coordinates across borders. */
  'public-order-impact',
] as const;
export const SuggestionReason = z.enum(SUGGESTION_REASONS);
export type SuggestionReason = z.infer<typeof SuggestionReason>;

/**
 * What a mechanism leads on in the response (BLUEPRINT.md §4), so each party sees its part and none does another's
 * work: one role per mechanism, whatever brought it up.
 */
export const MECHANISM_ROLES = [
  'political-coordination',
  'commission-coordination',
  'assistance',
  'technical-cyber',
  'operational-cyber',
  'response-to-actor',
  'criminal-investigation',
  'sector-handling',
  'space-services',
  'shared-awareness-nato',
] as const;
export const MechanismRole = z.enum(MECHANISM_ROLES);
export type MechanismRole = z.infer<typeof MechanismRole>;

/** The IPCR modes a suggestion may point to; monitoring is IPCR's default watch, never suggested. */
export const IpcrMode = z.enum(['information-sharing', 'full-activation']);
export type IpcrMode = z.infer<typeof IpcrMode>;

export const MechanismSuggestion = z.object({
  mechanism: z.string(),
  /** What it would lead on. */
  role: MechanismRole,
  /** For IPCR, the mode the facts point to (the Presidency decides); null for every other mechanism. */
  mode: IpcrMode.nullable(),
  reason: SuggestionReason,
  /** For `capacity-overwhelmed`: the states that said so; empty otherwise. */
  memberStates: z.array(z.string()),
});
export type MechanismSuggestion = z.infer<typeof MechanismSuggestion>;

export const ENGAGEMENT_STATUSES = ['requested', 'active', 'stood-down'] as const;
export const EngagementStatus = z.enum(ENGAGEMENT_STATUSES);
export type EngagementStatus = z.infer<typeof EngagementStatus>;

/**
 * An EU mechanism engaged for the incident: who engaged it and when, its own case (an id or a link) and lead
 * contact, so that nobody reports the same facts to it twice, and where it stands.
 */
export const Engagement = z.object({
  mechanism: z.string(),
  status: EngagementStatus,
  mode: z.string().nullable(),
  reference: z.string().nullable(),
  leadContact: z.string().nullable(),
  /** When and by which organisation it was first requested or recorded active. */
  since: z.string(),
  engagedBy: z.string(),
  /** When and by whom its current status was recorded. */
  statusSince: z.string(),
  statusBy: z.string(),
  /** Since when it is active, while it is. */
  activeSince: z.string().nullable(),
  /** IPCR information-sharing mode recorded by the GSC, ERCC or EEAS in consultation with the Presidency. */
  inConsultationWithPresidency: z.boolean(),
});
export type Engagement = z.infer<typeof Engagement>;

export const CER_STEP_KINDS = ['cer-commission-notified', 'cer-spoc-informed'] as const;

/** A step of CER Art. 15 a member state recorded: its authority notified the Commission, or its SPOC informed others. */
export const CerStep = z.object({
  kind: z.enum(CER_STEP_KINDS),
  by: z.string(),
  at: z.string(),
  /** The affected states (Commission notification) or the states whose SPOCs were informed. */
  memberStates: z.array(z.string()),
  text: z.string(),
});
export type CerStep = z.infer<typeof CerStep>;

export const CerStepRequest = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('cer-commission-notified'),
    /** The member states affected, as the notification named them (six or more, CER Art. 15(1)). */
    memberStates: z.array(z.string().min(2).max(2)).min(1).max(27),
    text: z.string().trim().max(5000).optional(),
  }),
  z.strictObject({
    kind: z.literal('cer-spoc-informed'),
    memberStates: z.array(z.string().min(2).max(2)).min(1).max(27),
    text: z.string().trim().max(5000).optional(),
  }),
]);
export type CerStepRequest = z.infer<typeof CerStepRequest>;

export const CapacityRequest = z.strictObject({
  overwhelmed: z.boolean(),
  text: z.string().trim().max(5000).optional(),
});
export type CapacityRequest = z.infer<typeof CapacityRequest>;
