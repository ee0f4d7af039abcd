import { z } from 'zod';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import { buildPicture } from './flows.js';
import { Picture } from './model.js';

export function pictureRoutes(app: App, platform: Platform) {
  app.get(
    '/api/incidents/:id/picture',
    {
      schema: {
        tags: ['picture'],
        summary: 'The common picture as you may see it: impact per state, key figures, staleness, assessment',
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: Picture },
      },
    },
    async (request) => buildPicture(platform, actorOf(request), request.params.id),
  );
}
