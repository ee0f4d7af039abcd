import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Entry } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';
import type { Decision, IncidentDecisions } from './decisions-model.js';

const NOW = '2026-11-02T09:00:00.000Z';

// A decision has no command of its own that withdraws or rewords it: the log's retraction and correction are how a
// wrong record is put right, and the decision log follows them.
describe.each(engines())('corrections and retractions in the decision log on %s', (engine) => {
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
        email: `${key}@decision-corrections.example.eu`,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
        displayName: `${key} person`,
      });
      ids[key] = user.id;
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@decision-corrections.example.eu`, PASSWORD);
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
  const decisionsOf = async (who: string, id: string) =>
    (await as[who]!.get<IncidentDecisions>(`/api/incidents/${id}/decisions`)).body;
  const decide = async (id: string, what: string) => {
    const d = await as.fi!.post<Decision>(`/api/incidents/${id}/decisions`, {
      level: 'operational',
      decidedBy: 'FI crisis cell',
      what,
    });
    expect(d.status).toBe(201);
    return d.body;
  };

  it('drops a retracted decision from the decision log and shows a corrected one as corrected, for every reader', async () => {
    const id = await report('Cable cut, decisions put right');
    const kept = await decide(id, 'Pool repair vessels');
    const wrong = await decide(id, 'Close the Gulf to shipping');
    const misworded = await decide(id, 'Ask ERCC for one tug');

    const retracted = await as.fi!.post(`/api/incidents/${id}/entries/${wrong.id}/retraction`, {
      reason: 'Recorded on the wrong incident',
    });
    expect(retracted.status, JSON.stringify(retracted.body)).toBe(201);
    const corrected = await as.fi!.post(`/api/incidents/${id}/entries`, {
      kind: 'note',
      text: 'Ask ERCC for two tugs',
      marking: 'TLP:GREEN',
      supersedes: misworded.id,
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(201);

    for (const who of ['fi', 'ee']) {
      const log = await decisionsOf(who, id);
      expect(log.decisions.map((d) => [d.id, d.what])).toEqual([
        [kept.id, 'Pool repair vessels'],
        [misworded.id, 'Ask ERCC for two tugs'],
      ]);
    }
    // The retraction and its reason stay in the log, where the retracted decision is shown as retracted.
    const entries = await as.ee!.get<{ items: Entry[] }>(`/api/incidents/${id}/entries`);
    expect(entries.body.items.find((e) => e.kind === 'retraction')?.text).toBe(
      'Recorded on the wrong incident',
    );
  });

  it('links no new action to a retracted decision (400 retracted)', async () => {
    const id = await report('Cable cut, a retracted decision');
    const wrong = await decide(id, 'Recorded by mistake');
    const retracted = await as.fi!.post(`/api/incidents/${id}/entries/${wrong.id}/retraction`, {
      reason: 'Never decided',
    });
    expect(retracted.status).toBe(201);
    const action = await as.fi!.post(`/api/incidents/${id}/actions`, {
      title: 'Follow up',
      ownerOrganisation: 'FI',
      decisionId: wrong.id,
    });
    expect(action.status, JSON.stringify(action.body)).toBe(400);
    expect(action.body).toMatchObject({ error: { code: 'retracted', field: 'decisionId' } });
  });
});
