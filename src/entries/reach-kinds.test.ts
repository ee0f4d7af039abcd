import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Incident } from '../incidents/model.js';
import type { ImportReport } from '../interchange/model.js';
import type { Entry } from './model.js';

interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

/**
 * Which entries' reach may change, and why the others keep theirs: a refusal says the true reason for the kind,
 * and imported intelligence is narrowed by its importer's organisation but never sent further than its source let it.
 */
describe.each(engines())('changing the reach of each kind of entry on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  let incidentId: string;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    for (const [key, organisation] of [
      ['ee', 'EE'],
      ['fi', 'FI'],
      ['fi2', 'FI'],
      ['se', 'SE'],
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
    const created = await as.ee!.post<Incident>('/api/incidents', {
      title: 'Estlink outage',
      reportedBy: 'EE',
      occurredAt: '2026-11-28T06:00:00Z',
      impacts: [{ memberState: 'EE', level: 'significant' }],
    });
    expect(created.status).toBe(201);
    incidentId = created.body.id;
  });
  afterAll(() => server?.close());

  const entries = async (who: string) =>
    (await as[who]!.get<{ items: Entry[] }>(`/api/incidents/${incidentId}/entries`)).body.items;
  const reach = (who: string, entryId: string, body: Record<string, unknown>) =>
    as[who]!.post<ErrorBody>(`/api/incidents/${incidentId}/entries/${entryId}/reach`, body);

  it('refuses an assistance request and an own assessment with their own reasons', async () => {
    const asked = await as.ee!.post<{ id: string }>(`/api/incidents/${incidentId}/assistance/requests`, {
      category: 'power-generators',
      description: 'Mobile diesel generators for the Narva water works',
      quantity: 2,
      unit: 'MW',
      location: { country: 'EE', place: 'Narva' },
      neededFrom: '2026-11-28T18:00:00Z',
      priority: 'urgent',
      constraints: [],
      ucpm: { formal: false },
      marking: 'TLP:AMBER',
      audience: ['EE', 'FI'],
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const request = (await entries('ee')).find((e) => e.kind === 'assistance-request')!;
    const refused = await reach('ee', request.id, { marking: 'TLP:GREEN' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('fixed-reach');
    expect(refused.body.error.message).toContain(
      'an assistance request keeps the reach chosen when it was made',
    );
    expect(refused.body.error.message).not.toContain('shared with every participating organisation');

    const assessed = await as.ee!.post(`/api/incidents/${incidentId}/assessments`, {
      memberState: 'EE',
      level: 'minor',
    });
    expect(assessed.status).toBe(201);
    const own = (await entries('ee')).find((e) => e.kind === 'own-assessment')!;
    const fact = await reach('ee', own.id, { marking: 'TLP:AMBER', audience: ['EE'] });
    expect(fact.status).toBe(409);
    expect(fact.body.error.message).toContain(
      'one of the facts the assessment and its decisions rest on, shared with every participating organisation',
    );
  });

  const importEvent = async (tlp: string, info: string) => {
    const imported = await as.fi!.request<ImportReport>(
      'POST',
      `/api/imports/misp?incident=${incidentId}`,
      JSON.stringify({
        Event: {
          info,
          date: '2026-11-28',
          distribution: '3',
          Tag: [{ name: tlp }],
          Attribute: [],
        },
      }),
      { 'content-type': 'application/json' },
    );
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const found = (await entries('fi')).filter((e) => e.kind === 'intelligence');
    return found.find((e) => JSON.stringify(e).includes(info)) ?? (found as unknown as Entry);
  };

  it("lets the importer's organisation narrow imported intelligence or mark it stricter, never further", async () => {
    const green = await importEvent('tlp:green', 'Wiper samples from a gas TSO');
    expect(green.marking).toBe('TLP:GREEN');
    expect((await entries('se')).map((e) => e.id)).toContain(green.id);

    // Another coordinator of the importing organisation keeps it to FI and EE, as AMBER.
    const narrowed = await reach('fi2', green.id, { marking: 'TLP:AMBER', audience: ['FI', 'EE'] });
    expect(narrowed.status, JSON.stringify(narrowed.body)).toBe(200);
    expect((await entries('se')).map((e) => e.id)).not.toContain(green.id);
    expect((await entries('ee')).map((e) => e.id)).toContain(green.id);

    // Back to GREEN, or on to SE, or to NATO: further than the source let it travel.
    for (const wider of [
      { marking: 'TLP:GREEN', audience: ['FI', 'EE'] },
      { marking: 'TLP:AMBER', audience: ['FI', 'EE', 'SE'] },
      { marking: 'TLP:AMBER', audience: ['FI', 'EE'], releasableToNato: true },
    ]) {
      const refused = await reach('fi', green.id, wider);
      expect(refused.status, JSON.stringify(wider)).toBeGreaterThanOrEqual(400);
      expect(refused.status, JSON.stringify(wider)).toBeLessThan(500);
      expect((await entries('se')).map((e) => e.id)).not.toContain(green.id);
    }
    const widened = await reach('fi', green.id, { marking: 'TLP:AMBER', audience: ['FI', 'EE', 'SE'] });
    expect(widened.body.error).toMatchObject({ code: 'imported-reach', field: 'marking' });

    // Only the importing organisation changes it.
    expect((await reach('ee', green.id, { marking: 'TLP:AMBER', audience: ['EE'] })).status).toBe(403);
  });

  it('keeps imported AMBER within the importing organisation, and RED with its importer', async () => {
    const amber = await importEvent('tlp:amber', 'Beacon addresses seen at the TSO');
    expect(amber.audience).toEqual(['FI']);
    const shared = await reach('fi', amber.id, { marking: 'TLP:AMBER', audience: ['FI', 'EE'] });
    expect(shared.status).toBe(409);
    expect(shared.body.error.code).toBe('imported-reach');
    expect((await entries('ee')).map((e) => e.id)).not.toContain(amber.id);

    const red = await importEvent('tlp:red', 'Name of the insider at the TSO');
    const passedOn = await reach('fi', red.id, {
      marking: 'TLP:RED',
      recipients: ['fi@example.eu', 'fi2@example.eu'],
    });
    expect(passedOn.status).toBe(409);
    expect((await entries('fi2')).map((e) => e.id)).not.toContain(red.id);
    // Stricter than AMBER, for the importer alone: narrower, so allowed.
    const strict = await reach('fi', amber.id, { marking: 'TLP:RED', recipients: ['fi@example.eu'] });
    expect(strict.status, JSON.stringify(strict.body)).toBe(200);
    expect((await entries('fi2')).map((e) => e.id)).not.toContain(amber.id);
  });
});
