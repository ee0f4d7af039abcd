import { z } from 'zod';

export const NewHandover = z.strictObject({
  changed: z.string().trim().min(1).max(10000),
  openAsks: z.string().trim().max(10000).default(''),
  nextCover: z.string().trim().max(10000).default(''),
  /** The incoming officer, an account of the same organisation; absent, whoever takes the next shift. */
  incomingUserId: z.string().min(1).max(64).optional(),
});
export type NewHandover = z.infer<typeof NewHandover>;

export const AcknowledgeRequest = z.strictObject({ note: z.string().trim().max(2000).default('') });
export type AcknowledgeRequest = z.infer<typeof AcknowledgeRequest>;

export const Handover = z.object({
  id: z.string(),
  incidentId: z.string(),
  incidentTitle: z.string(),
  organisation: z.string(),
  changed: z.string(),
  openAsks: z.string(),
  nextCover: z.string(),
  incomingUserId: z.string().nullable(),
  writtenBy: z.object({ userId: z.string(), name: z.string() }),
  writtenAt: z.string(),
  acknowledged: z.object({ name: z.string(), at: z.string(), note: z.string() }).nullable(),
  abilities: z.object({ acknowledge: z.boolean() }),
});
export type Handover = z.infer<typeof Handover>;
