import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';
import type { Disinformation, IncidentDisinformation } from './disinformation-model.js';

const HOUR = 3600_000;

// A logged narrative is an entry like any other: retracting it (it was no false narrative after all) takes it off
// the disinformation log for everyone who had it, while a correction leaves it listed beside the correcting note.
describe.each(engines())('a retracted narrative in the disinformation log on %s', (engine) => {
  let server: TestServer;
  const clock = new ManualClock(Date.now());
  const as: Record<string, ApiClient> = {};

  beforeAll(async () => {
    server = await startTestServer({ engine, clock });
    for (const [key, organisation] of [
      ['fi', 'FI'],
      ['ee', 'EE'],
    ] as const) {
      await server.createUser({
        email: `${key}@retracted.example.eu`,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
      });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@retracted.example.eu`, PASSWORD);
    }
  });
  afterAll(() => server?.close());

  it('leaves the log once retracted, and stays listed when corrected', async () => {
    const created = await as.fi!.post<Incident>('/api/incidents', {
      title: 'Baltic grid disturbance',
      reportedBy: 'FI',
      occurredAt: new Date(clock.now().getTime() - HOUR).toISOString(),
      impacts: [{ memberState: 'FI', level: 'significant' }],
    });
    const id = created.body.id;
    const log = async (narrative: string) => {
      const posted = await as.fi!.post<Disinformation>(`/api/incidents/${id}/disinformation`, {
        narrative,
        platforms: ['Telegram'],
        countries: ['FI', 'EE'],
        observedSince: new Date(clock.now().getTime() - HOUR).toISOString(),
        reach: 'medium',
        marking: 'TLP:GREEN',
      });
      expect(posted.status, JSON.stringify(posted.body)).toBe(201);
      return posted.body.id;
    };
    const withdrawn = await log('The outage was staged');
    const corrected = await log('Prices were raised on purpose');
    const listed = async (who: string) =>
      (await as[who]!.get<IncidentDisinformation>(`/api/incidents/${id}/disinformation`)).body.items.map(
        (d) => d.narrative,
      );
    expect((await listed('ee')).sort()).toEqual(['Prices were raised on purpose', 'The outage was staged']);

    const retraction = await as.fi!.post(`/api/incidents/${id}/entries/${withdrawn}/retraction`, {
      reason: 'A real statement, not a false narrative',
    });
    expect(retraction.status, JSON.stringify(retraction.body)).toBe(201);
    const correction = await as.fi!.post(`/api/incidents/${id}/entries`, {
      kind: 'note',
      text: 'Seen on two more channels since',
      marking: 'TLP:GREEN',
      supersedes: corrected,
    });
    expect(correction.status, JSON.stringify(correction.body)).toBe(201);

    for (const who of ['fi', 'ee']) expect(await listed(who), who).toEqual(['Prices were raised on purpose']);
  });
});
