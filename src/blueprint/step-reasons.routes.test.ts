// A reason given when activating, joining or publishing a sitrep goes into the log entry of that step; the body
// stays optional for callers that send none, and an over-long reason is a 400 naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Entry } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';
import { presidencyAt } from '../registry/presidency.js';
import type { Sitrep } from '../sitreps/model.js';

const PRESIDENCY = presidencyAt(new Date())!.memberState;

describe.each(engines())('reasons of consequential steps on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  let id = '';

  beforeAll(async () => {
    server = await startTestServer({ engine });
    for (const [key, organisation] of [
      ['fi', 'FI'],
      ['ee', 'EE'],
      ['ercc', 'ERCC'],
      ['presidency', PRESIDENCY],
    ] as const) {
      await server.createUser({
        email: `${key}@example.eu`,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
      });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
    // A disrupted CEPES established in Finland and serving six states meets T2 at once.
    const created = await as.fi!.post<Incident>('/api/incidents', {
      title: 'Gas pipeline rupture',
      reportedBy: 'FI',
      occurredAt: new Date(Date.now() - 3600_000).toISOString(),
      sectors: [{ sector: 'energy', subsector: 'gas' }],
      impacts: [{ memberState: 'FI', level: 'significant' }],
      entities: [
        {
          name: 'Pipeline operator',
          sector: 'energy',
          subsector: 'gas',
          establishedIn: 'FI',
          memberStatesServed: ['FI', 'EE', 'LV', 'LT', 'PL', 'SE'],
          cepes: true,
          significantlyDisrupted: true,
        },
      ],
    });
    expect(created.status).toBe(201);
    id = created.body.id;
    expect(created.body.assessment.status).toBe('applies');
  });
  afterAll(() => server?.close());

  const entries = async () =>
    (await as.fi!.get<{ items: Entry[] }>(`/api/incidents/${id}/entries`)).body.items;

  it('keeps the reason of an activation, refuses an over-long one, and joins without a body', async () => {
    const tooLong = await as.fi!.post<{ error: { field?: string } }>(`/api/incidents/${id}/activation`, {
      reason: 'x'.repeat(2001),
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.field).toBe('reason');
    expect((await as.fi!.post(`/api/incidents/${id}/activation`, { why: 'unknown field' })).status).toBe(400);

    const activated = await as.fi!.post<Incident>(`/api/incidents/${id}/activation`, {
      reason: '  Supply to Estonia at risk.  ',
    });
    expect(activated.status).toBe(201);
    expect(activated.body.activation.history[0]?.text).toBe('Supply to Estonia at risk.');
    const joined = await as.ee!.post<Incident>(`/api/incidents/${id}/activation`);
    expect(joined.status).toBe(201);
    const log = await entries();
    expect(log.find((e) => e.kind === 'activation')?.body.reason).toBe('Supply to Estonia at risk.');
    expect(log.find((e) => e.kind === 'activation-joined')?.body).not.toHaveProperty('reason');
  });

  it('keeps the approver’s comment with the published sitrep', async () => {
    const draft = await as.ercc!.post<Sitrep>(`/api/incidents/${id}/sitreps`, {
      audience: ['FI', 'EE', 'ERCC', PRESIDENCY],
    });
    expect(draft.status).toBe(201);
    const path = `/api/incidents/${id}/sitreps/${draft.body.id}/approval`;
    expect((await as.presidency!.post(path, { reason: 'y'.repeat(2001) })).status).toBe(400);
    const approved = await as.presidency!.post<Sitrep>(path, { reason: 'Checked with Finland.' });
    expect(approved.status).toBe(200);
    const published = (await entries()).find((e) => e.kind === 'sitrep');
    expect(published?.body.reason).toBe('Checked with Finland.');
  });
});
