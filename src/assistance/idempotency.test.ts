/*
 * The assistance commands retried with one Idempotency-Key, all at once on separate connections: one request, one
 * offer and one acceptance are written, and every retry gets the first answer (an acceptance retried without the key
 * would be refused as already accepted).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import {
  ApiClient,
  type ApiResponse,
  PASSWORD,
  startTestServer,
  type TestServer,
} from '../../test/support/server.js';
import type { Entry } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';
import type { AssistanceOffer, AssistanceRequest } from './model.js';

const PARALLEL = 12;

function burst<T>(send: () => Promise<ApiResponse<T>>): Promise<Array<ApiResponse<T>>> {
  return Promise.all(Array.from({ length: PARALLEL }, send));
}

/** Every answer is the first one, all but one marked as replays. */
function expectOneAnswer<T>(responses: Array<ApiResponse<T>>, status: number): void {
  expect(responses.map((r) => r.status)).toEqual(responses.map(() => status));
  for (const r of responses) expect(r.body).toEqual(responses[0]!.body);
  expect(responses.filter((r) => r.headers.get('idempotent-replay') !== 'true')).toHaveLength(1);
}

describe.each(engines())('assistance commands retried with one Idempotency-Key on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  let incidentId: string;
  let base: string;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    for (const organisation of ['EE', 'FI']) {
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
    const incident = await as.ee!.post<Incident>('/api/incidents', {
      title: 'Narva substation down',
      reportedBy: 'EE',
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      impacts: [{ memberState: 'EE', level: 'significant' }],
    });
    expect(incident.status).toBe(201);
    incidentId = incident.body.id;
    base = `/api/incidents/${incidentId}/assistance`;
  });
  afterAll(() => server?.close());

  const kinds = async () =>
    (await as.ee!.get<{ items: Entry[] }>(`/api/incidents/${incidentId}/entries`)).body.items
      .map((e) => e.kind)
      .filter((k) => k.startsWith('assistance-'));

  it('writes one request, one offer and one acceptance however often each is sent', async () => {
    // Each retry sends the very same body: the times are taken once.
    const neededFrom = new Date(Date.now() + 3_600_000).toISOString();
    const availableFrom = new Date(Date.now() - 60_000).toISOString();
    const asked = await burst(() =>
      as.ee!.post<AssistanceRequest>(
        `${base}/requests`,
        {
          category: 'power-generators',
          quantity: 2,
          unit: 'MW',
          location: { country: 'EE', place: 'Narva' },
          neededFrom,
          priority: 'urgent',
          marking: 'TLP:GREEN',
        },
        { 'idempotency-key': 'ask-generators' },
      ),
    );
    expectOneAnswer(asked, 201);
    const requestId = asked[0]!.body.id;

    const offered = await burst(() =>
      as.fi!.post<AssistanceOffer>(
        `${base}/offers`,
        {
          requestId,
          category: 'power-generators',
          what: 'Two 1 MW generators',
          quantity: 2,
          unit: 'MW',
          location: { country: 'FI', place: 'Kotka' },
          availableFrom,
          costs: 'free-of-charge',
          marking: 'TLP:GREEN',
        },
        { 'idempotency-key': 'offer-generators' },
      ),
    );
    expectOneAnswer(offered, 201);

    const accepted = await burst(() =>
      as.ee!.post<AssistanceRequest>(
        `${base}/requests/${requestId}/steps`,
        { offerId: offered[0]!.body.id, step: 'accepted' },
        { 'idempotency-key': 'accept-fi' },
      ),
    );
    expectOneAnswer(accepted, 201);
    expect(accepted[0]!.body.status).toBe('accepted');
    expect(await kinds()).toEqual(['assistance-request', 'assistance-offer', 'assistance-step']);

    // Without the key, the same acceptance again is a new command, refused: the offer is already accepted.
    const again = await as.ee!.post<{ error: { code: string; field?: string } }>(
      `${base}/requests/${requestId}/steps`,
      { offerId: offered[0]!.body.id, step: 'accepted' },
    );
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'unchanged', field: 'step' });
  });
});
