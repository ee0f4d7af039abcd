import { z } from 'zod';
import { AssessmentStatus, OwnLevel } from '../blueprint/model.js';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import { CountryCode } from '../registry/model.js';
import * as flows from './flows.js';
import { Incident, IncidentReport, IncidentSummary } from './model.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });

export function incidentRoutes(app: App, platform: Platform) {
  app.post(
    '/api/incidents',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['incidents'],
        summary: 'Report an incident; its report becomes the first entry of its log',
        description:
          '`reportedBy` and every `assessedBy` must be your own organisation (403); `coordinationAgreed` cannot be set by a report (403). Without `marking` the report is TLP:GREEN to all participating organisations.',
        body: IncidentReport,
        response: { 201: Incident },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await flows.reportIncident(platform, actorOf(request), request.body, request.idempotency)),
  );

  app.get(
    '/api/incidents',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Incidents you may see, most recently active first',
        querystring: z.object({
          status: AssessmentStatus.optional(),
          exercise: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
        }),
        response: { 200: z.object({ items: z.array(IncidentSummary) }) },
      },
    },
    async (request) => ({ items: await flows.listIncidents(platform, actorOf(request), request.query) }),
  );

  app.get(
    '/api/incidents/:id',
    {
      schema: {
        tags: ['incidents'],
        summary: 'An incident with its current assessment (404 when you may not see it)',
        params: IdParams,
        response: { 200: Incident },
      },
    },
    async (request) => flows.getIncident(platform, actorOf(request), request.params.id),
  );

  app.post(
    '/api/incidents/:id/assessments',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['incidents'],
        summary: "A member state's own assessment of its impact (coordinators of that state only)",
        params: IdParams,
        body: z.strictObject({ memberState: CountryCode, level: OwnLevel }),
        response: { 201: Incident },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await flows.recordOwnAssessment(
            platform,
            actorOf(request),
            request.params.id,
            request.body,
            request.idempotency,
          ),
        ),
  );
}
