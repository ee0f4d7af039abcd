import { z } from 'zod';

/** What the organisation a recommendation is addressed to says it does with it. */
export const FOLLOW_UP_STATUSES = ['planned', 'in-progress', 'done', 'not-taken-up'] as const;
export const FollowUpStatus = z.enum(FOLLOW_UP_STATUSES);
export type FollowUpStatus = z.infer<typeof FollowUpStatus>;

/** One follow-up as recorded: its status, the organisation's note, who recorded it and when. */
export const FollowUp = z.object({
  id: z.string(),
  status: FollowUpStatus,
  note: z.string(),
  recordedBy: z.object({ name: z.string(), organisation: z.string() }),
  recordedAt: z.string(),
});
export type FollowUp = z.infer<typeof FollowUp>;
