import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';

// 2026 H2: Ireland holds the Council Presidency.
const NOW = '2026-11-02T09:00:00.000Z';
type ErrorBody = { error: { code: string; message: string; field?: string } };

/** Every write of the response answers bad input with a 400 that names the field, and writes nothing. */
describe.each(engines())('bad input to the response routes on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  let id = '';

  beforeAll(async () => {
    server = await startTestServer({ engine, clock: new ManualClock(NOW) });
    for (const organisation of ['FI', 'IE']) {
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
    const incident = await as.fi!.post<Incident>('/api/incidents', {
      title: 'Gulf of Finland cable cut',
      reportedBy: 'FI',
      occurredAt: '2026-11-02T07:00:00+02:00',
      impacts: [{ memberState: 'FI', level: 'significant' }],
    });
    id = incident.body.id;
  });
  afterAll(() => server?.close());

  const cases: ReadonlyArray<
    [what: string, who: string, method: string, path: () => string, body: unknown, field: string]
  > = [
    [
      'an availability not in the list',
      'fi',
      'PUT',
      () => '/api/member-states/FI/availability',
      { availability: 'busy' },
      'availability',
    ],
    [
      'a decision at an unknown level',
      'fi',
      'POST',
      () => `/api/incidents/${id}/decisions`,
      { level: 'tactical', decidedBy: 'FI', what: 'x' },
      'level',
    ],
    [
      'an action without a title',
      'fi',
      'POST',
      () => `/api/incidents/${id}/actions`,
      { ownerOrganisation: 'FI' },
      'title',
    ],
    [
      'an action due at no time',
      'fi',
      'POST',
      () => `/api/incidents/${id}/actions`,
      { title: 'x', ownerOrganisation: 'FI', dueAt: 'tomorrow' },
      'dueAt',
    ],
    [
      'a meeting with nobody invited',
      'fi',
      'POST',
      () => `/api/incidents/${id}/meetings`,
      {
        title: 'Call',
        format: 'technical-call',
        startsAt: '2026-11-02T12:00:00Z',
        endsAt: '2026-11-02T13:00:00Z',
        invited: [],
      },
      'invited',
    ],
    [
      'a meeting of an unknown format',
      'fi',
      'POST',
      () => `/api/incidents/${id}/meetings`,
      {
        title: 'Call',
        format: 'party',
        startsAt: '2026-11-02T12:00:00Z',
        endsAt: '2026-11-02T13:00:00Z',
        invited: ['FI'],
      },
      'format',
    ],
    [
      'a handover that says nothing changed',
      'fi',
      'POST',
      () => `/api/incidents/${id}/handovers`,
      { changed: '  ' },
      'changed',
    ],
    [
      'an ISAA report without questions',
      'ie',
      'POST',
      () => `/api/incidents/${id}/isaa`,
      { title: 'Baltic cables', audience: ['FI'], questions: [] },
      'questions',
    ],
    [
      'an ISAA report without readers',
      'ie',
      'POST',
      () => `/api/incidents/${id}/isaa`,
      { title: 'Baltic cables', audience: [], questions: ['Who?'] },
      'audience',
    ],
    [
      'a forward to no mechanism',
      'fi',
      'POST',
      () => `/api/incidents/${id}/entries/${id}/forwards`,
      {},
      'mechanism',
    ],
    [
      'an engagement of an unknown mechanism',
      'fi',
      'POST',
      () => `/api/incidents/${id}/mechanisms`,
      { mechanism: 'nope', state: 'requested' },
      'mechanism',
    ],
  ];

  it.each(cases)(
    '%s: 400 naming the field, nothing written',
    async (_what, who, method, path, body, field) => {
      const before = (await as.fi!.get<{ items: unknown[] }>(`/api/incidents/${id}/entries`)).body.items
        .length;
      const res = await as[who]!.request<ErrorBody>(method, path(), body);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ field });
      expect(res.body.error.message.length).toBeGreaterThan(0);
      expect(
        (await as.fi!.get<{ items: unknown[] }>(`/api/incidents/${id}/entries`)).body.items,
      ).toHaveLength(before);
    },
  );
});
