import { z } from 'zod';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import * as flows from './follow-up-flows.js';
import { FollowUpFilter, RecommendationForUs, RecordFollowUpRequest } from './follow-up-model.js';

const TAGS = ['after-action'];

export function followUpRoutes(app: App, platform: Platform) {
  app.get(
    '/api/me/recommendations',
    {
      schema: {
        tags: TAGS,
        summary:
          "Recommendations for us: those addressed to your organisation in distributed post-incident reports you may read, with their follow-up (filter by the latest follow-up's status, `none` for not yet followed up)",
        querystring: z.object({ followUp: FollowUpFilter.optional() }),
        response: { 200: z.object({ items: z.array(RecommendationForUs) }) },
      },
    },
    async (request) => ({
      items: await flows.recommendationsForUs(platform, actorOf(request), {
        followUp: request.query.followUp,
      }),
    }),
  );

  app.post(
    '/api/after-action/recommendations/:recommendationId/follow-up',
    {
      config: { successStatus: 201 },
      schema: {
        tags: TAGS,
        summary:
          'Record what your organisation does with a recommendation addressed to it (planned, in progress, done, not taken up), with a note; moves its status',
        params: z.object({ recommendationId: z.string().min(1).max(64) }),
        body: RecordFollowUpRequest,
        response: { 201: RecommendationForUs },
      },
    },
    async (request) =>
      flows.recordFollowUp(platform, actorOf(request), request.params.recommendationId, request.body),
  );
}
