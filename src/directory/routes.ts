import { z } from 'zod';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import * as flows from './flows.js';
import { ContactPoint, UpdateContactPointRequest } from './model.js';

export function directoryRoutes(app: App, platform: Platform) {
  app.get(
    '/api/contact-points',
    {
      schema: {
        tags: ['directory'],
        summary: "Every organisation's central contact point and who is on duty",
        response: { 200: z.object({ items: z.array(ContactPoint) }) },
      },
    },
    async (request) => ({ items: await flows.getDirectory(platform, actorOf(request)) }),
  );

  app.put(
    '/api/contact-points/:organisation',
    {
      schema: {
        tags: ['directory'],
        summary: "Update an organisation's contact point (its org-admins, or a platform admin)",
        params: z.object({ organisation: z.string().trim().toUpperCase().max(40) }),
        body: UpdateContactPointRequest,
        response: { 200: ContactPoint },
      },
    },
    async (request) =>
      flows.updateContactPoint(platform, actorOf(request), request.params.organisation, request.body),
  );
}
