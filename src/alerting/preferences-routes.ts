import { z } from 'zod';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import { changeAlertPreferences, getAlertPreferences } from './preferences-flows.js';
import { AlertPreferences, ChangeAlertPreferences } from './preferences-model.js';
import {
  changeWebhook,
  listWebhooks,
  registerWebhook,
  removeWebhook,
  webhookDeliveries,
} from './webhooks-flows.js';
import { ChangeWebhook, RegisterWebhook, Webhook, WebhookDelivery } from './webhooks-model.js';

const WebhookId = z.object({ id: z.string().min(1).max(64) });

export function alertChannelRoutes(app: App, platform: Platform): void {
  app.get(
    '/api/me/alert-preferences',
    {
      schema: {
        tags: ['alerting'],
        summary:
          'Your channels per alert trigger (in the app, e-mail, and any channel added to this platform)',
        response: { 200: AlertPreferences },
      },
    },
    async (request) => getAlertPreferences(platform, actorOf(request)),
  );

  app.put(
    '/api/me/alert-preferences',
    {
      schema: {
        tags: ['alerting'],
        summary: 'Change your channels per trigger, and your address on channels that take one',
        body: ChangeAlertPreferences,
        response: { 200: AlertPreferences },
      },
    },
    async (request) => changeAlertPreferences(platform, actorOf(request), request.body, request.idempotency),
  );

  app.get(
    '/api/webhooks',
    {
      schema: {
        tags: ['alerting'],
        summary: "Your organisation's webhook targets (org-admins)",
        response: { 200: z.object({ items: z.array(Webhook) }) },
      },
    },
    async (request) => ({ items: await listWebhooks(platform, actorOf(request)) }),
  );

  app.post(
    '/api/webhooks',
    {
      schema: {
        tags: ['alerting'],
        summary:
          'Register a webhook target for your organisation (org-admins): deliveries are signed with the secret (see README, Webhooks)',
        body: RegisterWebhook,
        response: { 201: Webhook },
      },
    },
    async (request, reply) => {
      const created = await registerWebhook(platform, actorOf(request), request.body, request.idempotency);
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/api/webhooks/:id',
    {
      schema: {
        tags: ['alerting'],
        summary: 'Pause or resume a webhook target, or change its triggers (org-admins)',
        params: WebhookId,
        body: ChangeWebhook,
        response: { 200: Webhook },
      },
    },
    async (request) =>
      changeWebhook(platform, actorOf(request), request.params.id, request.body, request.idempotency),
  );

  app.delete(
    '/api/webhooks/:id',
    {
      schema: {
        tags: ['alerting'],
        summary: 'Remove a webhook target (org-admins); its delivery log stays in the outbox',
        params: WebhookId,
        response: { 200: z.object({ removed: z.string() }) },
      },
    },
    async (request) => removeWebhook(platform, actorOf(request), request.params.id, request.idempotency),
  );

  app.get(
    '/api/webhooks/:id/deliveries',
    {
      schema: {
        tags: ['alerting'],
        summary: "A webhook target's delivery log, newest first (org-admins)",
        params: WebhookId,
        response: { 200: z.object({ items: z.array(WebhookDelivery) }) },
      },
    },
    async (request) => ({ items: await webhookDeliveries(platform, actorOf(request), request.params.id) }),
  );
}
