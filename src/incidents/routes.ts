import { z } from 'zod';
import { OwnLevel } from '../blueprint/model.js';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import { MECHANISM_IDS } from '../registry/mechanisms.js';
import { CountryCode } from '../registry/model.js';
import { recordMechanism } from '../response/flows.js';
import * as flows from './flows.js';
import {
  Incident,
  IncidentListQuery,
  IncidentReport,
  IncidentSummary,
  MergeRequest,
  ReportDraft,
  SaveDraftRequest,
  UpdateRequest,
} from './model.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });

export function incidentRoutes(app: App, platform: Platform) {
  app.post(
    '/api/incidents',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['incidents'],
        summary: 'Report an incident; its report becomes the first entry of its log',
        description:
          '`reportedBy` and every `assessedBy` must be your own organisation (403); `coordinationAgreed` cannot be set by a report (403). Without `marking` the report is TLP:GREEN to all participating organisations.',
        body: IncidentReport,
        response: { 201: Incident },
      },
    },
    async (request) => flows.reportIncident(platform, actorOf(request), request.body, request.idempotency),
  );

  app.get(
    '/api/incidents',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Incidents you may see, most recently active first',
        querystring: IncidentListQuery,
        response: { 200: z.object({ items: z.array(IncidentSummary) }) },
      },
    },
    async (request) => ({ items: await flows.listIncidents(platform, actorOf(request), request.query) }),
  );

  app.get(
    '/api/incidents/:id',
    {
      schema: {
        tags: ['incidents'],
        summary: 'An incident with its current assessment (404 when you may not see it)',
        params: IdParams,
        response: { 200: Incident },
      },
    },
    async (request) => flows.getIncident(platform, actorOf(request), request.params.id),
  );

  app.post(
    '/api/incidents/:id/updates',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['incidents'],
        summary: 'Send an update (new facts, changed impacts) tagged with its CER/NIS2 reporting stage',
        description:
          'Impacts you give are your own claims (`assessedBy` must be your organisation); an impact on your own state is your own assessment. The triggers are re-evaluated at once.',
        params: IdParams,
        body: UpdateRequest,
        response: { 201: Incident },
      },
    },
    async (request) =>
      flows.postUpdate(platform, actorOf(request), request.params.id, request.body, request.idempotency),
  );

  app.post(
    '/api/incidents/:id/mechanisms',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['incidents'],
        summary:
          'Record that an existing EU mechanism (IPCR, UCPM, CSIRTs Network, …) was activated or stood down',
        description:
          'With `reference`, the case in that mechanism, so that nobody is asked for the same facts twice. Who may record follows who runs the mechanism (the registry lists `recordedBy`); IPCR is the Presidency’s: only it sets a mode, activates fully or stands IPCR down, while the GSC, ERCC or EEAS may record information-sharing mode in consultation with it (it is notified). Monitoring is not a mode. Invoking the solidarity clause records full IPCR activation with it.',
        params: IdParams,
        body: z.strictObject({
          mechanism: z.enum(MECHANISM_IDS),
          /** An engagement: `requested`, `activated` (active) or `deactivated` (stood down). */
          state: z.enum(['requested', 'activated', 'deactivated']),
          mode: z.string().max(60).optional(),
          reference: z.string().trim().max(500).optional(),
          /** Who leads the engagement in that mechanism (a name, desk or address). */
          leadContact: z.string().trim().max(300).optional(),
          note: z.string().trim().max(5000).optional(),
        }),
        response: { 201: Incident },
      },
    },
    async (request) =>
      recordMechanism(platform, actorOf(request), request.params.id, request.body, request.idempotency),
  );

  app.post(
    '/api/incidents/:id/merge',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['incidents'],
        summary: 'Merge a duplicate report of the same event into this incident (nothing is lost)',
        params: IdParams,
        body: MergeRequest,
        response: { 201: Incident },
      },
    },
    async (request) =>
      flows.mergeIncidents(
        platform,
        actorOf(request),
        request.params.id,
        request.body.duplicateId,
        request.idempotency,
      ),
  );

  app.get(
    '/api/report-drafts',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Your saved report drafts',
        response: { 200: z.object({ items: z.array(ReportDraft) }) },
      },
    },
    async (request) => ({ items: await flows.listDrafts(platform, actorOf(request)) }),
  );

  app.post(
    '/api/report-drafts',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['incidents'],
        summary: 'Save a new report draft',
        body: SaveDraftRequest,
        response: { 201: ReportDraft },
      },
    },
    async (request) => flows.saveDraft(platform, actorOf(request), null, request.body.body),
  );

  app.put(
    '/api/report-drafts/:id',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Save a report draft again',
        params: IdParams,
        body: SaveDraftRequest,
        response: { 200: ReportDraft },
      },
    },
    async (request) => flows.saveDraft(platform, actorOf(request), request.params.id, request.body.body),
  );

  app.delete(
    '/api/report-drafts/:id',
    {
      config: { successStatus: 204 },
      schema: { tags: ['incidents'], summary: 'Discard a report draft', params: IdParams },
    },
    async (request, reply) => {
      await flows.deleteDraft(platform, actorOf(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/incidents/:id/assessments',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['incidents'],
        summary: "A member state's own assessment of its impact (coordinators of that state only)",
        params: IdParams,
        description:
          'An optional `territory` (GF, AX, …, matching the state; a territory given as `memberState` counts for its member state) replaces that state\'s earlier own assessment for the same territory. ERCC relays the own assessment of a country outside the EU about itself (`memberState: "NO"`), recorded as given by NO and relayed by ERCC.',
        body: z.strictObject({
          memberState: CountryCode,
          level: OwnLevel,
          territory: CountryCode.optional(),
        }),
        response: { 201: Incident },
      },
    },
    async (request) =>
      flows.recordOwnAssessment(
        platform,
        actorOf(request),
        request.params.id,
        request.body,
        request.idempotency,
      ),
  );
}
