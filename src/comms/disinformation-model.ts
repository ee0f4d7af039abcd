import { z } from 'zod';

/**
 * A false narrative observed about an incident (issue 13, objective 2 of the Blueprint): where it circulates, since
 * when, how far it reaches and the line that rebuts it. It is an entry of the log, so its marking and audience decide
 * who sees it on every read path, like any entry.
 */

export const REACH_ESTIMATES = ['low', 'medium', 'high', 'viral'] as const;
export const ReachEstimate = z.enum(REACH_ESTIMATES);
export type ReachEstimate = z.infer<typeof ReachEstimate>;

const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'a country is its two-letter ISO code');
const Link = z.url({ protocol: /^https?$/ }).max(2000);

/** What the log stores; `observedSince` is an ISO time in UTC. */
export const DisinformationBody = z.object({
  narrative: z.string(),
  platforms: z.array(z.string()),
  countries: z.array(z.string()),
  observedSince: z.string(),
  reach: ReachEstimate,
  rebuttal: z.string().nullable(),
  links: z.array(z.string()),
});

/** RED is for named people and belongs in a note; a narrative is shared with those who counter it. */
export const NewDisinformation = z.strictObject({
  narrative: z.string().trim().min(1).max(5000),
  /** Where it was observed: platforms and outlets, by name. */
  platforms: z.array(z.string().trim().min(1).max(200)).min(1).max(50),
  countries: z.array(CountryCode).max(64).default([]),
  observedSince: z.iso.datetime({ offset: true }),
  reach: ReachEstimate,
  rebuttal: z.string().trim().min(1).max(5000).optional(),
  links: z.array(Link).max(50).default([]),
  marking: z.enum(['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT']).default('TLP:GREEN'),
  audience: z.array(z.string().min(2).max(32)).max(64).optional(),
});
export type NewDisinformation = z.infer<typeof NewDisinformation>;

export const Disinformation = z.object({
  id: z.string(),
  incidentId: z.string(),
  narrative: z.string(),
  platforms: z.array(z.string()),
  countries: z.array(z.string()),
  observedSince: z.string(),
  reach: ReachEstimate,
  rebuttal: z.string().nullable(),
  links: z.array(z.string()),
  recordedBy: z.object({ organisation: z.string(), name: z.string() }),
  recordedAt: z.string(),
  marking: z.string(),
  audience: z.array(z.string()),
});
export type Disinformation = z.infer<typeof Disinformation>;

export const IncidentDisinformation = z.object({
  items: z.array(Disinformation),
  abilities: z.object({ record: z.boolean() }),
});
export type IncidentDisinformation = z.infer<typeof IncidentDisinformation>;
