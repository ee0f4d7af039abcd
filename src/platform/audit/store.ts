import type { Kysely } from 'kysely';
import { GENESIS_HASH } from '../db/migrations.js';
import type { Database } from '../db/schema.js';
import { type AuditContent, auditHash, type ChainBreak, findChainBreak } from './chain.js';

export interface AuditInput {
  action: string;
  subjectType: string;
  subjectId: string;
  details?: Record<string, unknown>;
}

/** The chain's head as the transaction holding its lock last left it. */
export interface AuditHead {
  seq: number;
  hash: string;
}

/** An audit record as stored, chained to the head before it. */
export interface ChainedRecord {
  seq: number;
  at: string;
  actor_user_id: string | null;
  actor_org: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  details: string;
  prev_hash: string;
  hash: string;
}

/**
 * The record that follows `head`, which it moves on: for a caller holding the head's lock that writes the records
 * and the head itself later in the same transaction (a group commit's batch, see src/platform/db/batch-ledger.ts).
 */
export function chainRecord(
  key: Buffer,
  head: AuditHead,
  actor: { userId: string | null; organisation: string | null },
  at: string,
  input: AuditInput,
): ChainedRecord {
  const content: AuditContent = {
    seq: head.seq + 1,
    at,
    actorUserId: actor.userId,
    actorOrg: actor.organisation,
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    details: JSON.stringify(input.details ?? {}),
  };
  const hash = auditHash(key, head.hash, content);
  const record = {
    seq: content.seq,
    at,
    actor_user_id: content.actorUserId,
    actor_org: content.actorOrg,
    action: content.action,
    subject_type: content.subjectType,
    subject_id: content.subjectId,
    details: content.details,
    prev_hash: head.hash,
    hash,
  };
  head.seq = content.seq;
  head.hash = hash;
  return record;
}

/**
 * Appends one record after the head. The caller holds the head's lock (see `inWrite`), so a head it read under that
 * lock stays current: given one, it is used and moved on instead of being read again.
 */
export async function appendAuditRecord(
  trx: Kysely<Database>,
  key: Buffer,
  actor: { userId: string | null; organisation: string | null },
  at: string,
  input: AuditInput,
  known?: AuditHead,
): Promise<number> {
  const head =
    known ??
    (await trx
      .selectFrom('audit_head')
      .select(['seq', 'hash'])
      .where('id', '=', 1)
      .executeTakeFirstOrThrow());
  const content: AuditContent = {
    seq: Number(head.seq) + 1,
    at,
    actorUserId: actor.userId,
    actorOrg: actor.organisation,
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    details: JSON.stringify(input.details ?? {}),
  };
  const hash = auditHash(key, head.hash, content);
  await trx
    .insertInto('audit_records')
    .values({
      seq: content.seq,
      at,
      actor_user_id: content.actorUserId,
      actor_org: content.actorOrg,
      action: content.action,
      subject_type: content.subjectType,
      subject_id: content.subjectId,
      details: content.details,
      prev_hash: head.hash,
      hash,
    })
    .execute();
  await trx.updateTable('audit_head').set({ seq: content.seq, hash }).where('id', '=', 1).execute();
  if (known) {
    known.seq = content.seq;
    known.hash = hash;
  }
  return content.seq;
}

export interface VerifyResult {
  records: number;
  broken?: ChainBreak;
}

/**
 * A check that content the chain vouches for still matches the hashes its records hold. The module that writes the
 * content owns its check (the log's entries, see src/log/hash.ts); src/audit/content.ts lists them.
 */
export type ContentCheck = (
  db: Kysely<Database>,
  records: ReadonlyArray<AuditContent>,
) => Promise<ChainBreak | undefined>;

/** Reads the whole chain in pages, checks every link against the key, then the content the records vouch for. */
export async function verifyAuditChain(
  db: Kysely<Database>,
  key: Buffer,
  contentChecks: readonly ContentCheck[],
): Promise<VerifyResult> {
  const head = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  if (!head) return { records: 0, broken: { seq: 0, reason: 'the chain head is missing' } };
  const pageSize = 2000;
  async function* records() {
    let after = 0;
    for (;;) {
      const rows = await db
        .selectFrom('audit_records')
        .selectAll()
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(pageSize)
        .execute();
      for (const r of rows) {
        yield {
          seq: Number(r.seq),
          at: r.at,
          actorUserId: r.actor_user_id,
          actorOrg: r.actor_org,
          action: r.action,
          subjectType: r.subject_type,
          subjectId: r.subject_id,
          details: r.details,
          prevHash: r.prev_hash,
          hash: r.hash,
        };
      }
      if (rows.length < pageSize) return;
      after = Number(rows[rows.length - 1]!.seq);
    }
  }
  const collected: Array<AuditContent & { prevHash: string; hash: string }> = [];
  for await (const r of records()) collected.push(r);
  const broken = findChainBreak(key, GENESIS_HASH, collected, { seq: Number(head.seq), hash: head.hash });
  if (broken) return { records: collected.length, broken };
  for (const check of contentChecks) {
    const contentBreak = await check(db, collected);
    if (contentBreak) return { records: collected.length, broken: contentBreak };
  }
  return { records: collected.length };
}
