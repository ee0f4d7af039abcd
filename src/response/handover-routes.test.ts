import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Entry } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';
import type { Handover } from './handover-model.js';
import { projectHandovers } from './handover-rules.js';

describe('the handover projection', () => {
  const entry = (seq: number, kind: string, body: Record<string, unknown>, authorName = 'A') => ({
    id: `e${seq}`,
    seq,
    incidentId: 'i1',
    incidentTitle: 't',
    kind,
    createdAt: `2026-11-02T0${seq}:00:00.000Z`,
    authorUserId: 'u',
    authorOrg: 'FI',
    authorName,
    body,
    marking: 'TLP:AMBER+STRICT',
    audience: ['FI'],
  });
  it.each([
    ['no acknowledgement', [], null],
    [
      'acknowledged once',
      [entry(2, 'shift-handover-acknowledged', { handoverId: 'e1', note: 'ok' }, 'B')],
      'B',
    ],
    [
      'the first acknowledgement counts',
      [
        entry(2, 'shift-handover-acknowledged', { handoverId: 'e1', note: '' }, 'B'),
        entry(3, 'shift-handover-acknowledged', { handoverId: 'e1', note: '' }, 'C'),
      ],
      'B',
    ],
    [
      'an acknowledgement of another note',
      [entry(2, 'shift-handover-acknowledged', { handoverId: 'x', note: '' })],
      null,
    ],
  ])('%s', (_case, after, by) => {
    const [h] = projectHandovers([entry(1, 'shift-handover', { organisation: 'FI' }), ...after], []);
    expect(h?.acknowledged?.name ?? null).toBe(by);
  });
});

describe.each(engines())('duty-shift handover over HTTP on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer({ engine, clock: new ManualClock('2026-11-02T09:00:00.000Z') });
    const people: [string, string, 'coordinator' | 'viewer'][] = [
      ['fi-day', 'FI', 'coordinator'],
      ['fi-night', 'FI', 'coordinator'],
      ['fi-other', 'FI', 'viewer'],
      ['ee', 'EE', 'coordinator'],
    ];
    for (const [key, organisation, role] of people) {
      ids[key] = (
        await server.createUser({
          email: `${key}@example.eu`,
          password: PASSWORD,
          organisation,
          role,
          displayName: key,
        })
      ).id;
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
  });
  afterAll(() => server?.close());

  it('hands over within the organisation, to the named incoming officer, who acknowledges it once', async () => {
    const incident = await as['fi-day']!.post<Incident>('/api/incidents', {
      title: 'Estlink 2 outage',
      reportedBy: 'FI',
      occurredAt: '2026-11-02T07:00:00+02:00',
      impacts: [{ memberState: 'FI', level: 'significant' }],
    });
    const id = incident.body.id;
    const toEstonia = await as['fi-day']!.post(`/api/incidents/${id}/handovers`, {
      changed: 'x',
      incomingUserId: ids.ee,
    });
    expect(toEstonia.status).toBe(400);
    expect(toEstonia.body).toMatchObject({ error: { field: 'incomingUserId' } });

    const written = await as['fi-day']!.post<Handover>(`/api/incidents/${id}/handovers`, {
      changed: 'Second cable down at 06:40',
      openAsks: 'ERCC asked for a picture update by 12:00',
      nextCover: 'Night shift joins the IPCR roundtable at 16:00',
      incomingUserId: ids['fi-night'],
    });
    expect(written.status).toBe(201);
    expect(written.body).toMatchObject({
      organisation: 'FI',
      acknowledged: null,
      abilities: { acknowledge: false },
    });
    const hid = written.body.id;

    // Estonia sees neither the note nor that there is one.
    expect((await as.ee!.get<{ items: Handover[] }>(`/api/incidents/${id}/handovers`)).body.items).toEqual(
      [],
    );
    const log = await as.ee!.get<{ items: Entry[] }>(`/api/incidents/${id}/entries`);
    expect(log.body.items.some((e) => e.kind === 'shift-handover')).toBe(false);
    expect((await as.ee!.post(`/api/incidents/${id}/handovers/${hid}/acknowledge`, {})).status).toBe(404);

    expect(
      (await as['fi-night']!.get<{ items: Handover[] }>('/api/me/handovers')).body.items.map((h) => h.id),
    ).toEqual([hid]);
    expect((await as['fi-other']!.get<{ items: Handover[] }>('/api/me/handovers')).body.items).toEqual([]);
    expect((await as['fi-other']!.post(`/api/incidents/${id}/handovers/${hid}/acknowledge`, {})).status).toBe(
      403,
    );

    const acknowledged = await as['fi-night']!.post<Handover>(
      `/api/incidents/${id}/handovers/${hid}/acknowledge`,
      {
        note: 'Taken over',
      },
    );
    expect(acknowledged.status).toBe(201);
    expect(acknowledged.body.acknowledged).toMatchObject({ name: 'fi-night', note: 'Taken over' });
    expect((await as['fi-night']!.post(`/api/incidents/${id}/handovers/${hid}/acknowledge`, {})).status).toBe(
      409,
    );
    expect((await as['fi-night']!.get<{ items: Handover[] }>('/api/me/handovers')).body.items).toEqual([]);
    const fiLog = await as['fi-other']!.get<{ items: Entry[] }>(`/api/incidents/${id}/entries`);
    expect(
      fiLog.body.items
        .filter((e) => e.kind.startsWith('shift-handover'))
        .map((e) => e.kind)
        .sort(),
    ).toEqual(['shift-handover', 'shift-handover-acknowledged']);
  });
});
