import type { OutboxChannel } from '../../outbox/model.js';
import type { Platform } from '../../platform/context.js';
import { webhookOutbox } from '../webhooks-flows.js';
import { emailAlertChannel } from './email.js';
import { alertChannels, outboxOf } from './registry.js';

/**
 * The outbox channels alerting adds to the delivery job: webhooks, and every registered person channel but
 * e-mail (the outbox has that one already).
 */
export function alertOutboxChannels(
  platform: Pick<Platform, 'config' | 'db' | 'clock' | 'auditKey'>,
): OutboxChannel<unknown>[] {
  return [
    webhookOutbox(platform) as OutboxChannel<unknown>,
    ...alertChannels()
      .filter((c) => c.name !== emailAlertChannel.name)
      .map((c) => outboxOf(platform, c)),
  ];
}
