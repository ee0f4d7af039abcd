import { z } from 'zod';
import { normaliseCountryCode } from './countries.js';
import { isParticipatingOrganisation, normaliseOrganisationId } from './organisations.js';

/** Echoes what was sent, escaped and cut short, so a message stays one readable line. */
export function quoted(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

function requiredText(what: string) {
  return {
    error: (issue: { input?: unknown }) =>
      issue.input === undefined ? 'required' : `must be ${what} (text)`,
  };
}

/** Any ISO 3166-1 alpha-2 code in any case, EL and UK accepted; the output is the canonical code. */
export const CountryCode = z
  .string(requiredText('a country code'))
  .transform((input, ctx) => {
    const code = normaliseCountryCode(input);
    if (code === undefined) {
      ctx.addIssue({ code: 'custom', message: `unknown country ${quoted(input)}`, input });
      return z.NEVER;
    }
    return code;
  })
  .describe('ISO 3166-1 alpha-2 country code; EL and UK are accepted for GR and GB');
export type CountryCode = z.output<typeof CountryCode>;

/** A member state's code, an EU body's id or NATO, in any case, EL accepted; the output is the canonical id. */
export const OrganisationId = z
  .string(requiredText('an organisation id'))
  .transform((input, ctx) => {
    const id = normaliseOrganisationId(input);
    if (id === undefined) {
      ctx.addIssue({ code: 'custom', message: `unknown organisation ${quoted(input)}`, input });
      return z.NEVER;
    }
    return id;
  })
  .describe('Organisation id: a member state code (EL accepted for GR), an EU body id such as ERCC, or NATO');
export type OrganisationId = z.output<typeof OrganisationId>;

/** An organisation that may be named in an audience: NATO is reached only through releasableToNato. */
export const ParticipatingOrganisationId = OrganisationId.refine(isParticipatingOrganisation, {
  message: 'NATO is not a participating organisation; use releasableToNato instead',
});
export type ParticipatingOrganisationId = z.output<typeof ParticipatingOrganisationId>;

/** The role an audience may name instead of an organisation: the member state holding the Presidency when read. */
export const PRESIDENCY_ROLE = 'PRESIDENCY';

/** What an entry's audience may list: participating organisations and/or the role `PRESIDENCY` (CONTRACT). */
export const AudienceMember = z
  .string(requiredText('an organisation id or PRESIDENCY'))
  .transform((input, ctx) => {
    if (input.trim().toUpperCase() === PRESIDENCY_ROLE) return PRESIDENCY_ROLE;
    const checked = ParticipatingOrganisationId.safeParse(input);
    if (checked.success) return checked.data;
    for (const issue of checked.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, input });
    return z.NEVER;
  })
  .describe(
    'A participating organisation id, or PRESIDENCY: the member state holding the Presidency when read',
  );
export type AudienceMember = z.output<typeof AudienceMember>;

/** `GET /api/registry`: the reference data the web app needs. */
export const PresidencyTermSchema = z.object({
  memberState: z.string(),
  term: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
});

export const RegistryResponse = z.object({
  memberStates: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      nativeName: z.string(),
      /** The state's official languages (ISO 639-1), of which it picks one for its public lines besides English. */
      languages: z.array(z.string()),
    }),
  ),
  organisations: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(['member-state', 'eu-body', 'nato']),
      participating: z.boolean(),
    }),
  ),
  sectors: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      subsectors: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
  ),
  mechanisms: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      lead: z.string(),
      /** Whose coordinators record it: organisation ids, PRESIDENCY (the holder that day) or MEMBER-STATE (any). */
      recordedBy: z.array(z.string()),
      what: z.string(),
      modes: z.array(z.string()),
    }),
  ),
  presidency: z.object({
    current: PresidencyTermSchema.nullable(),
    next: PresidencyTermSchema.nullable(),
    calendar: z.array(PresidencyTermSchema),
  }),
});

export type RegistryResponse = z.infer<typeof RegistryResponse>;
