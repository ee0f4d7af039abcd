import { z } from 'zod';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import { ParticipatingOrganisationId } from '../registry/model.js';
import { sitrepDocx, sitrepFileName, sitrepPdf } from './documents.js';
import * as flows from './flows.js';
import { CompileSitrepRequest, ContributionRequest, EditSitrepRequest, Sitrep, SitrepDiff } from './model.js';

const IncidentParams = z.object({ id: z.string().min(1).max(64) });
const SitrepParams = IncidentParams.extend({ sitrepId: z.string().min(1).max(64) });

export function sitrepRoutes(app: App, platform: Platform) {
  app.get(
    '/api/incidents/:id/sitreps',
    {
      schema: {
        tags: ['sitreps'],
        summary: 'Sitreps of an incident you may read (drafts you work on, published ones addressed to you)',
        params: IncidentParams,
        response: { 200: z.object({ items: z.array(Sitrep) }) },
      },
    },
    async (request) => ({ items: await flows.listSitreps(platform, actorOf(request), request.params.id) }),
  );

  app.post(
    '/api/incidents/:id/sitreps',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['sitreps'],
        summary: 'Compile a draft sitrep for an audience, pre-filled from what every reader of it may see',
        params: IncidentParams,
        body: CompileSitrepRequest,
        response: { 201: Sitrep },
      },
    },
    async (request) => flows.compileSitrep(platform, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/incidents/:id/sitreps/diff',
    {
      schema: {
        tags: ['sitreps'],
        summary: 'Line-by-line differences between two sitreps',
        params: IncidentParams,
        querystring: z.object({ from: z.string().min(1).max(64), to: z.string().min(1).max(64) }),
        response: { 200: SitrepDiff },
      },
    },
    async (request) =>
      flows.diff(platform, actorOf(request), request.params.id, request.query.from, request.query.to),
  );

  app.get(
    '/api/incidents/:id/sitreps/:sitrepId',
    {
      schema: {
        tags: ['sitreps'],
        summary: 'One sitrep (404 when you may not read it)',
        params: SitrepParams,
        response: { 200: Sitrep },
      },
    },
    async (request) =>
      flows.getSitrep(platform, actorOf(request), request.params.id, request.params.sitrepId),
  );

  app.patch(
    '/api/incidents/:id/sitreps/:sitrepId',
    {
      schema: {
        tags: ['sitreps'],
        summary: 'Edit a draft: title, sections, marking (never below its sources)',
        params: SitrepParams,
        body: EditSitrepRequest,
        response: { 200: Sitrep },
      },
    },
    async (request) =>
      flows.editSitrep(platform, actorOf(request), request.params.id, request.params.sitrepId, request.body),
  );

  app.post(
    '/api/incidents/:id/sitreps/:sitrepId/contributors',
    {
      schema: {
        tags: ['sitreps'],
        summary: 'Name an organisation of the audience as a contributor',
        params: SitrepParams,
        body: z.strictObject({ organisation: ParticipatingOrganisationId }),
        response: { 200: Sitrep },
      },
    },
    async (request) =>
      flows.addContributor(
        platform,
        actorOf(request),
        request.params.id,
        request.params.sitrepId,
        request.body.organisation,
      ),
  );

  app.post(
    '/api/incidents/:id/sitreps/:sitrepId/contributions',
    {
      schema: {
        tags: ['sitreps'],
        summary: "A named contributor's section (replaces that organisation's earlier one)",
        params: SitrepParams,
        body: ContributionRequest,
        response: { 200: Sitrep },
      },
    },
    async (request) =>
      flows.contribute(platform, actorOf(request), request.params.id, request.params.sitrepId, request.body),
  );

  app.post(
    '/api/incidents/:id/sitreps/:sitrepId/approval',
    {
      schema: {
        tags: ['sitreps'],
        summary:
          'Approve and publish (ERCC or the Presidency): numbered, frozen, distributed to the audience',
        params: SitrepParams,
        body: z.strictObject({ reason: z.string().trim().max(2000).optional() }).nullish(),
        response: { 200: Sitrep },
      },
    },
    async (request) =>
      flows.approveSitrep(
        platform,
        actorOf(request),
        request.params.id,
        request.params.sitrepId,
        request.idempotency,
        request.body?.reason || undefined,
      ),
  );

  app.post(
    '/api/incidents/:id/sitreps/:sitrepId/correction',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['sitreps'],
        summary: 'Start the correction of a published sitrep: a new draft that will carry the next number',
        params: SitrepParams,
        response: { 201: Sitrep },
      },
    },
    async (request) =>
      flows.correctSitrep(platform, actorOf(request), request.params.id, request.params.sitrepId),
  );

  for (const format of ['pdf', 'docx'] as const) {
    app.get(
      `/api/incidents/:id/sitreps/:sitrepId/${format}`,
      {
        schema: {
          tags: ['sitreps'],
          summary: `The sitrep as ${format.toUpperCase()}, with its marking on every page`,
          params: SitrepParams,
          produces: [
            format === 'pdf'
              ? 'application/pdf'
              : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          ],
        },
      },
      async (request, reply) => {
        const sitrep = await flows.getSitrep(
          platform,
          actorOf(request),
          request.params.id,
          request.params.sitrepId,
        );
        const file = format === 'pdf' ? await sitrepPdf(sitrep) : await sitrepDocx(sitrep);
        return reply
          .header(
            'content-type',
            format === 'pdf'
              ? 'application/pdf'
              : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          )
          .header('content-disposition', `attachment; filename="${sitrepFileName(sitrep, format)}"`)
          .header('cache-control', 'private, no-store')
          .send(file);
      },
    );
  }
}
