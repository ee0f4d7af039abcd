import { z } from 'zod';
import { Incident } from '../incidents/model.js';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import { consultationRoutes } from './consultation-routes.js';
import * as flows from './flows.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });
const created = { config: { successStatus: 201 } } as const;
const answer = { 201: Incident };
/** A step that needs no text may still carry why it was taken; the body itself may be left out. */
const OptionalReason = z.strictObject({ reason: z.string().trim().max(2000).optional() }).nullish();

export function blueprintRoutes(app: App, platform: Platform) {
  app.post(
    '/api/incidents/:id/activation',
    {
      ...created,
      schema: {
        tags: ['blueprint'],
        summary:
          'Activate the Blueprint, or join its activation (affected member states; status must be applies)',
        params: IdParams,
        body: OptionalReason,
        response: answer,
      },
    },
    async (request) =>
      flows.activate(
        platform,
        actorOf(request),
        request.params.id,
        request.idempotency,
        request.body?.reason || undefined,
      ),
  );

  app.post(
    '/api/incidents/:id/deactivation',
    {
      ...created,
      schema: {
        tags: ['blueprint'],
        summary: 'Deactivate the Blueprint when services are restored, with a closing summary',
        params: IdParams,
        body: z.strictObject({
          summary: z.string().trim().min(1, 'a closing summary is required').max(20_000),
        }),
        response: answer,
      },
    },
    async (request) =>
      flows.deactivate(
        platform,
        actorOf(request),
        request.params.id,
        request.body.summary,
        request.idempotency,
      ),
  );

  app.post(
    '/api/incidents/:id/reopening',
    {
      ...created,
      schema: {
        tags: ['blueprint'],
        summary: 'Reopen a deactivated Blueprint',
        params: IdParams,
        body: z.strictObject({ reason: z.string().trim().min(1, 'say why it is reopened').max(20_000) }),
        response: answer,
      },
    },
    async (request) =>
      flows.reopen(platform, actorOf(request), request.params.id, request.body.reason, request.idempotency),
  );

  consultationRoutes(app, platform);
}
