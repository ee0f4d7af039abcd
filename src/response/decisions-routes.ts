import { z } from 'zod';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import {
  assignableAccounts,
  changeActionStatus,
  createAction,
  listDecisions,
  myActions,
  recordDecision,
} from './decisions-flows.js';
import {
  ActionItem,
  ActionStatusRequest,
  Decision,
  IncidentDecisions,
  NewAction,
  NewDecision,
} from './decisions-model.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });
const ActionParams = IdParams.extend({ actionId: z.string().min(1).max(64) });

export function decisionRoutes(app: App, platform: Platform): void {
  app.get(
    '/api/incidents/:id/decisions',
    {
      schema: {
        tags: ['response'],
        summary:
          "The incident's decision log (operational and strategic) and its action items, as the reader may see them",
        params: IdParams,
        response: { 200: IncidentDecisions },
      },
    },
    async (request) => listDecisions(platform, actorOf(request), request.params.id),
  );

  app.post(
    '/api/incidents/:id/decisions',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['response'],
        summary: 'Record a decision: its level, who decided, what, why, and the entries it rests on',
        params: IdParams,
        body: NewDecision,
        response: { 201: Decision },
      },
    },
    async (request) =>
      recordDecision(platform, actorOf(request), request.params.id, request.body, request.idempotency),
  );

  app.post(
    '/api/incidents/:id/actions',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['response'],
        summary: 'Create an action item for an organisation (and one of its people), with a due time',
        params: IdParams,
        body: NewAction,
        response: { 201: ActionItem },
      },
    },
    async (request) =>
      createAction(platform, actorOf(request), request.params.id, request.body, request.idempotency),
  );

  app.post(
    '/api/incidents/:id/actions/:actionId/status',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['response'],
        summary:
          "Mark an action done, cancelled or open again (the owner organisation's coordinators or its creator)",
        params: ActionParams,
        body: ActionStatusRequest,
        response: { 201: ActionItem },
      },
    },
    async (request) =>
      changeActionStatus(
        platform,
        actorOf(request),
        request.params.id,
        request.params.actionId,
        request.body,
        request.idempotency,
      ),
  );

  app.get(
    '/api/incidents/:id/actions/assignees',
    {
      schema: {
        tags: ['response'],
        summary: 'The people of an organisation an action of this incident can be assigned to',
        params: IdParams,
        querystring: z.object({ organisation: z.string().min(2).max(32) }),
        response: {
          200: z.object({
            items: z.array(z.object({ userId: z.string(), name: z.string(), role: z.string() })),
          }),
        },
      },
    },
    async (request) => ({
      items: await assignableAccounts(
        platform,
        actorOf(request),
        request.params.id,
        request.query.organisation,
      ),
    }),
  );

  app.get(
    '/api/me/actions',
    {
      schema: {
        tags: ['response'],
        summary:
          "The caller's open actions across incidents: assigned to them, or to their organisation unassigned",
        response: { 200: z.object({ items: z.array(ActionItem) }) },
      },
    },
    async (request) => ({ items: await myActions(platform, actorOf(request)) }),
  );
}
