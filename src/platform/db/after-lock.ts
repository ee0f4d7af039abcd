import { type Kysely, sql } from 'kysely';
import type { StoredKey } from './idempotency.js';
import type { Database } from './schema.js';

/**
 * PostgreSQL: the last entry sequence number and the batch's stored keys, read in one statement once the head's lock
 * is held. Not in the lock's own statement: one that waited for another instance's batch still reads with the
 * snapshot it took before waiting, and would number entries that instance already used (READ COMMITTED).
 */
export async function readUnderLock(
  trx: Kysely<Database>,
  keyHashes: readonly string[],
): Promise<{ entrySeq: number; storedKeys: Map<string, StoredKey> }> {
  const hashes = [...new Set(keyHashes)];
  const match = hashes.length === 0 ? sql`false` : sql`k.key_hash in (${sql.join(hashes)})`;
  const { rows } = await sql<
    { entry_seq: string | number | null } & { [K in keyof StoredKey]: StoredKey[K] | null }
  >`select (select max(seq) from entries) as entry_seq, k.key_hash, k.body_hash, k.status_code, k.response,
      k.secret, k.sent, k.content_type
    from (select 1) as one left join idempotency_keys k on ${match}`.execute(trx);
  const storedKeys = new Map<string, StoredKey>();
  for (const { entry_seq: _, ...key } of rows)
    if (key.key_hash !== null) storedKeys.set(key.key_hash, key as StoredKey);
  return { entrySeq: Number(rows[0]?.entry_seq ?? 0), storedKeys };
}
