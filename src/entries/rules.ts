import { type ScenarioTime, scenarioOffsetSeconds } from '../exercises/scenario-clock.js';
import { isFirstReport } from '../incidents/standing-facts.js';
import type { RedRecipient } from '../log/reach.js';
import { entryAbilities } from '../sharing/abilities.js';
import { type EntryReach, type Reader, readEntry, seeWithheldDetails } from '../sharing/entries.js';
import { markingRank, type TlpMarking, type WhoCanSee } from '../sharing/model.js';
import { isAllowed } from '../sharing/policy.js';
import { resolveAudience } from '../sharing/presidency.js';
import { trackOf } from '../sharing/tracks.js';
import type { Attachment, Entry } from './model.js';
import { type DerivedTextView, presentStatusChange } from './status-change.js';
import type { StoredAttachment, StoredEntry, StoredRecipient } from './store.js';

export function reachOf(e: StoredEntry): EntryReach {
  return {
    authorUserId: e.authorUserId,
    authorOrg: e.authorOrg,
    marking: e.marking,
    audience: e.audience,
    presidency: e.presidency,
    groupMembers: e.group?.members ?? [],
    recipients: e.recipients.map((r) => r.userId),
    releasableToNato: e.releasableToNato,
  };
}

/** A recipient as a reader sees it: a person with name and organisation; only the author sees the address. */
function presentRecipient(r: StoredRecipient, reader: Reader, e: StoredEntry): Entry['recipients'][number] {
  const person = { userId: r.userId, name: r.name, organisation: r.organisation };
  return reader.userId === e.authorUserId ? { ...person, email: r.email } : person;
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

interface WithheldField {
  field: string;
  reason: 'national-security' | 'commercial-confidentiality' | 'ongoing-investigation';
}

const PATH_PART = /([A-Za-z][A-Za-z0-9]*)|\[(\d+)\]/g;

/** Removes the value at a bracket path such as `entities[0].name`; the rest of the body is untouched. */
export function withoutField(body: unknown, path: string): unknown {
  const parts = [...path.matchAll(PATH_PART)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
  const clone = structuredClone(body) as Record<string | number, unknown>;
  let node: unknown = clone;
  for (let i = 0; i < parts.length - 1; i++) {
    if (node === null || typeof node !== 'object') return clone;
    node = (node as Record<string | number, unknown>)[parts[i]!];
  }
  const last = parts[parts.length - 1];
  if (node !== null && typeof node === 'object' && last !== undefined) {
    delete (node as Record<string | number, unknown>)[last];
  }
  return clone;
}

/**
 * Who can see an entry, as shown to a reader: organisations for ordinary markings, people for TLP:RED, and a hidden
 * sharing group's name in place of its members unless the reader's organisation owns it.
 */
export function whoCanSee(e: StoredEntry, readerOrg: string): WhoCanSee {
  if (e.marking === 'TLP:RED') {
    const people = [...e.recipients].sort(byName).map((r) => `${r.name} (${r.organisation})`);
    return { organisations: [], people, natoLiaison: false, hiddenGroup: null };
  }
  const hidden = e.group?.hidden === true && e.group.ownerOrg !== readerOrg;
  const orgs = new Set([
    e.authorOrg,
    ...resolveAudience(e.audience, e.presidency),
    ...(hidden ? [] : (e.group?.members ?? [])),
  ]);
  return {
    organisations: [...orgs].sort(),
    people: [],
    natoLiaison: e.releasableToNato,
    hiddenGroup: hidden ? (e.group?.name ?? null) : null,
  };
}

/** An attachment's own reach; it is read only by those who may read both the entry and the attachment. */
export function attachmentReachOf(e: StoredEntry, a: StoredAttachment): EntryReach {
  return {
    authorUserId: e.authorUserId,
    authorOrg: e.authorOrg,
    marking: a.marking,
    audience: a.audience,
    presidency: e.presidency,
    groupMembers: [],
    recipients: a.recipients.map((r) => r.userId),
    releasableToNato: a.releasableToNato,
  };
}

export function presentAttachment(a: StoredAttachment): Attachment {
  return {
    id: a.id,
    fileName: a.fileName,
    contentType: a.contentType,
    size: a.size,
    sha256: a.sha256,
    marking: a.marking as Attachment['marking'],
    audience: a.marking === 'TLP:RED' ? [] : [...a.audience].sort(),
    releasableToNato: a.releasableToNato,
    createdAt: a.createdAt,
  };
}

/**
 * The problem with an attachment's chosen reach, or undefined when it is no wider than its entry's: a marking at
 * least as restrictive, an audience within the entry's readers, NATO only if the entry is released to NATO.
 */
export function attachmentReachProblem(
  entry: StoredEntry,
  chosen: {
    marking: TlpMarking;
    audience: readonly string[];
    recipients: readonly RedRecipient[];
    releasableToNato: boolean;
  },
): { field: string; message: string } | undefined {
  if (markingRank(chosen.marking) < markingRank(entry.marking as TlpMarking)) {
    return { field: 'marking', message: `must be at least as restrictive as the entry's ${entry.marking}` };
  }
  if (chosen.marking === 'TLP:RED') {
    if (chosen.recipients.length === 0)
      return { field: 'recipients', message: 'required for TLP:RED: name at least one recipient' };
    const allowed = entry.marking === 'TLP:RED' ? entry.recipients.map((r) => r.userId) : null;
    const extra = allowed && chosen.recipients.find((r) => !allowed.includes(r.userId));
    if (extra) return { field: 'recipients', message: `"${extra.email}" is not a recipient of the entry` };
    return undefined;
  }
  // The entry's readers: `PRESIDENCY` as written (an attachment may follow the term too) and its holder now.
  const entryOrgs = new Set([
    entry.authorOrg,
    ...entry.audience,
    ...resolveAudience(entry.audience, entry.presidency),
    ...(entry.group?.members ?? []),
  ]);
  const outside = chosen.audience.find((o) => !entryOrgs.has(o));
  if (outside) return { field: 'audience', message: `"${outside}" may not see the entry itself` };
  if (chosen.releasableToNato && !entry.releasableToNato) {
    return { field: 'nato', message: 'the entry is not released to NATO' };
  }
  return undefined;
}

/** A later entry that corrects or retracts another, as the reader may see it. */
export interface Superseding {
  id: string;
  kind: string;
  createdAt: string;
}

/**
 * The reach of a correction: at least everyone the corrected entry reaches, so nobody who had the original misses
 * the correction. Returns the widened reach, or a problem when the two cannot be reconciled.
 */
export function correctionReach<
  R extends {
    marking: TlpMarking;
    audience: string[];
    recipients: RedRecipient[];
    releasableToNato: boolean;
  },
>(chosen: R, original: StoredEntry): R | { field: string; message: string } {
  if (original.marking === 'TLP:RED') {
    if (chosen.marking !== 'TLP:RED') {
      return { field: 'marking', message: 'a correction of a TLP:RED entry is TLP:RED, for the same people' };
    }
    return {
      ...chosen,
      // The same accounts as the original, whatever address named them.
      recipients: [
        ...chosen.recipients,
        ...original.recipients
          .filter((o) => !chosen.recipients.some((r) => r.userId === o.userId))
          .map((o) => ({ userId: o.userId, email: o.email })),
      ],
    };
  }
  if (chosen.marking === 'TLP:RED') {
    return {
      field: 'marking',
      message: 'a correction must reach everyone the corrected entry reached; TLP:RED would not',
    };
  }
  return {
    ...chosen,
    audience: [
      ...new Set([
        ...chosen.audience,
        original.authorOrg,
        ...original.audience,
        ...(original.group?.members ?? []),
      ]),
    ],
    releasableToNato: chosen.releasableToNato || original.releasableToNato,
  };
}

/** The entry exactly as this reader receives it, on every read path and on the stream. */
export function presentEntry(
  e: StoredEntry,
  reader: Reader,
  supersededBy: Superseding | null = null,
  derived?: DerivedTextView,
  /** The exercise's recorded clock, when the entry's incident was played with one. */
  scenario?: ScenarioTime,
): Entry {
  const readerOrg = reader.organisation;
  let body = JSON.parse(e.body) as Record<string, unknown>;
  // Text derived from the facts is rendered for this reader; without their view it names no entity.
  if (e.kind === 'status-change') body = presentStatusChange(e.id, body, derived);
  const withheld = (Array.isArray(body.withheld) ? (body.withheld as WithheldField[]) : []).map((w) => ({
    ...w,
    by: e.authorOrg,
  }));
  // Withholding is the author's organisation keeping a detail to itself: its own people still see it.
  if (!isAllowed(seeWithheldDetails, reader, e.authorOrg)) {
    for (const w of withheld) body = withoutField(body, w.field) as Record<string, unknown>;
  }
  return {
    id: e.id,
    incidentId: e.incidentId,
    seq: e.seq,
    kind: e.kind,
    createdAt: e.createdAt,
    author: { userId: e.authorUserId, name: e.authorName, organisation: e.authorOrg },
    marking: e.marking as Entry['marking'],
    audience: e.marking === 'TLP:RED' ? [] : [...e.audience].sort(),
    resolvedAudience: e.marking === 'TLP:RED' ? [] : resolveAudience(e.audience, e.presidency),
    sharingGroup: e.group ? { id: e.group.id, name: e.group.name } : null,
    recipients:
      e.marking === 'TLP:RED'
        ? [...e.recipients].sort(byName).map((r) => presentRecipient(r, reader, e))
        : [],
    releasableToNato: e.releasableToNato,
    text: typeof body.text === 'string' ? body.text : null,
    body,
    withheld,
    track: trackOf(body),
    supersedes: e.supersedes,
    supersededBy,
    reachChangedAt: e.reachChangedBy ? e.reachChangedAt : null,
    whoCanSee: whoCanSee(e, readerOrg),
    abilities: entryAbilities(reader, { ...e, firstReport: isFirstReport(e.kind, body) }),
    attachments: e.attachments
      .filter((a) => isAllowed(readEntry, reader, attachmentReachOf(e, a)))
      .map(presentAttachment),
    ...(scenario
      ? { scenarioOffsetSeconds: scenarioOffsetSeconds(scenario, e.createdAt, e.authorUserId) }
      : {}),
  };
}
