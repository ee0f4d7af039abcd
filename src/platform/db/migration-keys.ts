import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The audit key, for the migrations that seal secrets already stored (0035-webhook-secrets-sealed). A migration
 * is given only its database, so `migrateToLatest` hands the key to the migrations it runs through this, without
 * a process-wide variable two databases opening at once could mix up.
 */
const auditKeyOfRun = new AsyncLocalStorage<Buffer | undefined>();

export function runWithAuditKey<T>(auditKey: Buffer | undefined, run: () => Promise<T>): Promise<T> {
  return auditKeyOfRun.run(auditKey, run);
}

/** The audit key of the migrations running now, if the database was opened with one. */
export function migrationAuditKey(): Buffer | undefined {
  return auditKeyOfRun.getStore();
}
