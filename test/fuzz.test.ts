import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from './support/engines.js';
import { broken, fitting, hugeString, nastyString, toJsonText } from './support/fuzz-inputs.js';
import {
  loadDocument,
  type OpenApiDocument,
  type Operation,
  responseChecker,
} from './support/openapi-check.js';
import { ApiClient, PASSWORD, signInEnrolled, startTestServer, type TestServer } from './support/server.js';

/**
 * Generated bad requests against every route of the OpenAPI document, as every kind of caller: the server must
 * answer each with a 4xx in the documented shape (or a success that matches the document), never a 5xx, and be
 * healthy afterwards. The seed is fixed so a failure reproduces; FUZZ_SEED and FUZZ_REQUESTS vary the run.
 */

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const LIMIT = 65_536;
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 4);

const ROLES = ['coordinator', 'viewer', 'org-admin', 'admin', 'display', 'anonymous'] as const;
type RoleName = (typeof ROLES)[number];

interface FuzzRequest {
  role: RoleName;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  how: string;
  /** The operation in the document this request was generated for. */
  operation: string;
}

/** Percent-encodes any string; a lone surrogate becomes the bytes of one, which is not valid UTF-8. */
function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeURIComponent(text.replace(/[\uD800-\uDFFF]/gu, '\uFFFD')).replaceAll(
      '%EF%BF%BD',
      '%ED%A0%80',
    );
  }
}

const badParam = fc.oneof(
  nastyString.map((s) => ({ text: encode(s), how: `param ${JSON.stringify(s)}` })),
  fc.constantFrom('%zz', '%', '%00', '%C0%AF', '%E0%A4%A', '..', '.', '%2F..%2F').map((s) => ({
    text: s,
    how: `raw param ${s}`,
  })),
  fc.integer({ min: 65, max: 400 }).map((n) => ({ text: 'a'.repeat(n), how: `param of ${n} characters` })),
);

const badContent = fc.oneof(
  fc
    .constantFrom(
      'text/plain',
      'application/xml',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
      'application/json; charset=utf-7',
      'application/jsonx',
      '*/*',
      'x'.repeat(300),
    )
    .map((type) => ({ type, text: '{"a":1}', how: `content type ${type.slice(0, 40)}` })),
  fc
    .constantFrom(
      '{"a":',
      '[1,2',
      'nul',
      '',
      ' ',
      '"\\u0000"',
      '{"__proto__":{"admin":true}}',
      '{"constructor":{"prototype":{"admin":true}}}',
      '\u0000',
      '1e999999',
      '{"a":1,"a":2}',
    )
    .map((text) => ({ type: 'application/json', text, how: `JSON text ${JSON.stringify(text)}` })),
  fc.constant({
    type: 'application/json',
    text: `"${'x'.repeat(LIMIT + 10)}"`,
    how: 'a body over the limit',
  }),
);

const badHeaders = fc.oneof(
  fc.constantFrom<[string, string]>(
    ['idempotency-key', ''],
    ['idempotency-key', 'k'.repeat(300)],
    ['idempotency-key', 'same-key'],
    ['origin', 'https://evil.example'],
    ['origin', 'null'],
    ['authorization', 'Bearer not-a-token'],
    ['authorization', 'Bearer bpd_forged'],
    ['authorization', `Bearer ${'t'.repeat(4000)}`],
    ['authorization', 'Basic YWRtaW46YWRtaW4='],
    ['cookie', 'bp_session=forged; bp_display=bpd_forged'],
    ['last-event-id', '-1'],
    ['last-event-id', '99999999999999999999'],
    ['accept-language', 'xx-YY;q=2,,,;'],
    ['x-forwarded-for', '1.2.3.4, 5.6.7.8'],
  ),
);

