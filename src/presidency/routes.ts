import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import { PresidencyTermSchema } from '../registry/model.js';
import { addTerm, calendarState } from './flows.js';
import { AddTermRequest, PresidencyCalendarState } from './model.js';

export function presidencyRoutes(app: App, platform: Platform) {
  app.get(
    '/api/admin/presidency',
    {
      schema: {
        tags: ['admin'],
        summary: 'The Presidency calendar, who holds office for the platform, and when the calendar runs out',
        response: { 200: PresidencyCalendarState },
      },
    },
    async (request) => calendarState(platform, actorOf(request)),
  );

  app.post(
    '/api/admin/presidency/terms',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['admin'],
        summary:
          'Extend the Presidency calendar with the next term (platform administrators; a member state, no gap; audited)',
        body: AddTermRequest,
        response: { 201: PresidencyTermSchema },
      },
    },
    async (request) => addTerm(platform, actorOf(request), request.body, request.idempotency),
  );
}
