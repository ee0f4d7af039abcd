import { uuidv7 } from 'uuidv7';
import { type Clock, systemClock } from './clock.js';
import type { Db } from './db/index.js';

export interface AccessRecord {
  userId: string;
  organisation: string;
  entryId: string;
  marking: string;
  /** The read path: `entries`, `incident`, `stream`, `export`, `attachment`, … */
  path: string;
}

/** Only reads of these markings are logged: they are the ones whose spread an author may need to trace. */
const LOGGED = new Set(['TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED']);

/** Whether reads of this marking are logged: a reader of any other need not be recorded at all. */
export function isLoggedMarking(marking: string): boolean {
  return LOGGED.has(marking);
}

export interface AccessLog {
  record(records: readonly AccessRecord[]): void;
  flush(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Reads are appended in batches off the request path, so a reader never waits for the log and never queues
 * behind the audit chain's lock.
 */
export function createAccessLog(
  db: Db,
  options: { intervalMs?: number; maxBatch?: number; clock?: Clock } = {},
): AccessLog {
  // When a reader read is domain time: the platform clock, so an exercise's reads carry the exercise's time.
  const clock = options.clock ?? systemClock;
  const intervalMs = options.intervalMs ?? 500;
  const maxBatch = options.maxBatch ?? 500;
  let pending: Array<AccessRecord & { at: string }> = [];
  let flushing: Promise<void> = Promise.resolve();

  const flush = (): Promise<void> => {
    flushing = flushing.then(async () => {
      while (pending.length > 0) {
        const batch = pending.slice(0, maxBatch);
        pending = pending.slice(batch.length);
        try {
          await db.kysely
            .insertInto('access_log')
            .values(
              batch.map((r) => ({
                id: uuidv7(),
                at: r.at,
                user_id: r.userId,
                organisation: r.organisation,
                entry_id: r.entryId,
                marking: r.marking,
                path: r.path,
              })),
            )
            .execute();
        } catch {
          // The database is going away (shutdown); the records of this batch are lost, not the reads.
          return;
        }
      }
    });
    return flushing;
  };
  const timer = setInterval(() => void flush(), intervalMs);
  timer.unref();

  return {
    record(records) {
      const at = clock.now().toISOString();
      for (const r of records) if (isLoggedMarking(r.marking)) pending.push({ ...r, at });
      if (pending.length >= maxBatch) void flush();
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
