import { z } from 'zod';
import type { Platform } from '../context.js';
import { ping } from '../db/index.js';
import type { App } from './app.js';

const startedAt = new Date().toISOString();

export function healthRoutes(app: App, platform: Platform) {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['platform'],
        summary: 'Liveness and database reachability',
        response: {
          200: z.object({
            status: z.literal('ok'),
            database: z.enum(['sqlite', 'postgres']),
            version: z.string(),
            startedAt: z.string(),
          }),
          503: z.object({ status: z.literal('unavailable'), database: z.enum(['sqlite', 'postgres']) }),
        },
      },
    },
    async (_request, reply) => {
      if (!(await ping(platform.db)))
        return reply.code(503).send({ status: 'unavailable', database: platform.db.engine });
      return { status: 'ok' as const, database: platform.db.engine, version: '0.1.0', startedAt };
    },
  );

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
}
