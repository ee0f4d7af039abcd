import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { WriteContext } from '../db/write.js';
import type { JobHandler } from '../jobs/runner.js';
import { schedule } from '../jobs/store.js';
import { type ContentCheck, verifyAuditChain } from './store.js';

/** The outcome of one check of the whole chain, as the audit viewer shows it. */
export interface AuditCheck {
  checkedAt: string;
  intact: boolean;
  records: number;
  brokenAt: number | null;
  reason: string | null;
}

export const AUDIT_CHECK_KIND = 'audit.chain-check';
export const AUDIT_CHECK_EVERY_MS = 3_600_000;

/**
 * Verifies the chain and keeps the result. Inside a write, so no record lands half-way through the walk and the
 * result describes one consistent chain; the walk is linear, which is why it runs on a schedule, not per page.
 */
export async function checkAuditChain(
  w: WriteContext,
  key: Buffer,
  contentChecks: readonly ContentCheck[],
): Promise<AuditCheck> {
  const result = await verifyAuditChain(w.trx, key, contentChecks);
  const check: AuditCheck = {
    checkedAt: w.now,
    intact: !result.broken,
    records: result.records,
    brokenAt: result.broken?.seq ?? null,
    reason: result.broken?.reason ?? null,
  };
  const row = {
    checked_at: check.checkedAt,
    intact: check.intact ? 1 : 0,
    records: check.records,
    broken_seq: check.brokenAt,
    broken_reason: check.reason,
  };
  await w.trx
    .insertInto('audit_checks')
    .values({ id: 'chain', ...row })
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
  return check;
}

/** The latest check, or null before the first one ran. */
export async function lastAuditCheck(db: Kysely<Database>): Promise<AuditCheck | null> {
  const row = await db.selectFrom('audit_checks').selectAll().where('id', '=', 'chain').executeTakeFirst();
  if (!row) return null;
  return {
    checkedAt: row.checked_at,
    intact: row.intact === 1,
    records: Number(row.records),
    brokenAt: row.broken_seq === null ? null : Number(row.broken_seq),
    reason: row.broken_reason,
  };
}

/** Schedules the next check unless one is already waiting: at start-up, and by each check for the one after. */
export async function scheduleAuditCheck(w: WriteContext, runAt: Date | string): Promise<void> {
  await schedule(w, { kind: AUDIT_CHECK_KIND, runAt, key: AUDIT_CHECK_KIND });
}

/** The scheduled check: verifies the chain, records the result and schedules itself again. */
export function auditCheckJob(
  key: Buffer,
  contentChecks: readonly ContentCheck[],
  everyMs = AUDIT_CHECK_EVERY_MS,
): JobHandler {
  return {
    kind: AUDIT_CHECK_KIND,
    async run(w) {
      await checkAuditChain(w, key, contentChecks);
      await scheduleAuditCheck(w, new Date(Date.parse(w.now) + everyMs));
    },
  };
}
