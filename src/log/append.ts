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
    await insertInOneStatement(w.trx, { ...stored, ...reachParams(reachRow(id, entry, w.now, null)) });
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
/** The reach row's values under names of their own: the entry's row has columns of the same names, other values. */
type ReachParams = { [K in keyof Omit<ReachRow, 'entry_id'> as `reach_${K}`]: ReachRow[K] };

function reachParams(r: ReachRow): ReachParams {
  return {
    reach_marking: r.marking,
    reach_audience: r.audience,
    reach_recipients: r.recipients,
    reach_sharing_group_id: r.sharing_group_id,
    reach_releasable_to_nato: r.releasable_to_nato,
    reach_changed_at: r.changed_at,
    reach_changed_by_entry: r.changed_by_entry,
  };
}

/** Every entry is one of these: compiled once (`precompiled.ts`). */
const insertEntry = precompiled<StoredEntry, never>((db, p) =>
  db.insertInto('entries').values(rowOf<StoredEntry>(p, ENTRY_COLUMNS)),
);

/**
 * PostgreSQL writes the entry and its reach row in one statement (data-modifying CTEs all run, and the foreign keys
 * are checked at its end), saving a write a round trip while it holds the head's lock. The reach's audience and
 * recipient rows are its projection, written by the database's trigger (migration 0028).
 */
const insertInOneStatement = precompiled<StoredEntry & ReachParams, never>((db, p) =>
  db
    .with('entry', (d) => d.insertInto('entries').values(rowOf<StoredEntry>(p, ENTRY_COLUMNS)))
    .insertInto('entry_reach')
    .values({
      entry_id: p.id,
      marking: p.reach_marking,
      audience: p.reach_audience,
      recipients: p.reach_recipients,
      sharing_group_id: p.reach_sharing_group_id,
      releasable_to_nato: p.reach_releasable_to_nato,
      changed_at: p.reach_changed_at,
      changed_by_entry: p.reach_changed_by_entry,
    }),
);
