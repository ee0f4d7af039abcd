import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../../test/support/server.js';
import { findBadValue, MAX_JSON_DEPTH } from './hardening.js';

const deep = (levels: number) => `${'['.repeat(levels)}1${']'.repeat(levels)}`;

/** Sends raw bytes over a socket and returns what the server wrote back before closing. */
function raw(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString();
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('findBadValue', () => {
  it('names the first NUL character by its path, in values and in property names', () => {
    expect(findBadValue({ impacts: [{ memberState: 'F\u0000I' }] })).toMatchObject({
      path: ['impacts', 0, 'memberState'],
    });
    expect(findBadValue({ body: { 'a\u0000': 1 } })).toMatchObject({ path: ['body'] });
    expect(findBadValue({ text: 'plain', list: [1, 'two', null, true] })).toBeUndefined();
  });

  it('stops at the depth limit without recursing, however deep the value', () => {
    let value: unknown = 1;
    for (let i = 0; i < 200_000; i++) value = [value];
    expect(findBadValue(value)?.message).toContain(`deeper than ${MAX_JSON_DEPTH}`);
    let fine: unknown = 'leaf';
    for (let i = 0; i < MAX_JSON_DEPTH - 1; i++) fine = { next: fine };
    expect(findBadValue(fine)).toBeUndefined();
  });
});

describe.each(engines())('bad input at the edge on %s', (engine) => {
  let server: TestServer;
  let fi: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    await server.createUser({
      email: 'fi@example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
    });
    fi = new ApiClient(server.url);
    await fi.login('fi@example.eu', PASSWORD);
  });
  afterAll(() => server?.close());

  it('answers NUL characters in path, query and body with 400 naming the field', async () => {
    const inPath = await fi.get('/api/incidents/a%00b');
    expect(inPath.status).toBe(400);
    expect(inPath.body).toMatchObject({ error: { code: 'invalid', field: 'id' } });

    const inQuery = await fi.get('/api/search?q=cable%00');
    expect(inQuery.status).toBe(400);
    expect(inQuery.body).toMatchObject({ error: { code: 'invalid', field: 'q' } });

    const inBody = await fi.post('/api/incidents', {
      title: 'Cable',
      reportedBy: 'FI',
      occurredAt: '2026-11-28T08:00:00Z',
      impacts: [{ memberState: 'F\u0000I', level: 'significant' }],
    });
    expect(inBody.status).toBe(400);
    expect(inBody.body).toMatchObject({ error: { field: 'impacts[0].memberState' } });

    const inKey = await fi.post('/api/report-drafts', { body: { 'title\u0000': 'x' } });
    expect(inKey.status).toBe(400);
    expect(inKey.body).toMatchObject({ error: { field: 'body' } });
  });

  it('refuses a NUL character in an unauthenticated sign-in with 400, not a database error', async () => {
    const anon = new ApiClient(server.url);
    for (const body of [
      { email: 'fi@example.eu\u0000', password: PASSWORD },
      { email: 'fi@example.eu', password: `${PASSWORD}\u0000` },
    ]) {
      const res = await anon.post('/api/auth/login', body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'invalid' } });
    }
  });

  it('answers JSON nested 20,000 deep with 400, also with an Idempotency-Key, and stays up', async () => {
    for (const headers of [{}, { 'idempotency-key': 'deep-1' }] as Array<Record<string, string>>) {
      const res = await fi.request('POST', '/api/report-drafts', `{"body":{"x":${deep(20_000)}}}`, {
        'content-type': 'application/json',
        ...headers,
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        error: { code: 'invalid', field: expect.stringMatching(/^body\.x/) },
      });
    }
    expect((await fi.get('/api/health')).status).toBe(200);
  });

  it('answers router errors in the documented shape: a broken URL 400, an overlong id 414', async () => {
    const badUrl = await fi.get('/api/incidents/%zz');
    expect(badUrl.status).toBe(400);
    expect(badUrl.body).toEqual({ error: { code: 'invalid', message: expect.any(String) } });

    const long = await fi.get(`/api/incidents/${'a'.repeat(500)}`);
    expect(long.status).toBe(414);
    expect(long.body).toEqual({ error: { code: 'uri-too-long', message: expect.any(String) } });
  });

  it("answers what Node's HTTP parser refuses in the documented shape", async () => {
    const garbage = await raw(server.url, 'NOT HTTP AT ALL\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(garbage.slice(garbage.indexOf('\r\n\r\n') + 4))).toMatchObject({
      error: { code: 'invalid' },
    });

    const huge = await raw(
      server.url,
      `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(huge).toMatch(/^HTTP\/1\.1 431 /);
    expect(JSON.parse(huge.slice(huge.indexOf('\r\n\r\n') + 4))).toMatchObject({
      error: { code: 'headers-too-large' },
    });
    expect((await fi.get('/api/health')).status).toBe(200);
  });

  it('refuses a wall screen that asks for an API token with 403, creating nothing', async () => {
    const display = await fi.post<{ token: string }>('/api/display-tokens', { name: 'Ops room' });
    const wall = new ApiClient(server.url, { authorization: `Bearer ${display.body.token}` });
    const res = await wall.post('/api/me/tokens', { name: 'sneaky' });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'forbidden' } });
    // A wall screen shows no tokens either: it is refused before any token list is read.
    expect((await wall.get('/api/me/tokens')).status).toBe(403);
  });
});
