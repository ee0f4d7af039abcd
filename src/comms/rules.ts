/**
 * The pure rules of coordinated public communication (BLUEPRINT.md objective 2): a line to take folded from its
 * log entries, each organisation's status for each version, the embargo, and what "approved" means for export.
 */
import type { z } from 'zod';
import type {
  NationalPublicationCorrectedBody,
  NationalPublicationWithdrawnBody,
} from './divergence-model.js';
import { languagesOf } from './languages.js';
import type {
  Decision,
  LineText,
  PublicMessageDecisionBody,
  PublicMessageDraftedBody,
  PublicMessageEmbargoBody,
  PublicMessagePublishedBody,
  StateStatus,
} from './model.js';
import type { PublicMessageTranslationBody } from './review-model.js';

export const COMMS_KINDS = [
  'public-message-drafted',
  'public-message-decision',
  'public-message-published',
  'public-message-embargo',
  'public-message-translation',
  // A state's publication of a line, recorded wrongly, taken back by the organisation that recorded it.
  'national-publication-withdrawn',
  'national-publication-corrected',
] as const;

/** One stored entry of a comms kind, as the store reads it. */
export interface CommsFact {
  id: string;
  kind: string;
  authorOrg: string;
  createdAt: string;
  body: unknown;
  /** The entry's effective marking, when the reader of the facts knows it; a line is written TLP:CLEAR. */
  marking?: string;
}

export interface StateRecord {
  organisation: string;
  decision: Decision | null;
  languages: string[];
  reason: string;
  decidedAt: string | null;
  adaptation: LineText[];
  publishedAt: string | null;
  link: string | null;
  /** The entry that recorded the publication, which a withdrawal names. */
  publicationId: string | null;
  /** Where the latest word falls in the log, so that it approves only texts written before it. */
  order: number;
}

/** A text started from another language: it is a draft translation until a person of its state approves it. */
export interface Translation {
  language: string;
  translatedFrom: string;
  translatedBy: string;
  translatedAt: string;
  order: number;
}

export interface MessageVersion extends z.infer<typeof PublicMessageDraftedBody> {
  id: string;
  draftedBy: string;
  draftedAt: string;
  /** Each organisation's latest word on this version, and its national publication. */
  records: Map<string, StateRecord>;
  /** The texts started from another language, by language; the others are the drafter's own. */
  translations: Map<string, Translation>;
  /** The draft entry's effective marking: a change of reach away from TLP:CLEAR takes the line out of public use. */
  marking: string;
}

export interface PublicMessage {
  messageId: string;
  /** Oldest first; the last is the current one. */
  versions: MessageVersion[];
}

function record(v: MessageVersion, organisation: string): StateRecord {
  let r = v.records.get(organisation);
  if (!r) {
    r = {
      organisation,
      decision: null,
      languages: [],
      reason: '',
      decidedAt: null,
      adaptation: [],
      publishedAt: null,
      link: null,
      publicationId: null,
      order: -1,
    };
    v.records.set(organisation, r);
  }
  return r;
}

