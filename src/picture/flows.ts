import type { Kysely } from 'kysely';
import { loadIncidentLog } from '../incidents/reader-log.js';
import type { IncidentLog } from '../incidents/view-rules.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import type { Database } from '../platform/db/schema.js';
import type { Picture } from './model.js';
import { detailEntries, pictureOf } from './view-rules.js';

/** The common picture as this reader may see it, projected from one load of the incident's log. */
export async function buildPicture(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  /** A write's transaction, when a command (compiling a sitrep) builds the picture inside it. */
  db: Kysely<Database> = platform.db.kysely,
  /** The incident's log for this reader, when the command already loaded it. */
  loaded?: IncidentLog,
): Promise<Picture> {
  const log = loaded ?? (await loadIncidentLog(db, actor, incidentId));
  // The details shown come from these entries: each is a read of the entry, as on GET …/entries.
  platform.accessLog.record(
    detailEntries(log).map((e) => ({
      userId: actor.userId,
      organisation: actor.organisation,
      entryId: e.id,
      marking: e.marking,
      path: 'entries',
    })),
  );
  return pictureOf(log, actor, platform.clock.now(), platform.config.STALE_AFTER_MINUTES);
}
