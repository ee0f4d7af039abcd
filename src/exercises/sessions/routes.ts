import { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import type { App } from '../../platform/http/app.js';
import { actorOf } from '../../platform/http/request.js';
import * as flows from './flows.js';
import { AdHocInject, BuiltInScenario, ExerciseSession, StartSessionRequest } from './model.js';

const SessionParams = z.object({ id: z.string().min(1).max(64) });
const TAG = ['exercises'];

/** Facilitators run exercises from the web: start a scenario at a pace, pause, resume, add injects. */
export function exerciseSessionRoutes(app: App, platform: Platform) {
  app.get(
    '/api/exercise-scenarios',
    {
      schema: {
        tags: TAG,
        summary: 'The built-in scenarios (scenarios/*.yaml) a facilitator can start',
        response: { 200: z.object({ items: z.array(BuiltInScenario) }) },
      },
    },
    async () => ({ items: flows.builtInScenarios() }),
  );

  app.get(
    '/api/exercise-sessions',
    {
      schema: {
        tags: TAG,
        summary:
          'The exercise sessions the caller may steer, newest first, and whether the caller may start one',
        response: {
          200: z.object({ items: z.array(ExerciseSession), abilities: z.object({ start: z.boolean() }) }),
        },
      },
    },
    async (request) => ({
      items: await flows.listSessions(platform, actorOf(request)),
      abilities: flows.sessionAbilities(actorOf(request)),
    }),
  );

  app.post(
    '/api/exercise-sessions',
    {
      config: { successStatus: 201 },
      schema: {
        tags: TAG,
        summary:
          'Start an exercise from a built-in scenario or an uploaded one, at 1, 10 or 60 times real time (ERCC coordinators, org-admins)',
        body: StartSessionRequest,
        response: { 201: ExerciseSession },
      },
    },
    async (request) => flows.startSession(platform, actorOf(request), request.body),
  );

  app.get(
    '/api/exercise-sessions/:id',
    {
      schema: {
        tags: TAG,
        summary: 'An exercise session and its progress',
        params: SessionParams,
        response: { 200: ExerciseSession },
      },
    },
    async (request) => flows.getSession(platform, actorOf(request), request.params.id),
  );

  app.post(
    '/api/exercise-sessions/:id/pause',
    {
      schema: {
        tags: TAG,
        summary: 'Pause a running exercise: scenario time stops, no step plays until it resumes',
        params: SessionParams,
        response: { 200: ExerciseSession },
      },
    },
    async (request) => flows.pauseSession(platform, actorOf(request), request.params.id),
  );

  app.post(
    '/api/exercise-sessions/:id/resume',
    {
      schema: {
        tags: TAG,
        summary: 'Resume a paused exercise from the scenario time where it stopped',
        params: SessionParams,
        response: { 200: ExerciseSession },
      },
    },
    async (request) => flows.resumeSession(platform, actorOf(request), request.params.id),
  );

  app.post(
    '/api/exercise-sessions/:id/injects',
    {
      config: { successStatus: 201 },
      schema: {
        tags: TAG,
        summary:
          'Add an inject now: a note or media report from exercise control, or an update as one of the scenario’s principals',
        params: SessionParams,
        body: AdHocInject,
        response: { 201: ExerciseSession },
      },
    },
    async (request) => flows.addInject(platform, actorOf(request), request.params.id, request.body),
  );
}
