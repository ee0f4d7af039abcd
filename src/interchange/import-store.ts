import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';

/** The earlier run of the same file (content hash) by the same user into the same target, if any. */
export async function getImportRun(
  db: Kysely<Database>,
  key: { format: string; sha256: string; userId: string; target: string },
): Promise<{ id: string; report: string } | undefined> {
  return db
    .selectFrom('import_runs')
    .select(['id', 'report'])
    .where('format', '=', key.format)
    .where('content_sha256', '=', key.sha256)
    .where('user_id', '=', key.userId)
    .where('target', '=', key.target)
    .executeTakeFirst();
}

export async function insertImportRun(
  db: Kysely<Database>,
  run: {
    id: string;
    format: string;
    sha256: string;
    userId: string;
    target: string;
    incidentId: string;
    report: string;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('import_runs')
    .values({
      id: run.id,
      format: run.format,
      content_sha256: run.sha256,
      user_id: run.userId,
      target: run.target,
      incident_id: run.incidentId,
      report: run.report,
      created_at: run.at,
    })
    .execute();
}

/**
 * A kept object's file, attached to the entry written for it in the same transaction, with the entry's own reach
 * (the row shape src/entries/ reads: `audience` is `{audience, recipients, releasableToNato}`).
 */
export async function insertKeptFile(
  db: Kysely<Database>,
  file: {
    id: string;
    entryId: string;
    fileName: string;
    content: Buffer;
    sha256: string;
    marking: string;
    audience: readonly string[];
    recipients: ReadonlyArray<{ userId: string; email: string }>;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('attachments')
    .values({
      id: file.id,
      entry_id: file.entryId,
      file_name: file.fileName,
      content_type: 'application/json',
      size: file.content.length,
      sha256: file.sha256,
      marking: file.marking,
      audience: JSON.stringify({
        audience: [...file.audience],
        recipients: [...file.recipients],
        releasableToNato: false,
      }),
      content: file.content.toString('base64'),
      created_at: file.at,
    })
    .execute();
}
