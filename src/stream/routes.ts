import { z } from 'zod';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import { readerLanguage } from '../platform/language.js';
import { StreamHub } from './hub.js';
import { DEFAULT_LIMITS, RETRY_MS, type StreamLimits, Subscriber } from './subscriber.js';

/** The hub of each app, so tests and the benchmark can look at it. */
export const hubs = new WeakMap<App, StreamHub>();

/**
 * `GET /api/stream`: any number of streams per person (tabs, wall screens), each for everything its caller may
 * see. Ids are stream positions; `Last-Event-ID` (or `?lastEventId=`) catches up on what happened meanwhile.
 */
export function streamRoutes(app: App, platform: Platform, limits: StreamLimits = DEFAULT_LIMITS) {
  const hub = new StreamHub(platform);
  hubs.set(app, hub);
  app.get(
    '/api/stream',
    {
      schema: {
        tags: ['entries'],
        summary: 'Live events (Server-Sent Events) for everything you may see',
        description:
          '`event: entry` (data = the entry as GET …/entries gives it), `event: assessment` ({incidentId, assessment}), `event: entry-withdrawn` ({incidentId, entryId}) when an entry leaves your reach, `event: notification`. Every event has an `id`: its stream position, which only increases. Send `Last-Event-ID` (or `?lastEventId=`) to resume: you then also get `entry` for entries you gained and `entry-withdrawn` for entries you lost meanwhile. The stream ends within a second of its session or token ending, and watching it does not keep a session alive.',
        querystring: z.object({ lastEventId: z.coerce.number().int().min(0).optional() }),
        produces: ['text/event-stream'],
      },
    },
    async (request, reply) => {
      // A HEAD request gets the stream's headers and ends: nothing is ever sent on it, so it must not stay open.
      if (request.method === 'HEAD') {
        return reply
          .header('content-type', 'text/event-stream; charset=utf-8')
          .header('cache-control', 'no-store')
          .send();
      }
      const actor = actorOf(request);
      const header = request.headers['last-event-id'];
      const fromHeader = typeof header === 'string' && /^\d{1,15}$/.test(header) ? Number(header) : undefined;
      const resumeAfter = await hub.resumePoint(fromHeader ?? request.query.lastEventId);
      // Checked again without touching: opening the stream was this request's activity, watching it is none.
      const who = await app.whoIs(request, { touch: false });

      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      reply.raw.write(`retry: ${RETRY_MS}\n\n`);
      const subscriber = new Subscriber(
        reply.raw,
        actor,
        readerLanguage(actor),
        who?.sessionEnds,
        () => app.whoIs(request, { touch: false }),
        limits,
        hub.removed,
      );
      request.raw.on('close', () => subscriber.end('client-gone'));
      if (!who) {
        subscriber.end('session-ended');
        return;
      }
      try {
        await hub.add(subscriber, resumeAfter);
      } catch (err) {
        request.log.warn({ err }, 'a stream could not start');
        subscriber.end('fell-behind');
      }
    },
  );
  // Streams never end by themselves: a graceful shutdown ends them so in-flight requests can finish.
  app.addHook('preClose', () => hub.close());
}
