import { z } from 'zod';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import { coordinationMetrics, metricsOverTime } from './flows.js';
import { CoordinationMetrics, MetricsOverTime, MetricsOverTimeQuery } from './model.js';

const IncidentParams = z.object({ id: z.string().min(1).max(64) });

export function coordinationRoutes(app: App, platform: Platform) {
  app.get(
    '/api/incidents/:id/coordination-metrics',
    {
      schema: {
        tags: ['coordination'],
        summary:
          'How long from the first report to each coordination step, as the caller may see it; for a scenario run, against its targets and earlier runs (403 for platform admins)',
        params: IncidentParams,
        response: { 200: CoordinationMetrics },
      },
    },
    async (request) => coordinationMetrics(platform, actorOf(request), request.params.id),
  );

  app.get(
    '/api/coordination-metrics',
    {
      schema: {
        tags: ['coordination'],
        summary: 'The newest incidents’ coordination metrics, oldest first, as the caller may see them',
        querystring: MetricsOverTimeQuery,
        response: { 200: MetricsOverTime },
      },
    },
    async (request) => ({
      items: await metricsOverTime(
        platform,
        actorOf(request),
        request.query.exercise === undefined ? undefined : request.query.exercise === 'true',
      ),
    }),
  );
}