/** Folds an incident's comms entries, in log order, into its public messages. */
export function publicMessages(facts: readonly CommsFact[]): PublicMessage[] {
  const byId = new Map<string, PublicMessage>();
  const versionOf = (messageId: string, version: number) =>
    byId.get(messageId)?.versions.find((v) => v.version === version);
  for (const [order, f] of facts.entries()) {
    if (f.kind === 'public-message-drafted') {
      const b = f.body as z.infer<typeof PublicMessageDraftedBody>;
      const m = byId.get(b.messageId) ?? { messageId: b.messageId, versions: [] };
      byId.set(b.messageId, m);
      m.versions.push({
        ...b,
        texts: [...b.texts],
        id: f.id,
        draftedBy: f.authorOrg,
        draftedAt: f.createdAt,
        records: new Map(),
        translations: new Map(),
        marking: f.marking ?? 'TLP:CLEAR',
      });
    } else if (f.kind === 'public-message-decision') {
      const b = f.body as z.infer<typeof PublicMessageDecisionBody>;
      const v = versionOf(b.messageId, b.version);
      if (!v) continue;
      Object.assign(record(v, b.organisation), {
        decision: b.decision,
        languages: b.languages,
        reason: b.reason,
        decidedAt: f.createdAt,
        adaptation: b.adaptation ?? [],
        order,
      });
    } else if (f.kind === 'public-message-published') {
      const b = f.body as z.infer<typeof PublicMessagePublishedBody>;
      const v = versionOf(b.messageId, b.version);
      if (v)
        Object.assign(record(v, b.organisation), {
          publishedAt: b.publishedAt,
          link: b.link,
          publicationId: f.id,
        });
    } else if (f.kind === 'national-publication-withdrawn') {
      const b = f.body as z.infer<typeof NationalPublicationWithdrawnBody>;
      // Only the publication's own recorder writes this (src/sharing/comms-review.ts): the state is unpublished.
      for (const m of byId.values())
        for (const v of m.versions)
          for (const r of v.records.values())
            if (r.publicationId === b.publicationId)
              Object.assign(r, { publishedAt: null, link: null, publicationId: null });
    } else if (f.kind === 'national-publication-corrected') {
      const b = f.body as z.infer<typeof NationalPublicationCorrectedBody>;
      for (const m of byId.values())
        for (const v of m.versions)
          for (const r of v.records.values())
            if (r.publicationId === b.publicationId && b.link !== null) r.link = b.link;
    } else if (f.kind === 'public-message-embargo') {
      const b = f.body as z.infer<typeof PublicMessageEmbargoBody>;
      const v = versionOf(b.messageId, b.version);
      if (v) v.embargoUntil = b.embargoUntil;
    } else if (f.kind === 'public-message-translation') {
      const b = f.body as z.infer<typeof PublicMessageTranslationBody>;
      const v = versionOf(b.messageId, b.version);
      // A text whose entry is no longer TLP:CLEAR can never be public: it is not part of the line.
      if (!v || (f.marking ?? 'TLP:CLEAR') !== 'TLP:CLEAR') continue;
      const text = { language: b.language, headline: b.headline, text: b.text, instruction: b.instruction };
      const at = v.texts.findIndex((t) => t.language === b.language);
      if (at >= 0) v.texts[at] = text as LineText;
      else v.texts.push(text as LineText);
      v.translations.set(b.language, {
        language: b.language,
        translatedFrom: b.translatedFrom,
        translatedBy: f.authorOrg,
        translatedAt: f.createdAt,
        order,
      });
    }
  }
  return [...byId.values()];
}

export function currentVersion(m: PublicMessage): MessageVersion {
  return m.versions[m.versions.length - 1]!;
}

/** Who must approve a line: the organisation that drafted it and every affected member state. */
export function mustApprove(
  v: Pick<MessageVersion, 'draftedBy'>,
  affectedStates: readonly string[],
): string[] {
  return [...new Set([v.draftedBy, ...affectedStates])];
}

export function statusOf(v: MessageVersion, organisation: string): StateStatus {
  const r = v.records.get(organisation);
  if (!r) return 'draft';
  if (r.publishedAt) return 'published';
  return r.decision ?? 'draft';
}

const agrees = (d: Decision | null) => d === 'approved' || d === 'adapted';

export function embargoPassed(v: Pick<MessageVersion, 'embargoUntil'>, now: Date): boolean {
  return now.getTime() >= Date.parse(v.embargoUntil);
}

/** CONTRACT: a version is approved when the organisation that drafted it approved it. */
export function approvedByDrafter(v: MessageVersion): boolean {
  return v.records.get(v.draftedBy)?.decision === 'approved';
}

/** CONTRACT: only TLP:CLEAR content is a public message; a line whose reach was changed away from it is not. */
export function isClear(v: Pick<MessageVersion, 'marking'>): boolean {
  return v.marking === 'TLP:CLEAR';
}

/** What may leave the platform as CAP: TLP:CLEAR, approved by its drafter and past its embargo. */
export function exportable(v: MessageVersion, now: Date): boolean {
  return isClear(v) && approvedByDrafter(v) && embargoPassed(v, now);
}

