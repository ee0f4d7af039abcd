import { z } from 'zod';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf, clientAddress } from '../platform/http/request.js';
import {
  PasswordResetAccepted,
  PasswordResetCompletion,
  PasswordResetRequest,
  RecoveryCodes,
  User,
} from './model.js';
import * as recovery from './recovery.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });

/** Ways back into an account (recovery.ts): open routes for the person locked out, and the administrators' tools. */
export function recoveryRoutes(app: App, platform: Platform) {
  // Open without a session, so an Idempotency-Key is ignored; the answer never says whether the address has an account.
  app.post(
    '/api/auth/password-reset/request',
    {
      config: { public: true, noIdempotency: true, successStatus: 202 },
      schema: {
        tags: ['accounts'],
        summary:
          'Ask for a link to set a new password; the same answer whether or not the address has an account',
        body: PasswordResetRequest,
        response: { 202: PasswordResetAccepted },
      },
    },
    async (request, reply) => {
      const accepted = await recovery.requestPasswordReset(platform, {
        email: request.body.email,
        language: request.body.language,
        address: clientAddress(request),
      });
      return reply.code(202).send(accepted);
    },
  );

  app.post(
    '/api/auth/password-reset/complete',
    {
      config: { public: true, noIdempotency: true, successStatus: 204 },
      schema: {
        tags: ['accounts'],
        summary:
          "Set a new password with a reset link's token (once); ends the user's sessions and tokens and lifts a lock",
        body: PasswordResetCompletion,
      },
    },
    async (request, reply) => {
      await recovery.completePasswordReset(platform, request.body);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/users/:id/unlock',
    {
      schema: {
        tags: ['accounts'],
        summary: "Lift a user's sign-in lock",
        params: IdParams,
        response: { 200: User },
      },
    },
    async (request) =>
      recovery.unlockUser(platform, actorOf(request), request.params.id, request.idempotency),
  );

  app.post(
    '/api/users/:id/password-reset',
    {
      config: { successStatus: 202 },
      schema: {
        tags: ['accounts'],
        summary: "E-mail a user a one-time link to set a new password (to the account's own address)",
        params: IdParams,
        response: { 202: z.object({ expiresAt: z.string() }) },
      },
    },
    async (request, reply) => {
      const sent = await recovery.sendPasswordReset(
        platform,
        actorOf(request),
        request.params.id,
        request.idempotency,
      );
      return reply.code(202).send(sent);
    },
  );

  app.post(
    '/api/users/:id/second-factor/reset',
    {
      schema: {
        tags: ['accounts'],
        summary:
          "Remove a user's lost second factor and recovery codes; the user enrols again at next sign-in",
        params: IdParams,
        response: { 200: User },
      },
    },
    async (request) =>
      recovery.resetSecondFactor(platform, actorOf(request), request.params.id, request.idempotency),
  );

  app.post(
    '/api/me/second-factor/recovery-codes',
    {
      config: { successStatus: 201, issuesSecret: true },
      schema: {
        tags: ['accounts'],
        summary: 'Replace your recovery codes; the new ones are shown once and the old ones stop working',
        response: { 201: RecoveryCodes },
      },
    },
    async (request, reply) => {
      const codes = await recovery.regenerateRecoveryCodes(platform, actorOf(request), request.idempotency);
      return reply.code(201).send(codes);
    },
  );
}
