import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Incident } from '../incidents/model.js';
import type { Entry } from './model.js';

/**
 * A new entry's incident may be known from an earlier write (it exists; whether it is an exercise): what may change
 * about it, its release to NATO, is still read when the entry asks for it.
 */
describe.each(engines())('writing to an incident known from earlier writes on %s', (engine) => {
  let server: TestServer;
  let fi: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    await server.createUser({
      email: 'fi@example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
    });
    fi = new ApiClient(server.url);
    await fi.login('fi@example.eu', PASSWORD);
  });
  afterAll(() => server?.close());

  it('sees the release to NATO made after the incident became known, and an unknown incident stays unknown', async () => {
    const incident = (
      await fi.post<Incident>('/api/incidents', {
        title: 'Baltic cable damage',
        reportedBy: 'FI',
        occurredAt: '2026-11-28T08:00:00Z',
      })
    ).body;
    const note = (body: Record<string, unknown>) =>
      fi.post<Entry & { error?: { field?: string } }>(`/api/incidents/${incident.id}/entries`, {
        kind: 'note',
        text: 'Repair vessel requested',
        marking: 'TLP:CLEAR',
        ...body,
      });
    // The first writes make the incident known; asking for NATO is refused while it is not released.
    expect((await note({})).status).toBe(201);
    expect((await note({})).status).toBe(201);
    const early = await note({ releasableToNato: true });
    expect(early.status).toBe(400);
    expect(early.body.error?.field).toBe('releasableToNato');

    // The reporter releases the incident by its first report; the next entry may go to NATO at once.
    const entries = await fi.get<{ items: Entry[] }>(`/api/incidents/${incident.id}/entries`);
    const report = entries.body.items.find((e) => e.kind === 'report')!;
    const released = await fi.post(`/api/incidents/${incident.id}/entries/${report.id}/reach`, {
      marking: report.marking,
      audience: report.audience,
      releasableToNato: true,
    });
    expect(released.status).toBe(200);
    const late = await note({ releasableToNato: true });
    expect(late.status).toBe(201);
    expect(late.body.releasableToNato).toBe(true);

    expect(
      (
        await fi.post('/api/incidents/01900000-0000-7000-8000-000000000000/entries', {
          kind: 'note',
          text: 'nowhere',
          marking: 'TLP:CLEAR',
        })
      ).status,
    ).toBe(404);
  });
});
