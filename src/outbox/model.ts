/**
 * The outbox: messages to the outside world (e-mail now; webhooks and other channels later), written inside the
 * transaction of the change that causes them and delivered after it commits, by a durable job with retries.
 *
 * A channel is a small plugin: it names itself, checks the content it is handed (content is stored as JSON and
 * read back after a restart, so it is parsed again before delivery) and delivers one message to one recipient.
 */
import type { z } from 'zod';
import type { WriteContext } from '../platform/db/write.js';

export interface OutboxChannel<Content = unknown> {
  /** Stored with each message; the delivery job finds the channel by it. */
  readonly name: string;
  /** The message's content as this channel needs it; the same schema checks it when written and when delivered. */
  readonly content: z.ZodType<Content>;
  /**
   * Delivers one message, outside any transaction; throwing makes the job retry with a doubling wait. May run
   * more than once for one message if a process dies between delivering and recording it.
   */
  deliver(recipient: string, content: Content, message: { id: string }): Promise<void>;
  /**
   * Told inside the write that records an attempt's outcome, for channels that keep state per recipient (a
   * webhook target paused after failing too often in a row).
   */
  recorded?(
    w: WriteContext,
    message: { id: string; recipient: string },
    outcome: { sent: true } | { sent: false; error: string; final: boolean },
  ): Promise<void>;
}

/** A message as the outbox keeps it. */
export interface OutboxMessage {
  id: string;
  channel: string;
  recipient: string;
  content: unknown;
  cause: string;
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}
