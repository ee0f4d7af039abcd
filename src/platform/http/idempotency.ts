import { createHash, webcrypto } from 'node:crypto';
import type { FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import type { Platform } from '../context.js';
import {
  answerFor,
  findStoredKey,
  type IdempotencyScope,
  IdempotentReplay,
  recordSentResponse,
  recordUnpairedResponse,
  runWithIdempotency,
} from '../db/idempotency.js';
import { Invalid } from '../errors.js';
import type { App } from './app.js';

/**
 * `Idempotency-Key` on every write (CONTRACT, HTTP). The key is scoped to the caller, the method and the concrete
 * path; the request's fingerprint is a hash of its raw bytes. The check and the stored answer belong to the write's
 * own transaction: `inWrite` takes the request's scope from its asynchronous context, checks the key right after
 * the audit head's lock (which every write takes first, so simultaneous repeats queue behind the first, on every
 * instance) and stores the answer with the effects.
 */

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const MAX_KEY_LENGTH = 200;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route hands out a secret (token, second-factor set-up): a key is kept without the answer, a repeat is 409. */
    issuesSecret?: boolean;
  }
}

/** Digests of JSON bodies as they arrived, taken by the parser before the text is parsed and dropped. */
const rawDigests = new WeakMap<FastifyRequest, Buffer>();

export interface IdempotencyOptions {
  /**
   * Parses a JSON body's text once its digest is taken; input hardening can pass its own here. By default the
   * framework's parser, which also refuses prototype poisoning and empty bodies as before.
   */
  parseJson?: (request: FastifyRequest, text: string) => unknown;
}

/**
 * What a request asks for, as a hash: the query string (uploads take their name, marking and audience from it,
 * so two uploads differing only there are different requests, and a reused key must be refused, not scoped
 * apart), the type of a raw body (it becomes the file's type) and the digest of the body's bytes.
 */
export function fingerprintOf(parts: { query: string; contentType: string; bodyDigest: Buffer }): string {
  return createHash('sha256')
    .update(parts.query)
    .update('\u0000')
    .update(parts.contentType)
    .update('\u0000')
    .update(parts.bodyDigest)
    .digest('hex');
}

/** Raw bodies (files, up to the attachment limit) are hashed off the event loop, in one pass over the bytes. */
async function digestOfBytes(bytes: Buffer): Promise<Buffer> {
  return Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes));
}

