import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Entry } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';
import type { AssistanceOffer, AssistanceRequest, IncidentAssistance } from './model.js';

const NOW = '2026-11-28T09:00:00.000Z';

describe.each(engines())('technical support and assistance over HTTP on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  const clock = new ManualClock(NOW);
  let incidentId: string;

  beforeAll(async () => {
    server = await startTestServer({ engine, clock });
    for (const organisation of ['EE', 'FI', 'SE', 'LV', 'ERCC', 'ENISA']) {
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
    const created = await as.ee!.post<Incident>('/api/incidents', {
      title: 'Estlink outage, Narva substation down',
      reportedBy: 'EE',
      occurredAt: '2026-11-28T06:00:00Z',
      impacts: [{ memberState: 'EE', level: 'significant' }],
    });
    expect(created.status).toBe(201);
    incidentId = created.body.id;
  });
  afterAll(() => server?.close());

  const base = () => `/api/incidents/${incidentId}/assistance`;
  const generators = {
    category: 'power-generators',
    description: 'Mobile diesel generators for the Narva water works',
    quantity: 2,
    unit: 'MW',
    location: { country: 'EE', place: 'Narva' },
    neededFrom: '2026-11-28T18:00:00Z',
    neededUntil: '2026-12-05T18:00:00Z',
    priority: 'urgent',
    constraints: ['400 V three-phase', 'CE marked'],
    ucpm: { formal: true, cecisReference: 'CECIS-2026-1187' },
    marking: 'TLP:GREEN',
  };
  const offerFrom = (requestId: string | undefined, fields: Record<string, unknown> = {}) => ({
    requestId,
    category: 'power-generators',
    what: 'Two 1 MW diesel generators with operators',
    quantity: 2,
    unit: 'MW',
    location: { country: 'FI', place: 'Kotka' },
    availableFrom: '2026-11-28T12:00:00Z',
    conditions: 'Fuel provided by the requester',
    costs: 'free-of-charge',
    marking: 'TLP:GREEN',
    ...fields,
  });
  const step = (who: string, requestId: string, body: Record<string, unknown>) =>
    as[who]!.post<AssistanceRequest>(`${base()}/requests/${requestId}/steps`, body);

  it('lets EE request two 1 MW generators, FI and SE offer, EE accept FI’s, FI deliver and EE demobilise', async () => {
    const asked = await as.ee!.post<AssistanceRequest>(`${base()}/requests`, generators);
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ requestedBy: 'EE', status: 'requested', quantity: 2, unit: 'MW' });
    expect(asked.body.ucpm).toEqual({ formal: true, cecisReference: 'CECIS-2026-1187' });
    const requestId = asked.body.id;

    // Only an affected state asks: FI is not affected by this incident.
    expect((await as.fi!.post(`${base()}/requests`, generators)).status).toBe(403);
    // The requester does not offer to itself.
    expect((await as.ee!.post(`${base()}/offers`, offerFrom(requestId))).status).toBe(403);

    const fi = await as.fi!.post<AssistanceOffer>(`${base()}/offers`, offerFrom(requestId));
    expect(fi.status).toBe(201);
    clock.advance(60_000);
    const se = await as.se!.post<AssistanceOffer>(
      `${base()}/offers`,
      offerFrom(requestId, {
        what: 'One 1 MW generator',
        quantity: 1,
        location: { country: 'SE', place: 'Stockholm' },
        availableFrom: '2026-11-29T06:00:00Z',
      }),
    );
    expect(se.status).toBe(201);

    const listed = await as.ee!.get<IncidentAssistance>(base());
    expect(listed.status).toBe(200);
    const request = listed.body.items.find((r) => r.id === requestId)!;
    expect(request.status).toBe('offered');
    expect(request.offers.map((o) => [o.offeredBy, o.rank])).toEqual([
      ['FI', 1],
      ['SE', 2],
    ]);
    expect(request.offers[1]!.reasons).toContainEqual({ code: 'covers-part', quantity: 1, of: 2 });
    expect(request.offers[1]!.reasons).toContainEqual({ code: 'late', hours: 12 });
    expect(request.offers[0]!.nextSteps).toEqual(['accepted']);
    expect(listed.body.abilities.request).toBe(true);

    // FI cannot accept its own offer, nor skip to deployed before acceptance.
    expect((await step('fi', requestId, { offerId: fi.body.id, step: 'accepted' })).status).toBe(403);
    expect((await step('fi', requestId, { offerId: fi.body.id, step: 'in-transit' })).status).toBe(409);
    expect((await step('ee', requestId, { offerId: fi.body.id, step: 'accepted', quantity: 3 })).status).toBe(
      400,
    );

    clock.advance(60_000);
    const accepted = await step('ee', requestId, { offerId: fi.body.id, step: 'accepted' });
    expect(accepted.status).toBe(201);
    expect(accepted.body.status).toBe('accepted');
    expect(accepted.body.fulfilment).toEqual({ accepted: 2, requested: 2, complete: true });
    // The need is covered: SE's offer cannot be taken on top.
    expect((await step('ee', requestId, { offerId: se.body.id, step: 'accepted' })).status).toBe(400);

    expect((await step('ee', requestId, { offerId: fi.body.id, step: 'in-transit' })).status).toBe(403);
    // Sessions end after a while without use: the story moves in minutes.
    clock.advance(300_000);
    expect((await step('fi', requestId, { offerId: fi.body.id, step: 'in-transit' })).status).toBe(201);
    clock.advance(300_000);
    const deployed = await step('fi', requestId, {
      offerId: fi.body.id,
      step: 'deployed',
      note: 'Running at Narva',
    });
    expect(deployed.status).toBe(201);
    expect(deployed.body.status).toBe('deployed');

    // ERCC sees it on its board of open requests; others have no board.
    const board = await as.ercc!.get<{ items: AssistanceRequest[] }>('/api/assistance/board');
    expect(board.status).toBe(200);
    expect(board.body.items.find((r) => r.id === requestId)).toMatchObject({
      status: 'deployed',
      incidentTitle: 'Estlink outage, Narva substation down',
    });
    expect((await as.fi!.get('/api/assistance/board')).status).toBe(403);

    clock.advance(300_000);
    const done = await step('ee', requestId, { offerId: fi.body.id, step: 'demobilised' });
    expect(done.status).toBe(201);
    expect(done.body.status).toBe('demobilised');
    const fiOffer = done.body.offers.find((o) => o.id === fi.body.id)!;
    expect(fiOffer.steps.map((s) => [s.step, s.byOrganisation, s.correction, s.at])).toEqual([
      ['accepted', 'EE', false, '2026-11-28T09:02:00.000Z'],
      ['in-transit', 'FI', false, '2026-11-28T09:07:00.000Z'],
      ['deployed', 'FI', false, '2026-11-28T09:12:00.000Z'],
      ['demobilised', 'EE', false, '2026-11-28T09:17:00.000Z'],
    ]);
    // A demobilised request leaves the board.
    const after = await as.ercc!.get<{ items: AssistanceRequest[] }>('/api/assistance/board');
    expect(after.body.items.find((r) => r.id === requestId)).toBeUndefined();
    // The log carries the request, offers and steps as entries.
    const log = await as.ee!.get<{ items: Entry[] }>(`/api/incidents/${incidentId}/entries`);
    expect(log.body.items.filter((e) => e.kind.startsWith('assistance-')).map((e) => e.kind)).toEqual([
      'assistance-request',
      'assistance-offer',
      'assistance-offer',
      'assistance-step',
      'assistance-step',
      'assistance-step',
      'assistance-step',
    ]);
  });

  it('lets ERCC relay a third country’s offer, naming it, and correct a step, recorded as a correction', async () => {
    const asked = await as.ee!.post<AssistanceRequest>(`${base()}/requests`, {
      ...generators,
      category: 'cable-repair-vessel',
      quantity: 1,
      unit: 'vessel',
      ucpm: { formal: false },
    });
    expect(asked.status).toBe(201);
    const requestId = asked.body.id;
    // FI may not speak for Norway.
    expect(
      (
        await as.fi!.post(
          `${base()}/offers`,
          offerFrom(requestId, {
            category: 'cable-repair-vessel',
            unit: 'vessel',
            quantity: 1,
            onBehalfOf: 'NO',
          }),
        )
      ).status,
    ).toBe(403);
    const relayed = await as.ercc!.post<AssistanceOffer>(
      `${base()}/offers`,
      offerFrom(requestId, {
        category: 'cable-repair-vessel',
        what: 'Cable ship from Bergen',
        unit: 'vessel',
        quantity: 1,
        location: { country: 'NO', place: 'Bergen' },
        onBehalfOf: 'NO',
      }),
    );
    expect(relayed.status).toBe(201);
    expect(relayed.body).toMatchObject({ offeredBy: 'ERCC', offeringCountry: 'NO', relayedBy: 'ERCC' });
    expect((await as.ercc!.post(`${base()}/offers`, offerFrom(requestId, { onBehalfOf: 'US' }))).status).toBe(
      400,
    );

    const corrected = await step('ercc', requestId, {
      offerId: relayed.body.id,
      step: 'deployed',
      note: 'Confirmed by CECIS',
    });
    expect(corrected.status).toBe(201);
    const offer = corrected.body.offers.find((o) => o.id === relayed.body.id)!;
    expect(offer.status).toBe('deployed');
    expect(offer.steps).toMatchObject([{ step: 'deployed', byOrganisation: 'ERCC', correction: true }]);
  });

  it('keeps a request shared only with EU bodies from other states', async () => {
    const asked = await as.ee!.post<AssistanceRequest>(`${base()}/requests`, {
      ...generators,
      category: 'cyber-incident-response-team',
      quantity: 1,
      unit: 'team',
      marking: 'TLP:AMBER',
      audience: ['ERCC', 'ENISA'],
    });
    expect(asked.status).toBe(201);
    const requestId = asked.body.id;
    const seen = async (who: string) =>
      (await as[who]!.get<IncidentAssistance>(base())).body.items.some((r) => r.id === requestId);
    expect(await seen('ee')).toBe(true);
    expect(await seen('enisa')).toBe(true);
    expect(await seen('ercc')).toBe(true);
    expect(await seen('fi')).toBe(false);
    expect(await seen('lv')).toBe(false);
    const fiLog = await as.fi!.get<{ items: Entry[] }>(`/api/incidents/${incidentId}/entries`);
    expect(fiLog.body.items.some((e) => e.id === requestId)).toBe(false);
    // A state that cannot see the request cannot answer it either.
    expect(
      (
        await as.fi!.post(
          `${base()}/offers`,
          offerFrom(requestId, { category: 'cyber-incident-response-team', unit: 'team', quantity: 1 }),
        )
      ).status,
    ).toBe(400);
    // ENISA's answer reaches, by default, no further than the request.
    const enisa = await as.enisa!.post<AssistanceOffer>(
      `${base()}/offers`,
      offerFrom(requestId, {
        category: 'cyber-incident-response-team',
        what: 'CSIRT support team',
        unit: 'team',
        quantity: 1,
        location: { country: 'GR', place: 'Athens' },
        marking: 'TLP:AMBER',
      }),
    );
    expect(enisa.status).toBe(201);
    expect(await seen('fi')).toBe(false);
    expect(
      (await as.fi!.get<{ items: Entry[] }>(`/api/incidents/${incidentId}/entries`)).body.items.some(
        (e) => e.id === enisa.body.id,
      ),
    ).toBe(false);
    expect(
      (await as.ercc!.get<{ items: AssistanceRequest[] }>('/api/assistance/board')).body.items.some(
        (r) => r.id === requestId,
      ),
    ).toBe(true);
  });

  it('tracks partial fulfilment: EE takes one of FI’s two MW, then SE’s one, and the need is covered', async () => {
    const asked = await as.ee!.post<AssistanceRequest>(`${base()}/requests`, {
      ...generators,
      ucpm: { formal: false },
    });
    const requestId = asked.body.id;
    const fi = await as.fi!.post<AssistanceOffer>(`${base()}/offers`, offerFrom(requestId));
    const se = await as.se!.post<AssistanceOffer>(
      `${base()}/offers`,
      offerFrom(requestId, { quantity: 1, location: { country: 'SE', place: 'Luleå' } }),
    );
    const part = await step('ee', requestId, { offerId: fi.body.id, step: 'accepted', quantity: 1 });
    expect(part.status).toBe(201);
    expect(part.body.fulfilment).toEqual({ accepted: 1, requested: 2, complete: false });
    expect(part.body.status).toBe('accepted');
    expect(part.body.offers.find((o) => o.id === fi.body.id)).toMatchObject({
      status: 'accepted',
      acceptedQuantity: 1,
    });
    const rest = await step('ee', requestId, { offerId: se.body.id, step: 'accepted' });
    expect(rest.status).toBe(201);
    expect(rest.body.fulfilment).toEqual({ accepted: 2, requested: 2, complete: true });
    // FI's help arrives, SE's is still accepted: the request is only as far as the least advanced part.
    clock.advance(60_000);
    await step('fi', requestId, { offerId: fi.body.id, step: 'in-transit' });
    const oneThere = await step('fi', requestId, { offerId: fi.body.id, step: 'deployed' });
    expect(oneThere.body.status).toBe('accepted');
    await step('se', requestId, { offerId: se.body.id, step: 'in-transit' });
    const bothThere = await step('se', requestId, { offerId: se.body.id, step: 'deployed' });
    expect(bothThere.body.status).toBe('deployed');
  });

  it('shows what is left of a standing offer as parts are accepted, and never commits more than it holds', async () => {
    const lv = await as.ee!.post<Incident>('/api/incidents', {
      title: 'Baltic grid split',
      reportedBy: 'EE',
      occurredAt: '2026-11-28T07:00:00Z',
      impacts: [
        { memberState: 'EE', level: 'significant' },
        { memberState: 'LV', level: 'significant', assessedBy: 'EE' },
      ],
    });
    expect(lv.status).toBe(201);
    const grid = `/api/incidents/${lv.body.id}/assistance`;
    expect(
      (
        await as.lv!.post(`/api/incidents/${lv.body.id}/assessments`, {
          memberState: 'LV',
          level: 'significant',
        })
      ).status,
    ).toBe(201);
    const ask = (who: string, quantity: number) =>
      as[who]!.post<AssistanceRequest>(`${grid}/requests`, {
        ...generators,
        quantity,
        location: { country: who.toUpperCase(), place: '' },
        ucpm: { formal: false },
      });
    const eeAsks = await ask('ee', 2);
    const lvAsks = await ask('lv', 2);
    expect([eeAsks.status, lvAsks.status]).toEqual([201, 201]);
    const standing = await as.fi!.post<AssistanceOffer>(
      `${grid}/offers`,
      offerFrom(undefined, { what: 'Generator pool in Kotka', quantity: 3 }),
    );
    expect(standing.status).toBe(201);
    const moveIn = (who: string, requestId: string, body: Record<string, unknown>) =>
      as[who]!.post<AssistanceRequest & { error?: { code: string; field?: string } }>(
        `${grid}/requests/${requestId}/steps`,
        body,
      );
    const left = async () =>
      (await as.fi!.get<IncidentAssistance>(grid)).body.standingOffers.find((o) => o.id === standing.body.id)!
        .remaining;
    expect(await left()).toBe(3);

    const eeTakes = await moveIn('ee', eeAsks.body.id, { offerId: standing.body.id, step: 'accepted' });
    expect(eeTakes.status).toBe(201);
    expect(eeTakes.body.offers.find((o) => o.id === standing.body.id)).toMatchObject({
      acceptedQuantity: 2,
      available: 3,
    });
    expect(await left()).toBe(1);
    // LV sees what is left for it, and cannot take more.
    const lvView = (await as.lv!.get<IncidentAssistance>(grid)).body.items.find(
      (r) => r.id === lvAsks.body.id,
    )!;
    expect(lvView.offers.find((o) => o.id === standing.body.id)!.available).toBe(1);
    const tooMuch = await moveIn('lv', lvAsks.body.id, {
      offerId: standing.body.id,
      step: 'accepted',
      quantity: 2,
    });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error).toMatchObject({ code: 'over-committed', field: 'quantity' });
    // Taking all that is left is what an acceptance without a quantity does.
    const lvTakes = await moveIn('lv', lvAsks.body.id, { offerId: standing.body.id, step: 'accepted' });
    expect(lvTakes.status).toBe(201);
    expect(lvTakes.body.fulfilment).toEqual({ accepted: 1, requested: 2, complete: false });
    expect(await left()).toBe(0);

    // EE's help goes home: its part of the pool is free again, but ERCC cannot put it back on the ground once
    // someone else has taken it.
    clock.advance(60_000);
    expect(
      (await moveIn('fi', eeAsks.body.id, { offerId: standing.body.id, step: 'in-transit' })).status,
    ).toBe(201);
    expect((await moveIn('fi', eeAsks.body.id, { offerId: standing.body.id, step: 'deployed' })).status).toBe(
      201,
    );
    expect(
      (await moveIn('ee', eeAsks.body.id, { offerId: standing.body.id, step: 'demobilised' })).status,
    ).toBe(201);
    expect(await left()).toBe(2);
    const more = await as.lv!.post<AssistanceRequest>(`${grid}/requests`, {
      ...generators,
      quantity: 2,
      location: { country: 'LV', place: 'Riga' },
      ucpm: { formal: false },
    });
    expect((await moveIn('lv', more.body.id, { offerId: standing.body.id, step: 'accepted' })).status).toBe(
      201,
    );
    expect(await left()).toBe(0);
    const back = await moveIn('ercc', eeAsks.body.id, { offerId: standing.body.id, step: 'deployed' });
    expect(back.status).toBe(409);
    expect(back.body.error?.code).toBe('over-committed');
  });

  it('answers bad input with a 400 naming the field', async () => {
    const bad = await as.ee!.post<{ error: { field?: string } }>(`${base()}/requests`, {
      ...generators,
      neededUntil: '2026-11-27T00:00:00Z',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('neededUntil');
    expect((await as.ee!.post(`${base()}/requests`, { ...generators, marking: 'TLP:RED' })).status).toBe(400);
    expect((await as.ee!.post(`${base()}/requests`, { ...generators, category: 'tanks' })).status).toBe(400);
  });
});
