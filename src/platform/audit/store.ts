import type { Kysely } from 'kysely';
import { GENESIS_HASH } from '../db/migrations.js';
import type { Database } from '../db/schema.js';
import { entryHash } from '../log.js';
import { type AuditContent, auditHash, type ChainBreak, findChainBreak } from './chain.js';

export interface AuditInput {
  action: string;
  subjectType: string;
  subjectId: string;
  details?: Record<string, unknown>;
}

/** Appends one record after the head. The caller holds the head's lock (see `inWrite`). */
export async function appendAuditRecord(
  trx: Kysely<Database>,
  key: Buffer,
  actor: { userId: string | null; organisation: string | null },
  at: string,
  input: AuditInput,
): Promise<number> {
  const head = await trx
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
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
  return content.seq;
}

export interface VerifyResult {
  records: number;
  broken?: ChainBreak;
}

/** Reads the whole chain in pages and checks every link against the key. */
export async function verifyAuditChain(db: Kysely<Database>, key: Buffer): Promise<VerifyResult> {
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
  const entryBreak = await findChangedEntry(db, collected);
  return entryBreak ? { records: collected.length, broken: entryBreak } : { records: collected.length };
}

/** Entries are the content the audit vouches for: each must still match the hash its audit record holds. */
async function findChangedEntry(
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
