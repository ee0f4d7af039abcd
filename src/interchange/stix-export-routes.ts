import { z } from 'zod';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import { exportStixBundle } from './stix-export.js';
import { STIX_MEDIA_TYPE, TLP_2_IDS } from './stix-export-model.js';

const IncidentParams = z.object({ id: z.string().min(1).max(100) });

/** The bundle leaves as bytes in STIX's own media type, so no response serializer touches it. */
const StixBundleSchema = z
  .unknown()
  .describe('A STIX 2.1 bundle ({"type":"bundle","id","objects"}) in application/stix+json;version=2.1');

const MARKING_OF_ID = new Map(Object.entries(TLP_2_IDS).map(([marking, id]) => [id, marking]));

export async function stixExportRoutes(app: App, platform: Platform): Promise<void> {
  app.get(
    '/api/incidents/:id/stix',
    {
      schema: {
        tags: ['interchange'],
        summary: 'The incident as a STIX 2.1 bundle, as the caller may see it',
        description:
          'incident, report, identity (organisations), location (countries), infrastructure (entities) and note ' +
          '(entries) objects, each under its TLP 2.0 marking definition with its audience in ' +
          '`x_blueprint_audience`. TLP:AMBER+STRICT and TLP:RED entries and withheld details never leave the ' +
          'platform in a bundle. Served as application/stix+json;version=2.1.',
        params: IncidentParams,
        produces: [STIX_MEDIA_TYPE],
        response: { 200: StixBundleSchema },
      },
    },
    async (request, reply) => {
      const bundle = await exportStixBundle(platform, actorOf(request), request.params.id);
      // The file is named after the most restrictive marking it carries: the compiled report's.
      const report = bundle.objects.find((o) => o.type === 'report') as { object_marking_refs?: string[] };
      const marking = MARKING_OF_ID.get(report?.object_marking_refs?.[0] ?? '') ?? 'TLP:GREEN';
      const name = `${marking.replace(':', '-').replace('+', '-')}_incident-${request.params.id}.stix.json`;
      reply.header('content-disposition', `attachment; filename="${name}"`);
      // Sent as bytes, so the media type goes out exactly as STIX names it (Fastify would rewrite a JSON one).
      return reply.header('content-type', STIX_MEDIA_TYPE).send(Buffer.from(JSON.stringify(bundle), 'utf8'));
    },
  );
}
