import { z } from 'zod';

/** A person on duty at a contact point, as the directory shows them. */
export const DutyOfficer = z.object({ id: z.string(), displayName: z.string(), email: z.string() });

/** The central contact point each organisation designates under the Blueprint (for the Commission, ERCC). */
export const ContactPoint = z.object({
  organisation: z.string(),
  organisationName: z.string(),
  kind: z.enum(['member-state', 'eu-body', 'nato']),
  mailbox: z.string().nullable(),
  phone: z.string().nullable(),
  notes: z.string().nullable(),
  onDuty: z.array(DutyOfficer),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type ContactPoint = z.infer<typeof ContactPoint>;

export const UpdateContactPointRequest = z.strictObject({
  mailbox: z.email({ message: 'not a valid e-mail address' }).max(254).nullable(),
  phone: z
    .string()
    .trim()
    .regex(/^\+[0-9 ()-]{6,30}$/, 'an international number starting with +')
    .nullable(),
  notes: z.string().trim().max(2000).nullable().optional(),
});
export type UpdateContactPointRequest = z.infer<typeof UpdateContactPointRequest>;
