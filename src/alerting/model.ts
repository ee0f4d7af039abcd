import { z } from 'zod';

export const NOTIFICATION_KINDS = [
  'confirm-impact',
  'status-changed',
  'activation',
  'activation-joined',
  'deactivation',
  'reopening',
  'consultation-opened',
  'consultation-decided',
  'consultation-requested',
  'consultation-objection',
  'consultation-objection-withdrawn',
  'consultation-concluded',
  'merged',
  // To the target's reporter, who did not choose the merge: check that both reports are one event.
  'duplicate-merged-in',
  'sitrep-published',
  // At the change of term, to the outgoing and incoming Presidency: an incident's matters were handed over.
  'presidency-handover',
  // To the platform's administrators: the calendar runs out within a year, or no Presidency holds office.
  'presidency-calendar-running-out',
  'presidency-vacant',
  // To the Presidency: the GSC, ERCC or EEAS recorded IPCR information-sharing mode in consultation with it.
  'ipcr-information-sharing',
  // To the Presidency, GSC and ERCC: a member state invoked the solidarity clause; IPCR is fully activated.
  'solidarity-clause-invoked',
  // To ERCC and the Presidency: a member state said its capacity to respond is overwhelmed.
  'capacity-overwhelmed',
  // To every participating organisation but the reporter: a new incident it may see.
  'incident-reported',
  // To an action's owner organisation (and its assignee): an action was assigned to it.
  'action-assigned',
  // Only to those who opted in: for information, a national reporting clock of an entity comes due.
  'reporting-clock-reminder',
  // To a webhook's organisation: its target failed too often in a row and is paused.
  'webhook-paused',
  // To every organisation a post-incident (CERG) report is distributed to, but the one that distributed it.
  'after-action-report-distributed',
  // To the NATO liaison: an incident reported earlier was released to NATO with its first report.
  'released-to-nato',
] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

/** An in-app notification to an organisation's contact point; any of its people may acknowledge it. */
export const Notification = z.object({
  id: z.string(),
  organisation: z.string(),
  kind: NotificationKind,
  incidentId: z.string().nullable(),
  incidentTitle: z.string().nullable(),
  /** What happened, in data the web app turns into a sentence in the reader's language. */
  body: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  /**
   * The escalation step an alert nobody acknowledged has reached (its stored stage, and the minutes from the alert
   * to that step), for the web app to say in the reader's language; null before any step and once acknowledged.
   */
  escalation: z
    .object({ step: z.enum(['duty-contacts', 'org-admins']), minutesWaiting: z.number().int() })
    .nullable(),
});
export type Notification = z.infer<typeof Notification>;
