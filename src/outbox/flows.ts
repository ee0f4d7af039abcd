import { uuidv7 } from 'uuidv7';
import type { Platform } from '../platform/context.js';
import type { WriteContext } from '../platform/db/write.js';
import type { JobHandler } from '../platform/jobs/runner.js';
import { schedule } from '../platform/jobs/store.js';
import type { OutboxChannel } from './model.js';
import { getMessage, insertMessage, markAttemptFailed, markSent } from './store.js';

export const DELIVERY_JOB = 'outbox.deliver';

interface DeliveryPayload {
  messageId: string;
}

/**
 * Writes a message into the outbox as part of the caller's write, with the job that delivers it: the message
 * exists exactly when its cause does, and goes out only after the commit. Returns the message's id.
 */
export async function enqueue<Content>(
  w: WriteContext,
  channel: OutboxChannel<Content>,
  message: { recipient: string; content: Content; cause: string },
): Promise<string> {
  const content = channel.content.parse(message.content);
  const id = uuidv7();
  await insertMessage(w.trx, {
    id,
    channel: channel.name,
    recipient: message.recipient,
    content,
    cause: message.cause,
    at: w.now,
  });
  const payload: DeliveryPayload = { messageId: id };
  await schedule(w, { kind: DELIVERY_JOB, runAt: w.now, payload, key: `outbox:${id}` });
  return id;
}

const messageIdOf = (payload: unknown) => (payload as DeliveryPayload).messageId;

/**
 * The job that delivers outbox messages through their channels. The delivery itself runs outside any transaction
 * (a mail server that hangs delays this job, never a write); the outcome is recorded in the job's own write.
 */
export function deliveryJob(
  platform: Pick<Platform, 'db'>,
  channels: ReadonlyArray<OutboxChannel<unknown>>,
): JobHandler {
  const byName = new Map(channels.map((c) => [c.name, c]));
  const tellChannel = async (
    w: WriteContext,
    job: { payload: unknown },
    outcome: { sent: true } | { sent: false; error: string; final: boolean },
  ) => {
    const message = await getMessage(w.trx, messageIdOf(job.payload));
    const channel = message && byName.get(message.channel);
    if (message && channel?.recorded) await channel.recorded(w, message, outcome);
  };
  return {
    kind: DELIVERY_JOB,
    async act(job) {
      const message = await getMessage(platform.db.kysely, messageIdOf(job.payload));
      if (message?.state !== 'pending') return;
      const channel = byName.get(message.channel);
      if (!channel) throw new Error(`no outbox channel "${message.channel}" in this process`);
      await channel.deliver(message.recipient, channel.content.parse(message.content), { id: message.id });
    },
    async run(w, job) {
      await markSent(w.trx, messageIdOf(job.payload), w.now);
      await tellChannel(w, job, { sent: true });
    },
    async failed(w, job, failure) {
      await markAttemptFailed(w.trx, messageIdOf(job.payload), failure);
      await tellChannel(w, job, { sent: false, ...failure });
    },
  };
}
