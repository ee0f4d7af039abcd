import { z } from 'zod';
import { Incident } from '../incidents/model.js';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import * as flows from './flows.js';
import { Position } from './model.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });
const ConsultationParams = IdParams.extend({ consultationId: z.string().min(1).max(64) });
const created = { config: { successStatus: 201 } } as const;
const answer = { 201: Incident };

const DateTimeWithZone = z.iso.datetime({
  offset: true,
  error: 'must be an ISO 8601 date-time with zone offset',
});

export function blueprintRoutes(app: App, platform: Platform) {
  app.post(
    '/api/incidents/:id/activation',
    {
      ...created,
      schema: {
        tags: ['blueprint'],
        summary:
          'Activate the Blueprint, or join its activation (affected member states; status must be applies)',
        params: IdParams,
        response: answer,
      },
    },
    async (request) => flows.activate(platform, actorOf(request), request.params.id, request.idempotency),
  );

  app.post(
    '/api/incidents/:id/deactivation',
    {
      ...created,
      schema: {
        tags: ['blueprint'],
        summary: 'Deactivate the Blueprint when services are restored, with a closing summary',
        params: IdParams,
        body: z.strictObject({
          summary: z.string().trim().min(1, 'a closing summary is required').max(20_000),
        }),
        response: answer,
      },
    },
    async (request) =>
      flows.deactivate(
        platform,
        actorOf(request),
        request.params.id,
        request.body.summary,
        request.idempotency,
      ),
  );

  app.post(
    '/api/incidents/:id/reopening',
    {
      ...created,
      schema: {
        tags: ['blueprint'],
        summary: 'Reopen a deactivated Blueprint',
        params: IdParams,
        body: z.strictObject({ reason: z.string().trim().min(1, 'say why it is reopened').max(20_000) }),
        response: answer,
      },
    },
    async (request) =>
      flows.reopen(platform, actorOf(request), request.params.id, request.body.reason, request.idempotency),
  );

  app.post(
    '/api/incidents/:id/consultations',
    {
      ...created,
      schema: {
        tags: ['blueprint'],
        summary:
          'Open a consultation on Union-level coordination (Presidency; status must be decision-required)',
        params: IdParams,
        body: z.strictObject({
          deadline: DateTimeWithZone,
          question: z.string().trim().max(2000).optional(),
        }),
        response: answer,
      },
    },
    async (request) =>
      flows.openConsultation(
        platform,
        actorOf(request),
        request.params.id,
        request.body,
        request.idempotency,
      ),
  );

  app.post(
    '/api/incidents/:id/consultations/:consultationId/positions',
    {
      ...created,
      schema: {
        tags: ['blueprint'],
        summary: "A significantly affected state's position (yes, no, abstain), before the deadline",
        params: ConsultationParams,
        body: z.strictObject({ position: Position, comment: z.string().trim().max(5000).optional() }),
        response: answer,
      },
    },
    async (request) =>
      flows.givePosition(
        platform,
        actorOf(request),
        request.params.id,
        request.params.consultationId,
        request.body,
        request.idempotency,
      ),
  );

  app.post(
    '/api/incidents/:id/consultations/:consultationId/advice',
    {
      ...created,
      schema: {
        tags: ['blueprint'],
        summary: "The Commission's advice (ERCC)",
        params: ConsultationParams,
        body: z.strictObject({ text: z.string().trim().min(1, 'must not be empty').max(20_000) }),
        response: answer,
      },
    },
    async (request) =>
      flows.giveAdvice(
        platform,
        actorOf(request),
        request.params.id,
        request.params.consultationId,
        request.body.text,
        request.idempotency,
      ),
  );

  app.post(
    '/api/incidents/:id/consultations/:consultationId/decision',
    {
      ...created,
      schema: {
        tags: ['blueprint'],
        summary:
          "The Presidency's decision with its rationale; sets coordinationAgreed and re-runs the assessment",
        params: ConsultationParams,
        body: z.strictObject({
          decision: z.enum(['yes', 'no']),
          rationale: z.string().trim().min(1, 'a rationale is required').max(20_000),
        }),
        response: answer,
      },
    },
    async (request) =>
      flows.decide(
        platform,
        actorOf(request),
        request.params.id,
        request.params.consultationId,
        request.body,
        request.idempotency,
      ),
  );
}
