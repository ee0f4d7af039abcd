/*
 * A sitrep's first draft lists the requests for assistance every reader of it may see, and how far their help has
 * come; a request shared with fewer organisations than the sitrep reaches stays out of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { AssistanceOffer, AssistanceRequest } from '../assistance/model.js';
import type { Incident } from '../incidents/model.js';
import type { Sitrep } from './model.js';

describe.each(engines())('the needs in a sitrep draft on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  let incidentId: string;

  beforeAll(async () => {
    server = await startTestServer({ engine });
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
    const incident = await as.ee!.post<Incident>('/api/incidents', {
      title: 'Narva substation down',
      reportedBy: 'EE',
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      impacts: [{ memberState: 'EE', level: 'significant' }],
    });
    expect(incident.status).toBe(201);
    incidentId = incident.body.id;
    const base = `/api/incidents/${incidentId}/assistance`;
    const ask = async (fields: Record<string, unknown>) => {
      const res = await as.ee!.post<AssistanceRequest>(`${base}/requests`, {
        quantity: 2,
        location: { country: 'EE', place: 'Narva' },
        neededFrom: '2026-11-28T18:00:00Z',
        priority: 'urgent',
        ...fields,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id;
    };
    const generators = await ask({ category: 'power-generators', unit: 'MW', marking: 'TLP:GREEN' });
    await ask({
      category: 'experts',
      unit: 'people',
      description: 'Protection engineers for the Narva relay room',
      marking: 'TLP:AMBER',
      audience: ['ERCC'],
    });
    const offer = await as.fi!.post<AssistanceOffer>(`${base}/offers`, {
      requestId: generators,
      category: 'power-generators',
      what: 'Two 1 MW generators',
      quantity: 2,
      unit: 'MW',
      location: { country: 'FI', place: 'Kotka' },
      availableFrom: '2026-11-28T12:00:00Z',
      costs: 'free-of-charge',
      marking: 'TLP:GREEN',
    });
    expect(offer.status).toBe(201);
    const accepted = await as.ee!.post(`${base}/requests/${generators}/steps`, {
      offerId: offer.body.id,
      step: 'accepted',
    });
    expect(accepted.status).toBe(201);
  });
  afterAll(() => server?.close());

  const needsOf = async (audience: string[]) => {
    const draft = await as.ee!.post<Sitrep>(`/api/incidents/${incidentId}/sitreps`, { audience });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    return draft.body.sections.find((s) => s.key === 'needs')!.text;
  };

  it('lists what every reader sees, and the narrowly shared request only for those it reaches', async () => {
    const forFinland = await needsOf(['EE', 'FI']);
    expect(forFinland).toBe(
      '- Estonia requests 2 MW of power generators at Narva (urgent), needed from 2026-11-28 18:00 UTC: accepted, 2 of 2 MW covered',
    );
    const forErcc = await needsOf(['EE', 'ERCC']);
    expect(forErcc.split('\n')).toHaveLength(2);
    expect(forErcc).toContain('2 people of experts at Narva');
  });
});
