import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/support/engines.js';
import {
  type ApiClient,
  newSignedIn,
  PASSWORD,
  startTestServer,
  type TestServer,
} from '../../../test/support/server.js';
import type { Incident } from '../../incidents/model.js';
import { createJobs } from '../../jobs.js';
import { ManualClock } from '../clock.js';
import { IDEMPOTENCY_PRUNE_KIND, scheduleKeyPruning } from './idempotency-retention.js';
import { inWrite } from './write.js';

describe.each(engines())('Idempotency-Keys are remembered for a day on %s', (engine) => {
  const clock = new ManualClock('2026-12-01T09:00:00Z');
  let server: TestServer;
  let fi: ApiClient;
  beforeAll(async () => {
    server = await startTestServer({ engine, clock });
    fi = await newSignedIn(server, 'fi@example.eu', 'FI', 'coordinator');
  });
  afterAll(() => server?.close());

  const report = (key: string) =>
    fi.post<Incident>(
      '/api/incidents',
      { title: 'Cable cut', reportedBy: 'FI', occurredAt: '2026-11-28T08:00:00Z' },
      { 'idempotency-key': key },
    );

  it('replays within the day, forgets a key after it, hourly, and keeps the newer ones', async () => {
    const first = await report('old-key');
    expect(first.status).toBe(201);
    expect((await report('old-key')).headers.get('idempotent-replay')).toBe('true');

    clock.advance(23 * 3_600_000);
    await fi.login('fi@example.eu', PASSWORD);
    const recent = await report('recent-key');
    expect(recent.status).toBe(201);
    clock.advance(2 * 3_600_000);
    await fi.login('fi@example.eu', PASSWORD);

    await inWrite(server.platform, { actor: { userId: null, organisation: null } }, (w) =>
      scheduleKeyPruning(w, clock.now()),
    );
    const jobs = createJobs(server.platform);
    expect((await jobs.runDue()).done).toBeGreaterThanOrEqual(1);
    // The old key is forgotten: the same request with it is a new one. The recent key still replays.
    const again = await report('old-key');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replay')).toBeNull();
    expect(again.body.id).not.toBe(first.body.id);
    const replayed = await report('recent-key');
    expect(replayed.headers.get('idempotent-replay')).toBe('true');
    expect(replayed.body.id).toBe(recent.body.id);
    // The next pruning waits an hour.
    const next = await server.platform.db.kysely
      .selectFrom('jobs')
      .select('run_at')
      .where('kind', '=', IDEMPOTENCY_PRUNE_KIND)
      .where('state', '=', 'pending')
      .execute();
    expect(next.map((j) => new Date(j.run_at).getTime())).toEqual([clock.now().getTime() + 3_600_000]);
  });
});
