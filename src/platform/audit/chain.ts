import { createHmac } from 'node:crypto';

export interface AuditContent {
  seq: number;
  at: string;
  actorUserId: string | null;
  actorOrg: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  details: string;
}

/** Stable JSON: object keys sorted at every level, so a record hashes the same wherever it is serialised. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * Keyed hash of a record chained to its predecessor. The key lives outside the database, so someone who can
 * rewrite the database file still cannot produce hashes that verify.
 */
export function auditHash(key: Buffer, prevHash: string, content: AuditContent): string {
  return createHmac('sha256', key).update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}

export function contentHash(value: unknown): string {
  return createHmac('sha256', 'blueprint-content').update(canonicalJson(value)).digest('hex');
}

export type ChainBreak = { seq: number; reason: string };

/** Walks records in order and names the first that does not follow from its predecessor. */
export function findChainBreak(
  key: Buffer,
  genesis: string,
  records: Iterable<AuditContent & { prevHash: string; hash: string }>,
  head: { seq: number; hash: string },
): ChainBreak | undefined {
  let expectedSeq = 1;
  let prev = genesis;
  for (const r of records) {
    if (r.seq !== expectedSeq) return { seq: expectedSeq, reason: `record ${expectedSeq} is missing` };
    if (r.prevHash !== prev) return { seq: r.seq, reason: 'does not link to the previous record' };
    const { prevHash: _p, hash, ...content } = r;
    if (auditHash(key, prev, content) !== hash)
      return { seq: r.seq, reason: 'content does not match its hash' };
    prev = hash;
    expectedSeq++;
  }
  const last = expectedSeq - 1;
  if (head.seq !== last || head.hash !== prev) {
    return {
      seq: Math.min(head.seq, last) + 1,
      reason: `chain head says ${head.seq} records, found ${last}`,
    };
  }
  return undefined;
}
