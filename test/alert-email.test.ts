import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../src/incidents/model.js';
import { createJobs } from '../src/jobs.js';
import { getMessagesOfCause } from '../src/outbox/store.js';
import { ManualClock } from '../src/platform/clock.js';
import type { JobRunner } from '../src/platform/jobs/runner.js';
import { engines } from './support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from './support/server.js';
import { startMailServer, type TestMailServer } from './support/smtp.js';

/**
 * Alerts by e-mail: one message per person and window, in their language, EXERCISE first for exercises, the
 * marking in the subject, and never a detail the person may not read.
 */
describe.each(engines())('alert e-mails on %s', (engine) => {
  let server: TestServer;
  let mail: TestMailServer;
  let jobs: JobRunner;
  let refusing = false;
  const clock = new ManualClock('2026-12-01T09:00:00Z');
  const as: Record<string, ApiClient> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    mail = await startMailServer({ refuse: () => refusing });
    server = await startTestServer({
      engine,
      clock,
      env: {
        SMTP_URL: mail.url,
        SMTP_FROM: 'Blueprint <alerts@blueprint.example.eu>',
        PUBLIC_URL: 'https://blueprint.example.eu',
        ALERT_BATCH_SECONDS: '120',
      },
    });
    jobs = createJobs(server.platform, { retryBaseMs: 30_000 });
    for (const [key, organisation] of [
      ['fi', 'FI'],
      ['ee', 'EE'],
      ['de', 'DE'],
    ] as const) {
      const user = await server.createUser({
        email: `${key}@example.eu`,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
      });
      ids[key] = user.id;
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
    expect((await as.ee!.patch('/api/me', { language: 'nl' })).status).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
    await mail?.close();
  });

  const report = async (title: string, extra: Record<string, unknown> = {}) => {
    const created = await as.fi!.post<Incident>('/api/incidents', {
      title,
      reportedBy: 'FI',
      occurredAt: '2026-12-01T08:00:00Z',
      impacts: [{ memberState: 'FI', level: 'minor' }],
      ...extra,
    });
    expect(created.status).toBe(201);
    return created.body.id;
  };
  const mailsTo = (address: string) => mail.received.filter((m) => m.to.includes(address));

  it('tells each person of every other organisation, with the report line only to those who may read it', async () => {
    const id = await report('Estlink cable fault', {
      marking: 'TLP:AMBER',
      audience: ['FI', 'EE', 'ERCC'],
      description: 'Operator Elering lost both links at 07:40',
    });
    // Written with the report, sent only by the jobs after the commit.
    expect(mail.received).toHaveLength(0);
    await jobs.runDue();
    await jobs.runDue();

    expect(mailsTo('fi@example.eu')).toHaveLength(0);
    const [ee] = mailsTo('ee@example.eu');
    expect(ee?.from).toBe('alerts@blueprint.example.eu');
    expect(ee?.subject).toBe(
      '[TLP:AMBER] Blueprint: Finland heeft een nieuw incident gemeld. — Estlink cable fault',
    );
    expect(ee?.text).toContain('Operator Elering lost both links at 07:40');
    expect(ee?.text).toContain(`https://blueprint.example.eu/incidents/${id}`);

    // Germany may see the incident, not the report: its title and the link, nothing of the report's text.
    const [de] = mailsTo('de@example.eu');
    expect(de?.to).toEqual(['de@example.eu']);
    expect(de?.subject).toBe('[TLP:GREEN] Blueprint: Finland reported a new incident. — Estlink cable fault');
    expect(de?.text).toContain(`https://blueprint.example.eu/incidents/${id}`);
    expect(de?.raw).not.toContain('Elering');
    expect(de?.raw).not.toContain('TLP:AMBER');

    // The report's line reached Estonia's coordinator: a read, in the access log like any other.
    await server.platform.accessLog.flush();
    const reads = await server.platform.db.kysely
      .selectFrom('access_log')
      .select(['user_id', 'path'])
      .where('path', '=', 'alert:email')
      .execute();
    expect(reads.map((r) => r.user_id)).toEqual([ids.ee]);
  });

  it('batches a burst into one message per person once the window has closed', async () => {
    const before = mailsTo('de@example.eu').length;
    clock.advance(10_000);
    await report('Gas compressor trip');
    await report('Port of Tallinn outage');
    await jobs.runDue();
    // The last message went out ten seconds ago: these wait for the window.
    expect(mailsTo('de@example.eu')).toHaveLength(before);
    clock.advance(120_000);
    await jobs.runDue();
    const burst = mailsTo('de@example.eu').slice(before);
    expect(burst).toHaveLength(1);
    expect(burst[0]?.subject).toBe('[TLP:GREEN] Blueprint: 2 alerts');
    expect(burst[0]?.text).toContain('Gas compressor trip');
    expect(burst[0]?.text).toContain('Port of Tallinn outage');
  });

  it('puts EXERCISE EXERCISE EXERCISE first for an exercise, never mixed with real alerts', async () => {
    clock.advance(121_000);
    const before = mailsTo('ee@example.eu').length;
    await report('Baltic exercise: cable cut', { exercise: true });
    await jobs.runDue();
    const [exercise] = mailsTo('ee@example.eu').slice(before);
    expect(exercise?.subject.startsWith('EXERCISE EXERCISE EXERCISE [TLP:GREEN] Blueprint:')).toBe(true);
    expect(exercise?.text.startsWith('EXERCISE EXERCISE EXERCISE')).toBe(true);
  });

  it('sends nothing on a channel a person switched off, and keeps to the choices of others', async () => {
    const off = await as.de!.put('/api/me/alert-preferences', {
      choices: [{ trigger: 'incident-reported', channel: 'email', enabled: false }],
    });
    expect(off.status).toBe(200);
    clock.advance(121_000);
    const de = mailsTo('de@example.eu').length;
    const ee = mailsTo('ee@example.eu').length;
    await report('Substation fire');
    await jobs.runDue();
    expect(mailsTo('de@example.eu')).toHaveLength(de);
    expect(mailsTo('ee@example.eu')).toHaveLength(ee + 1);
  });

  it('a mail server that is down delays nothing: the write succeeds, delivery is retried with backoff', async () => {
    refusing = true;
    clock.advance(121_000);
    const ee = mailsTo('ee@example.eu').length;
    await report('Rail signalling failure');
    await jobs.runDue();
    expect(mailsTo('ee@example.eu')).toHaveLength(ee);
    const [pending] = await getMessagesOfCause(server.platform.db.kysely, 'alert:incident-reported');
    expect(pending).toMatchObject({ state: 'pending', attempts: 1 });
    refusing = false;
    clock.advance(30_000);
    await jobs.runDue();
    expect(mailsTo('ee@example.eu')).toHaveLength(ee + 1);
  });

  it('rejects a choice for a channel that does not exist', async () => {
    const bad = await as.ee!.put<{ error: { code: string; field?: string } }>('/api/me/alert-preferences', {
      choices: [{ trigger: 'activation', channel: 'carrier-pigeon', enabled: true }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('choices.0.channel');
  });
});
