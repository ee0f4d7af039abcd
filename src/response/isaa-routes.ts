import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import {
  answerIsaaQuestion,
  askIsaaQuestion,
  isaaDocument,
  issueIsaaVersion,
  listIsaaReports,
  openIsaaReport,
} from './isaa-flows.js';
import {
  IncidentIsaaReports,
  IsaaReport,
  IssueIsaaVersion,
  NewIsaaAnswer,
  NewIsaaQuestion,
  NewIsaaReport,
} from './isaa-model.js';
import { type ProductDocument, productDocx, productFileName, productPdf } from './product-documents.js';
import { roundtableRoutes } from './roundtable-routes.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });
const ReportParams = IdParams.extend({ rid: z.string().min(1).max(64) });
const VersionQuery = z.object({ version: z.coerce.number().int().positive().optional() });

export const DOCUMENT_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

/** Sends a product as a file, named with its marking; never cached, like every marked document. */
export async function sendDocument(
  reply: FastifyReply,
  format: keyof typeof DOCUMENT_TYPES,
  kind: string,
  document: ProductDocument,
  fileId: string,
) {
  const file = format === 'pdf' ? await productPdf(document) : await productDocx(document);
  return reply
    .header('content-type', DOCUMENT_TYPES[format])
    .header(
      'content-disposition',
      `attachment; filename="${productFileName(kind, document, fileId, format)}"`,
    )
    .header('cache-control', 'private, no-store')
    .send(file);
}

/** ISAA reports (the Presidency asks, ERCC and EEAS answer) and IPCR roundtable packs, with their documents. */
export function isaaRoutes(app: App, platform: Platform): void {
  app.get(
    '/api/incidents/:id/isaa',
    {
      schema: {
        tags: ['response'],
        summary:
          "The incident's ISAA reports the reader may see: the Presidency's questions, the answers, versions",
        params: IdParams,
        response: { 200: IncidentIsaaReports },
      },
    },
    async (request) => listIsaaReports(platform, actorOf(request), request.params.id),
  );

  app.post(
    '/api/incidents/:id/isaa',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['response'],
        summary: 'The Presidency opens an ISAA report for an audience it chooses first, with its questions',
        description:
          'ERCC, EEAS and the Presidency (as the role) are always in its audience; every part of the report carries its reach.',
        params: IdParams,
        body: NewIsaaReport,
        response: { 201: IsaaReport },
      },
    },
    async (request) =>
      openIsaaReport(platform, actorOf(request), request.params.id, request.body, request.idempotency),
  );

  app.post(
    '/api/incidents/:id/isaa/:rid/questions',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['response'],
        summary: 'The Presidency asks another question of the ISAA report',
        params: ReportParams,
        body: NewIsaaQuestion,
        response: { 201: IsaaReport },
      },
    },
    async (request) =>
      askIsaaQuestion(
        platform,
        actorOf(request),
        request.params.id,
        request.params.rid,
        request.body.question,
        request.idempotency,
      ),
  );

  app.post(
    '/api/incidents/:id/isaa/:rid/answers',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['response'],
        summary:
          "ERCC or EEAS answers one of the Presidency's questions (its later answer replaces the earlier)",
        params: ReportParams,
        body: NewIsaaAnswer,
        response: { 201: IsaaReport },
      },
    },
    async (request) =>
      answerIsaaQuestion(
        platform,
        actorOf(request),
        request.params.id,
        request.params.rid,
        request.body,
        request.idempotency,
      ),
  );

  app.post(
    '/api/incidents/:id/isaa/:rid/versions',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['response'],
        summary: 'ERCC or EEAS issues the next version of the ISAA report, as it stands now',
        params: ReportParams,
        body: IssueIsaaVersion,
        response: { 201: IsaaReport },
      },
    },
    async (request) =>
      issueIsaaVersion(
        platform,
        actorOf(request),
        request.params.id,
        request.params.rid,
        request.body.note,
        request.idempotency,
      ),
  );

  for (const format of ['pdf', 'docx'] as const) {
    app.get(
      `/api/incidents/:id/isaa/:rid/${format}`,
      {
        schema: {
          tags: ['response'],
          summary: `The ISAA report as ${format.toUpperCase()}, a version (\`?version=n\`) or the current draft, marked on every page`,
          params: ReportParams,
          querystring: VersionQuery,
          produces: [DOCUMENT_TYPES[format]],
        },
      },
      async (request, reply) => {
        const { document, fileId } = await isaaDocument(
          platform,
          actorOf(request),
          request.params.id,
          request.params.rid,
          request.query.version ?? null,
        );
        return sendDocument(reply, format, 'isaa', document, fileId);
      },
    );
  }

  roundtableRoutes(app, platform);
}
