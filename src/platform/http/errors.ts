import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isResponseSerializationError } from 'fastify-type-provider-zod';
import { IdempotencyMismatch, IdempotentReplay } from '../db/write.js';
import { DomainError } from '../errors.js';
import { sendReplay } from './idempotency.js';

export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

function body(code: string, message: string, field?: string): ErrorBody {
  return { error: field ? { code, message, field } : { code, message } };
}

const FASTIFY_CLIENT_ERRORS: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [
    413,
    'payload-too-large',
    'the request body is larger than this server accepts',
  ],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported-media-type', 'send the body as application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'invalid', 'the Content-Length header does not match the body'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid', 'the JSON body is empty'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid', 'the body is not valid JSON'],
};

/** Maps every failure to the contract's `{error:{code,message,field?}}`; only genuine faults become 500. */
export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof IdempotentReplay) return sendReplay(reply, error);
  if (error instanceof IdempotencyMismatch) {
    return reply
      .code(409)
      .send(
        body(
          'idempotency-key-reused',
          'this Idempotency-Key was already used with a different body',
          'Idempotency-Key',
        ),
      );
  }
  if (error instanceof DomainError) {
    return reply.code(error.status).send(body(error.code, error.message, error.field));
  }
  const fe = error as FastifyError;
  const known = fe.code ? FASTIFY_CLIENT_ERRORS[fe.code] : undefined;
  if (known) return reply.code(known[0]).send(body(known[1], known[2]));
  if (error instanceof SyntaxError && (fe.statusCode ?? 0) === 400) {
    return reply.code(400).send(body('invalid', `the body is not valid JSON: ${error.message}`));
  }
  if (!isResponseSerializationError(error) && fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code =
      fe.statusCode === 429 ? 'too-many-requests' : fe.statusCode === 404 ? 'not-found' : 'invalid';
    return reply.code(fe.statusCode).send(body(code, fe.message));
  }
  request.log.error({ err: error }, 'request failed');
  return reply.code(500).send(body('internal', 'something went wrong on the server; it has been logged'));
}
