import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicMessagesView } from '../src/comms/model.js';
import type { Entry } from '../src/entries/model.js';
import type { Incident } from '../src/incidents/model.js';
import type { Handover } from '../src/response/handover-model.js';
import { engines } from './support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from './support/server.js';

/*
 * The newer response and communication commands racing themselves: each case sends the same command several times
 * at the same moment on separate connections of a real server, and checks that the outcome is one the commands
 * could have produced one after the other (each decides on what it reads inside its own transaction). On
 * PostgreSQL the requests run truly in parallel.
 */
const texts = [
  { language: 'en', headline: 'Power cuts', text: 'Rolling cuts tonight.', instruction: 'Charge phones.' },
  { language: 'fi', headline: 'Sähkökatkoja', text: 'Katkoja tänä yönä.', instruction: 'Lataa puhelimet.' },
  {
    language: 'et',
    headline: 'Elektrikatkestused',
    text: 'Katkestused täna öösel.',
    instruction: 'Laadige.',
  },
];

describe.each(engines())('response and communication commands racing on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  const trials = engine === 'postgres' ? 6 : 2;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    for (const [key, organisation] of [
      ['fi', 'FI'],
      ['fi-night', 'FI'],
      ['fi-relief', 'FI'],
      ['ee', 'EE'],
      ['ercc', 'ERCC'],
    ] as const) {
      await server.createUser({
        email: `${key}@example.eu`,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
      });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
  });
  afterAll(() => server?.close());

  const incident = async (title: string) => {
    const created = await as.fi!.post<Incident>('/api/incidents', {
      title,
      reportedBy: 'FI',
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      impacts: [
        { memberState: 'FI', level: 'significant' },
        { memberState: 'EE', level: 'significant' },
      ],
    });
    expect(created.status).toBe(201);
    const confirmed = await as.ee!.post(`/api/incidents/${created.body.id}/assessments`, {
      memberState: 'EE',
      level: 'significant',
    });
    expect(confirmed.status).toBe(201);
    return created.body.id;
  };

  it('three updates of one approved line at once: one version 2, the others refused', async () => {
    const id = await incident('Line race');
    for (let trial = 0; trial < trials; trial++) {
      const drafted = await as.fi!.post<PublicMessagesView>(`/api/incidents/${id}/public-messages`, {
        marking: 'TLP:CLEAR',
        event: 'Grid disturbance',
        embargoUntil: new Date().toISOString(),
        texts,
      });
      expect(drafted.status).toBe(201);
      const mid = drafted.body.messages.at(-1)!.messageId;
      const approved = await as.fi!.post(`/api/incidents/${id}/public-messages/${mid}/decisions`, {
        decision: 'approved',
        languages: ['en', 'fi'],
      });
      expect(approved.status).toBe(200);
      const update = () =>
        as.fi!.post<{ error?: { code: string } }>(`/api/incidents/${id}/public-messages/${mid}/versions`, {
          msgType: 'Update',
          marking: 'TLP:CLEAR',
          event: 'Grid disturbance',
          embargoUntil: new Date().toISOString(),
          texts,
        });
      const answers = await Promise.all([update(), update(), update()]);
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
      for (const refused of answers.filter((a) => a.status === 409))
        expect(refused.body.error?.code).toBe('not-approved');
      const view = await as.ee!.get<PublicMessagesView>(`/api/incidents/${id}/public-messages`);
      const message = view.body.messages.find((m) => m.messageId === mid)!;
      expect(message.versions.map((v) => v.version)).toEqual([1, 2]);
    }
  });

  it('the reporter and ERCC switching the public page on at once draw one token', async () => {
    for (let trial = 0; trial < trials; trial++) {
      const id = await incident(`Page race ${trial}`);
      const on = (who: string) =>
        as[who]!.put<{ enabled: boolean; path: string }>(`/api/incidents/${id}/public-page`, {
          enabled: true,
        });
      const answers = await Promise.all([on('fi'), on('ercc'), on('fi'), on('ercc')]);
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
      expect(new Set(answers.map((a) => a.body.path)).size).toBe(1);
      const setting = await as.ee!.get<{ enabled: boolean; path: string }>(
        `/api/incidents/${id}/public-page`,
      );
      expect(setting.body).toMatchObject({ enabled: true, path: answers[0]!.body.path });
      // Each switch is audited with the state it found: the first found the page off, the others on.
      const audited = await server.platform.db.kysely
        .selectFrom('audit_records')
        .select(['details', 'actor_org'])
        .where('action', '=', 'public-page.switched')
        .where('subject_id', '=', id)
        .orderBy('seq')
        .execute();
      expect(audited.map((a) => JSON.parse(a.details).previous)).toEqual([false, true, true, true]);
    }
  });

  it('two officers acknowledging one handover at once: one takes the shift over, the other is told', async () => {
    const id = await incident('Handover race');
    for (let trial = 0; trial < trials; trial++) {
      const written = await as.fi!.post<Handover>(`/api/incidents/${id}/handovers`, {
        changed: `Second cable down (${trial})`,
      });
      expect(written.status).toBe(201);
      const ack = (who: string) =>
        as[who]!.post<{ error?: { code: string } }>(
          `/api/incidents/${id}/handovers/${written.body.id}/acknowledge`,
          {
            note: `Taken over by ${who}`,
          },
        );
      const answers = await Promise.all([
        ack('fi-night'),
        ack('fi-relief'),
        ack('fi-night'),
        ack('fi-relief'),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
      const acknowledgements = (
        await as.fi!.get<{ items: Entry[] }>(`/api/incidents/${id}/entries?kind=shift-handover-acknowledged`)
      ).body.items.filter((e) => e.body.handoverId === written.body.id);
      expect(acknowledgements).toHaveLength(1);
    }
  });

  it('two states invoking the solidarity clause at once fully activate IPCR once', async () => {
    for (let trial = 0; trial < trials; trial++) {
      const id = await incident(`Solidarity race ${trial}`);
      const invoke = (who: string) =>
        as[who]!.post(`/api/incidents/${id}/mechanisms`, {
          mechanism: 'solidarity-clause',
          state: 'activated',
        });
      const answers = await Promise.all([invoke('fi'), invoke('ee'), invoke('fi')]);
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
      const ipcr = (
        await as.ercc!.get<{ items: Entry[] }>(`/api/incidents/${id}/entries?kind=mechanism`)
      ).body.items.filter((e) => e.body.mechanism === 'ipcr');
      expect(ipcr.map((e) => e.body.mode)).toEqual(['full-activation']);
    }
  });

  it('a state saying twice at once that its capacity is overwhelmed says it once', async () => {
    const id = await incident('Capacity race');
    for (let trial = 0; trial < trials; trial++) {
      const say = (overwhelmed: boolean) =>
        as.ee!.post<Incident>(`/api/incidents/${id}/capacity`, { overwhelmed });
      const answers = await Promise.all([say(true), say(true), say(true)]);
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
      const back = await Promise.all([say(false), say(false)]);
      expect(back.map((a) => a.status).sort()).toEqual([201, 409]);
    }
    const said = (
      await as.ee!.get<{ items: Entry[] }>(`/api/incidents/${id}/entries?kind=capacity-overwhelmed`)
    ).body.items;
    expect(said.map((e) => e.body.overwhelmed)).toEqual(
      Array.from({ length: trials }, () => [true, false]).flat(),
    );
  });
});
