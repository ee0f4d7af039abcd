import { z } from 'zod';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import { listDisinformation, recordDisinformation } from './disinformation-flows.js';
import { Disinformation, IncidentDisinformation, NewDisinformation } from './disinformation-model.js';

const IdParams = z.object({ id: z.string().min(1).max(100) });
const TAGS = ['public communication'];

export function disinformationRoutes(app: App, platform: Platform): void {
  app.get(
    '/api/incidents/:id/disinformation',
    {
      schema: {
        tags: TAGS,
        summary: 'The false narratives observed about the incident that the reader may see, newest first',
        params: IdParams,
        response: { 200: IncidentDisinformation },
      },
    },
    async (request) => listDisinformation(platform, actorOf(request), request.params.id),
  );

  app.post(
    '/api/incidents/:id/disinformation',
    {
      config: { successStatus: 201 },
      schema: {
        tags: TAGS,
        summary:
          'Log a false narrative: where and since when it was observed, its reach and the rebuttal line',
        description: 'Shared with its `marking` and `audience` like any entry (default TLP:GREEN to all).',
        params: IdParams,
        body: NewDisinformation,
        response: { 201: Disinformation },
      },
    },
    async (request) =>
      recordDisinformation(platform, actorOf(request), request.params.id, request.body, request.idempotency),
  );
}
