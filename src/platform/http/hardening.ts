import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { formatPath, Invalid } from '../errors.js';
import type { App } from './app.js';

/**
 * Bad input stops at the edge with a 400 naming the field, before it can reach a database or a recursive walk:
 * PostgreSQL refuses NUL characters in text, and hashing or storing a value nested thousands deep would exhaust
 * the stack. Errors raised below the routes (the router, Node's HTTP parser) get the same documented shape.
 */

/** Deeper than any body a client of this API sends; checked without recursion, so any depth is safe to reject. */
export const MAX_JSON_DEPTH = 64;

/** Longest path parameter the router matches; a longer one is answered 414. */
export const MAX_PARAM_LENGTH = 100;

function errorJson(code: string, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

/** A problem found in a parsed value: where it is, and what is wrong with it. */
interface Problem {
  path: Array<string | number>;
  message: string;
}

/**
 * Walks a parsed JSON value with an explicit stack, so a hostile depth costs memory bounded by the body limit,
 * never the call stack. Reports the first NUL character in a string or key, or the first level past the limit.
 */
export function findBadValue(value: unknown, maxDepth = MAX_JSON_DEPTH): Problem | undefined {
  interface Frame {
    value: unknown;
    key: string | number | undefined;
    parent: Frame | undefined;
    depth: number;
  }
  // Paths are rebuilt from parent links only for the one problem reported, so wide bodies cost no copying.
  const pathOf = (frame: Frame): Array<string | number> => {
    const path: Array<string | number> = [];
    for (let f: Frame | undefined = frame; f?.key !== undefined; f = f.parent) path.unshift(f.key);
    return path;
  };
  const stack: Frame[] = [{ value, key: undefined, parent: undefined, depth: 0 }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const current = frame.value;
    if (typeof current === 'string') {
      if (current.includes('\u0000'))
        return { path: pathOf(frame), message: 'must not contain NUL characters (\\u0000)' };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (frame.depth >= maxDepth)
      return { path: pathOf(frame), message: `nested deeper than ${maxDepth} levels` };
    const depth = frame.depth + 1;
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--)
        stack.push({ value: current[i], key: i, parent: frame, depth });
      continue;
    }
    const keys = Object.keys(current);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      if (key.includes('\u0000'))
        return { path: pathOf(frame), message: 'property names must not contain NUL characters (\\u0000)' };
      stack.push({ value: (current as Record<string, unknown>)[key], key, parent: frame, depth });
    }
  }
  return undefined;
}

function invalidAt(problem: Problem): Invalid {
  const field = formatPath(problem.path);
  return new Invalid(field ? `${field}: ${problem.message}` : problem.message, field || undefined);
}

const ROUTER_ERRORS: Record<string, [number, string, string]> = {
  FST_ERR_BAD_URL: [400, 'invalid', 'the request path is not a valid URL (check its percent-encoding)'],
  FST_ERR_MAX_PARAM_LENGTH: [
    414,
    'uri-too-long',
    `a path segment is longer than ${MAX_PARAM_LENGTH} characters`,
  ],
};

/** Answers a URL the router cannot decode or match (a segment too long to be a parameter) in the documented shape. */
function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const [status, code, message] = ROUTER_ERRORS[error.code] ?? [
    400,
    'invalid',
    'the request could not be routed',
  ];
  reply.code(status).type('application/json; charset=utf-8').send(errorJson(code, message));
}

const CLIENT_ERROR_STATUS: Record<string, [number, string, string, string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'Request Header Fields Too Large',
    'headers-too-large',
    'the request line or headers are too large',
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [
    408,
    'Request Timeout',
    'request-timeout',
    'the request took too long to arrive',
  ],
};

/** Node's answer to a request it cannot even parse, in the documented error shape instead of an empty body. */
function clientErrorHandler(error: Error & { code?: string }, socket: Socket) {
  // A connection reset by the client has nobody left to answer.
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, code, message] = CLIENT_ERROR_STATUS[error.code ?? ''] ?? [
    400,
    'Bad Request',
    'invalid',
    'the request is not valid HTTP',
  ];
  const body = errorJson(code, message);
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Options for the Fastify factory: the router's and the HTTP parser's errors in the documented shape. */
export const hardeningOptions = {
  routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
  frameworkErrors,
  clientErrorHandler: clientErrorHandler as (error: Error, socket: Socket) => void,
} satisfies Partial<FastifyServerOptions>;

/** Hooks that reject NUL characters and hostile nesting before anything else reads them. */
export function registerHardening(app: App): void {
  app.addHook('onRequest', async (request) => {
    const params = findBadValue(request.params);
    if (params) throw invalidAt(params);
    const query = findBadValue(request.query);
    if (query) throw invalidAt(query);
  });
  app.addHook('preValidation', async (request) => {
    // Files arrive as raw bytes (a Buffer): they are data, not JSON, and are stored as they are.
    if (Buffer.isBuffer(request.body)) return;
    const body = findBadValue(request.body);
    if (body) throw invalidAt(body);
  });
}
