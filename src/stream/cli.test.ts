import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { SseClient } from '../../test/support/sse.js';
import { authenticate, signOut } from '../accounts/flows.js';
import { postEntry } from '../entries/flows.js';
import { type Entry, NewEntryRequest } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';
import type { Actor } from '../platform/actor.js';
import { loadConfig } from '../platform/config.js';
import type { Platform } from '../platform/context.js';
import { closePlatform, openPlatform } from '../server.js';

/**
 * A CLI command is another process on the same SQLite file, with no notifications between them: what it writes
 * must still reach the server's open streams (CONTRACT, Setup). A second platform stands in for that process.
 */
describe('writes of another process on the same SQLite file', () => {
  let server: TestServer;
  let cli: Platform;
  let fi: ApiClient;
  beforeAll(async () => {
    server = await startTestServer({ engine: 'sqlite' });
    await server.createUser({
      email: 'fi@example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
    });
    await server.createUser({
      email: 'de@example.eu',
      password: PASSWORD,
      organisation: 'DE',
      role: 'coordinator',
    });
    fi = new ApiClient(server.url);
    await fi.login('fi@example.eu', PASSWORD);
    cli = await openPlatform(loadConfig({ DATA_DIR: server.dataDir, LOG_LEVEL: 'silent' }), {
      logger: pino({ level: 'silent' }),
    });
  });
  afterAll(async () => {
    await closePlatform(cli);
    await server?.close();
  });

  const actorIn = async (platform: Platform, client: ApiClient): Promise<Actor> => {
    const sessionSecret = client.cookie!.split('=')[1]!;
    return (await authenticate(platform, { sessionSecret }, { touch: false }))!.actor;
  };

  it("reaches the server's open streams, and only their audience", async () => {
    const de = new ApiClient(server.url);
    await de.login('de@example.eu', PASSWORD);
    const deStream = new SseClient(`${server.url}/api/stream`, { cookie: de.cookie! });
    const fiStream = new SseClient(`${server.url}/api/stream`, { cookie: fi.cookie! });
    await deStream.open();
    await fiStream.open();
    const incident = (
      await fi.post<Incident>('/api/incidents', {
        title: 'CLI',
        reportedBy: 'FI',
        occurredAt: '2026-11-28T08:00:00Z',
      })
    ).body;
    const actor = await actorIn(cli, fi);
    const hidden = await postEntry(
      cli,
      actor,
      incident.id,
      NewEntryRequest.parse({ kind: 'note', text: 'FI only', marking: 'TLP:AMBER', audience: ['FI'] }),
    );
    const shared = await postEntry(
      cli,
      actor,
      incident.id,
      NewEntryRequest.parse({ kind: 'note', text: 'from the command line', marking: 'TLP:GREEN' }),
    );
    const got = await deStream.waitFor((e) => e.event === 'entry' && (e.data as Entry).id === shared.id);
    expect(got.data).toEqual((await de.get(`/api/incidents/${incident.id}/entries/${shared.id}`)).body);
    await fiStream.waitFor((e) => e.event === 'entry' && (e.data as Entry).id === hidden.id);
    expect(deStream.events.some((e) => JSON.stringify(e.data).includes(hidden.id))).toBe(false);
    deStream.close();
    fiStream.close();
  });

  it('ends a stream whose session another process ends', async () => {
    const tab = new ApiClient(server.url);
    await tab.login('de@example.eu', PASSWORD);
    const s = new SseClient(`${server.url}/api/stream`, { cookie: tab.cookie! });
    expect(await s.open()).toBe(200);
    await signOut(cli, await actorIn(cli, tab));
    await s.ended();
  });
});
