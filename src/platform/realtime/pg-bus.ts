import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Bus, PlatformEvent } from './bus.js';

const CHANNEL = 'blueprint_events';

/**
 * A bus across server instances on one PostgreSQL: every event goes out through NOTIFY and comes back to every
 * instance (this one included) through LISTEN, so each subscriber receives it exactly once, wherever it was written.
 * One publishing connection keeps this instance's events in the order they were published.
 */
export async function createPgBus(url: string, log: Logger): Promise<Bus> {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let closed = false;

  const listener = new pg.Client({ connectionString: url });
  const publisher = new pg.Client({ connectionString: url });
  await listener.connect();
  await publisher.connect();
  listener.on('notification', (message) => {
    if (message.channel !== CHANNEL || !message.payload) return;
    try {
      emitter.emit('event', JSON.parse(message.payload) as PlatformEvent);
    } catch (err) {
      log.warn({ err }, 'unreadable platform event');
    }
  });
  const onError = (err: Error) => {
    if (!closed) log.error({ err }, 'realtime connection to PostgreSQL lost');
  };
  listener.on('error', onError);
  publisher.on('error', onError);
  await listener.query(`LISTEN ${CHANNEL}`);

  let queue: Promise<unknown> = Promise.resolve();
  return {
    publish(event) {
      if (closed) return;
      queue = queue
        .then(() => publisher.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify(event)]))
        .catch((err: unknown) => log.error({ err }, 'could not publish a platform event'));
    },
    subscribe(listenerFn) {
      emitter.on('event', listenerFn);
      return () => emitter.off('event', listenerFn);
    },
    async close() {
      closed = true;
      await queue;
      emitter.removeAllListeners();
      await Promise.allSettled([listener.end(), publisher.end()]);
    },
  };
}
