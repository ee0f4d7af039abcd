import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import {
  ApiClient,
  PASSWORD,
  signInEnrolled,
  startTestServer,
  type TestServer,
} from '../../test/support/server.js';
import { startMailServer, type TestMailServer } from '../../test/support/smtp.js';
import { createJobs } from '../jobs.js';
import { ManualClock } from '../platform/clock.js';
import type { JobRunner } from '../platform/jobs/runner.js';
import type { ContactCheck, ContactPointStanding } from './model.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

describe.each(engines())('contact-point checks on %s', (engine) => {
  let server: TestServer;
  let mail: TestMailServer;
  let jobs: JobRunner;
  // Starts at the real time: second-factor codes in the sign-ins below are computed from it.
  const clock = new ManualClock(Date.now());
  const as: Record<string, ApiClient> = {};

  beforeAll(async () => {
    mail = await startMailServer();
    server = await startTestServer({
      engine,
      clock,
      env: { SMTP_URL: mail.url, SESSION_IDLE_MINUTES: '1440', SESSION_MAX_HOURS: '168' },
    });
    jobs = createJobs(server.platform);
    for (const [key, organisation, role] of [
      ['ercc', 'ERCC', 'coordinator'],
      ['fi', 'FI', 'coordinator'],
      ['fiviewer', 'FI', 'viewer'],
      ['ee', 'EE', 'coordinator'],
      ['de', 'DE', 'coordinator'],
    ] as const) {
      await server.createUser({
        email: `${key}@example.eu`,
        password: PASSWORD,
        organisation,
        role,
        displayName: key,
      });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
    await server.createUser({
      email: 'fiadmin@example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'org-admin',
    });
    as.fiadmin = await signInEnrolled(server, 'fiadmin@example.eu');
    await server.platform.db.kysely
      .updateTable('users')
      .set({ on_duty: 1 })
      .where('email', 'in', ['fi@example.eu', 'ee@example.eu'])
      .execute();
    await as.fiadmin!.put('/api/contact-points/FI', { mailbox: 'duty@fi.example.eu', phone: null });
  });
  afterAll(async () => {
    await server?.close();
    await mail?.close();
  });

  const standing = async (who: ApiClient, organisation: string) =>
    (await who.get<{ items: ContactPointStanding[] }>('/api/contact-checks/standing')).body.items.find(
      (s) => s.organisation === organisation,
    );

  it('sends a scheduled check through every channel, records who answered, by which channel and how fast', async () => {
    expect(await standing(as.de!, 'FI')).toMatchObject({ flag: 'never-reached', lastReachedAt: null });
    expect(await standing(as.de!, 'DE')).toMatchObject({ flag: 'no-contact-point' });

    const runAt = new Date(clock.now().getTime() + 60 * MINUTE).toISOString();
    const scheduled = await as.ercc!.post<ContactCheck>('/api/contact-checks', {
      organisations: ['fi', 'EE', 'DE'],
      runAt,
      note: 'Monthly check',
    });
    expect(scheduled.status).toBe(201);
    const id = scheduled.body.id;
    expect(scheduled.body.results.map((r) => [r.organisation, r.sentAt])).toEqual([
      ['DE', null],
      ['EE', null],
      ['FI', null],
    ]);

    await jobs.runDue();
    expect(mail.received.filter((m) => m.subject.includes('Contact-point check'))).toHaveLength(0);
    clock.advance(60 * MINUTE);
    await jobs.runDue();
    const checkMails = mail.received.filter((m) => m.subject.includes('Contact-point check'));
    expect(checkMails.flatMap((m) => m.to).sort()).toEqual([
      'duty@fi.example.eu',
      'ee@example.eu',
      'fi@example.eu',
    ]);
    expect(checkMails[0]!.subject.startsWith('EXERCISE EXERCISE EXERCISE')).toBe(true);

    // Finland's duty officer follows the link in the mailbox's e-mail: the answer counts for e-mail.
    const toMailbox = checkMails.find((m) => m.to.includes('duty@fi.example.eu'))!;
    const via = /via=([0-9a-f-]+)/.exec(toMailbox.text)![1]!;
    expect(toMailbox.text).toContain(`/contact-checks/${id}?via=`);
    const open = await as.fiviewer!.get<{ items: ContactCheck[] }>('/api/contact-checks?open=true');
    expect(open.body.items.map((c) => c.id)).toEqual([id]);
    clock.advance(2 * MINUTE);
    const answered = await as.fiviewer!.post<ContactCheck>(`/api/contact-checks/${id}/acknowledgement`, {
      via,
    });
    expect(answered.status).toBe(200);
    expect(answered.body.results).toEqual([
      expect.objectContaining({
        organisation: 'FI',
        reached: true,
        acknowledgedBy: 'fiviewer',
        channel: 'email',
        secondsToAcknowledge: 120,
      }),
    ]);
    // A second answer changes nothing; the check is no longer open for Finland.
    clock.advance(MINUTE);
    await as.fi!.post(`/api/contact-checks/${id}/acknowledgement`, {});
    expect((await as.fi!.get<{ items: ContactCheck[] }>('/api/contact-checks?open=true')).body.items).toEqual(
      [],
    );

    // Estonia answers in the app; the link of another organisation's message does not make it e-mail.
    clock.advance(7 * MINUTE);
    const byApp = await as.ee!.post<ContactCheck>(`/api/contact-checks/${id}/acknowledgement`, { via });
    expect(byApp.body.results[0]).toMatchObject({
      organisation: 'EE',
      channel: 'in-app',
      secondsToAcknowledge: 600,
    });

    // ERCC's report has every organisation; each other organisation sees only its own row.
    const report = await as.ercc!.get<ContactCheck>(`/api/contact-checks/${id}`);
    expect(report.body.results.map((r) => [r.organisation, r.reached, r.channel])).toEqual([
      ['DE', false, null],
      ['EE', true, 'in-app'],
      ['FI', true, 'email'],
    ]);
    const fiDeliveries = report.body.results.find((r) => r.organisation === 'FI')!.deliveries;
    expect(fiDeliveries.map((d) => [d.channel, d.recipient]).sort()).toEqual([
      ['email', 'duty@fi.example.eu'],
      ['email', 'fi@example.eu'],
      ['in-app', 'FI'],
    ]);
    expect(
      (await as.fi!.get<ContactCheck>(`/api/contact-checks/${id}`)).body.results.map((r) => r.organisation),
    ).toEqual(['FI']);
    expect(
      (await as.de!.get<{ items: ContactCheck[] }>('/api/contact-checks')).body.items[0]?.results.map(
        (r) => r.organisation,
      ),
    ).toEqual(['DE']);
    expect((await as.de!.post(`/api/contact-checks/${id}/acknowledgement`, {})).status).toBe(200);

    expect(await standing(as.de!, 'FI')).toMatchObject({
      flag: null,
      lastReachedAt: answered.body.results[0]!.acknowledgedAt,
    });
  });

  it('lets an org-admin check only its own contact point, and refuses bad input with a clear 4xx', async () => {
    expect((await as.fi!.post('/api/contact-checks', { organisations: ['FI'] })).status).toBe(403);
    expect((await as.fiadmin!.post('/api/contact-checks', { organisations: ['EE'] })).status).toBe(403);
    const unknown = await as.ercc!.post<{ error: { field: string } }>('/api/contact-checks', {
      organisations: ['FI', 'XX'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.field).toBe('organisations[1]');
    const past = await as.ercc!.post<{ error: { field: string } }>('/api/contact-checks', {
      organisations: ['FI'],
      runAt: new Date(clock.now().getTime() - DAY).toISOString(),
    });
    expect(past.body.error.field).toBe('runAt');
    const own = await as.fiadmin!.post<ContactCheck>('/api/contact-checks', {
      organisations: ['FI'],
      repeatEveryDays: 30,
    });
    expect(own.status).toBe(201);
    await jobs.runDue();
    // A repeating check schedules its next run as a new check, 30 days on.
    const history = (await as.fi!.get<{ items: ContactCheck[] }>('/api/contact-checks')).body.items;
    const next = history.find(
      (c) =>
        c.id !== own.body.id && c.runAt === new Date(Date.parse(own.body.runAt) + 30 * DAY).toISOString(),
    );
    expect(next).toMatchObject({ sentAt: null, repeatEveryDays: 30 });
    expect((await as.ee!.post(`/api/contact-checks/${own.body.id}/acknowledgement`, {})).status).toBe(404);
  });

  it('schedules one check for a repeated request with the same Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'check-baltic-1' };
    const body = { organisations: ['EE'], note: 'once' };
    const [first, again] = await Promise.all([
      as.ercc!.post<ContactCheck>('/api/contact-checks', body, headers),
      as.ercc!.post<ContactCheck>('/api/contact-checks', body, headers),
    ]);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body.id).toBe(first.body.id);
    const listed = (await as.ercc!.get<{ items: ContactCheck[] }>('/api/contact-checks')).body.items;
    expect(listed.filter((c) => c.note === 'once')).toHaveLength(1);
    expect((await as.ercc!.post('/api/contact-checks', { ...body, note: 'twice' }, headers)).status).toBe(
      409,
    );
  });

  it('counts one answer when several people on duty answer at the same moment', async () => {
    const check = await as.ercc!.post<ContactCheck>('/api/contact-checks', { organisations: ['FI'] });
    await jobs.runDue();
    const answers = await Promise.all(
      [as.fi!, as.fiviewer!, as.fi!, as.fiviewer!].map((who) =>
        who.post<ContactCheck>(`/api/contact-checks/${check.body.id}/acknowledgement`, {}),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    const names = new Set(answers.map((a) => a.body.results[0]!.acknowledgedBy));
    expect(names.size).toBe(1);
    const audited = await server.platform.db.kysely
      .selectFrom('audit_records')
      .select('seq')
      .where('action', '=', 'contact-check.acknowledged')
      .where('subject_id', '=', check.body.id)
      .execute();
    expect(audited).toHaveLength(1);
  });

  it('an org-admin may raise the staleness only through the platform admin', async () => {
    expect((await as.fiadmin!.patch('/api/alerting/timings', { contactPointStaleDays: 10 })).status).toBe(
      403,
    );
  });

  it('flags a contact point whose last answer is older than the platform period', async () => {
    const before = await standing(as.de!, 'FI');
    expect(before?.flag).toBeNull();
    clock.advance(91 * DAY);
    // Sessions ended long ago by this clock: sign in again.
    await as.de!.login('de@example.eu', PASSWORD);
    expect(await standing(as.de!, 'FI')).toMatchObject({
      flag: 'stale',
      lastReachedAt: before!.lastReachedAt,
    });
  });
});
