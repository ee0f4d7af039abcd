import { z } from 'zod';
import { EscalationStage } from './escalation-model.js';
import { NotificationKind } from './model.js';

/** One message that alerted someone: the in-app alert to the organisation, or an escalation e-mail to a person. */
export const RollCallDelivery = z.object({
  id: z.string(),
  /** `alert` for the alert itself, else the escalation step that sent it. */
  step: z.enum(['alert', 'duty-contacts', 'org-admins']),
  channel: z.string(),
  /** The organisation (in-app alerts reach all its people) or the address written to. */
  recipient: z.string(),
  at: z.string(),
  /** Whether the message left: in-app alerts are there at once; e-mail follows the outbox. */
  state: z.enum(['pending', 'sent', 'failed']),
  sentAt: z.string().nullable(),
});
export type RollCallDelivery = z.infer<typeof RollCallDelivery>;

export const RollCallAlert = z.object({
  notificationId: z.string(),
  kind: NotificationKind,
  alertedAt: z.string(),
  requiresAcknowledgement: z.boolean(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  /** Seconds from the alert to its acknowledgement. */
  secondsToAcknowledge: z.number().int().nullable(),
  /** Null for alerts that need no acknowledgement. */
  stage: EscalationStage.nullable(),
  nextEscalationAt: z.string().nullable(),
  deliveries: z.array(RollCallDelivery),
});
export type RollCallAlert = z.infer<typeof RollCallAlert>;

export const RollCallOrganisation = z.object({
  organisation: z.string(),
  alerts: z.array(RollCallAlert),
});

/** Per organisation, who was alerted about an incident, when, by which channel, and who acknowledged when. */
export const RollCall = z.object({
  incidentId: z.string(),
  organisations: z.array(RollCallOrganisation),
});
export type RollCall = z.infer<typeof RollCall>;
