/**
 * Working on a line to take before it is public (issue 13, items 1 and 5): language versions started from another
 * language, and comments others leave on a draft, anchored to a language and a passage when they are about one.
 * Kept apart from model.ts, which imports the views from here.
 */
import { z } from 'zod';
import { OFFICIAL_LANGUAGES } from './languages.js';

const Language = z.enum(OFFICIAL_LANGUAGES);

// --- Stored bodies ---

/** A language version of one version of a line, started from another language's text by a person. */
export const PublicMessageTranslationBody = z.object({
  messageId: z.string(),
  version: z.number().int().positive(),
  language: z.string(),
  translatedFrom: z.string(),
  headline: z.string(),
  text: z.string(),
  instruction: z.string(),
});

/** A comment on a draft line; `language` and `passage` anchor it when it is about one text's wording. */
export const PublicMessageCommentBody = z.object({
  messageId: z.string(),
  version: z.number().int().positive(),
  language: z.string().nullable(),
  passage: z.string().nullable(),
  text: z.string(),
});

/** A comment marked resolved, or open again. */
export const PublicMessageCommentResolvedBody = z.object({
  messageId: z.string(),
  commentId: z.string(),
  resolved: z.boolean(),
});

// --- Requests ---

export const TranslationRequest = z.object({
  language: Language,
  /** The language the person worked from; the line must have a text in it. */
  translatedFrom: Language,
  headline: z.string().trim().min(1).max(160),
  text: z.string().trim().min(1).max(4000),
  instruction: z.string().trim().max(2000).default(''),
});
export type TranslationRequest = z.infer<typeof TranslationRequest>;

export const CommentRequest = z.object({
  text: z.string().trim().min(1).max(4000),
  language: Language.optional(),
  /** Words quoted from the text in `language`; they must occur in it. */
  passage: z.string().trim().min(1).max(500).optional(),
});
export type CommentRequest = z.infer<typeof CommentRequest>;

export const ResolutionRequest = z.object({ resolved: z.boolean() });

// --- Views ---

/** A language version someone started from another: a draft translation until a person of its state approves it. */
export const TranslationView = z.object({
  language: z.string(),
  translatedFrom: z.string(),
  translatedBy: z.string(),
  translatedAt: z.string(),
  approved: z.boolean(),
});

export const CommentView = z.object({
  id: z.string(),
  version: z.number().int(),
  language: z.string().nullable(),
  passage: z.string().nullable(),
  text: z.string(),
  organisation: z.string(),
  writtenAt: z.string(),
  resolved: z.boolean(),
  resolvedBy: z.string().nullable(),
  abilities: z.object({ resolve: z.boolean() }),
});
export type CommentView = z.infer<typeof CommentView>;
