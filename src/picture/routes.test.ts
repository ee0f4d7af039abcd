import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Incident } from '../incidents/model.js';
import { IncidentReport } from '../incidents/model.js';
import type { Picture } from './model.js';
import { staleness, stateLevels } from './rules.js';

describe('picture rules', () => {
  it('turns amber after the interval and red after twice that', () => {
    const now = new Date('2026-11-28T12:00:00Z');
    expect(staleness(null, now, 60)).toBeNull();
    expect(staleness('2026-11-28T11:00:01Z', now, 60)).toBe('fresh');
    expect(staleness('2026-11-28T11:00:00Z', now, 60)).toBe('amber');
    expect(staleness('2026-11-28T10:00:01Z', now, 60)).toBe('amber');
    expect(staleness('2026-11-28T10:00:00Z', now, 60)).toBe('red');
  });

  it("shows a state's own assessment over others' claims, and the highest claim otherwise", () => {
    const levels = stateLevels(
      IncidentReport.parse({
        title: 't',
        reportedBy: 'FI',
        occurredAt: '2026-11-28T10:00:00Z',
        impacts: [
          { memberState: 'EE', level: 'significant' },
          { memberState: 'EE', level: 'minor', assessedBy: 'EE' },
          { memberState: 'LV', level: 'minor' },
          { memberState: 'LV', level: 'significant' },
          { memberState: 'NO', level: 'significant' },
        ],
      }),
    );
    expect(levels.get('EE')).toEqual({ level: 'minor', own: true, claimedBy: ['FI'] });
    expect(levels.get('LV')).toEqual({ level: 'significant', own: false, claimedBy: ['FI'] });
    expect(levels.get('NO')?.level).toBe('significant');
  });
});

describe.each(engines())('the common picture on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  beforeAll(async () => {
    server = await startTestServer({ engine, env: { STALE_AFTER_MINUTES: '60' } });
    for (const [key, org] of [
      ['fi', 'FI'],
      ['ee', 'EE'],
      ['de', 'DE'],
      ['nato', 'NATO'],
    ] as const) {
      await server.createUser({
        email: `${key}@example.eu`,
        password: PASSWORD,
        organisation: org,
        role: key === 'nato' ? 'viewer' : 'coordinator',
      });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
  });
  afterAll(() => server?.close());

  it('shows everyone the same levels, and details only to the audience', async () => {
    const incident = (
      await as.fi!.post<Incident>('/api/incidents', {
        title: 'Picture',
        reportedBy: 'FI',
        occurredAt: new Date(Date.now() - 2 * 3600_000).toISOString(),
        marking: 'TLP:AMBER',
        audience: ['FI', 'EE'],
        sectors: [{ sector: 'energy', subsector: 'electricity', status: 'disrupted' }],
        impacts: [
          { memberState: 'FI', level: 'significant', service: 'electricity supply', usersAffected: 120000 },
          { memberState: 'EE', level: 'significant' },
          { memberState: 'NO', level: 'minor' },
        ],
      })
    ).body;
    const forEe = (await as.ee!.get<Picture>(`/api/incidents/${incident.id}/picture`)).body;
    const forDe = (await as.de!.get<Picture>(`/api/incidents/${incident.id}/picture`)).body;
    for (const p of [forEe, forDe]) {
      expect(p.states.map((s) => [s.code, s.level, s.ownAssessment])).toEqual([
        ['EE', 'significant', false],
        ['FI', 'significant', true],
      ]);
      expect(p.thirdCountries).toEqual([
        { code: 'NO', level: 'minor', ownAssessment: false, relayedBy: null },
      ]);
      expect(p.keyFigures).toMatchObject({ significant: 1, unconfirmed: 1 });
      expect(p.keyFigures.hoursSinceOccurrence).toBeGreaterThanOrEqual(2);
    }
    expect(forEe.marking).toBe('TLP:AMBER');
    // Sectors are details of the report that names them (CONTRACT "Who sees what" shares only the assessment's facts).
    expect(forEe.keyFigures.sectors).toMatchObject([{ sector: 'energy', subsectors: ['electricity'] }]);
    expect(forDe.keyFigures.sectors).toEqual([]);
    expect(forEe.keyFigures.usersAffected).toBe(120000);
    expect(forEe.states.find((s) => s.code === 'FI')).toMatchObject({
      services: ['electricity supply'],
      staleness: 'fresh',
    });
    expect(forDe.marking).toBe('TLP:GREEN');
    expect(forDe.keyFigures.usersAffected).toBeNull();
    expect(JSON.stringify(forDe)).not.toContain('electricity supply');
    expect(forDe.states.find((s) => s.code === 'FI')?.lastUpdateAt).toBeNull();
    expect((await as.nato!.get(`/api/incidents/${incident.id}/picture`)).status).toBe(404);
    await as.fi!.post(`/api/incidents/${incident.id}/updates`, {
      stage: 'other',
      text: 'Power restored',
      sectors: [{ sector: 'energy', subsector: 'electricity', status: 'restored' }],
    });
    const later = (await as.de!.get<Picture>(`/api/incidents/${incident.id}/picture`)).body;
    expect(later.keyFigures.sectors).toEqual([
      { sector: 'energy', subsectors: ['electricity'], status: 'restored' },
    ]);
  });
});
