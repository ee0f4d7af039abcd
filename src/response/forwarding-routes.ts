import { z } from 'zod';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import { entryForwarding, forwardToMechanism, listForwards, previewForward } from './forwarding-flows.js';
import {
  EntryForwarding,
  Forward,
  ForwardPreview,
  ForwardRequest,
  IncidentForwards,
} from './forwarding-model.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });
const EntryParams = IdParams.extend({ entryId: z.string().min(1).max(64) });
const PreviewParams = EntryParams.extend({ mechanism: z.string().min(1).max(64) });

/** Report once: a member state's entry forwarded to an engaged mechanism in its form, within the entry's reach. */
export function forwardingRoutes(app: App, platform: Platform): void {
  app.get(
    '/api/incidents/:id/forwards',
    {
      schema: {
        tags: ['response'],
        summary: "The incident's forwards to EU mechanisms the reader may see, with the summaries that went",
        params: IdParams,
        response: { 200: IncidentForwards },
      },
    },
    async (request) => listForwards(platform, actorOf(request), request.params.id),
  );

  app.get(
    '/api/incidents/:id/entries/:entryId/forwarding',
    {
      schema: {
        tags: ['response'],
        summary:
          'Where the entry may be forwarded (engaged mechanisms whose receiving organisations may already see it) and where it went',
        description:
          'Only coordinators of the organisation that wrote the entry may forward it; `targets` is empty for anyone else.',
        params: EntryParams,
        response: { 200: EntryForwarding },
      },
    },
    async (request) => entryForwarding(platform, actorOf(request), request.params.id, request.params.entryId),
  );

  app.get(
    '/api/incidents/:id/entries/:entryId/forwarding/:mechanism',
    {
      schema: {
        tags: ['response'],
        summary: 'The summary a forward to this mechanism would send, in its form (text and structured data)',
        params: PreviewParams,
        response: { 200: ForwardPreview },
      },
    },
    async (request) =>
      previewForward(
        platform,
        actorOf(request),
        request.params.id,
        request.params.entryId,
        request.params.mechanism,
      ),
  );

  app.post(
    '/api/incidents/:id/entries/:entryId/forwards',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['response'],
        summary: "Forward a member state's entry to an engaged mechanism, once, without retyping it",
        description:
          'The forward is a `forwarded` entry with the entry’s marking and the prepared summary, for the author’s organisation and the organisations receiving for the mechanism only. 403 unless the caller coordinates for the entry’s author organisation; 409 `not-engaged`, `beyond-audience` (an organisation receiving for the mechanism may not see the entry), `red-not-forwarded`, `not-released-to-nato`, `no-presidency` or `already-forwarded`.',
        params: EntryParams,
        body: ForwardRequest,
        response: { 201: Forward },
      },
    },
    async (request) =>
      forwardToMechanism(
        platform,
        actorOf(request),
        request.params.id,
        request.params.entryId,
        request.body,
        request.idempotency,
      ),
  );
}
