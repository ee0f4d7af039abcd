import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Entry } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';
import type { Handover } from './handover-model.js';

// A handover has no command that withdraws or rewords it: the log's retraction and correction put a wrong one
// right, and the handovers list and "waiting for me" follow them.
describe.each(engines())('corrections and retractions of handovers on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer({ engine, clock: new ManualClock('2026-11-02T09:00:00.000Z') });
    for (const key of ['day', 'night']) {
      ids[key] = (
        await server.createUser({
          email: `${key}@handover-corrections.example.eu`,
          password: PASSWORD,
          organisation: 'FI',
          role: 'coordinator',
          displayName: key,
        })
      ).id;
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@handover-corrections.example.eu`, PASSWORD);
    }
  });
  afterAll(() => server?.close());

  it('a retracted note no longer waits for the incoming officer, a corrected one reads as corrected', async () => {
    const incident = await as.day!.post<Incident>('/api/incidents', {
      title: 'Estlink 2 outage, handovers put right',
      reportedBy: 'FI',
      occurredAt: '2026-11-02T07:00:00+02:00',
      impacts: [{ memberState: 'FI', level: 'significant' }],
    });
    const id = incident.body.id;
    const write = async (changed: string) => {
      const h = await as.day!.post<Handover>(`/api/incidents/${id}/handovers`, {
        changed,
        incomingUserId: ids.night,
      });
      expect(h.status, JSON.stringify(h.body)).toBe(201);
      return h.body.id;
    };
    const wrong = await write('Meant for another incident');
    const kept = await write('Second cable down at 06:40');
    const waiting = async () =>
      (await as.night!.get<{ items: Handover[] }>('/api/me/handovers')).body.items.map((h) => [
        h.id,
        h.changed,
      ]);
    expect(await waiting()).toEqual([
      [kept, 'Second cable down at 06:40'],
      [wrong, 'Meant for another incident'],
    ]);

    const retracted = await as.day!.post(`/api/incidents/${id}/entries/${wrong}/retraction`, {
      reason: 'Wrong incident',
    });
    expect(retracted.status, JSON.stringify(retracted.body)).toBe(201);
    const corrected = await as.day!.post(`/api/incidents/${id}/entries`, {
      kind: 'note',
      text: 'Second cable down at 06:10',
      marking: 'TLP:AMBER+STRICT',
      audience: ['FI'],
      supersedes: kept,
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(201);

    expect(await waiting()).toEqual([[kept, 'Second cable down at 06:10']]);
    const listed = await as.day!.get<{ items: Handover[] }>(`/api/incidents/${id}/handovers`);
    expect(listed.body.items.map((h) => h.id)).toEqual([kept]);
    expect((await as.night!.post(`/api/incidents/${id}/handovers/${wrong}/acknowledge`, {})).status).toBe(
      404,
    );

    // An acknowledgement given by mistake, retracted, leaves the note waiting again.
    const ack = await as.night!.post<Handover>(`/api/incidents/${id}/handovers/${kept}/acknowledge`, {
      note: 'Taken over',
    });
    expect(ack.status).toBe(201);
    expect(await waiting()).toEqual([]);
    const log = await as.night!.get<{ items: Entry[] }>(`/api/incidents/${id}/entries`);
    const ackEntry = log.body.items.find((e) => e.kind === 'shift-handover-acknowledged')!;
    const unack = await as.night!.post(`/api/incidents/${id}/entries/${ackEntry.id}/retraction`, {
      reason: 'Not my shift',
    });
    expect(unack.status, JSON.stringify(unack.body)).toBe(201);
    expect(await waiting()).toEqual([[kept, 'Second cable down at 06:10']]);
  });
});
