import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';
import type { PublicMessagesView } from './model.js';

const HOUR = 3600_000;

interface LogEntry {
  id: string;
  kind: string;
  abilities: { correct: boolean };
}

// A line to take changes only by its own steps (a new version, a Cancel, a rejection, an emptied mark): the log's
// general correction and retraction would leave the line, its approvals and its CAP alert as they were, while the
// log said they were withdrawn. They are refused for every kind the public communication rules fold.
describe.each(engines())('corrections and retractions of a line to take on %s', (engine) => {
  let server: TestServer;
  const clock = new ManualClock(Date.now());
  let fi: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ engine, clock });
    await server.createUser({
      email: 'fi@corrections.example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
    });
    fi = new ApiClient(server.url);
    await fi.login('fi@corrections.example.eu', PASSWORD);
  });
  afterAll(() => server?.close());

  it('refuses to retract or correct the line’s entries, and keeps the page and CAP as the line says', async () => {
    const created = await fi.post<Incident>('/api/incidents', {
      title: 'Grid disturbance',
      reportedBy: 'FI',
      occurredAt: new Date(clock.now().getTime() - HOUR).toISOString(),
      impacts: [{ memberState: 'FI', level: 'significant' }],
    });
    const id = created.body.id;
    const drafted = await fi.post<PublicMessagesView>(`/api/incidents/${id}/public-messages`, {
      marking: 'TLP:CLEAR',
      event: 'Grid disturbance',
      embargoUntil: clock.now().toISOString(),
      texts: [
        { language: 'en', headline: 'Power cuts tonight', text: 'Expect cuts.' },
        { language: 'fi', headline: 'Sähkökatkoja tänään', text: 'Katkoja odotetaan.' },
      ],
    });
    expect(drafted.status, JSON.stringify(drafted.body)).toBe(201);
    const mid = drafted.body.messages[0]!.messageId;
    const line = `/api/incidents/${id}/public-messages/${mid}`;
    expect(
      (await fi.post(`${line}/decisions`, { decision: 'approved', languages: ['en', 'fi'] })).status,
    ).toBe(200);
    expect((await fi.post(`${line}/comments`, { text: 'Say until when' })).status).toBe(201);
    const publication = await fi.post(`/api/incidents/${id}/national-publications`, {
      publishedAt: clock.now().toISOString(),
      text: 'Sähkökatkoja tänään.',
    });
    expect(publication.status, JSON.stringify(publication.body)).toBe(201);
    const page = await fi.put<{ path: string }>(`/api/incidents/${id}/public-page`, { enabled: true });
    expect(page.status).toBe(200);

    const log = await fi.get<{ items: LogEntry[] }>(`/api/incidents/${id}/entries`);
    const folded = log.body.items.filter(
      (e) =>
        e.kind.startsWith('public-message-') ||
        e.kind === 'national-publication' ||
        e.kind === 'key-fact-marked',
    );
    expect(folded.map((e) => e.kind).sort()).toEqual([
      'national-publication',
      'public-message-comment',
      'public-message-decision',
      'public-message-drafted',
    ]);
    for (const entry of folded) {
      expect(entry.abilities.correct, entry.kind).toBe(false);
      const retracted = await fi.post(`/api/incidents/${id}/entries/${entry.id}/retraction`, {
        reason: 'withdrawn',
      });
      expect(retracted.status, `${entry.kind}: ${JSON.stringify(retracted.body)}`).toBe(409);
      expect(retracted.body).toMatchObject({ error: { code: 'line-step', field: 'supersedes' } });
      const corrected = await fi.post(`/api/incidents/${id}/entries`, {
        kind: 'note',
        text: 'Corrected wording',
        marking: 'TLP:CLEAR',
        supersedes: entry.id,
      });
      expect(corrected.status, `${entry.kind}: ${JSON.stringify(corrected.body)}`).toBe(409);
      expect(corrected.body).toMatchObject({ error: { code: 'line-step', field: 'supersedes' } });
    }

    // Nothing was withdrawn in the log, and the line is public as its own steps say.
    const after = await fi.get<{ items: LogEntry[] }>(`/api/incidents/${id}/entries`);
    expect(after.body.items.filter((e) => e.kind === 'retraction')).toEqual([]);
    expect(await (await fetch(`${server.url}${page.body.path}`)).text()).toContain('Power cuts tonight');
    expect((await fi.get(`${line}/cap`)).status).toBe(200);
  });
});
