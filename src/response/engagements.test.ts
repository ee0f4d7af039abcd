import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { WorkflowFact } from '../blueprint/rules.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';
import { activeMechanisms, engagements } from './rules.js';

const fact = (at: string, authorOrg: string, body: Record<string, unknown>): WorkflowFact => ({
  id: at,
  kind: 'mechanism',
  authorOrg,
  authorName: `${authorOrg} person`,
  createdAt: at,
  body,
});

describe('engagements folded from mechanism records', () => {
  it('reads records made before engagements: activated is active, deactivated stood down, no lead contact', () => {
    const old = [
      fact('2026-01-01T10:00:00Z', 'ERCC', {
        mechanism: 'ucpm',
        state: 'activated',
        mode: null,
        reference: 'ECHO/2026/17',
        text: '',
      }),
      fact('2026-01-01T11:00:00Z', 'ERCC', {
        mechanism: 'argus',
        state: 'activated',
        mode: null,
        reference: null,
        text: '',
      }),
      fact('2026-01-01T12:00:00Z', 'ERCC', {
        mechanism: 'argus',
        state: 'deactivated',
        mode: null,
        reference: null,
        text: '',
      }),
    ];
    expect(engagements(old)).toEqual([
      expect.objectContaining({
        mechanism: 'ucpm',
        status: 'active',
        reference: 'ECHO/2026/17',
        leadContact: null,
      }),
      expect.objectContaining({
        mechanism: 'argus',
        status: 'stood-down',
        since: '2026-01-01T11:00:00Z',
        statusSince: '2026-01-01T12:00:00Z',
      }),
    ]);
    expect(activeMechanisms(old).map((m) => m.mechanism)).toEqual(['ucpm']);
  });

  it('keeps reference and lead contact across status changes; a request after standing down starts anew', () => {
    const facts = [
      fact('2026-01-01T10:00:00Z', 'EEAS', {
        mechanism: 'hybrid-toolbox',
        state: 'requested',
        mode: null,
        reference: 'HT-4',
        leadContact: 'EEAS hybrid cell',
        text: '',
      }),
      fact('2026-01-01T11:00:00Z', 'EEAS', {
        mechanism: 'hybrid-toolbox',
        state: 'activated',
        mode: null,
        reference: null,
        text: '',
      }),
    ];
    expect(engagements(facts)[0]).toMatchObject({
      status: 'active',
      reference: 'HT-4',
      leadContact: 'EEAS hybrid cell',
      since: '2026-01-01T10:00:00Z',
      activeSince: '2026-01-01T11:00:00Z',
    });
    const again = [
      ...facts,
      fact('2026-01-01T12:00:00Z', 'EEAS', {
        mechanism: 'hybrid-toolbox',
        state: 'deactivated',
        mode: null,
        reference: null,
        text: '',
      }),
      fact('2026-01-02T09:00:00Z', 'PL', {
        mechanism: 'hybrid-toolbox',
        state: 'requested',
        mode: null,
        reference: null,
        text: '',
      }),
    ];
    expect(engagements(again)[0]).toMatchObject({
      status: 'requested',
      since: '2026-01-02T09:00:00Z',
      engagedBy: 'PL',
      reference: null,
      leadContact: null,
      activeSince: null,
    });
    expect(activeMechanisms(again)).toEqual([]);
  });
});

describe.each(engines())('engagements over HTTP on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  const clock = new ManualClock('2026-11-02T09:00:00.000Z');

  beforeAll(async () => {
    server = await startTestServer({ engine, clock });
    for (const [key, organisation] of [
      ['fi', 'FI'],
      ['eeas', 'EEAS'],
    ] as const) {
      await server.createUser({
        email: `${key}@example.eu`,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
        displayName: `${key} person`,
      });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
  });
  afterAll(() => server?.close());

  it('a mechanism is requested, becomes active and stands down, with its case and lead contact on the incident', async () => {
    const created = await as.fi!.post<Incident>('/api/incidents', {
      title: 'Subsea cable cut, anchor dragged',
      reportedBy: 'FI',
      occurredAt: '2026-11-02T07:00:00+02:00',
      cause: 'hybrid',
      impacts: [{ memberState: 'FI', level: 'significant' }],
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const suggestedToolbox = (i: Incident) =>
      i.mechanisms.suggestions.some((s) => s.mechanism === 'hybrid-toolbox');
    expect(suggestedToolbox(created.body)).toBe(true);

    clock.advance(60_000);
    const requested = await as.eeas!.post<Incident>(`/api/incidents/${id}/mechanisms`, {
      mechanism: 'hybrid-toolbox',
      state: 'requested',
      reference: 'https://example.eu/hybrid/cases/4',
      leadContact: 'EEAS hybrid cell, duty desk',
    });
    expect(requested.status).toBe(201);
    expect(requested.body.mechanisms.engagements).toEqual([
      expect.objectContaining({
        mechanism: 'hybrid-toolbox',
        status: 'requested',
        engagedBy: 'EEAS',
        since: '2026-11-02T09:01:00.000Z',
        reference: 'https://example.eu/hybrid/cases/4',
        leadContact: 'EEAS hybrid cell, duty desk',
      }),
    ]);
    expect(requested.body.mechanisms.active).toEqual([]);
    expect(suggestedToolbox(requested.body)).toBe(false);

    clock.advance(60_000);
    const active = await as.eeas!.post<Incident>(`/api/incidents/${id}/mechanisms`, {
      mechanism: 'hybrid-toolbox',
      state: 'activated',
    });
    expect(active.body.mechanisms.engagements[0]).toMatchObject({
      status: 'active',
      activeSince: '2026-11-02T09:02:00.000Z',
      reference: 'https://example.eu/hybrid/cases/4',
      leadContact: 'EEAS hybrid cell, duty desk',
    });
    expect(active.body.mechanisms.active.map((m) => m.mechanism)).toEqual(['hybrid-toolbox']);

    const refused = await as.fi!.post<{ error: { code: string } }>(`/api/incidents/${id}/mechanisms`, {
      mechanism: 'hybrid-toolbox',
      state: 'deactivated',
    });
    expect(refused.status).toBe(403);

    await as.eeas!.post(`/api/incidents/${id}/mechanisms`, {
      mechanism: 'hybrid-toolbox',
      state: 'deactivated',
    });
    const read = (await as.fi!.get<Incident>(`/api/incidents/${id}`)).body;
    expect(read.mechanisms.engagements[0]).toMatchObject({ status: 'stood-down', statusBy: 'EEAS' });
    expect(read.mechanisms.active).toEqual([]);
    expect(suggestedToolbox(read)).toBe(true);
  });
});
