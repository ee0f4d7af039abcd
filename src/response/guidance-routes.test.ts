import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';

// 2026 H2: Ireland holds the Council Presidency.
const NOW = '2026-11-02T09:00:00.000Z';

describe.each(engines())('mechanism guidance over HTTP on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};

  beforeAll(async () => {
    server = await startTestServer({ engine, clock: new ManualClock(NOW) });
    for (const organisation of ['FI', 'EE', 'DE']) {
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

  const report = async (fields: Record<string, unknown> = {}) => {
    const created = await as.fi!.post<Incident>('/api/incidents', {
      title: 'Gulf of Finland cable cut',
      reportedBy: 'FI',
      occurredAt: '2026-11-02T07:00:00+02:00',
      impacts: [{ memberState: 'FI', level: 'significant' }],
      ...fields,
    });
    expect(created.status).toBe(201);
    return created.body.id;
  };
  const suggestionsFor = async (who: string, id: string) =>
    (await as[who]!.get<Incident>(`/api/incidents/${id}`)).body.mechanisms.suggestions;

  it('points to the EU–NATO dialogue once an update flags international security, for the readers of that update', async () => {
    const id = await report({ cause: 'physical', suspectedDeliberate: true });
    expect((await suggestionsFor('ee', id)).map((s) => s.mechanism)).not.toContain('eu-nato-dialogue');

    // Finland's own restricted update says a state actor may be behind it: only its readers learn of that.
    const restricted = await as.fi!.post(`/api/incidents/${id}/updates`, {
      stage: 'other',
      text: 'A foreign vessel dragged its anchor across the cable',
      internationalSecurity: true,
      marking: 'TLP:AMBER',
      audience: ['FI', 'DE'],
    });
    expect(restricted.status).toBe(201);
    for (const reader of ['fi', 'de']) {
      const seen = await suggestionsFor(reader, id);
      expect(seen).toContainEqual({
        mechanism: 'eu-nato-dialogue',
        role: 'shared-awareness-nato',
        mode: null,
        reason: 'international-security',
        memberStates: [],
      });
      expect(seen).toContainEqual(
        expect.objectContaining({ mechanism: 'hybrid-toolbox', reason: 'state-sponsored' }),
      );
    }
    const forEstonia = (await suggestionsFor('ee', id)).map((s) => s.mechanism);
    expect(forEstonia).not.toContain('eu-nato-dialogue');
    expect(forEstonia).not.toContain('hybrid-toolbox');
  });

  it('points to the law-enforcement protocol when the report or a later update says public order is affected', async () => {
    const europol = (s: { mechanism: string; reason: string }) =>
      s.mechanism === 'le-emergency-protocol' && s.reason === 'public-order-impact';
    const flagged = await report({ cause: 'technical-failure', publicOrderImpact: true });
    expect((await suggestionsFor('ee', flagged)).some(europol)).toBe(true);

    const id = await report({ cause: 'technical-failure' });
    expect((await suggestionsFor('ee', id)).some(europol)).toBe(false);
    const said = await as.fi!.post(`/api/incidents/${id}/updates`, {
      stage: 'other',
      text: 'Looting near the dark districts of Helsinki',
      publicOrderImpact: true,
    });
    expect(said.status).toBe(201);
    expect((await suggestionsFor('ee', id)).some(europol)).toBe(true);
    // Only the reporter and the affected states change the developing facts.
    const byGermany = await as.de!.post(`/api/incidents/${id}/updates`, {
      stage: 'other',
      text: 'Calm again',
      publicOrderImpact: false,
    });
    expect(byGermany.status).toBe(403);
    expect(byGermany.body).toMatchObject({ error: { field: 'publicOrderImpact' } });
  });

  it('names the role each mechanism leads on, and the IPCR mode the facts point to', async () => {
    const id = await report({
      cause: 'cyber',
      suspectedDeliberate: true,
      internationalSecurity: true,
    });
    const own = await as.ee!.post(`/api/incidents/${id}/assessments`, {
      memberState: 'EE',
      level: 'significant',
    });
    expect(own.status).toBe(201);
    const seen = await suggestionsFor('fi', id);
    expect(seen).toContainEqual(
      expect.objectContaining({
        mechanism: 'cyber-diplomacy-toolbox',
        role: 'response-to-actor',
        reason: 'state-cyber-activity',
      }),
    );
    // Two states significantly affected: Union-level coordination is to be decided.
    expect((await as.fi!.get<Incident>(`/api/incidents/${id}`)).body.assessment.status).toBe(
      'decision-required',
    );
    expect(seen.find((s) => s.mechanism === 'ipcr')).toMatchObject({
      role: 'political-coordination',
      mode: 'information-sharing',
      reason: 'union-coordination',
    });
    expect(seen).toContainEqual(
      expect.objectContaining({ mechanism: 'argus', role: 'commission-coordination', mode: null }),
    );
  });
});
