import { z } from 'zod';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import { listAvailability, setAvailability } from './availability-flows.js';
import { AvailabilityRequest, MemberStateAvailability } from './availability-model.js';

export function availabilityRoutes(app: App, platform: Platform): void {
  app.get(
    '/api/member-states/availability',
    {
      schema: {
        tags: ['response'],
        summary: "Each member state's availability for EU asks (normal, limited, only urgent) with its note",
        response: { 200: z.object({ items: z.array(MemberStateAvailability) }) },
      },
    },
    async (request) => ({ items: await listAvailability(platform, actorOf(request)) }),
  );

  app.put(
    '/api/member-states/:code/availability',
    {
      schema: {
        tags: ['response'],
        summary: "Set your member state's availability for EU asks (its coordinators only)",
        params: z.object({ code: z.string().min(2).max(2) }),
        body: AvailabilityRequest,
        response: { 200: MemberStateAvailability },
      },
    },
    async (request) =>
      setAvailability(platform, actorOf(request), request.params.code, request.body, request.idempotency),
  );
}
