import { z } from 'zod';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import * as flows from './flows.js';
import { CepesEntry, CepesEntryInput, CepesListQuery, CepesPage } from './model.js';

const IdParams = z.object({ id: z.string().min(1).max(100) });

const KEEPER =
  'Only ERCC coordinators keep the register (403 otherwise). `verdict` is `cepes` (established in a member state, ' +
  'serving six or more, never banking, financial market infrastructure or digital infrastructure), `not-cepes`, or ' +
  '`eu-infrastructure` for EU space-programme assets held by EUSPA (never a CEPES). TLP:RED is not offered. ' +
  'Without `audience` the entry reaches ERCC and the states it concerns (established in, served).';

export function cepesRoutes(app: App, platform: Platform) {
  app.post(
    '/api/cepes-register',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['cepes'],
        summary: 'Add an entity to the CEPES register',
        description: KEEPER,
        body: CepesEntryInput,
        response: { 201: CepesEntry },
      },
    },
    async (request) => flows.createEntry(platform, actorOf(request), request.body, request.idempotency),
  );

  app.put(
    '/api/cepes-register/:id',
    {
      schema: {
        tags: ['cepes'],
        summary: 'Replace an entry of the CEPES register; incidents referencing it are reassessed at once',
        description: KEEPER,
        params: IdParams,
        body: CepesEntryInput,
        response: { 200: CepesEntry },
      },
    },
    async (request) =>
      flows.updateEntry(platform, actorOf(request), request.params.id, request.body, request.idempotency),
  );

  app.get(
    '/api/cepes-register',
    {
      schema: {
        tags: ['cepes'],
        summary: 'Entries of the CEPES register you may see, by name; `q` searches names (the typeahead)',
        querystring: CepesListQuery,
        response: { 200: CepesPage },
      },
    },
    async (request) => flows.listEntries(platform, actorOf(request), request.query),
  );

  app.get(
    '/api/cepes-register/:id',
    {
      schema: {
        tags: ['cepes'],
        summary: 'One entry of the CEPES register (404 when you may not see it)',
        params: IdParams,
        response: { 200: CepesEntry },
      },
    },
    async (request) => flows.getEntry(platform, actorOf(request), request.params.id),
  );
}
