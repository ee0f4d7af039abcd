import { uuidv7 } from 'uuidv7';
import { enqueue } from '../outbox/flows.js';
import type { OutboxChannel } from '../outbox/model.js';
import { type WebhookContent, webhookChannel } from '../outbox/webhook.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import { type IdempotencyScope, inWrite, type WriteContext } from '../platform/db/write.js';
import { NotFound } from '../platform/errors.js';
import * as policy from '../sharing/alerting.js';
import { assertAllowed, isAllowed } from '../sharing/policy.js';
import { alertPeopleNow } from './dispatch.js';
import { notify } from './flows.js';
import { triggerOf } from './triggers.js';
import { storedTriggers, takesTrigger } from './webhook-triggers.js';
import type { ChangeWebhook, RegisterWebhook, Webhook, WebhookDelivery } from './webhooks-model.js';
import { sealWebhookSecret, unsealWebhookSecret } from './webhooks-secrets.js';
import * as store from './webhooks-store.js';

const REFUSAL = "only an organisation's org-admins manage its webhooks";

export function listWebhooks(platform: Platform, actor: Actor): Promise<Webhook[]> {
  assertAllowed(policy.manageWebhooks, REFUSAL, actor, actor.organisation);
  return store.webhooksOf(platform.db.kysely, [actor.organisation]).then((rows) => rows.map(store.toWebhook));
}

export function registerWebhook(
  platform: Platform,
  actor: Actor,
  input: RegisterWebhook,
  idempotency?: IdempotencyScope,
): Promise<Webhook> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    assertAllowed(policy.manageWebhooks, REFUSAL, actor, actor.organisation);
    const row: store.WebhookRow = {
      id: uuidv7(),
      organisation: actor.organisation,
      url: input.url,
      secret: sealWebhookSecret(platform.auditKey, input.secret),
      triggers: storedTriggers(input.triggers ?? 'all'),
      created_at: w.now,
      created_by_user_id: actor.userId,
      consecutive_failures: 0,
      paused_at: null,
      last_success_at: null,
      deleted_at: null,
    };
    await store.insertWebhook(w.trx, row);
    // The audit keeps where deliveries go, never the secret.
    await w.audit({
      action: 'webhook.registered',
      subjectType: 'webhook',
      subjectId: row.id,
      details: { url: row.url },
    });
    return store.toWebhook(row);
  });
}

async function ownWebhook(w: WriteContext, actor: Actor, id: string): Promise<store.WebhookRow> {
  const row = await store.webhookById(w.trx, id);
  if (!row || !isAllowed(policy.manageWebhooks, actor, row.organisation))
    throw new NotFound(`no webhook ${id}`);
  return row;
}

export function changeWebhook(
  platform: Platform,
  actor: Actor,
  id: string,
  input: ChangeWebhook,
  idempotency?: IdempotencyScope,
): Promise<Webhook> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    const row = await ownWebhook(w, actor, id);
    if (input.triggers) await store.updateWebhook(w.trx, id, { triggers: storedTriggers(input.triggers) });
    if (input.active === true && row.paused_at !== null)
      await store.updateWebhook(w.trx, id, { paused_at: null, consecutive_failures: 0 });
    if (input.active === false && row.paused_at === null)
      await store.updateWebhook(w.trx, id, { paused_at: w.now });
    await w.audit({
      action: 'webhook.changed',
      subjectType: 'webhook',
      subjectId: id,
      details: { ...input },
    });
    return store.toWebhook((await store.webhookById(w.trx, id))!);
  });
}

export function removeWebhook(platform: Platform, actor: Actor, id: string, idempotency?: IdempotencyScope) {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    await ownWebhook(w, actor, id);
    await store.updateWebhook(w.trx, id, { deleted_at: w.now });
    await w.audit({ action: 'webhook.removed', subjectType: 'webhook', subjectId: id });
    return { removed: id };
  });
}

export async function webhookDeliveries(
  platform: Platform,
  actor: Actor,
  id: string,
): Promise<WebhookDelivery[]> {
  const row = await store.webhookById(platform.db.kysely, id);
  if (!row || !isAllowed(policy.manageWebhooks, actor, row.organisation))
    throw new NotFound(`no webhook ${id}`);
  return store.deliveriesOf(platform.db.kysely, id);
}

