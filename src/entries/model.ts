import { z } from 'zod';
import { AudienceMember, ParticipatingOrganisationId } from '../registry/model.js';
import { EntryAbilities, TlpMarking, WhoCanSee, WithholdingReason } from '../sharing/model.js';
import { Track } from '../sharing/tracks.js';

/** Kinds an author may post directly as free entries; other kinds come from their own workflows. */
export const POSTABLE_KINDS = ['note'] as const;
export const PostableKind = z.enum(POSTABLE_KINDS);

const Email = z.email({ message: 'not a valid e-mail address' }).max(254);

/** The reach an author chooses; CONTRACT "Who sees what" says what each field means. */
const ReachFields = {
  marking: TlpMarking,
  audience: z.array(AudienceMember).max(100).optional(),
  sharingGroup: z.string().min(1).max(64).optional(),
  recipients: z.array(Email).max(200).optional(),
  releasableToNato: z.boolean().default(false),
};

function redNeedsRecipients(v: { marking: string; recipients?: string[] | undefined }, ctx: z.RefinementCtx) {
  if (v.marking === 'TLP:RED' && (v.recipients ?? []).length === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['recipients'],
      message: 'required for TLP:RED: name at least one recipient',
    });
  }
}

export const NewEntryRequest = z
  .strictObject({
    kind: PostableKind,
    text: z.string().trim().min(1, 'must not be empty').max(20_000),
    ...ReachFields,
    withheld: z
      .array(z.strictObject({ field: z.enum(['text']), reason: WithholdingReason }))
      .max(1)
      .default([]),
    /** The entry this one corrects: it then reaches at least everyone the corrected entry reaches. */
    supersedes: z.string().min(1).max(64).optional(),
    /**
     * The response track of a hybrid incident the entry belongs to (default consequence management). Kept in the
     * stored body rather than a column: entries are never edited, so the track is fixed at writing like the text,
     * and the body is already what every read path presents; nothing filters on it in SQL.
     */
    track: Track.optional(),
  })
  .superRefine(redNeedsRecipients);
export type NewEntryRequest = z.infer<typeof NewEntryRequest>;

export const RetractionRequest = z.strictObject({
  reason: z.string().trim().min(1, 'say why the entry is retracted').max(2000),
});

export const ReachChangeRequest = z.strictObject(ReachFields).superRefine(redNeedsRecipients);
export type ReachChangeRequest = z.infer<typeof ReachChangeRequest>;

export const Withheld = z.object({ field: z.string(), reason: WithholdingReason, by: z.string() });

export const Attachment = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
  sha256: z.string(),
  marking: TlpMarking,
  audience: z.array(z.string()),
  releasableToNato: z.boolean(),
  createdAt: z.string(),
});
export type Attachment = z.infer<typeof Attachment>;

export const AttachmentQuery = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  marking: TlpMarking,
  /** Comma-separated organisations; defaults to the entry's own audience. */
  audience: z
    .string()
    .max(1000)
    .optional()
    .transform((s) =>
      s
        ? s
            .split(',')
            .map((x) => x.trim().toUpperCase())
            .filter(Boolean)
        : undefined,
    ),
  recipients: z
    .string()
    .max(5000)
    .optional()
    .transform((s) =>
      s
        ? s
            .split(',')
            .map((x) => x.trim().toLowerCase())
            .filter(Boolean)
        : undefined,
    ),
  nato: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type AttachmentQuery = z.infer<typeof AttachmentQuery>;

export const Recipient = z.object({
  userId: z.string(),
  name: z.string(),
  organisation: z.string(),
  email: z.string().optional(),
});
export type Recipient = z.infer<typeof Recipient>;

export const Entry = z.object({
  id: z.string(),
  incidentId: z.string(),
  seq: z.number(),
  kind: z.string(),
  createdAt: z.string(),
  author: z.object({ userId: z.string(), name: z.string(), organisation: z.string() }),
  marking: TlpMarking,
  /** As written: organisations and/or `PRESIDENCY`. */
  audience: z.array(z.string()),
  /** The audience as it reaches readers now: `PRESIDENCY` replaced by the member state holding it (none: left out). */
  resolvedAudience: z.array(z.string()),
  sharingGroup: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** The people a TLP:RED entry is for, as accounts; the address is shown to the author only. */
  recipients: z.array(Recipient),
  releasableToNato: z.boolean(),
  /** The entry's text, or null when withheld from this reader. */
  text: z.string().nullable(),
  /** Kind-specific content, with withheld fields removed for readers outside the author's organisation. */
  body: z.record(z.string(), z.unknown()),
  withheld: z.array(Withheld),
  /** The response track it belongs to; entries without one belong to consequence management. */
  track: Track,
  supersedes: z.string().nullable(),
  /** A later correction or retraction of this entry that the reader may see. */
  supersededBy: z.object({ id: z.string(), kind: z.string(), createdAt: z.string() }).nullable(),
  reachChangedAt: z.string().nullable(),
  whoCanSee: WhoCanSee,
  /** The attachments this reader may see (each has its own marking and audience, never wider than the entry's). */
  attachments: z.array(Attachment),
  /** What the reader may do with it, from the sharing rules (the web decides nothing itself). */
  abilities: EntryAbilities,
  /**
   * On an exercise incident played with a recorded clock: whole seconds of scenario time from the scenario's start
   * when the entry was written (src/exercises/scenario-clock.ts), shown as "T+01:15"; absent on real incidents.
   */
  scenarioOffsetSeconds: z.number().int().optional(),
});
export type Entry = z.infer<typeof Entry>;

export const ReachChangeResult = z.object({
  entry: Entry,
  /** People outside the new reach who read the entry before the change (from the access log). */
  mayHaveRead: z.array(
    z.object({ userId: z.string(), name: z.string(), organisation: z.string(), at: z.string() }),
  ),
  /** Organisations that could see the entry before and cannot now; their readers may have seen it unlogged. */
  organisationsLosingAccess: z.array(z.string()),
});
export type ReachChangeResult = z.infer<typeof ReachChangeResult>;

export const NewSharingGroupRequest = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  members: z.array(ParticipatingOrganisationId).min(1, 'name at least one member').max(100),
  hiddenMembership: z.boolean().default(false),
});
export type NewSharingGroupRequest = z.infer<typeof NewSharingGroupRequest>;

export const ExportQuery = z.object({
  /** Organisations the export is for, comma-separated; defaults to your own organisation. */
  audience: z
    .string()
    .max(1000)
    .optional()
    .transform((s) =>
      s
        ? s
            .split(',')
            .map((x) => x.trim().toUpperCase())
            .filter(Boolean)
        : undefined,
    ),
  nato: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const IncidentExport = z.object({
  product: z.object({
    kind: z.literal('incident-export'),
    marking: TlpMarking,
    releasableToNato: z.boolean(),
    audience: z.array(z.string()),
    generatedAt: z.string(),
    generatedBy: z.object({ name: z.string(), organisation: z.string() }),
    notice: z.string(),
  }),
  incident: z.object({
    id: z.string(),
    title: z.string(),
    reportedBy: z.string(),
    occurredAt: z.string(),
    exercise: z.boolean(),
  }),
  entries: z.array(Entry),
  omitted: z.object({ notVisibleToAll: z.number(), notExportable: z.number() }),
});
export type IncidentExport = z.infer<typeof IncidentExport>;

export const SearchHit = z.object({
  incidentId: z.string(),
  incidentTitle: z.string(),
  entry: Entry.nullable(),
});
export type SearchHit = z.infer<typeof SearchHit>;
