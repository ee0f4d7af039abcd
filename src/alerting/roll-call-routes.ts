import { z } from 'zod';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import { rollCallOf } from './roll-call-flows.js';
import { RollCall } from './roll-call-model.js';

export function rollCallRoutes(app: App, platform: Platform) {
  app.get(
    '/api/incidents/:id/roll-call',
    {
      schema: {
        tags: ['alerting'],
        summary:
          "Per organisation, who was alerted about the incident, when, by which channel, and who acknowledged when (your organisation's row; ERCC and the Presidency see all)",
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: RollCall },
      },
    },
    async (request) => rollCallOf(platform, actorOf(request), request.params.id),
  );
}
