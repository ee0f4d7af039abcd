import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { RouteOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from './app.js';

/**
 * The OpenAPI document says exactly what each route answers: its success with its real status and media type,
 * and every error status it can give, each with the one error schema. Routes declare only what is theirs
 * (`config.successStatus`, `config.public`, and `consumes`/`produces` for bodies that are not JSON); the
 * statuses every route shares are added here, from how the platform treats a request.
 */

/** The body of every error answer: `{"error":{"code","message","field"?}}`. */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().describe('Stable, machine-readable reason, e.g. `invalid`, `not-found`, `locked`'),
      message: z.string().describe('One line for people, naming the field when there is one'),
      field: z.string().optional().describe('The offending field by its path, e.g. `impacts[0].level`'),
    }),
  })
  .meta({ id: 'Error', description: 'An error' });

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'The request is not valid (the field is named)',
  401: 'Not signed in, or the credentials are not valid',
  403: 'Not allowed for the caller, or sent from a foreign origin',
  404: 'No such resource, or one the caller may not see',
  409: 'Conflicts with the current state, or an Idempotency-Key reused with another body',
  413: 'The body is larger than the server accepts',
  414: 'A path segment is longer than the server accepts',
  415: 'The body is not of a media type this route accepts',
  429: 'Too many requests; try again later',
};

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The error statuses a route can answer, from what every request to it passes through. */
export function errorStatusesOf(route: Pick<RouteOptions, 'method' | 'url' | 'config' | 'schema'>): number[] {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const writes = methods.some((m) => WRITE_METHODS.has(m));
  const isPublic = route.config?.public === true;
  const hasParams = route.url.includes(':');
  // Validation, NUL characters and a foreign origin (400, 403), an invalid bearer token (401) and the rate
  // limits (429) apply everywhere; resources named in the path can be missing or too long (404, 414); a
  // session's writes can conflict or reuse an idempotency key (409); bodies can be too large or of a wrong type.
  const statuses = [400, 401, 403, 429];
  if (hasParams || !isPublic) statuses.push(404);
  if (hasParams) statuses.push(414);
  if (writes && !isPublic) statuses.push(409);
  if (writes) statuses.push(413, 415);
  return statuses.sort((a, b) => a - b);
}

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No content' };

type JsonSchema = Record<string, unknown>;

/** OpenAPI 3.0 lets `null` through a nullable enum only when the enum lists it. */
function includeNullInNullableEnums(schema: unknown): void {
  if (Array.isArray(schema)) {
    for (const item of schema) includeNullInNullableEnums(item);
    return;
  }
  if (schema === null || typeof schema !== 'object') return;
  const s = schema as JsonSchema;
  if (s.nullable === true && Array.isArray(s.enum) && !s.enum.includes(null)) s.enum = [...s.enum, null];
  for (const value of Object.values(s)) includeNullInNullableEnums(value);
}

type TransformInput = Parameters<typeof jsonSchemaTransform>[0] & { route: RouteOptions };

/** The zod transform, then what the route's config says about its success, body and audience. */
function documentRoute(input: TransformInput) {
  const { schema, url } = jsonSchemaTransform(input) as { schema: JsonSchema; url: string };
  if (schema.hide) return { schema, url };
  const config = input.route.config ?? {};
  const out: JsonSchema = { ...schema };
  if (config.public) out.security = [];

  const consumes = out.consumes as string[] | undefined;
  const produces = out.produces as string[] | undefined;
  // A body that is a file, not JSON: the route parses it itself as raw bytes.
  if (consumes && !out.body) out.body = { type: 'string', format: 'binary' };

  const response: Record<string, JsonSchema> = { ...((out.response as Record<string, JsonSchema>) ?? {}) };
  const success = config.successStatus ?? 200;
  if (!Object.keys(response).some((status) => status.startsWith('2'))) {
    if (success === 204) {
      response[204] = { type: 'null', description: STATUS_TEXT[204] };
    } else if (produces) {
      const binary = !produces.some((type) => type.startsWith('text/'));
      response[success] = {
        description: STATUS_TEXT[success] ?? 'Success',
        content: Object.fromEntries(
          produces.map((type) => [
            type,
            { schema: binary ? { type: 'string', format: 'binary' } : { type: 'string' } },
          ]),
        ),
      };
    }
  }
  for (const [status, value] of Object.entries(response)) {
    const code = Number(status);
    if (code >= 400 && ERROR_DESCRIPTIONS[code] && !('content' in value)) {
      response[status] = {
        description: ERROR_DESCRIPTIONS[code],
        content: { 'application/json': { schema: value } },
      };
    } else if (code >= 200 && code < 300 && !('content' in value) && value.type !== 'null') {
      // Successes are JSON unless the route `produces` another type (a STIX bundle): the schema then goes with it.
      response[status] = {
        description: STATUS_TEXT[code] ?? 'Success',
        content: Object.fromEntries(
          (produces ?? ['application/json']).map((type) => [type, { schema: value }]),
        ),
      };
    }
  }
  out.response = response;
  // `produces` would otherwise apply to every answer, errors included, which are always JSON.
  delete out.produces;
  for (const part of ['body', 'querystring', 'params', 'headers', 'response'])
    includeNullInNullableEnums(out[part]);
  return { schema: out, url };
}

function documentObject(input: Parameters<typeof jsonSchemaTransformObject>[0]) {
  const document = jsonSchemaTransformObject(input) as ReturnType<typeof jsonSchemaTransformObject> & {
    components?: { schemas?: JsonSchema };
  };
  const schemas: JsonSchema = document.components?.schemas ?? {};
  // Registered schemas come out once for input and once for output; keep those the document refers to.
  const referenced = JSON.stringify([document.paths, schemas]);
  for (const id of Object.keys(schemas)) {
    if (!referenced.includes(`"#/components/schemas/${id}"`)) delete schemas[id];
  }
  includeNullInNullableEnums(document.components);
  return document;
}

/**
 * Registers the document at GET /api/openapi.json (served by the health routes) and its viewer at /api/docs, and
 * declares the shared error answers on every API route, so responses are serialised by the same error schema.
 */
export async function registerOpenApi(app: App, options: { sessionCookie: string }): Promise<void> {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    route.schema ??= {};
    const schema = route.schema;
    if (schema.hide) return;
    const response: Record<string | number, unknown> = { ...((schema.response as object | undefined) ?? {}) };
    for (const status of errorStatusesOf(route)) response[status] ??= ErrorBody;
    schema.response = response;
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Blueprint API',
        version: '0.1.0',
        description:
          'Coordinating the Union-level response to disruptions of critical infrastructure with significant cross-border relevance. Authenticate with the session cookie from POST /api/auth/login or with `Authorization: Bearer <token>`. Errors are `{"error":{"code","message","field"?}}`, with the statuses each operation lists; a request whose headers exceed the size limit gets 431 in the same shape. Every POST, PUT, PATCH and DELETE accepts an `Idempotency-Key` header.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: options.sessionCookie },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: documentRoute as typeof jsonSchemaTransform,
    transformObject: documentObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
}
