import { uuidv7 } from 'uuidv7';
import type { WriteContext } from '../platform/db/write.js';
import { entryHash } from './hash.js';
import { assertBodyOfKind, type KindedBody } from './kinds.js';
import { type RedRecipient, reachRow, recipientRecords } from './reach.js';
import { searchTextOf } from './searchable.js';

/** What an author adds to an incident's log; the reach fields are fixed at creation, in the same row. */
export type NewEntry = KindedBody & {
  incidentId: string;
  authorUserId: string;
  authorOrg: string;
  marking: string;
  audience: readonly string[];
  recipients: readonly RedRecipient[];
  releasableToNato: boolean;
  sharingGroupId?: string | null;
  supersedes?: string | null;
};

export type AppendedEntry = NewEntry & {
  id: string;
  seq: number;
  createdAt: string;
};

/**
 * Appends one entry to the append-only log, with its audience rows (which list queries filter on) and an audit
 * record that carries a hash of the entry, so a changed entry no longer matches its audit record. The body must fit
 * its kind. An entry is activity on its incident, so the incident's last activity moves with it.
 */
export async function appendEntry(w: WriteContext, entry: NewEntry): Promise<AppendedEntry> {
  assertBodyOfKind(entry.kind, entry.body);
  const id = uuidv7();
  const seq = await w.nextEntrySeq();
  const row = entryRow(entry, id, seq, w.now);
  // The folded text search finds it by, outside the hashed columns: it is derived from the body, not content.
  const stored: StoredEntry = { ...row, search_text: searchTextOf(entry.kind, entry.body) };
  // Nobody reads them back in this write: they go with the batch's other new rows, in one statement, before
  // anything in the batch reads (`batch-ledger.ts`). The reach's audience and recipient rows are its projection,
  // written by the database's triggers (migration 0028).
  w.owe('entries', stored);
  w.owe('entry_reach', reachRow(id, entry, w.now, null));
  w.incidentActive(entry.incidentId);
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

/** The entry's row as its hash covers it. */
function entryRow(entry: NewEntry, id: string, seq: number, now: string) {
  return {
    id,
    seq,
    incident_id: entry.incidentId,
    kind: entry.kind,
    author_user_id: entry.authorUserId,
    author_org: entry.authorOrg,
    created_at: now,
    marking: entry.marking,
    audience: JSON.stringify([...entry.audience]),
    recipients: JSON.stringify(recipientRecords(entry.recipients)),
    releasable_to_nato: entry.releasableToNato ? 1 : 0,
    body: JSON.stringify(entry.body),
    supersedes: entry.supersedes ?? null,
  };
}

type StoredEntry = ReturnType<typeof entryRow> & { search_text: ReturnType<typeof searchTextOf> };
