import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { notificationForStream } from '../alerting/flows.js';
import type { Assessment } from '../blueprint/model.js';
import { assessmentForReader } from '../incidents/rules.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import type { PlatformEvent } from '../platform/realtime/bus.js';
import { readEntry } from '../sharing/entries.js';
import * as incidentPolicy from '../sharing/incidents.js';
import { isAllowed } from '../sharing/policy.js';
import * as flows from './flows.js';
import * as store from './store.js';

const HEARTBEAT_MS = 20_000;

function send(reply: FastifyReply, event: string, data: unknown, id?: number) {
  const lines = [`event: ${event}`];
  if (id !== undefined) lines.push(`id: ${id}`);
  lines.push(`data: ${JSON.stringify(data)}`);
  reply.raw.write(`${lines.join('\n')}\n\n`);
}

/**
 * One stream per caller, for every incident they may see. Each event is checked against the subscriber's own
 * rights after the change has committed, so nothing reaches anyone outside its audience, not even for a moment.
 */
export function streamRoute(app: App, platform: Platform) {
  const open = new Set<() => void>();
  app.get(
    '/api/stream',
    {
      schema: {
        tags: ['entries'],
        summary: 'Live events (Server-Sent Events) for everything you may see',
        description:
          '`event: entry` (id = stream position, data = the entry as GET …/entries gives it), `event: assessment` ({incidentId, assessment}), `event: entry-withdrawn` ({incidentId, entryId}) when an entry leaves your reach. Send `Last-Event-ID` (or `?lastEventId=`) to resume.',
        querystring: z.object({ lastEventId: z.coerce.number().int().min(0).optional() }),
      },
    },
    async (request, reply) => {
      const actor: Actor = actorOf(request);
      const header = request.headers['last-event-id'];
      const fromHeader = typeof header === 'string' && /^\d+$/.test(header) ? Number(header) : undefined;
      const resumeAfter = fromHeader ?? request.query.lastEventId;

      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      reply.raw.write('retry: 3000\n\n');

      let closed = false;
      // Entries already sent on this stream: a replay after Last-Event-ID and live events may overlap.
      const sent = new Set<string>();
      // One chain per subscriber keeps events in order even though each needs its own database read.
      let chain: Promise<void> = Promise.resolve();
      const enqueue = (work: () => Promise<void>) => {
        chain = chain.then(async () => {
          if (closed) return;
          try {
            await work();
          } catch (err) {
            request.log.warn({ err }, 'stream event dropped');
          }
        });
      };

      const sendEntry = async (entryId: string) => {
        const entry = await flows.entryForStream(platform, actor, entryId);
        if (entry && !closed && !sent.has(entry.id)) {
          send(reply, 'entry', entry, entry.seq);
          sent.add(entry.id);
        }
      };

      const handle = async (event: PlatformEvent) => {
        switch (event.type) {
          case 'entry':
            if (resumeAfter === undefined || event.seq > resumeAfter) await sendEntry(event.entryId);
            return;
          case 'assessment': {
            const row = await platform.db.kysely
              .selectFrom('incidents')
              .select(['assessment', 'releasable_to_nato'])
              .where('id', '=', event.incidentId)
              .executeTakeFirst();
            const incident = row && { id: event.incidentId, releasableToNato: row.releasable_to_nato === 1 };
            if (row && incident && isAllowed(incidentPolicy.readIncident, actor, incident)) {
              const hidden = await flows.hiddenEntityNames(platform.db.kysely, actor, incident);
              const assessment = assessmentForReader(JSON.parse(row.assessment) as Assessment, hidden);
              send(reply, 'assessment', { incidentId: event.incidentId, assessment });
            }
            return;
          }
          case 'reach-changed': {
            const reader = flows.readerOf(actor);
            const incident = await store.getIncidentReach(platform.db.kysely, event.incidentId);
            const couldSee =
              incident !== undefined &&
              isAllowed(readEntry, reader, event.previous) &&
              isAllowed(incidentPolicy.readIncident, actor, incident);
            const entry = await flows.entryForStream(platform, actor, event.entryId);
            if (entry) {
              send(reply, 'entry', entry, entry.seq);
              sent.add(entry.id);
            } else if (couldSee)
              send(reply, 'entry-withdrawn', { incidentId: event.incidentId, entryId: event.entryId });
            return;
          }
          case 'notification': {
            if (event.organisation !== actor.organisation) return;
            const notification = await notificationForStream(platform, actor, event.notificationId);
            if (notification) send(reply, 'notification', notification);
            return;
          }
          case 'group-changed':
            // Membership is evaluated when read; an organisation that left the group loses its entries at once.
            if (
              event.previousMembers.includes(actor.organisation) &&
              !event.members.includes(actor.organisation)
            ) {
              for (const lost of await flows.entriesLostWithGroup(platform, actor, event.groupId)) {
                send(reply, 'entry-withdrawn', lost);
              }
            }
            return;
        }
      };

      const unsubscribe = platform.bus.subscribe((event) => enqueue(() => handle(event)));
      if (resumeAfter !== undefined) {
        enqueue(async () => {
          for (const entry of await flows.entriesSince(platform, actor, resumeAfter)) {
            if (closed) return;
            if (sent.has(entry.id)) continue;
            send(reply, 'entry', entry, entry.seq);
            sent.add(entry.id);
          }
        });
      }

      // The heartbeat keeps proxies from closing the stream and re-checks that the session is still valid.
      const heartbeat = setInterval(() => {
        enqueue(async () => {
          const still = await app.whoIs(request);
          if (!still || still.actor.userId !== actor.userId || still.actor.role !== actor.role) {
            stop();
            return;
          }
          reply.raw.write(': ping\n\n');
        });
      }, HEARTBEAT_MS);

      const stop = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        reply.raw.end();
      };
      open.add(stop);
      request.raw.on('close', () => {
        open.delete(stop);
        stop();
      });
    },
  );
  // Streams never end by themselves: a graceful shutdown ends them so in-flight requests can finish.
  app.addHook('preClose', async () => {
    for (const stop of open) stop();
    open.clear();
  });
}
