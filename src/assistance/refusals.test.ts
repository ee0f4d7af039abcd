import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';
import type { AssistanceOffer, AssistanceRequest, IncidentAssistance } from './model.js';

const NOW = '2026-11-28T09:00:00.000Z';

/**
 * A refused acceptance tells the caller only what it may know: what is left of a standing offer counts acceptances
 * by other requests, which may lie outside the caller's reach.
 */
describe.each(engines())('what an assistance refusal says on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  let base: string;

  beforeAll(async () => {
    server = await startTestServer({ engine, clock: new ManualClock(NOW) });
    for (const organisation of ['EE', 'LV', 'FI']) {
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
      occurredAt: '2026-11-28T06:00:00Z',
      impacts: [{ memberState: 'EE', level: 'significant' }],
    });
    expect(incident.status).toBe(201);
    expect(
      (
        await as.lv!.post(`/api/incidents/${incident.body.id}/assessments`, {
          memberState: 'LV',
          level: 'significant',
        })
      ).status,
    ).toBe(201);
    base = `/api/incidents/${incident.body.id}/assistance`;
  });
  afterAll(() => server?.close());

  const ask = async (who: string, alsoTo: string[] = []) => {
    const res = await as[who]!.post<AssistanceRequest>(`${base}/requests`, {
      category: 'power-generators',
      quantity: 2,
      unit: 'MW',
      location: { country: who.toUpperCase(), place: '' },
      neededFrom: '2026-11-28T18:00:00Z',
      priority: 'urgent',
      marking: 'TLP:AMBER',
      audience: [who.toUpperCase(), 'FI', ...alsoTo],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id;
  };

  const pool = async () => {
    const res = await as.fi!.post<AssistanceOffer>(`${base}/offers`, {
      category: 'power-generators',
      what: 'Generator pool in Kotka',
      quantity: 3,
      unit: 'MW',
      location: { country: 'FI', place: 'Kotka' },
      availableFrom: '2026-11-28T08:00:00Z',
      costs: 'free-of-charge',
      marking: 'TLP:AMBER',
      audience: ['FI', 'EE', 'LV'],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id;
  };
  const accept = (who: string, requestId: string, offerId: string) =>
    as[who]!.post<{ error: { code: string; message: string; field?: string } }>(
      `${base}/requests/${requestId}/steps`,
      { offerId, step: 'accepted', quantity: 2 },
    );
  const shownTo = async (who: string, requestId: string, offerId: string) =>
    (await as[who]!.get<IncidentAssistance>(base)).body.items
      .find((r) => r.id === requestId)!
      .offers.find((o) => o.id === offerId)!.available;

  it('does not tell LV how much of a standing offer an acceptance out of its reach took', async () => {
    const eeRequest = await ask('ee');
    const offerId = await pool();
    expect((await accept('ee', eeRequest, offerId)).status).toBe(201);
    // EE's request reaches FI alone, so its acceptance from the pool does too: LV sees the pool, not the step.
    const steps = await as.lv!.get<{ items: Array<{ kind: string }> }>(
      `${base.replace('/assistance', '/entries')}?kind=assistance-step`,
    );
    expect(steps.body.items).toEqual([]);

    const lvRequest = await ask('lv');
    expect(await shownTo('lv', lvRequest, offerId)).toBe(3);
    const refused = await accept('lv', lvRequest, offerId);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({
      code: 'over-committed',
      field: 'quantity',
      message: 'quantity: other requests hold part of this standing offer; less than that is left of it',
    });
    expect(refused.body.error.message).not.toMatch(/\d/);
  });

  it('still tells a caller what is left when its own view already shows it', async () => {
    // LV sees EE's request, so it sees EE's acceptance from the pool as well (a step reaches who sees both).
    const eeRequest = await ask('ee', ['LV']);
    const lvRequest = await ask('lv');
    const offerId = await pool();
    expect((await accept('ee', eeRequest, offerId)).status).toBe(201);
    expect(await shownTo('lv', lvRequest, offerId)).toBe(1);
    const refused = await accept('lv', lvRequest, offerId);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('quantity: only 1 MW are left of this standing offer');
  });
});
