import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { CAP_XSD, validateAgainst } from '../../test/support/xmllint.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';
import { readCap } from './cap.js';
import type { PublicMessagesView } from './model.js';

const HOUR = 3600_000;
const texts = [
  {
    language: 'en',
    headline: 'Power cuts in the Baltic',
    text: 'Rolling cuts are expected tonight.',
    instruction: 'Charge phones.',
  },
  {
    language: 'fi',
    headline: 'Sähkökatkoja',
    text: 'Kiertäviä katkoja odotetaan tänä yönä.',
    instruction: 'Lataa puhelimet.',
  },
  {
    language: 'et',
    headline: 'Elektrikatkestused',
    text: 'Täna öösel on oodata katkestusi.',
    instruction: 'Laadige telefonid.',
  },
];

describe.each(engines())('lines to take over HTTP on %s', (engine) => {
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

  /** Moves the clock past an embargo; sessions idle that long end, so everyone signs in again. */
  const advance = async (ms: number) => {
    clock.advance(ms);
    for (const [key, client] of Object.entries(as)) await client.login(`${key}@example.eu`, PASSWORD);
  };

  /** FI reports a disturbance in FI and EE, and EE confirms: both are affected. */
  const incident = async (exercise = false) => {
    const created = await as.fi!.post<Incident>('/api/incidents', {
      title: 'Baltic grid disturbance',
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
    const confirmed = await as.ee!.post(`/api/incidents/${id}/assessments`, {
      memberState: 'EE',
      level: 'significant',
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBeLessThan(300);
    return id;
  };
  const draft = (id: string, over: Record<string, unknown> = {}, who = 'fi') =>
    as[who]!.post<PublicMessagesView>(`/api/incidents/${id}/public-messages`, {
      marking: 'TLP:CLEAR',
      event: 'Electricity grid disturbance',
      embargoUntil: new Date(clock.now().getTime() + HOUR).toISOString(),
      texts,
      ...over,
    });
  const decide = (who: string, id: string, mid: string, body: Record<string, unknown>) =>
    as[who]!.post<PublicMessagesView>(`/api/incidents/${id}/public-messages/${mid}/decisions`, body);
  const statuses = (view: PublicMessagesView, version = 0) =>
    Object.fromEntries(view.messages[0]!.versions[version]!.states.map((s) => [s.organisation, s.status]));

  it('refuses anything but TLP:CLEAR, naming marking, and drafts only for ERCC or an affected state', async () => {
    const id = await incident();
    for (const marking of ['TLP:GREEN', 'TLP:AMBER', 'TLP:RED']) {
      const refused = await draft(id, { marking });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ error: { field: 'marking' } });
    }
    expect((await draft(id, {}, 'lv')).status).toBe(403);
    expect((await draft(id, {}, 'eeviewer')).status).toBe(403);
    const onlyEnglish = await draft(id, { texts: [texts[0]] });
    expect(onlyEnglish.status).toBe(400);
    const byErcc = await draft(id, {}, 'ercc');
    expect(byErcc.status, JSON.stringify(byErcc.body)).toBe(201);
    expect(byErcc.body.messages[0]!.versions[0]!.mustApprove).toEqual(['ERCC', 'EE', 'FI']);
    const listed = await as.lv!.get<PublicMessagesView>(`/api/incidents/${id}/public-messages`);
    expect(listed.body.abilities.draft).toBe(false);
    expect(listed.body.messages[0]!.versions[0]!.abilities.decide).toBe(false);
  });

  it('asks each affected state to approve, reject or adapt, and holds everything until the embargo', async () => {
    const id = await incident();
    const drafted = await draft(id);
    expect(drafted.status, JSON.stringify(drafted.body)).toBe(201);
    const mid = drafted.body.messages[0]!.messageId;
    expect(statuses(drafted.body)).toEqual({ FI: 'draft', EE: 'draft' });

    // EE picks its own language besides English; Finnish alone is not its language.
    const wrong = await decide('ee', id, mid, { decision: 'approved', languages: ['en', 'fi'] });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ error: { field: 'languages' } });
    const noReason = await decide('ee', id, mid, { decision: 'rejected' });
    expect(noReason.status).toBe(400);
    const rejected = await decide('ee', id, mid, { decision: 'rejected', reason: 'tonight is too vague' });
    expect(statuses(rejected.body).EE).toBe('rejected');
    expect(rejected.body.messages[0]!.versions[0]!.states.find((s) => s.organisation === 'EE')?.reason).toBe(
      'tonight is too vague',
    );
    const adapted = await decide('ee', id, mid, {
      decision: 'adapted',
      languages: ['en', 'et'],
      adaptation: [
        { language: 'et', headline: 'Elektrikatkestused Eestis', text: 'Katkestused kella 22-st.' },
      ],
    });
    expect(adapted.status, JSON.stringify(adapted.body)).toBe(200);
    expect(statuses(adapted.body)).toEqual({ FI: 'draft', EE: 'adapted' });
    expect((await decide('lv', id, mid, { decision: 'approved', languages: ['en', 'lv'] })).status).toBe(403);

    // Not approved by FI, which drafted it: nothing to export.
    const early = await as.ee!.get(`/api/incidents/${id}/public-messages/${mid}/cap`);
    expect(early.status).toBe(409);
    const approved = await decide('fi', id, mid, { decision: 'approved', languages: ['en', 'fi'] });
    expect(statuses(approved.body)).toEqual({ FI: 'approved', EE: 'adapted' });

    // Approved, but under embargo: neither published nor exported.
    const embargoed = await as.ee!.get<{ error: { code: string } }>(
      `/api/incidents/${id}/public-messages/${mid}/cap`,
    );
    expect(embargoed.status).toBe(409);
    const tooSoon = await as.ee!.post<{ error: { code: string } }>(
      `/api/incidents/${id}/public-messages/${mid}/publications`,
      {
        link: 'https://kriis.ee/teade',
      },
    );
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body.error.code).toBe('embargo');
    expect(approved.body.messages[0]!.versions[0]!.abilities.publish).toBe(false);

    await advance(HOUR);
    const cap = await as.ee!.get<string>(`/api/incidents/${id}/public-messages/${mid}/cap`);
    expect(cap.status).toBe(200);
    expect(cap.headers.get('content-type')).toMatch(/xml/);
    expect(validateAgainst(CAP_XSD, cap.body).valid).toBe(true);
    const alert = readCap(cap.body);
    expect(alert).toMatchObject({ status: 'Actual', msgType: 'Alert', scope: 'Public' });
    expect(alert.info.map((i) => i.language)).toEqual(['en', 'fi', 'et']);
    expect(alert.info[0]!.area[0]!.geocode.map((g) => g.value)).toEqual(['EE', 'FI']);

    const published = await as.ee!.post<PublicMessagesView>(
      `/api/incidents/${id}/public-messages/${mid}/publications`,
      {
        link: 'https://kriis.ee/teade',
      },
    );
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const ee = published.body.messages[0]!.versions[0]!.states.find((s) => s.organisation === 'EE')!;
    expect(ee).toMatchObject({
      status: 'published',
      link: 'https://kriis.ee/teade',
      publishedAt: clock.now().toISOString(),
    });
    expect(
      (
        await as.lv!.post(`/api/incidents/${id}/public-messages/${mid}/publications`, {
          link: 'https://x.lv',
        })
      ).status,
    ).toBe(403);

    // An update needs approval again and references the first version.
    const update = await as.fi!.post<PublicMessagesView>(
      `/api/incidents/${id}/public-messages/${mid}/versions`,
      {
        msgType: 'Update',
        marking: 'TLP:CLEAR',
        event: 'Electricity grid disturbance',
        embargoUntil: clock.now().toISOString(),
        texts,
      },
    );
    expect(update.status, JSON.stringify(update.body)).toBe(201);
    expect(statuses(update.body, 1)).toEqual({ FI: 'draft', EE: 'draft' });
    const stillFirst = readCap(
      (await as.ee!.get<string>(`/api/incidents/${id}/public-messages/${mid}/cap`)).body,
    );
    expect(stillFirst.msgType).toBe('Alert');
    await decide('fi', id, mid, { decision: 'approved', languages: ['en', 'fi'] });
    const second = await as.ee!.get<string>(`/api/incidents/${id}/public-messages/${mid}/cap`);
    expect(validateAgainst(CAP_XSD, second.body).valid).toBe(true);
    const updated = readCap(second.body);
    expect(updated.msgType).toBe('Update');
    expect(updated.references).toContain(alert.identifier);
    expect(updated.info.map((i) => i.language)).toEqual(['en', 'fi']);
  });

  it('writes Exercise for an exercise incident', async () => {
    const id = await incident(true);
    const mid = (await draft(id)).body.messages[0]!.messageId;
    await decide('fi', id, mid, { decision: 'approved', languages: ['en', 'fi'] });
    await advance(HOUR);
    const cap = await as.fi!.get<string>(`/api/incidents/${id}/public-messages/${mid}/cap`);
    expect(validateAgainst(CAP_XSD, cap.body).valid).toBe(true);
    expect(readCap(cap.body).status).toBe('Exercise');
  });

  it('keeps every concurrent decision, each state’s once', async () => {
    const id = await incident();
    const mid = (await draft(id)).body.messages[0]!.messageId;
    const answers = await Promise.all([
      ...Array.from({ length: 6 }, () =>
        decide('ee', id, mid, { decision: 'approved', languages: ['en', 'et'] }),
      ),
      ...Array.from({ length: 6 }, () =>
        decide('fi', id, mid, { decision: 'approved', languages: ['en', 'fi'] }),
      ),
    ]);
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    const view = await as.lv!.get<PublicMessagesView>(`/api/incidents/${id}/public-messages`);
    expect(statuses(view.body)).toEqual({ FI: 'approved', EE: 'approved' });
  });
});
