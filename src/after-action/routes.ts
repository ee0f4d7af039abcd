import { z } from 'zod';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import { reportDocx, reportFileName, reportPdf } from './documents.js';
import * as flows from './flows.js';
import { followUpRoutes } from './follow-up-routes.js';
import {
  AfterActionReport,
  AssignSectionRequest,
  DraftReportRequest,
  EditReportRequest,
  Recommendation,
  RecommendationChange,
  RecommendationRequest,
  ReportSectionKey,
  WriteSectionRequest,
} from './model.js';

const IncidentParams = z.object({ id: z.string().min(1).max(64) });
const ReportParams = IncidentParams.extend({ reportId: z.string().min(1).max(64) });
const SectionParams = ReportParams.extend({ key: ReportSectionKey });
const RecommendationParams = ReportParams.extend({ recommendationId: z.string().min(1).max(64) });
const TAGS = ['after-action'];

export function afterActionRoutes(app: App, platform: Platform) {
  followUpRoutes(app, platform);
  app.get(
    '/api/incidents/:id/after-action',
    {
      schema: {
        tags: TAGS,
        summary:
          'Post-incident reports of an incident you may read (drafts you work on, distributed ones for you)',
        params: IncidentParams,
        response: { 200: z.object({ items: z.array(AfterActionReport), canDraft: z.boolean() }) },
      },
    },
    async (request) => flows.listReports(platform, actorOf(request), request.params.id),
  );

  app.post(
    '/api/incidents/:id/after-action',
    {
      config: { successStatus: 201 },
      schema: {
        tags: TAGS,
        summary:
          'Draft the post-incident report (CERG or ERCC, once deactivated or for an exercise) for an audience, from what every reader of it may see',
        params: IncidentParams,
        body: DraftReportRequest,
        response: { 201: AfterActionReport },
      },
    },
    async (request) => flows.draftReport(platform, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/incidents/:id/after-action/:reportId',
    {
      schema: {
        tags: TAGS,
        summary: 'One post-incident report (404 when you may not read it)',
        params: ReportParams,
        response: { 200: AfterActionReport },
      },
    },
    async (request) =>
      flows.getReport(platform, actorOf(request), request.params.id, request.params.reportId),
  );

  app.patch(
    '/api/incidents/:id/after-action/:reportId',
    {
      schema: {
        tags: TAGS,
        summary: 'Edit a draft: title, marking (never below its sources)',
        params: ReportParams,
        body: EditReportRequest,
        response: { 200: AfterActionReport },
      },
    },
    async (request) =>
      flows.editReport(platform, actorOf(request), request.params.id, request.params.reportId, request.body),
  );

  app.put(
    '/api/incidents/:id/after-action/:reportId/sections/:key/owner',
    {
      schema: {
        tags: TAGS,
        summary:
          'Assign a section to an organisation of the audience, who writes it (null: back to the drafter)',
        params: SectionParams,
        body: AssignSectionRequest,
        response: { 200: AfterActionReport },
      },
    },
    async (request) =>
      flows.assignSection(
        platform,
        actorOf(request),
        request.params.id,
        request.params.reportId,
        request.params.key,
        request.body.owner,
      ),
  );

  app.put(
    '/api/incidents/:id/after-action/:reportId/sections/:key',
    {
      schema: {
        tags: TAGS,
        summary: "Write a section's text (its assigned organisation, or the drafter)",
        params: SectionParams,
        body: WriteSectionRequest,
        response: { 200: AfterActionReport },
      },
    },
    async (request) =>
      flows.writeSection(
        platform,
        actorOf(request),
        request.params.id,
        request.params.reportId,
        request.params.key,
        request.body.text,
      ),
  );

  for (const [step, summary, run] of [
    ['review', 'CERG marks the draft reviewed', flows.reviewReport],
    ['distribution', 'Present the reviewed report to its audience', flows.distributeReport],
  ] as const) {
    app.post(
      `/api/incidents/:id/after-action/:reportId/${step}`,
      {
        schema: {
          tags: TAGS,
          summary,
          params: ReportParams,
          body: z.strictObject({}).nullish(),
          response: { 200: AfterActionReport },
        },
      },
      async (request) => run(platform, actorOf(request), request.params.id, request.params.reportId),
    );
  }

  app.post(
    '/api/incidents/:id/after-action/:reportId/recommendations',
    {
      config: { successStatus: 201 },
      schema: {
        tags: TAGS,
        summary: 'Add a recommendation with its owner organisation and due date',
        params: ReportParams,
        body: RecommendationRequest,
        response: { 201: AfterActionReport },
      },
    },
    async (request) =>
      flows.addRecommendation(
        platform,
        actorOf(request),
        request.params.id,
        request.params.reportId,
        request.body,
      ),
  );

  app.patch(
    '/api/incidents/:id/after-action/:reportId/recommendations/:recommendationId',
    {
      schema: {
        tags: TAGS,
        summary:
          'Change a recommendation: its status (its owner), or its text, owner and due date (drafter, CERG)',
        params: RecommendationParams,
        body: RecommendationChange,
        response: { 200: AfterActionReport },
      },
    },
    async (request) =>
      flows.changeRecommendation(
        platform,
        actorOf(request),
        request.params.id,
        request.params.reportId,
        request.params.recommendationId,
        request.body,
      ),
  );

  app.get(
    '/api/after-action/recommendations',
    {
      schema: {
        tags: TAGS,
        summary:
          'Recommendations of every post-incident report you may read, across incidents (overdue flagged)',
        querystring: z.object({ overdue: z.enum(['true', 'false']).optional() }),
        response: { 200: z.object({ items: z.array(Recommendation) }) },
      },
    },
    async (request) => ({
      items: await flows.listRecommendations(platform, actorOf(request), {
        ...(request.query.overdue ? { overdue: request.query.overdue === 'true' } : {}),
      }),
    }),
  );

  app.get(
    '/api/after-action/overdue',
    {
      schema: {
        tags: TAGS,
        summary:
          'How many recommendations each organisation has overdue, without their content (admin page, CERG)',
        response: { 200: z.object({ items: z.array(z.object({ owner: z.string(), overdue: z.number() })) }) },
      },
    },
    async (request) => ({ items: await flows.overdueCounts(platform, actorOf(request)) }),
  );

  for (const format of ['pdf', 'docx'] as const) {
    const type =
      format === 'pdf'
        ? 'application/pdf'
        : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    app.get(
      `/api/incidents/:id/after-action/:reportId/${format}`,
      {
        schema: {
          tags: TAGS,
          summary: `The report as ${format.toUpperCase()}, with its marking on every page`,
          params: ReportParams,
          produces: [type],
        },
      },
      async (request, reply) => {
        const report = await flows.getReport(
          platform,
          actorOf(request),
          request.params.id,
          request.params.reportId,
        );
        const file = format === 'pdf' ? await reportPdf(report) : await reportDocx(report);
        return reply
          .header('content-type', type)
          .header('content-disposition', `attachment; filename="${reportFileName(report, format)}"`)
          .header('cache-control', 'private, no-store')
          .send(file);
      },
    );
  }
}
