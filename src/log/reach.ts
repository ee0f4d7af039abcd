import type { WriteContext } from '../platform/db/write.js';

/**
 * A person a TLP:RED entry is for: the account it was resolved to when written (access follows `userId`), and the
 * address the author named, kept for the record.
 */
export interface RedRecipient {
  userId: string;
  email: string;
}

export interface Reach {
  marking: string;
  audience: readonly string[];
  recipients: readonly RedRecipient[];
  releasableToNato: boolean;
  sharingGroupId?: string | null;
}

/** The row of an entry's effective reach: the projection every read path filters on. */
export function reachRow(entryId: string, reach: Reach, changedAt: string, changedBy: string | null) {
  const red = reach.marking === 'TLP:RED';
  return {
    entry_id: entryId,
    marking: reach.marking,
    audience: JSON.stringify(red ? [] : [...new Set(reach.audience)]),
    recipients: JSON.stringify(red ? recipientRecords(reach.recipients) : []),
    sharing_group_id: red ? null : (reach.sharingGroupId ?? null),
    releasable_to_nato: !red && reach.releasableToNato ? 1 : 0,
    changed_at: changedAt,
    changed_by_entry: changedBy,
  };
}

/**
 * Changes an entry's effective reach: the projection every read path filters on. Entries stay as written; a reach
 * change is its own entry (`changedBy`), and this row follows the latest. (A new entry's row is written with the
 * entry, `append.ts`.) The audience and recipient rows that lists join on are the database's projection of this
 * row, kept by its triggers (migration 0028), so they can never disagree with it and cost the write no statement.
 */
export async function setReach(
  w: WriteContext,
  entryId: string,
  reach: Reach,
  changedBy: string,
): Promise<void> {
  const { entry_id: _, ...row } = reachRow(entryId, reach, w.now, changedBy);
  await w.trx.updateTable('entry_reach').set(row).where('entry_id', '=', entryId).execute();
}

/** Each account once, with only the fields the log keeps (callers may pass richer objects). */
export function recipientRecords(list: readonly RedRecipient[]): RedRecipient[] {
  const byUser = new Map<string, RedRecipient>();
  for (const r of list) if (!byUser.has(r.userId)) byUser.set(r.userId, { userId: r.userId, email: r.email });
  return [...byUser.values()];
}
