import { uuidv7 } from 'uuidv7';
import { contentHash } from './audit/chain.js';
import type { WriteContext } from './db/write.js';

/**
 * A person a TLP:RED entry is for: the account it was resolved to when written (access follows `userId`), and the
 * address the author named, kept for the record.
 */
export interface RedRecipient {
  userId: string;
  email: string;
}

/** What an author adds to an incident's log; the reach fields are fixed at creation, in the same row. */
export interface NewEntry {
  incidentId: string;
  kind: string;
  authorUserId: string;
  authorOrg: string;
  marking: string;
  audience: readonly string[];
  recipients: readonly RedRecipient[];
  releasableToNato: boolean;
  sharingGroupId?: string | null;
  body: unknown;
  supersedes?: string | null;
}

export interface AppendedEntry extends NewEntry {
  id: string;
  seq: number;
  createdAt: string;
}

/**
 * Appends one entry to the append-only log, with its audience rows (which list queries filter on) and an audit
 * record that carries a hash of the entry, so a changed entry no longer matches its audit record.
 */
export async function appendEntry(w: WriteContext, entry: NewEntry): Promise<AppendedEntry> {
  const id = uuidv7();
  const seq = await w.nextEntrySeq();
  const row = {
    id,
    seq,
    incident_id: entry.incidentId,
    kind: entry.kind,
    author_user_id: entry.authorUserId,
    author_org: entry.authorOrg,
    created_at: w.now,
    marking: entry.marking,
    audience: JSON.stringify([...entry.audience]),
    recipients: JSON.stringify(recipientRecords(entry.recipients)),
    releasable_to_nato: entry.releasableToNato ? 1 : 0,
    body: JSON.stringify(entry.body),
    supersedes: entry.supersedes ?? null,
  };
  await w.trx.insertInto('entries').values(row).execute();
  await setReach(w, id, entry, null);
  await w.audit({
    action: 'entry.appended',
    subjectType: 'entry',
    subjectId: id,
    details: {
      incidentId: entry.incidentId,
      kind: entry.kind,
      seq,
      marking: entry.marking,
      contentHash: entryHash(row),
    },
  });
  await w.emit({ type: 'entry', incidentId: entry.incidentId, entryId: id });
  return { ...entry, id, seq, createdAt: w.now };
}

export interface Reach {
  marking: string;
  audience: readonly string[];
  recipients: readonly RedRecipient[];
  releasableToNato: boolean;
  sharingGroupId?: string | null;
}

/**
 * Sets an entry's effective reach: the projection every read path filters on. Entries stay as written; a reach
 * change is its own entry (`changedBy`), and this row follows the latest.
 */
export async function setReach(
  w: WriteContext,
  entryId: string,
  reach: Reach,
  changedBy: string | null,
): Promise<void> {
  const red = reach.marking === 'TLP:RED';
  const audience = red ? [] : [...new Set(reach.audience)];
  const recipients = red ? recipientRecords(reach.recipients) : [];
  const row = {
    marking: reach.marking,
    audience: JSON.stringify(audience),
    recipients: JSON.stringify(recipients),
    sharing_group_id: red ? null : (reach.sharingGroupId ?? null),
    releasable_to_nato: !red && reach.releasableToNato ? 1 : 0,
    changed_at: w.now,
    changed_by_entry: changedBy,
  };
  if (changedBy) {
    await w.trx.updateTable('entry_reach').set(row).where('entry_id', '=', entryId).execute();
    await w.trx.deleteFrom('entry_audience').where('entry_id', '=', entryId).execute();
    await w.trx.deleteFrom('entry_recipients').where('entry_id', '=', entryId).execute();
  } else {
    await w.trx
      .insertInto('entry_reach')
      .values({ entry_id: entryId, ...row })
      .execute();
  }
  if (audience.length > 0) {
    await w.trx
      .insertInto('entry_audience')
      .values(audience.map((organisation) => ({ entry_id: entryId, organisation })))
      .execute();
  }
  if (recipients.length > 0) {
    await w.trx
      .insertInto('entry_recipients')
      .values(recipients.map((r) => ({ entry_id: entryId, email: r.email, user_id: r.userId })))
      .execute();
  }
}

/** Each account once, with only the fields the log keeps (callers may pass richer objects). */
function recipientRecords(list: readonly RedRecipient[]): RedRecipient[] {
  const byUser = new Map<string, RedRecipient>();
  for (const r of list) if (!byUser.has(r.userId)) byUser.set(r.userId, { userId: r.userId, email: r.email });
  return [...byUser.values()];
}

/** The hash of an entry row as stored; `blueprint audit verify` recomputes it. */
export function entryHash(row: {
  id: string;
  seq: number;
  incident_id: string;
  kind: string;
  author_user_id: string;
  author_org: string;
  created_at: string;
  marking: string;
  audience: string;
  recipients: string;
  releasable_to_nato: number;
  body: string;
  supersedes: string | null;
}): string {
  return contentHash({
    id: row.id,
    seq: Number(row.seq),
    incident: row.incident_id,
    kind: row.kind,
    author: row.author_user_id,
    org: row.author_org,
    at: row.created_at,
    marking: row.marking,
    audience: row.audience,
    recipients: row.recipients,
    nato: row.releasable_to_nato,
    body: row.body,
    supersedes: row.supersedes,
  });
}