/**
 * Whether a text may count as approved: the drafter's own texts always; a translation only once an organisation
 * whose official language it is agreed to the line naming that language, after the translation was written.
 */
export function translationApproved(v: MessageVersion, language: string): boolean {
  const translation = v.translations.get(language);
  if (!translation) return true;
  return [...v.records.values()].some(
    (r) =>
      agrees(r.decision) &&
      r.order > translation.order &&
      r.languages.includes(language) &&
      languagesOf(r.organisation).includes(language),
  );
}

/**
 * The languages approved for a version: those its approving organisations named, in the order the texts have,
 * leaving out a draft translation that no person of its state has approved.
 */
export function approvedLanguages(v: MessageVersion): LineText[] {
  const named = new Set<string>();
  for (const r of v.records.values()) if (agrees(r.decision)) for (const l of r.languages) named.add(l);
  return v.texts.filter((t) => named.has(t.language) && translationApproved(v, t.language));
}

/**
 * Why a person may not start this language version from that one, or undefined: a bad source is the request's
 * fault (`translatedFrom`), a language already written by the drafter or already approved is a conflict.
 */
export function translationProblem(
  v: MessageVersion,
  language: string,
  from: string,
): { field: 'translatedFrom' | 'language'; conflict: boolean; message: string } | undefined {
  if (language === from)
    return {
      field: 'translatedFrom',
      conflict: false,
      message: 'a translation starts from another language',
    };
  if (!v.texts.some((t) => t.language === from))
    return {
      field: 'translatedFrom',
      conflict: false,
      message: `the line has no ${from} text to start from`,
    };
  const written = v.texts.some((t) => t.language === language);
  if (written && !v.translations.has(language))
    return {
      field: 'language',
      conflict: true,
      message: `the line was drafted with its own ${language} text; change it in a new version`,
    };
  if (written && translationApproved(v, language))
    return {
      field: 'language',
      conflict: true,
      message: `the ${language} translation is already approved; change it in a new version`,
    };
  return undefined;
}

/**
 * Why an organisation may not approve a version in these languages, or undefined: English and one of the state's
 * own official languages (an organisation that is no state names English and one other), each with a text.
 */
export function languageProblem(v: MessageVersion, organisation: string, languages: readonly string[]) {
  const written = new Set<string>(v.texts.map((t) => t.language));
  const missing = languages.find((l) => !written.has(l));
  if (missing) return `the line has no ${missing} text to approve`;
  if (!languages.includes('en')) return 'approve the English text together with your own language';
  const own = languagesOf(organisation);
  if (own.length > 0 && !languages.some((l) => own.includes(l)))
    return `approve one of ${organisation}'s official languages (${own.join(', ')}) besides English`;
  if (own.length === 0 && !languages.some((l) => l !== 'en'))
    return 'approve one official language besides English';
  return undefined;
}

/** A state may publish nationally once it agreed, the drafter approved, and the embargo has passed. */
export function publicationProblem(v: MessageVersion, organisation: string, now: Date) {
  if (!isClear(v))
    return { code: 'not-clear', message: `the line is ${v.marking}: only TLP:CLEAR is published` };
  if (!agrees(v.records.get(organisation)?.decision ?? null))
    return { code: 'not-approved', message: `${organisation} has not approved or adapted this line` };
  if (!approvedByDrafter(v))
    return { code: 'not-approved', message: `${v.draftedBy}, which drafted it, has not approved this line` };
  if (!embargoPassed(v, now))
    return { code: 'embargo', message: `the line is under embargo until ${v.embargoUntil}` };
  return undefined;
}

/** CAP 1.2 wants UTC as `-00:00`, never `Z` and never fractions of a second. */
export function capTime(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19)}-00:00`;
}

/** When a version counts as sent: its drafter's approval, or the end of its embargo if that is later. */
export function sentAt(v: MessageVersion): string {
  const approved = v.records.get(v.draftedBy)?.decidedAt ?? v.draftedAt;
  return Date.parse(approved) >= Date.parse(v.embargoUntil) ? approved : v.embargoUntil;
}
