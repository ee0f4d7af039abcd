import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';
import type { DivergenceView } from './divergence-model.js';
import type { PublicMessagesView } from './model.js';

const HOUR = 3600_000;
const texts = [
  { language: 'en', headline: 'Power cuts tonight', text: 'Rolling cuts are expected tonight.' },
  { language: 'fi', headline: 'Sähkökatkoja tänään', text: 'Kiertäviä katkoja odotetaan tänä yönä.' },
];

describe.each(engines())('withdrawing a national publication on %s', (engine) => {
  let server: TestServer;
  const clock = new ManualClock(Date.now());
  const as: Record<string, ApiClient> = {};

  beforeAll(async () => {
    server = await startTestServer({ engine, clock });
    const people: Array<[string, string, 'coordinator' | 'viewer']> = [
      ['fi', 'FI', 'coordinator'],
      ['fiviewer', 'FI', 'viewer'],
      ['ee', 'EE', 'coordinator'],
      ['ercc', 'ERCC', 'coordinator'],
    ];
    for (const [key, organisation, role] of people) {
      await server.createUser({ email: `${key}@example.eu`, password: PASSWORD, organisation, role });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
  });
  afterAll(() => server?.close());

  const incident = async () => {
    const created = await as.fi!.post<Incident>('/api/incidents', {
      title: 'Baltic grid disturbance',
      reportedBy: 'FI',
      occurredAt: new Date(clock.now().getTime() - HOUR).toISOString(),
      impacts: [
        { memberState: 'FI', level: 'significant' },
        { memberState: 'EE', level: 'significant' },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await as.ee!.post(`/api/incidents/${created.body.id}/assessments`, {
      memberState: 'EE',
      level: 'significant',
    });
    return created.body.id;
  };
  const at = (minutesAgo: number) => new Date(clock.now().getTime() - minutesAgo * 60_000).toISOString();
  const fiOf = (view: DivergenceView) => view.states.find((s) => s.organisation === 'FI')!;

  it('lets only the recording organisation take it back, with a reason, once', async () => {
    const id = await incident();
    const path = `/api/incidents/${id}`;
    const recorded = await as.fi!.post<DivergenceView>(`${path}/national-publications`, {
      publishedAt: at(30),
      link: 'https://wrong.example.fi/tiedote',
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    const publication = fiOf(recorded.body).publications[0]!;
    expect(publication.abilities).toEqual({ withdraw: true, correct: true });
    await as.ee!.post(`${path}/divergence/marks`, {
      publicationId: publication.id,
      fact: 'cause',
      value: 'storm',
    });
    const byErcc = await as.ercc!.get<DivergenceView>(`${path}/divergence`);
    expect(fiOf(byErcc.body).publications[0]!.abilities).toEqual({ withdraw: false, correct: false });

    const correct = (who: string, body: unknown, pid = publication.id) =>
      as[who]!.post<DivergenceView>(`${path}/national-publications/${pid}/correction`, body);
    expect((await correct('ee', { reason: 'typo', link: 'https://x.example.ee' })).status).toBe(403);
    const noChange = await correct('fi', { reason: 'typo' });
    expect(noChange.status).toBe(400);
    expect(noChange.body).toMatchObject({ error: { field: 'link' } });
    const badLink = await correct('fi', { reason: 'typo', link: 'javascript:alert(1)' });
    expect(badLink.status).toBe(400);
    expect(badLink.body).toMatchObject({ error: { field: 'link' } });
    const corrected = await correct('fi', {
      reason: 'typo in the link',
      link: 'https://right.example.fi/tiedote',
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(fiOf(corrected.body).publications[0]).toMatchObject({
      id: publication.id,
      link: 'https://right.example.fi/tiedote',
      text: null,
      facts: [{ fact: 'cause', value: 'storm' }],
    });

    const withdraw = (who: string, body: unknown, pid = publication.id, headers?: Record<string, string>) =>
      as[who]!.post<DivergenceView>(`${path}/national-publications/${pid}/withdrawal`, body, headers);
    expect((await withdraw('ee', { reason: 'not ours' })).status).toBe(403);
    expect((await withdraw('ercc', { reason: 'not ours' })).status).toBe(403);
    expect((await withdraw('fiviewer', { reason: 'wrong link' })).status).toBe(403);
    const noReason = await withdraw('fi', {});
    expect(noReason.status).toBe(400);
    expect(noReason.body).toMatchObject({ error: { field: 'reason' } });
    const blank = await withdraw('fi', { reason: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body).toMatchObject({ error: { field: 'reason' } });
    expect((await withdraw('fi', { reason: 'wrong link' }, 'no-such-publication')).status).toBe(404);

    const key = { 'idempotency-key': `withdraw-${engine}` };
    const done = await withdraw('fi', { reason: 'wrong link' }, publication.id, key);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(fiOf(done.body).publications).toEqual([]);
    expect(fiOf(done.body).current).toEqual([]);
    const replayed = await withdraw('fi', { reason: 'wrong link' }, publication.id, key);
    expect(replayed.body).toEqual(done.body);
    const again = await withdraw('fi', { reason: 'wrong link' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'withdrawn' } });
    expect((await correct('fi', { reason: 'late', text: 'x' })).status).toBe(409);
    const marking = await as.ee!.post(`${path}/divergence/marks`, {
      publicationId: publication.id,
      fact: 'cause',
      value: 'storm',
    });
    expect(marking.status).toBe(404);

    // The log keeps one withdrawal, with its reason, and it is not itself retracted through the entries.
    const log = await as.ee!.get<{ items: Array<{ id: string; kind: string; body: unknown }> }>(
      `${path}/entries`,
    );
    const withdrawals = log.body.items.filter((e) => e.kind === 'national-publication-withdrawn');
    expect(withdrawals.map((e) => e.body)).toEqual([{ publicationId: publication.id, reason: 'wrong link' }]);
    const retraction = await as.fi!.post(`${path}/entries/${withdrawals[0]!.id}/retraction`, {
      reason: 'oops',
    });
    expect(retraction.status).toBe(409);
  });

  it("takes a line's publication back, so that the state records the right link", async () => {
    const id = await incident();
    const path = `/api/incidents/${id}`;
    const drafted = await as.fi!.post<PublicMessagesView>(`${path}/public-messages`, {
      marking: 'TLP:CLEAR',
      event: 'Electricity grid disturbance',
      embargoUntil: new Date(clock.now().getTime() + HOUR).toISOString(),
      texts,
    });
    const mid = drafted.body.messages[0]!.messageId;
    await as.fi!.post(`${path}/public-messages/${mid}/decisions`, {
      decision: 'approved',
      languages: ['en', 'fi'],
    });
    clock.advance(HOUR);
    for (const [key, client] of Object.entries(as)) await client.login(`${key}@example.eu`, PASSWORD);
    const wrong = await as.fi!.post(`${path}/public-messages/${mid}/publications`, {
      link: 'https://wrong.example.fi/line',
    });
    expect(wrong.status, JSON.stringify(wrong.body)).toBeLessThan(300);
    const view = await as.fi!.get<DivergenceView>(`${path}/divergence`);
    const line = fiOf(view.body).publications[0]!;
    expect(line).toMatchObject({ source: 'line', link: 'https://wrong.example.fi/line' });

    const lineText = await as.fi!.post(`${path}/national-publications/${line.id}/correction`, {
      reason: 'x',
      text: 'other words',
    });
    expect(lineText.status).toBe(400);
    expect(lineText.body).toMatchObject({ error: { field: 'text' } });

    const done = await as.fi!.post<DivergenceView>(`${path}/national-publications/${line.id}/withdrawal`, {
      reason: 'wrong link',
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(fiOf(done.body).publications).toEqual([]);
    const lines = await as.ee!.get<PublicMessagesView>(`${path}/public-messages`);
    const fi = lines.body.messages[0]!.versions.at(-1)!.states.find((s) => s.organisation === 'FI')!;
    expect(fi).toMatchObject({ status: 'approved', publishedAt: null, link: null });

    const right = await as.fi!.post(`${path}/public-messages/${mid}/publications`, {
      link: 'https://right.example.fi/line',
    });
    expect(right.status, JSON.stringify(right.body)).toBeLessThan(300);
    const after = await as.ee!.get<DivergenceView>(`${path}/divergence`);
    expect(fiOf(after.body).publications.map((p) => p.link)).toEqual(['https://right.example.fi/line']);

    // A line's link corrected is the state's link on the line too.
    const fixed = await as.fi!.post(
      `${path}/national-publications/${fiOf(after.body).publications[0]!.id}/correction`,
      {
        reason: 'the page moved',
        link: 'https://right.example.fi/line-2',
      },
    );
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    const relined = await as.ee!.get<PublicMessagesView>(`${path}/public-messages`);
    expect(
      relined.body.messages[0]!.versions.at(-1)!.states.find((s) => s.organisation === 'FI'),
    ).toMatchObject({
      status: 'published',
      link: 'https://right.example.fi/line-2',
    });
  });
});
