import { z } from 'zod';

/**
 * A member state's availability for EU asks (issue 12 item 9): the national response comes first, so a state
 * stretched at home says how much the EU can ask of it. It is shown to whoever asks; it never turns silence into
 * consent by itself.
 *
 * Kept as one row per state, not as a log entry: it is the state's standing across every incident, not a fact of
 * one incident's log, and there is one current value to read (changes go to the audit chain).
 */
export const AVAILABILITIES = ['normal', 'limited', 'only-urgent'] as const;
export const Availability = z.enum(AVAILABILITIES);
export type Availability = z.infer<typeof Availability>;

export const AvailabilityRequest = z.strictObject({
  availability: Availability,
  note: z.string().trim().max(2000).default(''),
});
export type AvailabilityRequest = z.infer<typeof AvailabilityRequest>;

export const MemberStateAvailability = z.object({
  memberState: z.string(),
  availability: Availability,
  note: z.string(),
  /** Null for a state that never said otherwise than normal. */
  setAt: z.string().nullable(),
});
export type MemberStateAvailability = z.infer<typeof MemberStateAvailability>;