function digestOfText(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

async function bodyFingerprint(request: FastifyRequest): Promise<string> {
  const url = request.url;
  const q = url.indexOf('?');
  const query = q === -1 ? '' : url.slice(q + 1);
  const body = request.body;
  if (Buffer.isBuffer(body)) {
    const contentType = request.headers['content-type'] ?? '';
    return fingerprintOf({ query, contentType, bodyDigest: await digestOfBytes(body) });
  }
  // A JSON body's digest was taken over its text by the parser below; a request without a body has none.
  const bodyDigest =
    rawDigests.get(request) ?? digestOfText(body === undefined ? '' : (JSON.stringify(body) ?? ''));
  return fingerprintOf({ query, contentType: '', bodyDigest });
}

/**
 * The caller is the actor's id: a user, whether through a session or an API token (which acts as its user), or a
 * wall screen, whose display token is a principal of its own (`display:<id>`).
 */
function keyHashOf(principal: string, method: string, path: string, key: string): string {
  return createHash('sha256').update([principal, method, path, key].join('\n')).digest('hex');
}

/** The first answer again, marked as a replay: the bytes sent when they are stored, else the stored result. */
export function sendReplay(reply: FastifyReply, replay: IdempotentReplay): FastifyReply {
  reply.code(replay.status).header('idempotent-replay', 'true');
  if (replay.sent) {
    if (replay.sent.payload === '') return reply.send();
    return reply.type(replay.sent.contentType ?? 'application/json; charset=utf-8').send(replay.sent.payload);
  }
  return replay.response === undefined ? reply.send() : reply.send(replay.response);
}

function sentPayload(payload: unknown): string | undefined {
  if (payload === undefined || payload === null) return '';
  if (typeof payload === 'string') return payload;
  if (Buffer.isBuffer(payload)) return payload.toString('utf8');
  return undefined; // a stream: no write route answers with one
}

export function installIdempotency(app: App, platform: Platform, options: IdempotencyOptions = {}): void {
  const defaultJson = app.getDefaultJsonParser(
    app.initialConfig.onProtoPoisoning ?? 'error',
    app.initialConfig.onConstructorPoisoning ?? 'error',
  );
  const parseJson =
    options.parseJson ??
    ((request: FastifyRequest, text: string) =>
      new Promise<unknown>((resolve, reject) => {
        defaultJson(request, text, (error, value) => (error ? reject(error) : resolve(value)));
      }));
  // The body's text is kept just long enough to hash it: a retry sends the same bytes, whatever their depth.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    async (request: FastifyRequest, text: string | Buffer) => {
      const raw = typeof text === 'string' ? text : text.toString('utf8');
      rawDigests.set(request, digestOfText(raw));
      return parseJson(request, raw);
    },
  );

  // Every handler runs inside its request's scope, so the first `inWrite` of any flow finds it. The scope is made
  // in the preHandler below and entered here, around the handler alone: entering it from inside a hook would
  // attach it to whatever asynchronous resource runs that hook, which can outlive the request (a kept-alive
  // connection), and a later request could find it.
  app.addHook('onRoute', (route) => {
    const handler = route.handler as (...args: Parameters<RouteHandlerMethod>) => unknown;
    route.handler = function (this: unknown, request: FastifyRequest, reply: FastifyReply) {
      const scope = request.idempotency;
      if (!scope) return handler.call(this, request, reply);
      return (async () => {
        try {
          return await runWithIdempotency(scope, () => handler.call(this, request, reply));
        } catch (error) {
          if (error instanceof IdempotentReplay) return sendReplay(reply, error);
          throw error;
        }
      })();
    } as RouteHandlerMethod;
  });

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    const routeConfig = request.routeOptions.config;
    // Without a session there is nobody to scope a key to (sign-in, password reset): it is ignored.
    if (
      !WRITE_METHODS.has(request.method) ||
      key === undefined ||
      routeConfig.noIdempotency ||
      !request.actor
    )
      return;
    if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH)
      throw new Invalid(`Idempotency-Key must be 1 to ${MAX_KEY_LENGTH} characters`, 'Idempotency-Key');
    // The concrete path with its ids: a key reused on another entry is another request, never its replay.
    const path = request.url.split('?', 1)[0] ?? '';
    const scope: IdempotencyScope = {
      keyHash: keyHashOf(request.actor.userId, request.method, path, key),
      bodyHash: await bodyFingerprint(request),
      declaredStatus: routeConfig.successStatus,
      method: request.method,
      path,
      issuesSecret: routeConfig.issuesSecret === true,
      state: 'open',
    };
    request.idempotency = scope;
    // A repeat of a request already answered is answered at once, before the flow reads anything. This read is
    // only a shortcut: the decision that counts is taken again inside the transaction, under the lock.
    const stored = await findStoredKey(platform.db.kysely, scope.keyHash);
    if (!stored) return;
    const answer = answerFor(stored, scope.bodyHash);
    if (answer instanceof IdempotentReplay) return sendReplay(reply, answer);
    throw answer;
  });

  /*
   * The transaction stores the operation's result, because only there is the key atomic with the effects; but the
   * client receives that result after the route's serialiser (and, for some routes, a different status). Once the
   * answer is sent, the row is brought to exactly those bytes and status, so later repeats get what the first
   * caller got. A repeat that arrives between the commit and this update gets the stored result through the same
   * serialiser, the same body in practice. An answer of 300 or more leaves the row alone: when a route fails after
   * its write committed, the effect exists and a repeat should learn of it, not of the failure.
   */
  app.addHook('onSend', async (request, reply, payload) => {
    const scope = request.idempotency;
    if (!scope || reply.statusCode >= 300 || reply.getHeader('idempotent-replay')) return payload;
    const text = sentPayload(payload);
    if (text === undefined) return payload;
    const contentType = reply.getHeader('content-type');
    const sent = {
      status: reply.statusCode,
      payload: text,
      contentType: typeof contentType === 'string' ? contentType : null,
    };
    if (scope.state === 'stored') {
      // The write has committed: failing to keep the exact bytes leaves its stored result, never an error for it.
      if (!scope.issuesSecret)
        await recordSentResponse(platform.db.kysely, scope, sent).catch((err: unknown) =>
          request.log.warn({ err }, 'the answer sent could not be kept for repeats of this Idempotency-Key'),
        );
    } else if (scope.state === 'open') {
      // The route wrote nothing through `inWrite` (e.g. a wall screen signing out only forgets its cookie).
      await recordUnpairedResponse(platform.db.kysely, scope, sent, platform.clock.now().toISOString());
    }
    return payload;
  });

  // Once answered, the key is spent for this request: work it left running (a timer, a loop it started) may
  // still carry its context, and must never store its own result under the request's key.
  app.addHook('onResponse', async (request) => {
    if (request.idempotency) request.idempotency.state = 'stored';
  });
}
