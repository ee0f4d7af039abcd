import type { Kysely, Selectable } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Engine } from '../db/index.js';
import type { Database, JobsTable } from '../db/schema.js';
import type { WriteContext } from '../db/write.js';

/** Something that is to happen at a time: a deadline, a retry, a scheduled check. */
export interface JobRequest {
  kind: string;
  runAt: Date | string;
  payload?: unknown;
  /** Names the job while it is still to run, so scheduling it twice (two instances, a repeat) keeps one. */
  key?: string;
}

export interface Job {
  id: string;
  kind: string;
  key: string | null;
  runAt: string;
  payload: unknown;
  state: JobsTable['state'];
  attempts: number;
  leaseOwner: string | null;
  leaseUntil: string | null;
  lastError: string | null;
  createdAt: string;
  doneAt: string | null;
}

const OPEN_STATES = ['pending', 'running'] as const;

function toJob(row: Selectable<JobsTable>): Job {
  return {
    id: row.id,
    kind: row.kind,
    key: row.key,
    runAt: row.run_at,
    payload: JSON.parse(row.payload) as unknown,
    state: row.state,
    attempts: Number(row.attempts),
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until,
    lastError: row.last_error,
    createdAt: row.created_at,
    doneAt: row.done_at,
  };
}

/**
 * Schedules a job as part of a write, so it exists exactly when the write commits. Returns its id, or null when a
 * job with the same key is already waiting or running (that one stands).
 */
export async function schedule(w: WriteContext, request: JobRequest): Promise<string | null> {
  const key = request.key ?? null;
  const id = uuidv7();
  const inserted = await w.trx
    .insertInto('jobs')
    .values({
      id,
      kind: request.kind,
      key,
      run_at: new Date(request.runAt).toISOString(),
      payload: JSON.stringify(request.payload ?? null),
      state: 'pending',
      attempts: 0,
      lease_owner: null,
      lease_until: null,
      last_error: null,
      created_at: w.now,
      done_at: null,
    })
    // The unique index on open keys (jobs_open_key) keeps the job already waiting or running, in this one statement:
    // a write that may schedule a keyed job on every call (each update of an incident) pays one query for it.
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted ? id : null;
}

/**
 * Schedules many keyed jobs in a few statements (a notification fanned out to every person of 40 organisations):
 * the same outcome as `schedule` for each, so a key already waiting or running keeps its job.
 */
export async function scheduleMany(
  w: WriteContext,
  requests: readonly (JobRequest & { key: string })[],
): Promise<void> {
  for (let i = 0; i < requests.length; i += 500) {
    const chunk = requests.slice(i, i + 500);
    const open = new Set(
      (
        await w.trx
          .selectFrom('jobs')
          .select('key')
          .where(
            'key',
            'in',
            chunk.map((r) => r.key),
          )
          .where('state', 'in', [...OPEN_STATES])
          .execute()
      ).map((r) => r.key),
    );
    const fresh = [...new Map(chunk.filter((r) => !open.has(r.key)).map((r) => [r.key, r])).values()];
    if (fresh.length === 0) continue;
    await w.trx
      .insertInto('jobs')
      .values(
        fresh.map((r) => ({
          id: uuidv7(),
          kind: r.kind,
          key: r.key,
          run_at: new Date(r.runAt).toISOString(),
          payload: JSON.stringify(r.payload ?? null),
          state: 'pending' as const,
          attempts: 0,
          lease_owner: null,
          lease_until: null,
          last_error: null,
          created_at: w.now,
          done_at: null,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/** Whether any job of these kinds is due at this instant; a cheap look before taking the write lock. */
export async function anyDue(db: Kysely<Database>, kinds: readonly string[], now: string): Promise<boolean> {
  if (kinds.length === 0) return false;
  const row = await dueQuery(db, kinds, now).select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Due: waiting and its time has come, or running under a lease that ran out (its runner is gone). */
function dueQuery(db: Kysely<Database>, kinds: readonly string[], now: string) {
  return db
    .selectFrom('jobs')
    .where('kind', 'in', [...kinds])
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'pending'), eb('run_at', '<=', now)]),
        eb.and([eb('state', '=', 'running'), eb('lease_until', '<', now)]),
      ]),
    );
}

/**
 * Leases due jobs to one runner, inside the caller's transaction. On PostgreSQL rows another runner is claiming are
 * skipped, not waited for; on SQLite the write lock already admits one claimer at a time.
 */
export async function claimDue(
  w: WriteContext,
  engine: Engine,
  claim: { kinds: readonly string[]; owner: string; leaseUntil: string; limit: number },
): Promise<Job[]> {
  if (claim.kinds.length === 0) return [];
  let q = dueQuery(w.trx, claim.kinds, w.now).select('id').orderBy('run_at').limit(claim.limit);
  if (engine === 'postgres') q = q.forUpdate().skipLocked();
  const ids = (await q.execute()).map((r) => r.id);
  if (ids.length === 0) return [];
  await w.trx
    .updateTable('jobs')
    .set((eb) => ({
      state: 'running',
      lease_owner: claim.owner,
      lease_until: claim.leaseUntil,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', 'in', ids)
    .execute();
  const rows = await w.trx.selectFrom('jobs').selectAll().where('id', 'in', ids).orderBy('run_at').execute();
  return rows.map(toJob);
}

/**
 * Marks a leased job done inside the write that carries its effects; false when the lease was lost to another
 * runner (that runner does the work, so this one must not).
 */
export async function completeLeased(w: WriteContext, engine: Engine, id: string, owner: string) {
  let q = w.trx
    .selectFrom('jobs')
    .select('id')
    .where('id', '=', id)
    .where('state', '=', 'running')
    .where('lease_owner', '=', owner);
  if (engine === 'postgres') q = q.forUpdate();
  if (!(await q.executeTakeFirst())) return false;
  await w.trx
    .updateTable('jobs')
    .set({ state: 'done', done_at: w.now, lease_owner: null, lease_until: null })
    .where('id', '=', id)
    .execute();
  return true;
}

/** After a failed run: wait until `retryAt` and try again, or give up for good when `retryAt` is null. */
export async function recordFailure(
  w: WriteContext,
  id: string,
  owner: string,
  failure: { error: string; retryAt: string | null },
): Promise<void> {
  await w.trx
    .updateTable('jobs')
    .set(
      failure.retryAt === null
        ? { state: 'failed', done_at: w.now, last_error: failure.error, lease_owner: null, lease_until: null }
        : {
            state: 'pending',
            run_at: failure.retryAt,
            last_error: failure.error,
            lease_owner: null,
            lease_until: null,
          },
    )
    .where('id', '=', id)
    .where('state', '=', 'running')
    .where('lease_owner', '=', owner)
    .execute();
}

export async function getJob(db: Kysely<Database>, id: string): Promise<Job | undefined> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toJob(row);
}

export async function getJobsOfKind(db: Kysely<Database>, kind: string): Promise<Job[]> {
  const rows = await db.selectFrom('jobs').selectAll().where('kind', '=', kind).orderBy('run_at').execute();
  return rows.map(toJob);
}
