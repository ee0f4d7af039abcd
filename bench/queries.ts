/**
 * Queries per read path: a view must load an incident's facts in a handful of queries, independent of how many
 * incidents, entries or readers there are (no query per item in a list).
 */
import { type BenchServer, report, signIn, startBenchServer } from './harness.js';

export async function queriesOf(server: BenchServer, run: () => Promise<unknown>): Promise<number> {
  const before = server.platform.db.queries.count;
  await run();
  return server.platform.db.queries.count - before;
}

/** Seeds `incidents` incidents with a report naming entities (one withheld) and a few updates and notes. */
export async function seedIncidents(
  server: BenchServer,
  cookie: string,
  incidents: number,
): Promise<string[]> {
  const post = async (pathname: string, body: unknown) => {
    const res = await fetch(`${server.url}${pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${pathname}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  const ids: string[] = [];
  for (let i = 0; i < incidents; i++) {
    const incident = await post('/api/incidents', {
      title: `Bench incident ${i}`,
      reportedBy: 'FI',
      occurredAt: '2026-11-28T08:00:00Z',
      entities: [
        { name: `Grid operator ${i}`, sector: 'energy', memberStatesServed: ['FI', 'EE'] },
        { name: `Cable landing ${i}`, sector: 'energy', memberStatesServed: ['FI'] },
      ],
      withheld: [{ field: 'entities[1].name', reason: 'national-security' }],
      impacts: [{ memberState: 'FI', level: 'significant' }],
    });
    for (let k = 0; k < 3; k++) {
      await post(`/api/incidents/${incident.id}/updates`, {
        stage: 'other',
        text: `update ${k}`,
        impacts: [{ memberState: 'FI', level: k === 2 ? 'significant' : 'minor' }],
      });
      await post(`/api/incidents/${incident.id}/entries`, {
        kind: 'note',
        text: `note ${k}`,
        marking: k === 0 ? 'TLP:AMBER' : 'TLP:GREEN',
        ...(k === 0 ? { audience: ['FI'] } : {}),
      });
    }
    ids.push(incident.id);
  }
  return ids;
}

export async function queryCounts() {
  const server = await startBenchServer();
  try {
    await server.user('fi@bench.example', 'FI', 'coordinator');
    await server.user('de@bench.example', 'DE', 'coordinator');
    const fi = await signIn(server.url, 'fi@bench.example');
    const de = await signIn(server.url, 'de@bench.example');
    const ids = await seedIncidents(server, fi, 20);
    const get = (pathname: string) => () =>
      fetch(`${server.url}${pathname}`, { headers: { cookie: de } }).then((r) => r.text());
    const id = ids[0]!;
    report(
      'queries: GET /api/incidents (20 incidents) as DE',
      String(await queriesOf(server, get('/api/incidents'))),
    );
    report('queries: GET one incident as DE', String(await queriesOf(server, get(`/api/incidents/${id}`))));
    report(
      'queries: GET picture as DE',
      String(await queriesOf(server, get(`/api/incidents/${id}/picture`))),
    );
    const update = () =>
      fetch(`${server.url}/api/incidents/${id}/updates`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: de },
        body: JSON.stringify({
          stage: 'other',
          text: 'DE update',
          impacts: [{ memberState: 'DE', level: 'minor' }],
        }),
      }).then((r) => r.text());
    report('queries: POST an update as DE', String(await queriesOf(server, update)));
  } finally {
    await server.close();
  }
}
