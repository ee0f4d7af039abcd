import type { AppendedEntry } from '../log/append.js';
import type { StoredEntry } from './store.js';

/** A sharing group as an entry carries it: its members as they were read under the write's lock. */
export type WrittenGroup = NonNullable<StoredEntry['group']>;

/**
 * A new entry as a read of it right after its commit would return it, built from what the write stored instead of
 * reading it back: its effective reach as `setReach` stores it, no attachments and no correction yet (nothing can
 * refer to an entry before it exists). Not built here: TLP:RED entries (their recipients are presented with the
 * accounts' current names) and entries addressed to the Presidency (its holder is read with the entry).
 */
export function writtenEntry(
  appended: AppendedEntry,
  authorName: string,
  group: WrittenGroup | null,
): StoredEntry {
  if (appended.marking === 'TLP:RED') throw new Error('a TLP:RED entry is presented from the database');
  const groupId = appended.sharingGroupId ?? null;
  if (groupId !== (group?.id ?? null)) throw new Error("the written group is not the entry's group");
  return {
    id: appended.id,
    seq: appended.seq,
    incidentId: appended.incidentId,
    kind: appended.kind,
    createdAt: appended.createdAt,
    authorUserId: appended.authorUserId,
    authorName,
    authorOrg: appended.authorOrg,
    body: JSON.stringify(appended.body),
    supersedes: appended.supersedes ?? null,
    marking: appended.marking,
    audience: [...new Set(appended.audience)],
    // Who holds the Presidency matters only to an audience addressing it, which the caller reads back instead.
    presidency: null,
    recipients: [],
    releasableToNato: appended.releasableToNato,
    reachChangedBy: null,
    reachChangedAt: appended.createdAt,
    group: group && { ...group, members: [...group.members].sort() },
    attachments: [],
  };
}
