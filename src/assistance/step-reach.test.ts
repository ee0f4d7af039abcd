/*
 * A step moves one offer along for one request, so it reaches those who see both: an acceptance a state writes for
 * a request it shared narrowly does not travel as far as the offer it takes help from (a standing offer to everyone,
 * or an answer its offerer shared more widely than the request).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Entry } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';
import { defaultAudience } from '../sharing/entries.js';
import type { AssistanceOffer, AssistanceRequest, IncidentAssistance } from './model.js';

const NOTE = 'For the Narva hospital, on generator bay 3';
const OTHER_NOTE = 'For the Tartu data centre, second feed';

describe.each(engines())('how far an assistance step reaches on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  let incidentId: string;
  let base: string;

  beforeAll(async () => {
    server = await startTestServer({ engine, clock: new ManualClock('2026-11-28T09:00:00.000Z') });
    for (const organisation of ['EE', 'FI', 'LV', 'ENISA', 'ERCC']) {
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
      occurredAt: '2026-11-28T06:00:00Z',
      impacts: [{ memberState: 'EE', level: 'significant' }],
    });
    expect(incident.status).toBe(201);
    incidentId = incident.body.id;
    base = `/api/incidents/${incidentId}/assistance`;
  });
  afterAll(() => server?.close());

  const ask = async (audience: string[]) => {
    const res = await as.ee!.post<AssistanceRequest>(`${base}/requests`, {
      category: 'power-generators',
      quantity: 2,
      unit: 'MW',
      location: { country: 'EE', place: 'Narva' },
      neededFrom: '2026-11-28T18:00:00Z',
      priority: 'urgent',
      marking: 'TLP:AMBER',
      audience,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id;
  };
  const offer = async (who: string, fields: Record<string, unknown>) => {
    const res = await as[who]!.post<AssistanceOffer>(`${base}/offers`, {
      category: 'power-generators',
      what: 'Generators',
      quantity: 3,
      unit: 'MW',
      location: { country: 'FI', place: 'Kotka' },
      availableFrom: '2026-11-28T08:00:00Z',
      costs: 'free-of-charge',
      marking: 'TLP:GREEN',
      ...fields,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id;
  };
  const accept = async (requestId: string, offerId: string, note: string) => {
    const res = await as.ee!.post(`${base}/requests/${requestId}/steps`, {
      offerId,
      step: 'accepted',
      quantity: 2,
      note,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  };
  const stepsSeenBy = async (who: string) =>
    (
      await as[who]!.get<{ items: Entry[] }>(`/api/incidents/${incidentId}/entries?kind=assistance-step`)
    ).body.items.filter((e) => e.kind === 'assistance-step');
  const everythingSeenBy = async (who: string) =>
    JSON.stringify([
      (await as[who]!.get<{ items: Entry[] }>(`/api/incidents/${incidentId}/entries`)).body,
      (await as[who]!.get<IncidentAssistance>(base)).body,
    ]);

  it('an acceptance from a standing offer to everyone reaches only those who also see the request', async () => {
    const requestId = await ask(['FI', 'ERCC']);
    const pool = await offer('fi', { what: 'Generator pool in Kotka' });
    await accept(requestId, pool, NOTE);

    for (const who of ['ee', 'fi', 'ercc']) {
      const steps = await stepsSeenBy(who);
      expect(steps, who).toHaveLength(1);
      expect(steps[0]!.marking).toBe('TLP:AMBER');
    }
    for (const who of ['lv', 'enisa']) {
      expect(await stepsSeenBy(who), who).toEqual([]);
      expect(await everythingSeenBy(who), who).not.toContain(NOTE);
    }
    // The standing offer itself is still everyone's to see.
    const lv = await as.lv!.get<IncidentAssistance>(base);
    expect(lv.body.standingOffers.map((o) => o.id)).toContain(pool);
  });

  it('an acceptance of an answer its offerer shared more widely reaches no further than the request', async () => {
    const requestId = await ask(['ENISA']);
    const answer = await offer('enisa', {
      requestId,
      what: 'Generators through the Cybersecurity Reserve',
      location: { country: 'GR', place: 'Athens' },
      audience: defaultAudience(),
    });
    await accept(requestId, answer, OTHER_NOTE);

    const step = (await stepsSeenBy('enisa')).find(
      (e) => (e.body as { offerId?: string }).offerId === answer,
    );
    expect(step).toBeDefined();
    expect(await stepsSeenBy('ee')).toHaveLength(2);
    for (const who of ['fi', 'lv', 'ercc']) {
      expect(
        (await stepsSeenBy(who)).map((e) => e.id),
        who,
      ).not.toContain(step!.id);
      expect(await everythingSeenBy(who), who).not.toContain(OTHER_NOTE);
    }
  });
});
