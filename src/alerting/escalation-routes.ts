import { z } from 'zod';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import { changeOrganisationTimings, changePlatformTimings, getTimings } from './escalation-flows.js';
import {
  AlertingTimings,
  ChangeOrganisationTimingsRequest,
  ChangePlatformTimingsRequest,
  OrganisationTimings,
} from './escalation-model.js';

const OrganisationParams = z.object({ organisation: z.string().trim().toUpperCase().min(1).max(40) });

export function escalationRoutes(app: App, platform: Platform) {
  app.get(
    '/api/alerting/timings/:organisation',
    {
      schema: {
        tags: ['alerting'],
        summary:
          "How long an organisation has to acknowledge an important alert before it escalates, and the platform's times",
        params: OrganisationParams,
        response: { 200: z.object({ platform: AlertingTimings, organisation: OrganisationTimings }) },
      },
    },
    async (request) => getTimings(platform, actorOf(request), request.params.organisation),
  );

  app.patch(
    '/api/alerting/timings',
    {
      schema: {
        tags: ['alerting'],
        summary:
          'Set the platform-wide acknowledgement, escalation and contact-point staleness times (platform admins; audited)',
        body: ChangePlatformTimingsRequest,
        response: { 200: AlertingTimings },
      },
    },
    async (request) => changePlatformTimings(platform, actorOf(request), request.body),
  );

  app.patch(
    '/api/alerting/timings/:organisation',
    {
      schema: {
        tags: ['alerting'],
        summary:
          "Set an organisation's own acknowledgement and escalation times (its org-admins, or platform admins; audited)",
        params: OrganisationParams,
        body: ChangeOrganisationTimingsRequest,
        response: { 200: OrganisationTimings },
      },
    },
    async (request) =>
      changeOrganisationTimings(platform, actorOf(request), request.params.organisation, request.body),
  );
}
