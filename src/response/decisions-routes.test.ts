import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Entry } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';
import type { ActionItem, Decision, IncidentDecisions } from './decisions-model.js';

const NOW = '2026-11-02T09:00:00.000Z';

describe.each(engines())('decisions and action items over HTTP on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  const ids: Record<string, string> = {};
  const clock = new ManualClock(NOW);

  beforeAll(async () => {
    server = await startTestServer({ engine, clock });
    const people: [string, string, 'coordinator' | 'viewer'][] = [
      ['fi', 'FI', 'coordinator'],
      ['fi-officer', 'FI', 'coordinator'],
      ['fi-viewer', 'FI', 'viewer'],
      ['ee', 'EE', 'coordinator'],
      ['ercc', 'ERCC', 'coordinator'],
      ['eeas', 'EEAS', 'coordinator'],
    ];
    for (const [key, organisation, role] of people) {
      const user = await server.createUser({
        email: `${key}@example.eu`,
        password: PASSWORD,
        organisation,
        role,
        displayName: `${key} person`,
      });
      ids[key] = user.id;
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
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
  const decisions = async (who: string, id: string) =>
    (await as[who]!.get<IncidentDecisions>(`/api/incidents/${id}/decisions`)).body;

  it('records decisions at both levels; a restricted one reaches only its audience, on every read path', async () => {
    const id = await report('Gulf of Finland cable cut');
    const strategic = await as.fi!.post<Decision>(`/api/incidents/${id}/decisions`, {
      level: 'strategic',
      decidedBy: 'IPCR roundtable',
      what: 'Pool cable repair vessels across the Baltic states',
      rationale: 'Two cables are down and one vessel is free',
    });
    expect(strategic.status).toBe(201);
    expect(strategic.body).toMatchObject({ level: 'strategic', recordedBy: { organisation: 'FI' } });

    const restricted = await as.eeas!.post<Decision>(`/api/incidents/${id}/decisions`, {
      level: 'operational',
      decidedBy: 'EEAS crisis cell',
      what: 'Prepare attribution options',
      linkedEntries: [strategic.body.id],
      marking: 'TLP:AMBER',
      audience: ['EEAS', 'FI'],
    });
    expect(restricted.status).toBe(201);
    expect(restricted.body.linkedEntries).toEqual([strategic.body.id]);

    expect((await decisions('fi', id)).decisions.map((d) => d.what)).toEqual([
      'Pool cable repair vessels across the Baltic states',
      'Prepare attribution options',
    ]);
    const byEstonia = await decisions('ee', id);
    expect(byEstonia.decisions.map((d) => d.id)).toEqual([strategic.body.id]);
    expect(byEstonia.abilities).toEqual({ recordDecision: true, createAction: true });
    const log = await as.ee!.get<{ items: Entry[] }>(`/api/incidents/${id}/entries`);
    expect(log.body.items.some((e) => e.id === restricted.body.id)).toBe(false);
    expect(log.body.items.some((e) => e.id === strategic.body.id && e.kind === 'decision')).toBe(true);

    // Linking an entry one cannot see is as if it did not exist.
    const linkingHidden = await as.ee!.post(`/api/incidents/${id}/decisions`, {
      level: 'operational',
      decidedBy: 'EE',
      what: 'Follow up',
      linkedEntries: [restricted.body.id],
    });
    expect(linkingHidden.status).toBe(400);
    expect(linkingHidden.body).toMatchObject({ error: { field: 'linkedEntries.0' } });
  });

  it('refuses decisions from viewers and bad input with a clear 4xx', async () => {
    const id = await report('Estlink outage');
    const byViewer = await as['fi-viewer']!.post(`/api/incidents/${id}/decisions`, {
      level: 'operational',
      decidedBy: 'FI',
      what: 'Reroute',
    });
    expect(byViewer.status).toBe(403);
    expect(byViewer.body).toMatchObject({ error: { code: 'forbidden' } });
    expect((await decisions('fi-viewer', id)).abilities.recordDecision).toBe(false);
    const badLevel = await as.fi!.post(`/api/incidents/${id}/decisions`, {
      level: 'tactical',
      decidedBy: 'FI',
      what: 'x',
    });
    expect(badLevel.status).toBe(400);
    expect(badLevel.body).toMatchObject({ error: { field: 'level' } });
    const nato = await as.fi!.post(`/api/incidents/${id}/decisions`, {
      level: 'operational',
      decidedBy: 'FI',
      what: 'x',
      audience: ['FI', 'NATO'],
    });
    expect(nato.status).toBe(400);
    expect((await as.fi!.get('/api/incidents/no-such/decisions')).status).toBe(404);
  });

  it('assigns an action to a person of the owner organisation, highlights it overdue, and lets the owner complete it', async () => {
    const id = await report('Balticconnector damage');
    const decision = await as.ercc!.post<Decision>(`/api/incidents/${id}/decisions`, {
      level: 'operational',
      decidedBy: 'ERCC duty',
      what: 'Finland charters a repair vessel',
    });
    const wrongAssignee = await as.ercc!.post(`/api/incidents/${id}/actions`, {
      title: 'Charter a repair vessel',
      ownerOrganisation: 'FI',
      assigneeUserId: ids.ee,
    });
    expect(wrongAssignee.status).toBe(400);
    expect(wrongAssignee.body).toMatchObject({ error: { field: 'assigneeUserId' } });

    const created = await as.ercc!.post<ActionItem>(`/api/incidents/${id}/actions`, {
      title: 'Charter a repair vessel',
      ownerOrganisation: 'FI',
      assigneeUserId: ids['fi-officer'],
      dueAt: '2026-11-02T09:10:00Z',
      decisionId: decision.body.id,
      audience: ['ERCC'],
    });
    expect(created.status).toBe(201);
    // The owner organisation is always in the audience.
    expect(created.body.audience).toEqual(['ERCC', 'FI']);
    expect(created.body).toMatchObject({
      status: 'open',
      overdue: false,
      assignee: { userId: ids['fi-officer'], name: 'fi-officer person' },
      decisionId: decision.body.id,
    });
    const actionId = created.body.id;

    const mine = await as['fi-officer']!.get<{ items: ActionItem[] }>('/api/me/actions');
    expect(mine.body.items.map((a) => a.id)).toContain(actionId);
    expect(
      (await as.ee!.get<{ items: ActionItem[] }>('/api/me/actions')).body.items.map((a) => a.id),
    ).not.toContain(actionId);
    // Not in Estonia's audience: it does not see the action at all.
    expect((await decisions('ee', id)).actions).toEqual([]);

    // Past the due time, within the sessions' idle limit.
    clock.advance(20 * 60 * 1000);
    const late = (await decisions('fi', id)).actions.find((a) => a.id === actionId);
    expect(late).toMatchObject({ overdue: true, abilities: { changeStatus: true } });

    const byEstonia = await as.ee!.post(`/api/incidents/${id}/actions/${actionId}/status`, {
      status: 'done',
    });
    expect(byEstonia.status).toBe(404);
    const byViewer = await as['fi-viewer']!.post(`/api/incidents/${id}/actions/${actionId}/status`, {
      status: 'done',
    });
    expect(byViewer.status).toBe(403);

    const done = await as['fi-officer']!.post<ActionItem>(`/api/incidents/${id}/actions/${actionId}/status`, {
      status: 'done',
      note: 'Vessel under way',
    });
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({
      status: 'done',
      overdue: false,
      lastChange: { status: 'done', organisation: 'FI', note: 'Vessel under way' },
    });
    const again = await as.fi!.post(`/api/incidents/${id}/actions/${actionId}/status`, { status: 'done' });
    expect(again.status).toBe(409);
    expect(
      (await as['fi-officer']!.get<{ items: ActionItem[] }>('/api/me/actions')).body.items.map((a) => a.id),
    ).not.toContain(actionId);

    // The creator may reopen it; then it is overdue again.
    const reopened = await as.ercc!.post<ActionItem>(`/api/incidents/${id}/actions/${actionId}/status`, {
      status: 'open',
    });
    expect(reopened.status).toBe(201);
    expect(reopened.body).toMatchObject({ status: 'open', overdue: true });
    const log = await as.fi!.get<{ items: Entry[] }>(`/api/incidents/${id}/entries`);
    expect(log.body.items.filter((e) => e.kind === 'action-status')).toHaveLength(2);
  });

  it('decides parallel completions of one action one after the other: one is written, the others are refused', async () => {
    const id = await report('Parallel completion');
    const created = await as.fi!.post<ActionItem>(`/api/incidents/${id}/actions`, {
      title: 'Report the repair window',
      ownerOrganisation: 'FI',
    });
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 ? as.fi! : as['fi-officer']!).post(`/api/incidents/${id}/actions/${created.body.id}/status`, {
          status: 'done',
        }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const log = await as.fi!.get<{ items: Entry[] }>(`/api/incidents/${id}/entries`);
    expect(log.body.items.filter((e) => e.kind === 'action-status')).toHaveLength(1);
  });
});
