import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Entry } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';
import type { AssistanceOffer, AssistanceRequest, IncidentAssistance } from './model.js';

// A request or an offer has no command that withdraws or rewords it: the log's retraction and correction put a
// wrong one right, and the incident's list and ERCC's board follow them. A step is put right by another step.
describe.each(engines())('corrections and retractions of assistance on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  let incidentId = '';

  beforeAll(async () => {
    server = await startTestServer({ engine, clock: new ManualClock('2026-11-28T09:00:00.000Z') });
    for (const organisation of ['EE', 'FI', 'ERCC']) {
      const key = organisation.toLowerCase();
      await server.createUser({
        email: `${key}@assistance-corrections.example.eu`,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
      });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@assistance-corrections.example.eu`, PASSWORD);
    }
    const created = await as.ee!.post<Incident>('/api/incidents', {
      title: 'Narva substation down, assistance put right',
      reportedBy: 'EE',
      occurredAt: '2026-11-28T06:00:00Z',
      impacts: [{ memberState: 'EE', level: 'significant' }],
    });
    incidentId = created.body.id;
  });
  afterAll(() => server?.close());

  const base = () => `/api/incidents/${incidentId}/assistance`;
  const request = (description: string) =>
    as.ee!.post<AssistanceRequest>(`${base()}/requests`, {
      category: 'power-generators',
      description,
      quantity: 2,
      unit: 'MW',
      location: { country: 'EE', place: 'Narva' },
      neededFrom: '2026-11-28T18:00:00Z',
      priority: 'urgent',
      ucpm: { formal: false },
      marking: 'TLP:GREEN',
    });
  const retract = async (who: string, entryId: string) => {
    const r = await as[who]!.post(`/api/incidents/${incidentId}/entries/${entryId}/retraction`, {
      reason: 'Recorded by mistake',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  };

  it('drops a retracted request or offer everywhere, shows a corrected description, refuses a step (409)', async () => {
    const kept = await request('Generators for the water works');
    const wrong = await request('Generators for the wrong town');
    expect([kept.status, wrong.status]).toEqual([201, 201]);
    const offer = await as.fi!.post<AssistanceOffer>(`${base()}/offers`, {
      requestId: kept.body.id,
      category: 'power-generators',
      what: 'Two 1 MW generators',
      quantity: 2,
      unit: 'MW',
      location: { country: 'FI', place: 'Kotka' },
      availableFrom: '2026-11-28T12:00:00Z',
      conditions: '',
      costs: 'free-of-charge',
      marking: 'TLP:GREEN',
    });
    expect(offer.status, JSON.stringify(offer.body)).toBe(201);
    const accepted = await as.ee!.post<AssistanceRequest>(`${base()}/requests/${kept.body.id}/steps`, {
      offerId: offer.body.id,
      step: 'accepted',
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    expect(accepted.body.status).toBe('accepted');

    // The step is put right by another step, not by the log.
    const log = await as.ee!.get<{ items: Entry[] }>(`/api/incidents/${incidentId}/entries`);
    const stepEntry = log.body.items.find((e) => e.kind === 'assistance-step')!;
    const refused = await as.ee!.post(`/api/incidents/${incidentId}/entries/${stepEntry.id}/retraction`, {
      reason: 'Accepted by mistake',
    });
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: 'assistance-step', field: 'supersedes' } });
    expect((refused.body as { error: { message: string } }).error.message).toContain('/steps');

    await retract('ee', wrong.body.id);
    await retract('fi', offer.body.id);
    const corrected = await as.ee!.post(`/api/incidents/${incidentId}/entries`, {
      kind: 'note',
      text: 'Generators for the Narva water works and hospital',
      marking: 'TLP:GREEN',
      supersedes: kept.body.id,
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(201);

    for (const who of ['ee', 'fi', 'ercc']) {
      const listed = await as[who]!.get<IncidentAssistance>(base());
      expect(listed.body.items.map((r) => [r.id, r.description, r.status, r.offers.length])).toEqual([
        [kept.body.id, 'Generators for the Narva water works and hospital', 'requested', 0],
      ]);
    }
    const board = await as.ercc!.get<{ items: AssistanceRequest[] }>('/api/assistance/board');
    expect(board.body.items.filter((r) => r.incidentId === incidentId).map((r) => [r.id, r.status])).toEqual([
      [kept.body.id, 'requested'],
    ]);
  });
});
