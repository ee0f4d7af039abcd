import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Incident, IncidentSummary } from './model.js';

const report = (over: Record<string, unknown> = {}) => ({
  title: 'Subsea cable cut',
  reportedBy: 'FI',
  occurredAt: '2026-11-28T08:00:00+02:00',
  impacts: [
    { memberState: 'FI', level: 'significant' },
    { memberState: 'EE', level: 'significant' },
  ],
  ...over,
});

describe.each(engines())('incidents over HTTP on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};

  beforeAll(async () => {
    server = await startTestServer({ engine });
    const people: Array<[string, string, 'coordinator' | 'viewer']> = [
      ['fi', 'FI', 'coordinator'],
      ['ee', 'EE', 'coordinator'],
      ['de', 'DE', 'viewer'],
      ['eeas', 'EEAS', 'coordinator'],
      ['nato', 'NATO', 'viewer'],
    ];
    for (const [key, organisation, role] of people) {
      await server.createUser({ email: `${key}@example.eu`, password: PASSWORD, organisation, role });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
  });
  afterAll(() => server?.close());

  it('stores a report as the first entry and returns the assessment', async () => {
    const res = await as.fi!.post<Incident>('/api/incidents', report());
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.marking).toBe('TLP:GREEN');
    expect(res.body.assessment.significantlyAffected).toEqual(['FI']);
    expect(res.body.assessment.unconfirmed).toEqual(['EE']);
    expect(res.body.status).toBe('below-threshold');
    const detail = await as.de!.get<Incident>(`/api/incidents/${res.body.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.assessment).toEqual(res.body.assessment);
    expect(detail.body.report).toMatchObject({ title: 'Subsea cable cut' });
  });

  it("recomputes at once when a state gives its own assessment, and only that state's coordinators may", async () => {
    const created = await as.fi!.post<Incident>('/api/incidents', report());
    const path = `/api/incidents/${created.body.id}/assessments`;
    const byOther = await as.fi!.post(path, { memberState: 'EE', level: 'significant' });
    expect(byOther.status).toBe(403);
    const byViewer = await as.de!.post(path, { memberState: 'DE', level: 'minor' });
    expect(byViewer.status).toBe(403);
    const own = await as.ee!.post<Incident>(path, { memberState: 'EE', level: 'significant' });
    expect(own.status).toBe(201);
    expect(own.body.assessment.significantlyAffected).toEqual(['EE', 'FI']);
    expect(own.body.assessment.unconfirmed).toEqual([]);
    expect(own.body.status).toBe('decision-required');
    const lowered = await as.ee!.post<Incident>(path, { memberState: 'EE', level: 'minor' });
    expect(lowered.body.status).toBe('below-threshold');
    expect(
      (await as.fi!.get<Incident>(`/api/incidents/${created.body.id}`)).body.assessment.minorlyAffected,
    ).toEqual(['EE']);
  });

  it('refuses a report that speaks for another organisation or sets coordinationAgreed (403)', async () => {
    const other = await as.fi!.post('/api/incidents', report({ reportedBy: 'DE' }));
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ error: { field: 'reportedBy' } });
    const assessed = await as.fi!.post(
      '/api/incidents',
      report({
        impacts: [
          { memberState: 'FI', level: 'minor' },
          { memberState: 'EE', level: 'significant', assessedBy: 'EE' },
        ],
      }),
    );
    expect(assessed.status).toBe(403);
    expect(assessed.body).toMatchObject({ error: { field: 'impacts[1].assessedBy' } });
    const agreed = await as.fi!.post('/api/incidents', report({ coordinationAgreed: true }));
    expect(agreed.status).toBe(403);
    expect(agreed.body).toMatchObject({ error: { field: 'coordinationAgreed' } });
    const viewer = await as.de!.post('/api/incidents', report({ reportedBy: 'DE' }));
    expect(viewer.status).toBe(403);
    const nato = await as.nato!.post('/api/incidents', report({ reportedBy: 'NATO' }));
    expect(nato.status).toBe(403);
  });

  it.each([
    [{ impacts: [{ memberState: 'XX', level: 'minor' }] }, 'impacts[0].memberState', /unknown country "XX"/],
    [
      { impacts: [{ memberState: 'FI', level: 'minor', colour: 'red' }] },
      'impacts[0].colour',
      /unknown property/,
    ],
    [{ title: '' }, 'title', /./],
    [{ occurredAt: 'yesterday' }, 'occurredAt', /ISO 8601/],
    [{ audience: ['FI', 'NATO'] }, 'audience[1]', /releasableToNato/],
    [{ marking: 'TLP:RED' }, 'recipients', /recipient/],
    [{ sectors: [{ sector: 'energy', subsector: 'rail' }] }, 'sectors[0].subsector', /unknown subsector/],
  ])('answers 400 naming the field for %j', async (over, field, message) => {
    const res = await as.fi!.post<{ error: { field: string; message: string } }>(
      '/api/incidents',
      report(over),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
    expect(res.body.error.message).toMatch(message);
  });

  it('replays the first response for a repeated Idempotency-Key and creates nothing', async () => {
    const key = `key-${engine}`;
    const before = (await as.fi!.get<{ items: IncidentSummary[] }>('/api/incidents')).body.items.length;
    const first = await as.fi!.post<Incident>('/api/incidents', report({ title: 'Idempotent' }), {
      'idempotency-key': key,
    });
    const again = await as.fi!.post<Incident>('/api/incidents', report({ title: 'Idempotent' }), {
      'idempotency-key': key,
    });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const after = (await as.fi!.get<{ items: IncidentSummary[] }>('/api/incidents')).body.items.length;
    expect(after).toBe(before + 1);
    const different = await as.fi!.post('/api/incidents', report({ title: 'Other' }), {
      'idempotency-key': key,
    });
    expect(different.status).toBe(409);
    // Keys are scoped to the caller: another user's same key is a new request.
    const ee = await as.ee!.post<Incident>(
      '/api/incidents',
      report({ reportedBy: 'EE', title: 'Idempotent' }),
      {
        'idempotency-key': key,
      },
    );
    expect(ee.status).toBe(201);
    expect(ee.body.id).not.toBe(first.body.id);
  });

  it('never duplicates under concurrent retries with one key', async () => {
    const key = `race-${engine}`;
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        as.fi!.post<Incident>('/api/incidents', report({ title: 'Race' }), { 'idempotency-key': key }),
      ),
    );
    expect(new Set(results.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
  });

  it('shows NATO only incidents released to it, and hides the rest as 404', async () => {
    const hidden = await as.fi!.post<Incident>('/api/incidents', report({ title: 'Not for NATO' }));
    const released = await as.fi!.post<Incident>(
      '/api/incidents',
      report({ title: 'For NATO', releasableToNato: true }),
    );
    const list = await as.nato!.get<{ items: IncidentSummary[] }>('/api/incidents');
    const titles = list.body.items.map((i) => i.title);
    expect(titles).toContain('For NATO');
    expect(titles).not.toContain('Not for NATO');
    expect((await as.nato!.get(`/api/incidents/${hidden.body.id}`)).status).toBe(404);
    expect((await as.nato!.get(`/api/incidents/${released.body.id}`)).status).toBe(200);
    expect((await as.nato!.get('/api/incidents/does-not-exist')).status).toBe(404);
  });

  it('shows a withheld CEPES name as "withheld by FI" to other organisations, while the status stays the same', async () => {
    const res = await as.fi!.post<Incident>(
      '/api/incidents',
      report({
        title: 'LNG terminal',
        entities: [
          {
            name: 'Inkoo LNG terminal',
            sector: 'energy',
            subsector: 'gas',
            establishedIn: 'FI',
            cepes: true,
            significantlyDisrupted: true,
          },
        ],
        withheld: [{ field: 'entities[0].name', reason: 'national-security' }],
      }),
    );
    expect(res.body.status).toBe('applies');
    expect(res.body.assessment.cepesAffected).toEqual(['Inkoo LNG terminal']);
    const forEe = (await as.ee!.get<Incident>(`/api/incidents/${res.body.id}`)).body;
    expect(forEe.status).toBe('applies');
    expect(forEe.assessment.cepesAffected).toEqual(['withheld by FI']);
    expect(JSON.stringify(forEe)).not.toContain('Inkoo');
    const list = (await as.ee!.get<{ items: IncidentSummary[] }>('/api/incidents')).body.items;
    expect(JSON.stringify(list)).not.toContain('Inkoo');
  });

  it('withholds entity names and recorded stages of an update from readers outside its audience', async () => {
    const created = await as.fi!.post<Incident>('/api/incidents', report({ title: 'Update with an entity' }));
    const updated = await as.fi!.post<Incident>(`/api/incidents/${created.body.id}/updates`, {
      stage: 'cer-detailed-report',
      text: 'Operator named',
      marking: 'TLP:AMBER',
      audience: ['FI', 'EE'],
      entities: [
        {
          name: 'Hamina gas terminal',
          sector: 'energy',
          subsector: 'gas',
          establishedIn: 'FI',
          cepes: true,
          significantlyDisrupted: true,
        },
      ],
    });
    expect(updated.body.assessment.cepesAffected).toEqual(['Hamina gas terminal']);
    const forDe = (await as.de!.get<Incident>(`/api/incidents/${created.body.id}`)).body;
    expect(forDe.status).toBe('applies');
    expect(forDe.assessment.cepesAffected).toEqual(['withheld by FI']);
    expect(JSON.stringify(forDe)).not.toContain('Hamina');
    expect(forDe.reporting.find((r) => r.memberState === 'FI')?.current).toBe('cer-initial-notification');
    expect(forDe.reportingClocks.map((c) => c.entity)).not.toContain('Hamina gas terminal');
    const forEe = (await as.ee!.get<Incident>(`/api/incidents/${created.body.id}`)).body;
    expect(forEe.reporting.find((r) => r.memberState === 'FI')?.current).toBe('cer-detailed-report');
    const hamina = forEe.reportingClocks.find((c) => c.entity === 'Hamina gas terminal')!;
    expect(hamina.stages.find((x) => x.stage === 'cer-detailed-report')?.recordedAt).not.toBeNull();
  });

  it("keeps a report's details from readers outside its audience, while the assessment stays shared", async () => {
    const amber = await as.fi!.post<Incident>(
      '/api/incidents',
      report({ title: 'Amber to FI and EE', marking: 'TLP:AMBER', audience: ['FI', 'EE'] }),
    );
    const forEe = await as.ee!.get<Incident>(`/api/incidents/${amber.body.id}`);
    const forEeas = await as.eeas!.get<Incident>(`/api/incidents/${amber.body.id}`);
    expect(forEe.body.report).not.toBeNull();
    expect(forEeas.status).toBe(200);
    expect(forEeas.body.report).toBeNull();
    expect(forEeas.body.assessment).toEqual(forEe.body.assessment);
  });
});
