import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The audit key, for the migrations that seal secrets already stored (0035-webhook-secrets-sealed). A migration
 * is given only its database, so `migrateToLatest` hands the key to the migrations it runs through this, without
 * a process-wide variable two databases opening at once could mix up.
 */
const auditKeyOfRun = new AsyncLocalStorage<Buffer | undefined>();

let running = 0;

export async function runWithAuditKey<T>(auditKey: Buffer | undefined, run: () => Promise<T>): Promise<T> {
  running++;
  try {
    return await auditKeyOfRun.run(auditKey, run);
  } finally {
    // Once no migration runs, the context is switched off: while any is on, every promise pays for tracking it.
    if (--running === 0) auditKeyOfRun.disable();
  }
}

/** The audit key of the migrations running now, if the database was opened with one. */
export function migrationAuditKey(): Buffer | undefined {
  return auditKeyOfRun.getStore();
}
