import { z } from 'zod';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import { conveneMeeting, listMeetings, meetingCalendar, recordMinutes } from './meetings-flows.js';
import { IncidentMeetings, Meeting, MinutesRequest, NewMeeting } from './meetings-model.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });
const MeetingParams = IdParams.extend({ mid: z.string().min(1).max(64) });

export function meetingRoutes(app: App, platform: Platform): void {
  app.get(
    '/api/incidents/:id/meetings',
    {
      schema: {
        tags: ['response'],
        summary:
          "The incident's meetings the reader may see, with minutes, decisions taken and actions created",
        params: IdParams,
        response: { 200: IncidentMeetings },
      },
    },
    async (request) => listMeetings(platform, actorOf(request), request.params.id),
  );

  app.post(
    '/api/incidents/:id/meetings',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['response'],
        summary: 'Convene a meeting (IPCR roundtable, technical call): time, agenda, invited organisations',
        params: IdParams,
        body: NewMeeting,
        response: { 201: Meeting },
      },
    },
    async (request) =>
      conveneMeeting(platform, actorOf(request), request.params.id, request.body, request.idempotency),
  );

  app.post(
    '/api/incidents/:id/meetings/:mid/minutes',
    {
      config: { successStatus: 201 },
      schema: {
        tags: ['response'],
        summary: "Record the meeting's minutes (the convening organisation); they replace earlier minutes",
        params: MeetingParams,
        body: MinutesRequest,
        response: { 201: Meeting },
      },
    },
    async (request) =>
      recordMinutes(
        platform,
        actorOf(request),
        request.params.id,
        request.params.mid,
        request.body,
        request.idempotency,
      ),
  );

  app.get(
    '/api/incidents/:id/meetings/:mid/ics',
    {
      schema: {
        tags: ['response'],
        summary: 'The meeting as an iCalendar (.ics) file, for those who may see the meeting',
        params: MeetingParams,
        produces: ['text/calendar'],
      },
    },
    async (request, reply) => {
      const file = await meetingCalendar(platform, actorOf(request), request.params.id, request.params.mid);
      reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
      return reply.type('text/calendar; charset=utf-8').send(file.content);
    },
  );
}
