import { z } from 'zod';
import { AlertTrigger } from './triggers.js';

/**
 * The alerts a target takes: `"all"`, every trigger including those added later (the reporting clock's aside,
 * which is chosen by name), or exactly the triggers listed (src/alerting/webhook-triggers.ts).
 */
export const WebhookTriggers = z.union([z.literal('all'), z.array(AlertTrigger).min(1).max(20)], {
  error: '"all" or a list of 1 to 20 triggers',
});

export const RegisterWebhook = z.strictObject({
  url: z.url({ protocol: /^https?$/, message: 'an http:// or https:// address' }).max(2000),
  /** Signs every delivery; at least 32 characters, kept by the platform and never shown again. */
  secret: z.string().min(32, 'at least 32 characters').max(200),
  /** The triggers delivered; omitted, `"all"`. */
  triggers: WebhookTriggers.optional(),
});
export type RegisterWebhook = z.infer<typeof RegisterWebhook>;

export const ChangeWebhook = z.strictObject({
  /** false pauses the target, true resumes it (and forgets its failures). */
  active: z.boolean().optional(),
  triggers: WebhookTriggers.optional(),
});
export type ChangeWebhook = z.infer<typeof ChangeWebhook>;

export const Webhook = z.object({
  id: z.string(),
  organisation: z.string(),
  url: z.string(),
  /** The triggers delivered now. */
  triggers: z.array(AlertTrigger),
  /** Whether the target takes every trigger, those added later too, rather than the list it was given. */
  allTriggers: z.boolean(),
  createdAt: z.string(),
  consecutiveFailures: z.number(),
  pausedAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
});
export type Webhook = z.infer<typeof Webhook>;

export const WebhookDelivery = z.object({
  id: z.string(),
  event: z.string(),
  /** The alert trigger of the notification delivered. */
  trigger: AlertTrigger.nullable(),
  state: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  /** When the next attempt runs, while the delivery is still pending. */
  nextAttemptAt: z.string().nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
