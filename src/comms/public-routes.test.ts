import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { CAP_XSD, validateAgainst } from '../../test/support/xmllint.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';
import { readCap } from './cap.js';
import type { PublicMessagesView } from './model.js';
import { parseXml, type XmlElement } from './xml.js';

const HOUR = 3600_000;

/** `xmllint --noout`: whether the document is well-formed XML, with what it said when not. */
function wellFormed(xml: string): { ok: boolean; errors: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-public-'));
  try {
    const file = path.join(dir, 'feed.xml');
    fs.writeFileSync(file, xml);
    const run = spawnSync('xmllint', ['--noout', '--nonet', file], { encoding: 'utf8' });
    if (run.error) throw run.error;
    return { ok: run.status === 0, errors: run.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const childrenNamed = (e: XmlElement, name: string) => e.children.filter((c) => c.name === name);

const line = (headline: string) => [
  { language: 'en', headline, text: `${headline}: rolling cuts tonight.`, instruction: 'Charge phones.' },
  { language: 'fi', headline: `${headline} (fi)`, text: 'Kiertäviä katkoja tänä yönä.', instruction: '' },
  { language: 'et', headline: `${headline} (et)`, text: 'Täna öösel katkestused.', instruction: '' },
];

describe.each(engines())('the public page over HTTP on %s', (engine) => {
  let server: TestServer;
  const clock = new ManualClock(Date.now());
  const as: Record<string, ApiClient> = {};
  let anonymous: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ engine, clock });
    const people: Array<[string, string, 'coordinator' | 'viewer']> = [
      ['fi', 'FI', 'coordinator'],
      ['fiviewer', 'FI', 'viewer'],
      ['ee', 'EE', 'coordinator'],
      ['lv', 'LV', 'coordinator'],
      ['ercc', 'ERCC', 'coordinator'],
    ];
    for (const [key, organisation, role] of people) {
      await server.createUser({ email: `${key}@example.eu`, password: PASSWORD, organisation, role });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
    anonymous = new ApiClient(server.url);
  });
  afterAll(() => server?.close());

  const advance = async (ms: number) => {
    clock.advance(ms);
    for (const [key, client] of Object.entries(as)) await client.login(`${key}@example.eu`, PASSWORD);
  };

  /** FI reports a disturbance in FI and EE, EE confirms, and FI notes something CLEAR and something AMBER. */
  const incident = async (exercise = false) => {
    const created = await as.fi!.post<Incident>('/api/incidents', {
      title: 'Substation sabotage suspected at Kiisa',
      reportedBy: 'FI',
      occurredAt: new Date(clock.now().getTime() - HOUR).toISOString(),
      cause: 'cyber',
      exercise,
      sectors: [{ sector: 'energy', subsector: 'electricity' }],
      impacts: [
        { memberState: 'FI', level: 'significant' },
        { memberState: 'EE', level: 'significant' },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    await as.ee!.post(`/api/incidents/${id}/assessments`, { memberState: 'EE', level: 'significant' });
    for (const [text, marking] of [
      ['A clear note for coordinators only', 'TLP:CLEAR'],
      ['An amber note about the suspect', 'TLP:AMBER'],
    ]) {
      const note = await as.fi!.post(`/api/incidents/${id}/entries`, { kind: 'note', text, marking });
      expect(note.status, JSON.stringify(note.body)).toBe(201);
    }
    return id;
  };

  /** A line drafted by FI; approved by FI and EE unless `approve` is false. */
  const lineToTake = async (id: string, headline: string, embargoMs: number, approve = true) => {
    const drafted = await as.fi!.post<PublicMessagesView>(`/api/incidents/${id}/public-messages`, {
      marking: 'TLP:CLEAR',
      event: 'Electricity grid disturbance',
      embargoUntil: new Date(clock.now().getTime() + embargoMs).toISOString(),
      texts: line(headline),
    });
    expect(drafted.status, JSON.stringify(drafted.body)).toBe(201);
    const mid = drafted.body.messages.at(-1)!.messageId;
    if (approve) {
      const decide = (who: string, languages: string[]) =>
        as[who]!.post(`/api/incidents/${id}/public-messages/${mid}/decisions`, {
          decision: 'approved',
          languages,
        });
      expect((await decide('ee', ['en', 'et'])).status).toBe(200);
      expect((await decide('fi', ['en', 'fi'])).status).toBe(200);
    }
    return mid;
  };

  const switchPage = (who: string, id: string, enabled: boolean) =>
    as[who]!.put<{ enabled: boolean; path: string | null }>(`/api/incidents/${id}/public-page`, { enabled });

  it('is switched on by the reporter or ERCC only, with a token that is not the incident id', async () => {
    const id = await incident();
    const before = await as.fi!.get<{
      enabled: boolean;
      path: string | null;
      abilities: { switch: boolean };
    }>(`/api/incidents/${id}/public-page`);
    expect(before.body).toEqual({ enabled: false, path: null, abilities: { switch: true } });
    expect(
      (await as.lv!.get<{ abilities: { switch: boolean } }>(`/api/incidents/${id}/public-page`)).body
        .abilities.switch,
    ).toBe(false);
    expect((await switchPage('lv', id, true)).status).toBe(403);
    expect((await switchPage('ee', id, true)).status).toBe(403);
    expect((await switchPage('fiviewer', id, true)).status).toBe(403);
    expect((await anonymous.put(`/api/incidents/${id}/public-page`, { enabled: true })).status).toBe(401);
    const bad = await as.fi!.put(`/api/incidents/${id}/public-page`, { enabled: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { field: 'enabled' } });

    const on = await switchPage('ercc', id, true);
    expect(on.status, JSON.stringify(on.body)).toBe(200);
    const pagePath = on.body.path!;
    expect(pagePath).toMatch(/^\/public\/incidents\/[A-Za-z0-9_-]{32}$/);
    expect(pagePath).not.toContain(id);
    expect((await anonymous.get(pagePath)).status).toBe(200);

    const off = await switchPage('fi', id, false);
    expect(off.body).toMatchObject({ enabled: false, path: pagePath });
    expect((await anonymous.get(pagePath)).status).toBe(404);
    expect((await anonymous.get(`${pagePath}/feed.atom`)).status).toBe(404);
    expect((await switchPage('fi', id, true)).body.path).toBe(pagePath);
    expect((await anonymous.get(pagePath)).status).toBe(200);
    expect((await anonymous.get(`/public/incidents/${id}`)).status).toBe(404);
    expect((await anonymous.get('/public/incidents/not-a-token')).status).toBe(404);
  });

  it('shows only approved lines past their embargo, escaped, with security headers and nothing else', async () => {
    const id = await incident();
    const mid = await lineToTake(id, 'Power cuts <b>tonight</b> & "tomorrow"', HOUR);
    await lineToTake(id, 'Unapproved line', HOUR, false);
    await lineToTake(id, 'Embargoed line', 5 * HOUR);
    const pagePath = (await switchPage('fi', id, true)).body.path!;

    const early = await anonymous.get<string>(pagePath);
    expect(early.status).toBe(200);
    expect(early.body).not.toContain('Power cuts');
    expect(early.body).toContain('No public information has been published yet.');

    await advance(2 * HOUR);
    const page = await anonymous.get<string>(pagePath);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const html = page.body;
    expect(html).toContain('Power cuts &lt;b&gt;tonight&lt;/b&gt; &amp; &quot;tomorrow&quot;');
    expect(html).not.toContain('<b>tonight');
    expect(html).toContain('<section lang="fi">');
    expect(html).toContain('<section lang="et">');
    expect(html).toContain('Kiertäviä katkoja tänä yönä.');
    expect(html).not.toContain('EXERCISE');
    for (const hidden of [
      'Unapproved line',
      'Embargoed line',
      'Substation sabotage',
      'Kiisa',
      'A clear note',
      'An amber note',
      id,
    ])
      expect(html, hidden).not.toContain(hidden);

    // Nothing else of the incident hangs off the page, and /api still asks for a session.
    for (const other of [
      'entries',
      'public-messages',
      'sitreps',
      'picture',
      'audit',
      'divergence',
      'comments',
    ])
      expect((await anonymous.get(`${pagePath}/${other}`)).status, other).toBe(404);
    expect((await anonymous.get(`/api/incidents/${id}/entries`)).status).toBe(401);
    expect((await anonymous.get(`/api/incidents/${id}/public-messages`)).status).toBe(401);
    expect((await anonymous.get(`/api/incidents/${id}/divergence`)).status).toBe(401);
    expect((await anonymous.post(pagePath, {})).status).toBe(404);

    // The feeds: well-formed Atom, one entry per approved language, each linking a valid CAP alert.
    const feed = await anonymous.get<string>(`${pagePath}/feed.atom`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('application/atom+xml');
    expect(wellFormed(feed.body)).toEqual({ ok: true, errors: '' });
    const atom = parseXml(feed.body);
    expect(atom.name).toBe('feed');
    const entries = childrenNamed(atom, 'entry');
    expect(entries.map((e) => e.attributes['xml:lang']).sort()).toEqual(['en', 'et', 'fi']);
    expect(feed.body).toContain('Power cuts &lt;b&gt;tonight');
    for (const hidden of ['Unapproved line', 'Embargoed line', 'Substation', 'A clear note', id])
      expect(feed.body, hidden).not.toContain(hidden);

    const capFeed = await anonymous.get<string>(`${pagePath}/cap`);
    expect(capFeed.status).toBe(200);
    expect(wellFormed(capFeed.body).ok).toBe(true);
    const capEntries = childrenNamed(parseXml(capFeed.body), 'entry');
    expect(capEntries).toHaveLength(1);
    const href = childrenNamed(capEntries[0]!, 'link')[0]!.attributes.href!;
    expect(href).toBe(`${pagePath}/cap/${mid}-v1.xml`);
    const cap = await anonymous.get<string>(href);
    expect(cap.status).toBe(200);
    expect(cap.headers.get('content-type')).toContain('application/cap+xml');
    expect(validateAgainst(CAP_XSD, cap.body)).toMatchObject({ valid: true });
    expect(cap.body).not.toContain(id);
    const alert = readCap(cap.body);
    expect(alert.status).toBe('Actual');
    expect(alert.info.map((i) => i.language).sort()).toEqual(['en', 'et', 'fi']);
    expect((await anonymous.get(`${pagePath}/cap/nothing.xml`)).status).toBe(404);
  });

  it('for an exercise is a preview bannered EXERCISE on every line, with no feed', async () => {
    const id = await incident(true);
    await lineToTake(id, 'Drill line one', HOUR);
    await lineToTake(id, 'EXERCISE: Drill line two', HOUR);
    const pagePath = (await switchPage('fi', id, true)).body.path!;
    await advance(2 * HOUR);
    const page = await anonymous.get<string>(pagePath);
    expect(page.status).toBe(200);
    const articles = page.body.split('<article>').slice(1);
    expect(articles).toHaveLength(2);
    for (const a of articles) {
      expect(a).toContain('<p class="exercise">EXERCISE');
      for (const lang of ['en', 'fi', 'et'])
        expect(a).toMatch(new RegExp(`<section lang="${lang}"><h3>EXERCISE: `));
    }
    expect(page.body).not.toContain('EXERCISE: EXERCISE');
    expect(page.body).not.toContain('feed.atom');
    expect((await anonymous.get(`${pagePath}/feed.atom`)).status).toBe(404);
    expect((await anonymous.get(`${pagePath}/cap`)).status).toBe(404);
  });
});

describe('the public page under the general rate limit', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { TRUST_PROXY: 'true', API_RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(() => server?.close());

  it('counts requests without an account per address, as for the API', async () => {
    const busy = new ApiClient(server.url, { 'x-forwarded-for': '198.51.100.40' });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await busy.get('/public/incidents/some-token')).status);
    expect(answers).toEqual([404, 404, 404, 429]);
    const other = new ApiClient(server.url, { 'x-forwarded-for': '198.51.100.41' });
    expect((await other.get('/public/incidents/some-token')).status).toBe(404);
  });
});
