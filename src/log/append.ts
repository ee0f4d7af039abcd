import { uuidv7 } from 'uuidv7';
import { precompiled, rowOf } from '../platform/db/precompiled.js';
import type { WriteContext } from '../platform/db/write.js';
import { entryHash } from './hash.js';
import { assertBodyOfKind, type KindedBody } from './kinds.js';
import { type RedRecipient, reachRow, recipientRecords, setReach } from './reach.js';
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
  if (w.engine === 'postgres')
    await insertInOneStatement(w.trx, { ...stored, ...reachRow(id, entry, w.now, null) });
  else {
    await insertEntry(w.trx, stored);
    await setReach(w, id, entry, null);
  }
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
const ENTRY_COLUMNS: { readonly [K in keyof StoredEntry]-?: true } = {
  id: true,
  seq: true,
  incident_id: true,
  kind: true,
  author_user_id: true,
  author_org: true,
  created_at: true,
  marking: true,
  audience: true,
  recipients: true,
  releasable_to_nato: true,
  body: true,
  supersedes: true,
  search_text: true,
};

type ReachRow = ReturnType<typeof reachRow>;
const REACH_COLUMNS = {
  marking: true,
  audience: true,
  recipients: true,
  sharing_group_id: true,
  releasable_to_nato: true,
  changed_at: true,
  changed_by_entry: true,
} as const;

/** Every entry is one of these: compiled once (`precompiled.ts`). */
const insertEntry = precompiled<StoredEntry, never>((db, p) =>
  db.insertInto('entries').values(rowOf<StoredEntry>(p, ENTRY_COLUMNS)),
);

/**
 * PostgreSQL writes the entry and its reach row in one statement (data-modifying CTEs all run, and the foreign keys
 * are checked at its end), saving a write a round trip while it holds the head's lock. The reach's audience and
 * recipient rows are its projection, written by the database's trigger (migration 0028).
 */
const insertInOneStatement = precompiled<StoredEntry & ReachRow, never>((db, p) =>
  db
    .with('entry', (d) => d.insertInto('entries').values(rowOf<StoredEntry>(p, ENTRY_COLUMNS)))
    .insertInto('entry_reach')
    .values({ ...rowOf<Omit<ReachRow, 'entry_id'>>(p, REACH_COLUMNS), entry_id: p.id as string }),
);
