import { z } from 'zod';
import { Incident } from '../incidents/model.js';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import { recordCapacity, recordCerStep } from './flows.js';
import { CapacityRequest, CerStepRequest } from './model.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });

export function responseRoutes(app: App, platform: Platform): void {
  app.post(
    '/api/incidents/:id/cer-steps',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['incidents'],
        summary:
          'Record a CER Art. 15 step a member state took (Commission notified, or contact points informed)',
        description:
          '`cer-commission-notified`: the state’s competent authority notified the Commission of an incident affecting six or more member states (Art. 15(1), second subparagraph), naming them. `cer-spoc-informed`: its single point of contact informed those of the other affected states (Art. 15(3)). Recorded for information; the platform never counts a step as due.',
        params: IdParams,
        body: CerStepRequest,
        response: { 201: Incident },
      },
    },
    async (request) =>
      recordCerStep(platform, actorOf(request), request.params.id, request.body, request.idempotency),
  );

  app.post(
    '/api/incidents/:id/capacity',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['incidents'],
        summary: 'A member state says, for itself, whether its capacity to respond is overwhelmed',
        description:
          'Points the incident to the Union Civil Protection Mechanism while it stands; ERCC and the Presidency are notified. 409 `unchanged` when it already stands as said.',
        params: IdParams,
        body: CapacityRequest,
        response: { 201: Incident },
      },
    },
    async (request) =>
      recordCapacity(platform, actorOf(request), request.params.id, request.body, request.idempotency),
  );
}
