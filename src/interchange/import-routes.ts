import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../platform/context.js';
import { Forbidden, Invalid, NotFound } from '../platform/errors.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import { importFile } from './import-flow.js';
import { IMPORT_LIMITS, ImportRefused } from './import-limits.js';
import { ImportFormat, ImportReport } from './model.js';

/** A refused import as the API answers it: the file 400, an unseen incident 404, an importer without the right 403. */
function answered(e: unknown): never {
  if (!(e instanceof ImportRefused)) throw e;
  const message = e.message.replace(/^(--incident|--as|FILE): /, '');
  if (e.refusal === 'incident') throw new NotFound(message);
  if (e.refusal === 'importer') throw new Forbidden(message);
  if (e.refusal === 'exercise') throw new Invalid(message, 'incident');
  throw new Invalid(message, e.field === 'FILE' ? 'body' : e.field);
}

/**
 * `POST /api/imports/{misp|stix}`: the same import as `blueprint import`, the file as the request body. A national
 * system posting the same file again gets the first run's report and nothing is written twice.
 */
export function importRoutes(app: App, platform: Platform) {
  app.register(async (scope) => {
    const files = scope.withTypeProvider<ZodTypeProvider>();
    // The file is read as bytes: the importer parses it itself, within its limits, refusing DTDs and XML.
    files.removeAllContentTypeParsers();
    files.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: IMPORT_LIMITS.maxBytes },
      (_req, body, done) => done(null, body),
    );
    files.post(
      '/api/imports/:format',
      {
        bodyLimit: IMPORT_LIMITS.maxBytes,
        config: { successStatus: 201 },
        schema: {
          tags: ['interchange'],
          summary: 'Import a MISP event or a STIX 2.1 bundle into an incident (a new one when none is named)',
          description:
            'Send the file (JSON) as the request body. Every object is mapped to an entry, kept as an attached file, or refused with a reason; markings are kept and never widened. The same file by the same person into the same target answers with the first report and writes nothing. An exercise incident takes no imports (400), a file marked as an exercise (a MISP `exercise:` tag, an `exercise` label in STIX) never becomes a real incident and is refused whole (400, naming the field), and a file with nothing to import (every object refused) makes no new incident (400).',
          params: z.object({ format: ImportFormat }),
          querystring: z.object({ incident: z.string().min(1).max(64).optional() }),
          consumes: ['application/json', 'application/octet-stream'],
          response: { 201: ImportReport },
        },
      },
      async (request) => {
        const content = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        return importFile(platform, actorOf(request), {
          format: request.params.format,
          content,
          incidentId: request.query.incident,
          idempotency: request.idempotency,
        }).catch(answered);
      },
    );
  });
}