describe.each(engines())('fuzzing every documented route on %s', (engine) => {
  let server: TestServer;
  let doc: OpenApiDocument;
  const credentials: Record<RoleName, Record<string, string>> = {
    coordinator: {},
    viewer: {},
    'org-admin': {},
    admin: {},
    display: {},
    anonymous: {},
  };
  const known: Record<string, string[]> = {};

  beforeAll(async () => {
    server = await startTestServer({
      engine,
      // The general rate limit would answer most of the run with 429; it is tested on its own.
      env: {
        BODY_LIMIT_BYTES: String(LIMIT),
        ATTACHMENT_MAX_BYTES: String(LIMIT),
        API_RATE_LIMIT_PER_MINUTE: '0',
      },
    });
    const people: Array<[RoleName, string, 'coordinator' | 'viewer' | 'org-admin' | 'admin']> = [
      ['coordinator', 'FI', 'coordinator'],
      ['viewer', 'FI', 'viewer'],
      ['org-admin', 'FI', 'org-admin'],
      ['admin', 'ERCC', 'admin'],
    ];
    const clients: Partial<Record<RoleName, ApiClient>> = {};
    for (const [name, organisation, role] of people) {
      const email = `${name}@example.eu`;
      await server.createUser({ email, password: PASSWORD, organisation, role });
      if (role === 'admin' || role === 'org-admin') clients[name] = await signInEnrolled(server, email);
      else {
        clients[name] = new ApiClient(server.url);
        await clients[name].login(email, PASSWORD);
      }
      credentials[name] = { cookie: clients[name].cookie! };
    }
    const fi = clients.coordinator!;
    const display = await fi.post<{ token: string }>('/api/display-tokens', { name: 'Operations room' });
    credentials.display = { authorization: `Bearer ${display.body.token}` };

    const report = {
      title: 'Subsea cable cut',
      reportedBy: 'FI',
      occurredAt: '2026-11-28T08:00:00+02:00',
      impacts: [
        { memberState: 'FI', level: 'significant' },
        { memberState: 'EE', level: 'significant' },
      ],
    };
    const incident = await fi.post<{ id: string }>('/api/incidents', report);
    const other = await fi.post<{ id: string }>('/api/incidents', { ...report, title: 'Second cut' });
    const entry = await fi.post<{ id: string }>(`/api/incidents/${incident.body.id}/entries`, {
      kind: 'note',
      text: 'Repair ship on its way',
      marking: 'TLP:AMBER',
      audience: ['FI', 'EE'],
    });
    const attachment = await fi.request<{ id: string }>(
      'POST',
      `/api/incidents/${incident.body.id}/entries/${entry.body.id}/attachments?name=route.pdf&marking=TLP:AMBER`,
      Buffer.from('%PDF-1.4 route'),
      { 'content-type': 'application/pdf' },
    );
    const sitrep = await fi.post<{ id: string }>(`/api/incidents/${incident.body.id}/sitreps`, {
      audience: ['FI', 'EE'],
    });
    const draft = await fi.post<{ id: string }>('/api/report-drafts', { body: { title: 'Half-written' } });
    const group = await fi.post<{ id: string }>('/api/sharing-groups', {
      name: 'Baltic cell',
      members: ['FI', 'EE'],
    });
    const notifications = await fi.get<{ items: Array<{ id: string }> }>('/api/notifications');
    const ids = (...values: Array<string | undefined>) => values.filter((v): v is string => Boolean(v));
    known.id = ids(
      incident.body.id,
      other.body.id,
      draft.body.id,
      group.body.id,
      notifications.body.items?.[0]?.id,
    );
    known.entryId = ids(entry.body.id);
    known.attachmentId = ids(attachment.body.id);
    known.sitrepId = ids(sitrep.body.id);
    known.consultationId = [];
    known.organisation = ['FI', 'DE', 'ERCC', 'NATO', 'fi', 'EL', 'XK'];
    for (const [what, value] of Object.entries(known)) {
      if (what !== 'consultationId' && value.length === 0) throw new Error(`seeding ${what} failed`);
    }
    doc = await loadDocument(server.app);
  }, 120_000);
  afterAll(() => server?.close());

  /** One operation's bad requests: one part of the request broken (path, query, body, media type or headers). */
  function requestsFor(method: string, path: string, op: Operation): fc.Arbitrary<FuzzRequest> {
    const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
    const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
    const jsonBody = op.requestBody?.content['application/json']?.schema;
    const fileBody = op.requestBody?.content['application/octet-stream'];
    // Signing out would end the session every other request relies on.
    const roles = path === '/api/auth/logout' ? (['display', 'anonymous'] as const) : ROLES;

    const param = (name: string, broke: boolean) => {
      const pool = known[name] ?? [];
      const good = pool.length
        ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pool) }, fc.uuid())
        : fc.uuid();
      return broke ? badParam : good.map((text) => ({ text: encode(text), how: '' }));
    };
    const parts = ['path', 'query', 'body', 'content', 'headers', 'role'].filter(
      (part) =>
        (part !== 'path' || pathParams.length > 0) &&
        (part !== 'query' || queryParams.length > 0) &&
        (part !== 'body' || jsonBody || fileBody) &&
        (part !== 'content' || method !== 'GET'),
    );

    return fc.constantFrom(...parts).chain((broken_) =>
      fc
        .record({
          role: fc.constantFrom(...roles),
          params: fc.tuple(...pathParams.map((p) => param(p.name, broken_ === 'path')), fc.constant(null)),
          query: fc.tuple(
            ...queryParams.map((p) =>
              broken_ === 'query'
                ? fc.option(
                    fc.oneof(
                      nastyString,
                      hugeString,
                      fc.constant(['1', '2']),
                      fitting(doc, p.schema).map((v) =>
                        typeof v === 'object' ? JSON.stringify(v) : String(v),
                      ),
                    ),
                    { freq: 4 },
                  )
                : fc.option(fitting(doc, p.schema), { freq: 2 }),
            ),
            fc.constant(null),
          ),
          extraQuery: broken_ === 'query' ? fc.option(nastyString, { freq: 2 }) : fc.constant(null),
          body: jsonBody
            ? broken_ === 'body'
              ? broken(doc, jsonBody)
              : fitting(doc, jsonBody).map((value) => ({ value, how: '' }))
            : fc.constant(undefined),
          file: fc.oneof(
            fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
            fc.constant(Buffer.alloc(LIMIT + 1, 1)),
            fc.constant(Buffer.alloc(0)),
          ),
          fileType: fc.constantFrom('application/pdf', 'text/html', 'image/png; x="\\"', 'x/../../y', ''),
          content: broken_ === 'content' ? fc.option(badContent, { freq: 8 }) : fc.constant(undefined),
          header: broken_ === 'headers' ? badHeaders : fc.constant(undefined),
        })
        .map((r) => {
          let url = path;
          pathParams.forEach((p, i) => {
            url = url.replace(`{${p.name}}`, r.params[i]!.text);
          });
          const query: string[] = [];
          queryParams.forEach((p, i) => {
            const v = r.query[i];
            if (v === null || v === undefined) return;
            for (const one of Array.isArray(v) ? v : [v]) {
              query.push(`${p.name}=${encode(typeof one === 'object' ? JSON.stringify(one) : String(one))}`);
            }
          });
          if (r.extraQuery !== null) query.push(`unexpected=${encode(r.extraQuery)}`);
          if (query.length) url += `?${query.join('&')}`;

          const headers: Record<string, string> = { ...credentials[r.role] };
          let payload: string | Buffer | undefined;
          let how = r.params.map((p) => p?.how).find(Boolean) ?? '';
          if (fileBody) {
            payload = r.file;
            if (r.fileType) headers['content-type'] = r.fileType;
            if (broken_ === 'body') how = `file of ${r.file.length} bytes as ${r.fileType}`;
          } else if (r.body) {
            payload = toJsonText(r.body.value);
            headers['content-type'] = 'application/json';
            how ||= r.body.how;
          }
          if (r.content !== undefined) {
            if (r.content === null) {
              payload = '{"a":1}';
              delete headers['content-type'];
              how = 'a body without a content type';
            } else {
              payload = r.content.text;
              headers['content-type'] = r.content.type;
              how = r.content.how;
            }
          }
          if (r.header) {
            headers[r.header[0]] = r.header[1];
            how = `header ${r.header[0]}: ${r.header[1].slice(0, 40)}`;
          }
          if (broken_ === 'role') how = `as ${r.role}`;
          if (broken_ === 'query') how = `query ${url.split('?')[1]?.slice(0, 80) ?? ''}`;
          return {
            role: r.role,
            method,
            url,
            headers,
            ...(payload !== undefined ? { payload } : {}),
            how,
            operation: path,
          };
        }),
    );
  }

  it(`answers ${REQUESTS} generated bad requests with documented 4xx answers and stays healthy`, async () => {
    const checker = responseChecker(doc);
    const perOperation = Math.ceil(REQUESTS / checker.operations.length);
    const requests: FuzzRequest[] = [];
    checker.operations.forEach(({ method, path, operation }, i) => {
      requests.push(
        ...fc.sample(requestsFor(method, path, operation), { seed: SEED + i, numRuns: perOperation }),
      );
    });

    const failures: string[] = [];
    const statuses: Record<number, number> = {};
    const started = performance.now();
    let next = 0;
    // FUZZ_TIMING=1 prints where the time goes, to keep the run near a minute as routes are added.
    const timing: Record<string, number> | undefined = process.env.FUZZ_TIMING ? {} : undefined;
    const slowest: Array<[number, string]> = [];
    const send = async (r: FuzzRequest) => {
      const t0 = performance.now();
      await sendOne(r);
      if (timing) {
        const elapsed = performance.now() - t0;
        timing[r.operation] = (timing[r.operation] ?? 0) + elapsed;
        slowest.push([elapsed, `${r.method} ${r.url.slice(0, 100)} ${r.role} ${r.how.slice(0, 80)}`]);
      }
    };
    const sendOne = async (r: FuzzRequest) => {
      const path = r.url.split('?')[0]!;
      let status: number;
      let contentType: string | undefined;
      let body: string;
      if (path === '/api/stream') {
        // A stream that opens stays open: read its head over a real connection, then hang up.
        const abort = new AbortController();
        const res = await fetch(server.url + r.url, {
          method: r.method,
          headers: r.headers,
          signal: abort.signal,
        });
        status = res.status;
        contentType = res.headers.get('content-type') ?? undefined;
        body = status === 200 ? '' : await res.text();
        abort.abort();
        if (status === 200) {
          if (!contentType?.startsWith('text/event-stream')) failures.push(`stream answered ${contentType}`);
          statuses[status] = (statuses[status] ?? 0) + 1;
          return;
        }
      } else {
        const res = await server.app.inject({
          method: r.method as 'GET',
          url: r.url,
          headers: r.headers,
          ...(r.payload !== undefined ? { payload: r.payload } : {}),
        });
        status = res.statusCode;
        contentType = res.headers['content-type'] as string | undefined;
        body = res.body;
      }
      statuses[status] = (statuses[status] ?? 0) + 1;
      const problems = status >= 500 ? [`${status}: ${body.slice(0, 300)}`] : [];
      if (status < 500)
        problems.push(...checker.check(r.method, path, status, contentType, body, r.operation));
      for (const p of problems) {
        if (failures.length < 40)
          failures.push(`${r.method} ${r.url.slice(0, 160)} as ${r.role} (${r.how}): ${p}`);
      }
    };
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length) await send(requests[next++]!);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    if (timing)
      console.log(
        Object.entries(timing)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 15)
          .map(([k, v]) => `${k}: ${Math.round(v)} ms`)
          .join('\n'),
        slowest
          .sort((a, b) => b[0] - a[0])
          .slice(0, 25)
          .map(([t, d]) => `${Math.round(t)} ${d}`)
          .join('\n'),
      );
    console.log(
      `fuzz on ${engine}: ${requests.length} requests over ${checker.operations.length} operations in ${seconds.toFixed(1)} s (seed ${SEED}); statuses ${JSON.stringify(statuses)}`,
    );

    expect(failures).toEqual([]);
    expect(requests.length).toBeGreaterThanOrEqual(10_000);
    const health = await server.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    const me = await server.app.inject({ method: 'GET', url: '/api/me', headers: credentials.coordinator });
    expect(me.statusCode).toBe(200);
  }, 240_000);
});
