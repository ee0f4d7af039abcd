import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Incident } from './model.js';

const report = (reportedBy: string, over: Record<string, unknown> = {}) => ({
  title: 'Gas interconnector damaged',
  reportedBy,
  occurredAt: '2026-11-28T08:00:00+02:00',
  ...over,
});

/** Established in FI, serving six other member states: a CEPES by the presumption. */
const gasco = (over: Record<string, unknown> = {}) => ({
  name: 'Gasco',
  sector: 'energy',
  establishedIn: 'FI',
  memberStatesServed: ['EE', 'LT', 'LV', 'PL', 'SE', 'DK'],
  significantlyDisrupted: true,
  ...over,
});

const update = (over: Record<string, unknown>) => ({ stage: 'other', text: 'What changed', ...over });

describe.each(engines())('evidence, territories and developing facts over HTTP on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};

  beforeAll(async () => {
    server = await startTestServer({ engine });
    for (const organisation of ['FI', 'EE', 'DE', 'FR', 'ERCC']) {
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

  const t2 = (incident: Incident) => incident.assessment.triggers.find((t) => t.id === 'T2')!;

  it('T2: a claim by a third party stays unconfirmed; the establishment state asserts it; a later unentitled word never overwrites it', async () => {
    const claimed = await as.de!.post<Incident>('/api/incidents', report('DE', { entities: [gasco()] }));
    expect(claimed.status).toBe(201);
    expect(t2(claimed.body).met).toBe(false);
    expect(claimed.body.assessment.unconfirmedCepes).toEqual(['Gasco']);
    expect(claimed.body.assessment.cepesAffected).toEqual([]);
    const path = `/api/incidents/${claimed.body.id}/updates`;

    const asserted = await as.fi!.post<Incident>(path, update({ entities: [gasco()] }));
    expect(asserted.status).toBe(201);
    expect(t2(asserted.body).met).toBe(true);
    expect(asserted.body.assessment).toMatchObject({
      cepesAffected: ['Gasco'],
      unconfirmedCepes: [],
      status: 'applies',
    });
    expect(t2(asserted.body).explanation).toContain('asserted by FI');

    const overwritten = await as.de!.post<Incident>(
      path,
      update({ entities: [gasco({ significantlyDisrupted: false })] }),
    );
    expect(overwritten.status).toBe(201);
    expect(t2(overwritten.body).met).toBe(true);
    const read = await as.ee!.get<Incident>(`/api/incidents/${claimed.body.id}`);
    expect(read.body.assessment.cepesAffected).toEqual(['Gasco']);
  });

  it('territories count for their member state; an own assessment replaces the earlier one for the same territory', async () => {
    const created = await as.fr!.post<Incident>(
      '/api/incidents',
      report('FR', { impacts: [{ memberState: 'GF', level: 'minor' }] }),
    );
    expect(created.status).toBe(201);
    expect(created.body.assessment.minorlyAffected).toEqual(['FR']);
    expect(created.body.memberStates).toEqual(['FR']);
    const path = `/api/incidents/${created.body.id}/assessments`;

    const reunion = await as.fr!.post<Incident>(path, { memberState: 'RE', level: 'significant' });
    expect(reunion.status).toBe(201);
    expect(reunion.body.assessment.significantlyAffected).toEqual(['FR']);
    const lowered = await as.fr!.post<Incident>(path, { memberState: 'FR', territory: 'RE', level: 'none' });
    expect(lowered.status).toBe(201);
    expect(lowered.body.assessment).toMatchObject({ significantlyAffected: [], minorlyAffected: ['FR'] });

    const mismatch = await as.de!.post(path, { memberState: 'DE', territory: 'RE', level: 'minor' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body).toMatchObject({ error: { field: 'territory' } });
    const notTheirs = await as.fi!.post(path, { memberState: 'RE', level: 'minor' });
    expect(notTheirs.status).toBe(403);
  });

  it("ERCC relays a third country's own assessment; it is listed, labelled and never counted", async () => {
    const created = await as.ercc!.post<Incident>(
      '/api/incidents',
      report('ERCC', {
        impacts: [
          { memberState: 'NO', level: 'significant', assessedBy: 'NO', relayedBy: 'DE' },
          { memberState: 'XK', level: 'minor' },
        ],
      }),
    );
    expect(created.status).toBe(201);
    expect(created.body.assessment).toMatchObject({
      thirdCountriesAffected: ['NO'],
      significantlyAffected: [],
    });
    const impacts = (created.body.report as { impacts: unknown[] }).impacts;
    expect(impacts[0]).toMatchObject({ memberState: 'NO', assessedBy: 'NO', relayedBy: 'ERCC' });
    expect(impacts[1]).not.toHaveProperty('relayedBy');

    const picture = await as.fi!.get<{ thirdCountries: unknown[] }>(
      `/api/incidents/${created.body.id}/picture`,
    );
    expect(picture.body.thirdCountries).toEqual([
      { code: 'NO', level: 'significant', ownAssessment: true, relayedBy: 'ERCC' },
      { code: 'XK', level: 'minor', ownAssessment: false, relayedBy: null },
    ]);

    const path = `/api/incidents/${created.body.id}/assessments`;
    const none = await as.ercc!.post<Incident>(path, { memberState: 'NO', level: 'none' });
    expect(none.status).toBe(201);
    expect(none.body.assessment.thirdCountriesAffected).toEqual([]);
    const byState = await as.fi!.post(path, { memberState: 'NO', level: 'significant' });
    expect(byState.status).toBe(403);

    const relayedByFi = await as.fi!.post(
      '/api/incidents',
      report('FI', { impacts: [{ memberState: 'NO', level: 'significant', assessedBy: 'NO' }] }),
    );
    expect(relayedByFi.status).toBe(403);
    expect(relayedByFi.body).toMatchObject({ error: { field: 'impacts[0].assessedBy' } });
    const aboutAnother = await as.ercc!.post(
      '/api/incidents',
      report('ERCC', { impacts: [{ memberState: 'SE', level: 'significant', assessedBy: 'NO' }] }),
    );
    expect(aboutAnother.status).toBe(400);
    expect(aboutAnother.body).toMatchObject({
      error: {
        field: 'impacts[0].assessedBy',
        message: 'impacts[0].assessedBy: a country outside the EU assesses only itself',
      },
    });
  });

  it('the reporter or an affected state changes cause and domain by update; out of scope locks nothing', async () => {
    const created = await as.fi!.post<Incident>(
      '/api/incidents',
      report('FI', { impacts: [{ memberState: 'FI', level: 'significant' }] }),
    );
    const id = created.body.id;
    const path = `/api/incidents/${id}/updates`;
    await as.ee!.post(`/api/incidents/${id}/assessments`, { memberState: 'EE', level: 'significant' });

    const byOther = await as.de!.post(path, update({ domain: 'defence' }));
    expect(byOther.status).toBe(403);
    expect(byOther.body).toMatchObject({ error: { field: 'domain' } });

    const out = await as.ee!.post<Incident>(
      path,
      update({ domain: 'public-security', suspectedDeliberate: true }),
    );
    expect(out.status).toBe(201);
    expect(out.body.status).toBe('out-of-scope');
    expect(out.body.assessment.reasons).toContain(
      "The incident's domain (public-security) was last set by EE in an update.",
    );

    // Out of scope is a property of the facts: updates, assessments and notes are still accepted.
    const stillOpen = await as.de!.post<Incident>(
      path,
      update({ impacts: [{ memberState: 'DE', level: 'minor' }] }),
    );
    expect(stillOpen.status).toBe(201);
    const assessed = await as.de!.post<Incident>(`/api/incidents/${id}/assessments`, {
      memberState: 'DE',
      level: 'minor',
    });
    expect(assessed.status).toBe(201);

    const back = await as.fi!.post<Incident>(path, update({ domain: 'civil', cause: 'hybrid' }));
    expect(back.status).toBe(201);
    expect(back.body.status).toBe('decision-required');
    expect(back.body.assessment.reasons).toContain(
      "The incident's domain (civil) was last set by FI in an update.",
    );
    expect(back.body.mechanisms.suggested).toContain('hybrid-toolbox');
  });
});

describe.each(engines())('releasing an incident to NATO later on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};

  beforeAll(async () => {
    server = await startTestServer({ engine });
    for (const [organisation, role] of [
      ['FI', 'coordinator'],
      ['EE', 'coordinator'],
      ['NATO', 'viewer'],
    ] as const) {
      const key = organisation.toLowerCase();
      await server.createUser({ email: `${key}@example.eu`, password: PASSWORD, organisation, role });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
  });
  afterAll(() => server?.close());

  it("only the reporter's organisation releases the incident, by releasing its first report", async () => {
    const created = await as.fi!.post<Incident>(
      '/api/incidents',
      report('FI', { impacts: [{ memberState: 'FI', level: 'significant' }] }),
    );
    const id = created.body.id;
    await as.ee!.post(`/api/incidents/${id}/assessments`, { memberState: 'EE', level: 'significant' });
    expect((await as.nato!.get(`/api/incidents/${id}`)).status).toBe(404);
    const entries = await as.fi!.get<{ items: Array<{ id: string; kind: string }> }>(
      `/api/incidents/${id}/entries`,
    );
    const first = entries.body.items.find((e) => e.kind === 'report')!;
    const note = await as.ee!.post<{ id: string }>(`/api/incidents/${id}/entries`, {
      kind: 'note',
      text: 'EE sees the same',
      marking: 'TLP:GREEN',
    });
    const reach = { marking: 'TLP:GREEN', releasableToNato: true };

    // EE may not release FI's incident, nor its own entry before the incident is released.
    const byEe = await as.ee!.post(`/api/incidents/${id}/entries/${note.body.id}/reach`, reach);
    expect(byEe.status).toBe(400);
    expect(byEe.body).toMatchObject({ error: { field: 'releasableToNato' } });
    expect((await as.nato!.get(`/api/incidents/${id}`)).status).toBe(404);

    const released = await as.fi!.post(`/api/incidents/${id}/entries/${first.id}/reach`, reach);
    expect(released.status).toBe(200);
    const forNato = await as.nato!.get<Incident>(`/api/incidents/${id}`);
    expect(forNato.status).toBe(200);
    expect(forNato.body.releasableToNato).toBe(true);
    expect(forNato.body.assessment.significantlyAffected).toEqual(['EE', 'FI']);
    const natoEntries = await as.nato!.get<{ items: Array<{ kind: string }> }>(
      `/api/incidents/${id}/entries`,
    );
    expect(natoEntries.body.items.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['report', 'own-assessment', 'status-change']),
    );
    expect(natoEntries.body.items.map((e) => e.kind)).not.toContain('note');
    // Now EE releases its own entry.
    expect((await as.ee!.post(`/api/incidents/${id}/entries/${note.body.id}/reach`, reach)).status).toBe(200);
    const withNote = await as.nato!.get<{ items: Array<{ kind: string }> }>(`/api/incidents/${id}/entries`);
    expect(withNote.body.items.map((e) => e.kind)).toContain('note');
  });
});
