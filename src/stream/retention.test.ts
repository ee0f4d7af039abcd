import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import {
  type ApiClient,
  newSignedIn,
  PASSWORD,
  startTestServer,
  type TestServer,
} from '../../test/support/server.js';
import type { Incident } from '../incidents/model.js';
import { createJobs } from '../jobs.js';
import { ManualClock } from '../platform/clock.js';
import { inWrite } from '../platform/db/write.js';
import { STREAM_EVENTS_KEPT_MS, schedulePruning } from './retention.js';

describe.each(engines())('stream events are kept for a week on %s', (engine) => {
  const clock = new ManualClock('2026-12-01T09:00:00Z');
  let server: TestServer;
  let fi: ApiClient;
  beforeAll(async () => {
    server = await startTestServer({ engine, clock });
    fi = await newSignedIn(server, 'fi@example.eu', 'FI', 'coordinator');
  });
  afterAll(() => server?.close());

  const positions = async () =>
    (
      await server.platform.db.kysely
        .selectFrom('stream_events')
        .select('position')
        .orderBy('position')
        .execute()
    ).map((r) => Number(r.position));

  it('prunes what is older than the retention, daily, and keeps the rest', async () => {
    const incident = (
      await fi.post<Incident>('/api/incidents', {
        title: 'Old',
        reportedBy: 'FI',
        occurredAt: '2026-11-28T08:00:00Z',
      })
    ).body;
    const old = await positions();
    expect(old.length).toBeGreaterThan(0);
    clock.advance(STREAM_EVENTS_KEPT_MS + 60_000);
    await fi.login('fi@example.eu', PASSWORD);
    await fi.post(`/api/incidents/${incident.id}/entries`, {
      kind: 'note',
      text: 'recent',
      marking: 'TLP:GREEN',
    });
    const recent = (await positions()).filter((p) => !old.includes(p));
    expect(recent.length).toBeGreaterThan(0);

    await inWrite(server.platform, { actor: { userId: null, organisation: null } }, (w) =>
      schedulePruning(w, clock.now()),
    );
    const jobs = createJobs(server.platform);
    expect((await jobs.runDue()).done).toBeGreaterThanOrEqual(1);
    expect(await positions()).toEqual(recent);
    // The next pruning waits for the next day.
    expect((await jobs.runDue()).done).toBe(0);
  });
});
