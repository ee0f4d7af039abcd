import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Incident } from '../incidents/model.js';
import { createJobs } from '../jobs.js';
import { ManualClock } from '../platform/clock.js';
import type { Sitrep } from './model.js';

/** 31 December 2026, 20:00 UTC: Ireland holds the Presidency (2026-H2) for three more hours. */
const START = '2026-12-31T20:00:00.000Z';
/** 1 January 2027, 00:00 in Brussels: Lithuania takes over. */
const CHANGE = '2026-12-31T23:00:00.000Z';

describe.each(engines())('sitrep approvers follow the Presidency the calendar seated, on %s', (engine) => {
  let server: TestServer;
  const clock = new ManualClock(START);
  const as: Record<string, ApiClient> = {};

  beforeAll(async () => {
    server = await startTestServer({
      engine,
      clock,
      env: { SESSION_IDLE_MINUTES: String(24 * 60), SESSION_MAX_HOURS: String(24 * 7) },
    });
    for (const organisation of ['FI', 'IE', 'LT']) {
      const email = `${organisation.toLowerCase()}@example.eu`;
      await server.createUser({ email, password: PASSWORD, organisation, role: 'coordinator' });
      as[organisation] = new ApiClient(server.url);
      await as[organisation]!.login(email, PASSWORD);
    }
  });
  afterAll(() => server?.close());

  it("after the change of term LT's coordinator approves a draft and IE's no longer may", async () => {
    const incident = await as.FI!.post<Incident>('/api/incidents', {
      title: 'Cable cut in the Gulf of Finland',
      reportedBy: 'FI',
      occurredAt: '2026-12-31T19:00:00Z',
      impacts: [{ memberState: 'FI', level: 'significant' }],
    });
    expect(incident.status).toBe(201);
    const draft = await as.FI!.post<Sitrep>(`/api/incidents/${incident.body.id}/sitreps`, {
      audience: ['FI', 'IE', 'LT', 'ERCC'],
    });
    expect(draft.status).toBe(201);
    const path = `/api/incidents/${incident.body.id}/sitreps/${draft.body.id}`;
    expect((await as.IE!.get<Sitrep>(path)).body.abilities.approve).toBe(true);
    // A draft is read by its approvers, not the whole audience: to LT it does not exist yet.
    expect((await as.LT!.get(path)).status).toBe(404);
    expect((await as.LT!.post(`${path}/approval`)).status).toBe(404);

    // Past midnight in Brussels the term job seats Lithuania; until it runs, Ireland still holds the office.
    clock.set(new Date(Date.parse(CHANGE) + 1000));
    expect((await as.IE!.get<Sitrep>(path)).body.abilities.approve).toBe(true);
    expect((await createJobs(server.platform).runDue()).done).toBeGreaterThanOrEqual(1);

    expect((await as.LT!.get<Sitrep>(path)).body.abilities.approve).toBe(true);
    // Ireland is an approver no more, so the draft is no longer its to read, let alone approve.
    expect((await as.IE!.get(path)).status).toBe(404);
    expect((await as.IE!.post(`${path}/approval`)).status).toBe(404);
    const approved = await as.LT!.post<Sitrep>(`${path}/approval`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      state: 'published',
      number: 1,
      approvedBy: { organisation: 'LT' },
    });
  });
});
