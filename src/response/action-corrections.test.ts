import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Entry } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';
import type { ActionItem } from './decisions-model.js';

const NOW = '2026-11-02T09:00:00.000Z';

// An action changes by its status steps only, which its lists, overdue marks and "my actions" follow.
describe.each(engines())('corrections and retractions of action items on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  const ids: Record<string, string> = {};
  const clock = new ManualClock(NOW);

  beforeAll(async () => {
    server = await startTestServer({ engine, clock });
    for (const [key, organisation] of [
      ['fi', 'FI'],
      ['ee', 'EE'],
    ] as const) {
      const user = await server.createUser({
        email: `${key}@action-corrections.example.eu`,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
        displayName: `${key} person`,
      });
      ids[key] = user.id;
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@action-corrections.example.eu`, PASSWORD);
    }
  });
  afterAll(() => server?.close());

  const report = async (title: string) => {
    const created = await as.fi!.post<Incident>('/api/incidents', {
      title,
      reportedBy: 'FI',
      occurredAt: '2026-11-02T07:00:00+02:00',
      impacts: [{ memberState: 'FI', level: 'significant' }],
    });
    expect(created.status).toBe(201);
    return created.body.id;
  };
  it('refuses to retract or correct an action or its status in the log, naming the status step (409 action-step)', async () => {
    const id = await report('Cable cut, actions');
    const action = await as.fi!.post<ActionItem>(`/api/incidents/${id}/actions`, {
      title: 'Charter a vessel',
      ownerOrganisation: 'FI',
      assigneeUserId: ids.fi,
      dueAt: '2026-11-02T08:00:00.000Z',
    });
    expect(action.status, JSON.stringify(action.body)).toBe(201);
    const done = await as.fi!.post(`/api/incidents/${id}/actions/${action.body.id}/status`, {
      status: 'done',
    });
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    const reopened = await as.fi!.post(`/api/incidents/${id}/actions/${action.body.id}/status`, {
      status: 'open',
    });
    expect(reopened.status).toBe(201);

    const log = await as.fi!.get<{ items: (Entry & { abilities: { correct: boolean } })[] }>(
      `/api/incidents/${id}/entries`,
    );
    const own = log.body.items.filter((e) => e.kind === 'action' || e.kind === 'action-status');
    expect(own.map((e) => e.kind).sort()).toEqual(['action', 'action-status', 'action-status']);
    for (const entry of own) {
      expect(entry.abilities.correct, entry.kind).toBe(false);
      const retracted = await as.fi!.post(`/api/incidents/${id}/entries/${entry.id}/retraction`, {
        reason: 'not needed',
      });
      expect(retracted.status, JSON.stringify(retracted.body)).toBe(409);
      expect(retracted.body).toMatchObject({ error: { code: 'action-step', field: 'supersedes' } });
      expect((retracted.body as { error: { message: string } }).error.message).toContain('/status');
      const corrected = await as.fi!.post(`/api/incidents/${id}/entries`, {
        kind: 'note',
        text: 'Charter two vessels',
        marking: 'TLP:GREEN',
        supersedes: entry.id,
      });
      expect(corrected.status, JSON.stringify(corrected.body)).toBe(409);
      expect(corrected.body).toMatchObject({ error: { code: 'action-step', field: 'supersedes' } });
    }
    // The action is still the assignee's open, overdue action, as its own steps say.
    const mine = await as.fi!.get<{ items: ActionItem[] }>('/api/me/actions');
    expect(mine.body.items.find((a) => a.id === action.body.id)).toMatchObject({
      status: 'open',
      overdue: true,
    });
    const after = await as.fi!.get<{ items: Entry[] }>(`/api/incidents/${id}/entries`);
    expect(after.body.items.filter((e) => e.kind === 'retraction' || e.kind === 'note')).toEqual([]);
  });
});
