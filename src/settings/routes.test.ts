import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import {
  ApiClient,
  PASSWORD,
  signInEnrolled,
  startTestServer,
  type TestServer,
} from '../../test/support/server.js';
import type { Incident } from '../incidents/model.js';
import type { Sitrep } from '../sitreps/model.js';
import type { PlatformSettings } from './model.js';

interface Failure {
  error: { code: string; message: string; field?: string };
}

describe.each(engines())('platform settings and four eyes on sitreps on %s', (engine) => {
  let server: TestServer;
  let admin: ApiClient;
  const as: Record<string, ApiClient> = {};
  let incident: Incident;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    await server.createUser({
      email: 'admin@example.eu',
      password: PASSWORD,
      organisation: 'ERCC',
      role: 'admin',
    });
    admin = await signInEnrolled(server, 'admin@example.eu');
    for (const [key, org] of [
      ['fi', 'FI'],
      ['ercc', 'ERCC'],
      ['ercc2', 'ERCC'],
    ] as const) {
      await server.createUser({
        email: `${key}@example.eu`,
        password: PASSWORD,
        organisation: org,
        role: 'coordinator',
        displayName: `${key} officer`,
      });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
    incident = (
      await as.fi!.post<Incident>('/api/incidents', {
        title: 'Gulf of Finland cable fault',
        reportedBy: 'FI',
        occurredAt: new Date(Date.now() - 3600_000).toISOString(),
        cause: 'technical-failure',
        sectors: [{ sector: 'energy', subsector: 'electricity' }],
        impacts: [
          { memberState: 'FI', level: 'significant', service: 'grid balancing', usersAffected: 5000 },
        ],
      })
    ).body;
  });
  afterAll(() => server?.close());

  const compile = async (by: ApiClient) => {
    const draft = await by.post<Sitrep>(`/api/incidents/${incident.id}/sitreps`, {
      audience: ['FI', 'ERCC'],
    });
    expect(draft.status).toBe(201);
    return { draft: draft.body, path: `/api/incidents/${incident.id}/sitreps/${draft.body.id}` };
  };

  it('are read and changed by platform admins only, with bad input refused', async () => {
    expect((await admin.get<PlatformSettings>('/api/admin/settings')).body).toEqual({
      sitrepFourEyes: true,
      recommendationAdoptedOn: '2024-06-25',
    });
    for (const who of [as.ercc!, as.fi!]) {
      const read = await who.get<Failure>('/api/admin/settings');
      expect(read.status).toBe(403);
      expect(read.body.error.code).toBe('forbidden');
      expect((await who.patch('/api/admin/settings', { sitrepFourEyes: false })).status).toBe(403);
    }
    const unknown = await admin.patch<Failure>('/api/admin/settings', { sitrepTwoEyes: false });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.field).toBe('sitrepTwoEyes');
    const notBoolean = await admin.patch<Failure>('/api/admin/settings', { sitrepFourEyes: 'no' });
    expect(notBoolean.status).toBe(400);
    expect(notBoolean.body.error.field).toBe('sitrepFourEyes');
    expect((await admin.get<PlatformSettings>('/api/admin/settings')).body).toEqual({
      sitrepFourEyes: true,
      recommendationAdoptedOn: '2024-06-25',
    });
  });

  it("refuses the compiler's own approval while four eyes are on, and lets another ERCC person approve", async () => {
    const { draft, path } = await compile(as.ercc!);
    expect(draft.abilities).toMatchObject({ approve: false, awaitsSecondApprover: true });
    const second = await as.ercc2!.get<Sitrep>(path);
    expect(second.body.abilities).toMatchObject({ approve: true, awaitsSecondApprover: false });

    const own = await as.ercc!.post<Failure>(`${path}/approval`);
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('sitrep-four-eyes');
    expect(own.body.error.message).toMatch(/another person of ERCC or the Presidency/);
    expect((await as.ercc!.get<Sitrep>(path)).body.state).toBe('draft');

    const approved = await as.ercc2!.post<Sitrep>(`${path}/approval`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      state: 'published',
      approvedBy: { name: 'ercc2 officer', organisation: 'ERCC' },
    });
  });

  it('lets the compiler approve once an admin turns four eyes off, and audits the change', async () => {
    const off = await admin.patch<PlatformSettings>('/api/admin/settings', { sitrepFourEyes: false });
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ sitrepFourEyes: false, recommendationAdoptedOn: '2024-06-25' });
    // Setting what is already set changes nothing and writes no record.
    expect((await admin.patch('/api/admin/settings', { sitrepFourEyes: false })).status).toBe(200);
    const audit = await admin.get<{
      items: Array<{ action: string; actor: { userId: string }; details: unknown }>;
    }>('/api/audit?action=platform-setting.changed');
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]!.details).toEqual({ setting: 'sitrepFourEyes', from: true, to: false });

    const { draft, path } = await compile(as.ercc!);
    expect(draft.abilities).toMatchObject({ approve: true, awaitsSecondApprover: false });
    const approved = await as.ercc!.post<Sitrep>(`${path}/approval`);
    expect(approved.status).toBe(200);
    expect(approved.body.approvedBy).toEqual({ name: 'ercc officer', organisation: 'ERCC' });

    // On again: the next draft waits for a second person once more.
    await admin.patch('/api/admin/settings', { sitrepFourEyes: true });
    const next = await compile(as.ercc!);
    expect((await as.ercc!.post<Failure>(`${next.path}/approval`)).body.error.code).toBe('sitrep-four-eyes');
    expect(
      (await admin.get<{ items: unknown[] }>('/api/audit?action=platform-setting.changed')).body.items,
    ).toHaveLength(2);
  });
});
