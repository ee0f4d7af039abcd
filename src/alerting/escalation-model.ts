import { z } from 'zod';
import type { NotificationKind } from './model.js';

/**
 * The alerts an organisation must acknowledge: it is asked to act (give its own assessment, answer a
 * consultation) or the Blueprint was activated for it. Unacknowledged, they escalate.
 */
export const ACKNOWLEDGEMENT_REQUIRED: readonly NotificationKind[] = [
  'activation',
  'confirm-impact',
  'consultation-opened',
];

export function requiresAcknowledgement(kind: string): boolean {
  return (ACKNOWLEDGEMENT_REQUIRED as readonly string[]).includes(kind);
}

/**
 * Where an alert stands: `awaiting` its first acknowledgement, escalated to the `duty-contacts` (the people on duty
 * and the contact point's mailbox), then to the `org-admins`; `acknowledged` ends it at whatever stage.
 */
export const ESCALATION_STAGES = ['awaiting', 'duty-contacts', 'org-admins', 'acknowledged'] as const;
export const EscalationStage = z.enum(ESCALATION_STAGES);
export type EscalationStage = z.infer<typeof EscalationStage>;

/** What the platform assumes until an administrator says otherwise. */
export const DEFAULT_TIMINGS = {
  acknowledgeWithinMinutes: 30,
  adminsAfterMinutes: 30,
  contactPointStaleDays: 90,
} as const;

export const AlertingTimings = z.object({
  /** Minutes an organisation has to acknowledge an important alert before its duty contacts are alerted. */
  acknowledgeWithinMinutes: z.number().int(),
  /** Further minutes before its org-admins are alerted. */
  adminsAfterMinutes: z.number().int(),
  /** Days after which a contact point without a successful check is flagged as stale. */
  contactPointStaleDays: z.number().int(),
});
export type AlertingTimings = z.infer<typeof AlertingTimings>;

const minutes = z
  .number()
  .int()
  .min(1)
  .max(7 * 24 * 60);

export const ChangePlatformTimingsRequest = z.strictObject({
  acknowledgeWithinMinutes: minutes.optional(),
  adminsAfterMinutes: minutes.optional(),
  contactPointStaleDays: z.number().int().min(1).max(3650).optional(),
});
export type ChangePlatformTimingsRequest = z.infer<typeof ChangePlatformTimingsRequest>;

/** An organisation's own times; null returns to the platform's. */
export const ChangeOrganisationTimingsRequest = z.strictObject({
  acknowledgeWithinMinutes: minutes.nullable().optional(),
  adminsAfterMinutes: minutes.nullable().optional(),
});
export type ChangeOrganisationTimingsRequest = z.infer<typeof ChangeOrganisationTimingsRequest>;

export const OrganisationTimings = z.object({
  organisation: z.string(),
  acknowledgeWithinMinutes: z.number().int(),
  adminsAfterMinutes: z.number().int(),
  /** Whether the organisation set its own times (else it follows the platform's). */
  ownAcknowledgeWithin: z.boolean(),
  ownAdminsAfter: z.boolean(),
});
export type OrganisationTimings = z.infer<typeof OrganisationTimings>;
