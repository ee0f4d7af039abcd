/*
 * ERCC's board and the incident's assistance panel read in a number of queries that does not grow with the number of
 * requests, offers and steps (no query per request or per incident). These are counts, not timings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Incident } from '../incidents/model.js';
import type { AssistanceOffer, AssistanceRequest, IncidentAssistance } from './model.js';

/** The session check and the one query for the entries with their reach and incidents; the panel also reads its incident. */
const AT_MOST = { board: 3, panel: 6 };

describe.each(engines())('queries of the assistance board on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  const incidents: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ engine, env: { SESSION_IDLE_MINUTES: '240' } });
    for (const organisation of ['EE', 'FI', 'ERCC']) {
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

  async function queriesOf<T>(run: () => Promise<T>): Promise<{ count: number; result: T }> {
    await server.platform.accessLog.flush();
    const before = server.platform.db.queries.count;
    const result = await run();
    return { count: server.platform.db.queries.count - before, result };
  }

  /** A new incident with two requests, one answered, accepted and on its way, one with a relayed offer. */
  async function seed(i: number) {
    const incident = await as.ee!.post<Incident>('/api/incidents', {
      title: `Counted outage ${i}`,
      reportedBy: 'EE',
      occurredAt: '2026-11-28T06:00:00Z',
      impacts: [{ memberState: 'EE', level: 'significant' }],
    });
    expect(incident.status).toBe(201);
    const base = `/api/incidents/${incident.body.id}/assistance`;
    incidents.push(incident.body.id);
    for (const category of ['power-generators', 'spare-parts'] as const) {
      const asked = await as.ee!.post<AssistanceRequest>(`${base}/requests`, {
        category,
        quantity: 2,
        unit: 'units',
        location: { country: 'EE', place: 'Narva' },
        neededFrom: '2026-11-29T06:00:00Z',
        priority: 'urgent',
        marking: category === 'spare-parts' ? 'TLP:AMBER' : 'TLP:GREEN',
        ...(category === 'spare-parts' ? { audience: ['EE', 'ERCC', 'FI'] } : {}),
      });
      expect(asked.status).toBe(201);
      const offer = await (category === 'power-generators' ? as.fi! : as.ercc!).post<AssistanceOffer>(
        `${base}/offers`,
        {
          requestId: asked.body.id,
          category,
          what: 'What was asked for',
          quantity: 2,
          unit: 'units',
          location: { country: category === 'power-generators' ? 'FI' : 'NO', place: '' },
          availableFrom: '2026-11-28T12:00:00Z',
          costs: 'free-of-charge',
          marking: 'TLP:GREEN',
          ...(category === 'spare-parts' ? { onBehalfOf: 'NO' } : {}),
        },
      );
      expect(offer.status).toBe(201);
      if (category === 'power-generators') {
        const steps = `${base}/requests/${asked.body.id}/steps`;
        expect((await as.ee!.post(steps, { offerId: offer.body.id, step: 'accepted' })).status).toBe(201);
        expect((await as.fi!.post(steps, { offerId: offer.body.id, step: 'in-transit' })).status).toBe(201);
      }
    }
  }

  it('reads the board in the same number of queries for 4 and for 16 open requests', async () => {
    for (let i = 0; i < 2; i++) await seed(i);
    const few = await queriesOf(() => as.ercc!.get<{ items: AssistanceRequest[] }>('/api/assistance/board'));
    expect(few.result.status).toBe(200);
    expect(few.result.body.items).toHaveLength(4);
    for (let i = 2; i < 8; i++) await seed(i);
    const many = await queriesOf(() => as.ercc!.get<{ items: AssistanceRequest[] }>('/api/assistance/board'));
    expect(many.result.body.items).toHaveLength(16);
    expect(new Set(many.result.body.items.map((r) => r.incidentId)).size).toBe(8);
    // Each request comes with its offers and steps, though all were read at once.
    expect(many.result.body.items.filter((r) => r.status === 'in-transit')).toHaveLength(8);
    expect(
      many.result.body.items.filter((r) => r.offers.some((o) => o.offeringCountry === 'NO')),
    ).toHaveLength(8);
    expect(many.count).toBe(few.count);
    expect(many.count).toBeLessThanOrEqual(AT_MOST.board);
  }, 120_000);

  it('reads an incident’s assistance in a handful of queries', async () => {
    const panel = await queriesOf(() =>
      as.fi!.get<IncidentAssistance>(`/api/incidents/${incidents[0]}/assistance`),
    );
    expect(panel.result.status).toBe(200);
    expect(panel.result.body.items).toHaveLength(2);
    expect(panel.count).toBeLessThanOrEqual(AT_MOST.panel);
  });
});
