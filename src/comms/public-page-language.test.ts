import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';
import type { PublicMessagesView } from './model.js';

const HOUR = 3600_000;

// The public page has no account to take a language from: its own words follow the browser's Accept-Language
// (English or Dutch), while each line keeps the languages it was approved in.
describe('the public page in the reader’s language', () => {
  let server: TestServer;
  const clock = new ManualClock(Date.now());
  let fi: ApiClient;
  let pagePath = '';

  beforeAll(async () => {
    server = await startTestServer({ engine: 'sqlite', clock });
    await server.createUser({
      email: 'fi@public-words.example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
    });
    fi = new ApiClient(server.url);
    await fi.login('fi@public-words.example.eu', PASSWORD);
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
    const mid = drafted.body.messages[0]!.messageId;
    const approved = await fi.post(`/api/incidents/${id}/public-messages/${mid}/decisions`, {
      decision: 'approved',
      languages: ['en', 'fi'],
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    pagePath = (await fi.put<{ path: string }>(`/api/incidents/${id}/public-page`, { enabled: true })).body
      .path;
  });
  afterAll(() => server?.close());

  const read = async (acceptLanguage?: string) => {
    const answer = await fetch(`${server.url}${pagePath}`, {
      headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {},
    });
    expect(answer.status).toBe(200);
    return { html: await answer.text(), language: answer.headers.get('content-language') };
  };

  it('speaks Dutch to a Dutch browser, English otherwise, and keeps the line’s own languages', async () => {
    const nl = await read('nl-BE,nl;q=0.9,en;q=0.5');
    expect(nl.language).toBe('nl');
    expect(nl.html).toContain('<html lang="nl">');
    expect(nl.html).toContain('<h1>Informatie voor het publiek</h1>');
    expect(nl.html).toContain('(Waarschuwing, ');
    expect(nl.html).toContain('Atom-feed');
    expect(nl.html).not.toContain('Public information');
    expect(nl.html).toContain('<section lang="en"><h3>Power cuts tonight</h3>');
    expect(nl.html).toContain('<section lang="fi"><h3>Sähkökatkoja tänään</h3>');

    for (const header of [undefined, 'fi', 'de-DE,en;q=0.5']) {
      const other = await read(header);
      expect(other.language, header).toBe('en');
      expect(other.html).toContain('<html lang="en">');
      expect(other.html).toContain('<h1>Public information</h1>');
      expect(other.html).toContain('(Alert, ');
    }
  });
});
