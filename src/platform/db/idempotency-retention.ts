import type { JobHandler } from '../jobs/runner.js';
import { schedule } from '../jobs/store.js';
import type { WriteContext } from './write.js';

export const IDEMPOTENCY_PRUNE_KIND = 'idempotency.prune-keys';
const PRUNE_EVERY_MS = 3_600_000;
/** Keys forgotten per run: a first run over a long history must not hold the head's lock for long. */
const PRUNED_PER_RUN = 5_000;

/**
 * An Idempotency-Key guards the retries of one request, which come within seconds or minutes (the web resends a
 * write whose answer was lost, a script retries a timeout). Kept for `IDEMPOTENCY_KEEP_HOURS`, a key is then
 * forgotten, with the answer it kept: every write the web makes carries one.
 */
export async function pruneIdempotencyKeys(
  w: WriteContext,
  keptMs: number,
  limit = PRUNED_PER_RUN,
): Promise<number> {
  const cutoff = new Date(Date.parse(w.now) - keptMs).toISOString();
  const deleted = await w.trx
    .deleteFrom('idempotency_keys')
    .where('key_hash', 'in', (eb) =>
      eb.selectFrom('idempotency_keys').select('key_hash').where('created_at', '<', cutoff).limit(limit),
    )
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

/** Schedules the next pruning unless one is already waiting (one across instances: the job carries a key). */
export async function scheduleKeyPruning(w: WriteContext, runAt: Date | string): Promise<void> {
  await schedule(w, { kind: IDEMPOTENCY_PRUNE_KIND, runAt, key: IDEMPOTENCY_PRUNE_KIND });
}

/** The hourly job: forgets the keys past their time, and runs again at once while a long history is left. */
export function pruneIdempotencyKeysJob(keepHours: number): JobHandler {
  return {
    kind: IDEMPOTENCY_PRUNE_KIND,
    async run(w) {
      const pruned = await pruneIdempotencyKeys(w, keepHours * 3_600_000);
      const next = pruned >= PRUNED_PER_RUN ? Date.parse(w.now) : Date.parse(w.now) + PRUNE_EVERY_MS;
      await scheduleKeyPruning(w, new Date(next));
    },
  };
}
