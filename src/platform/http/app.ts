import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Actor } from '../actor.js';
import type { Platform } from '../context.js';
import type { IdempotencyScope } from '../db/write.js';
import { Forbidden, invalidFromZod, Unauthenticated } from '../errors.js';
import { languageOfAcceptLanguage } from '../language.js';
import { handleError } from './errors.js';
import { hardeningOptions, registerHardening } from './hardening.js';
import { installIdempotency } from './idempotency.js';
import { registerOpenApi } from './openapi.js';
import { registerRateLimit } from './rate-limit.js';
import { securityHeaders } from './security-headers.js';

/**
 * The signed-in caller's profile as the accounts module presents it (its `Me`). The platform hands it from the
 * authenticator to the request and never reads it; src/accounts/model.ts declares its fields by merging into this
 * interface, so the platform names no domain type.
 */
// biome-ignore lint/suspicious/noEmptyInterface: the accounts module declares its fields
export interface CallerProfile {}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    me: CallerProfile | null;
    idempotency: IdempotencyScope | undefined;
  }
  interface FastifyInstance {
    /**
     * Who a request's credentials name right now, and for a session when it ends unless used again. Streams
     * re-check this with `touch: false`: watching is not activity.
     */
    whoIs(request: FastifyRequest, options?: { touch?: boolean }): Promise<Authenticated | undefined>;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in. */
    public?: boolean;
    /** Reachable while an administrator still has to enrol a second factor. */
    duringEnrolment?: boolean;
    /** The status of a successful response: sent, and stored with an idempotency key. */
    successStatus?: number;
    /** Excluded from idempotency keys (sign-in must not replay a session). */
    noIdempotency?: boolean;
  }
}

export const DISPLAY_COOKIE = 'bp_display';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface Authenticated {
  actor: Actor;
  me: CallerProfile;
  sessionEnds?: string | undefined;
}

export interface Authenticator {
  authenticate(
    platform: Platform,
    credentials: { sessionSecret?: string | undefined; bearer?: string | undefined },
    options?: { touch?: boolean },
  ): Promise<Authenticated | undefined>;
  assertReady(me: CallerProfile): void;
  /** Refuses a caller the route is not for at all (a wall screen reaches only what it shows); `path` as declared. */
  assertReaches(actor: Actor, method: string, path: string): void;
  sessionCookie: string;
}

export interface AppOptions {
  platform: Platform;
  auth: Authenticator;
  routes: Array<(app: App, platform: Platform) => void | Promise<void>>;
  /** Folder of the built web app; omitted when there is none. */
  webRoot?: string | undefined;
}

export function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('project root not found');
    dir = parent;
  }
  return dir;
}

export function defaultWebRoot(): string | undefined {
  const dir = path.join(projectRoot(), 'dist', 'web');
  return fs.existsSync(path.join(dir, 'index.html')) ? dir : undefined;
}

function sameOrigin(request: FastifyRequest, origin: string, allowed: readonly string[]): boolean {
  if (allowed.includes(origin)) return true;
  try {
    const o = new URL(origin);
    return o.host === request.host && `${o.protocol.replace(':', '')}` === request.protocol;
  } catch {
    return false;
  }
}

export async function buildApp(options: AppOptions): Promise<App> {
  const { platform, auth } = options;
  const { config } = platform;
  const app = Fastify({
    loggerInstance: platform.log as FastifyBaseLogger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    // Connections left open by streams must not hold up a graceful shutdown forever.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    ...hardeningOptions,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(({ schema }) => (data) => {
    const result = (schema as z.ZodType).safeParse(data);
    return result.success ? { value: result.data } : { error: invalidFromZod(result.error) };
  });
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  // JSON only: a text body would otherwise reach validation and get a less helpful 400.
  app.removeContentTypeParser('text/plain');

  const credentialsOf = (request: FastifyRequest) => {
    const header = request.headers.authorization;
    const bearer = header?.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : undefined;
    // A wall screen carries its display token in a cookie of its own; it is a bearer credential like any token.
    return {
      bearer: bearer ?? request.cookies[DISPLAY_COOKIE],
      sessionSecret: request.cookies[auth.sessionCookie],
    };
  };
  app.decorate('whoIs', (request: FastifyRequest, options?: { touch?: boolean }) =>
    auth.authenticate(platform, credentialsOf(request), options),
  );
  app.decorateRequest('actor', null);
  app.decorateRequest('me', null);
  app.decorateRequest('idempotency', undefined);

  const headers = securityHeaders({ strictTransportSecurity: config.TRUST_PROXY });
  // Set on the raw response, so that answers written past Fastify (the live stream) carry them too.
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
  await app.register(cookie);
  await registerOpenApi(app, { sessionCookie: auth.sessionCookie });
  registerHardening(app);

  // Browsers always send Origin on cross-site writes; scripts and national systems send none and are served.
  app.addHook('onRequest', async (request) => {
    const origin = request.headers.origin;
    if (origin && request.url.startsWith('/api/') && !sameOrigin(request, origin, config.ALLOWED_ORIGINS)) {
      throw new Forbidden(`requests from ${origin} are not accepted`, undefined, 'foreign-origin');
    }
  });

  // Authentication runs before the body is parsed or validated: without a session the answer is 401, whatever was sent.
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const routeConfig = request.routeOptions.config;
    const { bearer, sessionSecret } = credentialsOf(request);
    if (bearer || sessionSecret) {
      const who = await auth.authenticate(platform, { bearer, sessionSecret });
      if (who) {
        // Generated text is in the account's language, else the one the request's Accept-Language asks for.
        request.actor = who.actor.language
          ? who.actor
          : { ...who.actor, language: languageOfAcceptLanguage(request.headers['accept-language']) };
        request.me = who.me;
      } else if (bearer) {
        throw new Unauthenticated('this API token is not valid or has been revoked', 'invalid-token');
      }
    }
    if (routeConfig.public) return;
    if (!request.me) throw new Unauthenticated('sign in first', 'unauthenticated');
    if (!routeConfig.duringEnrolment) auth.assertReady(request.me);
    // Unknown paths still answer 404 from the not-found handler.
    if (request.actor && request.routeOptions.url)
      auth.assertReaches(request.actor, request.method, request.routeOptions.url);
  });

  app.addHook('preHandler', async (request, reply) => {
    const routeConfig = request.routeOptions.config;
    // A route declares its success status once; the handler just returns its result (errors set their own).
    if (routeConfig.successStatus) reply.code(routeConfig.successStatus);
  });

  installIdempotency(app, platform);

  await registerRateLimit(app, platform);
  for (const register of options.routes) await register(app, platform);

  const webRoot = options.webRoot;
  if (webRoot) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || !webRoot || request.method !== 'GET') {
      return reply.code(404).send({
        error: { code: 'not-found', message: `no route ${request.method} ${request.url.split('?')[0]}` },
      });
    }
    // The web app routes on the client: any other page path gets its HTML.
    return reply.type('text/html').sendFile('index.html');
  });
  return app;
}
