import { z } from 'zod';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import * as flows from './flows.js';
import {
  DecisionRequest,
  DraftRequest,
  EmbargoRequest,
  PublicationRequest,
  PublicMessagesView,
  VersionRequest,
} from './model.js';

const IncidentParams = z.object({ id: z.string().min(1).max(100) });
const MessageParams = IncidentParams.extend({ mid: z.string().min(1).max(100) });
const TAGS = ['public communication'];
const CLEAR_ONLY =
  'A public message is TLP:CLEAR: any other `marking` is refused with 400 naming `marking`. Nothing is published ' +
  'nationally or exported before `embargoUntil`.';

export function commsRoutes(app: App, platform: Platform) {
  const base = '/api/incidents/:id/public-messages';

  app.get(
    base,
    {
      schema: {
        tags: TAGS,
        summary: 'The incident’s lines to take, each version with every organisation’s status',
        params: IncidentParams,
        response: { 200: PublicMessagesView },
      },
    },
    async (request) => flows.listPublicMessages(platform, actorOf(request), request.params.id),
  );

  app.post(
    base,
    {
      config: { successStatus: 201 },
      schema: {
        tags: TAGS,
        summary:
          'Draft a line to take (ERCC or an affected state), in English and at least one other language',
        description: CLEAR_ONLY,
        params: IncidentParams,
        body: DraftRequest,
        response: { 201: PublicMessagesView },
      },
    },
    async (request) =>
      flows.draftPublicMessage(
        platform,
        actorOf(request),
        request.params.id,
        request.body,
        request.idempotency,
      ),
  );

  app.post(
    `${base}/:mid/versions`,
    {
      config: { successStatus: 201 },
      schema: {
        tags: TAGS,
        summary: 'Update or cancel an approved line (the drafter): a new version that needs approval again',
        description: CLEAR_ONLY,
        params: MessageParams,
        body: VersionRequest,
        response: { 201: PublicMessagesView },
      },
    },
    async (request) =>
      flows.reviseMessage(
        platform,
        actorOf(request),
        request.params.id,
        request.params.mid,
        request.body,
        request.idempotency,
      ),
  );

  app.post(
    `${base}/:mid/decisions`,
    {
      schema: {
        tags: TAGS,
        summary: 'Approve, reject (with a reason) or adapt the current version, for your organisation',
        description: 'Approving names `languages`: English and one of your state’s official languages.',
        params: MessageParams,
        body: DecisionRequest,
        response: { 200: PublicMessagesView },
      },
    },
    async (request) =>
      flows.decideOnMessage(
        platform,
        actorOf(request),
        request.params.id,
        request.params.mid,
        request.body,
        request.idempotency,
      ),
  );

  app.post(
    `${base}/:mid/publications`,
    {
      schema: {
        tags: TAGS,
        summary:
          'Record that your state published the line nationally, with its link (409 before the embargo)',
        params: MessageParams,
        body: PublicationRequest,
        response: { 200: PublicMessagesView },
      },
    },
    async (request) =>
      flows.recordPublication(
        platform,
        actorOf(request),
        request.params.id,
        request.params.mid,
        request.body,
        request.idempotency,
      ),
  );

  app.put(
    `${base}/:mid/embargo`,
    {
      schema: {
        tags: TAGS,
        summary: 'Move the embargo of the current version (the drafter, while it holds)',
        params: MessageParams,
        body: EmbargoRequest,
        response: { 200: PublicMessagesView },
      },
    },
    async (request) =>
      flows.moveEmbargo(
        platform,
        actorOf(request),
        request.params.id,
        request.params.mid,
        request.body,
        request.idempotency,
      ),
  );

  app.get(
    `${base}/:mid/cap`,
    {
      schema: {
        tags: TAGS,
        summary: 'The latest approved version as an OASIS CAP 1.2 alert (409 before approval or the embargo)',
        params: MessageParams,
        produces: ['application/cap+xml'],
      },
    },
    async (request, reply) => {
      const xml = await flows.capOf(platform, actorOf(request), request.params.id, request.params.mid);
      return reply.header('content-type', 'application/cap+xml; charset=utf-8').send(xml);
    },
  );
}
