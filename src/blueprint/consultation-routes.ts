import { z } from 'zod';
import { Incident } from '../incidents/model.js';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import * as flows from './consultation-flows.js';
import { Proposal } from './model.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });
const ConsultationParams = IdParams.extend({ consultationId: z.string().min(1).max(64) });
const created = { config: { successStatus: 201 } } as const;
const answer = { 201: Incident };
const tags = ['blueprint'];

const DateTimeWithZone = z.iso.datetime({
  offset: true,
  error: 'must be an ISO 8601 date-time with zone offset',
});
const OptionalText = z.strictObject({ text: z.string().trim().max(20_000).optional() });
const RequiredText = (missing: string) =>
  z.strictObject({ text: z.string().trim().min(1, missing).max(20_000) });

/** The Presidency's consultation on Union-level coordination (T3), a silence procedure (BLUEPRINT.md §2). */
export function consultationRoutes(app: App, platform: Platform) {
  app.post(
    '/api/incidents/:id/consultation-requests',
    {
      ...created,
      schema: {
        tags,
        summary:
          'An affected member state asks the Presidency to open a consultation (status decision-required, none open); the Presidency is alerted. The reason is shared with every participating organisation.',
        params: IdParams,
        body: RequiredText('say why a consultation is needed'),
        response: answer,
      },
    },
    async (request) =>
      flows.requestConsultation(
        platform,
        actorOf(request),
        request.params.id,
        request.body,
        request.idempotency,
      ),
  );

  app.post(
    '/api/incidents/:id/consultations',
    {
      ...created,
      schema: {
        tags,
        summary:
          'The Presidency opens a silence procedure: its proposal (coordinate or not), a deadline and the minimum time a state consulted later gets (minutes, default 120). Status must be decision-required.',
        params: IdParams,
        body: z.strictObject({
          proposal: Proposal,
          deadline: DateTimeWithZone,
          lateJoinerMinimumMinutes: z
            .number()
            .int('must be whole minutes')
            .min(0)
            .max(14 * 24 * 60)
            .optional(),
          text: z.string().trim().max(20_000).optional(),
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
    '/api/incidents/:id/consultations/:consultationId/objections',
    {
      ...created,
      schema: {
        tags,
        summary: 'A consulted state objects, with its reason, before its own deadline',
        params: ConsultationParams,
        body: z.strictObject({
          reason: z.string().trim().min(1, 'an objection must give its reason').max(20_000),
        }),
        response: answer,
      },
    },
    async (request) =>
      flows.object(
        platform,
        actorOf(request),
        request.params.id,
        request.params.consultationId,
        request.body,
        request.idempotency,
      ),
  );

  app.post(
    '/api/incidents/:id/consultations/:consultationId/objection-withdrawal',
    {
      ...created,
      schema: {
        tags,
        summary: 'A state withdraws its objection before its own deadline',
        params: ConsultationParams,
        body: OptionalText,
        response: answer,
      },
    },
    async (request) =>
      flows.withdrawObjection(
        platform,
        actorOf(request),
        request.params.id,
        request.params.consultationId,
        request.body,
        request.idempotency,
      ),
  );

  app.post(
    '/api/incidents/:id/consultations/:consultationId/consent',
    {
      ...created,
      schema: {
        tags,
        summary:
          'A consulted state consents before its own deadline (silence is consent too; answering lets the Presidency conclude early)',
        params: ConsultationParams,
        body: OptionalText,
        response: answer,
      },
    },
    async (request) =>
      flows.consent(
        platform,
        actorOf(request),
        request.params.id,
        request.params.consultationId,
        request.body,
        request.idempotency,
      ),
  );

  app.post(
    '/api/incidents/:id/consultations/:consultationId/views',
    {
      ...created,
      schema: {
        tags,
        summary: 'Any participating organisation adds its view to an open consultation',
        params: ConsultationParams,
        body: RequiredText('must not be empty'),
        response: answer,
      },
    },
    async (request) =>
      flows.addView(
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
        tags,
        summary: "The Commission's advice (ERCC)",
        params: ConsultationParams,
        body: RequiredText('must not be empty'),
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
    '/api/incidents/:id/consultations/:consultationId/conclusion',
    {
      ...created,
      schema: {
        tags,
        summary:
          'The Presidency concludes early once every consulted state has answered: agreed when it proposed to coordinate and no objection stands (409 answers-awaited otherwise)',
        params: ConsultationParams,
        body: OptionalText,
        response: answer,
      },
    },
    async (request) =>
      flows.endEarly(
        platform,
        actorOf(request),
        request.params.id,
        request.params.consultationId,
        { reason: 'all-answered', text: request.body.text },
        request.idempotency,
      ),
  );

  app.post(
    '/api/incidents/:id/consultations/:consultationId/decline',
    {
      ...created,
      schema: {
        tags,
        summary: 'The Presidency closes an open consultation early to decline coordination, with its reason',
        params: ConsultationParams,
        body: RequiredText('say why the Presidency declines'),
        response: answer,
      },
    },
    async (request) =>
      flows.endEarly(
        platform,
        actorOf(request),
        request.params.id,
        request.params.consultationId,
        { reason: 'declined', text: request.body.text },
        request.idempotency,
      ),
  );
}
