import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { MemberStateAvailability } from './availability-model.js';

describe.each(engines())("a member state's availability for EU asks over HTTP on %s", (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};

  beforeAll(async () => {
    server = await startTestServer({ engine });
    for (const [key, organisation, role] of [
      ['ee', 'EE', 'coordinator'],
      ['ee-viewer', 'EE', 'viewer'],
      ['ercc', 'ERCC', 'coordinator'],
      ['nato', 'NATO', 'coordinator'],
    ] as const) {
      await server.createUser({ email: `${key}@example.eu`, password: PASSWORD, organisation, role });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
  });
  afterAll(() => server?.close());

  const of = async (who: string, state: string) =>
    (
      await as[who]!.get<{ items: MemberStateAvailability[] }>('/api/member-states/availability')
    ).body.items.find((a) => a.memberState === state);

  it('is set by the state alone and shown to those who ask it', async () => {
    expect(await of('ercc', 'EE')).toEqual({
      memberState: 'EE',
      availability: 'normal',
      note: '',
      setAt: null,
    });
    const set = await as.ee!.request<MemberStateAvailability>('PUT', '/api/member-states/EE/availability', {
      availability: 'only-urgent',
      note: 'National grid restoration takes every engineer until Friday',
    });
    expect(set.status).toBe(200);
    expect(await of('ercc', 'EE')).toMatchObject({
      availability: 'only-urgent',
      note: 'National grid restoration takes every engineer until Friday',
    });
    expect(
      (await as.ercc!.request('PUT', '/api/member-states/EE/availability', { availability: 'normal' }))
        .status,
    ).toBe(403);
    expect(
      (
        await as['ee-viewer']!.request('PUT', '/api/member-states/EE/availability', {
          availability: 'normal',
        })
      ).status,
    ).toBe(403);
    expect(
      (await as.ee!.request('PUT', '/api/member-states/EE/availability', { availability: 'busy' })).status,
    ).toBe(400);
    expect(
      (await as.ee!.request('PUT', '/api/member-states/XX/availability', { availability: 'normal' })).status,
    ).toBe(404);
    expect((await as.nato!.get('/api/member-states/availability')).status).toBe(403);
  });
});
