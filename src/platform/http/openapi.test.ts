import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/support/engines.js';
import {
  loadDocument,
  type OpenApiDocument,
  responseChecker,
  type Schema,
} from '../../../test/support/openapi-check.js';
import {
  ApiClient,
  PASSWORD,
  signInEnrolled,
  startTestServer,
  type TestServer,
} from '../../../test/support/server.js';

function walk(value: unknown, visit: (schema: Schema) => void): void {
  if (Array.isArray(value)) for (const item of value) walk(item, visit);
  else if (value !== null && typeof value === 'object') {
    visit(value as Schema);
    for (const child of Object.values(value)) walk(child, visit);
  }
}

describe.each(engines())('the OpenAPI document on %s', (engine) => {
  let server: TestServer;
  let doc: OpenApiDocument;
  let fi: ApiClient;
  let admin: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    await server.createUser({
      email: 'fi@example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
    });
    await server.createUser({
      email: 'admin@example.eu',
      password: PASSWORD,
      organisation: 'ERCC',
      role: 'admin',
    });
    fi = new ApiClient(server.url);
    await fi.login('fi@example.eu', PASSWORD);
    admin = await signInEnrolled(server, 'admin@example.eu');
    doc = await loadDocument(server.app);
  });
  afterAll(() => server?.close());

  it('declares the error schema for every client error status, and successes with their real status', () => {
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const statuses = Object.keys(op.responses);
        expect(statuses, `${method} ${path}`).toContain('400');
        expect(
          statuses.filter((s) => s.startsWith('2')),
          `${method} ${path}`,
        ).toHaveLength(1);
        for (const status of statuses.filter((s) => s.startsWith('4'))) {
          expect(
            op.responses[status]?.content?.['application/json']?.schema,
            `${method} ${path} ${status}`,
          ).toEqual({
            $ref: '#/components/schemas/Error',
          });
        }
      }
    }
    expect(doc.components?.schemas?.Error).toMatchObject({ required: ['error'] });
    expect(Object.keys(doc.paths['/api/auth/logout']!.post!.responses)).toContain('204');
    expect(doc.paths['/api/auth/logout']!.post!.responses['204']!.content).toBeUndefined();
    expect(Object.keys(doc.paths['/api/incidents']!.post!.responses)).toContain('201');
  });

  it('describes the upload body, the stream, binary downloads and who needs no session', () => {
    const upload = doc.paths['/api/incidents/{id}/entries/{entryId}/attachments']!.post!;
    expect(upload.requestBody?.content).toEqual({
      'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
    });
    const stream = doc.paths['/api/stream']!.get!;
    expect(Object.keys(stream.responses['200']!.content!)).toEqual(['text/event-stream']);
    expect(Object.keys(stream.responses['401']!.content!)).toEqual(['application/json']);
    const pdf = doc.paths['/api/incidents/{id}/sitreps/{sitrepId}/pdf']!.get!;
    expect(Object.keys(pdf.responses['200']!.content!)).toEqual(['application/pdf']);
    // Interchange formats are declared in their own media types, as they are sent.
    const stix = doc.paths['/api/incidents/{id}/stix']!.get!;
    expect(Object.keys(stix.responses['200']!.content!)).toEqual(['application/stix+json;version=2.1']);
    expect(Object.keys(stix.responses['404']!.content!)).toEqual(['application/json']);
    const cap = doc.paths['/api/incidents/{id}/public-messages/{mid}/cap']!.get!;
    expect(Object.keys(cap.responses['200']!.content!)).toEqual(['application/cap+xml']);

    for (const path of ['/api/health', '/api/auth/login', '/api/auth/display']) {
      const op = Object.values(doc.paths[path]!)[0]!;
      expect(op.security, path).toEqual([]);
    }
    expect(doc.paths['/api/incidents']!.get!.security).toBeUndefined();
    expect(doc.security).toEqual([{ session: [] }, { bearer: [] }]);
  });

  it('lets null through every nullable enum', () => {
    let nullableEnums = 0;
    walk(doc, (schema) => {
      if (schema.nullable === true && Array.isArray(schema.enum)) {
        nullableEnums++;
        expect(schema.enum).toContain(null);
      }
    });
    expect(nullableEnums).toBeGreaterThan(0);
  });

  it('matches real answers, successes and errors alike', async () => {
    const checker = responseChecker(doc);
    const problems: string[] = [];
    const seen: string[] = [];
    const call = async (
      client: ApiClient | undefined,
      method: string,
      url: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) => {
      const res = await server.app.inject({
        method: method as 'GET',
        url,
        headers: {
          ...(client?.cookie ? { cookie: client.cookie } : {}),
          ...(body !== undefined && !Buffer.isBuffer(body) ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(body !== undefined ? { payload: Buffer.isBuffer(body) ? body : JSON.stringify(body) } : {}),
      });
      const path = url.split('?')[0]!;
      seen.push(`${method} ${path} ${res.statusCode}`);
      problems.push(
        ...checker.check(method, path, res.statusCode, res.headers['content-type'] as string, res.body),
      );
      return (res.body.startsWith('{') ? JSON.parse(res.body) : null) as unknown;
    };

    await call(undefined, 'GET', '/api/health');
    await call(undefined, 'GET', '/api/me');
    await call(undefined, 'POST', '/api/auth/login', {
      email: 'nobody@example.eu',
      password: 'wrong password',
    });
    await call(fi, 'GET', '/api/me');
    await call(fi, 'GET', '/api/registry');
    const incident = (await call(fi, 'POST', '/api/incidents', {
      title: 'Subsea cable cut',
      reportedBy: 'FI',
      occurredAt: '2026-11-28T08:00:00+02:00',
      impacts: [
        { memberState: 'FI', level: 'significant' },
        { memberState: 'EE', level: 'significant' },
      ],
    })) as { id: string };
    const id = incident.id;
    await call(fi, 'GET', '/api/incidents');
    await call(fi, 'GET', `/api/incidents/${id}`);
    await call(fi, 'GET', '/api/incidents/0190c2a5-7e34-7c4d-9f66-aaaaaaaaaaaa');
    await call(fi, 'POST', `/api/incidents/${id}/assessments`, { memberState: 'FI', level: 'minor' });
    await call(fi, 'POST', `/api/incidents/${id}/assessments`, { memberState: 'EE', level: 'minor' });
    const entry = (await call(fi, 'POST', `/api/incidents/${id}/entries`, {
      kind: 'note',
      text: 'Repair ship on its way',
      marking: 'TLP:AMBER',
      audience: ['FI', 'EE'],
    })) as { id: string };
    await call(fi, 'GET', `/api/incidents/${id}/entries`);
    await call(fi, 'GET', `/api/incidents/${id}/entries?order=desc&limit=1`);
    await call(fi, 'GET', `/api/incidents/${id}/entries/${entry.id}`);
    await call(fi, 'POST', `/api/incidents/${id}/entries/${entry.id}/reach`, { marking: 'TLP:GREEN' });
    const attachment = (await call(
      fi,
      'POST',
      `/api/incidents/${id}/entries/${entry.id}/attachments?name=route.pdf&marking=TLP:AMBER`,
      Buffer.from('%PDF-1.4 route'),
      { 'content-type': 'application/pdf' },
    )) as { id: string };
    await call(fi, 'GET', `/api/incidents/${id}/entries/${entry.id}/attachments/${attachment.id}`);
    await call(fi, 'GET', `/api/incidents/${id}/picture`);
    await call(fi, 'GET', `/api/incidents/${id}/export`);
    await call(fi, 'GET', `/api/incidents/${id}/stix`);
    await call(fi, 'GET', '/api/search?q=cable');
    const sitrep = (await call(fi, 'POST', `/api/incidents/${id}/sitreps`, { audience: ['FI', 'EE'] })) as {
      id: string;
    };
    await call(fi, 'GET', `/api/incidents/${id}/sitreps`);
    await call(fi, 'GET', `/api/incidents/${id}/sitreps/${sitrep.id}`);
    await call(fi, 'GET', `/api/incidents/${id}/sitreps/${sitrep.id}/pdf`);
    const draft = (await call(fi, 'POST', '/api/report-drafts', { body: { title: 'Half-written' } })) as {
      id: string;
    };
    await call(fi, 'GET', '/api/report-drafts');
    await call(fi, 'PUT', `/api/report-drafts/${draft.id}`, { body: { title: 'Still half-written' } });
    await call(fi, 'DELETE', `/api/report-drafts/${draft.id}`);
    await call(fi, 'POST', '/api/sharing-groups', { name: 'Baltic cell', members: ['FI', 'EE'] });
    await call(fi, 'GET', '/api/sharing-groups');
    await call(fi, 'GET', '/api/notifications');
    await call(fi, 'GET', '/api/contact-points');
    const token = (await call(fi, 'POST', '/api/me/tokens', { name: 'national system' })) as { id: string };
    await call(fi, 'GET', '/api/me/tokens');
    await call(fi, 'DELETE', `/api/me/tokens/${token.id}`);
    const display = (await call(fi, 'POST', '/api/display-tokens', { name: 'Ops room' })) as { id: string };
    await call(fi, 'GET', '/api/display-tokens');
    await call(fi, 'DELETE', `/api/display-tokens/${display.id}`);
    await call(fi, 'POST', '/api/incidents', { title: '' });
    await call(fi, 'POST', '/api/incidents', 'not json', { 'content-type': 'text/plain' });
    await call(fi, 'GET', `/api/incidents/${'a'.repeat(300)}`);
    await call(admin, 'GET', '/api/users');
    await call(admin, 'GET', '/api/audit');
    await call(admin, 'GET', '/api/incidents');

    expect(problems).toEqual([]);
    // The walk reached successes and errors, so both halves of the document were checked.
    expect(seen.filter((s) => / 2\d\d$/.test(s)).length).toBeGreaterThan(30);
    expect(seen.filter((s) => / 4\d\d$/.test(s)).length).toBeGreaterThan(4);
  });
});
