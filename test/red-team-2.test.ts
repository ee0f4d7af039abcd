import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RollCall } from '../src/alerting/roll-call-model.js';
import type { Incident } from '../src/incidents/model.js';
import { createJobs } from '../src/jobs.js';
import { ManualClock } from '../src/platform/clock.js';
import type { Sitrep } from '../src/sitreps/model.js';
import { engines } from './support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from './support/server.js';

/*
 * Findings of an attacker on the read paths added for alerting, interchange and the response: each case is a way
 * one of them still showed something outside its audience.
 */

const MINUTE = 60_000;

describe.each(engines())('what the new read paths still told others, on %s', (engine) => {
  let server: TestServer;
  const clock = new ManualClock(Date.now());
  const as: Record<string, ApiClient> = {};
  let cable: Incident;

  beforeAll(async () => {
    server = await startTestServer({ engine, clock, env: { SESSION_IDLE_MINUTES: '240' } });
    for (const [key, organisation] of [
      ['fi', 'FI'],
      ['ee', 'EE'],
      ['ie', 'IE'],
      ['ercc', 'ERCC'],
      // Four eyes: a second person of ERCC approves what the first compiled.
      ['ercc2', 'ERCC'],
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
    cable = (
      await as.fi!.post<Incident>('/api/incidents', {
        title: 'Gulf of Finland cable damage',
        reportedBy: 'FI',
        occurredAt: new Date(clock.now().getTime() - 60 * MINUTE).toISOString(),
        impacts: [{ memberState: 'FI', level: 'significant' }],
      })
    ).body;
    // The Presidency (IE) sees every organisation's row of the roll call, as ERCC does.
    expect(cable.presidency).toBe('IE');
  });
  afterAll(() => server?.close());

  const alertsOf = async (reader: string, organisation: string) =>
    (await as[reader]!.get<RollCall>(`/api/incidents/${cable.id}/roll-call`)).body.organisations.find(
      (o) => o.organisation === organisation,
    )?.alerts ?? [];

  it("keeps a sitrep the Presidency may not read, and when it went out, off the Presidency's roll call", async () => {
    clock.advance(MINUTE);
    const draft = await as.ercc!.post<Sitrep>(`/api/incidents/${cable.id}/sitreps`, { audience: ['EE'] });
    expect(draft.status).toBe(201);
    const published = await as.ercc2!.post(`/api/incidents/${cable.id}/sitreps/${draft.body.id}/approval`);
    expect(published.status).toBe(200);
    // EE was told, and sees it on its own row.
    expect((await alertsOf('ee', 'EE')).map((a) => a.kind)).toContain('sitrep-published');
    // The Presidency, outside the sitrep's audience, learns neither that it exists nor when it went to EE.
    expect((await as.ie!.get(`/api/incidents/${cable.id}/sitreps/${draft.body.id}`)).status).toBe(404);
    const row = await alertsOf('ie', 'EE');
    expect(row.map((a) => a.kind)).toContain('incident-reported');
    expect(row.map((a) => a.kind)).not.toContain('sitrep-published');
  });

  it("keeps an action assigned within a narrow audience off ERCC's roll call", async () => {
    clock.advance(MINUTE);
    const action = await as.fi!.post<{ id: string }>(`/api/incidents/${cable.id}/actions`, {
      title: 'Send the repair vessel to the damaged segment',
      ownerOrganisation: 'EE',
      marking: 'TLP:AMBER',
      audience: ['FI', 'EE'],
    });
    expect(action.status).toBe(201);
    expect((await alertsOf('ee', 'EE')).map((a) => a.kind)).toContain('action-assigned');
    for (const outsider of ['ercc', 'ie'])
      expect((await alertsOf(outsider, 'EE')).map((a) => a.kind)).not.toContain('action-assigned');
  });
});

/** 31 December 2026, 20:00 UTC: Ireland holds the Presidency for three more hours, then Lithuania. */
const BEFORE_CHANGE = '2026-12-31T20:00:00.000Z';
const AFTER_CHANGE = '2026-12-31T23:00:01.000Z';

describe.each(engines())('what the next Presidency inherits, on %s', (engine) => {
  let server: TestServer;
  const clock = new ManualClock(BEFORE_CHANGE);
  const as: Record<string, ApiClient> = {};

  beforeAll(async () => {
    server = await startTestServer({ engine, clock, env: { SESSION_IDLE_MINUTES: '1440' } });
    for (const organisation of ['FI', 'IE', 'LT', 'GSC']) {
      const key = organisation.toLowerCase();
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

  it('keeps an entry forwarded to the Presidency of the day from the next one, who may not read the entry', async () => {
    const incident = await as.fi!.post<Incident>('/api/incidents', {
      title: 'Gulf of Finland cable cut',
      reportedBy: 'FI',
      occurredAt: '2026-12-31T18:00:00Z',
      impacts: [{ memberState: 'FI', level: 'significant' }],
    });
    expect(incident.body.presidency).toBe('IE');
    const id = incident.body.id;
    const ipcr = await as.ie!.post(`/api/incidents/${id}/mechanisms`, {
      mechanism: 'ipcr',
      state: 'activated',
      mode: 'information-sharing',
    });
    expect(ipcr.status).toBe(201);
    // FI writes for Ireland and the GSC by name, not for whoever holds the Presidency next.
    const update = await as.fi!.post<Incident>(`/api/incidents/${id}/updates`, {
      stage: 'other',
      text: 'The suspect vessel left Tallinn at 04:10',
      marking: 'TLP:AMBER',
      audience: ['IE', 'GSC'],
    });
    expect(update.status).toBe(201);
    const entries = async (who: string) =>
      (await as[who]!.get<{ items: Array<{ id: string; kind: string }> }>(`/api/incidents/${id}/entries`))
        .body.items;
    const entryId = (await entries('fi')).find((e) => e.kind === 'update')!.id;
    const sent = await as.fi!.post(`/api/incidents/${id}/entries/${entryId}/forwards`, { mechanism: 'ipcr' });
    expect(sent.status).toBe(201);
    const forwardsOf = async (who: string) =>
      (await as[who]!.get<{ items: Array<{ entryId: string }> }>(`/api/incidents/${id}/forwards`)).body.items;
    expect((await forwardsOf('ie')).map((f) => f.entryId)).toEqual([entryId]);

    clock.set(new Date(AFTER_CHANGE));
    expect((await createJobs(server.platform).runDue()).done).toBeGreaterThanOrEqual(1);
    expect((await as.lt!.get<Incident>(`/api/incidents/${id}`)).body.presidency).toBe('LT');
    // Lithuania may not read the entry, so neither may it read the summary of it that went to Ireland.
    expect((await entries('lt')).some((e) => e.id === entryId)).toBe(false);
    expect(await forwardsOf('lt')).toEqual([]);
    expect(JSON.stringify(await entries('lt'))).not.toContain('suspect vessel');
    // What went to Ireland stays with Ireland.
    expect((await forwardsOf('ie')).map((f) => f.entryId)).toEqual([entryId]);
  });
});
