import type { WriteContext } from '../platform/db/write.js';
import type { JobHandler } from '../platform/jobs/runner.js';
import { schedule } from '../platform/jobs/store.js';

export const STREAM_PRUNE_KIND = 'stream.prune-events';
/**
 * Stream events are for catching up after a reconnect, not history (the log and the audit chain are): a week
 * covers a laptop closed over a weekend. A client away longer catches up on what is left and, as the web app
 * does on every reconnect, fetches its lists again.
 */
export const STREAM_EVENTS_KEPT_MS = 7 * 24 * 3_600_000;
const PRUNE_EVERY_MS = 24 * 3_600_000;

/** Deletes the events older than the retention: a range of positions, so it is one cheap delete by key. */
export async function pruneStreamEvents(w: WriteContext, keptMs = STREAM_EVENTS_KEPT_MS): Promise<number> {
  const cutoff = new Date(Date.parse(w.now) - keptMs).toISOString();
  const row = await w.trx
    .selectFrom('stream_events')
    .select((eb) => eb.fn.max('position').as('last'))
    .where('created_at', '<', cutoff)
    .executeTakeFirst();
  const last = row?.last === null || row?.last === undefined ? 0 : Number(row.last);
  if (last === 0) return 0;
  const deleted = await w.trx.deleteFrom('stream_events').where('position', '<=', last).executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

/** Schedules the next pruning unless one is already waiting (one across instances: the job carries a key). */
export async function schedulePruning(w: WriteContext, runAt: Date | string): Promise<void> {
  await schedule(w, { kind: STREAM_PRUNE_KIND, runAt, key: STREAM_PRUNE_KIND });
}

/** The daily job: prunes, then schedules itself for the next day. */
export function pruneStreamEventsJob(keptMs = STREAM_EVENTS_KEPT_MS): JobHandler {
  return {
    kind: STREAM_PRUNE_KIND,
    async run(w) {
      await pruneStreamEvents(w, keptMs);
      await schedulePruning(w, new Date(Date.parse(w.now) + PRUNE_EVERY_MS));
    },
  };
}
