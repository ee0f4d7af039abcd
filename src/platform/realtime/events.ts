import { type Kysely, sql } from 'kysely';
import type { Engine } from '../db/index.js';
import type { Database } from '../db/schema.js';

/**
 * An entry's reach as it was before a change, in the shape the sharing rules read (`EntryReach` in
 * src/sharing/entries.ts): the platform carries it to the streams without interpreting it.
 */
export interface ReachBefore {
  authorUserId: string;
  authorOrg: string;
  marking: string;
  audience: readonly string[];
  /** Who `PRESIDENCY` reached before the change; absent in events stored before the role existed. */
  presidency?: string | null;
  groupMembers: readonly string[];
  recipients: readonly string[];
  releasableToNato: boolean;
}

/**
 * A change live readers (on any instance, written by any process) need to hear of. Events carry ids, never
 * content: the stream loads what each reader may see after the change has committed.
 */
export type PlatformEvent =
  | { type: 'entry'; incidentId: string; entryId: string }
  | { type: 'assessment'; incidentId: string }
  /** `previous` is the reach before the change, so a stream can tell who lost the entry. */
  | { type: 'reach-changed'; incidentId: string; entryId: string; previous: ReachBefore }
  | { type: 'group-changed'; groupId: string; previousMembers: string[]; members: string[] }
  /** The Presidency changed hands (a change of term): entries addressed to `PRESIDENCY` follow the holder. */
  | { type: 'presidency-changed'; previous: string | null; next: string | null }
  | { type: 'notification'; organisation: string; notificationId: string }
  /**
   * Someone's access changed or ended (sign-out, revocation, deactivation, a new role or password): their open
   * streams re-check it. With `sessionIdHash`, that one session ended.
   */
  | { type: 'principal-changed'; userId: string; sessionIdHash?: string };

/** An event as stored, at its stream position. */
export interface StreamEvent {
  position: number;
  at: string;
  event: PlatformEvent;
}

export const EVENTS_CHANNEL = 'blueprint_events';

/**
 * Stores an event inside the write's own transaction, so it exists exactly when the write does. On PostgreSQL the
 * notification is queued in the same transaction and delivered to every instance at commit.
 */
export async function recordEvent(
  trx: Kysely<Database>,
  engine: Engine,
  now: string,
  event: PlatformEvent,
): Promise<number> {
  const row = await trx
    .insertInto('stream_events')
    .values({
      type: event.type,
      incident_id: 'incidentId' in event ? event.incidentId : null,
      entry_id: 'entryId' in event ? event.entryId : null,
      payload: JSON.stringify(event),
      created_at: now,
    })
    .returning('position')
    .executeTakeFirstOrThrow();
  const position = Number(row.position);
  if (engine === 'postgres') await sql`select pg_notify(${EVENTS_CHANNEL}, ${String(position)})`.execute(trx);
  return position;
}

/** An event as its row is stored (the position is the table's to give). */
export function eventRow(now: string, event: PlatformEvent) {
  return {
    type: event.type,
    incident_id: 'incidentId' in event ? event.incidentId : null,
    entry_id: 'entryId' in event ? event.entryId : null,
    payload: JSON.stringify(event),
    created_at: now,
  };
}

/** The newest stored position (0 before the first event). */
export async function headPosition(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('stream_events')
    .select((eb) => eb.fn.max('position').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

/** Events after a position, oldest first, one page at a time. */
export async function eventsAfter(
  db: Kysely<Database>,
  after: number,
  limit: number,
  upTo?: number,
): Promise<StreamEvent[]> {
  let q = db.selectFrom('stream_events').selectAll().where('position', '>', after);
  if (upTo !== undefined) q = q.where('position', '<=', upTo);
  const rows = await q.orderBy('position').limit(limit).execute();
  return rows.map((r) => ({
    position: Number(r.position),
    at: r.created_at,
    event: JSON.parse(r.payload) as PlatformEvent,
  }));
}
