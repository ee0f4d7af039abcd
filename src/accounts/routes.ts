import { z } from 'zod';
import type { Platform } from '../platform/context.js';
import { Forbidden } from '../platform/errors.js';
import { type App, DISPLAY_COOKIE } from '../platform/http/app.js';
import { actorOf, clientAddress } from '../platform/http/request.js';
import * as flows from './flows.js';
import {
  ApiToken,
  CreatedDisplayToken,
  CreatedToken,
  CreateTokenRequest,
  CreateUserRequest,
  DisplayToken,
  LoginRequest,
  Me,
  MePatch,
  PasswordChange,
  SecondFactorConfirm,
  SecondFactorEnabled,
  SecondFactorSetup,
  UpdateUserRequest,
  User,
} from './model.js';
import { recoveryRoutes } from './recovery-routes.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });

export function accountRoutes(app: App, platform: Platform) {
  const secure = platform.config.TRUST_PROXY;
  recoveryRoutes(app, platform);

  app.post(
    '/api/auth/login',
    {
      config: { public: true, noIdempotency: true },
      schema: {
        tags: ['accounts'],
        summary: 'Sign in; sets the session cookie',
        body: LoginRequest,
        response: { 200: z.object({ me: Me }) },
      },
    },
    async (request, reply) => {
      const { sessionSecret, me } = await flows.signIn(platform, {
        ...request.body,
        address: clientAddress(request),
        userAgent: request.headers['user-agent'],
      });
      // A fresh secret on every sign-in: a session id planted before sign-in is never promoted.
      reply.setCookie(flows.SESSION_COOKIE, sessionSecret, {
        httpOnly: true,
        sameSite: 'strict',
        secure: secure || request.protocol === 'https',
        path: '/',
      });
      return { me };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { duringEnrolment: true, successStatus: 204 },
      schema: { tags: ['accounts'], summary: 'Sign out' },
    },
    async (request, reply) => {
      await flows.signOut(platform, actorOf(request));
      reply.clearCookie(flows.SESSION_COOKIE, { path: '/' });
      reply.clearCookie(DISPLAY_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  // Watching the live picture is not activity; a person at the keyboard is. The web calls this (throttled) on
  // real input, and authenticating the call is what keeps the session alive: there is nothing else to do.
  app.post(
    '/api/auth/activity',
    {
      config: { duringEnrolment: true, noIdempotency: true, successStatus: 204 },
      schema: {
        tags: ['accounts'],
        summary: 'Tell the server the signed-in person is at work (keeps an idle session from ending)',
      },
    },
    async (_request, reply) => reply.code(204).send(),
  );

  app.get(
    '/api/me',
    {
      config: { duringEnrolment: true },
      schema: { tags: ['accounts'], summary: 'The signed-in user', response: { 200: Me } },
    },
    async (request) => flows.getMe(platform, actorOf(request), request.me),
  );

  app.patch(
    '/api/me',
    {
      config: { duringEnrolment: true },
      schema: {
        tags: ['accounts'],
        summary: 'Change your own settings: the language generated text is written in (en, nl)',
        body: MePatch,
        response: { 200: Me },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (actor.via === 'display') throw new Forbidden('a wall screen has no account settings');
      return flows.setLanguage(platform, actor, request.body.language);
    },
  );

  app.post(
    '/api/me/second-factor/setup',
    {
      config: { duringEnrolment: true, issuesSecret: true },
      schema: {
        tags: ['accounts'],
        summary: 'Start enrolling an authenticator app (TOTP)',
        response: { 200: SecondFactorSetup },
      },
    },
    async (request) => flows.startSecondFactorSetup(platform, actorOf(request)),
  );

  app.post(
    '/api/me/second-factor/confirm',
    {
      // The answer carries the recovery codes, shown once: a repeat with the same key is refused, never replayed.
      config: { duringEnrolment: true, issuesSecret: true },
      schema: {
        tags: ['accounts'],
        summary:
          'Finish enrolling with a current code; the answer lists ten one-time recovery codes, shown once',
        body: SecondFactorConfirm,
        response: { 200: SecondFactorEnabled },
      },
    },
    async (request) => flows.confirmSecondFactor(platform, actorOf(request), request.body.code),
  );

  app.post(
    '/api/me/password',
    {
      config: { duringEnrolment: true, successStatus: 204 },
      schema: { tags: ['accounts'], summary: 'Change your password', body: PasswordChange },
    },
    async (request, reply) => {
      await flows.changePassword(platform, actorOf(request), {
        ...request.body,
        address: clientAddress(request),
      });
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/me/tokens',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Your API tokens',
        response: { 200: z.object({ items: z.array(ApiToken) }) },
      },
    },
    async (request) => ({ items: await flows.listTokens(platform, actorOf(request)) }),
  );

  app.post(
    '/api/me/tokens',
    {
      config: { successStatus: 201, issuesSecret: true },
      schema: {
        tags: ['accounts'],
        summary: 'Create an API token acting as you; the secret is shown once',
        body: CreateTokenRequest,
        response: { 201: CreatedToken },
      },
    },
    async (request) => flows.createToken(platform, actorOf(request), request.body.name, request.idempotency),
  );

  app.delete(
    '/api/me/tokens/:id',
    {
      config: { successStatus: 204 },
      schema: { tags: ['accounts'], summary: 'Revoke an API token', params: IdParams },
    },
    async (request, reply) => {
      await flows.revokeToken(platform, actorOf(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/display-tokens',
    {
      schema: {
        tags: ['accounts'],
        summary: "Your organisation's wall-screen tokens",
        response: { 200: z.object({ items: z.array(DisplayToken) }) },
      },
    },
    async (request) => ({ items: await flows.listDisplayTokens(platform, actorOf(request)) }),
  );

  app.post(
    '/api/display-tokens',
    {
      config: { successStatus: 201, issuesSecret: true },
      schema: {
        tags: ['accounts'],
        summary: "Create a wall-screen token with your organisation's read rights; the secret is shown once",
        body: CreateTokenRequest,
        response: { 201: CreatedDisplayToken },
      },
    },
    async (request) =>
      flows.createDisplayToken(platform, actorOf(request), request.body.name, request.idempotency),
  );

  app.delete(
    '/api/display-tokens/:id',
    {
      config: { successStatus: 204 },
      schema: {
        tags: ['accounts'],
        summary: 'Revoke a wall-screen token (the screen stops at once)',
        params: IdParams,
      },
    },
    async (request, reply) => {
      await flows.revokeDisplayToken(platform, actorOf(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/auth/display',
    {
      config: { public: true, noIdempotency: true },
      schema: {
        tags: ['accounts'],
        summary: 'Sign a wall screen in with a display token (read-only; no inactivity sign-out)',
        body: z.strictObject({ token: z.string().min(1).max(200) }),
        response: { 200: z.object({ me: Me }) },
      },
    },
    async (request, reply) => {
      const me = await flows.checkDisplayToken(platform, request.body.token);
      reply.setCookie(DISPLAY_COOKIE, request.body.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: secure || request.protocol === 'https',
        path: '/',
        maxAge: 60 * 60 * 24 * 365,
      });
      return { me };
    },
  );

  app.get(
    '/api/users',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Users of an organisation (org-admins: their own; admins: any or all)',
        querystring: z.object({ organisation: z.string().trim().toUpperCase().max(40).optional() }),
        response: { 200: z.object({ items: z.array(User) }) },
      },
    },
    async (request) => ({
      items: await flows.listUsers(platform, actorOf(request), request.query.organisation),
    }),
  );

  app.post(
    '/api/users',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['accounts'],
        summary: 'Create a user',
        body: CreateUserRequest,
        response: { 201: User },
      },
    },
    async (request) => flows.createUser(platform, actorOf(request), request.body),
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['accounts'],
        summary: "Change a user's name, role, activity, duty or second factor",
        params: IdParams,
        body: UpdateUserRequest,
        response: { 200: User },
      },
    },
    async (request) => flows.updateUser(platform, actorOf(request), request.params.id, request.body),
  );
}
