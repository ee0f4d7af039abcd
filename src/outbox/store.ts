import type { Kysely, Selectable } from 'kysely';
import type { Database, OutboxTable } from '../platform/db/schema.js';
import type { OutboxMessage } from './model.js';

function toMessage(row: Selectable<OutboxTable>): OutboxMessage {
  return {
    id: row.id,
    channel: row.channel,
    recipient: row.recipient,
    content: JSON.parse(row.content) as unknown,
    cause: row.cause,
    state: row.state,
    attempts: Number(row.attempts),
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

export async function insertMessage(
  trx: Kysely<Database>,
  m: { id: string; channel: string; recipient: string; content: unknown; cause: string; at: string },
): Promise<void> {
  await trx
    .insertInto('outbox')
    .values({
      id: m.id,
      channel: m.channel,
      recipient: m.recipient,
      content: JSON.stringify(m.content),
      cause: m.cause,
      state: 'pending',
      attempts: 0,
      last_error: null,
      created_at: m.at,
      sent_at: null,
    })
    .execute();
}

export async function getMessage(db: Kysely<Database>, id: string): Promise<OutboxMessage | undefined> {
  const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toMessage(row);
}

/** Messages of one cause, newest first: what the operators' view and tests look at. */
export async function getMessagesOfCause(db: Kysely<Database>, cause: string): Promise<OutboxMessage[]> {
  const rows = await db
    .selectFrom('outbox')
    .selectAll()
    .where('cause', '=', cause)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toMessage);
}

export async function markSent(trx: Kysely<Database>, id: string, at: string): Promise<void> {
  await trx
    .updateTable('outbox')
    .set((eb) => ({ state: 'sent', sent_at: at, last_error: null, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .execute();
}

export async function markAttemptFailed(
  trx: Kysely<Database>,
  id: string,
  failure: { error: string; final: boolean },
): Promise<void> {
  await trx
    .updateTable('outbox')
    .set((eb) => ({
      state: failure.final ? 'failed' : 'pending',
      last_error: failure.error.slice(0, 1000),
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .execute();
}
