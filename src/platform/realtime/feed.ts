import pg from 'pg';
import type { Logger } from 'pino';
import { type Db, inBackground } from '../db/index.js';
import { EVENTS_CHANNEL, eventsAfter, headPosition, type StreamEvent } from './events.js';

/** Receives every committed event once, in position order; the next batch waits until it has finished. */
export type FeedListener = (events: readonly StreamEvent[]) => Promise<void>;

/**
 * This instance's view of `stream_events`: it tails the table from the moment someone listens, so every
 * writer's events (another instance, a CLI command) reach this instance's listeners, each read once here.
 */
export interface EventFeed {
  listen(listener: FeedListener): () => void;
  /** A write of this process committed events: read them now instead of at the next poll. */
  wake(): void;
  /** The last position handed to listeners (the head when listening started, before any event). */
  delivered(): number;
  /** Settles once listening has started, so `delivered()` is meaningful. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export interface FeedOptions {
  /** How often to look for new events. SQLite has no notifications, so this is what bounds its delay. */
  pollMs?: number;
  pageSize?: number;
}

/**
 * On SQLite the feed polls (a primary-key range read, cheap when nothing is new); on PostgreSQL LISTEN wakes it
 * at once and the poll is only a safety net for a notification lost with a dropped connection.
 */
export function createEventFeed(db: Db, log: Logger, options: FeedOptions = {}): EventFeed {
  const pollMs = options.pollMs ?? (db.engine === 'postgres' ? 1_000 : 200);
  const pageSize = options.pageSize ?? 500;
  const listeners = new Set<FeedListener>();
  let started: Promise<void> | undefined;
  let last = 0;
  // Until the head is known, nothing is drained: position 0 would replay the whole history to every stream.
  let positioned = false;
  let timer: NodeJS.Timeout | undefined;
  let listenClient: pg.Client | undefined;
  let draining = false;
  let again = false;
  let closed = false;

  const drain = async (): Promise<void> => {
    if (!positioned) return;
    if (draining) {
      again = true;
      return;
    }
    draining = true;
    try {
      do {
        again = false;
        for (;;) {
          if (closed) return;
          const page = await eventsAfter(inBackground(db.kysely), last, pageSize);
          if (page.length === 0) break;
          for (const listener of [...listeners]) {
            try {
              await listener(page);
            } catch (err) {
              log.error({ err }, 'a stream listener failed on an event');
            }
          }
          last = page[page.length - 1]!.position;
          if (page.length < pageSize) break;
        }
      } while (again);
    } catch (err) {
      if (!closed) log.warn({ err }, 'could not read stream events');
    } finally {
      draining = false;
    }
  };

  const start = async () => {
    last = await headPosition(inBackground(db.kysely));
    positioned = true;
    // The poll runs in any case: notifications only make delivery sooner, and may fail on their own.
    timer = setInterval(() => void drain(), pollMs);
    timer.unref();
    if (db.engine === 'postgres' && db.url) {
      try {
        listenClient = new pg.Client({ connectionString: db.url });
        listenClient.on('error', (err) => {
          if (!closed) log.error({ err }, 'stream notifications from PostgreSQL lost; polling meanwhile');
        });
        listenClient.on('notification', () => void drain());
        await listenClient.connect();
        await listenClient.query(`LISTEN ${EVENTS_CHANNEL}`);
      } catch (err) {
        log.error({ err }, 'could not listen for stream notifications; polling only');
      }
    }
  };

  return {
    listen(listener) {
      listeners.add(listener);
      started ??= start().catch((err: unknown) => log.error({ err }, 'could not start the event feed'));
      return () => listeners.delete(listener);
    },
    wake() {
      if (started && !closed) void started.then(drain);
    },
    delivered: () => last,
    ready: async () => {
      await started;
    },
    async close() {
      closed = true;
      if (timer) clearInterval(timer);
      listeners.clear();
      await started;
      await listenClient?.end().catch(() => undefined);
    },
  };
}
