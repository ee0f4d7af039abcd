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

/** The rows of an entry's effective reach: the projection every read path filters on. */
export function reachRows(entryId: string, reach: Reach, changedAt: string, changedBy: string | null) {
  const red = reach.marking === 'TLP:RED';
  const audience = red ? [] : [...new Set(reach.audience)];
  const recipients = red ? recipientRecords(reach.recipients) : [];
  return {
    reach: {
      entry_id: entryId,
      marking: reach.marking,
      audience: JSON.stringify(audience),
      recipients: JSON.stringify(recipients),
      sharing_group_id: red ? null : (reach.sharingGroupId ?? null),
      releasable_to_nato: !red && reach.releasableToNato ? 1 : 0,
      changed_at: changedAt,
      changed_by_entry: changedBy,
    },
    audience: audience.map((organisation) => ({ entry_id: entryId, organisation })),
    recipients: recipients.map((r) => ({ entry_id: entryId, email: r.email, user_id: r.userId })),
  };
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
  const rows = reachRows(entryId, reach, w.now, changedBy);
  if (changedBy) {
    const { entry_id: _, ...row } = rows.reach;
    await w.trx.updateTable('entry_reach').set(row).where('entry_id', '=', entryId).execute();
    await w.trx.deleteFrom('entry_audience').where('entry_id', '=', entryId).execute();
    await w.trx.deleteFrom('entry_recipients').where('entry_id', '=', entryId).execute();
  } else {
    await w.trx.insertInto('entry_reach').values(rows.reach).execute();
  }
  if (rows.audience.length > 0) await w.trx.insertInto('entry_audience').values(rows.audience).execute();
  if (rows.recipients.length > 0)
    await w.trx.insertInto('entry_recipients').values(rows.recipients).execute();
}

/** Each account once, with only the fields the log keeps (callers may pass richer objects). */
export function recipientRecords(list: readonly RedRecipient[]): RedRecipient[] {
  const byUser = new Map<string, RedRecipient>();
  for (const r of list) if (!byUser.has(r.userId)) byUser.set(r.userId, { userId: r.userId, email: r.email });
  return [...byUser.values()];
}
