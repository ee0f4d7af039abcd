import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';
import type { ActionItem, Decision } from './decisions-model.js';
import type { IncidentMeetings, Meeting } from './meetings-model.js';

// 2026 H2: Ireland holds the Council Presidency.
const NOW = '2026-11-02T09:00:00.000Z';

/** The calendar file's content lines (RFC 5545 unfolds a line continued by a leading space) as name → value. */
function calendarLines(text: string): { name: string; value: string }[] {
  return text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean)
    .map((line) => {
      const colon = line.indexOf(':');
      return { name: line.slice(0, colon).split(';')[0]!, value: line.slice(colon + 1) };
    });
}
const unescaped = (v: string) => v.replace(/\\n/gi, '\n').replace(/\\([,;\\])/g, '$1');

describe.each(engines())('meetings over HTTP on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};

  beforeAll(async () => {
    server = await startTestServer({ engine, clock: new ManualClock(NOW) });
    for (const organisation of ['IE', 'FI', 'EE', 'DE']) {
      const key = organisation.toLowerCase();
      await server.createUser({
        email: `${key}@example.eu`,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
      });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
  });
  afterAll(() => server?.close());

  it('convenes a roundtable for the invited only, with its calendar file, minutes, decisions and actions', async () => {
    const incident = await as.fi!.post<Incident>('/api/incidents', {
      title: 'Gulf of Finland cable cut',
      reportedBy: 'FI',
      occurredAt: '2026-11-02T07:00:00+02:00',
      impacts: [{ memberState: 'FI', level: 'significant' }],
    });
    const id = incident.body.id;
    const backwards = await as.ie!.post(`/api/incidents/${id}/meetings`, {
      title: 'IPCR roundtable',
      format: 'ipcr-roundtable',
      startsAt: '2026-11-02T15:00:00Z',
      endsAt: '2026-11-02T14:00:00Z',
      invited: ['FI'],
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body).toMatchObject({ error: { field: 'endsAt' } });

    const convened = await as.ie!.post<Meeting>(`/api/incidents/${id}/meetings`, {
      title: 'IPCR roundtable on the Baltic cables',
      format: 'ipcr-roundtable',
      startsAt: '2026-11-02T16:00:00+02:00',
      endsAt: '2026-11-02T17:30:00+02:00',
      agenda: '1. Picture; 2. Repair vessels, options',
      invited: ['FI', 'EE'],
      where: 'Justus Lipsius, room 50.4',
      marking: 'TLP:AMBER',
    });
    expect(convened.status).toBe(201);
    expect(convened.body).toMatchObject({
      startsAt: '2026-11-02T14:00:00.000Z',
      invited: ['FI', 'EE'],
      audience: ['FI', 'EE'],
      convenedBy: { organisation: 'IE' },
      minutes: null,
    });
    const mid = convened.body.id;

    const ics = await as.fi!.get<string>(`/api/incidents/${id}/meetings/${mid}/ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(ics.headers.get('content-disposition')).toContain('.ics');
    const lines = calendarLines(ics.body);
    const value = (name: string) => lines.find((l) => l.name === name)?.value;
    expect(lines[0]).toEqual({ name: 'BEGIN', value: 'VCALENDAR' });
    expect(lines.filter((l) => l.name === 'BEGIN').map((l) => l.value)).toEqual(['VCALENDAR', 'VEVENT']);
    expect(value('METHOD')).toBe('PUBLISH');
    expect(value('UID')).toBe(`${mid}@blueprint`);
    expect(value('DTSTART')).toBe('20261102T140000Z');
    expect(value('DTEND')).toBe('20261102T153000Z');
    expect(value('DTSTAMP')).toBe('20261102T090000Z');
    expect(unescaped(value('SUMMARY')!)).toBe('[TLP:AMBER] IPCR roundtable on the Baltic cables');
    expect(unescaped(value('LOCATION')!)).toBe('Justus Lipsius, room 50.4');
    const description = unescaped(value('DESCRIPTION')!);
    expect(description).toContain('TLP:AMBER');
    expect(description).toContain('Gulf of Finland cable cut');
    expect(description).toContain('1. Picture; 2. Repair vessels, options');

    // Germany is not invited: no meeting, no invitation, as if neither existed.
    expect((await as.de!.get<IncidentMeetings>(`/api/incidents/${id}/meetings`)).body.items).toEqual([]);
    expect((await as.de!.get(`/api/incidents/${id}/meetings/${mid}/ics`)).status).toBe(404);
    const germanDecision = await as.de!.post(`/api/incidents/${id}/decisions`, {
      level: 'strategic',
      decidedBy: 'DE',
      what: 'x',
      meetingId: mid,
    });
    expect(germanDecision.status).toBe(400);
    expect(germanDecision.body).toMatchObject({ error: { field: 'meetingId' } });

    const decision = await as.ie!.post<Decision>(`/api/incidents/${id}/decisions`, {
      level: 'strategic',
      decidedBy: 'IPCR roundtable',
      what: 'Pool repair vessels',
      meetingId: mid,
      marking: 'TLP:AMBER',
      audience: ['FI', 'EE'],
    });
    expect(decision.status).toBe(201);
    const action = await as.ie!.post<ActionItem>(`/api/incidents/${id}/actions`, {
      title: 'Estonia offers its cable ship',
      ownerOrganisation: 'EE',
      meetingId: mid,
      decisionId: decision.body.id,
      marking: 'TLP:AMBER',
      audience: ['FI'],
    });
    expect(action.status).toBe(201);

    expect((await as.fi!.post(`/api/incidents/${id}/meetings/${mid}/minutes`, { minutes: 'x' })).status).toBe(
      403,
    );
    const minuted = await as.ie!.post<Meeting>(`/api/incidents/${id}/meetings/${mid}/minutes`, {
      minutes: 'The roundtable agreed to pool repair vessels.',
    });
    expect(minuted.status).toBe(201);

    const [seen] = (await as.ee!.get<IncidentMeetings>(`/api/incidents/${id}/meetings`)).body.items;
    expect(seen).toMatchObject({
      id: mid,
      minutes: { text: 'The roundtable agreed to pool repair vessels.', organisation: 'IE' },
      decisionIds: [decision.body.id],
      actionIds: [action.body.id],
      abilities: { recordMinutes: false },
    });
    expect(
      (await as.ie!.get<IncidentMeetings>(`/api/incidents/${id}/meetings`)).body.items[0]?.abilities,
    ).toEqual({
      recordMinutes: true,
    });
  });
});
