import { z } from 'zod';
import { TlpMarking } from '../sharing/model.js';
import { FOLLOW_UP_STATUSES, FollowUp, FollowUpStatus } from './follow-up-record.js';
import { RecommendationStatus } from './model.js';

export { FOLLOW_UP_STATUSES, FollowUp, FollowUpStatus };

/** A recommendation addressed to the reader's organisation, in a distributed report it may read. */
export const RecommendationForUs = z.object({
  id: z.string(),
  text: z.string(),
  dueDate: z.string(),
  /** Where the recommendation stands in the report's tracking; a follow-up moves it. */
  status: RecommendationStatus,
  overdue: z.boolean(),
  report: z.object({ id: z.string(), title: z.string(), marking: TlpMarking, distributedAt: z.string() }),
  incident: z.object({ id: z.string(), title: z.string(), exercise: z.boolean() }),
  /** The latest follow-up, or null while none is recorded. */
  followUp: FollowUp.nullable(),
  /** Every follow-up, oldest first. */
  history: z.array(FollowUp),
  abilities: z.object({ recordFollowUp: z.boolean() }),
});
export type RecommendationForUs = z.infer<typeof RecommendationForUs>;

/** `none`: the recommendations not followed up yet. */
export const FollowUpFilter = z.enum([...FOLLOW_UP_STATUSES, 'none']);
export type FollowUpFilter = z.infer<typeof FollowUpFilter>;

export const RecordFollowUpRequest = z.strictObject({
  status: FollowUpStatus,
  note: z.string().trim().min(1, 'say what was done or is planned, or why it is not taken up').max(5_000),
});
export type RecordFollowUpRequest = z.infer<typeof RecordFollowUpRequest>;
