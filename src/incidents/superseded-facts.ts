import type { Kysely } from 'kysely';
import type { StoredEntry } from '../entries/store.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import type { Database } from '../platform/db/schema.js';
import type { WriteContext } from '../platform/db/write.js';
import { Conflict } from '../platform/errors.js';
import { reassess } from './flows.js';
import { FIRST_REPORT_OWN_COMMAND } from './standing-facts.js';
import * as store from './store.js';
import { FACT_KINDS } from './view-rules.js';

/** The incident's first report is not retracted (409 first-report, naming what to do instead). */
export async function assertRetractable(db: Kysely<Database>, original: StoredEntry): Promise<void> {
  if (original.kind !== 'report') return;
  const first = await db
    .selectFrom('entries')
    .select('id')
    .where('incident_id', '=', original.incidentId)
    .where('kind', '=', 'report')
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
  if (first?.id === original.id)
    throw new Conflict(FIRST_REPORT_OWN_COMMAND.command, undefined, FIRST_REPORT_OWN_COMMAND.code);
}

/**
 * A correction or retraction of one of the facts the assessment rests on decides the assessment again in the same
 * write, as the update or own assessment it supersedes did: status, affected states and reasons follow at once.
 */
export async function reassessSuperseded(
  w: WriteContext,
  platform: Platform,
  actor: Pick<Actor, 'userId' | 'organisation'>,
  original: StoredEntry,
): Promise<void> {
  if (!(FACT_KINDS as readonly string[]).includes(original.kind)) return;
  const row = await store.getIncident(w.trx, original.incidentId, w.engine === 'postgres');
  if (!row) return;
  await reassess(
    w,
    platform,
    { id: row.id, releasableToNato: row.releasable_to_nato === 1, title: row.title },
    actor,
  );
}
