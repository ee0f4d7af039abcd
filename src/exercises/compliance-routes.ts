import { z } from 'zod';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import { exerciseCompliance, outsideExerciseReport, recordOutsideExercise } from './compliance-flows.js';
import { ExerciseCompliance, HeldExercise, REPORT_TYPES, RecordOutsideExercise } from './compliance-model.js';

export function exerciseComplianceRoutes(app: App, platform: Platform) {
  app.get(
    '/api/admin/exercise-compliance',
    {
      schema: {
        tags: ['admin'],
        summary:
          'The exercise history against the Recommendation: first exercise due by, the last one how many months ago (platform administrators)',
        response: { 200: ExerciseCompliance },
      },
    },
    async (request) => exerciseCompliance(platform, actorOf(request)),
  );

  app.post(
    '/api/admin/outside-exercises',
    {
      // A report of a few MiB, base64-encoded in the JSON body.
      bodyLimit: 8 * 1024 * 1024,
      config: { successStatus: 201 },
      schema: {
        tags: ['admin'],
        summary:
          'Record an exercise held outside the platform, with its report file (platform administrators; audited)',
        body: RecordOutsideExercise,
        response: { 201: HeldExercise },
      },
    },
    async (request) => recordOutsideExercise(platform, actorOf(request), request.body, request.idempotency),
  );

  app.get(
    '/api/admin/outside-exercises/:id/report',
    {
      schema: {
        tags: ['admin'],
        summary: 'The report file of an exercise held outside the platform (platform administrators)',
        params: z.object({ id: z.string().min(1).max(64) }),
        produces: [...REPORT_TYPES],
      },
    },
    async (request, reply) => {
      const file = await outsideExerciseReport(platform, actorOf(request), request.params.id);
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
      return reply.type(file.type).send(file.content);
    },
  );
}
