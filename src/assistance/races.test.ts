/*
 * Assistance commands racing each other on a real server: several acceptances of one standing offer sent at the same
 * moment on separate connections never commit more than it holds, and one offer is accepted once however many
 * times it is accepted at once. On PostgreSQL the requests run truly in parallel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Entry } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';
import type { AssistanceOffer, AssistanceRequest, IncidentAssistance } from './model.js';

const AFFECTED = ['EE', 'LV', 'LT'];

describe.each(engines())('assistance commands racing each other on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  const trials = engine === 'postgres' ? 8 : 3;
  let base: string;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    for (const organisation of [...AFFECTED, 'FI', 'ERCC']) {
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
      title: 'Baltic grid split',
      reportedBy: 'EE',
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      impacts: [{ memberState: 'EE', level: 'significant' }],
    });
    expect(incident.status).toBe(201);
    for (const state of ['LV', 'LT']) {
      const own = await as[state.toLowerCase()]!.post(`/api/incidents/${incident.body.id}/assessments`, {
        memberState: state,
        level: 'significant',
      });
      expect(own.status).toBe(201);
    }
    base = `/api/incidents/${incident.body.id}/assistance`;
  });
  afterAll(() => server?.close());

  const ask = async (state: string, quantity = 2) => {
    const res = await as[state.toLowerCase()]!.post<AssistanceRequest>(`${base}/requests`, {
      category: 'power-generators',
      quantity,
      unit: 'MW',
      location: { country: state, place: '' },
      neededFrom: new Date(Date.now() + 3_600_000).toISOString(),
      priority: 'urgent',
      marking: 'TLP:GREEN',
    });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const offer = async (requestId: string | undefined, quantity: number) => {
    const res = await as.fi!.post<AssistanceOffer>(`${base}/offers`, {
      requestId,
      category: 'power-generators',
      what: requestId ? 'Generators for this request' : 'Generator pool in Kotka',
      quantity,
      unit: 'MW',
      location: { country: 'FI', place: 'Kotka' },
      availableFrom: new Date(Date.now() - 60_000).toISOString(),
      costs: 'free-of-charge',
      marking: 'TLP:GREEN',
    });
    expect(res.status).toBe(201);
    return res.body.id;
  };

  it('three states accepting 2 MW each of a 3 MW standing offer at once: one gets it, the others are told what is left', async () => {
    for (let trial = 0; trial < trials; trial++) {
      const requests = await Promise.all(AFFECTED.map((state) => ask(state)));
      const pool = await offer(undefined, 3);
      const answers = await Promise.all(
        AFFECTED.map((state, i) =>
          as[state.toLowerCase()]!.post<{ error?: { code: string } }>(
            `${base}/requests/${requests[i]}/steps`,
            {
              offerId: pool,
              step: 'accepted',
              quantity: 2,
            },
          ),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
      for (const refused of answers.filter((a) => a.status === 409))
        expect(refused.body.error?.code).toBe('over-committed');
      const view = (await as.ercc!.get<IncidentAssistance>(base)).body;
      expect(view.standingOffers.find((o) => o.id === pool)!.remaining).toBe(1);
      const held = view.items
        .filter((r) => requests.includes(r.id))
        .map((r) => r.offers.find((o) => o.id === pool)!.acceptedQuantity);
      expect(held.sort()).toEqual([0, 0, 2]);
    }
  }, 120_000);

  it('the same offer accepted twice at once is accepted once', async () => {
    for (let trial = 0; trial < trials; trial++) {
      const requestId = await ask('EE');
      const offerId = await offer(requestId, 2);
      const accept = () =>
        as.ee!.post<AssistanceRequest>(`${base}/requests/${requestId}/steps`, { offerId, step: 'accepted' });
      const answers = await Promise.all([accept(), accept(), accept()]);
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
      const steps = (
        await as.ee!.get<{ items: Entry[] }>(
          `${base.replace('/assistance', '')}/entries?kind=assistance-step`,
        )
      ).body.items.filter((e) => e.body.offerId === offerId);
      expect(steps).toHaveLength(1);
    }
  }, 120_000);

  it('FI marking in transit while ERCC corrects to deployed: both steps recorded in one order, the last one holds', async () => {
    for (let trial = 0; trial < trials; trial++) {
      const requestId = await ask('EE');
      const offerId = await offer(requestId, 2);
      const steps = `${base}/requests/${requestId}/steps`;
      expect((await as.ee!.post(steps, { offerId, step: 'accepted' })).status).toBe(201);
      const [fi, ercc] = await Promise.all([
        as.fi!.post<AssistanceRequest>(steps, { offerId, step: 'in-transit' }),
        as.ercc!.post<AssistanceRequest>(steps, { offerId, step: 'deployed' }),
      ]);
      // FI's step is in order only before ERCC's correction; ERCC's correction is valid either way.
      expect(ercc.status).toBe(201);
      const after = (await as.ee!.get<IncidentAssistance>(base)).body.items
        .find((r) => r.id === requestId)!
        .offers.find((o) => o.id === offerId)!;
      if (fi.status === 201) {
        expect(after.steps.map((s) => s.step)).toEqual(['accepted', 'in-transit', 'deployed']);
        // ERCC setting the offerer's step is a correction even in order: it is someone else's to set.
        expect(after.steps.map((s) => s.correction)).toEqual([false, false, true]);
      } else {
        expect(fi.status).toBe(409);
        expect(after.steps.map((s) => s.step)).toEqual(['accepted', 'deployed']);
        expect(after.steps.map((s) => s.correction)).toEqual([false, true]);
      }
      expect(after.status).toBe('deployed');
    }
  }, 120_000);
});
