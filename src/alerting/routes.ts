import { z } from 'zod';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import * as flows from './flows.js';
import { Notification } from './model.js';

export function alertingRoutes(app: App, platform: Platform) {
  app.get(
    '/api/notifications',
    {
      schema: {
        tags: ['alerting'],
        summary: "Your organisation's notifications, newest first",
        querystring: z.object({
          open: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
        }),
        response: { 200: z.object({ items: z.array(Notification) }) },
      },
    },
    async (request) => ({ items: await flows.listNotifications(platform, actorOf(request), request.query) }),
  );

  app.post(
    '/api/notifications/:id/acknowledgement',
    {
      schema: {
        tags: ['alerting'],
        summary: 'Acknowledge a notification for your organisation',
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: Notification },
      },
    },
    async (request) => flows.acknowledge(platform, actorOf(request), request.params.id),
  );
}
