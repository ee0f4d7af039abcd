import { z } from 'zod';
import { ParticipatingOrganisationId } from '../registry/model.js';
import { SitrepAbilities, TlpMarking } from '../sharing/model.js';

/** The sections of a situation report, in the order ISAA-style sitreps use. */
export const SECTION_KEYS = [
  'situation',
  'impact',
  'actions',
  'needs',
  'communication',
  'outlook',
  'questions',
] as const;
export const SectionKey = z.enum(SECTION_KEYS);
export type SectionKey = z.infer<typeof SectionKey>;

export const SECTION_TITLES: Record<SectionKey, string> = {
  situation: 'Situation',
  impact: 'Impact per member state and sector',
  actions: 'Actions taken',
  needs: 'Needs and requests for assistance',
  communication: 'Public communication',
  outlook: 'Outlook',
  questions: 'Open questions',
};

export const Section = z.object({ key: SectionKey, title: z.string(), text: z.string() });
export type Section = z.infer<typeof Section>;

export const Contribution = z.object({
  organisation: z.string(),
  author: z.string(),
  title: z.string(),
  text: z.string(),
  at: z.string(),
});

export const Sitrep = z.object({
  id: z.string(),
  incidentId: z.string(),
  /** SITREP 1, 2, …: given when published. */
  number: z.number().nullable(),
  state: z.enum(['draft', 'published']),
  title: z.string(),
  audience: z.array(z.string()),
  releasableToNato: z.boolean(),
  marking: TlpMarking,
  /** The most restrictive marking among the entries it was compiled from; the marking is never below it. */
  minimumMarking: TlpMarking,
  sections: z.array(Section),
  contributors: z.array(z.string()),
  contributions: z.array(Contribution),
  /** `notVisibleToAll` (entries left out because not every reader may see them) only for the compiler, else null. */
  sources: z.object({ entries: z.number(), notVisibleToAll: z.number().nullable() }),
  createdBy: z.object({ name: z.string(), organisation: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
  approvedBy: z.object({ name: z.string(), organisation: z.string() }).nullable(),
  publishedAt: z.string().nullable(),
  corrects: z.string().nullable(),
  /** What the reader may do with it, from the sharing rules (the web decides nothing itself). */
  abilities: SitrepAbilities,
});
export type Sitrep = z.infer<typeof Sitrep>;

export const CompileSitrepRequest = z.strictObject({
  audience: z.array(ParticipatingOrganisationId).min(1, 'name at least one organisation').max(40),
  releasableToNato: z.boolean().default(false),
  title: z.string().trim().min(1).max(300).optional(),
});
export type CompileSitrepRequest = z.infer<typeof CompileSitrepRequest>;

export const EditSitrepRequest = z.strictObject({
  title: z.string().trim().min(1, 'must not be empty').max(300).optional(),
  marking: TlpMarking.optional(),
  sections: z
    .array(z.strictObject({ key: SectionKey, text: z.string().max(50_000) }))
    .max(SECTION_KEYS.length)
    .optional(),
});
export type EditSitrepRequest = z.infer<typeof EditSitrepRequest>;

export const ContributionRequest = z.strictObject({
  title: z.string().trim().min(1, 'must not be empty').max(300),
  text: z.string().trim().min(1, 'must not be empty').max(50_000),
});

export const SitrepDiff = z.object({
  from: z.object({ id: z.string(), number: z.number().nullable() }),
  to: z.object({ id: z.string(), number: z.number().nullable() }),
  sections: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      changes: z.array(z.object({ kind: z.enum(['same', 'added', 'removed']), text: z.string() })),
    }),
  ),
});
export type SitrepDiff = z.infer<typeof SitrepDiff>;
