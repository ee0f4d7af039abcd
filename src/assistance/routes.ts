import { z } from 'zod';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import {
  assistanceBoard,
  exportEdxlRm,
  listAssistance,
  moveStep,
  offerAssistance,
  requestAssistance,
} from './flows.js';
import {
  AssistanceOffer,
  AssistanceRequest,
  IncidentAssistance,
  NewAssistanceOffer,
  NewAssistanceRequest,
  StepRequest,
} from './model.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });
const RequestParams = IdParams.extend({ requestId: z.string().min(1).max(64) });

export function assistanceRoutes(app: App, platform: Platform): void {
  app.get(
    '/api/incidents/:id/assistance',
    {
      schema: {
        tags: ['assistance'],
        summary:
          "The incident's requests for assistance, each with its offers ranked and the reason, and standing offers",
        params: IdParams,
        response: { 200: IncidentAssistance },
      },
    },
    async (request) => listAssistance(platform, actorOf(request), request.params.id),
  );

  app.post(
    '/api/incidents/:id/assistance/requests',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['assistance'],
        summary:
          'An affected member state requests assistance (also a formal UCPM request, with its CECIS reference)',
        params: IdParams,
        body: NewAssistanceRequest,
        response: { 201: AssistanceRequest },
      },
    },
    async (request) =>
      requestAssistance(platform, actorOf(request), request.params.id, request.body, request.idempotency),
  );

  app.post(
    '/api/incidents/:id/assistance/offers',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['assistance'],
        summary:
          'Offer assistance against a request, or a standing offer of capacity; ERCC relays UCPM third states',
        params: IdParams,
        body: NewAssistanceOffer,
        response: { 201: AssistanceOffer },
      },
    },
    async (request) =>
      offerAssistance(platform, actorOf(request), request.params.id, request.body, request.idempotency),
  );

  app.post(
    '/api/incidents/:id/assistance/requests/:requestId/steps',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['assistance'],
        summary:
          'Move an offer along: accepted (all or part), in transit, deployed, demobilised; ERCC may correct',
        params: RequestParams,
        body: StepRequest,
        response: { 201: AssistanceRequest },
      },
    },
    async (request) =>
      moveStep(
        platform,
        actorOf(request),
        request.params.id,
        request.params.requestId,
        request.body,
        request.idempotency,
      ),
  );

  app.get(
    '/api/incidents/:id/assistance/edxl-rm',
    {
      schema: {
        tags: ['assistance'],
        summary:
          "The incident's requests, offers and commitments as EDXL-RM 1.0 messages (TLP:CLEAR and TLP:GREEN only)",
        description:
          'RequestResource, ResponseToRequestResource and CommitResource documents the caller may see. EDXL-RM has no marking element: anything more restricted is left out (AMBER+STRICT and RED are never exported).',
        params: IdParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                kind: z.enum(['RequestResource', 'ResponseToRequestResource', 'CommitResource']),
                fileName: z.string(),
                xml: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({ items: await exportEdxlRm(platform, actorOf(request), request.params.id) }),
  );

  app.get(
    '/api/assistance/board',
    {
      schema: {
        tags: ['assistance'],
        summary: "ERCC's board: every open request for assistance across incidents",
        response: { 200: z.object({ items: z.array(AssistanceRequest) }) },
      },
    },
    async (request) => ({ items: await assistanceBoard(platform, actorOf(request)) }),
  );
}
