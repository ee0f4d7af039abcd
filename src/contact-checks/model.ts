import { z } from 'zod';

/**
 * A communication check of the designated contact points outside any incident (the Blueprint relies on them
 * being reachable around the clock): a message through every channel, answered by whoever is on duty.
 */
export const ScheduleContactCheckRequest = z.strictObject({
  organisations: z.array(z.string().trim().toUpperCase().min(1).max(40)).min(1).max(60),
  /** When the check goes out; now when left out. */
  runAt: z.iso.datetime({ offset: true }).optional(),
  /** Repeats the check every so many days, each time as a new check with its own report. */
  repeatEveryDays: z.number().int().min(1).max(365).optional(),
  note: z.string().trim().max(500).optional(),
});
export type ScheduleContactCheckRequest = z.infer<typeof ScheduleContactCheckRequest>;

export const AcknowledgeContactCheckRequest = z.strictObject({
  /** The message the answer came through (the link in an e-mail carries it); the in-app button sends none. */
  via: z.string().min(1).max(64).optional(),
});

export const CheckDelivery = z.object({
  id: z.string(),
  channel: z.string(),
  recipient: z.string(),
  at: z.string(),
  state: z.enum(['pending', 'sent', 'failed']),
});

/** How one organisation's contact point answered a check. */
export const CheckResult = z.object({
  organisation: z.string(),
  sentAt: z.string().nullable(),
  reached: z.boolean(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  /** The channel the answer came through. */
  channel: z.string().nullable(),
  secondsToAcknowledge: z.number().int().nullable(),
  deliveries: z.array(CheckDelivery),
});
export type CheckResult = z.infer<typeof CheckResult>;

export const ContactCheck = z.object({
  id: z.string(),
  runAt: z.string(),
  repeatEveryDays: z.number().int().nullable(),
  note: z.string(),
  scheduledBy: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  /** Only the organisations whose result the reader may see. */
  results: z.array(CheckResult),
});
export type ContactCheck = z.infer<typeof ContactCheck>;

export const STANDING_FLAGS = ['no-contact-point', 'never-reached', 'stale'] as const;
export const StandingFlag = z.enum(STANDING_FLAGS);
export type StandingFlag = z.infer<typeof StandingFlag>;

/** Whether an organisation's contact point is known to be reachable, as the directory flags it. */
export const ContactPointStanding = z.object({
  organisation: z.string(),
  lastReachedAt: z.string().nullable(),
  /** Null when the contact point answered a check recently enough. */
  flag: StandingFlag.nullable(),
});
export type ContactPointStanding = z.infer<typeof ContactPointStanding>;

export const ContactPointStandings = z.object({
  staleAfterDays: z.number().int(),
  items: z.array(ContactPointStanding),
});
