import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../src/audit/model.js';
import type { Incident, IncidentSummary } from '../src/incidents/model.js';
import { createJobs } from '../src/jobs.js';
import type { Picture } from '../src/picture/model.js';
import { AUDIT_CHECK_KIND, scheduleAuditCheck } from '../src/platform/audit/check.js';
import { ManualClock } from '../src/platform/clock.js';
import { inWrite } from '../src/platform/db/write.js';
import { getJobsOfKind } from '../src/platform/jobs/store.js';
import type { Sitrep } from '../src/sitreps/model.js';
import { engines } from './support/engines.js';
import { ApiClient, PASSWORD, signInEnrolled, startTestServer, type TestServer } from './support/server.js';

const MINUTE = 60_000;
const SYSTEM = { actor: { userId: null, organisation: null } };

describe.each(engines())('what readers learn of what they may not see, on %s', (engine) => {
  let server: TestServer;
  // Real time to start with, so sign-in codes match; from then on only the test moves it.
  const clock = new ManualClock(Date.now());
  const as: Record<string, ApiClient> = {};
  let cable: Incident;
  let pipeline: Incident;

  beforeAll(async () => {
    server = await startTestServer({ engine, clock, env: { SESSION_IDLE_MINUTES: '240' } });
    for (const [key, org] of [
      ['fi', 'FI'],
      ['ee', 'EE'],
      ['de', 'DE'],
      ['ercc', 'ERCC'],
      // Four eyes: a second person of ERCC approves what the first compiled.
      ['ercc2', 'ERCC'],
    ] as const) {
      await server.createUser({
        email: `${key}@example.eu`,
        password: PASSWORD,
        organisation: org,
        role: 'coordinator',
      });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
    await server.createUser({
      email: 'root@example.eu',
      password: PASSWORD,
      organisation: 'ERCC',
      role: 'admin',
    });
    as.root = await signInEnrolled(server, 'root@example.eu');

    cable = (
      await as.fi!.post<Incident>('/api/incidents', {
        title: 'Gulf of Finland cable damage',
        reportedBy: 'FI',
        occurredAt: new Date(clock.now().getTime() - 60 * MINUTE).toISOString(),
        sectors: [{ sector: 'energy', subsector: 'electricity' }],
        impacts: [{ memberState: 'FI', level: 'significant' }],
      })
    ).body;
    clock.advance(MINUTE);
    pipeline = (
      await as.ee!.post<Incident>('/api/incidents', {
        title: 'Balticconnector pressure drop',
        reportedBy: 'EE',
        occurredAt: new Date(clock.now().getTime() - 30 * MINUTE).toISOString(),
        impacts: [{ memberState: 'EE', level: 'minor' }],
      })
    ).body;
    expect(cable.id && pipeline.id).toBeTruthy();
  });
  afterAll(() => server?.close());

  async function listed(reader: string) {
    return (await as[reader]!.get<IncidentSummary[] | { items: IncidentSummary[] }>('/api/incidents')).body;
  }
  function items(body: IncidentSummary[] | { items: IncidentSummary[] }) {
    return Array.isArray(body) ? body : body.items;
  }

  it('shows each reader the last activity among what they may see, and orders the list by it', async () => {
    clock.advance(MINUTE);
    const hiddenAt = clock.now().toISOString();
    const posted = await as.fi!.post(`/api/incidents/${cable.id}/entries`, {
      kind: 'note',
      text: 'Repair vessel leaves Helsinki at dawn',
      marking: 'TLP:AMBER',
      audience: ['FI', 'EE'],
    });
    expect(posted.status).toBe(201);

    const forDe = items(await listed('de'));
    const forEe = items(await listed('ee'));
    // DE saw nothing after the report; EE and FI saw the note.
    expect(forDe.find((i) => i.id === cable.id)?.lastActivityAt).toBe(cable.createdAt);
    expect(forEe.find((i) => i.id === cable.id)?.lastActivityAt).toBe(hiddenAt);
    expect((await as.de!.get<Incident>(`/api/incidents/${cable.id}`)).body.lastActivityAt).toBe(
      cable.createdAt,
    );
    expect((await as.fi!.get<Incident>(`/api/incidents/${cable.id}`)).body.lastActivityAt).toBe(hiddenAt);
    // The pipeline was reported after the cable: first for DE, second for those who saw the later note.
    expect(forDe.map((i) => i.id).indexOf(pipeline.id)).toBeLessThan(
      forDe.map((i) => i.id).indexOf(cable.id),
    );
    expect(forEe.map((i) => i.id).indexOf(cable.id)).toBeLessThan(
      forEe.map((i) => i.id).indexOf(pipeline.id),
    );
  });

  it('changes neither the picture, the incident nor the sitrep list of a reader when hidden items are added', async () => {
    const first = await as.ercc!.post<Sitrep>(`/api/incidents/${cable.id}/sitreps`, { audience: ['DE'] });
    expect(first.status).toBe(201);
    const published = await as.ercc2!.post<Sitrep>(
      `/api/incidents/${cable.id}/sitreps/${first.body.id}/approval`,
    );
    expect(published.status).toBe(200);
    expect(published.body.number).toBe(1);

    const snapshot = async (reader: string) => ({
      picture: (await as[reader]!.get<Picture>(`/api/incidents/${cable.id}/picture`)).body,
      incident: (await as[reader]!.get<Incident>(`/api/incidents/${cable.id}`)).body,
      list: await listed(reader),
      sitreps: (await as[reader]!.get<Sitrep[] | { items: Sitrep[] }>(`/api/incidents/${cable.id}/sitreps`))
        .body,
    });
    const deBefore = await snapshot('de');
    const eeBefore = await snapshot('ee');

    // The clock stands still, so whatever differs comes from the additions alone.
    // An update only FI and EE may see: details, a sector's status and a reporting stage, at an unchanged level.
    const update = await as.fi!.post(`/api/incidents/${cable.id}/updates`, {
      stage: 'cer-initial-notification',
      text: 'Backup interconnector overloaded',
      marking: 'TLP:AMBER',
      audience: ['FI', 'EE'],
      impacts: [
        { memberState: 'FI', level: 'significant', service: 'backup interconnector', usersAffected: 99_000 },
      ],
      sectors: [{ sector: 'energy', subsector: 'electricity', status: 'disrupted' }],
    });
    expect(update.status).toBe(201);
    // A sitrep for others, and an entry only ERCC sees, which its next sitrep for DE must leave out.
    const other = await as.ercc!.post<Sitrep>(`/api/incidents/${cable.id}/sitreps`, { audience: ['EE'] });
    expect(
      (await as.ercc2!.post(`/api/incidents/${cable.id}/sitreps/${other.body.id}/approval`)).status,
    ).toBe(200);
    expect(
      (
        await as.ercc!.post(`/api/incidents/${cable.id}/entries`, {
          kind: 'note',
          text: 'ERCC internal: liaison roster',
          marking: 'TLP:AMBER',
          audience: ['ERCC'],
        })
      ).status,
    ).toBe(201);

    expect(await snapshot('de')).toEqual(deBefore);
    // The same additions do change what a reader inside their audience sees: the comparison can fail.
    const eeAfter = await snapshot('ee');
    expect(eeAfter.picture).not.toEqual(eeBefore.picture);
    expect(eeAfter.picture.states.find((s) => s.code === 'FI')?.services).toContain('backup interconnector');

    // DE's next sitrep is the next of its own series, and does not count what DE may not see.
    const second = await as.ercc!.post<Sitrep>(`/api/incidents/${cable.id}/sitreps`, { audience: ['DE'] });
    expect(second.body.sources.notVisibleToAll).toBeGreaterThan(0);
    const approved = await as.ercc2!.post<Sitrep>(
      `/api/incidents/${cable.id}/sitreps/${second.body.id}/approval`,
    );
    expect(approved.body.number).toBe(2);
    const deList = (await as.de!.get<Sitrep[] | { items: Sitrep[] }>(`/api/incidents/${cable.id}/sitreps`))
      .body;
    const deSitreps = Array.isArray(deList) ? deList : deList.items;
    expect(deSitreps.map((s) => s.number).sort()).toEqual([1, 2]);
    expect(deSitreps.every((s) => s.sources.notVisibleToAll === null)).toBe(true);
    const seen = await as.de!.get<Sitrep>(`/api/incidents/${cable.id}/sitreps/${second.body.id}`);
    expect(seen.body.sources.notVisibleToAll).toBeNull();
  });

  it("writes a report's cause into a sitrep only when every reader of the sitrep may see the report", async () => {
    const restricted = (
      await as.fi!.post<Incident>('/api/incidents', {
        title: 'Estlink substation fire',
        reportedBy: 'FI',
        occurredAt: new Date(clock.now().getTime() - 10 * MINUTE).toISOString(),
        cause: 'physical',
        marking: 'TLP:AMBER',
        audience: ['FI', 'EE'],
        impacts: [{ memberState: 'FI', level: 'significant' }],
      })
    ).body;
    const textOf = (s: Sitrep) => s.sections.map((x) => x.text).join('\n');
    const forDe = await as.fi!.post<Sitrep>(`/api/incidents/${restricted.id}/sitreps`, { audience: ['DE'] });
    expect(forDe.status).toBe(201);
    expect(textOf(forDe.body)).not.toContain('physical');
    const forEe = await as.fi!.post<Sitrep>(`/api/incidents/${restricted.id}/sitreps`, { audience: ['EE'] });
    expect(textOf(forEe.body)).toContain('cause: physical');
  });

  it('pages the audit log without verifying it, showing the last scheduled check, and no content', async () => {
    const group = await as.fi!.post('/api/sharing-groups', {
      name: 'Nordic cable repair circle',
      members: ['FI', 'EE'],
      hiddenMembership: true,
    });
    expect(group.status).toBe(201);
    const before = await as.root!.get<AuditPage>('/api/audit?limit=500');
    expect(before.status).toBe(200);
    expect(before.body.chain).toEqual({ checkedAt: null, intact: null, records: 0, brokenAt: null });

    await inWrite(server.platform, SYSTEM, (w) => scheduleAuditCheck(w, clock.now()));
    const jobs = createJobs(server.platform);
    // Alerts written earlier in this file have their own jobs (batched e-mail, escalation): the check is among them.
    expect((await jobs.runDue()).done).toBeGreaterThanOrEqual(1);
    const checked = await as.root!.get<AuditPage>('/api/audit?limit=5');
    expect(checked.body.chain).toMatchObject({
      checkedAt: clock.now().toISOString(),
      intact: true,
      brokenAt: null,
    });
    expect(checked.body.chain.records).toBeGreaterThan(5);

    // Kinds, markings and times of entries; never their text, group names, members or hashes of content.
    const page = await as.root!.get<AuditPage>('/api/audit?limit=500');
    const appended = page.body.items.filter((r) => r.action === 'entry.appended');
    expect(appended.some((r) => r.details.kind === 'note' && r.details.marking === 'TLP:AMBER')).toBe(true);
    expect(appended.every((r) => r.details.contentHash === undefined && r.at)).toBe(true);
    const text = JSON.stringify(page.body);
    for (const secret of [
      'Repair vessel',
      'Backup interconnector',
      'Nordic cable repair circle',
      'liaison roster',
    ])
      expect(text).not.toContain(secret);
    const created = page.body.items.find((r) => r.action === 'sharing-group.created');
    expect(created?.details).toEqual({ hiddenMembership: true });

    // A record changed behind the platform's back: pages still load, fast, with the last check's result…
    const db = server.platform.db.kysely;
    await sql`update audit_records set action = 'user.signed-out' where seq = 3`.execute(db);
    const tampered = await as.root!.get<AuditPage>('/api/audit?limit=5');
    expect(tampered.status).toBe(200);
    expect(tampered.body.chain.intact).toBe(true);
    // …and the next scheduled check, an hour later, finds it.
    clock.advance(59 * MINUTE);
    expect((await jobs.runDue()).done).toBe(0);
    clock.advance(MINUTE);
    expect((await jobs.runDue()).done).toBe(1);
    const broken = await as.root!.get<AuditPage>('/api/audit?limit=5');
    expect(broken.body.chain).toMatchObject({
      checkedAt: clock.now().toISOString(),
      intact: false,
      brokenAt: 3,
    });
    const waiting = (await getJobsOfKind(db, AUDIT_CHECK_KIND)).filter((j) => j.state === 'pending');
    expect(waiting.map((j) => j.runAt)).toEqual([
      new Date(clock.now().getTime() + 60 * MINUTE).toISOString(),
    ]);
  });
});
