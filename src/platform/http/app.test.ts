import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../../test/support/server.js';

describe.each(engines())('HTTP platform on %s', (engine) => {
  let server: TestServer;
  let fi: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ engine, env: { BODY_LIMIT_BYTES: '4096' } });
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

  it('reports health with the engine in use', async () => {
    const res = await new ApiClient(server.url).get<{ status: string; database: string }>('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: engine });
  });

  it('serves an OpenAPI 3 document that lists the routes', async () => {
    const res = await new ApiClient(server.url).get<{ openapi: string; paths: Record<string, unknown> }>(
      '/api/openapi.json',
    );
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/incidents',
      '/api/incidents/{id}',
      '/api/auth/login',
      '/api/users',
      '/api/contact-points',
      '/api/health',
    ]) {
      expect(Object.keys(res.body.paths)).toContain(p);
    }
  });

  it('answers 401 on every other /api/ route without a session', async () => {
    const anon = new ApiClient(server.url);
    for (const [method, path] of [
      ['GET', '/api/me'],
      ['GET', '/api/incidents'],
      ['GET', '/api/incidents/x'],
      ['POST', '/api/incidents'],
      ['GET', '/api/users'],
      ['GET', '/api/contact-points'],
      ['GET', '/api/registry'],
      ['GET', '/api/nothing-here'],
    ] as const) {
      const res = await anon.request(method, path, method === 'POST' ? {} : undefined);
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.body).toMatchObject({ error: { code: 'unauthenticated' } });
    }
  });

  it('refuses a foreign Origin and serves clients that send none', async () => {
    const foreign = await fi.get('/api/me', { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({ error: { code: 'foreign-origin' } });
    const same = await fi.get('/api/me', { origin: server.url });
    expect(same.status).toBe(200);
    expect((await fi.get('/api/me')).status).toBe(200);
  });

  it('gives 413 for a body over the limit and 400 for broken JSON, never 500', async () => {
    const big = await fi.post('/api/incidents', {
      title: 'x'.repeat(5000),
      reportedBy: 'FI',
      occurredAt: '2026-01-01T00:00:00Z',
    });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ error: { code: 'payload-too-large' } });
    const broken = await fi.request('POST', '/api/incidents', '{"title": ', {
      'content-type': 'application/json',
    });
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ error: { code: 'invalid' } });
    const wrongType = await fi.request('POST', '/api/incidents', 'title=x', { 'content-type': 'text/plain' });
    expect(wrongType.status).toBe(415);
  });

  it('sets security headers and serves the web app at / without a redirect', async () => {
    const res = await fetch(`${server.url}/`, { redirect: 'manual' });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    if (server.app.hasRoute({ method: 'GET', url: '/index.html' })) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
    }
  });

  it('sets the same security headers on an API answer and on the live stream, which is written past Fastify', async () => {
    const api = await fetch(`${server.url}/api/health`);
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    const controller = new AbortController();
    const stream = await fetch(`${server.url}/api/stream`, {
      signal: controller.signal,
      headers: { cookie: fi.cookie! },
    });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    expect(stream.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(stream.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    controller.abort();
  });

  it('unknown API routes are 404 in the error format', async () => {
    const res = await fi.get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: 'not-found' } });
  });
});
