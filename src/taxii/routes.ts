import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { assertSecondFactorSatisfied, authenticate } from '../accounts/flows.js';
import { STIX_MEDIA_TYPE } from '../interchange/stix-export-model.js';
import type { Platform } from '../platform/context.js';
import { DomainError } from '../platform/errors.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import { languageOfAcceptLanguage } from '../platform/language.js';
import { isAllowed } from '../sharing/policy.js';
import { pullOverTaxii } from '../sharing/stix.js';
import { collectionFor, collectionObjects, collectionsFor } from './flows.js';
import { API_ROOT, type Page, TAXII_MEDIA_TYPE, TaxiiError, type TaxiiErrorBody } from './model.js';
import { acceptsTaxii, objectQueryOf, pageOf } from './rules.js';

const CollectionParams = z.object({ collectionId: z.string().min(1).max(100) });
const ObjectParams = CollectionParams.extend({ objectId: z.string().min(1).max(300) });
const hidden = { hide: true } as const;

/** TAXII's media type goes out exactly as TAXII writes it: as bytes, so Fastify adds no charset to it. */
function sendTaxii(reply: FastifyReply, status: number, body: unknown) {
  return reply
    .code(status)
    .header('content-type', TAXII_MEDIA_TYPE)
    .send(Buffer.from(JSON.stringify(body), 'utf8'));
}

function sendError(reply: FastifyReply, status: number, title: string, description?: string) {
  const body: TaxiiErrorBody = {
    title,
    http_status: String(status),
    ...(description ? { description } : {}),
  };
  if (status === 401) reply.header('www-authenticate', 'Bearer realm="blueprint"');
  return sendTaxii(reply, status, body);
}

function handleTaxiiError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof TaxiiError) return sendError(reply, error.status, error.title, error.description);
  if (error instanceof DomainError) return sendError(reply, error.status, error.code, error.message);
  const status = (error as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) return sendError(reply, status, 'Bad request', error.message);
  request.log.error({ err: error }, 'TAXII request failed');
  return sendError(reply, 500, 'Internal error', 'something went wrong on the server; it has been logged');
}

/** The date headers TAXII sends with every page of objects, manifests and versions. */
function withDateHeaders<T>(reply: FastifyReply, page: Page<T>) {
  if (page.dateAddedFirst) reply.header('x-taxii-date-added-first', page.dateAddedFirst);
  if (page.dateAddedLast) reply.header('x-taxii-date-added-last', page.dateAddedLast);
}

function envelope(page: Page<{ object: unknown }>) {
  return {
    more: page.more,
    ...(page.next ? { next: page.next } : {}),
    // TAXII lists hold one or more items: an empty page leaves the list out.
    ...(page.items.length > 0 ? { objects: page.items.map((i) => i.object) } : {}),
  };
}

/**
 * Who pulls: an API token (`Authorization: Bearer`), checked as on the API, as the person it acts for. Everything
 * under /taxii2/ needs one; the answer to a request without one never says whether a collection exists.
 */
async function authenticatePull(platform: Platform, request: FastifyRequest) {
  if (!acceptsTaxii(request.headers.accept))
    throw new TaxiiError(406, 'Not acceptable', `this server answers in ${TAXII_MEDIA_TYPE}`);
  const header = request.headers.authorization;
  const bearer = header?.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : undefined;
  if (!bearer) throw new TaxiiError(401, 'Authentication required', 'send Authorization: Bearer <API token>');
  const who = await authenticate(platform, { bearer });
  if (!who) throw new TaxiiError(401, 'Invalid token', 'this API token is not valid or has been revoked');
  if (!isAllowed(pullOverTaxii, who.actor))
    throw new TaxiiError(403, 'API tokens only', 'TAXII collections are pulled with API tokens');
  assertSecondFactorSatisfied(who.me);
  request.actor = who.actor.language
    ? who.actor
    : { ...who.actor, language: languageOfAcceptLanguage(request.headers['accept-language']) };
}

