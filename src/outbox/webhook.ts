import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../platform/clock.js';
import type { WriteContext } from '../platform/db/write.js';
import type { OutboxChannel } from './model.js';

/**
 * Webhook deliveries for national systems: a JSON POST signed with HMAC-SHA256 over `<timestamp>.<body>`, so a
 * receiver can check both who sent it and that it is fresh (reject a timestamp older than a few minutes).
 *
 *   Blueprint-Timestamp: 1796122800                 (Unix seconds when this attempt was made)
 *   Blueprint-Signature: sha256=<hex of HMAC-SHA256(secret, "1796122800." + body)>
 *   Blueprint-Delivery: <the delivery's id, the same on every retry: deduplicate on it>
 */
export const TIMESTAMP_HEADER = 'blueprint-timestamp';
export const SIGNATURE_HEADER = 'blueprint-signature';
export const DELIVERY_HEADER = 'blueprint-delivery';

export const WebhookContent = z.object({
  event: z.string().min(1),
  payload: z.record(z.string(), z.unknown()),
});
export type WebhookContent = z.infer<typeof WebhookContent>;

export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: recompute the signature and compare in constant time. */
export function verifyWebhookSignature(
  secret: string,
  timestamp: string,
  body: string,
  signature: string,
): boolean {
  const expected = Buffer.from(webhookSignature(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export interface WebhookTarget {
  url: string;
  secret: string;
  paused: boolean;
}

/**
 * The channel: recipient is the target's id, looked up when delivering (the secret never enters the outbox). A
 * non-2xx answer, a redirect, a timeout or a paused target is a failed attempt, retried with a doubling wait.
 */
export function webhookChannel(options: {
  clock: Clock;
  timeoutMs: number;
  target(id: string): Promise<WebhookTarget | undefined>;
  recorded?(
    w: WriteContext,
    targetId: string,
    outcome: { sent: true } | { sent: false; error: string; final: boolean },
  ): Promise<void>;
}): OutboxChannel<WebhookContent> {
  return {
    name: 'webhook',
    content: WebhookContent,
    async deliver(recipient, content, message) {
      const target = await options.target(recipient);
      if (!target) throw new Error('the webhook was removed');
      if (target.paused) throw new Error('the webhook is paused');
      const body = JSON.stringify({ id: message.id, event: content.event, ...content.payload });
      const timestamp = String(Math.floor(options.clock.now().getTime() / 1000));
      const response = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Blueprint-Webhook/1',
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: webhookSignature(target.secret, timestamp, body),
          [DELIVERY_HEADER]: message.id,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      // The answer's body is not needed; reading it frees the connection.
      await response.arrayBuffer().catch(() => undefined);
      if (response.status < 200 || response.status > 299)
        throw new Error(`the target answered HTTP ${response.status}`);
    },
    ...(options.recorded
      ? {
          recorded: (
            w: WriteContext,
            m: { recipient: string },
            outcome: { sent: true } | { sent: false; error: string; final: boolean },
          ) => options.recorded!(w, m.recipient, outcome),
        }
      : {}),
  };
}