/** The event a webhook receives for a notification: the facts its organisation sees in the bell, nothing more. */
export interface NotificationEvent {
  id: string;
  organisation: string;
  kind: string;
  incident_id: string | null;
  body: string;
  created_at: string;
  incidentTitle: string | null;
  exercise: boolean;
  /** Set when the event is an escalation step of an alert its organisation left unacknowledged. */
  escalation?: { step: 'duty-contacts' | 'org-admins'; minutesWaiting: number };
}

/**
 * Queues a delivery to each active target of the organisations that takes the notification's trigger, inside the
 * write that made the notification. Delivery happens after the commit, off every request's path.
 */
export async function queueWebhookDeliveries(
  w: WriteContext,
  events: readonly NotificationEvent[],
): Promise<void> {
  const targets = await store.webhooksOf(w.trx, [...new Set(events.map((e) => e.organisation))]);
  if (targets.length === 0) return;
  for (const e of events) {
    const trigger = triggerOf(e.kind);
    for (const t of targets) {
      if (t.organisation !== e.organisation || t.paused_at !== null) continue;
      if (!takesTrigger(t.triggers, trigger)) continue;
      const content: WebhookContent = {
        event: 'notification',
        payload: {
          notification: {
            id: e.id,
            organisation: e.organisation,
            kind: e.kind,
            trigger,
            incidentId: e.incident_id,
            incidentTitle: e.incidentTitle,
            exercise: e.exercise,
            body: JSON.parse(e.body) as Record<string, unknown>,
            createdAt: e.created_at,
          },
          ...(e.escalation ? { escalation: { ...e.escalation, acknowledged: false } } : {}),
        },
      };
      await enqueue(w, WEBHOOK_SHAPE, {
        recipient: t.id,
        content,
        cause: e.escalation ? `webhook:escalation:${e.escalation.step}` : `webhook:${e.kind}`,
      });
    }
  }
}

/** The channel as enqueue needs it (its name and content schema); delivering is `webhookOutbox`'s. */
const WEBHOOK_SHAPE = webhookChannel({
  clock: { now: () => new Date(0) },
  timeoutMs: 1,
  target: async () => undefined,
});

const built = new WeakMap<object, OutboxChannel<WebhookContent>>();

/**
 * The webhook channel of this platform: finds the target when delivering, counts failures in a row, and pauses a
 * dead target after WEBHOOK_PAUSE_AFTER_FAILURES, telling its organisation in the bell and its registrant on every
 * channel that reaches them (e-mail at least).
 */
export function webhookOutbox(
  platform: Pick<Platform, 'config' | 'db' | 'clock' | 'auditKey'>,
): OutboxChannel<WebhookContent> {
  let channel = built.get(platform.config);
  if (channel) return channel;
  channel = webhookChannel({
    clock: platform.clock,
    timeoutMs: platform.config.WEBHOOK_TIMEOUT_SECONDS * 1000,
    async target(id) {
      const row = await store.webhookById(platform.db.kysely, id);
      return (
        row && {
          url: row.url,
          secret: unsealWebhookSecret(platform.auditKey, row.secret),
          paused: row.paused_at !== null,
        }
      );
    },
    async recorded(w, id, outcome) {
      const row = await store.webhookById(w.trx, id);
      if (!row) return;
      if (outcome.sent) {
        await store.updateWebhook(w.trx, id, { consecutive_failures: 0, last_success_at: w.now });
        return;
      }
      if (row.paused_at !== null) return;
      const failures = await store.countFailure(w.trx, id);
      if (failures < platform.config.WEBHOOK_PAUSE_AFTER_FAILURES) return;
      await store.updateWebhook(w.trx, id, { paused_at: w.now });
      await w.audit({
        action: 'webhook.paused',
        subjectType: 'webhook',
        subjectId: id,
        details: { failures },
      });
      const [notificationId] = await notify(w, {
        organisations: [row.organisation],
        kind: 'webhook-paused',
        incidentId: null,
        // The organisation's own target, whoever it is: the NATO liaison's too.
        ownAffair: true,
        body: { webhookId: id, url: row.url, failures, lastError: outcome.error.slice(0, 300) },
      });
      // The org-admin who registered it is told on every channel that reaches them, whatever their choices.
      if (notificationId)
        await alertPeopleNow(w, { notificationId, userIds: [row.created_by_user_id], step: 'alert' });
    },
  });
  built.set(platform.config, channel);
  return channel;
}
