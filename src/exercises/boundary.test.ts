import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { standard } from '../../test/support/standards.js';
import type { Incident } from '../incidents/model.js';

/** The boundary between exercises and the real world: nothing crosses it through a merge or an import. */
describe.each(engines())('the exercise boundary on %s', (engine) => {
  let server: TestServer;
  let ercc: ApiClient;
  let fi: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    for (const [email, organisation] of [
      ['ercc@example.eu', 'ERCC'],
      ['fi@example.eu', 'FI'],
    ] as const)
      await server.createUser({ email, password: PASSWORD, organisation, role: 'coordinator' });
    ercc = new ApiClient(server.url);
    await ercc.login('ercc@example.eu', PASSWORD);
    fi = new ApiClient(server.url);
    await fi.login('fi@example.eu', PASSWORD);
  }, 60_000);
  afterAll(() => server?.close());

  const report = async (exercise: boolean) => {
    const created = await fi.post<Incident>('/api/incidents', {
      title: exercise ? 'Exercise: cable down' : 'Cable down',
      reportedBy: 'FI',
      occurredAt: new Date(Date.now() - 3600_000).toISOString(),
      cause: 'physical',
      exercise,
      sectors: [{ sector: 'digital-infrastructure', subsector: 'electronic-communications' }],
      impacts: [{ memberState: 'FI', level: 'significant' }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id;
  };
  const entryCount = async (id: string) =>
    (await fi.get<{ items: unknown[] }>(`/api/incidents/${id}/entries`)).body.items.length;

  it('never merges an exercise into a real incident, nor a real one into an exercise', async () => {
    const real = await report(false);
    const exercise = await report(true);
    const before = [await entryCount(real), await entryCount(exercise)];
    for (const [into, duplicate] of [
      [real, exercise],
      [exercise, real],
    ] as const)
      for (const who of [ercc, fi]) {
        const refused = await who.post(`/api/incidents/${into}/merge`, { duplicateId: duplicate });
        expect(refused.status).toBe(409);
        expect(refused.body).toMatchObject({ error: { code: 'exercise-boundary', field: 'duplicateId' } });
      }
    expect([await entryCount(real), await entryCount(exercise)]).toEqual(before);
    const realView = await fi.get<Incident>(`/api/incidents/${real}`);
    expect(realView.body.exercise).toBe(false);

    // Within its own kind a merge still works: two exercise reports of one drill.
    const drill = await report(true);
    const merged = await ercc.post(`/api/incidents/${exercise}/merge`, { duplicateId: drill });
    expect(merged.status, JSON.stringify(merged.body)).toBe(201);
  });

  it('takes no import over HTTP into an exercise incident, and writes nothing', async () => {
    const exercise = await report(true);
    const before = await entryCount(exercise);
    const file = fs.readFileSync(standard('stix-2.1', 'examples', 'indicator-for-c2-ip-address.json'));
    const res = await fetch(`${server.url}/api/imports/stix?incident=${exercise}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: fi.cookie ?? '' },
      body: file,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { field: 'incident' } });
    expect(await entryCount(exercise)).toBe(before);
  });
});
