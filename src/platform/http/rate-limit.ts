import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import type { Platform } from '../context.js';
import { TooMany } from '../errors.js';
import type { App } from './app.js';
import { clientAddress } from './request.js';

/** Open streams would count as one request for hours; health checks come from the operator's own probes. */
const EXEMPT_ROUTES = new Set(['/api/stream', '/api/health']);

/** Whom a request is counted against: its user (session or API token), its wall screen, else its address. */
function counted(request: FastifyRequest): string {
  return request.actor ? `principal:${request.actor.userId}` : `address:${clientAddress(request)}`;
}

/**
 * A general limit of API_RATE_LIMIT_PER_MINUTE requests per minute per caller (0 turns it off), answering 429 in
 * the contract's error shape with Retry-After. It runs as a route hook, after the authentication hook has named
 * the caller, and counts per instance (sign-in has its own shared limits in the database).
 */
export async function registerRateLimit(app: App, platform: Platform): Promise<void> {
  const max = platform.config.API_RATE_LIMIT_PER_MINUTE;
  if (max === 0) return;
  await app.register(rateLimit, {
    global: true,
    max,
    timeWindow: 60_000,
    hook: 'onRequest',
    keyGenerator: counted,
    // The public pages (/public/) answer anyone without an account, so they are counted per address too; TAXII
    // pulls (/taxii2/) authenticate after this hook, so they are counted per address as well.
    allowList: (request) =>
      !['/api/', '/public/', '/taxii2/'].some((prefix) => request.url.startsWith(prefix)) ||
      EXEMPT_ROUTES.has(request.routeOptions.url ?? ''),
    errorResponseBuilder: (_request, context) =>
      new TooMany(`too many requests: at most ${context.max} a minute; try again in ${context.after}`),
  });
}
