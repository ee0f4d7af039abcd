import type { Kysely } from 'kysely';
import { type AuditContent, type ChainBreak, contentHash } from '../platform/audit/chain.js';
import type { Database } from '../platform/db/schema.js';

/** An entry row as stored, with the columns its hash covers. */
export interface HashedEntryRow {
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
}

/** The hash of an entry row as stored; the entry's audit record carries it and verification recomputes it. */
export function entryHash(row: HashedEntryRow): string {
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

/**
 * Entries are the content the audit chain vouches for: each must still match the hash its audit record holds, and
 * every record of an appended entry must still have its entry. A check for `verifyAuditChain`.
 */
export async function findChangedEntry(
  db: Kysely<Database>,
  records: ReadonlyArray<AuditContent>,
): Promise<ChainBreak | undefined> {
  const expected = new Map<string, { seq: number; hash: string }>();
  for (const r of records) {
    if (r.action !== 'entry.appended') continue;
    const details = JSON.parse(r.details) as { contentHash?: string };
    if (details.contentHash) expected.set(r.subjectId, { seq: r.seq, hash: details.contentHash });
  }
  let after = -1;
  const seen = new Set<string>();
  for (;;) {
    const rows = await db
      .selectFrom('entries')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(2000)
      .execute();
    for (const row of rows) {
      seen.add(row.id);
      const audit = expected.get(row.id);
      if (!audit) return { seq: 0, reason: `entry ${row.id} has no audit record` };
      if (entryHash(row) !== audit.hash)
        return { seq: audit.seq, reason: `entry ${row.id} was changed after it was written` };
    }
    if (rows.length < 2000) break;
    after = Number(rows[rows.length - 1]!.seq);
  }
  for (const [id, audit] of expected) {
    if (!seen.has(id)) return { seq: audit.seq, reason: `entry ${id} was deleted` };
  }
  return undefined;
}
