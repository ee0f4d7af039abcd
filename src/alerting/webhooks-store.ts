import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, WebhooksTable } from '../platform/db/schema.js';
import type { AlertTrigger } from './triggers.js';
import { readTriggers } from './webhook-triggers.js';
import type { Webhook, WebhookDelivery } from './webhooks-model.js';

export type WebhookRow = Selectable<WebhooksTable>;

export function toWebhook(r: WebhookRow): Webhook {
  return {
    id: r.id,
    organisation: r.organisation,
    url: r.url,
    ...readTriggers(r.triggers),
    createdAt: r.created_at,
    consecutiveFailures: Number(r.consecutive_failures),
    pausedAt: r.paused_at,
    lastSuccessAt: r.last_success_at,
  };
}

export async function insertWebhook(db: Kysely<Database>, row: WebhookRow): Promise<void> {
  await db.insertInto('webhooks').values(row).execute();
}

export async function webhookById(db: Kysely<Database>, id: string): Promise<WebhookRow | undefined> {
  return db
    .selectFrom('webhooks')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function webhooksOf(
  db: Kysely<Database>,
  organisations: readonly string[],
): Promise<WebhookRow[]> {
  if (organisations.length === 0) return [];
  return db
    .selectFrom('webhooks')
    .selectAll()
    .where('organisation', 'in', [...organisations])
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .execute();
}

export async function updateWebhook(
  db: Kysely<Database>,
  id: string,
  set: Partial<
    Pick<WebhookRow, 'triggers' | 'paused_at' | 'consecutive_failures' | 'last_success_at' | 'deleted_at'>
  >,
): Promise<void> {
  await db.updateTable('webhooks').set(set).where('id', '=', id).execute();
}

/** One more failed attempt in a row; returns the count after it. */
export async function countFailure(db: Kysely<Database>, id: string): Promise<number> {
  await db
    .updateTable('webhooks')
    .set((eb) => ({ consecutive_failures: eb('consecutive_failures', '+', 1) }))
    .where('id', '=', id)
    .execute();
  const row = await db
    .selectFrom('webhooks')
    .select('consecutive_failures')
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(row?.consecutive_failures ?? 0);
}

/** A target's deliveries, newest first, from the outbox. */
export async function deliveriesOf(
  db: Kysely<Database>,
  id: string,
  limit = 100,
): Promise<WebhookDelivery[]> {
  const rows = await db
    .selectFrom('outbox')
    .leftJoin('jobs', (join) =>
      join
        .on('jobs.key', '=', sql<string>`${'outbox:'} || outbox.id`)
        .on('jobs.state', 'in', ['pending', 'running']),
    )
    .selectAll('outbox')
    .select('jobs.run_at as next_attempt_at')
    .where('outbox.channel', '=', 'webhook')
    .where('outbox.recipient', '=', id)
    .orderBy('outbox.created_at', 'desc')
    .orderBy('outbox.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const content = JSON.parse(r.content) as {
      event?: string;
      payload?: { notification?: { trigger?: AlertTrigger } };
    };
    return {
      id: r.id,
      event: content.event ?? '',
      trigger: content.payload?.notification?.trigger ?? null,
      state: r.state,
      attempts: Number(r.attempts),
      lastError: r.last_error,
      createdAt: r.created_at,
      sentAt: r.sent_at,
      nextAttemptAt: r.state === 'pending' ? (r.next_attempt_at ?? null) : null,
    };
  });
}
