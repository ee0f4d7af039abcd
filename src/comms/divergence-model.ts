import { z } from 'zod';

/**
 * The divergence view (issue 13, item 2): what each affected state published nationally, side by side, and the key
 * facts coordinators mark in each publication, so that contradictions between states show before the public sees
 * them. A publication is either a line to take a state published (with its link) or one entered here.
 */

export const KEY_FACTS = ['cause', 'restoration', 'safety-advice'] as const;
export const KeyFact = z.enum(KEY_FACTS);
export type KeyFact = z.infer<typeof KeyFact>;

// --- Stored bodies ---

/** What a state published nationally, entered as text, as a link, or both, with the time it was published. */
export const NationalPublicationBody = z.object({
  organisation: z.string(),
  publishedAt: z.string(),
  link: z.string().nullable(),
  text: z.string().nullable(),
});

/**
 * The recording organisation takes back a national publication recorded wrongly (wrong link, wrong line, by
 * mistake): it leaves the divergence view and, for a line's publication, the state's line is no longer published.
 */
export const NationalPublicationWithdrawnBody = z.object({
  publicationId: z.string(),
  reason: z.string(),
});

/** The recording organisation puts right the link or text of a publication; its marks stay with it. */
export const NationalPublicationCorrectedBody = z.object({
  publicationId: z.string(),
  reason: z.string(),
  link: z.string().nullable(),
  text: z.string().nullable(),
});

/** A coordinator's reading of one key fact in one publication; an empty value takes the mark away. */
export const KeyFactMarkedBody = z.object({
  publicationId: z.string(),
  fact: KeyFact,
  value: z.string(),
});

// --- Requests ---

const Link = z.url({ protocol: /^https?$/ }).max(2000);

export const NationalPublicationRequest = z
  .strictObject({
    /** The state that published; by default the caller's own (ERCC names the state). */
    state: z
      .string()
      .regex(/^[A-Z]{2}$/, 'a state is its two-letter ISO code')
      .optional(),
    publishedAt: z.iso.datetime({ offset: true }),
    link: Link.optional(),
    text: z.string().trim().min(1).max(8000).optional(),
  })
  .refine((p) => p.link !== undefined || p.text !== undefined, {
    message: 'enter the published text, its link, or both',
    path: ['text'],
  });
export type NationalPublicationRequest = z.infer<typeof NationalPublicationRequest>;

export const WithdrawalRequest = z.strictObject({
  /** Why it is withdrawn, for everyone reading the view and the log. */
  reason: z.string().trim().min(1, 'say why the publication is withdrawn').max(2000),
});
export type WithdrawalRequest = z.infer<typeof WithdrawalRequest>;

export const PublicationCorrectionRequest = z
  .strictObject({
    reason: z.string().trim().min(1, 'say what was wrong').max(2000),
    /** The right link; for a line's publication the only part to correct, its text being the line's. */
    link: Link.optional(),
    /** The right published text, for a publication entered here; one left out stays as recorded. */
    text: z.string().trim().min(1).max(8000).optional(),
  })
  .refine((p) => p.link !== undefined || p.text !== undefined, {
    message: 'give the right link, the right text, or both',
    path: ['link'],
  });
export type PublicationCorrectionRequest = z.infer<typeof PublicationCorrectionRequest>;

export const KeyFactRequest = z.strictObject({
  publicationId: z.string().min(1).max(100),
  fact: KeyFact,
  /** What the publication says about the fact, in a few words; empty takes the mark away. */
  value: z.string().trim().max(500),
});
export type KeyFactRequest = z.infer<typeof KeyFactRequest>;

// --- Views ---

const MarkedFact = z.object({ fact: KeyFact, value: z.string() });

export const PublicationView = z.object({
  id: z.string(),
  /** `line`: a line to take the state published; `entered`: recorded here as text or link. */
  source: z.enum(['line', 'entered']),
  publishedAt: z.string(),
  link: z.string().nullable(),
  text: z.string().nullable(),
  recordedBy: z.string(),
  facts: z.array(MarkedFact),
  abilities: z.object({ withdraw: z.boolean(), correct: z.boolean() }),
});

export const DivergenceView = z.object({
  states: z.array(
    z.object({
      organisation: z.string(),
      /** Newest first. */
      publications: z.array(PublicationView),
      /** What the state says now on each marked fact: from its latest publication that has the fact marked. */
      current: z.array(MarkedFact.extend({ publicationId: z.string() })),
    }),
  ),
  /** Each key fact on which the states' current values differ, with who says what. */
  flags: z.array(
    z.object({
      fact: KeyFact,
      values: z.array(z.object({ value: z.string(), organisations: z.array(z.string()) })),
    }),
  ),
  abilities: z.object({
    /** The states whose publications the reader may record (their own, or every affected one for ERCC). */
    recordFor: z.array(z.string()),
    mark: z.boolean(),
  }),
});
export type DivergenceView = z.infer<typeof DivergenceView>;
