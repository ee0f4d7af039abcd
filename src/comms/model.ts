import { z } from 'zod';
import { TlpMarking } from '../sharing/model.js';
import { OFFICIAL_LANGUAGES } from './languages.js';
import { CommentView, TranslationView } from './review-model.js';

/** An official language of the Union, as the texts of a public message are written in. */
export const Language = z.enum(OFFICIAL_LANGUAGES);
export type Language = z.infer<typeof Language>;

/** What the public reads in one language: CAP's headline, description and instruction. */
export const LineText = z.object({
  language: Language,
  headline: z.string().trim().min(1).max(160),
  text: z.string().trim().min(1).max(4000),
  instruction: z.string().trim().max(2000).default(''),
});
export type LineText = z.infer<typeof LineText>;

/** CAP 1.2's own value lists, so that an export never needs a mapping that could fail. */
export const CapCategory = z.enum([
  'Geo',
  'Met',
  'Safety',
  'Security',
  'Rescue',
  'Fire',
  'Health',
  'Env',
  'Transport',
  'Infra',
  'CBRNE',
  'Other',
]);
export const CapUrgency = z.enum(['Immediate', 'Expected', 'Future', 'Past', 'Unknown']);
export const CapSeverity = z.enum(['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown']);
export const CapCertainty = z.enum(['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown']);
/** A first line to take is an Alert; later versions update or cancel it (CAP `msgType`). */
export const MessageType = z.enum(['Alert', 'Update', 'Cancel']);
export type MessageType = z.infer<typeof MessageType>;

export const Decision = z.enum(['approved', 'rejected', 'adapted']);
export type Decision = z.infer<typeof Decision>;

/** A state's status for one version of a line to take, as the page shows it. */
export const StateStatus = z.enum(['draft', 'approved', 'rejected', 'adapted', 'published']);
export type StateStatus = z.infer<typeof StateStatus>;

const Texts = z
  .array(LineText)
  .min(2)
  .max(OFFICIAL_LANGUAGES.length)
  .refine((texts) => new Set(texts.map((t) => t.language)).size === texts.length, 'one text per language')
  .refine((texts) => texts.some((t) => t.language === 'en'), 'an English text is required');

// --- Stored bodies (src/log/kinds.ts uses these for the new entry kinds) ---

/** One version of a line to take: `messageId` names the message across its versions, `version` counts from 1. */
export const PublicMessageDraftedBody = z.object({
  messageId: z.string(),
  version: z.number().int().positive(),
  msgType: MessageType,
  event: z.string(),
  category: CapCategory,
  urgency: CapUrgency,
  severity: CapSeverity,
  certainty: CapCertainty,
  embargoUntil: z.string(),
  texts: z.array(LineText),
});

/** A state's (or the drafter's) word on one version; adapting keeps the agreed line and adds national wording. */
export const PublicMessageDecisionBody = z.object({
  messageId: z.string(),
  version: z.number().int().positive(),
  organisation: z.string(),
  decision: Decision,
  /** The languages this organisation approves: English and one of its own official languages. */
  languages: z.array(z.string()),
  reason: z.string(),
  adaptation: z.array(LineText).optional(),
});

/** A state published the line nationally, where anyone can read it. */
export const PublicMessagePublishedBody = z.object({
  messageId: z.string(),
  version: z.number().int().positive(),
  organisation: z.string(),
  publishedAt: z.string(),
  link: z.string(),
});

/** The drafter moved the time before which nothing of this version may be published or exported. */
export const PublicMessageEmbargoBody = z.object({
  messageId: z.string(),
  version: z.number().int().positive(),
  embargoUntil: z.string(),
});

// --- Requests ---

const Instant = z.iso.datetime({ offset: true });

export const DraftRequest = z.object({
  /** Must be TLP:CLEAR: anything else is refused naming `marking`, since a public message is public. */
  marking: TlpMarking,
  event: z.string().trim().min(1).max(200),
  category: CapCategory.default('Infra'),
  urgency: CapUrgency.default('Expected'),
  severity: CapSeverity.default('Moderate'),
  certainty: CapCertainty.default('Likely'),
  embargoUntil: Instant,
  texts: Texts,
});
export type DraftRequest = z.infer<typeof DraftRequest>;

export const VersionRequest = DraftRequest.extend({ msgType: z.enum(['Update', 'Cancel']) });
export type VersionRequest = z.infer<typeof VersionRequest>;

export const DecisionRequest = z.object({
  decision: Decision,
  languages: z.array(Language).min(1).max(OFFICIAL_LANGUAGES.length).default([]),
  reason: z.string().trim().max(2000).default(''),
  adaptation: z.array(LineText).max(OFFICIAL_LANGUAGES.length).optional(),
});
export type DecisionRequest = z.infer<typeof DecisionRequest>;

export const PublicationRequest = z.object({ link: z.url({ protocol: /^https?$/ }).max(2000) });
export const EmbargoRequest = z.object({ embargoUntil: Instant });

// --- Views ---

export const StateView = z.object({
  organisation: z.string(),
  status: StateStatus,
  languages: z.array(z.string()),
  reason: z.string(),
  decidedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  link: z.string().nullable(),
  adaptation: z.array(LineText),
});

export const MessageVersionView = z.object({
  id: z.string(),
  messageId: z.string(),
  version: z.number().int(),
  msgType: MessageType,
  draftedBy: z.string(),
  draftedAt: z.string(),
  event: z.string(),
  category: CapCategory,
  urgency: CapUrgency,
  severity: CapSeverity,
  certainty: CapCertainty,
  embargoUntil: z.string(),
  embargoPassed: z.boolean(),
  texts: z.array(LineText),
  /** The texts started from another language, each a draft translation until a person of its state approves it. */
  translations: z.array(TranslationView),
  /** The languages whose text is approved so far: what the public page and CAP would carry. */
  approvedLanguages: z.array(z.string()),
  /** Comments on this version that the reader may see, oldest first. */
  comments: z.array(CommentView),
  /** The organisations whose approval the line needs: the drafter and the affected member states. */
  mustApprove: z.array(z.string()),
  states: z.array(StateView),
  /** Approved by its drafter and past its embargo: it may be exported to CAP. */
  exportable: z.boolean(),
  abilities: z.object({
    decide: z.boolean(),
    publish: z.boolean(),
    newVersion: z.boolean(),
    moveEmbargo: z.boolean(),
    translate: z.boolean(),
    comment: z.boolean(),
  }),
});
export type MessageVersionView = z.infer<typeof MessageVersionView>;

export const PublicMessagesView = z.object({
  messages: z.array(z.object({ messageId: z.string(), versions: z.array(MessageVersionView) })),
  abilities: z.object({ draft: z.boolean() }),
});
export type PublicMessagesView = z.infer<typeof PublicMessagesView>;

export { TlpMarking };
