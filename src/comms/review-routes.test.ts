import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { CAP_XSD, validateAgainst } from '../../test/support/xmllint.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';
import { readCap } from './cap.js';
import type { DivergenceView } from './divergence-model.js';
import type { PublicMessagesView } from './model.js';

const HOUR = 3600_000;
const texts = [
  { language: 'en', headline: 'Power cuts tonight', text: 'Rolling cuts are expected tonight.' },
  { language: 'fi', headline: 'Sähkökatkoja tänään', text: 'Kiertäviä katkoja odotetaan tänä yönä.' },
];
const estonian = {
  language: 'et',
  translatedFrom: 'en',
  headline: 'Elektrikatkestused täna öösel',
  text: 'Täna öösel on oodata katkestusi.',
};

describe.each(engines())('language versions, comments and the divergence view on %s', (engine) => {
  let server: TestServer;
  const clock = new ManualClock(Date.now());
  const as: Record<string, ApiClient> = {};

  beforeAll(async () => {
    server = await startTestServer({ engine, clock });
    const people: Array<[string, string, 'coordinator' | 'viewer']> = [
      ['fi', 'FI', 'coordinator'],
      ['ee', 'EE', 'coordinator'],
      ['eeviewer', 'EE', 'viewer'],
      ['lv', 'LV', 'coordinator'],
      ['ercc', 'ERCC', 'coordinator'],
    ];
    for (const [key, organisation, role] of people) {
      await server.createUser({ email: `${key}@example.eu`, password: PASSWORD, organisation, role });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
  });
  afterAll(() => server?.close());

  const advance = async (ms: number) => {
    clock.advance(ms);
    for (const [key, client] of Object.entries(as)) await client.login(`${key}@example.eu`, PASSWORD);
  };

  /** FI and EE are affected (EE confirms); LV is a participant that is not. */
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
    const id = created.body.id;
    await as.ee!.post(`/api/incidents/${id}/assessments`, { memberState: 'EE', level: 'significant' });
    return id;
  };
  const draft = async (id: string) => {
    const drafted = await as.fi!.post<PublicMessagesView>(`/api/incidents/${id}/public-messages`, {
      marking: 'TLP:CLEAR',
      event: 'Electricity grid disturbance',
      embargoUntil: new Date(clock.now().getTime() + HOUR).toISOString(),
      texts,
    });
    expect(drafted.status, JSON.stringify(drafted.body)).toBe(201);
    return drafted.body.messages[0]!.messageId;
  };
  const version = (view: PublicMessagesView) => view.messages[0]!.versions.at(-1)!;

  it('keeps a language version a draft translation until a person of its state approves it', async () => {
    const id = await incident();
    const mid = await draft(id);
    const path = `/api/incidents/${id}/public-messages/${mid}`;
    expect((await as.lv!.post(`${path}/translations`, estonian)).status).toBe(403);
    expect((await as.eeviewer!.post(`${path}/translations`, estonian)).status).toBe(403);
    const ownText = await as.ee!.post(`${path}/translations`, { ...estonian, language: 'fi' });
    expect(ownText.status).toBe(409);
    expect(ownText.body).toMatchObject({ error: { field: 'language' } });
    const noSource = await as.ee!.post(`${path}/translations`, { ...estonian, translatedFrom: 'lv' });
    expect(noSource.status).toBe(400);
    expect(noSource.body).toMatchObject({ error: { field: 'translatedFrom' } });

    const started = await as.ercc!.post<PublicMessagesView>(`${path}/translations`, estonian);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(version(started.body).texts.map((t) => t.language)).toEqual(['en', 'fi', 'et']);
    expect(version(started.body).translations).toEqual([
      expect.objectContaining({
        language: 'et',
        translatedFrom: 'en',
        translatedBy: 'ERCC',
        approved: false,
      }),
    ]);
    expect(version(started.body).abilities.translate).toBe(true);

    await as.fi!.post(`${path}/decisions`, { decision: 'approved', languages: ['en', 'fi'] });
    await advance(HOUR);
    const draftOnly = readCap((await as.lv!.get<string>(`${path}/cap`)).body);
    expect(draftOnly.info.map((i) => i.language)).toEqual(['en', 'fi']);
    const page = await as.fi!.request<{ path: string }>('PUT', `/api/incidents/${id}/public-page`, {
      enabled: true,
    });
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    const before = await fetch(`${server.url}${page.body.path}`);
    const html = await before.text();
    expect(html).toContain('Power cuts tonight');
    expect(html).not.toContain(estonian.headline);

    // EE reworks the draft translation, then approves the line in Estonian: now it is published and exported.
    const reworked = await as.ee!.post<PublicMessagesView>(`${path}/translations`, {
      ...estonian,
      headline: 'Elektrikatkestused Eestis',
    });
    expect(reworked.status).toBe(201);
    const approved = await as.ee!.post<PublicMessagesView>(`${path}/decisions`, {
      decision: 'approved',
      languages: ['en', 'et'],
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(version(approved.body).translations[0]!.approved).toBe(true);
    const cap = await as.lv!.get<string>(`${path}/cap`);
    expect(validateAgainst(CAP_XSD, cap.body).valid).toBe(true);
    const info = readCap(cap.body).info;
    expect(info.map((i) => i.language)).toEqual(['en', 'fi', 'et']);
    expect(info[2]!.headline).toBe('Elektrikatkestused Eestis');
    expect(version(approved.body).approvedLanguages).toEqual(['en', 'fi', 'et']);
    expect(await (await fetch(`${server.url}${page.body.path}`)).text()).toContain(
      'Elektrikatkestused Eestis',
    );
    expect((await as.ee!.post(`${path}/translations`, estonian)).status).toBe(409);
  });

  it('keeps a line and its language versions TLP:CLEAR: their reach does not change', async () => {
    const id = await incident();
    const mid = await draft(id);
    const path = `/api/incidents/${id}/public-messages/${mid}`;
    const translated = await as.ee!.post<PublicMessagesView>(`${path}/translations`, estonian);
    const entries = await as.ee!.get<{ items: Array<{ id: string; kind: string; marking: string }> }>(
      `/api/incidents/${id}/entries`,
    );
    const translation = entries.body.items.find((e) => e.kind === 'public-message-translation')!;
    expect(translation.marking).toBe('TLP:CLEAR');
    const raise = { marking: 'TLP:AMBER', audience: ['FI', 'EE'], releasableToNato: false };
    for (const [who, entryId] of [
      ['fi', version(translated.body).id],
      ['ee', translation.id],
    ] as const) {
      const refused = await as[who]!.post(`/api/incidents/${id}/entries/${entryId}/reach`, raise);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ error: { code: 'fixed-reach' } });
    }
  });

  it('lets others comment inline, each comment resolved by its writer or the drafter', async () => {
    const id = await incident();
    const mid = await draft(id);
    const path = `/api/incidents/${id}/public-messages/${mid}`;
    const badPassage = await as.ee!.post(`${path}/comments`, {
      text: 'Say when',
      language: 'en',
      passage: 'not in the text',
    });
    expect(badPassage.status).toBe(400);
    expect(badPassage.body).toMatchObject({ error: { field: 'passage' } });
    expect((await as.eeviewer!.post(`${path}/comments`, { text: 'Say when' })).status).toBe(403);

    const key = { 'idempotency-key': `comment-${engine}` };
    const body = { text: 'Say until when', language: 'en', passage: 'expected tonight' };
    const commented = await as.ee!.post<PublicMessagesView>(`${path}/comments`, body, key);
    expect(commented.status, JSON.stringify(commented.body)).toBe(201);
    const again = await as.ee!.post<PublicMessagesView>(`${path}/comments`, body, key);
    expect(again.body).toEqual(commented.body);
    const byLv = await as.lv!.post<PublicMessagesView>(`${path}/comments`, { text: 'Add a phone number' });
    expect(byLv.status).toBe(201);
    const comments = version(byLv.body).comments;
    expect(comments.map((c) => [c.organisation, c.language, c.passage, c.resolved])).toEqual([
      ['EE', 'en', 'expected tonight', false],
      ['LV', null, null, false],
    ]);
    expect(comments.map((c) => c.abilities.resolve)).toEqual([false, true]);

    // Every participant sees them on the line; the log keeps them TLP:GREEN, off the public page and CAP.
    const seen = await as.eeviewer!.get<PublicMessagesView>(`/api/incidents/${id}/public-messages`);
    expect(version(seen.body).comments).toHaveLength(2);
    const log = await as.lv!.get<{ items: Array<{ kind: string; marking: string }> }>(
      `/api/incidents/${id}/entries`,
    );
    expect(log.body.items.filter((e) => e.kind === 'public-message-comment').map((e) => e.marking)).toEqual([
      'TLP:GREEN',
      'TLP:GREEN',
    ]);

    const [eeComment, lvComment] = comments;
    const resolve = (who: string, cid: string, resolved: boolean) =>
      as[who]!.request<PublicMessagesView>('PUT', `${path}/comments/${cid}/resolution`, { resolved });
    expect((await resolve('lv', eeComment!.id, true)).status).toBe(403);
    expect((await resolve('ee', 'nope', true)).status).toBe(404);
    const byDrafter = await resolve('fi', eeComment!.id, true);
    expect(byDrafter.status, JSON.stringify(byDrafter.body)).toBe(200);
    expect(version(byDrafter.body).comments[0]).toMatchObject({ resolved: true, resolvedBy: 'FI' });
    const reopened = await resolve('lv', lvComment!.id, true);
    expect(version(reopened.body).comments.map((c) => c.resolved)).toEqual([true, true]);
    const open = await resolve('lv', lvComment!.id, false);
    expect(version(open.body).comments.map((c) => c.resolved)).toEqual([true, false]);
  });

  it('keeps every comment and publication written at the same moment', async () => {
    const id = await incident();
    const mid = await draft(id);
    const writers = ['fi', 'ee', 'lv', 'ercc'];
    const comments = await Promise.all(
      writers.flatMap((who) =>
        [1, 2].map((n) =>
          as[who]!.post(`/api/incidents/${id}/public-messages/${mid}/comments`, { text: `${who} ${n}` }),
        ),
      ),
    );
    expect(comments.map((r) => r.status)).toEqual(Array(8).fill(201));
    const publishedAt = new Date(clock.now().getTime() - 60_000).toISOString();
    const publications = await Promise.all(
      ['fi', 'ee', 'ercc'].map((who) =>
        as[who]!.post(`/api/incidents/${id}/national-publications`, {
          publishedAt,
          text: `by ${who}`,
          ...(who === 'ercc' ? { state: 'FI' } : {}),
        }),
      ),
    );
    expect(publications.map((r) => r.status)).toEqual([201, 201, 201]);
    const lines = await as.lv!.get<PublicMessagesView>(`/api/incidents/${id}/public-messages`);
    expect(
      version(lines.body)
        .comments.map((c) => c.text)
        .sort(),
    ).toEqual(writers.flatMap((who) => [`${who} 1`, `${who} 2`]).sort());
    const view = await as.lv!.get<DivergenceView>(`/api/incidents/${id}/divergence`);
    expect(view.body.states.map((s) => [s.organisation, s.publications.length])).toEqual([
      ['EE', 1],
      ['FI', 2],
    ]);
  });

  it('shows what each state published side by side and flags contradicting key facts', async () => {
    const id = await incident();
    const path = `/api/incidents/${id}`;
    const before = await as.ee!.get<DivergenceView>(`${path}/divergence`);
    expect(before.body.states.map((s) => [s.organisation, s.publications.length])).toEqual([
      ['EE', 0],
      ['FI', 0],
    ]);
    expect(before.body.abilities).toEqual({ recordFor: ['EE'], mark: true });
    const at = (minutesAgo: number) => new Date(clock.now().getTime() - minutesAgo * 60_000).toISOString();

    expect(
      (await as.lv!.post(`${path}/national-publications`, { publishedAt: at(5), text: 'x' })).status,
    ).toBe(403);
    expect(
      (await as.fi!.post(`${path}/national-publications`, { state: 'EE', publishedAt: at(5), text: 'x' }))
        .status,
    ).toBe(403);
    const empty = await as.fi!.post(`${path}/national-publications`, { publishedAt: at(5) });
    expect(empty.status).toBe(400);
    const future = await as.fi!.post(`${path}/national-publications`, {
      publishedAt: new Date(clock.now().getTime() + HOUR).toISOString(),
      text: 'x',
    });
    expect(future.status).toBe(400);
    expect(future.body).toMatchObject({ error: { field: 'publishedAt' } });

    const fi = await as.fi!.post<DivergenceView>(`${path}/national-publications`, {
      publishedAt: at(30),
      text: 'An anchor dragged across the cable. Power is back by Thursday evening.',
      link: 'https://valtioneuvosto.example.fi/tiedote',
    });
    expect(fi.status, JSON.stringify(fi.body)).toBe(201);
    const ee = await as.ercc!.post<DivergenceView>(`${path}/national-publications`, {
      state: 'EE',
      publishedAt: at(20),
      link: 'https://kriis.example.ee/teade',
    });
    expect(ee.status, JSON.stringify(ee.body)).toBe(201);
    const pub = (view: DivergenceView, state: string) =>
      view.states.find((s) => s.organisation === state)!.publications[0]!;
    expect(pub(ee.body, 'EE')).toMatchObject({ source: 'entered', recordedBy: 'ERCC', text: null });
    const fiId = pub(ee.body, 'FI').id;
    const eeId = pub(ee.body, 'EE').id;

    const mark = (who: string, publicationId: string, fact: string, value: string) =>
      as[who]!.post<DivergenceView>(`${path}/divergence/marks`, { publicationId, fact, value });
    expect((await mark('lv', fiId, 'cause', 'anchor')).status).toBe(403);
    expect((await mark('fi', 'nope', 'cause', 'anchor')).status).toBe(404);
    expect((await mark('fi', fiId, 'mood', 'calm')).status).toBe(400);
    await mark('fi', fiId, 'cause', 'Anchor drag');
    const agreeing = await mark('ercc', eeId, 'cause', 'anchor drag.');
    expect(agreeing.status, JSON.stringify(agreeing.body)).toBe(200);
    expect(agreeing.body.flags).toEqual([]);
    await mark('fi', fiId, 'restoration', '2026-12-03T18:00:00Z');
    const contradicting = await mark('ee', eeId, 'restoration', '2026-12-10T18:00:00Z');
    expect(contradicting.body.flags).toEqual([
      {
        fact: 'restoration',
        values: [
          { value: '2026-12-10T18:00:00Z', organisations: ['EE'] },
          { value: '2026-12-03T18:00:00Z', organisations: ['FI'] },
        ],
      },
    ]);
    // Taking EE's mark away ends the contradiction.
    const cleared = await mark('ee', eeId, 'restoration', '');
    expect(cleared.body.flags).toEqual([]);

    // A line to take a state published counts too, in that state's own wording.
    const mid = await draft(id);
    await as.fi!.post(`${path}/public-messages/${mid}/decisions`, {
      decision: 'approved',
      languages: ['en', 'fi'],
    });
    await advance(HOUR);
    await as.fi!.post(`${path}/public-messages/${mid}/publications`, { link: 'https://fi.example.fi/line' });
    const withLine = await as.eeviewer!.get<DivergenceView>(`${path}/divergence`);
    expect(pub(withLine.body, 'FI')).toMatchObject({
      source: 'line',
      link: 'https://fi.example.fi/line',
      text: 'Sähkökatkoja tänään\nKiertäviä katkoja odotetaan tänä yönä.',
    });
    const lineId = pub(withLine.body, 'FI').id;
    const newer = await mark('ee', lineId, 'cause', 'sabotage');
    expect(newer.body.flags.map((f) => f.fact)).toEqual(['cause']);
    expect(newer.body.states.find((s) => s.organisation === 'FI')!.current).toEqual([
      { fact: 'cause', value: 'sabotage', publicationId: lineId },
      { fact: 'restoration', value: '2026-12-03T18:00:00Z', publicationId: fiId },
    ]);
    expect(withLine.body.abilities).toEqual({ recordFor: [], mark: false });
  });
});
