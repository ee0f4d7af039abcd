import { z } from 'zod';

export const AuditRecord = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.object({
    userId: z.string().nullable(),
    name: z.string().nullable(),
    organisation: z.string().nullable(),
  }),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

export const AuditQuery = z.object({
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  action: z.string().max(80).optional(),
});

export const AuditPage = z.object({
  items: z.array(AuditRecord),
  /**
   * The last check of the whole chain (scheduled hourly, or `blueprint audit verify`); `checkedAt` and `intact`
   * are null before the first check ran.
   */
  chain: z.object({
    checkedAt: z.string().nullable(),
    intact: z.boolean().nullable(),
    records: z.number(),
    brokenAt: z.number().nullable(),
  }),
});
export type AuditPage = z.infer<typeof AuditPage>;
