import type { FastifyRequest } from 'fastify';
import type { Actor } from '../actor.js';
import { Unauthenticated } from '../errors.js';

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Unauthenticated();
  return request.actor;
}

export function clientAddress(request: FastifyRequest): string {
  return request.ip ?? 'unknown';
}