async function taxiiPlugin(scope: App, platform: Platform) {
  scope.setErrorHandler(handleTaxiiError);
  scope.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, 'Not found', `no TAXII resource ${request.url.split('?')[0]}`),
  );
  // Bodies in TAXII's and STIX's media types reach the handlers, which refuse writes: every collection is read-only.
  scope.addContentTypeParser(
    ['application/taxii+json', 'application/stix+json'],
    { parseAs: 'string' },
    (_r, body, done) => done(null, body),
  );
  scope.addHook('onRequest', async (request) => authenticatePull(platform, request));

  const rootUrl = (request: FastifyRequest) => `${request.protocol}://${request.host}/taxii2/${API_ROOT}/`;

  scope.get('/', { schema: hidden }, async (request, reply) =>
    sendTaxii(reply, 200, {
      title: 'Blueprint',
      description: 'Incidents and sharing groups of the Blueprint platform, as STIX 2.1, read-only',
      default: rootUrl(request),
      api_roots: [rootUrl(request)],
    }),
  );
  scope.get(`/${API_ROOT}/`, { schema: hidden }, async (_request, reply) =>
    sendTaxii(reply, 200, {
      title: 'Blueprint',
      description: 'One collection per incident and one per sharing group, each as the token may see it',
      versions: [TAXII_MEDIA_TYPE],
      max_content_length: platform.config.BODY_LIMIT_BYTES,
    }),
  );
  scope.get(`/${API_ROOT}/status/:statusId/`, { schema: hidden }, async () => {
    // Nothing is ever added over TAXII here, so no status exists.
    throw new TaxiiError(404, 'Status not found', 'this server accepts no objects, so it keeps no status');
  });
  scope.get(`/${API_ROOT}/collections/`, { schema: hidden }, async (request, reply) => {
    const collections = await collectionsFor(platform, actorOf(request));
    return sendTaxii(reply, 200, collections.length > 0 ? { collections } : {});
  });
  scope.get(
    `/${API_ROOT}/collections/:collectionId/`,
    { schema: { ...hidden, params: CollectionParams } },
    async (request, reply) =>
      sendTaxii(reply, 200, await collectionFor(platform, actorOf(request), request.params.collectionId)),
  );
  scope.get(
    `/${API_ROOT}/collections/:collectionId/manifest/`,
    { schema: { ...hidden, params: CollectionParams } },
    async (request, reply) => {
      const query = objectQueryOf(request.query as Record<string, unknown>);
      const objects = await collectionObjects(platform, actorOf(request), request.params.collectionId);
      const page = pageOf(objects, query);
      withDateHeaders(reply, page);
      return sendTaxii(reply, 200, {
        more: page.more,
        ...(page.next ? { next: page.next } : {}),
        ...(page.items.length > 0
          ? {
              objects: page.items.map((i) => ({
                id: i.object.id,
                date_added: i.dateAdded,
                version: i.version,
                media_type: STIX_MEDIA_TYPE,
              })),
            }
          : {}),
      });
    },
  );
  scope.get(
    `/${API_ROOT}/collections/:collectionId/objects/`,
    { schema: { ...hidden, params: CollectionParams } },
    async (request, reply) => {
      const query = objectQueryOf(request.query as Record<string, unknown>);
      const objects = await collectionObjects(platform, actorOf(request), request.params.collectionId);
      const page = pageOf(objects, query);
      withDateHeaders(reply, page);
      return sendTaxii(reply, 200, envelope(page));
    },
  );
  scope.get(
    `/${API_ROOT}/collections/:collectionId/objects/:objectId/`,
    { schema: { ...hidden, params: ObjectParams } },
    async (request, reply) => {
      const query = objectQueryOf(request.query as Record<string, unknown>);
      const objects = await collectionObjects(platform, actorOf(request), request.params.collectionId);
      const page = pageOf(objects, { ...query, ids: [request.params.objectId] });
      if (page.items.length === 0 && !query.after)
        throw new TaxiiError(
          404,
          'Object not found',
          `no object ${request.params.objectId} in this collection`,
        );
      withDateHeaders(reply, page);
      return sendTaxii(reply, 200, envelope(page));
    },
  );
  scope.get(
    `/${API_ROOT}/collections/:collectionId/objects/:objectId/versions/`,
    { schema: { ...hidden, params: ObjectParams } },
    async (request, reply) => {
      const query = objectQueryOf(request.query as Record<string, unknown>);
      const objects = await collectionObjects(platform, actorOf(request), request.params.collectionId);
      const page = pageOf(objects, { ...query, ids: [request.params.objectId], versions: ['all'] });
      if (page.items.length === 0 && !query.after)
        throw new TaxiiError(
          404,
          'Object not found',
          `no object ${request.params.objectId} in this collection`,
        );
      withDateHeaders(reply, page);
      return sendTaxii(reply, 200, {
        more: page.more,
        ...(page.next ? { next: page.next } : {}),
        ...(page.items.length > 0 ? { versions: page.items.map((i) => i.version) } : {}),
      });
    },
  );
  const readOnly = async (request: FastifyRequest<{ Params: { collectionId: string } }>) => {
    await collectionFor(platform, actorOf(request), request.params.collectionId);
    throw new TaxiiError(
      403,
      'Read-only collection',
      'this server shares collections; it accepts no objects',
    );
  };
  scope.post(
    `/${API_ROOT}/collections/:collectionId/objects/`,
    { schema: { ...hidden, params: CollectionParams } },
    readOnly,
  );
  scope.delete(
    `/${API_ROOT}/collections/:collectionId/objects/:objectId/`,
    { schema: { ...hidden, params: ObjectParams } },
    readOnly,
  );
}

/** TAXII 2.1, read-only, under /taxii2/: its own media type, error format and authentication by API token. */
export async function taxiiRoutes(app: App, platform: Platform): Promise<void> {
  await app.register(async (scope) => taxiiPlugin(scope as App, platform), { prefix: '/taxii2' });
}
