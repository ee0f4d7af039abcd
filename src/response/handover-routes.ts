import { z } from 'zod';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import {
  acknowledgeHandover,
  handoverAbilities,
  handoversAwaitingMe,
  listHandovers,
  writeHandover,
} from './handover-flows.js';
import { AcknowledgeRequest, Handover, NewHandover } from './handover-model.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });
const HandoverParams = IdParams.extend({ hid: z.string().min(1).max(64) });

export function handoverRoutes(app: App, platform: Platform): void {
  app.get(
    '/api/incidents/:id/handovers',
    {
      schema: {
        tags: ['response'],
        summary: "Your organisation's duty-shift handover notes for the incident, latest first",
        params: IdParams,
        response: {
          200: z.object({ items: z.array(Handover), abilities: z.object({ write: z.boolean() }) }),
        },
      },
    },
    async (request) => ({
      items: await listHandovers(platform, actorOf(request), request.params.id),
      abilities: handoverAbilities(actorOf(request)),
    }),
  );

  app.post(
    '/api/incidents/:id/handovers',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['response'],
        summary:
          'Hand over to the next shift: what changed, open asks, who covers what next (your organisation only)',
        params: IdParams,
        body: NewHandover,
        response: { 201: Handover },
      },
    },
    async (request) =>
      writeHandover(platform, actorOf(request), request.params.id, request.body, request.idempotency),
  );

  app.post(
    '/api/incidents/:id/handovers/:hid/acknowledge',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['response'],
        summary: 'The incoming officer acknowledges the handover note',
        params: HandoverParams,
        body: AcknowledgeRequest,
        response: { 201: Handover },
      },
    },
    async (request) =>
      acknowledgeHandover(
        platform,
        actorOf(request),
        request.params.id,
        request.params.hid,
        request.body,
        request.idempotency,
      ),
  );

  app.get(
    '/api/me/handovers',
    {
      schema: {
        tags: ['response'],
        summary: 'Handover notes across incidents that wait for you to take the shift over',
        response: { 200: z.object({ items: z.array(Handover) }) },
      },
    },
    async (request) => ({ items: await handoversAwaitingMe(platform, actorOf(request)) }),
  );
}
