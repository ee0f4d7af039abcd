// Impossible facts are refused with a 400 naming the field: an occurrence more than a day after the platform's clock
// or before 2000, a negative duration or one over ten years. A day ahead (clock drift, a zone mixed up) still passes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { ManualClock } from '../platform/clock.js';

const NOW = '2026-12-01T12:00:00.000Z';

describe.each(engines())('plausible facts in a report on %s', (engine) => {
  let server: TestServer;
  const fi = () => client;
  let client: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ engine, clock: new ManualClock(NOW) });
    await server.createUser({
      email: 'fi@example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
    });
    client = new ApiClient(server.url);
    await client.login('fi@example.eu', PASSWORD);
  });
  afterAll(() => server?.close());

  const report = (occurredAt: string, durationHours?: number) =>
    fi().post<{ error?: { field?: string; message: string } }>('/api/incidents', {
      title: 'Grid disturbance',
      reportedBy: 'FI',
      occurredAt,
      sectors: [{ sector: 'energy', subsector: 'electricity' }],
      impacts: [
        {
          memberState: 'FI',
          level: 'significant',
          ...(durationHours === undefined ? {} : { durationHours }),
        },
      ],
    });

  it('refuses an occurrence more than a day ahead of the clock or before 2000, naming occurredAt', async () => {
    for (const occurredAt of [
      '2099-01-01T00:00:00Z',
      '2026-12-02T12:00:01Z',
      '1900-06-01T00:00:00Z',
      '1999-12-31T23:59:59Z',
    ]) {
      const refused = await report(occurredAt);
      expect(refused.status, occurredAt).toBe(400);
      expect(refused.body.error?.field).toBe('occurredAt');
    }
    for (const occurredAt of ['2026-12-02T11:59:00Z', '2025-06-01T00:00:00Z', '2000-01-01T00:00:00Z'])
      expect((await report(occurredAt)).status, occurredAt).toBe(201);
  });

  it('refuses a negative duration and one over ten years, naming the field', async () => {
    for (const hours of [-1, 87_661, 1e9]) {
      const refused = await report('2026-12-01T06:00:00Z', hours);
      expect(refused.status, String(hours)).toBe(400);
      expect(refused.body.error?.field).toBe('impacts[0].durationHours');
    }
    expect((await report('2026-12-01T06:00:00Z', 87_660)).status).toBe(201);
    expect((await report('2026-12-01T06:00:00Z', 12.5)).status).toBe(201);
  });
});
