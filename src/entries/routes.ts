import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import { ParticipatingOrganisationId } from '../registry/model.js';
import { SharingGroup } from '../sharing/model.js';
import * as flows from './flows.js';
import {
  Attachment,
  AttachmentQuery,
  Entry,
  ExportQuery,
  IncidentExport,
  NewEntryRequest,
  NewSharingGroupRequest,
  ReachChangeRequest,
  ReachChangeResult,
  RetractionRequest,
  SearchHit,
} from './model.js';

const IncidentParams = z.object({ id: z.string().min(1).max(64) });
const EntryParams = IncidentParams.extend({ entryId: z.string().min(1).max(64) });

export function entryRoutes(app: App, platform: Platform) {
  app.get(
    '/api/incidents/:id/entries',
    {
      schema: {
        tags: ['entries'],
        summary: "The incident's log: only the entries you may see, oldest first (or pages, newest first)",
        description:
          'Without `limit`, every entry you may see, oldest first. With `order=desc&limit=N` a page of the newest, and `nextBeforeSeq` to pass as `beforeSeq` for the page before it.',
        params: IncidentParams,
        querystring: z.object({
          kind: z.string().max(40).optional(),
          order: z.enum(['asc', 'desc']).default('asc'),
          limit: z.coerce.number().int().min(1).max(2000).optional(),
          beforeSeq: z.coerce.number().int().min(1).optional(),
        }),
        response: { 200: z.object({ items: z.array(Entry), nextBeforeSeq: z.number().nullable() }) },
      },
    },
    async (request) => {
      const { kind, order, limit, beforeSeq } = request.query;
      const items = await flows.listEntries(platform, actorOf(request), request.params.id, {
        ...(kind ? { kinds: [kind] } : {}),
        order,
        ...(limit ? { limit } : {}),
        ...(beforeSeq ? { beforeSeq } : {}),
      });
      const last = items[items.length - 1];
      const more = limit !== undefined && items.length === limit && last !== undefined;
      return { items, nextBeforeSeq: more && order === 'desc' ? last.seq : null };
    },
  );

  app.post(
    '/api/incidents/:id/entries',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['entries'],
        summary: 'Add an entry with the marking and audience you choose',
        description:
          'Without `audience` the entry goes to all participating organisations. TLP:RED needs `recipients` and ignores `audience`. `releasableToNato` adds the NATO liaison. `sharingGroup` adds a saved group, evaluated when read.',
        params: IncidentParams,
        body: NewEntryRequest,
        response: { 201: Entry },
      },
    },
    async (request) =>
      flows.postEntry(platform, actorOf(request), request.params.id, request.body, request.idempotency),
  );

  app.get(
    '/api/incidents/:id/entries/:entryId',
    {
      schema: {
        tags: ['entries'],
        summary: 'One entry (404 when you may not see it)',
        params: EntryParams,
        response: { 200: Entry },
      },
    },
    async (request) => flows.getEntry(platform, actorOf(request), request.params.id, request.params.entryId),
  );

  app.post(
    '/api/incidents/:id/entries/:entryId/reach',
    {
      schema: {
        tags: ['entries'],
        summary: "Change an entry's marking, audience or NATO release",
        description:
          'The change is itself an entry and takes effect at once on every read path; open streams of readers who lose the entry receive `entry-withdrawn`. The answer names who outside the new reach may already have read it. Setting `releasableToNato` on the incident’s first report releases an incident not yet released to NATO (its reporting organisation only), with the shared facts written so far; others then release their own entries.',
        params: EntryParams,
        body: ReachChangeRequest,
        response: { 200: ReachChangeResult },
      },
    },
    async (request) =>
      flows.changeReach(
        platform,
        actorOf(request),
        request.params.id,
        request.params.entryId,
        request.body,
        request.idempotency,
      ),
  );

  app.post(
    '/api/incidents/:id/entries/:entryId/retraction',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['entries'],
        summary: 'Retract an entry of your organisation; everyone who had it is told',
        params: EntryParams,
        body: RetractionRequest,
        response: { 201: Entry },
      },
    },
    async (request) =>
      flows.retractEntry(
        platform,
        actorOf(request),
        request.params.id,
        request.params.entryId,
        request.body.reason,
        request.idempotency,
      ),
  );

  app.get(
    '/api/sharing-groups',
    {
      schema: {
        tags: ['sharing'],
        summary: 'Sharing groups your organisation owns or belongs to',
        response: { 200: z.object({ items: z.array(SharingGroup) }) },
      },
    },
    async (request) => ({ items: await flows.listSharingGroups(platform, actorOf(request)) }),
  );

  app.post(
    '/api/sharing-groups',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['sharing'],
        summary: 'Create a named, reusable audience; membership may be hidden from its members',
        body: NewSharingGroupRequest,
        response: { 201: SharingGroup },
      },
    },
    async (request) =>
      flows.createSharingGroup(platform, actorOf(request), request.body, request.idempotency),
  );

  app.put(
    '/api/sharing-groups/:id/members',
    {
      schema: {
        tags: ['sharing'],
        summary:
          "Replace a group's members (owning organisation only); entries shared with it follow at once",
        params: IncidentParams,
        body: z.strictObject({ members: z.array(ParticipatingOrganisationId).min(1).max(100) }),
        response: { 200: SharingGroup },
      },
    },
    async (request) =>
      flows.updateSharingGroupMembers(platform, actorOf(request), request.params.id, request.body.members),
  );

  app.get(
    '/api/incidents/:id/export',
    {
      schema: {
        tags: ['entries'],
        summary: "Export an incident's log for an audience (a compiled product)",
        description:
          'Contains only entries every reader of the export may see, leaves out AMBER+STRICT and RED entries of other organisations (recipients may not export them), and carries the most restrictive marking among its entries.',
        params: IncidentParams,
        querystring: ExportQuery,
        response: { 200: IncidentExport },
      },
    },
    async (request, reply) => {
      const result = await flows.exportIncident(platform, actorOf(request), request.params.id, request.query);
      const name = `${result.product.marking.replace(':', '-').replace('+', '-')}_incident-${request.params.id}.json`;
      reply.header('content-disposition', `attachment; filename="${name}"`);
      return result;
    },
  );

  app.get(
    '/api/search',
    {
      schema: {
        tags: ['entries'],
        summary: 'Search incident titles and the entries you may see',
        querystring: z.object({ q: z.string().max(200) }),
        response: { 200: z.object({ items: z.array(SearchHit) }) },
      },
    },
    async (request) => ({ items: await flows.search(platform, actorOf(request), request.query.q) }),
  );

  // Files arrive as the raw request body, whatever their type; only these routes accept anything but JSON.
  app.register(async (scope) => {
    const files = scope.withTypeProvider<ZodTypeProvider>();
    files.removeAllContentTypeParsers();
    files.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: platform.config.ATTACHMENT_MAX_BYTES },
      (_req, body, done) => done(null, body),
    );
    files.post(
      '/api/incidents/:id/entries/:entryId/attachments',
      {
        bodyLimit: platform.config.ATTACHMENT_MAX_BYTES,
        config: { successStatus: 201 },
        schema: {
          tags: ['entries'],
          summary: 'Attach a file to an entry, with its own marking and audience (no wider than the entry)',
          description:
            'Send the file as the request body with its Content-Type. `audience` defaults to the readers of the entry; `recipients` (for TLP:RED) are comma-separated e-mail addresses.',
          params: EntryParams,
          querystring: AttachmentQuery,
          consumes: ['application/octet-stream'],
          response: { 201: Attachment },
        },
      },
      async (request) => {
        const content = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        return flows.addAttachment(
          platform,
          actorOf(request),
          request.params.id,
          request.params.entryId,
          request.query,
          { content, contentType: request.headers['content-type'] },
          request.idempotency,
        );
      },
    );
  });

  app.get(
    '/api/incidents/:id/entries/:entryId/attachments/:attachmentId',
    {
      schema: {
        tags: ['entries'],
        summary: 'Download an attachment (always as a download, with its marking in the file name)',
        params: EntryParams.extend({ attachmentId: z.string().min(1).max(64) }),
        // Served with the type it was uploaded with, whatever that is.
        produces: ['*/*'],
      },
    },
    async (request, reply) => {
      const { meta, content } = await flows.getAttachment(
        platform,
        actorOf(request),
        request.params.id,
        request.params.entryId,
        request.params.attachmentId,
      );
      const name = `${meta.marking.replace(':', '-').replace('+', '-')}_${meta.fileName}`;
      const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
      return reply
        .header('content-type', meta.contentType)
        .header(
          'content-disposition',
          `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .header('content-security-policy', "sandbox; default-src 'none'")
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(content);
    },
  );
}
