import { z } from 'zod';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import * as flows from './flows.js';
import {
  AcknowledgeContactCheckRequest,
  ContactCheck,
  ContactPointStandings,
  ScheduleContactCheckRequest,
} from './model.js';

const CheckParams = z.object({ id: z.string().min(1).max(64) });

export function contactCheckRoutes(app: App, platform: Platform) {
  app.post(
    '/api/contact-checks',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['directory'],
        summary:
          'Schedule a communication check of contact points (ERCC for any, an org-admin for its own); it goes out at runAt through every channel',
        body: ScheduleContactCheckRequest,
        response: { 201: ContactCheck },
      },
    },
    async (request) => flows.scheduleCheck(platform, actorOf(request), request.body),
  );

  app.get(
    '/api/contact-checks',
    {
      schema: {
        tags: ['directory'],
        summary:
          'The history of contact-point checks with each organisation’s result (ERCC sees all, others their own); open=true: those waiting for your answer',
        querystring: z.object({
          open: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
        }),
        response: {
          200: z.object({
            items: z.array(ContactCheck),
            abilities: z.object({ schedule: z.enum(['all', 'own', 'none']) }),
          }),
        },
      },
    },
    async (request) => ({
      items: await flows.listChecks(platform, actorOf(request), request.query),
      abilities: flows.checkAbilities(actorOf(request)),
    }),
  );

  app.get(
    '/api/contact-checks/standing',
    {
      schema: {
        tags: ['directory'],
        summary:
          'Per organisation, when its contact point last answered a check, and whether it is missing or stale',
        response: { 200: ContactPointStandings },
      },
    },
    async (request) => flows.standings(platform, actorOf(request)),
  );

  app.get(
    '/api/contact-checks/:id',
    {
      schema: {
        tags: ['directory'],
        summary: 'One check’s report: per organisation, reached or not, by which channel, how fast',
        params: CheckParams,
        response: { 200: ContactCheck },
      },
    },
    async (request) => flows.getCheck(platform, actorOf(request), request.params.id),
  );

  app.post(
    '/api/contact-checks/:id/acknowledgement',
    {
      schema: {
        tags: ['directory'],
        summary: "Answer a check for your organisation's contact point (whoever is on duty)",
        params: CheckParams,
        body: AcknowledgeContactCheckRequest,
        response: { 200: ContactCheck },
      },
    },
    async (request) =>
      flows.acknowledgeCheck(platform, actorOf(request), request.params.id, request.body.via),
  );
}
