import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { SseClient } from '../../test/support/sse.js';
import type { Assessment } from '../blueprint/model.js';
import type { Entry } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';
import type { Me } from './model.js';

/** Generated text is in the account's language, else Accept-Language, on GET and on the stream alike (CONTRACT). */
describe.each(engines())('generated text in the reader language on %s', (engine) => {
  let server: TestServer;
  const fi = () => new ApiClient(server.url);
  let nl: ApiClient;
  let en: ApiClient;
  let browserNl: ApiClient;
  let ee: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    for (const [email, organisation] of [
      ['nl.fi@example.eu', 'FI'],
      ['en.fi@example.eu', 'FI'],
      ['browser.de@example.eu', 'DE'],
      ['ee@example.eu', 'EE'],
    ] as const)
      await server.createUser({ email, password: PASSWORD, organisation, role: 'coordinator' });
    [nl, en, browserNl, ee] = [fi(), fi(), fi(), fi()];
    await nl.login('nl.fi@example.eu', PASSWORD);
    await en.login('en.fi@example.eu', PASSWORD);
    await browserNl.login('browser.de@example.eu', PASSWORD);
    await ee.login('ee@example.eu', PASSWORD);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  it('an account chooses its language with PATCH /api/me; anything else is a 400 naming the field', async () => {
    const before = await nl.get<Me>('/api/me');
    expect(before.body).toMatchObject({ languageChosen: false });
    const set = await nl.patch<Me>('/api/me', { language: 'nl' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ language: 'nl', languageChosen: true });
    const bad = await en.patch<{ error: { field?: string } }>('/api/me', { language: 'fr' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('language');
    expect((await en.get<Me>('/api/me')).body.languageChosen).toBe(false);
  });

  it('gives Dutch reasons and explanations to a Dutch reader on GET and on the stream, English to others', async () => {
    const nlStream = new SseClient(`${server.url}/api/stream`, { cookie: nl.cookie! });
    const enStream = new SseClient(`${server.url}/api/stream`, { cookie: en.cookie! });
    // No account choice: the browser's language decides, on the stream too.
    const headerStream = new SseClient(`${server.url}/api/stream`, {
      cookie: browserNl.cookie!,
      'accept-language': 'nl-NL,nl;q=0.9,en;q=0.5',
    });
    for (const s of [nlStream, enStream, headerStream]) expect(await s.open()).toBe(200);
    try {
      const incident = (
        await en.post<Incident>('/api/incidents', {
          title: 'Gas pipeline pressure drop',
          reportedBy: 'FI',
          occurredAt: '2026-11-30T06:00:00Z',
          impacts: [{ memberState: 'FI', level: 'significant' }],
        })
      ).body;
      expect(
        (
          await ee.post(`/api/incidents/${incident.id}/assessments`, {
            memberState: 'EE',
            level: 'significant',
          })
        ).status,
      ).toBe(201);

      const dutch = (await nl.get<Incident>(`/api/incidents/${incident.id}`)).body.assessment;
      const english = (await en.get<Incident>(`/api/incidents/${incident.id}`)).body.assessment;
      const byHeader = (
        await browserNl.get<Incident>(`/api/incidents/${incident.id}`, { 'accept-language': 'nl' })
      ).body.assessment;
      expect(dutch.status).toBe('decision-required');
      expect(dutch.reasons[0]).toMatch(
        /^Besluit nodig: 2 lidstaten naar eigen beoordeling aanzienlijk getroffen \(EE, FI\)/,
      );
      expect(dutch.triggers.find((t) => t.id === 'T3')?.explanation).toContain('coördinatie op Unieniveau');
      expect(english.reasons[0]).toMatch(/^Decision required: 2 member states/);
      expect(byHeader.reasons).toEqual(dutch.reasons);
      // The facts are the same for everyone: only the sentences differ.
      expect({ ...dutch, reasons: [], triggers: dutch.triggers.map((t) => t.met) }).toEqual({
        ...english,
        reasons: [],
        triggers: english.triggers.map((t) => t.met),
      });
      // An account's own choice wins over what its browser asks for.
      expect(
        (await nl.get<Incident>(`/api/incidents/${incident.id}`, { 'accept-language': 'en' })).body.assessment
          .reasons,
      ).toEqual(dutch.reasons);

      const assessmentOn = async (s: SseClient) =>
        (
          (
            await s.waitFor(
              (e) =>
                e.event === 'assessment' &&
                (e.data as { incidentId: string; assessment: Assessment }).incidentId === incident.id &&
                (e.data as { assessment: Assessment }).assessment.status === 'decision-required',
            )
          ).data as { assessment: Assessment }
        ).assessment;
      expect((await assessmentOn(nlStream)).reasons).toEqual(dutch.reasons);
      expect((await assessmentOn(headerStream)).reasons).toEqual(dutch.reasons);
      expect((await assessmentOn(enStream)).reasons).toEqual(english.reasons);

      const statusChangeOn = async (s: SseClient) =>
        (
          (
            await s.waitFor(
              (e) =>
                e.event === 'entry' &&
                (e.data as Entry).kind === 'status-change' &&
                (e.data as Entry).incidentId === incident.id &&
                (e.data as Entry).body.to === 'decision-required',
            )
          ).data as Entry
        ).body.reasons as string[];
      expect((await statusChangeOn(nlStream))[0]).toMatch(/^Besluit nodig/);
      expect((await statusChangeOn(headerStream))[0]).toMatch(/^Besluit nodig/);
      expect((await statusChangeOn(enStream))[0]).toMatch(/^Decision required/);

      const listed = await nl.get<{ items: Entry[] }>(`/api/incidents/${incident.id}/entries`);
      const change = listed.body.items.find(
        (e) => e.kind === 'status-change' && e.body.to === 'decision-required',
      );
      expect(change).toBeDefined();
      expect((change?.body.reasons as string[] | undefined)?.[0]).toMatch(/^Besluit nodig/);
    } finally {
      for (const s of [nlStream, enStream, headerStream]) s.close();
    }
  });
});
