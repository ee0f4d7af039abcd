import { z } from 'zod';
import { visibleIncidentRow } from '../incidents/reader-log.js';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import { DOCUMENT_TYPES, sendDocument } from './isaa-routes.js';
import { roundtableDocument, roundtablePack } from './roundtable-flows.js';
import { RoundtablePack } from './roundtable-model.js';

const MeetingParams = z.object({ id: z.string().min(1).max(64), mid: z.string().min(1).max(64) });

export function roundtableRoutes(app: App, platform: Platform): void {
  app.get(
    '/api/incidents/:id/meetings/:mid/pack',
    {
      schema: {
        tags: ['response'],
        summary:
          'The pack for an IPCR roundtable: agenda, latest picture, decisions, open actions and lines to take, for its readers',
        description: '409 `not-a-roundtable` for other meetings.',
        params: MeetingParams,
        response: { 200: RoundtablePack },
      },
    },
    async (request) =>
      (await roundtablePack(platform, actorOf(request), request.params.id, request.params.mid)).pack,
  );

  for (const format of ['pdf', 'docx'] as const) {
    app.get(
      `/api/incidents/:id/meetings/:mid/pack/${format}`,
      {
        schema: {
          tags: ['response'],
          summary: `The roundtable pack as ${format.toUpperCase()}, marked on every page`,
          params: MeetingParams,
          produces: [DOCUMENT_TYPES[format]],
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const incident = await visibleIncidentRow(platform.db.kysely, actor, request.params.id);
        const { pack, exercise } = await roundtablePack(
          platform,
          actor,
          request.params.id,
          request.params.mid,
        );
        return sendDocument(
          reply,
          format,
          'roundtable-pack',
          roundtableDocument(pack, incident.title, exercise),
          pack.meetingId,
        );
      },
    );
  }
}
