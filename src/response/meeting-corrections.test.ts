import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Entry } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';
import type { Decision } from './decisions-model.js';
import type { IncidentMeetings, Meeting } from './meetings-model.js';

// A meeting has no command that calls it off or rewords it: the log's retraction and correction put a wrong one
// right, and the meetings list, its calendar file and what came out of it follow them.
describe.each(engines())('corrections and retractions of meetings on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  const clock = new ManualClock('2026-11-02T09:00:00.000Z');

  beforeAll(async () => {
    server = await startTestServer({ engine, clock });
    for (const [key, organisation] of [
      ['fi', 'FI'],
      ['ee', 'EE'],
    ] as const) {
      await server.createUser({
        email: `${key}@meeting-corrections.example.eu`,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
      });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@meeting-corrections.example.eu`, PASSWORD);
    }
  });
  afterAll(() => server?.close());

  const convene = async (id: string, title: string, agenda: string) => {
    const m = await as.fi!.post<Meeting>(`/api/incidents/${id}/meetings`, {
      title,
      format: 'ipcr-roundtable',
      startsAt: '2026-11-02T14:00:00Z',
      endsAt: '2026-11-02T15:00:00Z',
      agenda,
      invited: ['FI', 'EE'],
    });
    expect(m.status, JSON.stringify(m.body)).toBe(201);
    return m.body.id;
  };
  const retract = async (id: string, entryId: string, reason: string) => {
    const r = await as.fi!.post(`/api/incidents/${id}/entries/${entryId}/retraction`, { reason });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  };
  const correct = async (id: string, entryId: string, text: string) => {
    const r = await as.fi!.post(`/api/incidents/${id}/entries`, {
      kind: 'note',
      text,
      marking: 'TLP:GREEN',
      supersedes: entryId,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  };

  it('drops a retracted meeting, minutes or decision and shows a corrected agenda or minutes, for every reader', async () => {
    const created = await as.fi!.post<Incident>('/api/incidents', {
      title: 'Cable cut, meetings put right',
      reportedBy: 'FI',
      occurredAt: '2026-11-02T07:00:00+02:00',
      impacts: [{ memberState: 'FI', level: 'significant' }],
    });
    const id = created.body.id;
    const wrong = await convene(id, 'Roundtable on the wrong incident', 'Nothing');
    const kept = await convene(id, 'Roundtable', '1. Picture');
    const minutes = (text: string) =>
      as.fi!.post<Meeting>(`/api/incidents/${id}/meetings/${kept}/minutes`, { minutes: text });
    expect((await minutes('First minutes')).status).toBe(201);
    expect((await minutes('Minutes with a wrong figure')).status).toBe(201);
    const decision = await as.fi!.post<Decision>(`/api/incidents/${id}/decisions`, {
      level: 'operational',
      decidedBy: 'Roundtable',
      what: 'Recorded against the wrong meeting',
      meetingId: kept,
    });
    expect(decision.status, JSON.stringify(decision.body)).toBe(201);

    const log = await as.fi!.get<{ items: Entry[] }>(`/api/incidents/${id}/entries`);
    const minutesEntries = log.body.items.filter((e) => e.kind === 'meeting-minutes');
    expect(minutesEntries).toHaveLength(2);
    const [first, second] = [...minutesEntries].sort((a, b) => a.seq - b.seq);
    await retract(id, wrong, 'Convened on the wrong incident');
    await retract(id, second!.id, 'Wrong figure');
    await retract(id, decision.body.id, 'Not this meeting’s');
    await correct(id, kept, '1. Picture; 2. Vessels');

    for (const who of ['fi', 'ee']) {
      const list = await as[who]!.get<IncidentMeetings>(`/api/incidents/${id}/meetings`);
      expect(list.body.items.map((m) => [m.id, m.agenda, m.minutes?.text ?? null, m.decisionIds])).toEqual([
        [kept, '1. Picture; 2. Vessels', 'First minutes', []],
      ]);
      expect((await as[who]!.get(`/api/incidents/${id}/meetings/${wrong}/ics`)).status).toBe(404);
    }
    // A correction of the earlier minutes then stands for them.
    await correct(id, first!.id, 'First minutes, as agreed');
    const again = await as.ee!.get<IncidentMeetings>(`/api/incidents/${id}/meetings`);
    expect(again.body.items[0]?.minutes?.text).toBe('First minutes, as agreed');
  });
});
