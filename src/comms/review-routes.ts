import { z } from 'zod';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import * as divergence from './divergence-flows.js';
import {
  DivergenceView,
  KeyFactRequest,
  NationalPublicationRequest,
  PublicationCorrectionRequest,
  WithdrawalRequest,
} from './divergence-model.js';
import { PublicMessagesView } from './model.js';
import * as review from './review-flows.js';
import { CommentRequest, ResolutionRequest, TranslationRequest } from './review-model.js';

const IncidentParams = z.object({ id: z.string().min(1).max(100) });
const MessageParams = IncidentParams.extend({ mid: z.string().min(1).max(100) });
const CommentParams = MessageParams.extend({ cid: z.string().min(1).max(100) });
const PublicationParams = IncidentParams.extend({ pid: z.string().min(1).max(100) });
const TAGS = ['public communication'];

/** Language versions and comments on a line to take, and the divergence view of what states published. */
export function commsReviewRoutes(app: App, platform: Platform) {
  const base = '/api/incidents/:id/public-messages/:mid';

  app.post(
    `${base}/translations`,
    {
      config: { successStatus: 201 },
      schema: {
        tags: TAGS,
        summary: 'Start a language version of the current version from another language',
        description:
          'The text is a draft translation, not approved, until a coordinator of a state whose official language ' +
          'it is approves the line naming that language; until then it is neither published nor exported. No ' +
          'translation service is called. 409 for a language the drafter wrote or a translation already approved.',
        params: MessageParams,
        body: TranslationRequest,
        response: { 201: PublicMessagesView },
      },
    },
    async (request) =>
      review.translateMessage(
        platform,
        actorOf(request),
        request.params.id,
        request.params.mid,
        request.body,
        request.idempotency,
      ),
  );

  app.post(
    `${base}/comments`,
    {
      config: { successStatus: 201 },
      schema: {
        tags: TAGS,
        summary: 'Comment on the current version, optionally on a passage of one language’s text',
        description: 'A comment is TLP:GREEN to the line’s audience: never on the public page or in CAP.',
        params: MessageParams,
        body: CommentRequest,
        response: { 201: PublicMessagesView },
      },
    },
    async (request) =>
      review.commentOnMessage(
        platform,
        actorOf(request),
        request.params.id,
        request.params.mid,
        request.body,
        request.idempotency,
      ),
  );

  app.put(
    `${base}/comments/:cid/resolution`,
    {
      schema: {
        tags: TAGS,
        summary: 'Mark a comment resolved or open again (its writer’s organisation or the line’s drafter)',
        params: CommentParams,
        body: ResolutionRequest,
        response: { 200: PublicMessagesView },
      },
    },
    async (request) =>
      review.resolveComment(
        platform,
        actorOf(request),
        request.params.id,
        request.params.mid,
        request.params.cid,
        request.body.resolved,
        request.idempotency,
      ),
  );

  app.get(
    '/api/incidents/:id/divergence',
    {
      schema: {
        tags: TAGS,
        summary: 'What each affected state published nationally, side by side, with contradictions flagged',
        params: IncidentParams,
        response: { 200: DivergenceView },
      },
    },
    async (request) => divergence.divergenceOf(platform, actorOf(request), request.params.id),
  );

  app.post(
    '/api/incidents/:id/national-publications',
    {
      config: { successStatus: 201 },
      schema: {
        tags: TAGS,
        summary: 'Record what a state published nationally: its text, its link or both, and when',
        description: 'A state records its own; ERCC names the affected `state`.',
        params: IncidentParams,
        body: NationalPublicationRequest,
        response: { 201: DivergenceView },
      },
    },
    async (request) =>
      divergence.recordNationalPublication(
        platform,
        actorOf(request),
        request.params.id,
        request.body,
        request.idempotency,
      ),
  );

  app.post(
    '/api/incidents/:id/national-publications/:pid/withdrawal',
    {
      schema: {
        tags: TAGS,
        summary: 'Withdraw a national publication recorded wrongly, saying why',
        description:
          'Only coordinators of the organisation that recorded it (403 otherwise). It leaves the divergence view ' +
          "with its marks; a line's publication no longer counts as published. 409 `withdrawn` when it already is.",
        params: PublicationParams,
        body: WithdrawalRequest,
        response: { 200: DivergenceView },
      },
    },
    async (request) =>
      divergence.withdrawNationalPublication(
        platform,
        actorOf(request),
        request.params.id,
        request.params.pid,
        request.body,
        request.idempotency,
      ),
  );

  app.post(
    '/api/incidents/:id/national-publications/:pid/correction',
    {
      schema: {
        tags: TAGS,
        summary: 'Correct the link or text of a national publication, saying what was wrong',
        description:
          'Only coordinators of the organisation that recorded it (403 otherwise); a part left out stays as ' +
          "recorded. A line's publication has only its link corrected (400 naming `text`). 409 `withdrawn`.",
        params: PublicationParams,
        body: PublicationCorrectionRequest,
        response: { 200: DivergenceView },
      },
    },
    async (request) =>
      divergence.correctNationalPublication(
        platform,
        actorOf(request),
        request.params.id,
        request.params.pid,
        request.body,
        request.idempotency,
      ),
  );

  app.post(
    '/api/incidents/:id/divergence/marks',
    {
      schema: {
        tags: TAGS,
        summary: 'Mark what a national publication says on a key fact (cause, restoration, safety advice)',
        description: 'An empty `value` takes the mark away. States whose current values differ are flagged.',
        params: IncidentParams,
        body: KeyFactRequest,
        response: { 200: DivergenceView },
      },
    },
    async (request) =>
      divergence.markKeyFact(
        platform,
        actorOf(request),
        request.params.id,
        request.body,
        request.idempotency,
      ),
  );
}
